/**
 * kustomize reads a kustomization file's kind as written: `kind: kustomization` stops the build
 * ("kind should be Kustomization or Component"; kubectl kustomize agrees). An outside review found
 * one accepted and its objects shown as deployed. Judged where kustomize reads the file strictly (a
 * folder a build lists), as unknown fields are; the file at a Flux Kustomization's own path is
 * rewritten by the kustomize-controller first.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { kubectlKustomize } from '../support/kubectl.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe('a listed folder whose kustomization.yaml has the wrong kind', () => {
  const repo = tempRepos(afterAll);

  it('stops the build: one error, and the app is not deployed', async () => {
    const r = repo('kustomization-kind');
    bootstrap(r, 'dev');
    r.put('clusters/dev/apps.yaml', fluxKustomization('apps', './apps/dev'));
    r.put('apps/dev/kustomization.yaml', 'resources:\n  - sub\n');
    r.put('apps/dev/sub/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: kustomization\nresources:\n  - cm.yaml\n');
    r.put('apps/dev/sub/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: default\ndata:\n  a: "1"\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings;
    expect(findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.source.file}:${f.source.line}`)).toEqual(['KUSTOMIZE_WRONG_API_VERSION apps/dev/sub/kustomization.yaml:2']);
    expect(findings.find((f) => f.severity === 'error')!.message).toContain('says kind kustomization');
    // The oracle, where kubectl is installed: kustomize refuses the folder too.
    const built = kubectlKustomize(join(r.root, 'apps/dev'));
    if (built !== 'absent') expect(built).toBe('failed');
  });

  // kustomize takes a kustomization file's first YAML document as the kustomization (outside review:
  // a Namespace written above the Kustomization stopped kubectl kustomize; below it, it was left out).
  const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: default\ndata:\n  a: "1"\n';
  const KS = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - cm.yaml\n';
  const NS = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: extra\n';
  const listed = async (name: string, text: string) => {
    const r = repo(name);
    bootstrap(r, 'dev');
    r.put('clusters/dev/apps.yaml', fluxKustomization('apps', './apps/dev'));
    r.put('apps/dev/kustomization.yaml', 'resources:\n  - sub\n');
    r.put('apps/dev/sub/kustomization.yaml', text);
    r.put('apps/dev/sub/cm.yaml', CM);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    return { model, findings: analyse(model, config).findings, built: kubectlKustomize(join(r.root, 'apps/dev')) };
  };
  const notes = (findings: { code: string; source: { file: string; line: number } }[]) =>
    findings.filter((f) => f.code === 'NOT_DEPLOYED' && f.source.file === 'apps/dev/sub/kustomization.yaml').map((f) => f.source.line);

  it('stops the build where another object comes first, and notes that object as not deployed', async () => {
    const { model, findings, built } = await listed('kustomization-second', `${NS}---\n${KS}`);
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.code} ${f.source.file}:${f.source.line}`)).toEqual(['KUSTOMIZE_WRONG_API_VERSION apps/dev/sub/kustomization.yaml:1']);
    expect(errors[0]!.message).toContain('as YAML document 2');
    expect(errors[0]!.message).not.toContain('leave apiVersion out');
    expect(notes(findings)).toEqual([1]);
    expect(model.objects.find((o) => o.kind === 'Namespace' && o.name === 'extra')?.disabled).toBe('unlisted');
    if (built !== 'absent') expect(built).toBe('failed');
  });

  it('stops the build where an empty document comes first (kustomize: "kustomization.yaml is empty")', async () => {
    const { findings, built } = await listed('kustomization-empty-first', `---\n# nothing here\n---\n${KS}`);
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['KUSTOMIZE_WRONG_API_VERSION']);
    if (built !== 'absent') expect(built).toBe('failed');
  });

  it('builds a Kustomization written first, and leaves the documents after it out', async () => {
    const { model, findings, built } = await listed('kustomization-first', `# a comment\n---\n${KS}---\n${NS}`);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(notes(findings)).toEqual([8]);
    expect(model.objects.find((o) => o.kind === 'Namespace' && o.name === 'extra')?.disabled).toBe('unlisted');
    expect(model.objects.find((o) => o.kind === 'ConfigMap' && o.name === 'x')?.owner).not.toBeNull();
    if (built !== 'absent') {
      expect(built).not.toBe('failed');
      const { output } = built as { output: string };
      expect(output).toContain('kind: ConfigMap');
      expect(output).not.toContain('kind: Namespace');
    }
  });
});
