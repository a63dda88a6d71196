/**
 * HARDCODED_CREDENTIAL and switched-off blocks of values, at the edges: a stock default (`postgres`)
 * is passed over only where every switch of its block is the boolean false. A block with one switch
 * on (`create: true, connect: false`) renders the value; a string "false" is true to Helm (any
 * non-empty string is), so `enabled: "false"` is on; and only the exact stock words count as stock,
 * so `postgres123` in an off block is somebody's password and is reported.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('a stock default password beside switches', () => {
  const repo = tempRepos(afterAll);

  it('is reported unless every switch of its block is boolean false, and only the exact stock word is passed over', async () => {
    const r = repo('credential-off-block-edges');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'namespace: tools\nresources:\n  - ./release.yaml\n');
    r.put(
      'apps/release.yaml',
      helmRelease({
        name: 'carlog',
        values: [
          // Off: every switch false (the one not reported).
          '    postgres:',
          '      create: false',
          '      connect: false',
          '      password: postgres',
          // One switch on: rendered.
          '    database:',
          '      create: true',
          '      connect: false',
          '      password: postgres',
          // A string "false" is on to Helm.
          '    cache:',
          '      enabled: "false"',
          '      password: postgres',
          // Off, but not a stock word.
          '    legacy:',
          '      enabled: false',
          '      password: postgres123',
          '',
        ].join('\n'),
      }),
    );
    const { model } = await scanRepo(r.root, parseConfig({}));
    const found = model.findings.filter((f) => f.code === 'HARDCODED_CREDENTIAL').map((f) => f.message.match(/under "([^"]+)"/)?.[1]);
    expect(found.sort()).toEqual(['spec.values.cache.password', 'spec.values.database.password', 'spec.values.legacy.password']);
    // Every one is wiped, reported or not.
    expect(model.redactions.filter((x) => x.reason === 'credential-literal').map((x) => x.path).sort()).toEqual([
      'spec.values.cache.password',
      'spec.values.database.password',
      'spec.values.legacy.password',
      'spec.values.postgres.password',
    ]);
  });
});
