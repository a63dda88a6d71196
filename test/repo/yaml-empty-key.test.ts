/**
 * A mapping entry whose key is left out (`  : "192.168.1.50"` under a ConfigMap's data, `{a: 1, : b}`,
 * `- : x`) is an empty key to the yaml library and an error to go-yaml, which kustomize and Flux read
 * with ("did not find expected key"). An outside review found such a file read without complaint, its
 * value shown on a page, while the Flux Kustomization that applies it cannot build. It is a
 * YAML_PARSE_ERROR at the entry; the document is kept as yaml reads it, as one with a duplicate key is (what
 * names it finds it; every build that takes the file in stops at it: KUSTOMIZE_FILE_UNREADABLE); an empty key
 * written out (`"": 2`), an explicit `? ` key and a block scalar's line that starts with `:` are valid.
 * Where kubectl is installed, kustomize is the oracle for every case.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';
import { kubectlVersion } from '../../scripts/corpus-check/kustomize-oracle.ts';
import { parseYamlText } from '../../src/repo/read-yaml.ts';

const cm = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: flux-system\n${data}`;
const refused: [string, string, number][] = [
  ['a block entry without its key', cm('data:\n  TZ: Europe/Budapest\n  : "192.168.1.50"\n'), 8],
  ['a flow entry without its key', cm('data: {TZ: UTC, : b}\n'), 6],
  ['a list item mapping without its key', cm('data:\n  TZ: UTC\nitems:\n  - : x\n'), 9],
];
const accepted: [string, string][] = [
  ['an empty key written out', cm('data:\n  TZ: UTC\n  "": "192.168.1.50"\n')],
  ['an explicit key', cm('data:\n  ? TZ\n  : UTC\n')],
  ['a block scalar line starting with a colon', cm('data:\n  run.sh: |\n    : "${TZ:=UTC}"\n    exec app\n')],
];

/** Whether kustomize builds a folder holding this one manifest. */
function kustomizeAccepts(text: string): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-empty-key-'));
  try {
    writeFileSync(join(dir, 'kustomization.yaml'), 'resources:\n  - cm.yaml\n');
    writeFileSync(join(dir, 'cm.yaml'), text);
    execFileSync('kubectl', ['kustomize', dir], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a mapping entry without a key', () => {
  it.each(refused)('is a parse error at the entry, the document kept: %s', (_, text, line) => {
    const r = parseYamlText(text, { path: 'settings.yaml', kind: 'yaml' });
    expect(r.docs).toHaveLength(1);
    expect(r.findings.map((f) => [f.code, f.severity, f.source.line, f.source.docIndex])).toEqual([['YAML_PARSE_ERROR', 'error', line, 0]]);
    expect(r.findings[0]!.message).toContain('did not find expected key');
    expect(r.findings[0]!.message).not.toContain('192.168.1.50');
  });

  it.each(accepted)('is no error when the key is there: %s', (_, text) => {
    const r = parseYamlText(text, { path: 'settings.yaml', kind: 'yaml' });
    expect(r.findings).toEqual([]);
    expect(r.docs).toHaveLength(1);
  });

  it('agrees with kubectl kustomize on every case, where kubectl is installed', { timeout: 60_000 }, () => {
    if (kubectlVersion() === null) return; // the parse cases above still run
    expect(refused.map(([what, text]) => [what, kustomizeAccepts(text)])).toEqual(refused.map(([what]) => [what, false]));
    expect(accepted.map(([what, text]) => [what, kustomizeAccepts(text)])).toEqual(accepted.map(([what]) => [what, true]));
  });
});

describe('a repository with a mapping entry without a key', () => {
  const repo = tempRepos(afterAll);

  it('stops the Flux build that takes the file in, and what names the object still finds it', async () => {
    const r = repo('yaml-empty-key-build');
    bootstrap(r, 'home');
    r.put('clusters/home/vars.yaml', fluxKustomization('vars', './vars'));
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps').replace('spec:\n', 'spec:\n  postBuild:\n    substituteFrom:\n      - kind: ConfigMap\n        name: settings\n'));
    r.put('vars/kustomization.yaml', 'resources:\n  - settings.yaml\n');
    r.put('vars/settings.yaml', refused[0]![1]);
    r.put('apps/kustomization.yaml', 'resources:\n  - cm.yaml\n');
    r.put('apps/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: default\ndata:\n  tz: ${TZ}\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const codes = analyse(model, config).findings.map((f) => `${f.code} ${f.source.file}:${f.source.line}`);
    expect(codes).toContain('YAML_PARSE_ERROR vars/settings.yaml:8');
    expect(codes).toContain('KUSTOMIZE_FILE_UNREADABLE vars/settings.yaml:8');
    expect(codes.filter((c) => c.startsWith('SUBSTITUTE_FROM_MISSING'))).toEqual([]);
  });
});
