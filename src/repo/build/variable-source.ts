import type { Source } from '../../model/source.ts';
import { patchFilesOf } from './flux-path-builder.ts';
import { metaName, type WorkDoc } from './work-doc.ts';

/** The dotted path of the first string in `value` that writes one of the variables, or null. */
function pathWriting(value: unknown, tokens: readonly string[], path = ''): string | null {
  if (typeof value === 'string') return tokens.some((t) => value.includes(t)) ? path : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value)) {
    const found = pathWriting(child, tokens, path === '' ? key : `${path}.${key}`);
    if (found !== null) return found;
  }
  return null;
}

/** The line of `path` in a document, or of the nearest key above it that the reader kept a line for. */
function lineOf(d: WorkDoc, path: string): number {
  for (let p = path; p !== ''; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const line = d.raw.lines[p];
    if (line !== undefined) return line;
  }
  return d.raw.source.line;
}

const patchDocs = new WeakMap<readonly WorkDoc[], WorkDoc[]>();
/** The documents of the files kustomization.yaml files name as patches, once per model. */
function patchDocsOf(works: readonly WorkDoc[]): WorkDoc[] {
  let out = patchDocs.get(works);
  if (!out) {
    const files = patchFilesOf(works);
    patchDocs.set(works, (out = works.filter((d) => files.has(d.file) && !d.raw.disabled)));
  }
  return out;
}

/**
 * Where the unresolved variables of an object are written: in its own document as read, at the first
 * value that writes one; else in a patch of the same kind and name that writes one (an overlay's patch
 * adds `${OAUTH_URL}` to a base's release); else the object's document.
 */
export function variableSource(w: WorkDoc, names: readonly string[], works: readonly WorkDoc[]): Source {
  const tokens = names.map((n) => `\${${n}`);
  const own = pathWriting(w.raw.value, tokens);
  if (own !== null) return { ...w.raw.source, line: lineOf(w, own), col: 1 };
  const original = w.instanceOf ?? w;
  const patch = patchDocsOf(works).find((d) => d.kind === original.kind && metaName(d) === metaName(original) && pathWriting(d.raw.value, tokens) !== null);
  if (patch) return { ...patch.raw.source, line: lineOf(patch, pathWriting(patch.raw.value, tokens)!), col: 1 };
  return w.raw.source;
}
