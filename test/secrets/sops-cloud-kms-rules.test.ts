/**
 * `.sops.yaml` creation rules name keys of every kind sops encrypts for: age and PGP, and AWS KMS,
 * GCP KMS, Azure Key Vault and Vault transit keys. An outside review found only age, pgp and kms
 * read: a rule with `gcp_kms:` beside `age:` showed on the secrets page as "for age1…" alone, and a
 * file encrypted for the age key only, under a rule listing GCP, Azure, Vault and age keys, had no
 * missing recipient (no SOPS_MISSING_RECIPIENTS). Rule keys are now read as sops reads them
 * (config/config.go) and spelled as the file's own `sops:` metadata is, so the two compare.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { secretsInventory } from '../../src/analysis/secrets/inventory.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const AGE = 'age1a0dq3r70k2aayp37vdk5dqn5zj6hyhrcz7llv5df7ave2yhst3zqljyvda';
const GCP = 'projects/atlas/locations/global/keyRings/sops/cryptoKeys/sops-key';
const AWS = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const AWS_ROLE = 'arn:aws:iam::111122223333:role/sops';
const AZURE_VAULT = 'https://atlas.vault.azure.net';
const VAULT = 'https://vault.example.com:8200';

const ENC = '      enc: |\n        -----BEGIN AGE ENCRYPTED FILE-----\n        YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0\n        -----END AGE ENCRYPTED FILE-----\n';
const blocks = {
  age: `  age:\n    - recipient: ${AGE}\n${ENC}`,
  gcp: `  gcp_kms:\n    - resource_id: ${GCP}\n      created_at: "2024-05-01T10:00:00Z"\n      enc: CiQAfakeciphertext\n`,
  aws: `  kms:\n    - arn: ${AWS}\n      role: ${AWS_ROLE}\n      created_at: "2024-05-01T10:00:00Z"\n      enc: AQICAHfakeciphertext\n      aws_profile: ""\n`,
  azure: `  azure_kv:\n    - vault_url: ${AZURE_VAULT}\n      name: sops-key\n      version: 0123456789abcdef0123456789abcdef\n      created_at: "2024-05-01T10:00:00Z"\n      enc: fakeciphertext\n`,
  vault: `  hc_vault:\n    - vault_address: ${VAULT}\n      engine_path: sops\n      key_name: atlas\n      created_at: "2024-05-01T10:00:00Z"\n      enc: vault:v1:fakeciphertext\n`,
};
/** A Secret as sops writes it, encrypted for the keys of `keys`. */
const encrypted = (name: string, keys: (keyof typeof blocks)[]) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: flux-system\nstringData:\n  token: ENC[AES256_GCM,data:Qx0R72wZ,iv:RbPr9f,tag:1t9rsN,type:str]\nsops:\n${keys.map((k) => blocks[k]).join('')}  lastmodified: "2024-05-01T10:00:00Z"\n  mac: ENC[AES256_GCM,data:yQMK,iv:KgQJ,tag:mlfO,type:str]\n  encrypted_regex: ^(data|stringData)$\n  version: 3.9.0\n`;

describe('creation rules with cloud KMS and Vault keys', () => {
  const repo = tempRepos(afterAll);

  it('list every key on the inventory, and a file encrypted for fewer of them misses the others', async () => {
    const r = repo('sops-cloud-rules');
    r.put(
      '.sops.yaml',
      [
        'creation_rules:',
        '  - path_regex: cloud/.*\\.sops\\.yaml$',
        '    encrypted_regex: ^(data|stringData)$',
        `    gcp_kms: ${GCP}`,
        `    kms: ${AWS}+${AWS_ROLE}`,
        `    azure_keyvault: ${AZURE_VAULT}/keys/sops-key/0123456789abcdef0123456789abcdef`,
        `    hc_vault_transit_uri: ${VAULT}/v1/sops/keys/atlas`,
        `    age: ${AGE}`,
        '',
      ].join('\n'),
    );
    r.put('clusters/prod/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './cloud', '  decryption:\n    provider: sops\n'));
    r.put('cloud/all.sops.yaml', encrypted('all', ['age', 'gcp', 'aws', 'azure', 'vault']));
    r.put('cloud/age-only.sops.yaml', encrypted('age-only', ['age']));
    const cfg = parseConfig({});
    const { model } = await scanRepo(r.root, cfg);
    const inv = secretsInventory(model, cfg).result;
    // The page's "Creation rules in .sops.yaml: … for …" line: every key, the Azure key without its version.
    expect(inv.sopsRules[0]!.recipients.map((x) => [x.type, x.id])).toEqual([
      ['age', AGE],
      ['kms', AWS],
      ['gcp-kms', GCP],
      ['azure-kv', `${AZURE_VAULT}/keys/sops-key`],
      ['hc-vault', `${VAULT}/sops/atlas`],
    ]);
    const row = (file: string) => inv.sopsFiles.find((f) => f.file === file)!;
    expect(row('cloud/all.sops.yaml').missingRecipients).toEqual([]);
    expect(row('cloud/all.sops.yaml').extraRecipients).toEqual([]);
    expect(row('cloud/age-only.sops.yaml').missingRecipients.map((x) => x.type)).toEqual(['kms', 'gcp-kms', 'azure-kv', 'hc-vault']);
    const findings = analyse(model, cfg).findings.filter((f) => f.code.startsWith('SOPS_'));
    expect(findings.map((f) => [f.code, f.source.file])).toEqual([['SOPS_MISSING_RECIPIENTS', 'cloud/age-only.sops.yaml']]);
    expect(findings[0]!.message).toContain(`Encrypted for 1 of the 5 recipients`);
    expect(findings[0]!.message).toContain(GCP);
  });

  it('read key_groups as sops does: their object forms and merges, the rule’s own keys left aside', async () => {
    const r = repo('sops-cloud-groups');
    r.put(
      '.sops.yaml',
      [
        'creation_rules:',
        '  - path_regex: \\.sops\\.yaml$',
        // sops ignores a rule's own keys where it has key_groups.
        '    age: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p',
        '    key_groups:',
        '      - age:',
        `          - ${AGE}`,
        '        gcp_kms:',
        `          - resource_id: ${GCP}`,
        '      - kms:',
        `          - arn: ${AWS}`,
        `            role: ${AWS_ROLE}`,
        '        merge:',
        '          - azure_keyvault:',
        `              - vaultUrl: ${AZURE_VAULT}`,
        '                key: sops-key',
        '                version: 0123456789abcdef0123456789abcdef',
        '            hc_vault:',
        `              - ${VAULT}/v1/sops/keys/atlas`,
        '',
      ].join('\n'),
    );
    r.put('clusters/prod/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './apps', '  decryption:\n    provider: sops\n'));
    r.put('apps/all.sops.yaml', encrypted('all', ['age', 'gcp', 'aws', 'azure', 'vault']));
    r.put('apps/no-vault.sops.yaml', encrypted('no-vault', ['age', 'gcp', 'aws', 'azure']));
    const cfg = parseConfig({});
    const { model } = await scanRepo(r.root, cfg);
    expect(model.sopsRules[0]).toMatchObject({ age: [AGE], kms: [AWS], gcpKms: [GCP], azureKv: [`${AZURE_VAULT}/keys/sops-key`], hcVault: [`${VAULT}/sops/atlas`] });
    const findings = analyse(model, cfg).findings.filter((f) => f.code.startsWith('SOPS_'));
    expect(findings.map((f) => [f.code, f.source.file])).toEqual([['SOPS_MISSING_RECIPIENTS', 'apps/no-vault.sops.yaml']]);
    expect(findings[0]!.message).toContain(`missing ${VAULT}/sops/atlas`);
  });
});
