import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { AtlasConfig } from '../config/schema.ts';
import { finding, type Finding } from '../model/finding.ts';
import type { RawDoc } from '../model/raw-doc.ts';
import type { RepoFile, RepoModel } from '../model/repo-model.ts';
import { buildModel } from './build/model.ts';
import type { SourceIgnoreFile } from './build/source-ignore.ts';
import { discoverFiles, listWithMemo, type DiscoveredFile, type ListingMemo } from './discover.ts';
import { gitIgnores } from './discover-git.ts';
import { archiveFolderOf } from './globs.ts';
import { ParseThread, THREAD_IN_FLIGHT, THREAD_MIN_BYTES } from './parse-pool.ts';
import { readYamlFile, type ParseCache, type ReadYamlResult } from './read-yaml.ts';
import { holdsMoreThanComments, namedByKustomizations } from './named-json.ts';
import { readArtifactPushes } from './artifact-pushes.ts';
import { readGeneratorInputs } from './generator-inputs.ts';

export interface ScanOptions {
  /** Called as files are read, for terminal progress; never on stdout. */
  progress?: (done: number, total: number) => void;
  /**
   * Reuse what an earlier scan in this process read from files that did not change (same path,
   * mtime and size): the dev server re-scans after every save, and parsing is most of a scan.
   */
  cache?: ReadCache;
  /** Parsed files by path and content, shared between scans of two revisions (atlas diff). */
  parsed?: ParseCache;
  /** Called with each YAML file's text when it is read (not for files taken from `cache`). */
  onText?: (path: string, text: string) => void;
  /**
   * Filled with each discovered file's stamp (mtime, size, device, inode; src/repo/file-checks.ts) by
   * its repository path, as discovery took it: for a dev cache of another reader (the bootstrap
   * comments), which then needs no stat of its own per file.
   */
  stamps?: Map<string, string>;
  /**
   * Parse on a second thread too (parse-pool.ts): 'auto' (the default) where there is enough YAML to
   * parse to pay for it, 'always' or 'never' (tests of either path).
   */
  parseThread?: 'auto' | 'always' | 'never';
  /**
   * The dev server's listing between scans (discover.ts ListingMemo): where the watcher saw only files
   * of the last listing change, they alone are stat-ed again, and the repository is not listed anew.
   */
  listing?: ListingMemo;
}

/** Documents and findings of one file, keyed by absolute path; valid while `stamp` (mtime, size) holds. */
export type ReadCache = Map<string, { stamp: string; docs: RawDoc[]; findings: Finding[] }>;

/** Files read at once: enough to overlap disk and parse on 2 cores, few enough to bound memory. */
const CONCURRENCY = 16;

/** Index of the first file past the byte budget (files over maxFileBytes are never read, so they do not count). */
function byteBudgetCut(files: readonly { size: number }[], config: Pick<AtlasConfig, 'maxTotalBytes' | 'maxFileBytes'>): number {
  let bytes = 0;
  for (let i = 0; i < files.length; i++) {
    const size = files[i]!.size;
    if (size > config.maxFileBytes) continue;
    bytes += size;
    if (bytes > config.maxTotalBytes) return i;
  }
  return files.length;
}

/**
 * Lines that start a YAML document (`---`), plus one, and commented-out documents (`# kind: X`,
 * read by commented-docs.ts): an estimate of the documents a file would yield, without parsing it.
 */
async function documentMarkers(abs: string): Promise<number> {
  const text = await readFile(abs, 'latin1');
  let n = 1;
  for (let i = text.indexOf('---'); i >= 0; i = text.indexOf('---', i + 3)) if (i === 0 || text.charCodeAt(i - 1) === 10) n++;
  let commented = 0;
  for (const _ of text.matchAll(/^#[ \t]*kind[ \t]*:/gm)) commented++;
  return Math.max(n, commented);
}

function budgetFinding(files: readonly { path: string }[], cut: number, what: 'documents' | 'bytes', config: Pick<AtlasConfig, 'maxTotalBytes' | 'maxDocuments'>): Finding {
  const limit = what === 'documents' ? `${config.maxDocuments} YAML documents (maxDocuments)` : `${config.maxTotalBytes} bytes of YAML (maxTotalBytes)`;
  return finding(
    'INPUT_BUDGET_EXCEEDED',
    'error',
    `The repository holds more than ${limit}; ${files.length - cut} of ${files.length} YAML files, from this one on in path order, were not read, so pages and findings are incomplete. Raise the limit in atlas.config.yaml or exclude generated files (exclude: [...]).`,
    { file: files[cut]!.path, line: 1, col: 1 },
    { area: 'yaml' },
  );
}

/**
 * Read a repository into the model: discover files, read every YAML document with positions (secret
 * values dropped as they are read), then do what Flux would do and group the result into apps.
 * Problems in the repository become findings; only our own misconfiguration throws. Returns the
 * model and the scrubbed documents it was built from (in file order), for a reader that needs a few
 * documents' own fields (the runbooks) without parsing their files again.
 */
export async function scanRepo(root: string, config: AtlasConfig, options: ScanOptions = {}): Promise<{ model: RepoModel; docs: RawDoc[] }> {
  const abs = resolve(root);
  const discovered = await listWithMemo(options.listing, JSON.stringify([abs, config.include, config.exclude]), () => discoverFiles(abs, { include: config.include, exclude: config.exclude }));
  const findings: Finding[] = [...discovered.findings];
  if (options.stamps) for (const f of discovered.files) options.stamps.set(f.path, f.stamp);
  const yamlFiles = discovered.files.filter((f) => f.kind === 'yaml' || f.kind === 'disabled-yaml');
  const perFile: RawDoc[][] = new Array(yamlFiles.length);
  // The total input budget (bytes, then documents), so that memory stays bounded whatever the
  // repository holds (30 MB of tiny documents once took 2 GB to scan). Files are cut in path
  // order, so the same repository always loses the same files.
  const byteCut = byteBudgetCut(yamlFiles, config);
  let limit = byteCut;
  let docsRead = 0;
  const { onText } = options;
  let next = 0;
  let done = 0;
  const stampOf = (file: DiscoveredFile) => (options.cache ? `${file.stamp}:${config.maxFileBytes}` : '');
  /** What an earlier scan read of this file, where it has not changed since. */
  const freshRead = (file: DiscoveredFile) => {
    const hit = options.cache?.get(file.abs);
    return hit !== undefined && hit.stamp === stampOf(file) ? hit : undefined;
  };
  // A file the thread reads and parses (if it is still there), else this thread.
  const readHere = (file: DiscoveredFile) => readYamlFile(file, { maxBytes: config.maxFileBytes, onText: onText && ((text) => onText(file.path, text)) }, options.parsed);
  const readOne = async (file: DiscoveredFile, thread: ParseThread | null): Promise<ReadYamlResult> => {
    if (thread === null) return readHere(file);
    const reply = await thread.read(file, config.maxFileBytes, onText !== undefined).catch(() => null);
    if (reply === null) return readHere(file);
    if ('error' in reply) throw new Error(reply.error);
    if (reply.text !== undefined) onText?.(file.path, reply.text);
    return reply.result;
  };
  let threaded = false;
  const worker = async (thread: ParseThread | null) => {
    while (next < limit) {
      const i = next++;
      const file = yamlFiles[i]!;
      try {
        // The stamp discovery took a moment ago (its lstat, or the stat of a link's target).
        const stamp = stampOf(file);
        const fresh = freshRead(file);
        // One file of tiny documents is refused before it is parsed (a cheap count of `---` lines),
        // as a file over maxFileBytes is: alone, and without cutting the files after it.
        const markers = !fresh && file.size > 65_536 && file.size <= config.maxFileBytes ? await documentMarkers(file.abs) : 0;
        if (markers > config.maxDocuments) {
          perFile[i] = [];
          perFileFindings[i] = [finding('YAML_TOO_MANY_DOCUMENTS', 'warning', `This file holds about ${markers} YAML documents, more than maxDocuments (${config.maxDocuments}) for the whole repository; it was not read. Exclude it (exclude: [...] in atlas.config.yaml) if it is generated.`, { file: file.path, line: 1, col: 1 }, { area: 'yaml' })];
          options.progress?.(++done, yamlFiles.length);
          continue;
        }
        const read = fresh ?? (await readOne(file, thread));
        if (!fresh) options.cache?.set(file.abs, { stamp, docs: read.docs, findings: read.findings });
        perFile[i] = read.docs;
        perFileFindings[i] = read.findings;
        docsRead += read.docs.length;
        if (docsRead > config.maxDocuments) limit = Math.min(limit, next);
      } catch (error) {
        // The reader never throws on content; an I/O error (file vanished, permission) lands here.
        perFile[i] = [];
        perFileFindings[i] = [finding('FILE_UNREADABLE', 'error', `Could not read the file: ${(error as Error).message}`, { file: file.path, line: 1, col: 1 }, { area: 'yaml' })];
      }
      options.progress?.(++done, yamlFiles.length);
      // Reading here is synchronous (file-checks.ts): without a turn of the event loop between files,
      // the thread's answers (and so its next files) would wait until this thread had read them all.
      if (threaded && thread === null) await new Promise(setImmediate);
    }
  };
  const perFileFindings: (Finding[] | undefined)[] = new Array(yamlFiles.length);
  // A second thread where there is enough to parse (not for atlas diff's shared parse cache, which
  // keys files by their text, read on this thread).
  let toParse = 0;
  for (let i = 0; i < byteCut && toParse < THREAD_MIN_BYTES; i++) if (freshRead(yamlFiles[i]!) === undefined && yamlFiles[i]!.size <= config.maxFileBytes) toParse += yamlFiles[i]!.size;
  const mode = options.parseThread ?? (process.env.ATLAS_PARSE_THREAD === '1' ? 'always' : 'auto');
  const thread = !options.parsed && (mode === 'always' || (mode === 'auto' && toParse >= THREAD_MIN_BYTES)) ? ParseThread.start() : null;
  threaded = thread !== null;
  try {
    // The thread's first files are sent before this thread takes any (it answers once it has started).
    await Promise.all([
      ...(thread ? Array.from({ length: THREAD_IN_FLIGHT }, () => worker(thread)) : []),
      ...Array.from({ length: Math.min(CONCURRENCY, yamlFiles.length) }, () => worker(null)),
    ]);
  } finally {
    thread?.close();
  }
  // Deterministic cut: the first file (in path order) at which the document count passes the
  // budget; everything from there on is dropped, whichever files happened to finish first.
  let cut = limit;
  let count = 0;
  for (let i = 0; i < limit; i++) {
    count += perFile[i]?.length ?? 0;
    if (count > config.maxDocuments) {
      cut = i;
      break;
    }
  }
  for (let i = 0; i < cut; i++) for (const f of perFileFindings[i] ?? []) findings.push(f);
  if (cut < yamlFiles.length) {
    for (let i = cut; i < yamlFiles.length; i++) perFile[i] = [];
    findings.push(budgetFinding(yamlFiles, cut, cut === byteCut ? 'bytes' : 'documents', config));
  }
  if (options.cache) {
    // Forget files of this repository that are gone (other repositories' entries stay valid).
    const live = new Set(yamlFiles.map((f) => f.abs));
    const root = `${abs}/`;
    for (const key of options.cache.keys()) if (key.startsWith(root) && !live.has(key)) options.cache.delete(key);
  }
  const name = config.title ?? basename(abs);
  const { plainKeys, plainCredentials, sopsDocs, envNotes, configValues } = readGeneratorInputs(perFile.flat(), new Map(discovered.files.map((f) => [f.path, f])));
  const files = discovered.files.map((f): RepoFile => {
    const archived = archiveFolderOf(f.path, config.archive);
    const credentials = plainCredentials.get(f.path);
    return {
      path: f.path,
      kind: f.kind,
      size: f.size,
      ...(archived !== null ? { archived } : {}),
      ...(plainKeys.has(f.path) ? { plainPrivateKey: true as const } : {}),
      ...(credentials ? { plainCredentials: credentials } : {}),
    };
  });
  const pushes = pushesOf(discovered.files);
  // Files of other kinds a kustomization.yaml names, which kustomize reads as YAML: JSON patches and
  // resources (read as YAML here too), and Markdown resources, where their text stops kustomize.
  const byPath = new Map(discovered.files.filter((f) => f.kind === 'other' || f.kind === 'markdown').map((f) => [f.path, f]));
  const named = namedByKustomizations(perFile.flat(), new Set(byPath.keys()));
  const jsonDocs: RawDoc[] = [];
  for (const path of named.json) {
    try {
      const read = await readYamlFile({ path, abs: byPath.get(path)!.abs, kind: 'yaml' }, { maxBytes: config.maxFileBytes, commented: false });
      for (const d of read.docs) jsonDocs.push(d);
      for (const f of read.findings) findings.push(f);
    } catch (error) {
      findings.push(unreadableFinding(path, error));
    }
  }
  // The `.sourceignore` files: what source-controller leaves out of the repository's artifact (a few lines each).
  const sourceIgnoreFiles: SourceIgnoreFile[] = [];
  for (const f of discovered.files) {
    if (f.path !== '.sourceignore' && !f.path.endsWith('/.sourceignore')) continue;
    const text = await readFile(f.abs, 'utf8').catch(() => null);
    if (text !== null) sourceIgnoreFiles.push({ path: f.path, text });
  }
  const markdownResources = new Set<string>();
  for (const path of named.markdown) {
    const text = await readFile(byPath.get(path)!.abs, 'utf8').catch(() => null);
    if (text !== null && holdsMoreThanComments(text)) markdownResources.add(path);
  }
  // SOPS-encrypted generator inputs (a secretGenerator's `.env`) are SOPS files of the model too; the
  // JSON files are read each time (a few), so that a save of one alone is not answered by the last model.
  const extraDocs = [...sopsDocs, ...jsonDocs];
  if (options.cache) {
    const reused = unchangedModel(options.cache, name, files, perFile, findings, extraDocs, [pushes, envNotes, [...markdownResources], [...configValues], sourceIgnoreFiles]);
    if (reused) return reused;
  }
  const docs = [...perFile.flat(), ...extraDocs];
  // A path a kustomization.yaml names that the listing lacks is asked of the disk (a few at most):
  // left out by globs or in a submodule, it is there; otherwise kustomize fails too.
  const onDisk = (path: string) => existsSync(join(abs, path));
  // One git ignores is on disk here, but never committed: not in the artifact Flux builds from.
  const ignored = new Map<string, boolean>();
  const gitIgnoresPath = (path: string) => ignored.get(path) ?? ignored.set(path, gitIgnores(abs, path)).get(path)!;
  const model = buildModel({ name, files, docs, findings, onDisk, artifactPushes: pushes, envNotes, markdownResources, generatorValues: configValues, sourceIgnoreFiles, ...(discovered.fromGit ? { gitIgnores: gitIgnoresPath } : {}), links: new Set(discovered.links) });
  if (options.cache) lastBuilt.set(options.cache, { shape: shapeOf(name, files, findings, extraDocs, [pushes, envNotes, [...markdownResources], [...configValues], sourceIgnoreFiles]), perFile, model });
  return { model, docs };
}

function unreadableFinding(path: string, error: unknown): Finding {
  return finding('FILE_UNREADABLE', 'error', `Could not read the file: ${(error as Error)?.message ?? String(error)}`, { file: path, line: 1, col: 1 }, { area: 'yaml' });
}

/** `flux push artifact` commands of the repository's CI and scripts, with the folders they push. */
function pushesOf(files: readonly DiscoveredFile[]) {
  // The folders, listed only once a script pushes one (most repositories have no such script).
  let dirs: Set<string> | null = null;
  const isDir = (path: string): boolean => {
    if (dirs === null) {
      dirs = new Set<string>(['']);
      for (const f of files) for (let i = f.path.indexOf('/'); i >= 0; i = f.path.indexOf('/', i + 1)) dirs.add(f.path.slice(0, i));
    }
    return dirs.has(path);
  };
  return readArtifactPushes(files, isDir);
}

/**
 * The model the last scan with this read cache built (the dev server's), and what it was built from:
 * the documents of each YAML file as the cache gave them, and the shape of everything else buildModel
 * reads (the name, each file's path, kind and archive folder, the findings so far).
 */
const lastBuilt = new WeakMap<ReadCache, { shape: string; perFile: RawDoc[][]; model: RepoModel }>();

/** `read`: what buildModel takes from files other than YAML (the artifact pushes of scripts, the env files' notes, the ConfigMap generators' values). */
function shapeOf(name: string, files: readonly RepoFile[], findings: readonly Finding[], sopsDocs: readonly RawDoc[], read: readonly unknown[]): string {
  return JSON.stringify([name, files.map((f) => [f.path, f.kind, f.archived ?? null, f.plainPrivateKey ?? null, f.plainCredentials ?? null]), findings, sopsDocs, read]);
}

/**
 * After a save that changed no YAML file (a README, the roadmap, a runbook: every YAML file came from
 * the read cache as the same documents, and no file came or went), the model is what the last scan
 * built: buildModel is a function of the documents, the file list, the findings and the artifact pushes
 * the scripts name, and of each file
 * it reads only the path, kind and archive folder, never the size. The sizes it copies into the model
 * can differ (a README grew): those are copied in. The analyses still run on it again (they read the
 * Markdown that changed). At 1,000 apps this is about half of a re-run after a Markdown edit (the
 * model build: ~0.5 s). Nothing after the scan writes into a model (test/pipeline/dev-model-reuse.test.ts
 * freezes it), so sharing its apps, objects and findings with the last scan's Atlas is safe.
 */
function unchangedModel(cache: ReadCache, name: string, files: readonly RepoFile[], perFile: readonly RawDoc[][], findings: readonly Finding[], sopsDocs: readonly RawDoc[], read: readonly unknown[]): { model: RepoModel; docs: RawDoc[] } | null {
  const last = lastBuilt.get(cache);
  if (!last || last.perFile.length !== perFile.length || last.perFile.some((docs, i) => docs !== perFile[i])) return null;
  if (last.shape !== shapeOf(name, files, findings, sopsDocs, read)) return null;
  // A new model object and files list each time: memos keyed on them that also hold what was read
  // from disk or git (the changelog's inputs, src/repo/changelog-read.ts) must not outlive the scan.
  const sizes = new Map(files.map((f) => [f.path, f.size]));
  const model = { ...last.model, files: last.model.files.map((f) => (f.size === sizes.get(f.path) ? f : { ...f, size: sizes.get(f.path)! })) };
  return { model, docs: [...perFile.flat(), ...sopsDocs] };
}
