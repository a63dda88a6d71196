/**
 * Resources and securityContext a release takes from a valuesFrom values file are cited at that file,
 * not at the HelmRelease (outside review: onepassword-connect's resources and securityContext pointed at
 * helmrelease.yaml:3 while they are written in values.yaml; its images already pointed at values.yaml).
 * What spec.values writes stays cited at the release.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('values facts of a release with valuesFrom', () => {
  const repo = tempRepos(afterAll);

  it('cite the values file for what it gives, the release for what spec.values gives', async () => {
    const r = repo('values-facts-cited');
    bootstrap(r, 'prod');
    r.put('clusters/prod/connect.yaml', fluxKustomization('connect', './apps/connect'));
    r.put('apps/connect/kustomization.yaml', 'namespace: secrets\nresources:\n  - helmrelease.yaml\nconfigMapGenerator:\n  - name: connect-values\n    files:\n      - values.yaml\ngeneratorOptions:\n  disableNameSuffixHash: true\n');
    r.put('apps/connect/helmrelease.yaml', helmRelease({ name: 'connect', chart: 'connect', values: '    podSecurityContext:\n      runAsNonRoot: true\n' }).replace('spec:\n', 'spec:\n  valuesFrom:\n    - kind: ConfigMap\n      name: connect-values\n'));
    r.put('apps/connect/values.yaml', 'connect:\n  image: ghcr.io/1password/connect-api:1.7.3\nresources:\n  requests:\n    cpu: 10m\n    memory: 64Mi\nsecurityContext:\n  runAsUser: 999\n  readOnlyRootFilesystem: true\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const facts = appFacts(model, model.apps.find((a) => a.dir === 'apps/connect')!.id)!;
    const at = (x: { ref: { file: string; line: number } | null }) => (x.ref ? `${x.ref.file}:${x.ref.line}` : null);
    expect(facts.monitoring.resources.map((x) => [x.path, at(x)])).toEqual([['resources', 'apps/connect/values.yaml:3']]);
    expect(facts.monitoring.securityContext.map((x) => [x.path, x.setting, at(x)])).toEqual([
      ['securityContext', 'runAsUser', 'apps/connect/values.yaml:7'],
      ['securityContext', 'readOnlyRootFilesystem', 'apps/connect/values.yaml:7'],
      ['podSecurityContext', 'runAsNonRoot', 'apps/connect/helmrelease.yaml:1'],
    ]);
  });
});
