/**
 * HARDCODED_CREDENTIAL is for a literal a chart renders. A block of values every switch of which is
 * false (`postgres: {create: false, connect: false, password: ...}` in a chart's default values.yaml)
 * renders nothing: its literal is wiped as every credential is, but no error says it is deployed
 * (outside review: an error on a lubelogger chart's unused postgres default). A block switched on, or
 * without a switch, is judged as before.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('a credential inside a switched-off block of values', () => {
  const repo = tempRepos(afterAll);

  it('is wiped but not reported; one in a block switched on (or without a switch) is', async () => {
    const r = repo('credential-off-block');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'namespace: tools\nresources:\n  - ./release.yaml\n');
    r.put(
      'apps/release.yaml',
      helmRelease({
        name: 'carlog',
        values: [
          '    postgres:',
          '      create: false',
          '      connect: false',
          '      user: carlog',
          '      password: Qm9vdGhTdGFuZ2U4Mw',
          '    smtp:',
          '      enabled: false',
          '      password: Zl8yVHJ1Y2tMb2FkNw',
          '    secret:',
          '      create: true',
          '      password: Wm9vS2VlcGVyMTk5MQ',
          '    admin:',
          '      password: Tm9ydGhXaW5kNDQ0Mg',
          '',
        ].join('\n'),
      }),
    );
    const { model } = await scanRepo(r.root, parseConfig({}));
    const found = model.findings.filter((f) => f.code === 'HARDCODED_CREDENTIAL').map((f) => f.message.match(/under "([^"]+)"/)?.[1]);
    expect(found.sort()).toEqual(['spec.values.admin.password', 'spec.values.secret.password']);
    // Every one of the four is wiped all the same.
    expect(model.redactions.filter((x) => x.reason === 'credential-literal').map((x) => x.path).sort()).toEqual([
      'spec.values.admin.password',
      'spec.values.postgres.password',
      'spec.values.secret.password',
      'spec.values.smtp.password',
    ]);
  });
});
