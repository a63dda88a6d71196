import type { RawDoc } from '../model/raw-doc.ts';
import { isObj } from '../model/values.ts';

/**
 * kustomize (and kubectl) read a document whose kind ends in `List` as its items: a `kind: List` or a
 * `ConfigMapList` of two ConfigMaps is two objects, and a List without items is none (kustomize's
 * resource factory, inlineAnyEmbeddedLists). Each item becomes a document of its own, at its own line,
 * with the key lines and redactions under it; the List itself is no object. A document without an
 * apiVersion is left alone (a values file's own `kind: ...List` is nothing Kubernetes reads).
 */
export function listItems(doc: RawDoc, depth = 0): RawDoc[] {
  const v = doc.value;
  // Only a List with `items` (null: an empty one): a kind that only ends so (TeleportAccessList) is an object.
  if (!isObj(v) || typeof v.kind !== 'string' || !v.kind.endsWith('List') || typeof v.apiVersion !== 'string' || v.apiVersion === '' || !Object.hasOwn(v, 'items')) return [doc];
  if (v.items !== null && !Array.isArray(v.items)) return [doc];
  const items = Array.isArray(v.items) ? v.items : [];
  const out: RawDoc[] = [];
  // Key lines and redactions by item, grouped once (per item over all of them was quadratic).
  const linesOf = new Map<string, Record<string, number>>();
  for (const [path, line] of Object.entries(doc.lines)) {
    const m = /^items\.(\d+)\.(.+)$/.exec(path);
    if (m) (linesOf.get(m[1]!) ?? linesOf.set(m[1]!, {}).get(m[1]!)!)[m[2]!] = line;
  }
  const redactionsOf = new Map<string, RawDoc['redactions']>();
  for (const r of doc.redactions) {
    const m = /^items\.(\d+)\.(.+)$/.exec(r.path);
    if (m) (redactionsOf.get(m[1]!) ?? redactionsOf.set(m[1]!, []).get(m[1]!)!).push({ ...r, path: m[2]! });
  }
  items.forEach((item, i) => {
    if (!isObj(item)) return;
    const lines = linesOf.get(String(i)) ?? {};
    const line = doc.lines[`items.${i}`] ?? doc.source.line;
    const itemDoc: RawDoc = {
      ...doc,
      source: { ...doc.source, line, col: line === doc.source.line ? doc.source.col : 1 },
      value: item,
      lines,
      redactions: redactionsOf.get(String(i)) ?? [],
    };
    // A List inside a List is expanded too, as kustomize does.
    for (const d of depth < 8 ? listItems(itemDoc, depth + 1) : [itemDoc]) out.push(d);
  });
  // What was redacted outside the items (rare: a credential beside them) stays counted, on the first item.
  const outside = doc.redactions.filter((r) => !r.path.startsWith('items.'));
  if (out[0]) for (const r of outside) out[0].redactions.push(r);
  return out;
}
