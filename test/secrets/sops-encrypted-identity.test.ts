/**
 * SOPS files encrypted whole (a `.sops.yaml` without encrypted_regex): apiVersion, kind, name and
 * namespace are ciphertext, each with its own IV, so no two documents share an identity, before
 * decryption (kustomize compares the strings) or after. The reader redacts them all alike; they were
 * taken for one object, and the build for one kustomize refuses (outside review: three false
 * "already in this build" errors, and every app of the repository not deployed, so not checked).
 * kubectl kustomize, the oracle where installed, builds the folder.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { kubectlKustomize } from '../support/kubectl.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/** A whole-file SOPS document: every value ciphertext (made-up base64, distinct per file). */
const encrypted = (seed: string) => {
  const enc = (n: number) => `ENC[AES256_GCM,data:${Buffer.from(`${seed}-${n}-value`).toString('base64')},iv:${Buffer.from(`${seed}${n}iv-0123456789`).toString('base64')},tag:${Buffer.from(`${seed}${n}tag`).toString('base64')},type:str]`;
  return `apiVersion: ${enc(1)}\nkind: ${enc(2)}\nmetadata:\n  name: ${enc(3)}\n  namespace: ${enc(4)}\nstringData:\n  token: ${enc(5)}\nsops:\n  age:\n    - recipient: age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq\n      enc: |\n        -----BEGIN AGE ENCRYPTED FILE-----\n        YWdl\n        -----END AGE ENCRYPTED FILE-----\n  lastmodified: "2025-01-01T00:00:00Z"\n  mac: ${enc(6)}\n  version: 3.9.1\n`;
};

describe('SOPS documents encrypted whole', () => {
  const repo = tempRepos(afterAll);

  it('are no duplicates of one another: no build error, no DUPLICATE_OBJECT, the app deployed', async () => {
    const r = repo('sops-encrypted-identity');
    bootstrap(r, 'prod');
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps', '  decryption:\n    provider: sops\n    secretRef:\n      name: sops-age\n'));
    r.put('apps/kustomization.yaml', 'resources:\n  - auth\n  - dns\n');
    r.put('apps/auth/kustomization.yaml', 'resources:\n  - token.enc.yaml\n  - values.enc.yaml\n  - deployment.yaml\n');
    r.put('apps/auth/token.enc.yaml', encrypted('a'));
    r.put('apps/auth/values.enc.yaml', encrypted('b'));
    r.put('apps/auth/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: auth\n  namespace: auth\nspec:\n  template:\n    spec:\n      containers:\n        - name: auth\n          image: auth:1.0\n');
    r.put('apps/dns/kustomization.yaml', 'resources:\n  - token.enc.yaml\n');
    r.put('apps/dns/token.enc.yaml', encrypted('c'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings;
    expect(findings.filter((f) => f.severity === 'error' || f.code === 'DUPLICATE_OBJECT').map((f) => `${f.code} ${f.source.file}`)).toEqual([]);
    expect(model.apps.find((a) => a.objects.includes('Deployment/auth/auth'))?.notDeployed ?? null).toBeNull();
    const built = kubectlKustomize(join(r.root, 'apps'));
    if (built !== 'absent') expect(built).not.toBe('failed');
  });
});
