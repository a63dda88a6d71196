/**
 * A value too short to be a credential is not reported as one: hajimari's `searchProviders[].token: "y"`
 * is the one-letter shortcut typed in its search bar, and was a HARDCODED_CREDENTIAL error (outside
 * review). The floor: fewer than four characters is never a credential; four is one only under a key
 * that names a password (a 4-digit PIN, `root`), since machine-issued tokens and keys are far longer.
 * Every such value is still wiped from the model, as before: only the finding changes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { REDACTED } from '../../src/model/raw-doc.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('a literal too short to be a credential', () => {
  const repo = tempRepos(afterAll);

  it("is no HARDCODED_CREDENTIAL (hajimari's search shortcuts); a 4-character password and a real token are, and all stay wiped", async () => {
    const r = repo('credential-too-short');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('hajimari', './apps/hajimari', '  targetNamespace: default\n'));
    r.put('apps/hajimari/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
    r.put(
      'apps/hajimari/helmrelease.yaml',
      helmRelease({
        name: 'hajimari',
        values: [
          '    hajimari:',
          '      searchProviders:',
          '        - name: Google',
          '          token: "g"',
          '          icon: simple-icons:google',
          '          searchUrl: https://www.google.com/search?q={query}',
          '        - name: YouTube',
          '          token: "y"',
          '          searchUrl: https://www.youtube.com/results?search_query={query}',
          '        - name: DuckDuckGo',
          '          token: ddg',
          '          searchUrl: https://duckduckgo.com/?q={query}',
          '        - name: Wiki',
          '          token: wiki',
          '          searchUrl: https://en.wikipedia.org/w/index.php?search={query}',
          '    mariadb:',
          '      auth:',
          '        rootPassword: "1234"',
          '    metrics:',
          '      apiToken: Zq8vT3nLx0Pw7RkD2mYb',
          '',
        ].join('\n'),
      }),
    );
    const { model } = await scanRepo(r.root, parseConfig({}));
    const reported = model.findings.filter((f) => f.code === 'HARDCODED_CREDENTIAL').map((f) => f.message.match(/under "([^"]+)"/)?.[1]);
    expect(reported.sort()).toEqual(['spec.values.mariadb.auth.rootPassword', 'spec.values.metrics.apiToken']);
    // The shortcuts are wiped all the same (the scrub is never weakened), recorded as wiped, not reported.
    const hr = model.helmReleases.find((h) => h.name === 'hajimari')!;
    const providers = (hr.values as { hajimari: { searchProviders: { token: string }[] } }).hajimari.searchProviders;
    expect(providers.map((p) => p.token)).toEqual([REDACTED, REDACTED, REDACTED, REDACTED]);
    const wiped = model.redactions.filter((x) => x.path.startsWith('spec.values.hajimari.searchProviders.'));
    expect(wiped.map((x) => x.reason)).toEqual(['credential-like', 'credential-like', 'credential-like', 'credential-like']);
    expect(JSON.stringify(model)).not.toContain('Zq8vT3nLx0Pw7RkD2mYb');
  });

  it('is no HARDCODED_CREDENTIAL in a connection string or a flag either, where a longer one is', async () => {
    const r = repo('credential-too-short-inline');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('tools', './apps/tools'));
    r.put('apps/tools/kustomization.yaml', 'resources:\n  - short.yaml\n  - long.yaml\n');
    const job = (name: string, arg: string) =>
      `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: ${name}\n  namespace: tools\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: run\n          image: ghcr.io/example/tool:1.0.0\n          args: ["${arg}"]\n`;
    r.put('apps/tools/short.yaml', job('short', '--token=y'));
    r.put('apps/tools/long.yaml', job('long', '--token=Zq8vT3nLx0Pw7RkD2mYb'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.findings.filter((f) => f.code === 'HARDCODED_CREDENTIAL').map((f) => f.source.file)).toEqual(['apps/tools/long.yaml']);
    expect(model.redactions.filter((x) => x.source.file === 'apps/tools/short.yaml').map((x) => x.reason)).toEqual(['credential-like']);
  });
});
