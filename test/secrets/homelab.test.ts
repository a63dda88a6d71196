import { describe, expect, it } from 'vitest';
import { countModel } from '../../src/analysis/counts.ts';
import { secretsInventory } from '../../src/analysis/secrets/inventory.ts';
import { EXAMPLE, scan } from './scan.ts';

/** Facts from examples/homelab/EXPECTED.md, section "Secrets". */
describe('secrets inventory of examples/homelab', async () => {
  const { model, config } = await scan(EXAMPLE);
  const { result: inv, findings } = secretsInventory(model, config);
  const codes = (code: string) => findings.filter((f) => f.code === code);

  it('counts what EXPECTED.md counts, the way countModel does', () => {
    expect(inv.summary).toMatchObject({ sopsFiles: 4, sopsDocuments: 4, externalSecrets: 9, secretStores: 1, plainSecrets: 2, hardcodedCredentials: 1 });
    const c = countModel(model);
    expect([inv.summary.sopsFiles, inv.summary.sopsDocuments, inv.summary.externalSecrets, inv.summary.secretStores, inv.summary.plainSecrets]).toEqual([
      c.sopsFiles, c.sopsEncryptedDocs, c.externalSecrets, c.secretStores, c.plainSecrets,
    ]);
  });

  it('finds the one under-recipient file and names the missing age key', () => {
    const under = inv.sopsFiles.filter((f) => f.missingRecipients.length > 0);
    expect(under.map((f) => f.file)).toEqual(['kubernetes/apps/observability/kube-prometheus-stack/app/alertmanager-secret.sops.yaml']);
    expect(under[0]!.recipients.map((r) => r.short)).toEqual(['age1styn76…hjq']);
    expect(under[0]!.missingRecipients.map((r) => r.short)).toEqual(['age1muq7xl…p53']);
    expect(under[0]!.rule).toMatchObject({ index: 0, pathRegex: 'kubernetes/.*\\.sops\\.ya?ml', source: { file: '.sops.yaml' } });
    const f = codes('SOPS_MISSING_RECIPIENTS');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warning', source: { file: under[0]!.file, line: 1 } });
    expect(f[0]!.message).toContain('sops updatekeys');
    expect(codes('SOPS_NOT_ENCRYPTED')).toEqual([]);
    expect(codes('SOPS_EXTRA_RECIPIENTS')).toEqual([]);
  });

  it('lists each SOPS file with its object, keys, metadata and app', () => {
    const longhorn = inv.sopsFiles.find((f) => f.file.endsWith('backup-target.sops.yaml'))!;
    expect(longhorn).toMatchObject({ appId: 'storage/longhorn', lastmodified: '2025-06-14T09:15:10Z', version: '3.9.4', encryptedRegex: '^(data|stringData)$' });
    // No namespace written in the file: the one its folder's build puts it in (kustomization.yaml's namespace:).
    expect(longhorn.documents).toEqual([{ kind: 'Secret', name: 'longhorn-backup-target', namespace: 'storage', keys: ['AWS_ACCESS_KEY_ID', 'AWS_ENDPOINTS', 'AWS_SECRET_ACCESS_KEY'] }]);
    expect(longhorn.recipients).toHaveLength(2);
  });

  it('tells the templated plain Secret and the example placeholder apart from leaks', () => {
    const n8n = inv.plainSecrets.find((p) => p.name === 'n8n-smtp')!;
    expect(n8n).toMatchObject({ status: 'templated', appId: 'productivity/n8n', templatedKeys: ['N8N_SMTP_PASS', 'N8N_SMTP_SENDER', 'N8N_SMTP_USER'], literalKeys: ['N8N_SMTP_HOST', 'N8N_SMTP_PORT'] });
    const example = inv.plainSecrets.find((p) => p.source.file === 'kubernetes/flux/vars/cluster-secrets.example.yaml')!;
    expect(example.status).toBe('example');
    expect(codes('PLAIN_SECRET')).toEqual([]);
    expect(codes('PLAIN_SECRET_TEMPLATED').map((f) => f.source)).toEqual([{ file: 'kubernetes/apps/productivity/n8n/app/secret.yaml', line: 3, col: 1, docIndex: 0 }]);
    expect(findings.some((f) => f.source.file.endsWith('.example.yaml'))).toBe(false);
  });

  it('lists the one hard-coded credential without reporting it a second time', () => {
    expect(inv.hardcodedCredentials).toEqual([
      { path: 'spec.values.adminPassword', source: expect.objectContaining({ file: 'kubernetes/apps/observability/grafana/app/helmrelease.yaml', line: 24 }), objectId: 'HelmRelease/observability/grafana', kind: 'HelmRelease', name: 'grafana', appId: 'observability/grafana' },
    ]);
    expect(codes('HARDCODED_CREDENTIAL')).toEqual([]);
    expect(model.findings.filter((f) => f.code === 'HARDCODED_CREDENTIAL')).toHaveLength(1);
  });

  it('shows a missing refreshInterval as the 1h default and flags exactly those', () => {
    expect(inv.summary).toMatchObject({ externalSecretsWithRefreshInterval: 4, externalSecretsWithoutRefreshInterval: 5 });
    const missing = inv.externalSecrets.filter((e) => !e.refreshIntervalSet).map((e) => e.name).sort();
    expect(missing).toEqual(['cloudflared-tunnel', 'grafana-oauth', 'k8up-repo', 'open-webui', 'paperless-volsync']);
    expect(inv.externalSecrets.find((e) => e.name === 'open-webui')!.refreshInterval).toBe('1h (default)');
    expect(inv.externalSecrets.find((e) => e.name === 'paperless')!.refreshInterval).toBe('15m');
    expect(codes('EXTERNALSECRET_NO_REFRESH_INTERVAL').map((f) => f.objectId).sort()).toEqual([
      'ExternalSecret/ai/open-webui', 'ExternalSecret/media/k8up-repo', 'ExternalSecret/network/cloudflared-tunnel', 'ExternalSecret/observability/grafana-oauth', 'ExternalSecret/productivity/paperless-volsync',
    ]);
  });

  it('resolves every ExternalSecret to the onepassword ClusterSecretStore and its app', () => {
    expect(inv.secretStores).toHaveLength(1);
    expect(inv.secretStores[0]).toMatchObject({ kind: 'ClusterSecretStore', name: 'onepassword', provider: 'onepassword' });
    expect(inv.secretStores[0]!.usedBy).toHaveLength(9);
    expect(inv.externalSecrets.every((e) => e.storeFound && e.stores.map((s) => s.name).join() === 'onepassword')).toBe(true);
    expect(inv.externalSecrets.find((e) => e.name === 'k8up-repo')!.appId).toBe('storage/k8up');
    const pg = inv.externalSecrets.find((e) => e.name === 'cloudnative-pg-superuser')!;
    expect(pg.data).toContainEqual({ secretKey: 'MINIO_ACCESS_KEY', remoteKey: 'minio', property: 'CNPG_ACCESS_KEY' });
    expect(inv.externalSecrets.find((e) => e.name === 'paperless')!.dataFrom).toEqual([{ extract: 'paperless', find: null }]);
    expect(codes('EXTERNALSECRET_STORE_MISSING')).toEqual([]);
  });

  it('orders the rotation table oldest first and takes git dates from the caller', () => {
    expect(inv.rotation.map((r) => r.lastmodified)).toEqual(['2025-03-22T21:05:37Z', '2025-06-14T09:12:44Z', '2025-06-14T09:15:10Z', '2025-09-03T18:40:02Z']);
    const withGit = secretsInventory(model, config, { gitLastChanged: { 'kubernetes/flux/vars/cluster-secrets.sops.yaml': '2025-07-01T12:00:00+02:00' } }).result;
    expect(withGit.rotation.find((r) => r.file === 'kubernetes/flux/vars/cluster-secrets.sops.yaml')!.gitChanged).toBe('2025-07-01T12:00:00+02:00');
    expect(withGit.sopsFiles.find((r) => r.file === 'kubernetes/flux/vars/cluster-secrets.sops.yaml')!.gitChanged).toBe('2025-07-01T12:00:00+02:00');
  });

  it('points at the hand-written SOPS notes', () => {
    expect(inv.recoveryDocs).toEqual(['docs/runbooks/rotate-sops-age-key.md', 'docs/sops/README.md']);
  });

  it('names recipients from configuration', () => {
    const named = secretsInventory(model, { sops: { recipients: { age1muq7xl9nts2gk7lklxvrqcgrz0lwcj8zm7sjucgpdz7qyqgd4xqppu9p53: 'offline recovery key' } } });
    const f = named.findings.find((x) => x.code === 'SOPS_MISSING_RECIPIENTS')!;
    expect(f.message).toContain('age1muq7xl…p53 (offline recovery key)');
  });

  it('is deterministic', () => {
    expect(JSON.stringify(secretsInventory(model, config))).toBe(JSON.stringify({ result: inv, findings }));
  });
});
