/**
 * A YAML alias inside the node its anchor names (`data: &x {self: *x}`) makes a value that contains
 * itself: kustomize overflows its stack on it, and our deep copies and merges never ended (a scan of
 * such a repository hung). Every reader of YAML in the scan refuses such a value: a document with
 * YAML_ALIAS_CYCLE at the alias, a kustomize patch as unreadable, a Flux patch as not applied, a
 * values ConfigMap as unreadable, front matter as invalid.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { parseYamlText } from '../../src/repo/read-yaml.ts';
import { isSelfReferential } from '../../src/repo/self-reference.ts';
import { tempRepo } from '../support/temp-repo.ts';

const ROOT = join(import.meta.dirname, '../..');
const { root: dir, put, remove } = tempRepo('self-reference');
afterAll(remove);

describe('isSelfReferential', () => {
  it('finds a value that contains itself, through maps and lists', () => {
    // (A merge key inside its own anchor, `a: &x {<<: *x}`, never gets here: yaml's toJS overflows
    // the stack on it; the reader reports that as YAML_ALIAS_CYCLE too, below.)
    const read = (text: string) => parse(text, { maxAliasCount: -1 });
    expect(isSelfReferential(read('a: &x\n  b: *x\n'))).toBe(true);
    expect(isSelfReferential(read('- &x [1, [2, *x]]\n'))).toBe(true);
  });

  it('accepts shared parts that are no cycle, and plain values', () => {
    expect(isSelfReferential(parse('base: &b {cpu: 1}\none: *b\ntwo: {nested: *b}\n'))).toBe(false);
    expect(isSelfReferential(parse('a: [1, 2, {b: c}]\n'))).toBe(false);
    expect(isSelfReferential('text')).toBe(false);
    expect(isSelfReferential(null)).toBe(false);
  });
});

describe('a document that contains itself', () => {
  it('is skipped with YAML_ALIAS_CYCLE at the alias; the other documents of the file are read', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: loop\ndata: &x\n  self: *x\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fine\n';
    const { docs, findings } = parseYamlText(text, { path: 'cm.yaml', kind: 'yaml' });
    expect(findings.map((f) => [f.code, f.severity, f.source.line, f.source.col])).toEqual([['YAML_ALIAS_CYCLE', 'error', 6, 9]]);
    expect(docs.map((d) => (d.value as { metadata: { name: string } }).metadata.name)).toEqual(['fine']);
  });

  it('a merge key inside its own anchor, on which yaml itself runs out of stack, is the same finding', () => {
    const { docs, findings } = parseYamlText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: loop\ndata: &x\n  <<: *x\n  a: b\n', { path: 'cm.yaml', kind: 'yaml' });
    expect(findings.map((f) => [f.code, f.source.line, f.source.col])).toEqual([['YAML_ALIAS_CYCLE', 6, 7]]);
    expect(docs).toEqual([]);
  });
});

const SOURCE = '  interval: 10m\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n';
/** A self-referential YAML text, as a block scalar's lines at this indent. */
const cyclic = (indent: string) => ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: loop', 'data: &x', '  self: *x'].map((l) => indent + l).join('\n');

describe('a repository with self-referential YAML everywhere YAML is read', () => {
  it('is scanned and checked to the end, each one reported', () => {
    put('clusters/main/apps.yaml', `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: flux-system\nspec:\n  path: ./apps\n${SOURCE}  patches:\n    - target: {kind: ConfigMap}\n      patch: |\n${cyclic('        ')}\n`);
    put('apps/kustomization.yaml', `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - cm.yaml\n  - values.yaml\n  - helmrelease.yaml\npatches:\n  - patch: |\n${cyclic('      ')}\n`);
    put('apps/cm.yaml', `${cyclic('')}\n`);
    put('apps/values.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-values\ndata:\n  values.yaml: |\n    resources: &r\n      limits: *r\n`);
    put('apps/helmrelease.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: app\nspec:\n  chart:\n    spec: {chart: app, sourceRef: {kind: HelmRepository, name: charts}}\n  valuesFrom:\n    - kind: ConfigMap\n      name: app-values\n');
    put('docs/page.md', '---\ntitle: &t\n  - *t\n---\n# Page\n');
    const r = spawnSync(process.execPath, ['scripts/atlas.mjs', 'check', '--repo', dir, '--format', 'json', '--quiet'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });
    expect(r.signal, 'the check did not finish within a minute').toBeNull();
    expect(r.status, r.stderr).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: { code: string; source: { file: string; line: number } }[] }).findings;
    const at = (code: string) => findings.filter((f) => f.code === code).map((f) => `${f.source.file}:${f.source.line}`);
    expect(at('YAML_ALIAS_CYCLE')).toEqual(['apps/cm.yaml:6']);
    expect(at('FRONT_MATTER_INVALID')).toEqual(['docs/page.md:2']);
    expect(findings.filter((f) => f.code.startsWith('PATCH_') && f.source.file === 'apps/kustomization.yaml').length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.code.startsWith('PATCH_') && f.source.file === 'clusters/main/apps.yaml').length).toBeGreaterThan(0);
  });
});
