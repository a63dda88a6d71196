/**
 * Values a SOPS file leaves in plain text on purpose, by its own settings (sops.go shouldBeEncrypted):
 * `username_unencrypted` under sops's `unencrypted_suffix`, `description` under `unencrypted_regex:
 * ^description$`, keys outside `encrypted_regex` or `encrypted_suffix`, values after a comment
 * `unencrypted_comment_regex` matches. An outside review found each called SOPS_VALUE_NOT_ENCRYPTED,
 * an error; a value the settings say sops encrypts, written in plain text, still is one.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { secretsInventory } from '../../src/analysis/secrets/inventory.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const FAKE = 'ENC[AES256_GCM,data:ZmFrZQ==,iv:ZmFrZQ==,tag:ZmFrZQ==,type:str]';
const RECIPIENT = 'age1partialfakefakefakefakefakefakefakefakefakefakefakefake00';

/** A Secret as sops writes it: `body` (its stringData lines), then the sops block with `setting`. */
const secret = (name: string, body: string, setting: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n    name: ${name}\nstringData:\n${body}sops:\n    kms: []\n    gcp_kms: []\n    azure_kv: []\n    hc_vault: []\n    age:\n        - recipient: ${RECIPIENT}\n          enc: |\n            -----BEGIN AGE ENCRYPTED FILE-----\n            ZmFrZQ==\n            -----END AGE ENCRYPTED FILE-----\n    lastmodified: "2024-01-01T00:00:00Z"\n    mac: ${FAKE}\n    pgp: []\n${setting}    version: 3.9.1\n`;

describe('a plain value inside a SOPS-encrypted file', () => {
  const repo = tempRepos(afterAll);
  const scan = async (name: string, files: Record<string, string>) => {
    const r = repo(name);
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('partial', './apps/partial', '  decryption:\n    provider: sops\n'));
    r.put('apps/partial/kustomization.yaml', `namespace: partial\nresources:\n${Object.keys(files).map((f) => `  - ${f}\n`).join('')}`);
    for (const [file, text] of Object.entries(files)) r.put(`apps/partial/${file}`, text);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings.filter((f) => f.code === 'SOPS_VALUE_NOT_ENCRYPTED');
    return { found: findings.map((f) => `${f.source.file.slice('apps/partial/'.length)}:${f.source.line}`), findings, inv: secretsInventory(model, config).result };
  };

  it('is plain by design where the file’s unencrypted_suffix or unencrypted_regex says so', async () => {
    const { found, inv } = await scan('plain-by-suffix-regex', {
      'suffix.sops.yaml': secret('suffixed', `    password: ${FAKE}\n    username_unencrypted: app\n`, '    unencrypted_suffix: _unencrypted\n'),
      // A file whose metadata names no setting: sops reads it with its default suffix.
      'default.sops.yaml': secret('defaulted', `    password: ${FAKE}\n    region_unencrypted: eu-west-1\n`, ''),
      'unregex.sops.yaml': secret('unregex', `    password: ${FAKE}\n    description: the app's database login\n`, '    unencrypted_regex: ^description$\n'),
    });
    expect(found).toEqual([]);
    expect(inv.sopsFiles.flatMap((f) => f.plainValuePaths)).toEqual([]);
  });

  it('is plain by design outside encrypted_regex (Go inline flags read) and encrypted_suffix', async () => {
    const { found } = await scan('plain-outside-encrypted', {
      'regex.sops.yaml': secret('regex', `    API_TOKEN: ${FAKE}\n    SMTP_USER: mailer\n`, '    encrypted_regex: ((?i)(pass|token|key))\n'),
      'encsuffix.sops.yaml': secret('encsuffix', `    password_secret: ${FAKE}\n    username: app\n`, '    encrypted_suffix: _secret\n'),
    });
    expect(found).toEqual([]);
  });

  it('is plain by design after a comment unencrypted_comment_regex matches, and not without one under encrypted_comment_regex', async () => {
    const { found } = await scan('plain-by-comment', {
      'uncomment.sops.yaml': secret('uncomment', `    password: ${FAKE}\n    # sops:plain\n    username: app\n`, '    unencrypted_comment_regex: sops:plain\n'),
      'comment.sops.yaml': secret('comment', `    # sops:enc\n    password: ${FAKE}\n    username: app\n`, '    encrypted_comment_regex: sops:enc\n'),
    });
    expect(found).toEqual([]);
  });

  it('is still an error where the file’s settings say sops encrypts it', async () => {
    const { found, findings } = await scan('plain-hand-added', {
      'handedit.sops.yaml': secret('handedit', `    password: ${FAKE}\n    api_token: hand-added-not-encrypted\n`, '    encrypted_regex: ^(data|stringData)$\n'),
      'suffix.sops.yaml': secret('suffixed', `    password: ${FAKE}\n    username_unencrypted: app\n    token: hand-added-not-encrypted\n`, '    unencrypted_suffix: _unencrypted\n'),
      'comment.sops.yaml': secret('comment', `    # sops:enc\n    password: hand-added-not-encrypted\n    username: app\n`, '    encrypted_comment_regex: sops:enc\n'),
    });
    expect(found.sort()).toEqual(['comment.sops.yaml:7', 'handedit.sops.yaml:7', 'suffix.sops.yaml:8']);
    const message = findings.find((f) => f.source.file.endsWith('handedit.sops.yaml'))!.message;
    expect(message).toContain('"stringData.api_token" is plain text inside a SOPS-encrypted file, where the file\'s own sops setting (encrypted_regex ^(data|stringData)$) has sops encrypt it');
    expect(JSON.stringify(findings)).not.toContain('hand-added-not-encrypted');
  });

  it('in a commented-out document of the file, is a comment to sops: in git as written', async () => {
    // jfrazx/home-ops' democratic-csi secret.sops.yaml: a third Secret commented out below the encrypted ones.
    const commented = `# ---\n# apiVersion: v1\n# kind: Secret\n# metadata:\n#   name: iscsi-secret\n# stringData:\n#   driver-config-file.yaml: |\n#     driver: freenas-api-iscsi\n#     password: commented-not-encrypted\n`;
    const { found, findings } = await scan('plain-commented-out', {
      'secret.sops.yaml': secret('nfs-secret', `    driver-config-file.yaml: ${FAKE}\n`, '    encrypted_regex: ^(data|stringData)$\n') + commented,
    });
    expect(found).toEqual(['secret.sops.yaml:29']);
    expect(findings[0]!.message).toContain('holds driver-config-file.yaml in plain text in a comment of this SOPS-encrypted file: sops encrypts values, never comments');
    expect(JSON.stringify(findings)).not.toContain('commented-not-encrypted');
  });
});
