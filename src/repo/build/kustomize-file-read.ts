/**
 * A kustomization.yaml (or Component) read into the model's KustomizeFile: its entries with their
 * lines, its generators with the files they read, its patches counted. Split from kustomize-tree.ts,
 * which walks the folders these files describe.
 */
import { finding, type Finding } from '../../model/finding.ts';
import type { KustomizeFile } from '../../model/kustomize-file.ts';
import { arr, obj, str } from '../../model/values.ts';
import { generatorEnvFile, generatorFile } from './generator-files.ts';
import { hashesName } from './kustomize-generators.ts';
import { dirOf, resolveIn } from './paths.ts';
import type { WorkDoc } from './work-doc.ts';

export function toKustomizeFile(d: WorkDoc): KustomizeFile {
  const entries = (key: string) =>
    arr(d.body[key]).flatMap((e, i) => {
      const entry = str(e);
      return entry === null ? [] : [{ entry, line: d.raw.lines[`${key}.${i}`] ?? d.raw.source.line }];
    });
  const patches = arr(d.body.patches).length + arr(d.body.patchesStrategicMerge).length + arr(d.body.patchesJson6902).length;
  return {
    file: d.file,
    dir: dirOf(d.file),
    source: d.raw.source,
    namespace: str(d.body.namespace),
    resources: [...entries('resources'), ...entries('bases')],
    components: entries('components'),
    configMapGenerators: generators(d, 'configMapGenerator'),
    secretGenerators: generators(d, 'secretGenerator'),
    patches,
    ...(arr(d.body.configurations).length > 0 ? { configurations: arr(d.body.configurations).flatMap((c) => (str(c) === null ? [] : [resolveIn(dirOf(d.file), str(c)!) ?? str(c)!])) } : {}),
    deployed: false,
    ...(arr(d.body.generators).length > 0 ? { generators: true as const } : {}),
    ...(d.kind === 'Component' ? { component: true as const } : {}),
    ...(d.raw.commentedEntries?.length ? { commented: d.raw.commentedEntries } : {}),
  };
}

/**
 * Generator labels as kustomize takes them: string values only (kustomize refuses an unquoted `true`
 * or `1`, "cannot unmarshal bool into ... of type string", and so does Flux's build).
 */
function stringLabels(m: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m)) if (typeof v === 'string') out[k] = v;
  return out;
}

/**
 * A kustomization's configMapGenerator or secretGenerator entries, read once for every reader (the
 * values lookup, the SOPS files' Secrets, the dashboards): each entry's `files:` as written and as
 * repository paths with their data keys and lines (kustomize's split at the first `=`; URLs and paths
 * that leave the repository have no path), its labels and its behavior. Entries without a name are
 * left out, as kustomize refuses them.
 */
function generators(d: WorkDoc, key: 'configMapGenerator' | 'secretGenerator'): KustomizeFile['configMapGenerators'] {
  const dir = dirOf(d.file);
  const line = (path: string) => d.raw.lines[path] ?? d.raw.source.line;
  return arr(d.body[key]).flatMap((g, i) => {
    const name = str(obj(g).name);
    if (!name) return [];
    const files: string[] = [];
    const reads: KustomizeFile['configMapGenerators'][number]['reads'] = [];
    const envReads: KustomizeFile['configMapGenerators'][number]['envReads'] = [];
    // `envs:` (and the older single `env:`): dotenv files, every line a key.
    const envs = [...arr(obj(g).envs).map((e, j) => [e, `${key}.${i}.envs.${j}`] as const), [obj(g).env, `${key}.${i}.env`] as const];
    for (const [e, at] of envs) {
      const entry = str(e);
      const path = entry === null ? null : generatorEnvFile(dir, entry);
      if (path !== null) envReads.push({ path, line: d.raw.lines[at] ?? line(`${key}.${i}`) });
    }
    arr(obj(g).files).forEach((f, j) => {
      const entry = str(f);
      if (entry === null) return;
      files.push(entry);
      const read = generatorFile(dir, entry);
      if (read) reads.push({ ...read, line: d.raw.lines[`${key}.${i}.files.${j}`] ?? line(`${key}.${i}`) });
    });
    return [{
      name,
      files,
      reads,
      envReads,
      labels: stringLabels({ ...obj(obj(d.body.generatorOptions).labels), ...obj(obj(obj(g).options).labels) }),
      behavior: str(obj(g).behavior) ?? 'create',
      line: line(`${key}.${i}`),
      ...(hashesName(d.body, g) ? { hashSuffix: true as const } : {}),
    }];
  });
}

/**
 * The kustomization documents kustomize reads: the first of each file. kustomize reads a
 * kustomization.yaml as one YAML document and ignores the rest (`kubectl kustomize` builds only what
 * the first lists); a second document in the file (a tenant added below a `---`) is said, with what
 * it lists, since nothing it names is built (outside review: a tenant dropped with no word).
 */
export function firstKustomizeDocs(works: readonly WorkDoc[]): { kept: WorkDoc[]; findings: Finding[] } {
  const kept: WorkDoc[] = [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const w of works) {
    if (!w.isKustomizeFile || w.raw.disabled) continue;
    if (!seen.has(w.file)) {
      seen.add(w.file);
      kept.push(w);
      continue;
    }
    const lists = ['resources', 'components', 'patches'].flatMap((k) => arr(w.body[k]).flatMap((e) => str(e) ?? str(obj(e).path) ?? []));
    const what = lists.length > 0 ? `: what it lists (${lists.slice(0, 3).join(', ')}${lists.length > 3 ? ', ...' : ''}) is not built from here` : '';
    findings.push(finding('KUSTOMIZE_EXTRA_DOCUMENT', 'warning', `This is a second YAML document of ${w.file}; kustomize reads only the first document of a kustomization file and ignores this one${what}. Merge it into the first document.`, w.raw.source, { area: 'flux' }));
  }
  return { kept, findings };
}
