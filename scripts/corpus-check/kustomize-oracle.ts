/**
 * The kustomize oracle: `kubectl kustomize DIR` on every folder of the corpus that has a
 * kustomization.yaml, compared with our static build of that folder (src/repo/build/kustomize-build.ts)
 * by the set of (apiVersion/kind, namespace, name). Names of generated ConfigMaps and Secrets are
 * compared without kustomize's content-hash suffix. kustomize only reads, so it runs on the corpus
 * in place. Its results are cached per repository (keyed by the content of every file of the
 * repository and kubectl's version) in .atlas-cache/kustomize-oracle/, or $ATLAS_ORACLE_CACHE.
 *
 *   node scripts/corpus-check/kustomize-oracle.ts [corpus-dir] [--repo NAME] [--no-cache]
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { RawDoc } from '../../src/model/raw-doc.ts';
import { isObj, obj, str } from '../../src/model/values.ts';
import { discoverFiles } from '../../src/repo/discover.ts';
import { KustomizeBuilder, type KustomizeBuild } from '../../src/repo/build/kustomize-build.ts';
import type { KustomizeSource } from '../../src/repo/build/kustomize-source.ts';
import { toKustomizeFile } from '../../src/repo/build/kustomize-file-read.ts';
import { KustomizeTree } from '../../src/repo/build/kustomize-tree.ts';
import { toWorkDoc, type WorkDoc } from '../../src/repo/build/work-doc.ts';
import { readYamlFile } from '../../src/repo/read-yaml.ts';
import { readGeneratorInputs } from '../../src/repo/generator-inputs.ts';

const here = dirname(fileURLToPath(import.meta.url));
const project = resolve(here, '../..');

/** What kubectl said about one folder: the ids it printed, or why it could not build. */
export interface KubectlResult {
  ok: boolean;
  ids: string[];
  error: string;
}

export interface DirVerdict {
  dir: string;
  state: 'equal' | 'differing' | 'unbuildable';
  reason?: string;
  missing?: string[];
  extra?: string[];
}

export interface RepoReport {
  repo: string;
  dirs: DirVerdict[];
  cached: boolean;
}

/** Whether kubectl with kustomize is on PATH. */
export function kubectlVersion(): string | null {
  try {
    return execFileSync('kubectl', ['version', '--client'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).replace(/\s+/g, ' ').trim();
  } catch {
    return null;
  }
}

/** Read a repository the way the scan does and index it for kustomize builds. */
export async function readRepo(root: string): Promise<{ source: KustomizeSource; dirs: string[] }> {
  const discovered = await discoverFiles(root, {});
  const yamlFiles = discovered.files.filter((f) => f.kind === 'yaml' || f.kind === 'disabled-yaml');
  const raw: RawDoc[] = [];
  for (const f of yamlFiles) for (const d of (await readYamlFile(f)).docs) raw.push(d);
  const works = raw.map(toWorkDoc).filter((w): w is WorkDoc => w !== null);
  const byFile = new Map<string, WorkDoc[]>();
  for (const w of works) (byFile.get(w.file) ?? byFile.set(w.file, []).get(w.file)!).push(w);
  const rawByFile = new Map<string, unknown[]>();
  for (const d of raw) if (!d.disabled) (rawByFile.get(d.source.file) ?? rawByFile.set(d.source.file, []).get(d.source.file)!).push(d.value);
  const kfiles = works.filter((w) => w.isKustomizeFile && !w.raw.disabled).map(toKustomizeFile);
  const tree = new KustomizeTree(
    discovered.files.filter((f) => f.kind === 'yaml').map((f) => f.path),
    yamlFiles.map((f) => f.path),
    kfiles,
  );
  // The values of ConfigMap generators' plain inputs, as the scan reads them (a replacement copies them).
  tree.generatorValues = readGeneratorInputs(raw, new Map(discovered.files.map((f) => [f.path, f]))).configValues;
  return { source: { tree, byFile, rawDocs: (file) => rawByFile.get(file) ?? [] }, dirs: [...tree.byDir.keys()].sort() };
}

/** Our ids for a build; a generated object's name carries `-#hash` where kustomize appends its content hash. */
export function ourIds(build: KustomizeBuild): string[] {
  return build.objects.map((r) => {
    const m = obj(r.body.metadata);
    return `${str(r.body.apiVersion) ?? ''}/${str(r.body.kind) ?? ''}|${str(m.namespace) ?? ''}|${str(m.name) ?? ''}${r.hashSuffix ? '-#hash' : ''}`;
  });
}

/** kustomize's output as ids. */
export function idsOfOutput(yamlText: string): string[] {
  const ids: string[] = [];
  for (const doc of parseAllDocuments(yamlText, { uniqueKeys: false })) {
    const v = doc.toJS({ maxAliasCount: 1000 }) as unknown;
    if (!isObj(v)) continue;
    const m = obj(v.metadata);
    ids.push(`${str(v.apiVersion) ?? ''}/${str(v.kind) ?? ''}|${str(m.namespace) ?? ''}|${str(m.name) ?? ''}`);
  }
  return ids;
}

/** Compare kustomize's ids with ours, a generated name's hash suffix matched by its shape. */
export function compareIds(theirs: readonly string[], ours: readonly string[]): { missing: string[]; extra: string[] } {
  const left = new Set(ours);
  const missing: string[] = [];
  for (const id of theirs) {
    if (left.delete(id)) continue;
    const hashed = id.replace(/-[a-z0-9]{10}$/, '-#hash');
    if (hashed !== id && left.delete(hashed)) continue;
    missing.push(id);
  }
  return { missing, extra: [...left] };
}

/** kustomize's error, as a reason to count by. */
export function reasonOf(stderr: string): string {
  const s = stderr.replace(/\s+/g, ' ');
  if (/(file sources|env source|envs?:).*(evalsymlink failure|no such file)|loading KV pairs.*no such file/.test(s)) return 'generator file absent from the corpus';
  if (/loading KV pairs.*https?:\/\//.test(s)) return 'remote generator file';
  if (/accumulating (resources|components) from '(https?:\/\/|github\.com|git@)|accumulation err='accumulating resources from 'https?:/.test(s)) return 'remote resource';
  if (/security; file .* is not in or below/.test(s)) return 'file outside the kustomization folder (load restrictor)';
  if (/\$\{[A-Za-z_]/.test(s)) return '${VAR} in a path';
  if (/must resolve to a file|unable to find one of 'kustomization.yaml'|not a valid directory/.test(s)) return 'missing file or folder without kustomization.yaml';
  if (/already registered id|ID conflict/.test(s)) return 'duplicate object id';
  if (/no matches for (Id|OriginalId)|no resource matches/.test(s)) return 'patch target missing';
  if (/--enable-helm/.test(s)) return 'helmCharts need --enable-helm';
  if (/timed out/.test(s)) return 'kubectl timed out';
  const m = /err="([^"]{0,120})/.exec(s) ?? /error: (.{0,120})/.exec(s);
  return `other: ${(m?.[1] ?? s.slice(0, 120)).trim()}`;
}

function runKubectl(dir: string): Promise<KubectlResult> {
  return new Promise((done) => {
    execFile('kubectl', ['kustomize', dir], { encoding: 'utf8', timeout: 60_000, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } }, (error, stdout, stderr) => {
      if (error) done({ ok: false, ids: [], error: reasonOf(`${stderr}${error.killed ? ' timed out' : ''}`) });
      else done({ ok: true, ids: idsOfOutput(stdout), error: '' });
    });
  });
}

/** Run kubectl on many folders, `limit` at a time. */
async function pool<T>(items: readonly string[], limit: number, run: (item: string) => Promise<T>): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      out.set(item, await run(item));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function repoDigest(root: string, files: readonly string[], version: string): string {
  const h = createHash('sha256').update(version);
  for (const f of [...files].sort()) h.update(f).update('\0').update(readFileSync(join(root, f))).update('\0');
  return h.digest('hex').slice(0, 20);
}

function allFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) for (const f of allFiles(root, p)) out.push(f);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** Our build and kustomize's for every folder of one repository that has a kustomization file. */
export async function checkRepo(root: string, opts: { cacheDir: string | null; version: string; concurrency?: number }): Promise<RepoReport> {
  const repo = root.split('/').pop()!;
  const { source, dirs } = await readRepo(root);
  const builder = new KustomizeBuilder(source);
  const builds = new Map(dirs.map((d) => [d, builder.build(d)]));
  // A remote base is not followed by our build and would be fetched over the network by kustomize: count it, do not run it.
  const runnable = dirs.filter((d) => !builds.get(d)!.problems.some((p) => p.code === 'REMOTE_RESOURCE'));
  const cacheFile = opts.cacheDir ? join(opts.cacheDir, `${repo}-${repoDigest(root, allFiles(root), opts.version)}.json`) : null;
  let results: Map<string, KubectlResult>;
  let cached = false;
  if (cacheFile && existsSync(cacheFile)) {
    results = new Map(Object.entries(JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, KubectlResult>));
    cached = runnable.every((d) => results.has(d));
  } else results = new Map();
  if (!cached) {
    const todo = runnable.filter((d) => !results.has(d));
    const fresh = await pool(todo, opts.concurrency ?? 2, (d) => runKubectl(join(root, d || '.')));
    for (const [d, r] of fresh) results.set(d, r);
    if (cacheFile) {
      mkdirSync(dirname(cacheFile), { recursive: true });
      writeFileSync(cacheFile, JSON.stringify(Object.fromEntries([...results].sort(([a], [b]) => a.localeCompare(b)))));
    }
  }
  const verdicts: DirVerdict[] = dirs.map((dir) => {
    const k = results.get(dir);
    if (!k) return { dir, state: 'unbuildable', reason: 'remote resource' };
    if (!k.ok) return { dir, state: 'unbuildable', reason: k.error };
    const { missing, extra } = compareIds(k.ids, ourIds(builds.get(dir)!));
    return missing.length || extra.length ? { dir, state: 'differing', missing, extra } : { dir, state: 'equal' };
  });
  return { repo, dirs: verdicts, cached };
}

export function defaultCacheDir(): string {
  return process.env.ATLAS_ORACLE_CACHE ?? join(project, '.atlas-cache/kustomize-oracle');
}

/** Print the figures; returns the number of differing folders. */
export function summarize(reports: readonly RepoReport[], log: (line: string) => void = console.log): number {
  const all = reports.flatMap((r) => r.dirs.map((d) => ({ ...d, repo: r.repo })));
  const built = all.filter((d) => d.state !== 'unbuildable');
  const equal = all.filter((d) => d.state === 'equal');
  const differing = all.filter((d) => d.state === 'differing');
  const unbuildable = all.filter((d) => d.state === 'unbuildable');
  for (const r of reports) {
    const n = (s: DirVerdict['state']) => r.dirs.filter((d) => d.state === s).length;
    log(`  ${r.repo}: ${r.dirs.length} dirs, built ${n('equal') + n('differing')}, equal ${n('equal')}, differing ${n('differing')}, not buildable ${n('unbuildable')}${r.cached ? ' (cached)' : ''}`);
  }
  log(`kustomize oracle: ${all.length} dirs, built by kustomize ${built.length}, equal ${equal.length}, differing ${differing.length}, not buildable ${unbuildable.length}`);
  const reasons = new Map<string, number>();
  for (const d of unbuildable) reasons.set(d.reason!, (reasons.get(d.reason!) ?? 0) + 1);
  for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) log(`  not buildable ${n}: ${reason}`);
  for (const d of differing.slice(0, 10)) {
    log(`  DIFF ${d.repo}/${d.dir}`);
    for (const m of d.missing!.slice(0, 5)) log(`    only kustomize: ${m}`);
    for (const e of d.extra!.slice(0, 5)) log(`    only ours:      ${e}`);
  }
  return differing.length;
}

async function main() {
  const args = process.argv.slice(2);
  const corpus = resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--repo') ?? join(project, '../shared/corpus'));
  const only = args.includes('--repo') ? args[args.indexOf('--repo') + 1] : null;
  if (!existsSync(corpus)) {
    console.log(`kustomize oracle: ${corpus} not found, nothing to check`);
    return 0;
  }
  const version = kubectlVersion();
  if (!version) {
    console.log('kustomize oracle: kubectl not found, skipped');
    return 0;
  }
  const started = performance.now();
  const reports: RepoReport[] = [];
  for (const repo of readdirSync(corpus).sort()) {
    if (only && repo !== only) continue;
    if (!existsSync(join(corpus, repo, 'corpus-meta.json'))) continue;
    reports.push(await checkRepo(join(corpus, repo), { cacheDir: args.includes('--no-cache') ? null : defaultCacheDir(), version }));
  }
  const differing = summarize(reports);
  console.log(`  (${version}; ${Math.round((performance.now() - started) / 1000)} s)`);
  return differing ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = await main();
