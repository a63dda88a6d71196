/**
 * A secretGenerator's SOPS-encrypted `.env` (Flux decrypts it before kustomize runs) is a SOPS file
 * of the inventory: an outside review found a repository with a dozen of them and an inventory of two
 * SOPS files. Its recipients and key names are read from SOPS's dotenv and JSON formats; no value,
 * ciphertext or MAC leaves the scan.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { secretsInventory } from '../../src/analysis/secrets/inventory.ts';
import { loadConfig } from '../../src/config/load.ts';
import { renderSecretsMarkdown } from '../../src/lib/export/secrets-md.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const CANARY = 'CANARYsopsenv';
const repo = tempRepo('sops-generator-inputs');
afterAll(() => repo.remove());
repo.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps', '  decryption:\n    provider: sops\n    secretRef:\n      name: sops-age\n'));
repo.put('apps/kustomization.yaml', 'resources:\n  - ./vault\n');
repo.put(
  'apps/vault/kustomization.yaml',
  'namespace: vault\nresources:\n  - deployment.yaml\nsecretGenerator:\n  - name: vaultwarden-secret\n    envs:\n      - secret.sops.env\n  - name: vaultwarden-extra\n    files:\n      - extra.json=extra.sops.json\n',
);
repo.put(
  'apps/vault/deployment.yaml',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: vaultwarden\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: vaultwarden/server:1.32.0\n          envFrom:\n            - secretRef:\n                name: vaultwarden-secret\n',
);
repo.put(
  'apps/vault/secret.sops.env',
  [
    `ADMIN_TOKEN=ENC[AES256_GCM,data:${CANARY}1,iv:aaaa,tag:bbbb,type:str]`,
    `SMTP_PASSWORD=ENC[AES256_GCM,data:${CANARY}2,iv:aaaa,tag:bbbb,type:str]`,
    'sops_age__list_0__map_enc=-----BEGIN AGE ENCRYPTED FILE-----\\nCANARYsopsenv3\\n-----END AGE ENCRYPTED FILE-----\\n',
    'sops_age__list_0__map_recipient=age1examplerecipientxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    'sops_lastmodified=2024-05-01T10:00:00Z',
    `sops_mac=ENC[AES256_GCM,data:${CANARY}4,iv:aaaa,tag:bbbb,type:str]`,
    'sops_unencrypted_suffix=_unencrypted',
    'sops_version=3.8.1',
    '',
  ].join('\n'),
);
repo.put(
  'apps/vault/extra.sops.json',
  JSON.stringify({ smtp_user: `ENC[AES256_GCM,data:${CANARY}5,iv:a,tag:b,type:str]`, sops: { age: [{ recipient: 'age1secondrecipientxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', enc: CANARY }], lastmodified: '2024-06-01T00:00:00Z', mac: CANARY, version: '3.9.0' } }, null, 2),
);

const scanned = (async () => {
  const config = loadConfig(repo.root);
  return { model: (await scanRepo(repo.root, config)).model, config };
})();

describe('SOPS-encrypted generator inputs', () => {
  it('are SOPS files with their recipients, last change, key names and the Secret they become', async () => {
    const { model } = await scanned;
    expect(
      model.sopsFiles.map((f) => [f.file, f.meta.age, f.meta.lastmodified, f.meta.version, f.documents.map((d) => d.keys), f.generatedInto.map((g) => [g.name, g.key, g.env ?? false])]),
    ).toEqual([
      ['apps/vault/extra.sops.json', ['age1secondrecipientxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'], '2024-06-01T00:00:00Z', '3.9.0', [['smtp_user']], [['vaultwarden-extra', 'extra.json', false]]],
      ['apps/vault/secret.sops.env', ['age1examplerecipientxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'], '2024-05-01T10:00:00Z', '3.8.1', [['ADMIN_TOKEN', 'SMTP_PASSWORD']], [['vaultwarden-secret', '', true]]],
    ]);
  });

  it('are in the inventory, SECRETS.md and on the app page, with the workload that reads the Secret', async () => {
    const { model, config } = await scanned;
    const inv = secretsInventory(model, config).result;
    expect(inv.summary.sopsFiles).toBe(2);
    expect(renderSecretsMarkdown(inv)).toContain('becomes the keys of Secret vaultwarden-secret');
    const facts = appFacts(model, model.apps.find((a) => a.name === 'vault')!.id)!;
    expect(facts.secrets.sops.find((s) => s.file === 'apps/vault/secret.sops.env')!.objects).toEqual([
      { kind: 'Secret', name: 'vaultwarden-secret', keys: ['ADMIN_TOKEN', 'SMTP_PASSWORD'], usedBy: ['envFrom'] },
    ]);
  });

  it('never let a value, a data key or the MAC out', async () => {
    const { model, config } = await scanned;
    expect(JSON.stringify(model)).not.toContain(CANARY);
    expect(JSON.stringify(secretsInventory(model, config).result)).not.toContain(CANARY);
  });
});

describe('SOPS-marked generator inputs that are not what they seem', () => {
  it('plain values in a SOPS dotenv are SOPS_VALUE_NOT_ENCRYPTED (named only by an environment variable name, else by line); a key file with a stray sops line shows no text', async () => {
    const r = tempRepo('sops-generator-odd');
    try {
      r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
      r.put('apps/kustomization.yaml', 'secretGenerator:\n  - name: env\n    envs:\n      - secret.sops.env\n  - name: tls\n    files:\n      - tls.key\n');
      r.put(
        'apps/secret.sops.env',
        `API_KEY=ENC[AES256_GCM,data:${CANARY}6,iv:a,tag:b,type:str]\nDB_PASSWORD=${CANARY}7\nMIIEvQIBADANBgkqhkiG9w0B${CANARY}8==\nPUBLIC_URL_unencrypted=https://example.com\nsops_version=3.8.1\nsops_unencrypted_suffix=_unencrypted\n`,
      );
      r.put('apps/tls.key', `-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC${CANARY}9==\n-----END PRIVATE KEY-----\nsops_version=3.8.1\n`);
      const config = loadConfig(r.root);
      const { model } = await scanRepo(r.root, config);
      const inv = secretsInventory(model, config);
      expect(inv.result.sopsFiles.map((f) => [f.file, f.documents.map((d) => d.keys), f.plainValuePaths])).toEqual([
        ['apps/secret.sops.env', [['API_KEY']], ['DB_PASSWORD', 'line 3']],
        ['apps/tls.key', [[]], ['line 2']],
      ]);
      expect(inv.findings.filter((f) => f.code === 'SOPS_VALUE_NOT_ENCRYPTED').length).toBe(3);
      const out = JSON.stringify([model, inv]);
      for (const n of [6, 7, 8, 9]) expect(out).not.toContain(`${CANARY}${n}`);
      expect(out).not.toContain('MIIEvQ');
    } finally {
      r.remove();
    }
  });
});
