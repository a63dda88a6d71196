/**
 * `ENC[AES256_GCM,...]` values in a Secret whose `sops:` block is gone (copied out of an encrypted
 * file, the block deleted by hand): nothing can decrypt them, and the kustomize-controller, which
 * decrypts only documents carrying the block, applies the ENC[...] text as the value. An outside
 * review found it described as "written as ${VAR}" (PLAIN_SECRET_TEMPLATED).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { secretsInventory } from '../../src/analysis/secrets/inventory.ts';
import { renderSecretsMarkdown } from '../../src/lib/export/secrets-md.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const FAKE = 'ENC[AES256_GCM,data:ZmFrZWZha2U=,iv:ZmFrZQ==,tag:ZmFrZQ==,type:str]';

describe('SOPS ciphertext in a Secret without its sops: block', () => {
  const repo = tempRepos(afterAll);
  const scan = async (name: string, secret: string) => {
    const r = repo(name);
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('web', './apps/web', '  decryption:\n    provider: sops\n'));
    r.put('apps/web/kustomization.yaml', 'namespace: web\nresources:\n  - secret.yaml\n');
    r.put('apps/web/secret.yaml', secret);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    return { findings: analyse(model, config).findings.filter((f) => f.area === 'secrets'), inv: secretsInventory(model, config).result };
  };

  it('is a warning that it cannot be decrypted, not a ${VAR} template', async () => {
    const { findings, inv } = await scan('enc-no-metadata', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: enc-without-metadata\nstringData:\n  password: ${FAKE}\n`);
    expect(findings.map((f) => [f.code, f.severity, f.objectId])).toEqual([['SOPS_CIPHERTEXT_WITHOUT_METADATA', 'warning', 'Secret/web/enc-without-metadata']]);
    expect(findings[0]!.message).toContain('holds SOPS ciphertext (ENC[...]) under password, but the document has no sops: block');
    expect(findings[0]!.message).toContain('the kustomize-controller applies the ENC[...] text itself as the value');
    const row = inv.plainSecrets.find((p) => p.name === 'enc-without-metadata')!;
    expect([row.status, row.templatedKeys, row.ciphertextKeys]).toEqual(['ciphertext', [], ['password']]);
    expect(inv.summary.plainSecretsByStatus.ciphertext).toBe(1);
    const md = renderSecretsMarkdown(inv);
    expect(md).toContain('| web/enc-without-metadata | ciphertext | password | – |');
    expect(md).toContain('| Secrets holding SOPS ciphertext without a sops: block (not decryptable) | 1 |');
    expect(md).not.toContain('ZmFrZWZha2U');
  });

  it('keeps the other keys’ judgement: a ${VAR} beside it is still a template', async () => {
    const { findings } = await scan('enc-no-metadata-mixed', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: mixed\nstringData:\n  password: ${FAKE}\n  username: \${APP_USER}\n`);
    expect(findings.map((f) => f.code).sort()).toEqual(['PLAIN_SECRET_TEMPLATED', 'SOPS_CIPHERTEXT_WITHOUT_METADATA']);
    expect(findings.find((f) => f.code === 'PLAIN_SECRET_TEMPLATED')!.message).toMatch(/^Secret "mixed" is unencrypted by design: username is/);
  });
});
