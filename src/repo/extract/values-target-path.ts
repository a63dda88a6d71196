import type { Source } from '../../model/source.ts';
import { isObj, setOwn, type Obj } from '../../model/values.ts';
import { scrubValue } from '../scrub-js.ts';

/**
 * A valuesFrom entry with `targetPath`: helm-controller sets the key's text at that path with Helm's
 * strvals parser, as `helm --set path=text` does, into the values the entries before it gave
 * (ReplacePathValue in fluxcd/helm-controller internal/chartutil/values.go). A set, not a merge: the
 * rest of what is there stays (`image.tag` keeps `image.repository`), an index (`hosts[0].host`)
 * changes that item of the list as it is, and a later entry or spec.values goes over it.
 *
 * What strvals refuses (an index under something that is no list, a key under something that is no
 * map, a negative index), and what this does not follow (a `{a,b}` list, a text with a comma that
 * starts another `key=value`), gives null: the caller leaves the entry out, as before.
 */
type Segment = { key: string; indexes: number[] };

/** Helm's limits (strvals MaxIndex, MaxNestedNameLevel). */
const MAX_INDEX = 65536;
const MAX_NESTED = 30;

/**
 * `values` with `text` set at `path`, and the value alone at its path (for where each value comes
 * from). The value is wiped by its path as a document's values are (`source`: where the text is
 * written): a ConfigMap's text set at `auth.password` is a credential all the same.
 */
export function setAtTargetPath(values: Obj, path: string, text: string, source: Source): { values: Obj; alone: Obj } | null {
  const segments = pathSegments(path);
  const typed = segments === null ? null : typedText(text);
  if (segments === null || typed === null) return null;
  const alone = putKey({}, segments, 0, typed.value);
  if (alone === null) return null;
  scrubValue(alone, {}, source);
  const set = putKey(values, segments, 0, valueAt(alone, segments));
  return set === null ? null : { values: set, alone };
}

/** The value under the segments (set there by putKey). */
function valueAt(v: unknown, segments: readonly Segment[]): unknown {
  let cur = v;
  for (const { key, indexes } of segments) {
    cur = isObj(cur) ? cur[key] : undefined;
    for (const n of indexes) cur = Array.isArray(cur) ? cur[n] : undefined;
  }
  return cur;
}

/**
 * The path as strvals reads a key: segments split at `.`, each with its `[n]` indexes; a backslash
 * takes the next character as it is (`a\.b` is one key). `=` or `,` would end the key there; an empty
 * key sets nothing: both null.
 */
function pathSegments(path: string): Segment[] | null {
  const out: Segment[] = [];
  let key = '';
  let indexes: number[] = [];
  let afterIndex = false;
  for (let i = 0; i < path.length; i++) {
    const c = path[i]!;
    if (c === '\\') {
      if (afterIndex) return null;
      key += path[++i] ?? '';
    } else if (c === '.') {
      if (key === '') return null;
      out.push({ key, indexes });
      key = '';
      indexes = [];
      afterIndex = false;
    } else if (c === '[') {
      const end = path.indexOf(']', i);
      const digits = end === -1 ? '' : path.slice(i + 1, end);
      // strconv.Atoi: a sign and decimal digits.
      if (key === '' || !/^[+-]?\d+$/.test(digits)) return null;
      const n = Number(digits);
      if (n < 0 || n > MAX_INDEX) return null;
      indexes.push(n);
      i = end;
      afterIndex = true;
    } else if (c === '=' || c === ',' || afterIndex) {
      // (After `]` only `[`, `.` or the end: strvals stops at "unexpected data at end of array index".)
      return null;
    } else key += c;
  }
  if (key === '') return null;
  out.push({ key, indexes });
  if (out.filter((s) => s.indexes.length === 0).length - 1 > MAX_NESTED) return null;
  return out;
}

/**
 * The text as strvals types it: a text in quotes (single or double, at both ends) is the text without
 * them (helm-controller trims every quote at either end and parses it as a string); else true, false
 * and null in any case, integers (`0815` stays text, `0` is 0), anything else the text.
 */
function typedText(text: string): { value: unknown } | null {
  const quoted = (text.startsWith("'") && text.endsWith("'")) || (text.startsWith('"') && text.endsWith('"'));
  const raw = quoted ? text.replace(/^['"]+|['"]+$/g, '') : text;
  if (raw.startsWith('{')) return null;
  // A backslash takes the next character as it is; a comma ends the value (text after it would be another assignment).
  let value = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\') value += raw[++i] ?? '';
    else if (c === ',') {
      if (i < raw.length - 1) return null;
      break;
    } else value += c;
  }
  if (quoted) return { value };
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === 'false') return { value: lower === 'true' };
  if (lower === 'null') return { value: null };
  if (value === '0') return { value: 0 };
  // strconv.ParseInt of a text not starting with 0 (a sign is taken); past JavaScript's exact integers, the text.
  if (/^[+-]?\d+$/.test(value) && !value.startsWith('0')) {
    const n = Number(value);
    if (Number.isSafeInteger(n)) return { value: n === 0 ? 0 : n };
  }
  return { value };
}

/** `map` with the value set under `segments[i]` and on; null where strvals stops. */
function putKey(map: Obj, segments: readonly Segment[], i: number, value: unknown): Obj | null {
  const { key, indexes } = segments[i]!;
  const has = Object.hasOwn(map, key);
  const current = has ? map[key] : undefined;
  const out: Obj = { ...map };
  if (indexes.length > 0) {
    if (has && !Array.isArray(current)) return null;
    const list = putIndex((current as unknown[] | undefined) ?? [], indexes, 0, segments, i, value);
    if (list === null) return null;
    setOwn(out, key, list);
    return out;
  }
  if (i === segments.length - 1) {
    setOwn(out, key, value);
    return out;
  }
  if (has && !isObj(current)) return null;
  const inner = putKey(isObj(current) ? current : {}, segments, i + 1, value);
  if (inner === null) return null;
  setOwn(out, key, inner);
  return out;
}

/** `list` with the value set at `indexes[j]` and on; the list grows with nulls to the index, as setIndex does. */
function putIndex(list: readonly unknown[], indexes: readonly number[], j: number, segments: readonly Segment[], i: number, value: unknown): unknown[] | null {
  const n = indexes[j]!;
  const out = [...list];
  while (out.length <= n) out.push(null);
  const current = list[n];
  if (j < indexes.length - 1) {
    if (current !== undefined && current !== null && !Array.isArray(current)) return null;
    const inner = putIndex((current as unknown[] | undefined) ?? [], indexes, j + 1, segments, i, value);
    if (inner === null) return null;
    out[n] = inner;
    return out;
  }
  if (i === segments.length - 1) {
    out[n] = value;
    return out;
  }
  // An item that is no map becomes one (strvals: "indices out of order").
  const inner = putKey(isObj(current) ? current : {}, segments, i + 1, value);
  if (inner === null) return null;
  out[n] = inner;
  return out;
}
