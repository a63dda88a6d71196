/**
 * What kustomize refuses in a kustomization.yaml before it builds anything: fields it does not know,
 * an apiVersion not its own, and files the kustomization names that are not there (or are links,
 * which Flux's artifact leaves out). The builder (kustomize-build.ts) calls these for every
 * kustomization it accumulates.
 */
import { arr, isObj, obj, str } from '../../model/values.ts';
import { isInlineEntry } from './kustomize-patches.ts';
import type { ProblemSink } from './kustomize-problems.ts';
import type { KustomizeTree } from './kustomize-tree.ts';
import { FLUX_DEFAULT_IGNORES } from './source-ignore.ts';
import type { KustomizeSource } from './kustomize-source.ts';
import { dirOf, resolveIn } from './paths.ts';
import { fieldTypeIssues } from './kustomize-field-types.ts';
import { KUSTOMIZATION_FIELDS, type WorkDoc } from './work-doc.ts';

export { REMOTE_ENTRY as REMOTE } from '../../model/kustomize-file.ts';
import { REMOTE_ENTRY as REMOTE } from '../../model/kustomize-file.ts';
/** Why a path through a symbolic link is not in Flux's artifact. */
export function linkMessage(what: string, path: string, link: string): string {
  return `${what} ${link === path ? `${path} is a symbolic link` : `${path} is inside the symbolic link ${link}`}: Flux's source-controller leaves links out of the artifact it builds from (it archives regular files and folders only), so kustomize finds nothing there. Commit the file itself in place of the link.`;
}

/**
 * Written without a scheme, kustomize 5 fetches only `github.com/...`: a `gitlab.com/...` or
 * `bitbucket.org/...` entry is a path of the repository to it ("evalsymlink failure on .../gitlab.com").
 */
export const LOCAL_LOOKING_REMOTE = /^(gitlab\.com|bitbucket\.org)\//i;


/**
 * kustomize reads the kustomization.yaml of a folder it is given strictly: an unknown field (a Flux
 * Kustomization's `spec:` written into it) stops the build ("invalid Kustomization: json: unknown
 * field"). Not the one at a Flux Kustomization's own path: the kustomize-controller reads that one
 * leniently and writes it back (fluxcd/pkg's generator), dropping what it does not know; its
 * apiVersion and kind it keeps, so checkHeader holds there too.
 */
export function checkFields(kdoc: WorkDoc, sink: ProblemSink): void {
  checkHeader(kdoc, sink);
  for (const key of Object.keys(kdoc.body)) {
    if (KUSTOMIZATION_FIELDS.has(key)) continue;
    sink.add('UNKNOWN_FIELD', kdoc.file, kdoc.raw.lines[key] ?? kdoc.raw.source.line, `${kdoc.file} has the field "${key}", which kustomize does not know ("invalid Kustomization: json: unknown field").`);
  }
  // A number or boolean where kustomize reads a string (`newTag: 1.10`): refused here, where kustomize
  // reads the file as written; Flux's generator makes it a string at its own path (kustomize-field-types.ts).
  for (const t of fieldTypeIssues(kdoc.body, 'strings')) sink.add('FIELD_INVALID', kdoc.file, kdoc.raw.lines[t.path] ?? kdoc.raw.source.line, `${kdoc.file}: ${t.message}`);
}

/**
 * What kustomize's EnforceFields refuses of any kustomization file, also the one at a Flux
 * Kustomization's own path: Flux's generator decodes that file over a default apiVersion and kind, so
 * what is written there (`apiVersion: kustomize.toolkit.fluxcd.io/v1` on a kustomize file, outside
 * review) is what kustomize reads, and refuses.
 */
export function checkHeader(kdoc: WorkDoc, sink: ProblemSink): void {
  // kustomize's EnforceFields: an apiVersion, where written, must be the kind's own.
  const apiVersion = typeof kdoc.body.apiVersion === 'string' ? kdoc.body.apiVersion : '';
  const required = kdoc.body.kind === 'Component' ? 'kustomize.config.k8s.io/v1alpha1' : 'kustomize.config.k8s.io/v1beta1';
  // And a kind, where written, is Kustomization or Component, as written (kind is case-sensitive).
  const kind = kdoc.body.kind;
  const kindWord = kind === 'Component' ? 'Component' : 'Kustomization';
  // kustomize reads only a kustomization file's first YAML document (a Namespace written above the
  // Kustomization is read as the kustomization; an empty one, `---` twice, as none at all).
  const docIndex = kdoc.raw.source.docIndex ?? 0;
  if (docIndex > 0) {
    sink.add(
      'WRONG_API_VERSION',
      kdoc.file,
      1,
      `${kdoc.file} holds its ${kindWord} as YAML document ${docIndex + 1}, but kustomize reads only a kustomization file's first document: another object there is refused ("kind should be Kustomization or Component"), an empty one gives "kustomization.yaml is empty". Move the ${kindWord} to the top of the file, and any other object to a file of its own that it lists.`,
    );
  } else if (typeof kind === 'string' && kind !== '' && kind !== 'Kustomization' && kind !== 'Component') {
    sink.add('WRONG_API_VERSION', kdoc.file, kdoc.raw.lines.kind ?? kdoc.raw.source.line, `${kdoc.file} says kind ${kind}; kustomize reads only Kustomization or Component, as written ("kind should be Kustomization or Component").`);
  } else if (apiVersion !== '' && apiVersion !== required) {
    sink.add('WRONG_API_VERSION', kdoc.file, kdoc.raw.lines.apiVersion ?? kdoc.raw.source.line, `${kdoc.file} says apiVersion ${apiVersion}; kustomize reads a ${kindWord} only as ${required} ("apiVersion for ${kindWord} should be ${required}").`);
  }
}

/** Fields whose entries kustomize decodes as objects, and those it decodes as strings. */
const OBJECT_ENTRIES = ['patches', 'patchesJson6902', 'images', 'replacements', 'replicas', 'labels', 'configMapGenerator', 'secretGenerator', 'helmCharts'];
const PATCH_FILE = /^[\w./-]{1,200}\.(ya?ml|json)$/;
const STRING_ENTRIES = ['resources', 'bases', 'components', 'crds', 'configurations', 'generators', 'transformers', 'validators'];

/**
 * kustomize, and Flux's generator for a Kustomization's own path, decode a kustomization.yaml into
 * kustomize's Go type: an entry of the wrong shape stops the build, whatever the field. The common
 * one is a patch file's name written under `patches:` as under patchesStrategicMerge
 * (`json: cannot unmarshal string into Go struct field Kustomization.patches of type types.Patch`);
 * a mapping under `resources:` fails the same way, and so does an empty path entry (a dash with only a
 * comment after it). (An empty entry of the object lists decodes to nothing, no error.)
 */
export function checkShapes(kdoc: WorkDoc, sink: ProblemSink): void {
  const body = kdoc.body;
  const say = (key: string, i: number, wanted: string, got: string, hint: string) =>
    sink.add('FIELD_INVALID', kdoc.file, kdoc.raw.lines[`${key}.${i}`] ?? kdoc.raw.lines[key] ?? kdoc.raw.source.line, `${kdoc.file}: entry ${i + 1} of ${key} is ${got}, where kustomize reads ${wanted} ("json: cannot unmarshal ${got === 'a string' ? 'string' : 'object'} into Go struct field Kustomization.${key}"), so it cannot read the file.${hint}`);
  // A list field written as a mapping or a string (`labels: {app: x}`, kustomize 5's `labels` being a
  // list of label sets; `resources: app.yaml`): kustomize cannot decode the file ("json: cannot unmarshal
  // object into Go struct field Kustomization.labels of type []types.Label"; outside review).
  for (const key of [...OBJECT_ENTRIES, ...STRING_ENTRIES]) {
    const v = body[key];
    if (v === null || v === undefined || Array.isArray(v) || (typeof v !== 'string' && !isObj(v))) continue;
    const got = typeof v === 'string' ? 'a string' : 'a mapping';
    const hint = key === 'labels' && isObj(v) ? ' Write `labels: [{pairs: {...}}]` (kustomize 5), or use commonLabels, which takes a mapping.' : ` Write it as a list (\`- ...\`).`;
    sink.add('FIELD_INVALID', kdoc.file, kdoc.raw.lines[key] ?? kdoc.raw.source.line, `${kdoc.file}: ${key} is ${got}, where kustomize reads a list ("json: cannot unmarshal ${typeof v === 'string' ? 'string' : 'object'} into Go struct field Kustomization.${key}"), so it cannot read the file.${hint}`);
  }
  for (const key of OBJECT_ENTRIES) {
    arr(body[key]).forEach((e, i) => {
      // (The entry is echoed only when it is a file name: an inline patch may hold a Secret's value.)
      if (typeof e === 'string') say(key, i, 'a mapping', 'a string', key === 'patches' ? ` Write \`- path: ${PATCH_FILE.test(e) ? e : 'FILE'}\`, or list the file under patchesStrategicMerge.` : '');
    });
  }
  for (const key of STRING_ENTRIES) {
    arr(body[key]).forEach((e, i) => {
      if (isObj(e) || Array.isArray(e)) say(key, i, 'a path', 'a mapping', '');
      // An entry that is only a comment (`- # ./kyverno/ks.yaml`) is null, and kustomize loads it as the
      // path "": kubectl kustomize v5.5 stops ("new root cannot be empty"; for crds "must resolve to a file").
      else if ((e === null || e === '') && (key === 'resources' || key === 'bases' || key === 'components' || key === 'crds')) {
        sink.add('FIELD_INVALID', kdoc.file, kdoc.raw.lines[`${key}.${i}`] ?? kdoc.raw.lines[key] ?? kdoc.raw.source.line, `${kdoc.file}: entry ${i + 1} of ${key} is empty (a \`-\` with only a comment after it is null), and kustomize reads it as the path "" ("new root cannot be empty"), so it stops. Comment out the whole line, dash included, or remove it.`);
      }
    });
  }
  // A string or a fraction where kustomize reads a number or a boolean (`count: "3"`): refused also at a
  // Flux Kustomization's own path, whose generator converts only into strings.
  for (const t of fieldTypeIssues(body, 'others')) sink.add('FIELD_INVALID', kdoc.file, kdoc.raw.lines[t.path] ?? kdoc.raw.source.line, `${kdoc.file}: ${t.message}`);
}

/**
 * The files a kustomization names besides its resources and components: generator inputs, patch,
 * replacement, configuration, CRD and OpenAPI files, and transformer, generator and validator
 * configurations. kustomize reads each while it builds and stops at one that is not there
 * ("evalsymlink failure on ...: no such file or directory"); this build never reads them, so each is
 * looked up. Only a path known to be missing counts (not one the scan left out: see surelyMissing).
 */
export function checkFiles(kdoc: WorkDoc, tree: KustomizeTree, sink: ProblemSink): void {
  const kdir = dirOf(kdoc.file);
  const body = kdoc.body;
  const missing: { line: number; message: string }[] = [];
  // `said` words the message instead of the entry itself: a secretGenerator's entry may be a value
  // written where a file belongs (`files: [password=hunter2]`), which no message may repeat.
  const check = (entry: string | null, at: string, what: string, said?: (absence: string) => string) => {
    if (entry === null || entry === '' || entry.includes('\n') || REMOTE.test(entry) || /^[a-z][a-z0-9+.-]*:\/\//i.test(entry)) return;
    const path = resolveIn(kdir, entry);
    if (path === null) return;
    const link = tree.linkOf(path);
    if (link !== null) {
      missing.push({ line: kdoc.raw.lines[at] ?? kdoc.raw.source.line, message: said?.("which is a symbolic link (Flux's artifact leaves links out)") ?? linkMessage(`${what} "${entry}":`, path, link) });
      return;
    }
    if (!tree.surelyMissing(path)) return;
    missing.push({ line: kdoc.raw.lines[at] ?? kdoc.raw.source.line, message: said?.(tree.absence(path)) ?? `${what} "${entry}" names ${path}, ${tree.absence(path)}.` });
  };
  for (const key of ['configMapGenerator', 'secretGenerator'] as const) {
    arr(body[key]).forEach((g, i) => {
      if (!isObj(g)) return;
      const secret = key === 'secretGenerator';
      const name = str(g.name) ?? '?';
      arr(g.files).forEach((f, j) => {
        const entry = str(f);
        if (entry === null) return;
        // `key=path`: kustomize splits at the first `=`.
        const eq = entry.indexOf('=');
        const said = secret ? (absence: string) => `The secretGenerator "${name}" names a file${eq > 0 ? ` for key "${entry.slice(0, eq)}"` : ''}, ${absence} (a secretGenerator's entries are not repeated here).` : undefined;
        check(eq >= 0 ? entry.slice(eq + 1) : entry, `${key}.${i}.files.${j}`, `The ${key} file`, said);
      });
      const envSaid = secret ? (absence: string) => `The secretGenerator "${name}" names an env file, ${absence} (a secretGenerator's entries are not repeated here).` : undefined;
      arr(g.envs).forEach((f, j) => check(str(f), `${key}.${i}.envs.${j}`, `The ${key} env file`, envSaid));
      check(str(g.env), `${key}.${i}.env`, `The ${key} env file`, envSaid);
    });
  }
  for (const key of ['configurations', 'crds'] as const) arr(body[key]).forEach((f, i) => check(str(f), `${key}.${i}`, key === 'crds' ? 'The CRD file' : 'The configurations file'));
  for (const key of ['patches', 'patchesJson6902', 'replacements'] as const) {
    arr(body[key]).forEach((p, i) => {
      if (isObj(p)) check(str(p.path), `${key}.${i}.path`, key === 'replacements' ? 'The replacement file' : 'The patch file');
    });
  }
  // An entry of these lists is a file when it is one line that is no inline object or list (isInlineEntry).
  arr(body.patchesStrategicMerge).forEach((p, i) => {
    const s = str(p);
    if (s !== null && !isInlineEntry(s)) check(s, `patchesStrategicMerge.${i}`, 'The patch file');
  });
  if (isObj(body.openapi)) check(str(body.openapi.path), 'openapi.path', 'The OpenAPI schema file');
  for (const key of ['transformers', 'generators', 'validators'] as const) {
    arr(body[key]).forEach((t, i) => {
      const s = str(t);
      if (s !== null && !isInlineEntry(s)) check(s, `${key}.${i}`, `The ${key.slice(0, -1)} configuration`);
    });
  }
  // In the order of the file, so the first one named (why its apps are not deployed) is the first line.
  for (const m of missing.sort((a, b) => a.line - b.line)) sink.add('FILE_MISSING', kdoc.file, m.line, m.message);
}

/**
 * kyaml's metadata check: a document with a kind (not a `...List`) and no metadata.name (a kind
 * cluster's config, `kind: Cluster` with a top-level `name:`; a Job with only generateName) is
 * refused, "missing metadata.name in object" (kubectl kustomize v5.5 says so of both). A name written
 * as a number is a name to kustomize.
 */
export function isUnnamed(v: unknown): boolean {
  if (!isObj(v) || typeof v.kind !== 'string' || v.kind.endsWith('List')) return false;
  const name = obj(v.metadata).name;
  return name === undefined || name === null || name === '';
}

/**
 * Flux generates the kustomization.yaml of a folder that has none from every YAML file below it, and
 * decodes each file as Kubernetes manifests first (fluxcd/pkg kustomize generator): a chart's
 * values.yaml or a kustomizeconfig.yaml there stops the build ("failed to decode Kubernetes YAML ...
 * missing Resource metadata"). Not judged where the source may leave files out (a .sourceignore, a
 * GitRepository's spec.ignore), nor for the files source-controller always leaves out.
 */
/**
 * Whether the kustomization.yaml Flux generates for a folder surely lists this file: a `.yaml` or
 * `.yml` file (written so) that source-controller does not leave out by default, where the repository
 * has no `.sourceignore` or GitRepository `spec.ignore` that might. In the tree of a GitRepository's
 * artifact (KustomizeTree.artifactOf), what its rules leave out is not there to ask about: every
 * YAML file of it is listed.
 */
export function fluxListsFile(src: KustomizeSource, file: string): boolean {
  return !src.ignores && (src.tree.leftOutBy !== null || !FLUX_DEFAULT_IGNORES.test(file)) && /\.ya?ml$/.test(file);
}

export function checkKubernetesYaml(src: KustomizeSource, file: string, sink: ProblemSink): void {
  if (!src.rawDocs || !fluxListsFile(src, file)) return;
  // (kyaml drops empty documents: `{}`, `[]`.)
  const docs = src.rawDocs(file);
  const notObject = (v: unknown) => (Array.isArray(v) ? v.length > 0 : !isObj(v) || (Object.keys(v).length > 0 && typeof v.kind !== 'string'));
  const index = docs.findIndex((v) => v !== null && v !== undefined && (notObject(v) || isUnnamed(v)));
  if (index < 0) return;
  const line = src.byFile.get(file)?.[0]?.raw.source.line ?? 1;
  const what = isUnnamed(docs[index]) ? 'no metadata.name' : 'no kind';
  sink.add('NOT_KUBERNETES_YAML', file, index === 0 ? line : 1, `${file} is YAML but not a Kubernetes manifest (${what}${docs.length > 1 ? ` in its document ${index + 1}` : ''}).`);
}
