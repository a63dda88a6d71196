/**
 * JSON 6902 operations (RFC 6902, https://datatracker.ietf.org/doc/html/rfc6902) on a document's
 * body, as kustomize's JSON patch library applies them: where it fails, these fail with a reason.
 * Split from patches.ts.
 */
import { isDeepStrictEqual } from 'node:util';
import { isObj, setOwn, str, type Obj } from '../../model/values.ts';

function pointer(path: string): string[] {
  return path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at a JSON pointer (own keys only: `/__proto__/x` names nothing), or `found: false`. */
function valueAt(root: unknown, path: readonly string[]): { found: boolean; value: unknown } {
  let node: unknown = root;
  for (const key of path) {
    if (Array.isArray(node)) {
      // (kustomize's JSON patch library counts a negative index from the end: `-1` is the last; code review.)
      const n = Number(key);
      const i = Number.isInteger(n) && n < 0 && key !== '-0' ? n + node.length : n;
      if (!Number.isInteger(i) || i < 0 || i >= node.length) return { found: false, value: undefined };
      node = node[i];
    } else if (isObj(node) && Object.hasOwn(node, key)) node = node[key];
    else return { found: false, value: undefined };
  }
  return { found: true, value: node };
}

/** Write one operation's value at `path` (add, replace, remove; copy and move are add after a read). */
function writeAt(root: Obj, path: readonly string[], kind: 'add' | 'replace' | 'remove', value: unknown): string | null {
  const parentPath = path.slice(0, -1);
  const parent = valueAt(root, parentPath);
  if (!parent.found) return kind === 'add' ? `path /${parentPath.join('/')} does not exist` : `path /${path.join('/')} does not exist`;
  const last = path[path.length - 1]!;
  const container = parent.value;
  if (Array.isArray(container)) {
    // (A negative index counts from the end, as kustomize's JSON patch library does: for `add` in the
    // list one longer, so `-1` appends; for replace and remove in the list as it is.)
    const written = last === '-' ? container.length : Number(last);
    const index = Number.isInteger(written) && written < 0 ? written + container.length + (kind === 'add' ? 1 : 0) : written;
    if (!Number.isInteger(index) || index < 0 || index > container.length || (kind !== 'add' && index === container.length)) return `bad index ${last}`;
    if (kind === 'add') container.splice(index, 0, value);
    else if (kind === 'replace') container[index] = value;
    else container.splice(index, 1);
  } else if (isObj(container)) {
    // kustomize (5.5) fails on removing a key that is not there ("Unable to remove nonexistent key"),
    // and a replace of one adds it. Outside review: a Flux Kustomization's patch removing
    // `loadBalancerIP` where the values say `LoadBalancerIP` was shown as applied; kustomize stops there.
    if (kind === 'remove' && !Object.hasOwn(container, last)) return `path /${path.join('/')} does not exist (kustomize: "Unable to remove nonexistent key")`;
    if (kind === 'remove') delete container[last];
    else setOwn(container, last, value);
  } else return `path /${parentPath.join('/')} is not a container`;
  return null;
}

/**
 * Apply JSON 6902 operations (RFC 6902: add, remove, replace, move, copy, test); returns an error text
 * for the first one that cannot apply. A value is copied into the document: patch texts are parsed
 * once and frozen (parsePatchText), and one patch applies to many documents, each of which later steps
 * change in place (substitution, namespaces). As kustomize 5.5 (its JSON patch library) does, checked
 * with kubectl kustomize: `remove` of a key that is not there fails, `replace` of one adds it, `copy`
 * from a missing key of an object that is there copies null, and `test` of a missing key passes for null.
 */
export function applyOps(root: Obj, ops: Obj[]): string | null {
  for (const op of ops) {
    const kind = str(op.op);
    const path = pointer(str(op.path) ?? '');
    if (!path.length) return `operation without a path`;
    // kustomize keeps every object's annotations as a map, written or not (it records its own there
    // while it builds), so `add /metadata/annotations/<key>` applies to an object that has none.
    // Not labels: kustomize 5.5 fails on `/metadata/labels/<key>` where there are none.
    if (path.length === 3 && path[0] === 'metadata' && path[1] === 'annotations' && isObj(root.metadata) && !isObj(root.metadata.annotations)) {
      root.metadata.annotations = {};
    }
    let error: string | null;
    if (kind === 'add' || kind === 'replace') error = writeAt(root, path, kind, structuredClone(op.value));
    else if (kind === 'remove') error = writeAt(root, path, kind, undefined);
    else if (kind === 'copy' || kind === 'move') {
      const fromText = str(op.from) ?? '';
      const from = pointer(fromText);
      if (!from.length) return `${kind} without a from`;
      // RFC 6902 4.4: a location cannot be moved into one of its children.
      if (kind === 'move' && path.length > from.length && from.every((k, i) => path[i] === k)) return `cannot move ${fromText} into itself`;
      const source = valueAt(root, from);
      // (kustomize copies null from a missing key of an object it finds; a move removes it, and fails.)
      const nullCopy = kind === 'copy' && !source.found && isObj(valueAt(root, from.slice(0, -1)).value);
      if (!source.found && !nullCopy) return `path ${fromText} does not exist`;
      const value = nullCopy ? null : structuredClone(source.value);
      error = kind === 'move' ? (writeAt(root, from, 'remove', undefined) ?? writeAt(root, path, 'add', value)) : writeAt(root, path, 'add', value);
    } else if (kind === 'test') {
      const at = valueAt(root, path);
      // (A missing key of an object that is there reads as null to kustomize's test.)
      const missingIsNull = !at.found && (op.value ?? null) === null && isObj(valueAt(root, path.slice(0, -1)).value);
      error = (at.found && isDeepStrictEqual(at.value, op.value)) || missingIsNull ? null : `test of /${path.join('/')} failed`;
    } else error = `unsupported op ${kind}`;
    if (error) return error;
  }
  return null;
}
