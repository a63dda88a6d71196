/**
 * What a repository installs before Flux runs, read from its bootstrap files: helmfile releases
 * (`kubernetes/bootstrap/helmfile*.yaml`, `helmfile.d/*.yaml`), `helm install` / `kubectl apply`
 * lines of bootstrap scripts, CustomResourceDefinitions under a `bootstrap/` folder, and comments
 * that say a component is installed by the bootstrap ("CRDs are installed by the bootstrap helmfile";
 * a comment must name the bootstrap, a helmfile or "before flux", and say installed/applied/CRDs).
 * The implicit-dependency rules take these as satisfied: Flux need not order against them.
 * Reads only files the discovery listed (inside the repository), bounded in size.
 */
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Preinstalled } from '../model/preinstalled.ts';
import type { RepoFile } from '../model/repo-model.ts';
import { fileStamp, readTextFile } from './file-checks.ts';

const MAX_BYTES = 1024 * 1024;
/** Files read at most (every YAML file is looked at for bootstrap comments). */
const MAX_FILES = 8000;

const inBootstrap = (path: string) => /(^|\/)bootstrap(\/|$)/i.test(path.split('/').slice(0, -1).join('/'));
const isHelmfile = (path: string) =>
  /(^|\/)helmfile[^/]*\.ya?ml$/i.test(path) || /(^|\/)helmfile(\.d)?\/[^/]+\.ya?ml(\.gotmpl)?$/i.test(path) || (inBootstrap(path) && /\.ya?ml(\.gotmpl)?$/i.test(path));
const isScript = (path: string) => /\.(sh|bash|zsh)$/i.test(path) && (inBootstrap(path) || /(^|\/)(bootstrap|install|setup)[^/]*\.(sh|bash|zsh)$/i.test(path));
const isYaml = (path: string) => /\.ya?ml$/i.test(path);
const isTerraform = (path: string) => /\.tf$/i.test(path);
/** Files that may run commands: any shell script, a Makefile, a justfile (read for the namespaces they make). */
const isCommands = (path: string) => /\.(sh|bash|zsh)$/i.test(path) || /(^|\/)(GNU)?[Mm]akefile$|(^|\/)\.?[Jj]ustfile$|\.just$|\.mk$/.test(path);
/** What a file that makes a namespace outside Flux holds somewhere (one pass over the text). */
const CREATES_NAMESPACE = /create\s+(?:namespace|ns)\b|--create-namespace/;

/** A comment that says something is installed outside Flux, before it. */
const COMMENT = /^\s*#.*\b(bootstrap(ped)?|helmfile|before flux)\b/i;
/** What COMMENT needs somewhere in a file, found in one pass over the whole text. */
const MENTIONS = /bootstrap|helmfile|before flux/i;
/** ... and says that something is installed or applied there. */
const INSTALLS = /\b(install(s|ed|ing)?|appl(y|ies|ied)|deploy(s|ed)?|crds?)\b/i;

/** Words of a line that can name a component: `kube-prometheus-stack`, `coredns`. */
const tokens = (line: string): string[] => [...new Set(line.toLowerCase().match(/[a-z0-9][a-z0-9-]*[a-z0-9]/g) ?? [])];

/**
 * What each file said, by path, with the stamp (mtime and size) it was read at: the dev server keeps
 * one between scans (src/integration/atlas-provider.ts), so a re-scan after a save reads again only
 * the files that changed, not every YAML file of the repository.
 */
export type PreinstalledCache = Map<string, { stamp: string; found: Preinstalled[] }>;

/**
 * `known`: what files already read in this run said (preinstalledIn of their text, by path): the scan
 * reads every YAML file once, and these are not read again. `stamps`: the files' stamps as discovery
 * took them this run (by path), checked against `cache` instead of a stat of each file.
 */
export async function readPreinstalled(
  root: string,
  files: readonly Pick<RepoFile, 'path' | 'kind'>[],
  cache?: PreinstalledCache,
  known?: ReadonlyMap<string, Preinstalled[]>,
  stamps?: ReadonlyMap<string, string>,
): Promise<Preinstalled[]> {
  const out: Preinstalled[] = [];
  const wanted = files.filter((f) => isHelmfile(f.path) || isScript(f.path) || isCommands(f.path) || isTerraform(f.path) || (f.kind === 'yaml' && isYaml(f.path))).slice(0, MAX_FILES);
  for (const f of wanted) {
    const abs = join(root, f.path);
    const said = known?.get(f.path);
    if (said && !cache) {
      for (const p of said) out.push(p);
      continue;
    }
    let stamp = '';
    if (cache) {
      try {
        stamp = stamps?.get(f.path) ?? fileStamp(abs);
      } catch {
        stamp = '';
      }
      const hit = cache.get(f.path);
      if (stamp && hit && hit.stamp === stamp) {
        for (const p of hit.found) out.push(p);
        continue;
      }
    }
    const found = said ?? (await readFound(f.path, abs));
    if (cache && stamp) cache.set(f.path, { stamp, found });
    for (const p of found) out.push(p);
  }
  const seen = new Set<string>();
  return out
    .filter((p) => {
      const key = `${p.name}\u0000${p.via}\u0000${p.source.file}\u0000${p.source.line}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.source.file.localeCompare(b.source.file) || a.source.line - b.source.line);
}

async function readFound(path: string, abs: string): Promise<Preinstalled[]> {
  const { text } = await readTextFile(path, abs, MAX_BYTES);
  return text === null ? [] : preinstalledIn(path, text);
}

/** What one file says is installed before Flux. */
export function preinstalledIn(path: string, text: string): Preinstalled[] {
  const out: Preinstalled[] = [];
  let split: string[] | null = null;
  const lines = () => (split ??= text.split('\n'));
  const at = (i: number) => ({ file: path, line: i + 1, col: 1 });
  if (isHelmfile(path)) for (const r of helmfileReleases(text, path)) out.push(r);
  else if (isScript(path)) {
    lines().forEach((l, i) => {
      const helm = /\bhelm\s+(?:upgrade\s+(?:--install|-i)|install)\s+(?:--\S+\s+)*([a-z0-9][a-z0-9-]*)(?:\s+(\S+))?/i.exec(l);
      if (helm) for (const n of [helm[1]!, ...(helm[2] ? [chartName(helm[2])] : [])]) out.push({ name: n.toLowerCase(), via: 'script', source: at(i) });
      if (/\bkubectl\s+(apply|create)\b/.test(l)) for (const t of tokens(l)) out.push({ name: t, via: 'script', source: at(i) });
    });
  }
  // Namespaces made outside Flux (NAMESPACE_MISSING): `kubectl create namespace X` and `helm ...
  // --create-namespace -n X` in a script, a Taskfile or a CI workflow; Terraform's kubernetes_namespace.
  if (CREATES_NAMESPACE.test(text)) {
    lines().forEach((l, i) => {
      const created =
        /\bkubectl\s+create\s+(?:namespace|ns)\s+['"]?([a-z0-9][a-z0-9-]*)/.exec(l)?.[1] ??
        (/--create-namespace\b/.test(l) ? /(?:\s-n\s+|--namespace[=\s]+)['"]?([a-z0-9][a-z0-9-]*)/.exec(l)?.[1] : undefined);
      if (created) out.push({ name: `namespace:${created}`, via: 'script', source: at(i) });
    });
  }
  // Terraform: a kubernetes_namespace resource; a helm_release with create_namespace = true.
  if (isTerraform(path) && /"kubernetes_namespace|create_namespace/.test(text)) {
    for (const block of text.split(/\n(?=resource\s)/)) {
      const offset = text.indexOf(block);
      const line = text.slice(0, offset).split('\n').length - 1;
      const kind = /^\s*resource\s+"([a-z_0-9]+)"/.exec(block)?.[1];
      const name = kind === 'helm_release' ? /\bcreate_namespace\s*=\s*true\b/.test(block) ? /\bnamespace\s*=\s*"([a-z0-9][a-z0-9-]*)"/.exec(block)?.[1] : undefined : kind === 'kubernetes_namespace' || kind === 'kubernetes_namespace_v1' ? /\bname\s*=\s*"([a-z0-9][a-z0-9-]*)"/.exec(block)?.[1] : undefined;
      if (name) out.push({ name: `namespace:${name}`, via: 'script', source: at(line) });
    }
  }
  if (isYaml(path) && inBootstrap(path)) {
    lines().forEach((l, i) => {
      const crd = /^\s*name:\s*['"]?[a-z0-9-]+\.([a-z0-9.-]+\.[a-z]+)['"]?\s*$/.exec(l);
      if (crd && /kind:\s*CustomResourceDefinition/.test(text)) out.push({ name: `crd:${crd[1]}`, via: 'manifest', source: at(i) });
    });
  }
  // Every YAML file of the repository comes here: most never name the bootstrap, and need no line-by-line look.
  if ((isYaml(path) || isHelmfile(path)) && MENTIONS.test(text)) {
    lines().forEach((l, i) => {
      // URLs and schema modelines mention "bootstrap" without saying anything is installed.
      const comment = l.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, ' ');
      if (COMMENT.test(comment) && INSTALLS.test(comment) && !/yaml-language-server/.test(comment)) for (const t of tokens(comment.slice(comment.indexOf('#')))) out.push({ name: t, via: 'comment', source: at(i) });
    });
  }
  return out;
}

/** `oci://ghcr.io/x/charts/coredns` or `coredns/coredns` -> `coredns`. */
function chartName(ref: string): string {
  return ref.replace(/[@:]\d[^/]*$/, '').split('/').pop() ?? ref;
}

/** helmfile `releases:` entries: name and chart, each with its line. Go templates are left as text. */
function helmfileReleases(text: string, file: string): Preinstalled[] {
  const out: Preinstalled[] = [];
  let docs;
  try {
    docs = parseAllDocuments(text.replace(/\{\{[^}]*\}\}/g, (m) => m.replace(/[^\n]/g, 'x')), { logLevel: 'error' });
  } catch {
    return out;
  }
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length) continue;
    const defaults = doc.get('helmDefaults', true) as { get?: (k: string) => unknown } | undefined;
    const releases = doc.get('releases', true) as { items?: { range?: [number, number, number]; get?: (k: string) => unknown }[] } | undefined;
    for (const item of releases?.items ?? []) {
      const name = typeof item.get?.('name') === 'string' ? (item.get('name') as string) : null;
      const chart = typeof item.get?.('chart') === 'string' ? chartName(item.get('chart') as string) : null;
      const line = item.range ? lineOf(item.range[0]) : 1;
      for (const n of [name, chart]) if (n) out.push({ name: n.toLowerCase(), via: 'helmfile', source: { file, line, col: 1 } });
      // helmfile creates a release's namespace unless told not to (createNamespace defaults to true).
      const namespace = item.get?.('namespace');
      if (typeof namespace === 'string' && /^[a-z0-9][a-z0-9-]*$/.test(namespace) && item.get?.('createNamespace') !== false && defaults?.get?.('createNamespace') !== false) out.push({ name: `namespace:${namespace}`, via: 'helmfile', source: { file, line, col: 1 } });
    }
  }
  return out;
}
