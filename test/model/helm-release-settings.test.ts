import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRepository, tempRepos } from '../support/temp-repo.ts';

/**
 * A HelmRelease's Flux settings (suspend, install/upgrade remediation, CRD policies, drift detection,
 * tests, history ...) as built: what every patch leaves, each cited where it is written (its line in
 * the release, or the patch entry that set it), lists counted, nothing of its values.
 */
describe('the Flux settings of a HelmRelease', () => {
  const repo = tempRepos(afterAll);
  const settingsOf = async (root: string) => {
    const { model } = await scanRepo(root, parseConfig({}));
    return Object.fromEntries(model.helmReleases.map((h) => [`${h.namespace}/${h.name}`, (h.settings ?? []).map((s) => `${s.path} ${s.value}${s.list ? ' entries' : ''} ${s.source.file}:${s.source.line}`)]));
  };
  /** A release of `apiVersion` whose spec has `settings` (YAML lines indented by two spaces) before its values. */
  const release = (name: string, settings: string, apiVersion = 'helm.toolkit.fluxcd.io/v2') =>
    `apiVersion: ${apiVersion}\nkind: HelmRelease\nmetadata:\n  name: ${name}\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: ${name}\n      version: 1.0.0\n      sourceRef:\n        kind: HelmRepository\n        name: charts\n        namespace: flux-system\n${settings}  values:\n    install:\n      remediation:\n        retries: 99\n    maxHistory: 7\n    password: Zq8-s3cr3t\n`;

  it('reads v2 settings as written, each at its line: scalars flattened, lists counted, values left out', async () => {
    const r = repo('release-settings-v2');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps', '  targetNamespace: web\n'));
    r.put('clusters/prod/repo.yaml', helmRepository('charts', 'https://charts.example.org'));
    const settings = [
      '  suspend: true', // line 15
      '  maxHistory: 3',
      '  install:',
      '    remediation:',
      '      retries: -1', // 19
      '  upgrade:',
      '    cleanupOnFail: true',
      '    crds: CreateReplace',
      '    remediation:',
      '      retries: 3', // 24
      '      strategy: uninstall',
      '  driftDetection:',
      '    mode: warn',
      '    ignore:',
      '      - paths: ["/spec/replicas"]',
      '        target:',
      '          kind: Deployment',
      '      - paths: ["/metadata/annotations"]',
      '  test:',
      '    enable: true',
      '    filters: []',
      '  persistentClient: false',
    ];
    r.put('apps/release.yaml', release('web', `${settings.join('\n')}\n`));
    expect((await settingsOf(r.root))['web/web']).toEqual([
      'suspend true apps/release.yaml:15',
      'install.remediation.retries -1 apps/release.yaml:19',
      'upgrade.cleanupOnFail true apps/release.yaml:21',
      'upgrade.crds CreateReplace apps/release.yaml:22',
      'upgrade.remediation.retries 3 apps/release.yaml:24',
      'upgrade.remediation.strategy uninstall apps/release.yaml:25',
      'test.enable true apps/release.yaml:34',
      // (An empty list says nothing: test.filters is left out.)
      'driftDetection.mode warn apps/release.yaml:27',
      'driftDetection.ignore 2 entries apps/release.yaml:28',
      'maxHistory 3 apps/release.yaml:16',
      'persistentClient false apps/release.yaml:36',
    ]);
  });

  it('reads the v2beta1 and v2beta2 spellings the same way (skipCRDs, remediateLastFailure, driftDetection)', async () => {
    const r = repo('release-settings-beta');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps', '  targetNamespace: web\n'));
    r.put('clusters/prod/repo.yaml', helmRepository('charts', 'https://charts.example.org'));
    r.put('apps/old.yaml', release('old', '  install:\n    skipCRDs: true\n    remediation:\n      retries: 2\n  upgrade:\n    remediation:\n      remediateLastFailure: false\n', 'helm.toolkit.fluxcd.io/v2beta1'));
    r.put('apps/mid.yaml', release('mid', '  driftDetection:\n    mode: enabled\n  uninstall:\n    keepHistory: true\n', 'helm.toolkit.fluxcd.io/v2beta2'));
    expect(await settingsOf(r.root)).toEqual({
      'web/old': ['install.skipCRDs true apps/old.yaml:16', 'install.remediation.retries 2 apps/old.yaml:18', 'upgrade.remediation.remediateLastFailure false apps/old.yaml:21'],
      'web/mid': ['uninstall.keepHistory true apps/mid.yaml:18', 'driftDetection.mode enabled apps/mid.yaml:16'],
    });
  });

  it("an overlay's kustomization.yaml patch wins and is cited at its entry; the base built by itself keeps its own", async () => {
    const r = repo('release-settings-overlay');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', `${fluxKustomization('apps', './apps/prod')}---\n${fluxKustomization('base', './apps/base')}`);
    r.put('clusters/prod/repo.yaml', helmRepository('charts', 'https://charts.example.org'));
    r.put('apps/base/kustomization.yaml', 'namespace: web\nresources:\n  - release.yaml\n');
    r.put('apps/base/release.yaml', release('web', '  upgrade:\n    remediation:\n      retries: 1\n'));
    const patch = '  - target:\n      kind: HelmRelease\n      name: web\n    patch: |\n      - op: replace\n        path: /spec/upgrade/remediation/retries\n        value: 5\n      - op: add\n        path: /spec/upgrade/remediation/strategy\n        value: uninstall\n';
    r.put('apps/prod/kustomization.yaml', `namespace: prod\nresources:\n  - ../base\npatches:\n${patch}`);
    // Line 5 is the overlay's `- target:`; line 17 the base's `retries:`.
    expect(await settingsOf(r.root)).toEqual({
      'prod/web': ['upgrade.remediation.retries 5 apps/prod/kustomization.yaml:5', 'upgrade.remediation.strategy uninstall apps/prod/kustomization.yaml:5'],
      'web/web': ['upgrade.remediation.retries 1 apps/base/release.yaml:17'],
    });
  });

  it("a Flux Kustomization's spec.patches entry, and a parent's patch that gives every child Kustomization that entry", async () => {
    const r = repo('release-settings-flux-patch');
    bootstrap(r);
    const hrPatch = (indent: string) =>
      ['- patch: |', '    apiVersion: helm.toolkit.fluxcd.io/v2', '    kind: HelmRelease', '    metadata:', '      name: _', '    spec:', '      install:', '        remediation:', '          retries: 3', '  target:', '    kind: HelmRelease'].map((l) => `${indent}${l}\n`).join('');
    // The home-ops shape: the parent patches each child Kustomization it applies with defaults for
    // its HelmReleases, which no child file writes.
    const parent = `  patches:\n    - patch: |\n        apiVersion: kustomize.toolkit.fluxcd.io/v1\n        kind: Kustomization\n        metadata:\n          name: _\n        spec:\n          patches:\n${hrPatch('            ')}      target:\n        kind: Kustomization\n`;
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './flux/apps', parent));
    r.put('clusters/prod/repo.yaml', helmRepository('charts', 'https://charts.example.org'));
    r.put('flux/apps/web.yaml', fluxKustomization('web', './apps/web', '  targetNamespace: web\n'));
    r.put('apps/web/release.yaml', release('web', '  install:\n    remediation:\n      retries: 1\n'));
    // A Kustomization writing the entry itself.
    r.put('flux/apps/api.yaml', fluxKustomization('api', './apps/api', `  targetNamespace: api\n  patches:\n${hrPatch('    ')}`));
    r.put('apps/api/release.yaml', release('api', ''));
    // Line 14 is the parent's entry `- patch:`; line 15 the entry of api's own Kustomization.
    expect(await settingsOf(r.root)).toEqual({
      'web/web': ['install.remediation.retries 3 clusters/prod/apps.yaml:14'],
      'api/api': ['install.remediation.retries 3 flux/apps/api.yaml:15'],
    });
  });
});
