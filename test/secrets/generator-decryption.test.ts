import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * A secretGenerator that reads a SOPS-encrypted `.env` under a Flux Kustomization without
 * spec.decryption: the kustomize-controller decrypts a generator's files only with decryption set, so
 * the Secret holds the ciphertext and Flux reports success. SOPS_DECRYPTION_MISSING covered Secret
 * manifests only (an outside review).
 */
describe('a secretGenerator reading a SOPS file under a Kustomization without decryption', () => {
  const repo = tempRepos(afterAll);
  const env = ['ADMIN_TOKEN=ENC[AES256_GCM,data:abc=,iv:aaaa,tag:bbbb,type:str]', 'sops_age__list_0__map_recipient=age1examplerecipientxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'sops_lastmodified=2024-05-01T10:00:00Z', 'sops_mac=ENC[AES256_GCM,data:m,iv:aaaa,tag:bbbb,type:str]', 'sops_version=3.8.1', ''].join('\n');
  const decryption = '  decryption:\n    provider: sops\n    secretRef:\n      name: sops-age\n';

  const findings = async (name: string, spec: string, generator = 'secretGenerator') => {
    const r = repo(name);
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps', spec));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./vault\n');
    r.put('apps/vault/kustomization.yaml', `namespace: vault\nresources:\n  - cm.yaml\n${generator}:\n  - name: vault-secret\n    envs:\n      - secret.sops.env\n`);
    r.put('apps/vault/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: vault\ndata:\n  a: b\n');
    r.put('apps/vault/secret.sops.env', env);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    return analyse(model, config).findings.filter((f) => f.code === 'SOPS_DECRYPTION_MISSING');
  };

  it('is an error at the generator entry, naming the Kustomization', async () => {
    const found = await findings('generator-no-decryption', '');
    expect(found.map((f) => [f.severity, f.source.file, f.source.line])).toEqual([['error', 'apps/vault/kustomization.yaml', 7]]);
    expect(found[0]!.message).toContain('The secretGenerator "vault-secret" reads apps/vault/secret.sops.env, which is SOPS-encrypted, and Kustomization flux-system/apps (clusters/prod/apps.yaml:1), which builds it, has no spec.decryption');
  });

  it("advises the decryption block the repository's other Kustomizations use (a cloud KMS without a Secret), else sops-age", async () => {
    const r = repo('generator-decryption-advice');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('clusters/prod/infra.yaml', fluxKustomization('infra', './infra', '  decryption:\n    provider: sops\n'));
    r.put('infra/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: infra\n  namespace: default\ndata:\n  a: b\n');
    r.put('apps/kustomization.yaml', 'namespace: vault\nsecretGenerator:\n  - name: vault-secret\n    envs:\n      - secret.sops.env\n');
    r.put('apps/secret.sops.env', env);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'SOPS_DECRYPTION_MISSING');
    expect(found.map((f) => f.message.slice(f.message.indexOf('Add `')))).toEqual(['Add `decryption: {provider: sops}` to its spec.']);
    expect((await findings('generator-decryption-default', ''))[0]!.message).toContain('Add `decryption: {provider: sops, secretRef: {name: sops-age}}` to its spec.');
  });

  it('is silent with decryption, and for a configMapGenerator (never decrypted: no Secret is promised)', async () => {
    expect(await findings('generator-decryption', decryption)).toEqual([]);
    expect(await findings('configmap-generator', '', 'configMapGenerator')).toEqual([]);
  });
});
