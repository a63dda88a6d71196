import { finding, type Finding, type FindingCode } from '../../model/finding.ts';
import type { KustomizeFile } from '../../model/kustomize-file.ts';
import { dirOf, resolveFluxPath, resolveIn } from './paths.ts';
import { arr, obj, str } from '../../model/values.ts';
import type { WorkDoc } from './work-doc.ts';
import type { GeneratorValues } from '../generator-values.ts';
import { DEFAULT_IGNORED, FLUX_DEFAULT_IGNORES, leftOutPhrase, SOURCE_IGNORED, type LeftOutBy, type SourceIgnoreFile, type SourceIgnoreRules } from './source-ignore.ts';

const REMOTE = /^(https?:\/\/|git@|github\.com\/|ssh:\/\/|oci:\/\/)/;

/** Read a kustomization.yaml document into the model, with the line of each entry. */
/**
 * Folders used as kustomize components: those written `kind: Component`, those a kustomization.yaml
 * names under `components:`, and those a Flux Kustomization's spec.components names (relative to its
 * path). Their objects go into each build that names them; the folder is never an app or a build of
 * its own.
 */
export function componentDirs(kfiles: readonly KustomizeFile[], fluxKs: readonly { resolvedPath: string | null; components: readonly string[] }[]): Set<string> {
  const out = new Set<string>();
  for (const k of kfiles) {
    if (k.component) out.add(k.dir);
    for (const c of k.components) out.add(resolveIn(k.dir, c.entry) ?? '');
  }
  for (const k of fluxKs) if (k.resolvedPath !== null) for (const c of k.components) out.add(resolveIn(k.resolvedPath, c) ?? '');
  return out;
}

/**
 * The files of the repository and the kustomize files among them, and how a folder expands into the
 * documents Flux would build from it (https://fluxcd.io/flux/components/kustomize/kustomizations/#path:
 * a folder without kustomization.yaml gets one generated with every manifest below it).
 */
export class KustomizeTree {
  readonly findings: Finding[];
  private readonly yamlFiles: Set<string>;
  private readonly dirs = new Set<string>(['']);
  private readonly filesInDir = new Map<string, string[]>();
  private readonly subdirs = new Map<string, Set<string>>();
  readonly byDir = new Map<string, KustomizeFile>();
  private readonly reported: Set<string>;
  /**
   * Files kustomize cannot read (a YAML parse error, a duplicate key: kyaml refuses both, where our
   * reader keeps what it can), by path, with the first place and why. A build that adds one stops.
   */
  readonly unreadable: Map<string, { line: number; why: string }>;

  /**
   * Flux's source may leave out what a `.sourceignore` or a source's `spec.ignore` names (see treeOf):
   * said of this tree as read, for the builds of a source whose patterns are not known here (an OCI
   * artifact's). The builds of this repository's own GitRepository read `artifactOf`'s tree instead.
   */
  sourceIgnore = false;
  /** The `.sourceignore` files of the repository, with their text (the scan reads them). */
  sourceIgnoreFiles: readonly SourceIgnoreFile[] = [];
  /**
   * In the tree of a GitRepository's artifact (`artifactOf`): the pattern that leaves a path of the
   * repository out of it. Null in the tree as read.
   */
  leftOutBy: ((path: string) => LeftOutBy | null) | null = null;
  /** The tree as read, that `artifactOf` made this one of. */
  private readonly whole: KustomizeTree | null;

  /**
   * Whether a path the scan did not list is on disk all the same (a file the configuration's globs
   * leave out, one in a submodule or below a linked folder, one git ignores): set by the scan, which
   * reads the disk. Without it no path is known to be missing, only not read.
   */
  onDisk: ((path: string) => boolean) | null = null;
  /**
   * Whether git ignores a path (a `.gitignore` names it): on disk in this work tree, but never
   * committed, so not in Flux's artifact. Set by a scan that listed the files with git.
   */
  gitIgnores: ((path: string) => boolean) | null = null;
  /**
   * The repository as read keeps the files other than YAML that generators read (scripts, JSON
   * dashboards, config files): at least one of those its kustomizations name is here. A copy of the
   * manifests alone (an extract of the YAML, even one with its git history) has none of them, and a
   * real repository whose every such file is gone is far less likely than such a copy: there only a
   * missing YAML file or folder is judged.
   */
  keepsOtherFiles = false;
  /**
   * Flux's source may put more in its artifact than the folder as read holds: `spec.include` copies
   * another repository in, `recurseSubmodules` or a `.gitmodules` brings submodules that may not be
   * checked out here. Then no path is judged missing. (A `.sourceignore` or a source's `spec.ignore`
   * only leaves paths out, `sourceIgnore`: what is not here is missing there too. The common
   * `/*` then `!/kubernetes` turned every missing file of a home-ops repository into a warning.)
   */
  artifactDiffers = false;
  /** A source's spec.ignore replaces source-controller's default exclusions (images, archives ...). */
  defaultIgnoresReplaced = false;
  /**
   * Folders a GitRepository's `spec.include` fills from another repository (`toPath`, by default the
   * included GitRepository's name): there in the artifact Flux builds, whatever this tree holds.
   * https://fluxcd.io/flux/components/source/gitrepositories/#include
   */
  included: readonly string[] = [];
  /** Every file the scan listed, of any kind (a generator's `.env`, a JSON manifest). */
  private readonly anyFiles: Set<string>;
  /**
   * Folders whose kustomization.yaml Flux builds only inside an ExternalArtifact (artifact-entries.ts),
   * each with where an entry resolves there: joined to the folder's place in the artifact and mapped
   * back through the ArtifactGenerator's copy rules; null where that names nothing of the repository (the tree's meaning stays).
   */
  private readonly inArtifact: Map<string, (entry: string) => string | null>;

  private readonly allFiles: readonly string[];

  /** `whole`: the tree as read, whose findings, unreadable files and artifact entries a tree of its artifact shares (artifactOf). */
  constructor(yamlFiles: readonly string[], allFiles: readonly string[], kfiles: readonly KustomizeFile[], listed: readonly string[] = allFiles, whole?: KustomizeTree) {
    this.findings = whole?.findings ?? [];
    this.reported = whole?.reported ?? new Set();
    this.unreadable = whole?.unreadable ?? new Map();
    this.inArtifact = whole?.inArtifact ?? new Map();
    this.whole = whole ?? null;
    this.allFiles = allFiles;
    this.yamlFiles = new Set(yamlFiles);
    this.anyFiles = new Set(listed);
    for (const f of allFiles) {
      const d = dirOf(f);
      if (this.yamlFiles.has(f)) (this.filesInDir.get(d) ?? this.filesInDir.set(d, []).get(d)!).push(f);
      let child = d;
      while (child !== '' && !this.dirs.has(child)) {
        this.dirs.add(child);
        const parent = dirOf(child);
        (this.subdirs.get(parent) ?? this.subdirs.set(parent, new Set()).get(parent)!).add(child);
        child = parent;
      }
    }
    for (const k of kfiles) if (!this.byDir.has(k.dir)) this.byDir.set(k.dir, k);
  }

  /**
   * The tree of the artifact source-controller makes of this repository under these ignore rules
   * (source-ignore.ts): the files they leave out are not in it, as a file git ignores is not in the
   * listing, so Flux's generated kustomization.yaml does not list them and an entry that names one is
   * missing (`absence` says which pattern). What the scan knows besides is shared: links, files on
   * disk, unreadable files, the findings the tree reports.
   */
  artifactOf(rules: SourceIgnoreRules): KustomizeTree {
    const keep = (f: string) => rules.leftOut(f) === null;
    const kfiles = [...this.byDir.values()].filter((k) => keep(k.file));
    const t = new KustomizeTree([...this.yamlFiles].filter(keep), this.allFiles.filter(keep), kfiles, [...this.anyFiles].filter(keep), this);
    t.leftOutBy = rules.leftOut;
    t.onDisk = this.onDisk;
    t.gitIgnores = this.gitIgnores;
    t.keepsOtherFiles = this.keepsOtherFiles;
    t.artifactDiffers = this.artifactDiffers;
    t.defaultIgnoresReplaced = rules.defaultsReplaced;
    t.included = this.included;
    t.links = this.links;
    t.markdownResources = this.markdownResources;
    t.generatorValues = this.generatorValues;
    t.sourceIgnoreFiles = this.sourceIgnoreFiles;
    return t;
  }

  private leftOutYaml: readonly string[] | null = null;
  /** The YAML files of the repository this artifact's tree leaves out (none in the tree as read). */
  leftOutFiles(): readonly string[] {
    const whole = this.whole;
    if (this.leftOutBy === null || whole === null) return [];
    return (this.leftOutYaml ??= [...whole.yamlFiles].filter((f) => !this.yamlFiles.has(f)));
  }

  /**
   * The pattern that leaves a path of the repository out of this artifact's tree: a file by its own
   * match, a folder where every file below it is left out (an artifact holds files only, so a folder
   * of none is not there). Null where the artifact holds it, where the repository does not, and in
   * the tree as read.
   */
  leftOutOf(path: string): LeftOutBy | null {
    const whole = this.whole;
    if (this.leftOutBy === null || whole === null) return null;
    // (There in the artifact, as most paths asked about are: no file below it needs a look.)
    if (this.isListed(path) || this.hasAnyDir(path)) return null;
    if (whole.anyFiles.has(path) || whole.yamlFiles.has(path)) return this.leftOutBy(path);
    if (whole.hasAnyDir(path)) {
      let first: LeftOutBy | null = null;
      for (const f of [...whole.anyFiles].filter((f) => f.startsWith(`${path}/`)).sort()) {
        const by = this.leftOutBy(f);
        if (by === null) return null;
        first ??= by;
      }
      return first;
    }
    // (A file the scan did not list, left out by the configuration's globs, is still judged by its name.)
    return this.onDisk?.(path) === true ? this.leftOutBy(path) : null;
  }

  /** Resolve the `resources`/`components` entries of the kustomization.yaml in `dir` as its artifact holds them (see `inArtifact`). */
  resolveInArtifact(dir: string, resolve: (entry: string) => string | null): void {
    this.inArtifact.set(dir, resolve);
    this.includersOf = null;
  }

  /**
   * The path a `resources` or `components` entry of the kustomization.yaml in `dir` names: relative
   * to the folder, as kustomize resolves it, in the tree Flux builds it from. That is this tree,
   * unless the folder is built only inside an ExternalArtifact whose copy rules put what the entry
   * names elsewhere (`../../utils/shared` of the artifact's `demo/app` is `kubernetes/utils/shared`).
   */
  entryPath(dir: string, entry: string): string | null {
    const resolve = this.inArtifact.size === 0 ? undefined : this.inArtifact.get(dir);
    return resolve?.(entry) ?? resolveIn(dir, entry);
  }

  hasDir(dir: string): boolean {
    return this.dirs.has(dir);
  }

  hasFile(file: string): boolean {
    return this.yamlFiles.has(file);
  }

  /** Markdown files listed as resources whose text is more than comments (the scan says; named-json.ts). */
  markdownResources: ReadonlySet<string> = new Set();

  /**
   * What the plain inputs of configMapGenerators hold, by path (the scan reads them: generator-values.ts):
   * the generated ConfigMap's data, which `replacements:` copy. A path not here is not known.
   */
  generatorValues: ReadonlyMap<string, GeneratorValues> = new Map();

  /** A Markdown file listed as a resource whose text kustomize stops at. */
  isMarkdown(file: string): boolean {
    return this.markdownResources.has(file) && !this.yamlFiles.has(file);
  }

  private anyDirs: Set<string> | null = null;
  /** Paths that are symbolic links: Flux's source-controller leaves them out of its artifacts. */
  links: ReadonlySet<string> = new Set();

  /** The symbolic link a path is, or is inside of; null for none. */
  linkOf(path: string): string | null {
    if (this.links.size === 0) return null;
    for (let p = path; p !== ''; p = dirOf(p)) if (this.links.has(p)) return p;
    return null;
  }

  /** A folder that holds files of any kind (one with a README.md alone is a folder too). */
  hasAnyDir(dir: string): boolean {
    if (this.dirs.has(dir)) return true;
    if (this.anyDirs === null) {
      this.anyDirs = new Set();
      for (const f of this.anyFiles) for (let d = dirOf(f); d !== '' && !this.anyDirs.has(d); d = dirOf(d)) this.anyDirs.add(d);
    }
    return this.anyDirs.has(dir);
  }

  /** A file of any kind, or a folder, of the repository as the scan listed it. */
  private isListed(path: string): boolean {
    return this.anyFiles.has(path) || this.dirs.has(path) || this.yamlFiles.has(path);
  }

  /** A path that is there, read or not: listed, or on disk (left out by a glob, say; then it is not "missing"). */
  isThere(path: string): boolean {
    return this.isListed(path) || (this.onDisk?.(path) ?? false) || this.isIncluded(path);
  }

  /** A path under a folder another repository's content is copied to (`included`). */
  isIncluded(path: string): boolean {
    return this.included.some((to) => path === to || path.startsWith(`${to}/`));
  }

  /**
   * A path kustomize would not find: neither a file nor a folder of the repository, and not on disk
   * either. False where that is not known (no disk to ask: what the scan left out may be there), and
   * in a copy that may hold only the YAML (see `keepsOtherFiles`) for all but a YAML file, or a folder a `resources` or
   * `components` entry names (`resource`).
   */
  surelyMissing(path: string, resource = false): boolean {
    // What the ignore rules leave out is not in the artifact, whatever spec.include copies in too
    // (source-controller applies them to the whole checkout).
    if (this.leftOutOf(path) !== null) return true;
    if (this.artifactDiffers) return false;
    // In the repository or not, the artifact never holds it (unless a spec.ignore replaced the defaults).
    // (The tree of an artifact knows its patterns: leftOutOf said.)
    if (this.leftOutBy === null && FLUX_DEFAULT_IGNORES.test(path) && !this.defaultIgnoresReplaced) return true;
    if (this.isListed(path) || this.onDisk === null) return false;
    if (this.onDisk(path)) return this.gitIgnores?.(path) === true;
    if (this.keepsOtherFiles) return true;
    const name = path.slice(path.lastIndexOf('/') + 1);
    return /\.ya?ml$/i.test(name) || (resource && !name.includes('.'));
  }

  /** How a message says that a path `surelyMissing` found is not there: not at all, or only in this work tree. */
  absence(path: string): string {
    const by = this.leftOutOf(path);
    if (by !== null) return by.from === 'default' ? DEFAULT_IGNORED : `which ${leftOutPhrase(by)} ${SOURCE_IGNORED}`;
    if (this.leftOutBy === null && FLUX_DEFAULT_IGNORES.test(path)) return DEFAULT_IGNORED;
    if (this.onDisk?.(path) === true && this.gitIgnores?.(path) === true) return 'which git ignores: it is in this work tree, but not committed, so not in the artifact Flux builds from';
    const near = this.nearMiss(path);
    return `which is not in the repository${near === null ? '' : ` (did you mean ${near}, beside it?)`}`;
  }

  /**
   * The one file or folder beside a missing path whose name is a letter or two away from it
   * (`cloudlfare` for `cloudflare`), or null: a typo in a list is the usual cause.
   */
  private nearMiss(path: string): string | null {
    const slash = path.lastIndexOf('/');
    const dir = slash < 0 ? '' : path.slice(0, slash);
    const name = path.slice(slash + 1);
    if (name.length < 5) return null;
    const names = [...this.filesIn(dir), ...this.subdirsOf(dir)].map((p) => p.slice(p.lastIndexOf('/') + 1));
    const close = [...new Set(names)].filter((n) => n !== name && Math.abs(n.length - name.length) <= 2 && typoDistance(n, name) <= 2);
    return close.length === 1 ? close[0]! : null;
  }

  /** YAML files directly in `dir`. */
  filesIn(dir: string): readonly string[] {
    return this.filesInDir.get(dir) ?? [];
  }

  /** Sub-folders directly in `dir`, sorted. */
  /** Folders (holding YAML) whose path ends with `suffix` (whole segments): `infra/controllers` for `controllers`. */
  dirsEndingWith(suffix: string): string[] {
    return [...this.dirs].filter((d) => d === suffix || d.endsWith(`/${suffix}`));
  }

  subdirsOf(dir: string): string[] {
    return [...(this.subdirs.get(dir) ?? [])].sort();
  }

  /** Report a problem with a kustomize file once (several builds may walk the same entry). */
  reportOnce(file: string, line: number, code: FindingCode, severity: 'error' | 'warning', message: string): void {
    this.report(file, line, code, severity, message);
  }

  /** Nearest kustomize file at or above `dir` that sets a namespace. */
  nearestNamespace(dir: string): string | null {
    for (let d: string | null = dir; d !== null; d = d === '' ? null : dirOf(d)) {
      const ns = this.byDir.get(d)?.namespace;
      if (ns) return ns;
    }
    return null;
  }

  /**
   * Expand a folder or file into the YAML files it contributes, each with the namespace kustomize
   * would give it (outermost `namespace:` wins). `out` keeps the first namespace a file got.
   */
  expand(target: string, ns: string | null, out = new Map<string, string | null>(), kfilesSeen = new Set<string>()): Map<string, string | null> {
    if (this.yamlFiles.has(target)) {
      if (!out.has(target)) out.set(target, ns);
      return out;
    }
    const k = this.byDir.get(target);
    if (k) {
      if (kfilesSeen.has(k.file)) return out;
      kfilesSeen.add(k.file);
      const inner = ns ?? k.namespace;
      if (!out.has(k.file)) out.set(k.file, inner);
      for (const { entry, line } of [...k.resources, ...k.components]) this.expandEntry(k, entry, line, inner, out, kfilesSeen);
      return out;
    }
    for (const f of this.filesInDir.get(target) ?? []) if (!out.has(f)) out.set(f, ns);
    for (const sub of [...(this.subdirs.get(target) ?? [])].sort()) this.expand(sub, ns, out, kfilesSeen);
    return out;
  }

  private expandEntry(k: KustomizeFile, entry: string, line: number, ns: string | null, out: Map<string, string | null>, seen: Set<string>) {
    if (REMOTE.test(entry)) return;
    const resolved = this.entryPath(k.dir, entry);
    if (resolved === null) {
      this.report(k.file, line, 'KUSTOMIZE_PATH_OUTSIDE_REPO', 'error', `Entry "${entry}" points outside the repository; it was not followed.`);
      return;
    }
    if (this.yamlFiles.has(resolved) || this.dirs.has(resolved)) {
      this.expand(resolved, ns, out, seen);
      return;
    }
    // A JSON manifest (kustomize reads it too), a file the configuration leaves out: there, though not read here.
    if (this.isThere(resolved)) return;
    this.report(k.file, line, 'KUSTOMIZE_RESOURCE_MISSING', 'warning', `Entry "${entry}" names ${resolved}, which is not in the repository (kustomize build would fail).`);
  }

  private report(file: string, line: number, code: FindingCode, severity: 'error' | 'warning', message: string) {
    const key = `${file}:${line}:${code}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.findings.push(finding(code, severity, message, { file, line, col: 1 }, { area: 'flux' }));
  }

  private includersOf: Map<string, string[]> | null = null;

  /** The folders whose kustomization includes this folder's (a resources or components entry), computed once. */
  includers(dir: string): readonly string[] {
    if (!this.includersOf) {
      const by = new Map<string, string[]>();
      for (const k of this.byDir.values()) {
        for (const { entry } of [...k.resources, ...k.components]) {
          const r = this.entryPath(k.dir, entry);
          if (r !== null && this.byDir.has(r) && r !== k.dir) (by.get(r) ?? by.set(r, []).get(r)!).push(k.dir);
        }
      }
      this.includersOf = by;
    }
    return this.includersOf.get(dir) ?? [];
  }

  /** Kustomize files that no other kustomize file includes: where static namespace inheritance starts. */
  roots(): KustomizeFile[] {
    return [...this.byDir.values()].filter((k) => this.includers(k.dir).length === 0).sort((a, b) => a.file.localeCompare(b.file));
  }
}

/**
 * The tree of a repository as read, with what is known of the artifact Flux builds from it: which
 * paths are on disk though not read, which are links, whether the copy keeps the non-YAML files
 * generators read, whether the source leaves paths out (ignores) or brings more in (includes,
 * submodules).
 */
export function treeOf(
  input: { files: readonly { path: string; kind: string }[]; onDisk?: (path: string) => boolean; gitIgnores?: (path: string) => boolean; links?: ReadonlySet<string>; markdownResources?: ReadonlySet<string>; generatorValues?: ReadonlyMap<string, GeneratorValues>; sourceIgnoreFiles?: readonly SourceIgnoreFile[] },
  works: readonly WorkDoc[],
  kustomizeFiles: readonly KustomizeFile[],
): KustomizeTree {
  // A `.json` file a kustomization.yaml names was read as YAML (src/repo/named-json.ts), as kustomize reads it.
  const readJson = new Set(works.filter((w) => /\.json$/i.test(w.file)).map((w) => w.file));
  const yaml = (f: { path: string; kind: string }) => f.kind === 'yaml' || (f.kind === 'other' && readJson.has(f.path));
  const tree = new KustomizeTree(
    input.files.filter(yaml).map((f) => f.path),
    input.files.filter((f) => yaml(f) || f.kind === 'disabled-yaml').map((f) => f.path),
    kustomizeFiles,
    input.files.map((f) => f.path),
  );
  tree.onDisk = input.onDisk ?? null;
  if (input.markdownResources) tree.markdownResources = input.markdownResources;
  tree.gitIgnores = input.gitIgnores ?? null;
  if (input.links) tree.links = input.links;
  if (input.generatorValues) tree.generatorValues = input.generatorValues;
  if (input.sourceIgnoreFiles) tree.sourceIgnoreFiles = input.sourceIgnoreFiles;
  // Whether this copy keeps the other files generators read: a git work tree (the scan listed it with
  // git) holds every committed file (outside review: a generator's `files: [config/config.json]` that
  // resolves beside nothing stopped kustomize, and nothing was said); else one of them is here (not
  // YAML, nor Markdown, which copies of the manifests keep too).
  const listed = new Set(input.files.map((f) => f.path));
  tree.keepsOtherFiles = input.gitIgnores !== undefined || kustomizeFiles.some((k) =>
    [...k.configMapGenerators, ...k.secretGenerators].some((g) => [...g.reads, ...g.envReads].some((r) => !/\.(ya?ml|md|markdown)$/i.test(r.path) && listed.has(r.path))),
  );
  const specs = works
    .filter((w) => !w.raw.disabled && w.group === 'source.toolkit.fluxcd.io' && (w.kind === 'GitRepository' || w.kind === 'OCIRepository' || w.kind === 'Bucket'))
    .map((w) => obj(w.body.spec));
  tree.sourceIgnore = input.files.some((f) => f.path === '.sourceignore' || f.path.endsWith('/.sourceignore')) || specs.some((spec) => typeof spec.ignore === 'string');
  tree.defaultIgnoresReplaced = specs.some((spec) => typeof spec.ignore === 'string');
  tree.artifactDiffers = listed.has('.gitmodules') || specs.some((spec) => arr(spec.include).length > 0 || spec.recurseSubmodules === true);
  tree.included = specs.flatMap((spec) =>
    arr(spec.include).flatMap((i) => {
      const to = resolveFluxPath(str(obj(i).toPath) ?? str(obj(obj(i).repository).name) ?? '');
      // (Not the root: an include never replaces the whole repository.)
      return to === null || to === '' || to.includes('${') ? [] : [to];
    }),
  );
  return tree;
}

/** Levenshtein distance with adjacent transpositions counted as one edit (at most a few letters apart is all that is asked). */
function typoDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
