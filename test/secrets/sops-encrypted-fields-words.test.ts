/**
 * What a SOPS file encrypts, in words (/secrets/ and SECRETS.md, "Encrypted fields"): an outside
 * review found `_unencrypted` shown for every file without encrypted_regex, which reads as the opposite
 * of sops's default (every value encrypted but those under keys ending in `_unencrypted`).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { secretsInventory } from '../../src/analysis/secrets/inventory.ts';
import { parseConfig } from '../../src/config/load.ts';
import { encryptedWhat, renderSecretsMarkdown } from '../../src/lib/export/secrets-md.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const FAKE = 'ENC[AES256_GCM,data:ZmFrZQ==,iv:ZmFrZQ==,tag:ZmFrZQ==,type:str]';
const secret = (name: string, setting: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n    name: ${name}\nstringData:\n    password: ${FAKE}\nsops:\n    age:\n        - recipient: age1wordsfakefakefakefakefakefakefakefakefakefakefakefake0000\n          enc: fake\n    lastmodified: "2024-01-01T00:00:00Z"\n    mac: ${FAKE}\n${setting}    version: 3.9.1\n`;

describe('the Encrypted fields of a SOPS file', () => {
  const repo = tempRepos(afterAll);

  it('say what is and is not encrypted, the setting apart', () => {
    const none = { encryptedRegex: null, encryptedSuffix: null, unencryptedRegex: null, unencryptedSuffix: null };
    expect(encryptedWhat({ ...none, unencryptedSuffix: '_unencrypted' })).toEqual({ words: 'all values except under keys ending in', pattern: '_unencrypted' });
    expect(encryptedWhat(none)).toEqual({ words: 'all values except under keys ending in', pattern: '_unencrypted' });
    expect(encryptedWhat({ ...none, encryptedRegex: '^(data|stringData)$' })).toEqual({ words: 'only values under keys matching', pattern: '^(data|stringData)$' });
    expect(encryptedWhat({ ...none, unencryptedRegex: '^description$' })).toEqual({ words: 'all values except under keys matching', pattern: '^description$' });
    expect(encryptedWhat({ ...none, encryptedSuffix: '_secret' })).toEqual({ words: 'only values under keys ending in', pattern: '_secret' });
    expect(encryptedWhat({ ...none, encryptedCommentRegex: 'sops:enc' })).toEqual({ words: 'only values after a comment matching', pattern: 'sops:enc' });
  });

  it('in SECRETS.md, for each file as scanned', async () => {
    const r = repo('encrypted-fields-words');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps', '  decryption:\n    provider: sops\n'));
    r.put('apps/kustomization.yaml', 'namespace: apps\nresources:\n  - default.sops.yaml\n  - regex.sops.yaml\n  - comment.sops.yaml\n');
    r.put('apps/default.sops.yaml', secret('default', '    unencrypted_suffix: _unencrypted\n'));
    r.put('apps/regex.sops.yaml', secret('regex', '    encrypted_regex: ^(data|stringData)$\n'));
    r.put('apps/comment.sops.yaml', secret('comment', '    unencrypted_comment_regex: sops:plain\n'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const md = renderSecretsMarkdown(secretsInventory(model, config).result);
    const row = (file: string) => md.split('\n').find((l) => l.startsWith(`| ${file}`))!;
    expect(row('apps/default.sops.yaml')).toContain('| all values except under keys ending in \\_unencrypted |');
    expect(row('apps/regex.sops.yaml')).toContain('| only values under keys matching ^(data\\|stringData)\\$ |');
    expect(row('apps/comment.sops.yaml')).toContain('| all values except after a comment matching sops:plain |');
  });
});
