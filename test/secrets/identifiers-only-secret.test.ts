/**
 * A plain Secret that holds only identifiers (client, tenant, subscription ids), switches and plain
 * addresses commits no credential: a public review found the Azure Service Operator's
 * workload-identity Secret (AZURE_CLIENT_ID, AZURE_SUBSCRIPTION_ID, AZURE_TENANT_ID,
 * USE_WORKLOAD_IDENTITY_AUTH) reported as PLAIN_SECRET, "rotate those values". A switch is one by
 * its value, an address has no user info; any other key (a secret, an unknown one) keeps the error.
 * The values are still wiped.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { secretsInventory } from '../../src/analysis/secrets/inventory.ts';
import { parseConfig } from '../../src/config/load.ts';
import { isPublicSetting, secretVerdict } from '../../src/repo/scrub-rules.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const CLIENT = '3f2a9c1e-7b4d-4e8a-9c2f-1a6b5d8e0f47';
const TENANT = '8d1e4b7a-2c9f-4a3e-b6d5-0e7f1a2b3c4d';
const SUBSCRIPTION = 'c5b7e9a1-4d3f-4b2e-8a6c-9f0d1e2a3b5c';
const CLIENT_SECRET = 'Qx8~kLm2.Wv7Rt4-Zp9Nc3Yb6Hj1Df5Gs0Aa';

const secret = (name: string, data: Record<string, string>) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: azureserviceoperator-system\ntype: Opaque\ndata:\n${Object.entries(data).map(([k, v]) => `  ${k}: ${v}\n`).join('')}`;
const ASO = { AZURE_CLIENT_ID: b64(CLIENT), AZURE_SUBSCRIPTION_ID: b64(SUBSCRIPTION), AZURE_TENANT_ID: b64(TENANT), USE_WORKLOAD_IDENTITY_AUTH: b64('true') };

describe('a Secret of identifiers only', () => {
  const repo = tempRepos(afterAll);

  it('tells a switch and a plain address by key and value together', () => {
    expect(isPublicSetting('USE_WORKLOAD_IDENTITY_AUTH', 'true')).toBe(true);
    expect(isPublicSetting('enableMetrics', 'false')).toBe(true);
    expect(isPublicSetting('API_URL', 'https://api.example.org/v1')).toBe(true);
    expect(isPublicSetting('USE_WORKLOAD_IDENTITY_AUTH', CLIENT_SECRET)).toBe(false);
    expect(isPublicSetting('USE_TOKEN', 'true')).toBe(false);
    expect(isPublicSetting('DATABASE_URL', 'postgres://app:hunter2@db.example.org/app')).toBe(false);
    expect(isPublicSetting('API_URL', 'https://api.example.org/v1?token=abc')).toBe(false);
    expect(isPublicSetting('WEBHOOK_URL', 'https://hooks.example.org/notify')).toBe(false);
    // A path segment may be the secret itself (an ntfy topic, a snitch id): only a host, or a version (code review).
    expect(isPublicSetting('NTFY_URL', 'https://ntfy.sh/homelab-backup-alerts')).toBe(false);
    expect(isPublicSetting('SNITCH_URL', 'https://nosnch.in/c2354d53d2')).toBe(false);
    expect(isPublicSetting('API_ENDPOINT', 'https://api.example.org/api/v2')).toBe(true);
    expect(isPublicSetting('FEATURE', 'true')).toBe(false);
    // A Flux Provider's `address` to a Service in the cluster, a path of words (outside review: an error).
    expect(isPublicSetting('address', 'http://kube-prometheus-stack-alertmanager.monitoring.svc.cluster.local:9093/api/v2/alerts')).toBe(true);
    expect(isPublicSetting('address', 'http://alertmanager.monitoring.svc:9093/api/v2/alerts')).toBe(true);
    // Not a public host with a path, nor user info, nor a token-like segment, nor https to a public host's path.
    expect(isPublicSetting('address', 'http://ntfy.sh/homelab-backup-alerts')).toBe(false);
    expect(isPublicSetting('address', 'http://user:hunter2@alertmanager.monitoring.svc:9093/')).toBe(false);
    expect(isPublicSetting('address', 'http://hook.monitoring.svc/services/T01ABCDEF/B02GHIJKL/Xq8vLp2RkT9mWz4NbH8sYc3d')).toBe(false);
    expect(isPublicSetting('address', 'https://discord.com/api/webhooks/123456789012345678/AbCdEf')).toBe(false);
    // Under data: base64-encoded; without a key (a list item) never.
    expect(secretVerdict(b64('true'), 'USE_WORKLOAD_IDENTITY_AUTH')?.reason).toBe('secret-public');
    expect(secretVerdict(b64('true'))?.reason).toBe('secret-data');
    expect(secretVerdict(CLIENT, 'AZURE_CLIENT_ID')?.reason).toBe('secret-data');
  });

  it('makes no PLAIN_SECRET; a secret, an unknown key, a value that is no switch, an address with user info do', async () => {
    const r = repo('identifiers-only');
    r.put('flux/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', `resources:\n${['aso', 'with-secret', 'with-unknown', 'not-a-switch', 'addresses', 'dsn'].map((n) => `  - ./${n}.yaml\n`).join('')}`);
    r.put('apps/aso.yaml', secret('aso-credential', ASO));
    r.put('apps/with-secret.yaml', secret('aso-with-secret', { ...ASO, AZURE_CLIENT_SECRET: b64(CLIENT_SECRET) }));
    r.put('apps/with-unknown.yaml', secret('aso-with-unknown', { ...ASO, AZURE_EXTRA: b64(CLIENT_SECRET) }));
    r.put('apps/not-a-switch.yaml', secret('aso-not-a-switch', { ...ASO, USE_WORKLOAD_IDENTITY_AUTH: b64(CLIENT_SECRET) }));
    r.put('apps/addresses.yaml', secret('addresses', { AZURE_TENANT_ID: b64(TENANT), API_URL: b64('https://api.acme-cloud.io/v1'), AZURE_AUTHORITY_HOST_URI: b64('https://login.microsoftonline.com/') }));
    r.put('apps/dsn.yaml', secret('dsn', { AZURE_TENANT_ID: b64(TENANT), DATABASE_URL: b64('postgres://app:Hq3vN8sLp2Wx7Zk5@db.example.org/app') }));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const plain = analyse(model, config).findings.filter((f) => f.code.startsWith('PLAIN_SECRET')).map((f) => `${f.code} ${f.source.file}`);
    expect(plain).toEqual(['PLAIN_SECRET apps/dsn.yaml', 'PLAIN_SECRET apps/not-a-switch.yaml', 'PLAIN_SECRET apps/with-secret.yaml', 'PLAIN_SECRET apps/with-unknown.yaml']);
    const rows = secretsInventory(model, config).result.plainSecrets;
    expect(rows.filter((p) => p.status === 'public').map((p) => p.name).sort()).toEqual(['addresses', 'aso-credential']);
    const text = JSON.stringify(model);
    for (const v of [CLIENT, TENANT, SUBSCRIPTION, CLIENT_SECRET, b64(CLIENT), b64('true'), 'api.acme-cloud.io']) expect(text).not.toContain(v);
  });
});

describe('a Ceph CSI Secret: userID / adminID name the client the key logs in as', () => {
  const repo = tempRepos(afterAll);
  const ceph = (name: string, data: Record<string, string>) =>
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: ceph-csi\ntype: Opaque\nstringData:\n${Object.entries(data).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}\n`).join('')}`;
  const KEY = 'AQBv8mRlq3DqGhAAx9Wk2pLz5Rt7Nc4Yb1Hj6w==';

  it('is an example while the key is a placeholder, and a PLAIN_SECRET once the key is written', async () => {
    const r = repo('ceph-csi');
    r.put('flux/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./placeholder.yaml\n  - ./admin-placeholder.yaml\n  - ./written.yaml\n');
    r.put('apps/placeholder.yaml', ceph('csi-rbd-secret', { userID: 'k3s', userKey: 'YOUR_CEPH_USER_KEY' }));
    r.put('apps/admin-placeholder.yaml', ceph('csi-cephfs-secret', { adminID: 'admin', adminKey: '<ceph-admin-key>' }));
    r.put('apps/written.yaml', ceph('csi-rbd-written', { userID: 'k3s', userKey: KEY }));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const plain = analyse(model, config).findings.filter((f) => f.code.startsWith('PLAIN_SECRET')).map((f) => `${f.code} ${f.severity} ${f.source.file}`);
    expect(plain).toEqual(['PLAIN_SECRET error apps/written.yaml']);
    const rows = secretsInventory(model, config).result.plainSecrets;
    expect(Object.fromEntries(rows.map((p) => [p.name, p.status]))).toEqual({ 'csi-rbd-secret': 'example', 'csi-cephfs-secret': 'example', 'csi-rbd-written': 'real' });
    expect(JSON.stringify(model)).not.toContain(KEY);
  });
});
