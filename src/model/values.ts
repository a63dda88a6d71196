/**
 * Small, total accessors over untyped YAML values: user input has any shape, so never assume one.
 * Shared by the reader (src/repo) and the analyses (src/analysis), so it lives with the model.
 */

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: unknown): Obj {
  return isObj(v) ? v : {};
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A scalar as string (numbers and booleans stringified), else null. */
export function str(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

export function bool(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return null;
}

/**
 * The value of a key of the object itself, never one it inherits: keys come from the repository, and
 * `__proto__` or `constructor` must name a field like any other (reading `o.__proto__` gives
 * Object.prototype, and writing into that changes every object of the process).
 */
export function own(o: Obj, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/** Set a key as the object's own data property (for `__proto__` an assignment would set the prototype). */
export function setOwn(o: Obj, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

/** Follow a dotted path (`spec.chart.spec.version`) through mappings and sequences. */
export function at(v: unknown, path: string): unknown {
  let cur: unknown = v;
  for (const key of path.split('.')) {
    // Own keys only: `constructor` or `toString` in a path is no value of the document.
    if (Array.isArray(cur)) cur = /^\d+$/.test(key) ? cur[Number(key)] : undefined;
    else if (isObj(cur)) cur = Object.hasOwn(cur, key) ? cur[key] : undefined;
    else return undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** String map of labels/annotations; non-string values stringified, others dropped. */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(obj(v))) {
    const s = str(val);
    if (s !== null) out[k] = s;
  }
  return out;
}

/**
 * A deep copy of JSON-like data (what YAML documents hold), iterative so that a deeply nested
 * document cannot exhaust the stack; several times faster than structuredClone, which matters
 * because every document is copied once before the build changes it, and every layer of a build
 * copies the objects of the layers below. Shared objects (a YAML alias) become separate copies, as
 * kustomize's are. What is not a plain object or array (a Date, Set, Map or Buffer that a YAML tag
 * such as `!!timestamp` or `!!binary` made) is copied by structuredClone, as it is.
 */
export function cloneData<T>(value: T): T {
  const stack: [object, Record<string, unknown> | unknown[]][] = [];
  // A scalar as it is; a plain container empty, its contents copied from the stack; anything else whole.
  const copy = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (!isPlainData(v)) return structuredClone(v);
    const c = Array.isArray(v) ? new Array(v.length) : {};
    stack.push([v, c]);
    return c;
  };
  const root = copy(value);
  while (stack.length) {
    const [from, to] = stack.pop()!;
    if (Array.isArray(from)) for (let i = 0; i < from.length; i++) (to as unknown[])[i] = copy(from[i]);
    else for (const k of Object.keys(from)) setOwn(to as Record<string, unknown>, k, copy((from as Record<string, unknown>)[k]));
  }
  return root as T;
}

/** An array or an object literal's kind of object: what cloneData walks itself. */
function isPlainData(v: object): boolean {
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * A block of Helm values switched off: `enabled: false` as a boolean. Helm takes a string "false"
 * (and any other non-empty string) as true in its `if`s and subchart conditions, so only the boolean counts.
 */
export function isSwitchedOff(v: unknown): boolean {
  return isObj(v) && v.enabled === false;
}

/** The keys charts switch a block with: `enabled`, and `create`/`connect`/`install`/`deploy` (bitnami-style database blocks). */
const SWITCHES = ['enabled', 'create', 'connect', 'install', 'deploy'] as const;

/**
 * A block of values nothing renders: every switch it has is boolean false (`{create: false, connect:
 * false, password: ...}` of a chart's default values.yaml). Stricter than none: a block without a switch is on.
 */
function isOffBlock(v: unknown): boolean {
  if (!isObj(v)) return false;
  const present = SWITCHES.filter((k) => Object.hasOwn(v, k));
  return present.length > 0 && present.every((k) => v[k] === false);
}

/** Whether the value at a dotted path (`spec.values.postgres.password`) lies inside an off block (isOffBlock) of `root`. */
export function underOffBlock(root: unknown, path: string): boolean {
  let cur: unknown = root;
  const keys = path.split('.');
  for (let i = 0; i < keys.length - 1; i++) {
    if (!isObj(cur) && !Array.isArray(cur)) return false;
    cur = (cur as Record<string, unknown>)[keys[i]!];
    if (isOffBlock(cur)) return true;
  }
  return false;
}
