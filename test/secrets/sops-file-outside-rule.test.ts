/**
 * A SOPS file whose path only the catch-all creation rule matches, but whose recipients and
 * encrypted_regex are exactly those of the cluster's rule (Ramblurr/home-ops: `flux/vars/global-secrets.yaml`
 * beside a rule for `k8s/cluster-test/.*\.sops.ya?ml$`). An outside review found SOPS_EXTRA_RECIPIENTS
 * telling to `sops updatekeys` it and rotate: that would strip the cluster's own key, the one Flux
 * decrypts with. The file sits outside the rule it was made under; its keys are right.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { secretsInventory } from '../../src/analysis/secrets/inventory.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

// Made-up recipients: an admin key every rule lists, and one key per cluster.
const ADMIN = 'age1adminfakefakefakefakefakefakefakefakefakefakefakefakefake0';
const TEST_CLUSTER = 'age1testclusterfakefakefakefakefakefakefakefakefakefakefake0';
const PROD_CLUSTER = 'age1prodclusterfakefakefakefakefakefakefakefakefakefakefake0';
const PGP = '0A1B2C3D4E5F60718293A4B5C6D7E8F901234567';
const REGEX = '((?i)(pass|secret($|[^N])|key|token|^data$|^stringData$|caBundle))';

const sopsConfig = `---
creation_rules:
  - key_groups:
    - age:
        - ${ADMIN}
        - ${TEST_CLUSTER}
      pgp:
        - ${PGP}
    path_regex: 'k8s/cluster-test/.*\\.sops.ya?ml$'
    encrypted_regex: '${REGEX}'
  - key_groups:
    - age:
        - ${ADMIN}
        - ${PROD_CLUSTER}
      pgp:
        - ${PGP}
    path_regex: 'k8s/cluster-prod/.*\\.sops.ya?ml$'
    encrypted_regex: '${REGEX}'
  - key_groups:
    - age:
        - ${ADMIN}
      pgp:
        - ${PGP}
`;

/** A Secret as sops writes it for `ages`, with `encrypted_regex` (fake ciphertext). */
const encrypted = (name: string, ages: readonly string[], regex: string | null = REGEX) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n    name: ${name}\n    namespace: flux-system\nstringData:\n    SECRET_DOMAIN: ENC[AES256_GCM,data:ZmFrZQ==,iv:ZmFrZQ==,tag:ZmFrZQ==,type:str]\nsops:\n    kms: []\n    gcp_kms: []\n    azure_kv: []\n    hc_vault: []\n    age:\n${ages.map((a) => `        - recipient: ${a}\n          enc: |\n            -----BEGIN AGE ENCRYPTED FILE-----\n            ZmFrZQ==\n            -----END AGE ENCRYPTED FILE-----\n`).join('')}    lastmodified: "2023-04-19T11:01:40Z"\n    mac: ENC[AES256_GCM,data:ZmFrZQ==,iv:ZmFrZQ==,tag:ZmFrZQ==,type:str]\n    pgp:\n        - created_at: "2023-02-23T14:27:02Z"\n          enc: fake\n          fp: ${PGP}\n${regex ? `    encrypted_regex: ${regex}\n` : '    unencrypted_suffix: _unencrypted\n'}    version: 3.7.3\n`;

describe('a SOPS file made under another creation rule than the one its path matches', () => {
  const repo = tempRepos(afterAll);
  const scan = async (name: string, file: string, text: string) => {
    const r = repo(name);
    r.put('.sops.yaml', sopsConfig);
    r.put('k8s/cluster-test/flux/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './k8s/cluster-test/flux', '  decryption:\n    provider: sops\n    secretRef:\n      name: sops-age\n'));
    r.put('k8s/cluster-test/flux/kustomization.yaml', 'resources:\n  - ./vars\n');
    r.put('k8s/cluster-test/flux/vars/kustomization.yaml', `resources:\n  - ./${file.split('/').at(-1)}\n`);
    r.put(file, text);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    return { findings: analyse(model, config).findings.filter((f) => f.code.startsWith('SOPS_')), inv: secretsInventory(model, config).result };
  };

  it('says it sits outside that rule, and never to re-key it away from the cluster key', async () => {
    const file = 'k8s/cluster-test/flux/vars/global-secrets.yaml';
    const { findings, inv } = await scan('outside-rule', file, encrypted('global-secrets', [ADMIN, TEST_CLUSTER]));
    expect(findings.map((f) => [f.code, f.severity, f.source.file])).toEqual([['SOPS_FILE_OUTSIDE_RULE', 'warning', file]]);
    const message = findings[0]!.message;
    expect(message).toContain('Encrypted as creation rule 1 of .sops.yaml declares (the same recipients and encrypted_regex)');
    expect(message).toContain("its path does not match that rule's path_regex `k8s/cluster-test/.*\\.sops.ya?ml$`");
    expect(message).toContain('creation rule 3 (no path_regex: every other file) governs it');
    expect(message).not.toMatch(/rotate/);
    const row = inv.sopsFiles.find((f) => f.file === file)!;
    expect([row.rule?.index, row.madeUnder?.index, row.extraRecipients, row.missingRecipients]).toEqual([2, 0, [], []]);
  });

  it('says where an earlier rule shadows the one it was made under', async () => {
    // The cluster's rule after a broader one for every `*.sops.yaml`: sops takes the first that matches.
    const r = repo('shadowed-rule');
    r.put('.sops.yaml', `creation_rules:\n  - path_regex: \\.sops\\.ya?ml$\n    encrypted_regex: '${REGEX}'\n    age: ${ADMIN}\n  - path_regex: k8s/cluster-test/.*\\.sops\\.ya?ml$\n    encrypted_regex: '${REGEX}'\n    age: ${ADMIN},${TEST_CLUSTER}\n`);
    r.put('k8s/cluster-test/flux/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './k8s/cluster-test/flux', '  decryption:\n    provider: sops\n'));
    r.put('k8s/cluster-test/flux/app.sops.yaml', encrypted('app', [ADMIN, TEST_CLUSTER]).replace(/    pgp:\n.*\n.*\n.*\n/, '    pgp: []\n'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings.filter((f) => f.code.startsWith('SOPS_'));
    expect(findings.map((f) => f.code)).toEqual(['SOPS_FILE_OUTSIDE_RULE']);
    expect(findings[0]!.message).toContain("its path matches that rule's path_regex `k8s/cluster-test/.*\\.sops\\.ya?ml$` too, but creation rule 1, earlier in the file, governs it");
    expect(findings[0]!.message).toContain('Move rule 2 before rule 1, or narrow rule 1');
  });

  it('without an exact fit, does not tell to remove a key another rule of the same config lists', async () => {
    // The prod cluster's key too: rule 1 does not fit exactly, but rule 2 lists that key.
    const file = 'k8s/cluster-test/flux/vars/shared.sops.yaml';
    const { findings } = await scan('extra-listed-elsewhere', file, encrypted('shared', [ADMIN, TEST_CLUSTER, PROD_CLUSTER]));
    expect(findings.map((f) => f.code)).toEqual(['SOPS_EXTRA_RECIPIENTS']);
    expect(findings[0]!.message).toContain('is listed by creation rule 2 (path_regex `k8s/cluster-prod/.*\\.sops.ya?ml$`)');
    expect(findings[0]!.message).toContain('if the file is meant for that rule, rename it to match its path_regex rather than re-key it');
    expect(findings[0]!.message).not.toContain('Run `sops updatekeys k8s/cluster-test/flux/vars/shared.sops.yaml` and rotate');
  });

  it('still advises updatekeys and rotation for a key no rule lists any more', async () => {
    const file = 'k8s/cluster-test/flux/vars/old.sops.yaml';
    const gone = 'age1retiredfakefakefakefakefakefakefakefakefakefakefakefake00';
    const { findings } = await scan('extra-retired', file, encrypted('old', [ADMIN, TEST_CLUSTER, gone]));
    expect(findings.map((f) => f.code)).toEqual(['SOPS_EXTRA_RECIPIENTS']);
    expect(findings[0]!.message).toContain('Run `sops updatekeys k8s/cluster-test/flux/vars/old.sops.yaml` and rotate the values.');
  });

  it('is not made under a rule whose encryption setting differs', async () => {
    // Rule 1's keys, but sops's default setting rather than rule 1's encrypted_regex: not evidently made under rule 1.
    const file = 'k8s/cluster-test/flux/vars/global-secrets.yaml';
    const { findings } = await scan('outside-rule-other-setting', file, encrypted('global-secrets', [ADMIN, TEST_CLUSTER], null));
    expect(findings.map((f) => f.code)).toEqual(['SOPS_EXTRA_RECIPIENTS']);
  });
});
