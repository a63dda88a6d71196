/**
 * Secrets other operators sync from outside stores: 1Password Connect (OnePasswordItem), Vault Secrets
 * Operator (VaultStaticSecret), the Secrets Store CSI driver (SecretProviderClass with secretObjects),
 * Bitwarden and Doppler. An app whose secrets all came from these had a secrets section saying nothing,
 * and a substituteFrom Secret made by a OnePasswordItem was "not in the repository". Each is in the
 * model, the inventory, SECRETS.md, the app page and its README, with the Secrets it makes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { secretsInventory } from '../../src/analysis/secrets/inventory.ts';
import { loadConfig } from '../../src/config/load.ts';
import { renderAppReadme } from '../../src/lib/export/app-readme.ts';
import { renderSecretsMarkdown } from '../../src/lib/export/secrets-md.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const repo = tempRepo('synced-secrets');
afterAll(() => repo.remove());

repo.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps', '  postBuild:\n    substituteFrom:\n      - kind: Secret\n        name: cluster-secrets\n'));
repo.put('clusters/home/kustomization.yaml', 'resources:\n  - apps.yaml\n  - cluster-secrets.yaml\n');
repo.put(
  'clusters/home/cluster-secrets.yaml',
  'apiVersion: onepassword.com/v1\nkind: OnePasswordItem\nmetadata:\n  name: cluster-secrets\n  namespace: flux-system\nspec:\n  itemPath: vaults/homelab/items/cluster-secrets\n',
);
repo.put('apps/kustomization.yaml', 'resources:\n  - ./wiki\n');
repo.put('apps/wiki/kustomization.yaml', 'namespace: wiki\nresources:\n  - deployment.yaml\n  - secrets.yaml\n');
repo.put(
  'apps/wiki/deployment.yaml',
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: wiki
spec:
  template:
    spec:
      containers:
        - name: wiki
          image: ghcr.io/example/wiki:1.2.3
          envFrom:
            - secretRef:
                name: wiki-db
          volumeMounts:
            - name: kv
              mountPath: /mnt/kv
      volumes:
        - name: kv
          csi:
            driver: secrets-store.csi.k8s.io
            volumeAttributes:
              secretProviderClass: wiki-kv
`,
);
repo.put(
  'apps/wiki/secrets.yaml',
  `apiVersion: secrets.hashicorp.com/v1beta1
kind: VaultStaticSecret
metadata:
  name: wiki-db
spec:
  type: kv-v2
  mount: kvv2
  path: wiki/db
  destination:
    name: wiki-db
    create: true
---
apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: wiki-kv
spec:
  provider: azure
  secretObjects:
    - secretName: wiki-tls
      type: kubernetes.io/tls
      data:
        - objectName: wiki-cert
          key: tls.key
        - objectName: wiki-cert
          key: tls.crt
---
apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: wiki-files
spec:
  provider: vault
---
apiVersion: k8s.bitwarden.com/v1
kind: BitwardenSecret
metadata:
  name: wiki-smtp
spec:
  organizationId: 00000000-0000-0000-0000-000000000000
  secretName: wiki-smtp
  map:
    - bwSecretId: 11111111-1111-1111-1111-111111111111
      secretKeyName: SMTP_PASSWORD
  authToken:
    secretName: bw-auth-token
    secretKey: token
---
apiVersion: secrets.doppler.com/v1alpha1
kind: DopplerSecret
metadata:
  name: wiki-doppler
spec:
  tokenSecret:
    name: doppler-token
  managedSecret:
    name: wiki-env
    namespace: wiki-jobs
  project: wiki
  config: prd
`,
);

const scanned = (async () => {
  const config = loadConfig(repo.root);
  return { model: (await scanRepo(repo.root, config)).model, config };
})();

describe('Secrets synced by other operators', () => {
  it('are modelled with who writes them, from where, and the Secrets they make', async () => {
    const { model } = await scanned;
    expect(model.syncedSecrets.map((s) => [s.id, s.operator, s.from, s.makes])).toEqual([
      ['BitwardenSecret/wiki/wiki-smtp', 'Bitwarden', null, [{ name: 'wiki-smtp', namespace: 'wiki', keys: ['SMTP_PASSWORD'] }]],
      ['DopplerSecret/wiki/wiki-doppler', 'Doppler', 'wiki/prd', [{ name: 'wiki-env', namespace: 'wiki-jobs', keys: [] }]],
      ['OnePasswordItem/flux-system/cluster-secrets', '1Password', 'vaults/homelab/items/cluster-secrets', [{ name: 'cluster-secrets', namespace: 'flux-system', keys: [] }]],
      ['SecretProviderClass/wiki/wiki-files', 'Secrets Store CSI', 'vault', []],
      ['SecretProviderClass/wiki/wiki-kv', 'Secrets Store CSI', 'azure', [{ name: 'wiki-tls', namespace: 'wiki', keys: ['tls.key', 'tls.crt'] }]],
      ['VaultStaticSecret/wiki/wiki-db', 'Vault', 'kvv2/wiki/db', [{ name: 'wiki-db', namespace: 'wiki', keys: [] }]],
    ]);
  });

  it('make the Secret a Kustomization substitutes from: no SUBSTITUTE_FROM_MISSING', async () => {
    const { model } = await scanned;
    expect(model.findings.map((f) => f.code)).not.toContain('SUBSTITUTE_FROM_MISSING');
  });

  it('are counted and listed in the secrets inventory and SECRETS.md', async () => {
    const { model, config } = await scanned;
    const inv = secretsInventory(model, config).result;
    expect(inv.summary.syncedSecrets).toBe(6);
    const md = renderSecretsMarkdown(inv);
    expect(md).toContain('| Synced by other operators (1Password, Vault, CSI ...) | 6 |');
    expect(md).toContain('| VaultStaticSecret wiki/wiki-db | Vault | kvv2/wiki/db | Secret wiki-db | wiki/wiki |');
    expect(md).toContain('| Secret wiki-jobs/wiki-env |');
    expect(md).toContain('files mounted into pods (no Secret)');
  });

  it('show on the app page and its README with the workload that uses each Secret', async () => {
    const { model } = await scanned;
    const facts = appFacts(model, 'wiki/wiki')!;
    expect(facts.secrets.synced.map((s) => [s.kind, s.name, s.makes.map((m) => [m.name, m.usedBy])])).toEqual([
      ['BitwardenSecret', 'wiki-smtp', [['wiki-smtp', []]]],
      ['DopplerSecret', 'wiki-doppler', [['wiki-env', []]]],
      ['SecretProviderClass', 'wiki-files', []],
      ['SecretProviderClass', 'wiki-kv', [['wiki-tls', []]]],
      ['VaultStaticSecret', 'wiki-db', [['wiki-db', ['envFrom']]]],
    ]);
    expect(renderAppReadme(facts, { repoUrl: null })).toContain('| VaultStaticSecret (Vault) | wiki-db | – | apps/wiki/secrets.yaml:1 |');
  });
});
