/**
 * A kustomization's `transformers:` field: a builtin PatchTransformer (`apiVersion: builtin`) there
 * patches the build after kustomize's own transformers, and its file is configuration, not an object
 * Flux applies. An outside review found a chart version pinned that way shown as the unpatched one,
 * and the transformer files reported NOT_DEPLOYED as "not listed" in their kustomization.yaml.
 * `kubectl kustomize` says what the build holds.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { kubectlKustomize } from '../support/kubectl.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const pin = (version: string) =>
  `apiVersion: builtin\nkind: PatchTransformer\nmetadata:\n  name: pin-version\npatch: |-\n  - op: replace\n    path: /spec/chart/spec/version\n    value: "${version}"\ntarget:\n  kind: HelmRelease\n`;


describe('the transformers: field', () => {
  const repo = tempRepos(afterAll);

  it('applies a builtin PatchTransformer, and its file is no object and not "not listed"', async () => {
    const r = repo('transformers-field');
    bootstrap(r, 'prod');
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps/podinfo'));
    r.put('apps/podinfo/kustomization.yaml', 'namespace: podinfo\nresources:\n  - release.yaml\ntransformers:\n  - pin-version.yaml\n');
    r.put('apps/podinfo/release.yaml', helmRelease({ name: 'podinfo', version: '6.0.0' }));
    r.put('apps/podinfo/pin-version.yaml', pin('6.5.4'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    expect(model.helmReleases.map((h) => `${h.name} ${h.chart.version}`)).toEqual(['podinfo 6.5.4']);
    expect(model.objects.some((o) => o.kind === 'PatchTransformer')).toBe(false);
    expect(analyse(model, config).findings.filter((f) => f.code === 'NOT_DEPLOYED')).toEqual([]);
    // The oracle, where kubectl is installed (it is on these machines and on GitHub's runners).
    const built = kubectlKustomize(join(r.root, 'apps/podinfo'));
    if (built !== 'absent') {
      const docs = built === 'failed' ? [] : built.output.split(/^---$/m).map((d) => parse(d) as { kind: string; spec: { chart: { spec: { version: string } } } }).filter(Boolean);
      expect(docs.map((d) => d.kind)).toEqual(['HelmRelease']);
      expect(docs[0]!.spec.chart.spec.version).toBe('6.5.4');
    }
  });
});
