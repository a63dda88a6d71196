import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * kustomize reads a generator's `envs:` file line by line and keeps everything after "=" as the
 * value: an inline comment (`RETENTION=720h  # 30 days`) and quotes (`TZ="Europe/Berlin"`) end up in
 * the ConfigMap, where a shell or a dotenv reader would drop them. `kubectl kustomize` is the oracle.
 * The finding names the key and the line, never the value (a secretGenerator's file holds secrets).
 */
const ENV = 'RETENTION=720h  # 30 days\n# a comment line\nTZ="Europe/Berlin"\nURL=https://example.org/#top\nPLAIN=x\n';

describe("a generator's env file", () => {
  const repo = tempRepos(afterAll);

  it('gives a warning at each line whose comment or quotes kustomize keeps in the value, naming only the key', async () => {
    const r = repo('env-value');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('settings', './apps/settings'));
    r.put('apps/settings/kustomization.yaml', 'configMapGenerator:\n  - name: settings\n    envs:\n      - settings.env\nsecretGenerator:\n  - name: creds\n    envs:\n      - creds.env\ngeneratorOptions:\n  disableNameSuffixHash: true\n');
    r.put('apps/settings/settings.env', ENV);
    r.put('apps/settings/creds.env', "PASSWORD='hunter2-secret'\n");
    // Read by no build Flux runs: not judged.
    r.put('old/kustomization.yaml', 'configMapGenerator:\n  - name: old\n    envs:\n      - old.env\n');
    r.put('old/old.env', 'A=1 # one\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const found = model.findings.filter((f) => f.code === 'GENERATOR_ENV_VALUE');
    expect(found.map((f) => [f.severity, `${f.source.file}:${f.source.line}`, f.message.split(':')[0]])).toEqual([
      ['warning', 'apps/settings/creds.env:1', 'PASSWORD'],
      ['warning', 'apps/settings/settings.env:1', 'RETENTION'],
      ['warning', 'apps/settings/settings.env:3', 'TZ'],
    ]);
    expect(JSON.stringify(model.findings)).not.toMatch(/30 days|Europe|hunter2/);
    const built = spawnSync('kubectl', ['kustomize', join(r.root, 'apps/settings')], { encoding: 'utf8' });
    if (!built.error && built.status === 0) {
      expect(built.stdout).toContain("RETENTION: '720h  # 30 days'");
      expect(built.stdout).toContain('TZ: \'"Europe/Berlin"\'');
      expect(built.stdout).toContain('URL: https://example.org/#top');
    }
  });
});
