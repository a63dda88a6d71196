import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * A value of a HelmRelease is cited where it is written: its line in the HelmRelease; the values file
 * a configMapGenerator reads for valuesFrom; the HelmRelease itself where a patch changed it (the
 * line as written said the opposite: `serviceMonitor.enabled: false`, patched to true). A `${VAR}`
 * Flux substitutes stays at its line.
 */
describe('where a HelmRelease value comes from', () => {
  const repo = tempRepos(afterAll);

  it('is the line that writes it, in the HelmRelease or the valuesFrom values file', async () => {
    const r = repo('values-origin');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps', '  postBuild:\n    substitute:\n      TAG: "1.2.3"\n  patches:\n    - target:\n        kind: HelmRelease\n        name: ingress\n      patch: |\n        - op: replace\n          path: /spec/values/controller/metrics/serviceMonitor/enabled\n          value: true\n'));
    r.put('apps/kustomization.yaml', 'resources:\n  - helmrelease.yaml\nconfigMapGenerator:\n  - name: ingress-values\n    files:\n      - values.yaml\n');
    r.put('apps/values.yaml', 'defaultBackend:\n  enabled: true\n  image:\n    repository: registry.k8s.io/defaultbackend-amd64\n    tag: "1.5"\n');
    r.put('apps/helmrelease.yaml', [
      'apiVersion: helm.toolkit.fluxcd.io/v2',
      'kind: HelmRelease',
      'metadata:',
      '  name: ingress',
      '  namespace: network',
      'spec:',
      '  interval: 1h',
      '  chart:',
      '    spec:',
      '      chart: ingress-nginx',
      '      sourceRef:',
      '        kind: HelmRepository',
      '        name: ingress-nginx',
      '  valuesFrom:',
      '    - kind: ConfigMap',
      '      name: ingress-values',
      '  values:',
      '    controller:',
      '      image:',
      '        repository: registry.k8s.io/ingress-nginx/controller',
      '        tag: ${TAG}',
      '      metrics:',
      '        enabled: true',
      '        serviceMonitor:',
      '          enabled: false',
      '',
    ].join('\n'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const hr = model.helmReleases.find((h) => h.name === 'ingress')!;
    const at = (repository: string) => hr.images.find((i) => i.repository === repository)?.source;
    expect(at('registry.k8s.io/ingress-nginx/controller')).toMatchObject({ file: 'apps/helmrelease.yaml', line: 19 });
    expect(at('registry.k8s.io/defaultbackend-amd64')).toMatchObject({ file: 'apps/values.yaml', line: 3 });
    const monitor = model.monitors.find((m) => m.valuesPath === 'controller.metrics.serviceMonitor')!;
    // Line 25 says `enabled: false`; the patch made it true: the HelmRelease is cited, not that line.
    expect(monitor.source).toMatchObject({ file: 'apps/helmrelease.yaml', line: 1 });
  });
});
