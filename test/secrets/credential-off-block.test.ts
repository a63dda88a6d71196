/**
 * HARDCODED_CREDENTIAL is for a literal credential Git holds. A chart's stock default (`postgres`)
 * inside a block of values every switch of which is false (`postgres: {create: false, connect: false,
 * password: postgres}` in a chart's default values.yaml) renders nothing and is no one's secret: not
 * reported (outside review: an error on a lubelogger chart's unused postgres default). A real value is
 * reported wherever it sits, switched off or not (code review): Git holds it. Every one is wiped.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('a credential inside a switched-off block of values', () => {
  const repo = tempRepos(afterAll);

  it('is not reported where it is a stock default; a real one is, switched off or not', async () => {
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
          '      user: postgres',
          '      password: postgres',
          '    smtp:',
          '      enabled: false',
          '      password: Zl8yVHJ1Y2tMb2FkNw',
          '    externalDatabase:',
          '      create: false',
          '      host: db.example.org',
          '      password: kP9vX2mQ7rT4wZ8n',
          '    secret:',
          '      create: true',
          '      password: Wm9vS2VlcGVyMTk5MQ',
          '    admin:',
          '      password: admin',
          '',
        ].join('\n'),
      }),
    );
    const { model } = await scanRepo(r.root, parseConfig({}));
    const found = model.findings.filter((f) => f.code === 'HARDCODED_CREDENTIAL').map((f) => f.message.match(/under "([^"]+)"/)?.[1]);
    // (admin's stock `admin` is rendered: its block has no switch.)
    expect(found.sort()).toEqual(['spec.values.admin.password', 'spec.values.externalDatabase.password', 'spec.values.secret.password', 'spec.values.smtp.password']);
    expect(model.redactions.filter((x) => x.reason === 'credential-literal').map((x) => x.path).sort()).toEqual([
      'spec.values.admin.password',
      'spec.values.externalDatabase.password',
      'spec.values.postgres.password',
      'spec.values.secret.password',
      'spec.values.smtp.password',
    ]);
  });
});
