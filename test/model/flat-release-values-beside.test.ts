/**
 * A flat folder of HelmRelease files kept in flux-system that install elsewhere (spec.targetNamespace),
 * with a release's values ConfigMap beside it in flux-system: the ConfigMap stays in the release's
 * app, whose namespace is now the target one (a regression a review found in 408ae83).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';

const repo = mkdtempSync(join(tmpdir(), 'atlas-flat-values-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const release = (name: string) => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: ${name}
  namespace: flux-system
spec:
  interval: 30m
  targetNamespace: media
  chart:
    spec:
      chart: app-template
      version: 3.5.1
      sourceRef:
        kind: HelmRepository
        name: bjw-s
  valuesFrom:
    - kind: ConfigMap
      name: ${name}-values
`;

describe('a values ConfigMap beside its release, in the release namespace', async () => {
  mkdirSync(join(repo, 'clusters/prod'), { recursive: true });
  mkdirSync(join(repo, 'infrastructure'), { recursive: true });
  writeFileSync(join(repo, 'clusters/prod/infra.yaml'), 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: infrastructure\n  namespace: flux-system\nspec:\n  interval: 30m\n  path: ./infrastructure\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n');
  writeFileSync(join(repo, 'infrastructure/sonarr.yaml'), release('sonarr'));
  writeFileSync(join(repo, 'infrastructure/radarr.yaml'), release('radarr'));
  writeFileSync(join(repo, 'infrastructure/sonarr-values.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: sonarr-values\n  namespace: flux-system\ndata:\n  values.yaml: |\n    controllers: {}\n');
  const { model } = await computeAtlas(repo, loadConfig(repo, {}));

  it('puts the apps in the target namespace and the ConfigMap in its release app', () => {
    expect(model.apps.filter((a) => a.namespace === 'media').map((a) => a.id)).toEqual(['media/radarr', 'media/sonarr']);
    expect(model.objects.find((o) => o.id === 'ConfigMap/flux-system/sonarr-values')!.appId).toBe('media/sonarr');
  });
});
