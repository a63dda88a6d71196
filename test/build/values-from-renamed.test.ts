import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

/**
 * A kustomization's namePrefix (or nameSuffix) renames a ConfigMap a HelmRelease's valuesFrom names,
 * and kustomize renames references only in the fields its nameReference rules know, none of them a
 * HelmRelease's valuesFrom: the release asks for `web-values`, the cluster has `blue-web-values`, and
 * helm-controller fails ("could not find ConfigMap"). `kubectl kustomize` is the oracle. A
 * `configurations:` nameReference for spec/valuesFrom/name renames the reference too.
 */
function kubectl(dir: string): string | null {
  const r = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  return r.error || r.status !== 0 ? null : r.stdout;
}

describe('valuesFrom a ConfigMap a namePrefix renames', () => {
  const repo = tempRepos(afterAll);
  const scan = async (kustomization: string, extra: Record<string, string> = {}, entry = '    - kind: ConfigMap\n      name: web-values\n') => {
    const r = repo('values-renamed');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/helmrelease.yaml', helmRelease({ name: 'web', namespace: 'web' }).replace('spec:\n', `spec:\n  valuesFrom:\n${entry}`));
    r.put('apps/web/values.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-values\n  namespace: web\ndata:\n  values.yaml: |\n    replicaCount: 2\n');
    r.put('apps/web/kustomization.yaml', `resources:\n  - helmrelease.yaml\n  - values.yaml\n${kustomization}`);
    for (const [path, text] of Object.entries(extra)) r.put(path, text);
    const { model } = await scanRepo(r.root, parseConfig({}));
    const findings = model.findings.filter((f) => f.code === 'VALUES_FROM_RENAMED');
    return { root: r.root, findings: findings.map((f) => [f.severity, `${f.source.file}:${f.source.line}`]), message: findings[0]?.message ?? '' };
  };

  it('is a warning at the valuesFrom entry, naming the name in the cluster', async () => {
    const s = await scan('namePrefix: blue-\n');
    expect(s.findings).toEqual([['warning', 'apps/web/helmrelease.yaml:8']]);
    expect(s.message).toContain('takes values from ConfigMap "web-values", which kustomize renames to "blue-web-values" (a namePrefix or nameSuffix; written at apps/web/values.yaml:1)');
    const built = kubectl(join(s.root, 'apps/web'));
    if (built !== null) {
      expect(built).toContain('name: blue-web-values');
      expect(built).toMatch(/valuesFrom:\n\s+- kind: ConfigMap\n\s+name: web-values\n/);
    }
    expect((await scan('nameSuffix: -green\n')).findings).toEqual([['warning', 'apps/web/helmrelease.yaml:8']]);
  });

  it('is nothing without a rename, where the entry is optional, or with a configurations: nameReference for valuesFrom', async () => {
    expect((await scan('')).findings).toEqual([]);
    expect((await scan('namePrefix: blue-\n', {}, '    - kind: ConfigMap\n      name: web-values\n      optional: true\n')).findings).toEqual([]);
    const config = 'nameReference:\n  - kind: ConfigMap\n    version: v1\n    fieldSpecs:\n      - path: spec/valuesFrom/name\n        kind: HelmRelease\n';
    const s = await scan('namePrefix: blue-\nconfigurations:\n  - kustomizeconfig.yaml\n', { 'apps/web/kustomizeconfig.yaml': config });
    expect(s.findings).toEqual([]);
    const built = kubectl(join(s.root, 'apps/web'));
    if (built !== null) expect(built).toMatch(/valuesFrom:\n\s+- kind: ConfigMap\n\s+name: blue-web-values\n/);
  });

  it("is still a warning where only another Flux build's kustomization has the nameReference: each build has its own configurations", async () => {
    const config = 'nameReference:\n  - kind: ConfigMap\n    version: v1\n    fieldSpecs:\n      - path: spec/valuesFrom/name\n        kind: HelmRelease\n';
    const other = {
      'clusters/prod/other.yaml': fluxKustomization('other', './apps/other'),
      'apps/other/kustomization.yaml': 'resources:\n  - cm.yaml\nconfigurations:\n  - kustomizeconfig.yaml\n',
      'apps/other/kustomizeconfig.yaml': config,
      'apps/other/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n  namespace: other\n',
    };
    const s = await scan('namePrefix: blue-\n', other);
    expect(s.findings).toEqual([['warning', 'apps/web/helmrelease.yaml:8']]);
    const built = kubectl(join(s.root, 'apps/web'));
    if (built !== null) expect(built).toMatch(/valuesFrom:\n\s+- kind: ConfigMap\n\s+name: web-values\n/);
  });
});
