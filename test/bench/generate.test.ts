import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { generateRepo } from '../../scripts/bench/generate.ts';
import { planApps, repoFiles } from '../../scripts/bench/layout.ts';

const dirs: string[] = [];
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), 'bench-gen-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('planApps', () => {
  it('is deterministic for a seed and different for another', () => {
    const a = repoFiles(planApps({ apps: 120, seed: 7 }));
    const b = repoFiles(planApps({ apps: 120, seed: 7 }));
    const c = repoFiles(planApps({ apps: 120, seed: 8 }));
    expect([...a]).toEqual([...b]);
    expect([...a]).not.toEqual([...c]);
  });

  it('makes dependsOn chains of depth at most 8 that only point backwards (no cycles)', () => {
    const { apps } = planApps({ apps: 1000, seed: 42 });
    const index = new Map(apps.map((a, i) => [a.name, i]));
    const depth = new Map<string, number>();
    let deepest = 0;
    apps.forEach((a, i) => {
      for (const d of a.dependsOn) expect(index.get(d)!).toBeLessThan(i);
      const d = 1 + Math.max(0, ...a.dependsOn.map((x) => depth.get(x)!));
      depth.set(a.name, d);
      deepest = Math.max(deepest, d);
    });
    expect(deepest).toBeLessThanOrEqual(8);
    expect(deepest).toBeGreaterThanOrEqual(5);
    expect(new Set(apps.map((a) => a.namespace)).size).toBeGreaterThanOrEqual(35);
    expect(new Set(apps.map((a) => a.layout))).toEqual(new Set(['home', 'home-config', 'group']));
  });

  it('writes only YAML that parses without errors', () => {
    const files = repoFiles(planApps({ apps: 80, seed: 3 }));
    for (const [path, text] of files) {
      if (!/\.ya?ml$/.test(path)) continue;
      for (const doc of parseAllDocuments(text)) expect('errors' in doc ? doc.errors : [], path).toEqual([]);
    }
  });
});

describe('generateRepo', () => {
  it('writes a git work tree whose history has the requested commits and a clean status', () => {
    const repo = generateRepo(join(scratch(), 'r'), { apps: 40, commits: 300 });
    const git = (...args: string[]) => execFileSync('git', ['-C', repo.root, ...args], { encoding: 'utf8' });
    expect(Number(git('rev-list', '--count', 'HEAD').trim())).toBe(300);
    expect(git('status', '--porcelain')).toBe('');
    expect(git('log', '-1', '--format=%s')).toMatch(/update (image|chart)/);
    expect(readFileSync(join(repo.root, 'ROADMAP.md'), 'utf8')).toContain('**Status**:');
  });

  it('scans into the apps, Kustomizations and secrets it was built with, without findings about broken references', async () => {
    const repo = generateRepo(join(scratch(), 'r'), { apps: 60, commits: 0 });
    const config = parseConfig({});
    const { model } = await scanRepo(repo.root, config);
    const specs = repo.layout.apps;
    const names = new Set(model.apps.map((a) => a.name));
    for (const a of specs) expect(names.has(a.name), a.name).toBe(true);
    expect(model.helmReleases).toHaveLength(specs.length);
    expect(model.externalSecrets).toHaveLength(specs.filter((a) => a.secret === 'external').length);
    expect(model.pvcs).toHaveLength(specs.filter((a) => a.pvc).length);
    const codes = new Set(analyse(model, config).findings.map((f) => f.code));
    for (const bad of ['DEPENDS_ON_MISSING', 'DEPENDS_ON_CYCLE', 'SUBSTITUTE_FROM_MISSING', 'SUBSTITUTION_UNRESOLVED', 'FLUX_PATH_MISSING', 'YAML_PARSE_ERROR', 'KUSTOMIZE_RESOURCE_MISSING'] as const) expect(codes.has(bad), bad).toBe(false);
    // SOPS values never reach the model, but the files are recognised as SOPS-encrypted.
    expect(JSON.stringify(model)).not.toContain('ENC[AES256_GCM');
  });
});
