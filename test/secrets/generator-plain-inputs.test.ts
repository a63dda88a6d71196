import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * A secretGenerator's `envs:` and `files:` inputs committed in plain text are Secret values in the
 * repository. An outside review found `envs: [plain.env]` with `API_TOKEN=…` in it raised nothing,
 * although the same value under `literals:` was a HARDCODED_CREDENTIAL. Such an input is judged as a
 * literal is (a key naming a credential, a value that is no placeholder or reference): PLAIN_SECRET
 * (error) at the generator entry, naming the file and the keys, never a value. An env file of settings
 * only, or of `${VAR}`s, empty values and placeholders, is no finding, as such literals are none.
 */
const TOKEN = 'f3Kq9vXw2LmZ8rTp4NcY7bHd';
const PASSWORD = 'Tg7yU1iO4pAsQe';

describe('plain files a kustomize generator reads', () => {
  const repo = tempRepos(afterAll);

  it('are PLAIN_SECRET where a value looks like a credential, and no value leaves the file', async () => {
    const r = repo('generator-plain-inputs');
    r.put('clusters/prod/app.yaml', fluxKustomization('app', './apps/app'));
    r.put(
      'apps/app/kustomization.yaml',
      [
        'namespace: app',
        'secretGenerator:',
        '  - name: app-env',
        '    envs:',
        '      - app.env',
        '  - name: settings',
        '    envs:',
        '      - settings.env',
        '  - name: templates',
        '    envs:',
        '      - templates.env',
        '  - name: encrypted',
        '    envs:',
        '      - creds.sops.env',
        '  - name: files',
        '    files:',
        '      - api-token',
        '      - db-password.txt',
        // (A `key=path` entry naming a password is a path, not a value: it was wiped, the file lost.)
        '      - password=admin-password.txt',
        '      - motd',
        'configMapGenerator:',
        '  - name: app-config',
        '    envs:',
        '      - config.env',
        '',
      ].join('\n'),
    );
    // A credential among settings (kustomize keeps the quotes in the value: still judged).
    r.put('apps/app/app.env', `# the app's settings\nLOG_LEVEL=debug\nAPI_TOKEN=${TOKEN}\nDB_PASSWORD="${PASSWORD}"\nTZ=Europe/Berlin\n`);
    // Settings only: they become Secret data, but nothing in them needs rotating.
    r.put('apps/app/settings.env', 'LOG_LEVEL=info\nTZ=Europe/Berlin\nDB_HOST=postgres.db.svc\nENABLE_SIGNUP=false\n');
    // ${VAR}s, an empty value, placeholders, a value from the environment: no credential written here.
    r.put('apps/app/templates.env', 'API_TOKEN=${API_TOKEN}\nDB_PASSWORD=\nSECRET_KEY=changeme\nGITHUB_TOKEN="<your token>"\nAUTH_TOKEN\n');
    r.put('apps/app/creds.sops.env', 'API_TOKEN=ENC[AES256_GCM,data:Qx0R72wZ,iv:RbPr9f,tag:1t9rsN,type:str]\nsops_version=3.9.0\nsops_lastmodified=2024-05-01T10:00:00Z\n');
    r.put('apps/app/api-token', `${TOKEN}\n`);
    r.put('apps/app/db-password.txt', `${PASSWORD}\n`);
    r.put('apps/app/admin-password.txt', `${PASSWORD}x\n`);
    r.put('apps/app/motd', 'Welcome\n');
    r.put('apps/app/config.env', `LOG_LEVEL=debug\nSMTP_PASSWORD=${PASSWORD}\n`);
    // Not deployed: no Flux Kustomization builds this folder.
    r.put('examples/demo/kustomization.yaml', 'secretGenerator:\n  - name: demo\n    envs:\n      - demo.env\n');
    r.put('examples/demo/demo.env', `API_TOKEN=${TOKEN}\n`);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings.filter((f) => f.code === 'PLAIN_SECRET');
    expect(findings.map((f) => [f.source.file, f.source.line, f.severity])).toEqual([
      ['apps/app/kustomization.yaml', 5, 'error'],
      ['apps/app/kustomization.yaml', 17, 'error'],
      ['apps/app/kustomization.yaml', 18, 'error'],
      ['apps/app/kustomization.yaml', 19, 'error'],
      ['apps/app/kustomization.yaml', 24, 'error'],
    ]);
    expect(findings[0]!.message).toContain('secretGenerator "app-env" puts apps/app/app.env, an env file committed in plain text, into Secret app-env; the values of API_TOKEN, DB_PASSWORD look like credentials');
    expect(findings[1]!.message).toContain('secretGenerator "files" puts apps/app/api-token (key api-token), committed in plain text, into Secret files; its value looks like a credential');
    expect(findings[2]!.message).toContain('puts apps/app/db-password.txt (key db-password.txt)');
    expect(findings[3]!.message).toContain('puts apps/app/admin-password.txt (key password)');
    expect(findings[4]!.message).toContain('configMapGenerator "app-config" puts apps/app/config.env, an env file committed in plain text, into ConfigMap app-config, which anyone who can read ConfigMaps sees; the value of SMTP_PASSWORD looks like a credential');
    const text = JSON.stringify({ model, findings: analyse(model, config).findings });
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(PASSWORD);
  });
});
