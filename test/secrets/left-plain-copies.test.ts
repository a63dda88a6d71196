/**
 * A plain Secret left in git where an encrypted one was meant to be is reported though Flux does not
 * apply it: a public review found a committed `.decrypted~secret.yaml` (VS Code's SOPS extension's
 * copy) holding a password beside the SOPS file, reported only as NOT_DEPLOYED, "manifests are not
 * checked". A file named as a decrypted copy, or one a `.sops.yaml` rule with a path_regex covers,
 * gets PLAIN_SECRET saying that Flux does not apply it but the values are in the git history. Other
 * files left out stay unreported (credentials-not-deployed.test.ts), as do placeholders and files a
 * catch-all rule covers; a deployed one keeps its usual finding.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const PASSWORD = 'Hq3vN8sLp2Wx7Zk5';
const plain = (name: string, password = PASSWORD) => `apiVersion: v1\nkind: Secret\nmetadata:\n    name: ${name}\n    namespace: pgadmin\ntype: Opaque\nstringData:\n    email: admin@acme-homelab.net\n    password: ${password}\n`;
const encrypted = (name: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: pgadmin\nstringData:\n  password: ENC[AES256_GCM,data:abc=,iv:aaaa,tag:bbbb,type:str]\nsops:\n  age:\n    - recipient: age1examplerecipientxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n      enc: |\n        -----BEGIN AGE ENCRYPTED FILE-----\n        placeholder\n        -----END AGE ENCRYPTED FILE-----\n  lastmodified: "2024-05-01T10:00:00Z"\n  mac: ENC[AES256_GCM,data:m,iv:aaaa,tag:bbbb,type:str]\n  encrypted_regex: ^(data|stringData)$\n  version: 3.8.1\n`;
const RULES = (pathRegex: string | null) =>
  `creation_rules:\n  - ${pathRegex === null ? '' : `path_regex: ${pathRegex}\n    `}encrypted_regex: ^(data|stringData)$\n    age: age1examplerecipientxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n`;

async function check(root: string) {
  const config = parseConfig({});
  const { model } = await scanRepo(root, config);
  return analyse(model, config).findings;
}
const secretFindings = (findings: { code: string; source: { file: string } }[]) =>
  findings.filter((f) => f.code.startsWith('PLAIN_SECRET') || f.code.startsWith('SOPS_NOT')).map((f) => `${f.code} ${f.source.file}`).sort();

describe('a plain copy of a Secret meant to be encrypted', () => {
  const repo = tempRepos(afterAll);

  function app(r: ReturnType<typeof repo>, sopsRules: string | null) {
    r.put('flux/apps.yaml', fluxKustomization('apps', './apps', '  decryption:\n    provider: sops\n'));
    if (sopsRules !== null) r.put('.sops.yaml', sopsRules);
    r.put('apps/kustomization.yaml', 'resources:\n  - ./pgadmin\n');
    r.put('apps/pgadmin/kustomization.yaml', 'resources:\n  - ./secret.yaml\n');
    r.put('apps/pgadmin/secret.yaml', encrypted('pgadmin-credentials'));
  }

  it('is reported by its name, though no build applies it, and says what to do', async () => {
    const r = repo('left-copy-name');
    app(r, null);
    r.put('apps/pgadmin/.decrypted~secret.yaml', plain('pgadmin-credentials'));
    r.put('apps/pgadmin/admin.dec.yaml', plain('pgadmin-admin'));
    r.put('apps/pgadmin/old.decrypted.yaml', plain('pgadmin-old'));
    // Left out, but named like any other file: not reported (no rule covers it).
    r.put('apps/pgadmin/old-secret.yaml', plain('pgadmin-older'));
    // A decrypted copy of a template: nothing to rotate.
    r.put('apps/pgadmin/template.dec.yaml', plain('pgadmin-template', '<your-password>'));
    const findings = await check(r.root);
    expect(secretFindings(findings)).toEqual([
      'PLAIN_SECRET apps/pgadmin/.decrypted~secret.yaml',
      'PLAIN_SECRET apps/pgadmin/admin.dec.yaml',
      'PLAIN_SECRET apps/pgadmin/old.decrypted.yaml',
    ]);
    const f = findings.find((x) => x.source.file === 'apps/pgadmin/.decrypted~secret.yaml' && x.code === 'PLAIN_SECRET')!;
    expect(f.severity).toBe('error');
    expect(f.message).toContain('its name says it is a decrypted copy');
    expect(f.message).toContain('Flux does not apply this file, but the values are in the git history');
    expect(f.message).toContain('rotate the credentials (password)');
    expect(JSON.stringify(findings)).not.toContain(PASSWORD);
  });

  it('where a .sops.yaml rule with a path_regex covers a file that is no copy: SOPS_NOT_ENCRYPTED, "encrypt it", kept though no build applies it (code review); not under a catch-all rule', async () => {
    const r = repo('left-copy-rule');
    app(r, RULES('pgadmin/.*\\.ya?ml$'));
    r.put('apps/pgadmin/leftover.yaml', plain('pgadmin-leftover'));
    // Outside the rule's paths: left out and unreported, as before.
    r.put('apps/kustomization.yaml', 'resources:\n  - ./pgadmin\n  - ./other\n');
    r.put('apps/other/kustomization.yaml', 'resources:\n  - ./cm.yaml\n');
    r.put('apps/other/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n  namespace: pgadmin\n');
    r.put('apps/other/leftover.yaml', plain('other-leftover'));
    const findings = await check(r.root);
    expect(secretFindings(findings)).toEqual(['SOPS_NOT_ENCRYPTED apps/pgadmin/leftover.yaml']);
    expect(findings.find((x) => x.code === 'SOPS_NOT_ENCRYPTED')!.message).not.toContain('git filter-repo');

    const r2 = repo('left-copy-catch-all');
    app(r2, RULES(null));
    r2.put('apps/pgadmin/leftover.yaml', plain('pgadmin-leftover'));
    expect(secretFindings(await check(r2.root))).toEqual([]);
  });

  it('keeps the usual finding where a build applies it', async () => {
    const r = repo('left-copy-deployed');
    app(r, null);
    r.put('apps/pgadmin/kustomization.yaml', 'resources:\n  - ./secret.yaml\n  - ./admin.dec.yaml\n');
    r.put('apps/pgadmin/admin.dec.yaml', plain('pgadmin-admin'));
    const findings = await check(r.root);
    expect(secretFindings(findings)).toEqual(['PLAIN_SECRET apps/pgadmin/admin.dec.yaml']);
    expect(findings.find((x) => x.code === 'PLAIN_SECRET')!.message).toMatch(/^Secret "pgadmin-admin" is committed unencrypted with literal values under: email, password\. Encrypt it/);
  });
});
