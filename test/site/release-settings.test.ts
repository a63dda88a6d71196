/**
 * What an app page says of how helm-controller treats each HelmRelease, under the release's name in
 * "Chart and images" (the README export renders the same lines): suspended, what an install or
 * upgrade does when it fails, CRD policies, tests, drift detection, history; worded after
 * helm-controller's documented defaults, each line with where its settings are written. The page
 * showed only interval and timeout: a suspended release looked like any other (outside brief).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { releaseSettingLines } from '../../src/lib/site/release-settings.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

describe("a HelmRelease's Flux settings on its app's page", () => {
  const repo = tempRepos(afterAll);
  /** The page's lines of each release of the app `web/web`, as `text @ file:line ...`. */
  const linesOf = async (root: string) => {
    const { model } = await scanRepo(root, parseConfig({}));
    const facts = appFacts(model, 'web/web')!;
    return { facts, lines: Object.fromEntries(facts.charts.map((c) => [c.release, releaseSettingLines(c).map((l) => `${l.text} @ ${l.refs.map((x) => `${x.file}:${x.line}`).join(' ')}`)])) };
  };
  const setup = (name: string, releases: string) => {
    const r = repo(name);
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('web', './apps/web', '  targetNamespace: web\n'));
    r.put('clusters/prod/repo.yaml', helmRepository('charts', 'https://charts.example.org'));
    r.put('apps/web/releases.yaml', releases);
    return r;
  };
  const withSpec = (name: string, spec: string, values?: string) => helmRelease({ name, ...(values ? { values } : {}) }).replace('spec:\n', `spec:\n${spec}`);

  it('a suspended release, remediation worded with its documented defaults, and values never shown', async () => {
    const web = withSpec(
      'web',
      '  suspend: true\n  install:\n    crds: CreateReplace\n    remediation:\n      retries: 3\n  upgrade:\n    cleanupOnFail: true\n    remediation:\n      retries: 3\n',
      // Keys of the values that look like settings are the chart's, not helm-controller's.
      '    suspend: false\n    install:\n      remediation:\n        retries: 42\n    password: Zq8-s3cr3t-Value\n',
    );
    const { facts, lines } = await linesOf(setup('settings-suspended', web).root);
    expect(facts.charts[0]!.suspend).toBe(true);
    // The release is at line 1; `suspend:` at 6, `install:` at 7, `upgrade:` at 11.
    expect(lines.web).toEqual([
      'suspended: helm-controller does not reconcile it @ apps/web/releases.yaml:6',
      // An install is remediated by an uninstall, the last failure left as is (remediateLastFailure defaults to false).
      'install: 3 retries, uninstall between attempts; CRDs CreateReplace (on upgrade: Skip, the default) @ apps/web/releases.yaml:8',
      // An upgrade with retries remediates the last failure too, by a rollback (both documented defaults).
      'upgrade: 3 retries, rollback after each failure; new resources deleted when it fails @ apps/web/releases.yaml:12',
    ]);
    expect(JSON.stringify(facts.charts)).not.toMatch(/42|Zq8-s3cr3t-Value/);
  });

  it('unlimited retries, an uninstall strategy, a last failure written, RetryOnFailure, drift detection, tests and history', async () => {
    const spec = [
      '  maxHistory: 0',
      '  serviceAccountName: web-deployer',
      '  persistentClient: false',
      '  install:',
      '    strategy:',
      '      name: RetryOnFailure',
      '      retryInterval: 2m',
      '    remediation:',
      '      retries: 5',
      '  upgrade:',
      '    crds: Skip',
      '    remediation:',
      '      retries: -1',
      '      strategy: uninstall',
      '  rollback:',
      '    recreate: true',
      '    timeout: 10m',
      '  driftDetection:',
      '    ignore:',
      '      - paths: ["/spec/replicas"]',
      '  test:',
      '    enable: true',
      '    ignoreFailures: true',
      '    filters:',
      '      - name: smoke',
      '        exclude: true',
      '',
    ].join('\n');
    const api = withSpec('api', '  upgrade:\n    remediation:\n      retries: 0\n      remediateLastFailure: true\n  driftDetection:\n    mode: warn\n');
    const { lines } = await linesOf(setup('settings-various', `${withSpec('web', spec)}---\n${api}`).root);
    expect(lines.web).toEqual([
      'install: on failure, retried every 2m with no limit (RetryOnFailure; its remediation settings are not used) @ apps/web/releases.yaml:11',
      'upgrade: unlimited retries, uninstall between attempts; CRDs Skip @ apps/web/releases.yaml:16',
      'rollback: pods restarted; timeout 10m @ apps/web/releases.yaml:21',
      'test: Helm tests run after install and upgrade; failed tests not remediated; 1 filter @ apps/web/releases.yaml:27',
      // No mode written: helm-controller's default, disabled.
      'drift detection: disabled (the default); 1 ignore rule @ apps/web/releases.yaml:24',
      'keeps every release revision (maxHistory: 0) @ apps/web/releases.yaml:6',
      'acts as service account web-deployer @ apps/web/releases.yaml:7',
      // No wording fits: as written.
      'persistentClient: false @ apps/web/releases.yaml:8',
    ]);
    // The second document starts at line 42.
    expect(lines.api).toEqual(['upgrade: no retries, rollback after the failure @ apps/web/releases.yaml:49', 'drift detection: warn, changes made in the cluster are reported, not corrected @ apps/web/releases.yaml:52']);
  });

  it("cites the defaults a cluster's Kustomization patches into every release, and what the release writes itself", async () => {
    const r = setup('settings-patched', withSpec('web', '  upgrade:\n    remediation:\n      retries: 1\n    force: true\n'));
    const defaults = '  patches:\n    - patch: |\n        apiVersion: helm.toolkit.fluxcd.io/v2\n        kind: HelmRelease\n        metadata:\n          name: _\n        spec:\n          upgrade:\n            remediation:\n              retries: 3\n      target:\n        kind: HelmRelease\n';
    r.put('clusters/prod/apps.yaml', fluxKustomization('web', './apps/web', `  targetNamespace: web\n${defaults}`));
    // The patch's retries win (line 15 of apps.yaml is its entry); force stays at the release's line 9.
    expect((await linesOf(r.root)).lines.web).toEqual(['upgrade: 3 retries, rollback after each failure; forced (resources replaced) @ clusters/prod/apps.yaml:15 apps/web/releases.yaml:9']);
  });
});
