/**
 * A `.sops.yaml` in a folder governs the files below it (Flux's SOPS guide keeps one per cluster
 * folder, each with that cluster's key). An outside review found SOPS_MISSING_RECIPIENTS and
 * SOPS_EXTRA_RECIPIENTS ("rotate the values") on every secret of a cluster whose own `.sops.yaml`
 * lists exactly the key the secrets are encrypted for: only the root's config was read.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { secretsInventory } from '../../src/analysis/secrets/inventory.ts';
import { renderSecretsMarkdown } from '../../src/lib/export/secrets-md.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const ROOT_KEY = 'age1a0dq3r70k2aayp37vdk5dqn5zj6hyhrcz7llv5df7ave2yhst3zqljyvda';
const PROD_KEY = 'age1657w8lr7qkg8k22ya95avm88nf849dx6kc8w2gdaup7vz7ljv3ysmn0px7';
const config = (key: string, regex = '\\.secret\\.yaml$') => `creation_rules:\n  - path_regex: ${regex}\n    encrypted_regex: ^(data|stringData)$\n    age: ${key}\n`;
const encrypted = (name: string, key: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: flux-system\nstringData:\n  token: ENC[AES256_GCM,data:Qx0R72wZ,iv:RbPr9f,tag:1t9rsN,type:str]\nsops:\n  age:\n    - recipient: ${key}\n      enc: |\n        -----BEGIN AGE ENCRYPTED FILE-----\n        YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0\n        -----END AGE ENCRYPTED FILE-----\n  lastmodified: "2023-05-27T19:20:38Z"\n  mac: ENC[AES256_GCM,data:yQMK,iv:KgQJ,tag:mlfO,type:str]\n  encrypted_regex: ^(data|stringData)$\n  version: 3.7.3\n`;

describe('a folder’s own .sops.yaml', () => {
  const repo = tempRepos(afterAll);

  it('governs the files below it: no missing or extra recipient where they match it, paths relative to it', async () => {
    const r = repo('nested-sops');
    r.put('.sops.yaml', config(ROOT_KEY));
    r.put('clusters/prod/.sops.yaml', config(PROD_KEY, '^secrets/.*\\.secret\\.yaml$'));
    r.put('clusters/prod/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/prod', '  decryption:\n    provider: sops\n'));
    r.put('clusters/prod/secrets/token.secret.yaml', encrypted('webhook-token', PROD_KEY));
    // Under the root's config only: still judged by it.
    r.put('clusters/staging/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/staging', '  decryption:\n    provider: sops\n'));
    r.put('clusters/staging/token.secret.yaml', encrypted('staging-token', PROD_KEY));
    const cfg = parseConfig({});
    const { model } = await scanRepo(r.root, cfg);
    const findings = analyse(model, cfg).findings.filter((f) => f.code.startsWith('SOPS_'));
    expect(findings.map((f) => [f.code, f.source.file]).sort()).toEqual([
      ['SOPS_EXTRA_RECIPIENTS', 'clusters/staging/token.secret.yaml'],
      ['SOPS_MISSING_RECIPIENTS', 'clusters/staging/token.secret.yaml'],
    ]);
    const missing = findings.find((f) => f.code === 'SOPS_MISSING_RECIPIENTS')!;
    expect(missing.message).toContain('creation rule 1 of .sops.yaml declares');
    expect(missing.message).toContain('sops updatekeys clusters/staging/token.secret.yaml');
  });

  it('names its own file and the --config a command run at the root needs', async () => {
    const r = repo('nested-sops-missing');
    r.put('.sops.yaml', config(ROOT_KEY));
    r.put('clusters/prod/.sops.yaml', `creation_rules:\n  - path_regex: nothing-here\n    age: ${ROOT_KEY}\n${config(`${PROD_KEY},${ROOT_KEY}`).replace('creation_rules:\n', '')}`);
    r.put('clusters/prod/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/prod', '  decryption:\n    provider: sops\n'));
    r.put('clusters/prod/token.secret.yaml', encrypted('webhook-token', PROD_KEY));
    const cfg = parseConfig({});
    const { model } = await scanRepo(r.root, cfg);
    const findings = analyse(model, cfg).findings.filter((f) => f.code.startsWith('SOPS_'));
    expect(findings.map((f) => f.code)).toEqual(['SOPS_MISSING_RECIPIENTS']);
    expect(findings[0]!.message).toContain('creation rule 2 of clusters/prod/.sops.yaml declares');
    expect(findings[0]!.message).toContain('sops --config clusters/prod/.sops.yaml updatekeys clusters/prod/token.secret.yaml');
  });

  it('names the config of a rule in the inventory and SECRETS.md: a plain file under the folder’s config', async () => {
    const r = repo('nested-sops-inventory');
    r.put('.sops.yaml', config(ROOT_KEY));
    r.put('clusters/prod/.sops.yaml', config(PROD_KEY, '^secrets/'));
    r.put('clusters/prod/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/prod', '  decryption:\n    provider: sops\n'));
    r.put('clusters/prod/secrets/forgot.secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: forgot\n  namespace: flux-system\nstringData:\n  token: fixture-not-encrypted\n');
    const cfg = parseConfig({});
    const { model } = await scanRepo(r.root, cfg);
    const inv = secretsInventory(model, cfg).result;
    expect(inv.sopsRules.map((x) => [x.source.file, x.index])).toEqual([['.sops.yaml', 0], ['clusters/prod/.sops.yaml', 0]]);
    expect(inv.notEncrypted.map((n) => [n.file, n.rule.source.file])).toEqual([['clusters/prod/secrets/forgot.secret.yaml', 'clusters/prod/.sops.yaml']]);
    const md = renderSecretsMarkdown(inv);
    expect(md).toContain('clusters/prod/.sops.yaml 1: ^secrets/');
    expect(md).not.toContain('fixture-not-encrypted');
  });
});
