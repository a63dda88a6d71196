import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { renderAppReadme } from '../../src/lib/export/app-readme.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

/**
 * The README export lists each HelmRelease's Flux settings under the chart table, in the page's words
 * (one function, lib/site/release-settings.ts), each line linked to where it is written; a value Flux
 * leaves as `${VAR}` is shown as written, escaped as any text from the repository.
 */
describe("the README export's Flux settings of a release", () => {
  const repo = tempRepos(afterAll);

  it('lists them after the chart table, linked to their lines', async () => {
    const r = repo('readme-release-settings');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('web', './apps/web', '  targetNamespace: web\n'));
    r.put('clusters/prod/repo.yaml', helmRepository('charts', 'https://charts.example.org'));
    const spec = '  suspend: true\n  upgrade:\n    remediation:\n      retries: ${UPGRADE_RETRIES}\n      strategy: rollback\n  driftDetection:\n    mode: enabled\n';
    r.put('apps/web/release.yaml', helmRelease({ name: 'web', values: '    replicas: 2\n' }).replace('spec:\n', `spec:\n${spec}`));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const readme = renderAppReadme(appFacts(model, 'web/web')!, { repoUrl: 'https://github.com/me/ops/blob/main' });
    const link = (line: number) => `([apps/web/release.yaml:${line}](https://github.com/me/ops/blob/main/apps/web/release.yaml#L${line}))`;
    const table = readme.indexOf('| Release | Chart |');
    const block = readme.indexOf('Flux settings of web:');
    expect(table).toBeGreaterThan(0);
    expect(block).toBeGreaterThan(table);
    expect(readme.slice(block).split('\n').slice(0, 5)).toEqual([
      'Flux settings of web:',
      '',
      `- suspended: helm-controller does not reconcile it ${link(6)}`,
      // A retries Flux did not fill in (no such variable): as written, its words not guessed.
      '- upgrade: remediation.retries: \\${UPGRADE\\_RETRIES}, remediation.strategy: rollback ' + link(9),
      `- drift detection: enabled, changes made in the cluster are corrected ${link(12)}`,
    ]);
  });
});
