import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { slug } from 'github-slugger';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { docsFindings, repoMarkdown, repoMarkdownIn } from '../../src/lib/site/repo-markdown.ts';
import { docsFiles } from '../../scripts/bench/docs.ts';
import { DOCS_HEAVY, generateRepo } from '../../scripts/bench/generate.ts';
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
    const all = analyse(model, config).findings;
    const codes = new Set(all.map((f) => f.code));
    for (const bad of ['DEPENDS_ON_MISSING', 'DEPENDS_ON_CYCLE', 'SUBSTITUTE_FROM_MISSING', 'SUBSTITUTION_UNRESOLVED', 'FLUX_PATH_MISSING', 'YAML_PARSE_ERROR', 'KUSTOMIZE_RESOURCE_MISSING', 'DUPLICATE_OBJECT', 'SOPS_DECRYPTION_MISSING'] as const) expect(codes.has(bad), bad).toBe(false);
    // A repository Flux would apply: the bench times the work on a valid one (cluster-apps once set a
    // targetNamespace, which renamed every Namespace object to flux-system, and no app decrypted SOPS).
    expect(all.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual([]);
    // SOPS values never reach the model, but the files are recognised as SOPS-encrypted.
    expect(JSON.stringify(model)).not.toContain('ENC[AES256_GCM');
  });
});

describe('the docs-heavy mode (issue 19)', () => {
  const layout = planApps({ apps: DOCS_HEAVY.apps!, seed: 42 });
  const docs = docsFiles(layout, { ...DOCS_HEAVY.docs!, seed: 42 });
  const repo = repoFiles(layout);
  const headingSlugs = (text: string) => new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)));
  const links = (text: string) => [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);

  it('writes 80 Markdown files of about 1.5 MB under docs/, with front matter, tables and code blocks', () => {
    expect(DOCS_HEAVY.docs).toEqual({ files: 80, bytes: 1_500_000 });
    expect([...docs.keys()].every((p) => p.startsWith('docs/') && p.endsWith('.md'))).toBe(true);
    expect(docs.size).toBe(80);
    const bytes = [...docs.values()].reduce((s, t) => s + Buffer.byteLength(t), 0);
    expect(bytes).toBeGreaterThan(1_400_000);
    expect(bytes).toBeLessThan(1_600_000);
    // Sizes are skewed like a real repository's: the longest page is several times the shortest.
    const sizes = [...docs.values()].map((t) => t.length).sort((a, b) => a - b);
    expect(sizes.at(-1)! / sizes[0]!).toBeGreaterThan(4);
    for (const [path, text] of docs) {
      expect(text, path).toMatch(/^---\ntitle: "[^"]+"\ndescription: "[^"]+"\n---\n/);
      expect(text, path).toMatch(/^\|---\|---\|---\|---:\|$/m);
      expect(text, path).toMatch(/^```(yaml|sh)$/m);
    }
    expect([...docs.keys()].filter((p) => p.startsWith('docs/runbooks/')).length).toBeGreaterThanOrEqual(10);
  });

  it('links only to files, folders and headings that exist: other docs (some with #anchors) and the apps\' manifests', () => {
    const all = new Map([...repo, ...docs]);
    const folders = new Set([...all.keys()].flatMap((p) => p.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
    let toDocs = 0;
    let toManifests = 0;
    let anchors = 0;
    for (const [path, text] of docs) {
      for (const href of links(text)) {
        const [file, fragment] = href.split('#') as [string, string | undefined];
        const target = posix.normalize(posix.join(posix.dirname(path), file));
        expect(all.has(target) || folders.has(target), `${path} -> ${href}`).toBe(true);
        if (target.endsWith('.md')) toDocs++;
        else toManifests++;
        if (fragment !== undefined) {
          anchors++;
          expect(headingSlugs(all.get(target)!).has(fragment), `${path} -> ${href}`).toBe(true);
        }
      }
    }
    expect(toDocs).toBeGreaterThan(500);
    expect(toManifests).toBeGreaterThan(500);
    expect(anchors).toBeGreaterThan(100);
  });

  it('gives no broken-link or front-matter findings from the site\'s own doc checks (a smaller tree of the same shape)', async () => {
    const small = generateRepo(join(scratch(), 'r'), { apps: 20, commits: 0, docs: { files: 12, bytes: 60_000 } });
    expect(small.markdownFiles).toBe(14); // + README.md and ROADMAP.md
    const config = parseConfig({});
    const { model } = await scanRepo(small.root, config);
    const findings = docsFindings({ model, config, repoRoot: small.root });
    expect(findings.filter((f) => f.code === 'BROKEN_DOC_LINK' || f.code === 'FRONT_MATTER_INVALID')).toEqual([]);
    const input = { model, config, repoRoot: small.root };
    // The runbooks among them are published under /runbooks/, the rest under /docs/.
    expect(repoMarkdown(input).docs.length + repoMarkdownIn(input, config.runbooks).docs.length).toBeGreaterThanOrEqual(12);
  });
});
