import type { Bump } from '../model/changelog-entry.ts';
import { artifactNameOfUrl } from './extract/chart-source.ts';

/**
 * What a bump's tag or version belongs to, read from the changed file as it was at that commit.
 * A `-U0` diff of Renovate's one-line change shows `tag: 0.8.4` and nothing else: the image
 * repository (`repository: ghcr.io/prompp/prompp`), the OCIRepository's `url:` or the HelmRelease's
 * `chart:` sit in the lines around it, in the same YAML mapping (or its parent's, for an
 * OCIRepository's `ref:`). Neither the app's folder (one app runs several images: a sidecar, a
 * second container) nor HEAD's model (the file may have gone, or name another chart since) says it.
 *
 * Line-based on purpose: one mapping's siblings by indentation, for the one line the diff named,
 * not a parse of the whole file per bump (a changelog reads thousands of them).
 */

interface Line {
  /** Column of the key (after any `- ` sequence markers), or of the first character. */
  col: number;
  /** Column of the first character (a `-` for a sequence item). */
  start: number;
  key: string | null;
  value: string;
}

const KEY = /^((?:-\s+)*)(["']?)([A-Za-z0-9_.$/-]+)\2\s*:(?:\s+(.*))?$/;

/** Lines read once per file however many of its bumps are named (a generated file has thousands). */
const parsed = new WeakMap<readonly string[], (Line | null | undefined)[]>();

/** Line `i` of `lines`, read (and kept for the next bump of the same file). */
function lineAt(lines: readonly string[], i: number): Line | null {
  let cache = parsed.get(lines);
  if (!cache) parsed.set(lines, (cache = []));
  const hit = cache[i];
  if (hit !== undefined) return hit;
  return (cache[i] = read(lines[i]));
}

function read(raw: string | undefined): Line | null {
  if (raw === undefined) return null;
  const text = raw.replace(/\s+$/, '');
  const start = text.search(/\S/);
  if (start < 0 || text[start] === '#') return null;
  const body = text.slice(start);
  const m = KEY.exec(body);
  if (!m) return { col: start, start, key: null, value: '' };
  return { col: start + m[1]!.length, start, key: m[3]!, value: scalar(m[4] ?? '') };
}

/** A plain or quoted scalar without its trailing comment; '' for a block or a flow collection. */
function scalar(text: string): string {
  const t = text.trim();
  if (t.startsWith('"') || t.startsWith("'")) {
    const end = t.indexOf(t[0]!, 1);
    return end > 0 ? t.slice(1, end) : '';
  }
  const plain = t.replace(/\s+#.*$/, '');
  return /^[|>{[&*!]/.test(plain) ? '' : plain;
}

/**
 * Lines looked at either side of the value. An image's or a chart's keys sit within a few lines of
 * each other; the bound keeps a generated file of 100,000 keys in one mapping from costing a scan of
 * all of them for each of its bumps.
 */
const WINDOW = 100;

const isDocumentEnd = (raw: string): boolean => /^(?:---|\.\.\.)(?:\s|$)/.test(raw);

/** The keys of the mapping line `at` is a key of, with their scalar values (the line's own included). */
function siblings(lines: readonly string[], at: number): Map<string, string> {
  const own = lineAt(lines, at);
  const out = new Map<string, string>();
  if (!own?.key) return out;
  out.set(own.key, own.value);
  // Upwards: stop at the parent (less indented) or at the `- ` that starts this item of a sequence.
  if (own.start === own.col) {
    for (let i = at - 1; i >= Math.max(0, at - WINDOW) && !isDocumentEnd(lines[i]!); i--) {
      const l = lineAt(lines, i);
      if (!l) continue;
      if (l.col < own.col || (l.start < own.col && l.col !== own.col)) break;
      if (l.col === own.col && l.key !== null && !out.has(l.key)) out.set(l.key, l.value);
      if (l.start < own.col) break;
    }
  }
  // Downwards: stop at the parent's level or at the next item of the sequence.
  for (let i = at + 1; i < Math.min(lines.length, at + WINDOW) && !isDocumentEnd(lines[i]!); i++) {
    const l = lineAt(lines, i);
    if (!l) continue;
    if (l.start < own.col) break;
    if (l.col === own.col && l.key !== null && !out.has(l.key)) out.set(l.key, l.value);
  }
  return out;
}

/** The index of the line holding the mapping `at` belongs to (`ref:` above `tag:`), or -1. */
function parent(lines: readonly string[], at: number): number {
  const own = lineAt(lines, at);
  if (!own) return -1;
  for (let i = at - 1; i >= Math.max(0, at - WINDOW) && !isDocumentEnd(lines[i]!); i--) {
    const l = lineAt(lines, i);
    if (l && l.start < own.start && l.col < own.col) return i;
  }
  return -1;
}

/** A name worth printing: not empty, not a `${VAR}` Flux substitutes later. */
const usable = (name: string | undefined): name is string => !!name && !name.includes('${') && !/\s/.test(name);

/**
 * The image or chart whose value is on line `lineNumber` (1-based) of `text` (or its lines), the
 * file at the commit of the bump; null where the lines around it do not say (the caller keeps its guess). The kind can
 * change: a `tag:` under an OCIRepository's `ref:` in a file named for a HelmRelease is a chart's.
 */
export function nameAtLine(text: string | readonly string[], lineNumber: number, kind: Bump['kind']): Pick<Bump, 'kind' | 'name'> | null {
  const lines = typeof text === 'string' ? text.split('\n') : text;
  const at = lineNumber - 1;
  const own = lineAt(lines, at);
  if (!own?.key) return null;
  const mine = siblings(lines, at);
  // `ref: { tag: 1.2.3 }` on one line: the OCIRepository's url is a sibling of `ref` itself.
  if (own.key === 'ref') {
    const url = mine.get('url');
    return usable(url) ? { kind: 'chart', name: artifactNameOfUrl(url.replace(/^oci:\/\//, '')) ?? url } : null;
  }
  if (own.key === 'version') {
    // A HelmRelease's `chart.spec` (`chart:` beside `version:`), or kustomize's `helmCharts` entry (`name:` and `repo:`).
    const chart = mine.get('chart') ?? (mine.has('repo') ? mine.get('name') : undefined);
    return usable(chart) ? { kind: 'chart', name: chart.replace(/\/+$/, '').split('/').pop() || chart } : null;
  }
  if (own.key !== 'tag') return null;
  const up = parent(lines, at);
  if (up >= 0 && lineAt(lines, up)?.key === 'ref') {
    const url = siblings(lines, up).get('url');
    if (usable(url) && (kind === 'chart' || url.startsWith('oci://'))) {
      return { kind: 'chart', name: artifactNameOfUrl(url.replace(/^oci:\/\//, '')) ?? url };
    }
  }
  if (kind === 'chart') return null;
  const repository = mine.get('repository') ?? mine.get('image');
  if (!usable(repository)) return null;
  const registry = mine.get('registry');
  return { kind: 'image', name: usable(registry) && !repository.startsWith(`${registry}/`) ? `${registry}/${repository}` : repository };
}
