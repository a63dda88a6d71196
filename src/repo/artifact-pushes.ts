/**
 * Where the repository's own CI or scripts push its folders as OCI artifacts:
 * `flux push artifact oci://ghcr.io/org/manifests:$(git rev-parse --short HEAD) --path=./kubernetes/apps`
 * in a GitHub workflow, a shell script, a Makefile, a Taskfile, a justfile or a Terraform
 * `local-exec`. An OCIRepository with that URL serves that folder, so a Kustomization that reads the
 * artifact at `./` applies the folder, as Flux does; without this the artifact's content is written
 * only in the script, and its apps would be "not reached".
 *
 * Only the command's URL and `--path` are taken from the text; the text itself is not kept.
 */
import { readFileSync } from 'node:fs';
import { dirOf, resolveIn } from './build/paths.ts';
import type { DiscoveredFile } from './discover.ts';

export interface ArtifactPush {
  /** The artifact's repository URL without tag or digest (`oci://ghcr.io/org/manifests`); `${VAR}`, `$VAR`, `$(...)` as written. */
  url: string;
  /** The folder pushed, relative to the repository root (no `./`, no trailing `/`; '' for the root). */
  path: string;
  file: string;
  line: number;
}

/** Files that run commands: CI workflows, scripts, make/task/just files, Terraform. */
const COMMAND_FILE = /(^|\/)(\.github\/workflows\/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml|[^/]+\.(sh|bash|mk|tf|just)|Makefile|makefile|GNUmakefile|[Jj]ustfile|\.justfile|Taskfile[^/]*\.ya?ml|\.taskfiles\/.+\.ya?ml|\.?tasks?\/[^/]+\.ya?ml)$/;
/** Larger files are no build script. */
const MAX_BYTES = 512 * 1024;
/** Enough for any repository's CI; a hostile tree stays bounded. */
const MAX_FILES = 500;

/** `flux push artifact` commands in the repository's command files (read here, never kept). */
export function readArtifactPushes(files: readonly Pick<DiscoveredFile, 'path' | 'abs' | 'size'>[], isDir: (path: string) => boolean): ArtifactPush[] {
  const out: ArtifactPush[] = [];
  let read = 0;
  for (const f of files) {
    if (!COMMAND_FILE.test(f.path) || f.size > MAX_BYTES) continue;
    if (++read > MAX_FILES) break;
    let text: string;
    try {
      text = readFileSync(f.abs, 'utf8');
    } catch {
      continue;
    }
    if (!text.includes('push artifact')) continue;
    for (const push of artifactPushesIn(text, f.path, isDir)) out.push(push);
  }
  return out;
}

/** The `flux push artifact` commands of one file's text, with folders that exist (`isDir`). */
export function artifactPushesIn(text: string, file: string, isDir: (path: string) => boolean): ArtifactPush[] {
  const out: ArtifactPush[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/\bflux\s+push\s+artifact\b/.test(lines[i]!) || /^\s*(#|\/\/)/.test(lines[i]!)) continue;
    // The command with its continuation lines (`\` at the end of a line, as CI scripts write it).
    let command = lines[i]!;
    for (let j = i; /\\\r?$/.test(lines[j]!) && j + 1 < lines.length; j++) command = `${command.replace(/\\\r?$/, ' ')}${lines[j + 1]}`;
    const push = parsePush(command.slice(command.search(/\bflux\s+push\s+artifact\b/)), file, isDir);
    if (push) out.push({ ...push, file, line: i + 1 });
  }
  return out;
}

function parsePush(command: string, file: string, isDir: (path: string) => boolean): { url: string; path: string } | null {
  // Up to the end of the command: a separator outside quotes. A workflow's `${{ expression }}` is one word.
  const oneWord = command.replace(/\$\{\{([^}]*)\}\}/g, (_m, e: string) => `\${{${e.replace(/\s+/g, '')}}}`);
  const words = shellWords(oneWord.split(/\s(?:&&|\|\||;|\|)\s|\s;$/)[0]!);
  const url = words.find((w) => w.startsWith('oci://'));
  let path: string | undefined;
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (w.startsWith('--path=')) path = w.slice('--path='.length);
    else if (w === '--path') path = words[k + 1];
  }
  if (!url || path === undefined || /[$`*?]/.test(path)) return null;
  const folder = folderOf(path, file, isDir);
  return folder === null ? null : { url: withoutTag(url), path: folder };
}

/** Split on blanks outside quotes, and take the quotes off. */
function shellWords(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(/(?:"[^"]*"|'[^']*'|[^\s"']+)+/g)) out.push(m[0].replace(/"([^"]*)"|'([^']*)'/g, '$1$2'));
  return out;
}

/** `oci://host/repo:tag` or `...@sha256:...` -> `oci://host/repo` (a port after the host stays). */
function withoutTag(url: string): string {
  const at = url.indexOf('@');
  const bare = at >= 0 ? url.slice(0, at) : url;
  const slash = bare.lastIndexOf('/');
  const colon = bare.lastIndexOf(':');
  return colon > slash && slash > 'oci://'.length ? bare.slice(0, colon) : bare;
}

/**
 * The pushed folder relative to the repository: CI runs from the checkout's root; a script may run
 * from its own folder (`pushd $(dirname "$0")`). The one of the two that is a folder of the tree.
 */
function folderOf(path: string, file: string, isDir: (path: string) => boolean): string | null {
  if (path.startsWith('/')) return null;
  const fromRoot = resolveIn('', path);
  if (fromRoot !== null && isDir(fromRoot)) return fromRoot;
  const fromScript = resolveIn(dirOf(file), path);
  return fromScript !== null && isDir(fromScript) ? fromScript : null;
}

/**
 * The folder pushed as the artifact at `url` (an OCIRepository's spec.url), where the repository's
 * pushes agree on one; null where none or several folders are pushed there. A push URL's variables
 * (`${CLUSTER}`, `$REGISTRY`, `${{ github.repository_owner }}`) match one path segment or host.
 */
export function pushedFolder(url: string, pushes: readonly ArtifactPush[]): string | null {
  const folders = new Set<string>();
  for (const p of pushes) if (urlMatches(p.url, url)) folders.add(p.path);
  return folders.size === 1 ? [...folders][0]! : null;
}

function urlMatches(pushed: string, url: string): boolean {
  const target = url.replace(/\/+$/, '');
  if (!pushed.includes('$')) return pushed === target;
  const pattern = pushed
    .split(/(\$\{\{[^}]*\}\}|\$\{[^}]*\}|\$\([^)]*\)|\$[A-Za-z_][A-Za-z0-9_]*)/)
    .map((part, i) => (i % 2 === 1 ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  // A URL that is all variables says nothing of which artifact it is.
  const literal = pushed.replace(/\$\{\{[^}]*\}\}|\$\{[^}]*\}|\$\([^)]*\)|\$[A-Za-z_][A-Za-z0-9_]*/g, '').replace(/^oci:\/\//, '').replace(/[/:]/g, '');
  return literal.length > 0 && new RegExp(`^${pattern}$`).test(target);
}
