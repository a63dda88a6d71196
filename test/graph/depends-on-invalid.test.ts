/**
 * A dependsOn entry written as a bare string (`- apps`): Flux's API refuses the Kustomization as
 * written, so the entry is an error of its own, not a dependency to resolve.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';

const repo = mkdtempSync(join(tmpdir(), 'atlas-depends-on-invalid-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const ks = (name: string, path: string, dependsOn: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${name}
  namespace: flux-system
spec:
  interval: 10m
  path: ${path}
  prune: true
  wait: true
  sourceRef:
    kind: GitRepository
    name: flux-system
${dependsOn}`;

describe('a dependsOn entry written as a string', async () => {
  mkdirSync(join(repo, 'clusters/home'), { recursive: true });
  mkdirSync(join(repo, 'apps/web'), { recursive: true });
  writeFileSync(join(repo, 'clusters/home/infra.yaml'), ks('infra', './apps/web', ''));
  writeFileSync(join(repo, 'clusters/home/apps.yaml'), ks('apps', './apps/web', '  dependsOn:\n    - infra\n    - name: infra\n'));
  writeFileSync(join(repo, 'apps/web/configmap.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: default\ndata:\n  a: "1"\n');
  const atlas = await computeAtlas(repo, loadConfig(repo, {}));

  it('is an error at its line, and the object entry beside it resolves', () => {
    const deps = atlas.analysis.findings.filter((f) => f.code.startsWith('DEPENDS_ON'));
    expect(deps.map((f) => [f.code, f.severity, `${f.source.file}:${f.source.line}`])).toEqual([['DEPENDS_ON_INVALID', 'error', 'clusters/home/apps.yaml:15']]);
    expect(deps[0]!.message).toContain('written as a string');
    expect(atlas.model.kustomizations.find((k) => k.name === 'apps')!.dependsOn.map((d) => [d.name, d.notAnObject ?? false])).toEqual([['infra', true], ['infra', false]]);
  });
});
