/**
 * The values and functions of go-template.ts: Go's truth, printing and comparison, and the short list
 * of slim-sprig and builtin functions ResourceSets use (quote, default, toYaml, nindent, int, printf,
 * get ...). What the list does not hold, or a value used as Go would refuse it, throws TemplateRefused.
 */
import { stringify } from 'yaml';
import { TemplateRefused } from './go-template-parse.ts';

/** A value the repository does not hold (an `inputs.id` the operator computes in the cluster): any use of it refuses. */
export class Unknown {
  readonly why: string;
  constructor(why: string) {
    this.why = why;
  }
}


export const refuse = (why: string): never => {
  throw new TemplateRefused(why);
};

/** A value the repository holds; an Unknown refuses with its reason. */
export function known(v: unknown): unknown {
  if (v instanceof Unknown) throw new TemplateRefused(v.why);
  return v;
}

export const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown);

export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'nothing (nil)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'bigint') return 'an int';
  if (typeof v === 'number') return 'a float64';
  return typeof v === 'object' ? 'a map' : `a ${typeof v}`;
}

/** Go's truth: false, 0, nil and empty strings, lists and maps are false. */
export function truth(v: unknown): boolean {
  v = known(v);
  if (v === null || v === undefined || v === false || v === '' || v === 0 || v === 0n) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isMap(v)) return Object.keys(v).length > 0;
  return true;
}

/** What Go prints for a value (fmt's %v); maps, lists and nil are refused. */
export function print(v: unknown): string {
  v = known(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return float(v);
  return refuse(`it prints ${typeName(v)} as text`);
}

/** A float64 as Go's %v writes it: shortest digits, exponent from 1e21 (refused where JS writes it otherwise). */
function float(n: number): string {
  const t = String(n);
  if (!Number.isFinite(n) || (/e/.test(t) && !/e\+/.test(t)) || (n !== 0 && Math.abs(n) < 1e-4)) return refuse(`it prints the number ${t}`);
  return t.replace(/e\+(\d)$/, 'e+0$1');
}

/** sprig's strval: a string as it is, anything else as Go's %v. */
function strval(v: unknown): string {
  return print(v);
}

function str(v: unknown, fn: string): string {
  v = known(v);
  if (typeof v !== 'string') return refuse(`it passes ${typeName(v)} to ${fn}, which takes a string`);
  return v;
}

function int(v: unknown, fn: string): bigint {
  v = known(v);
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return BigInt(Math.trunc(v));
  return refuse(`it passes ${typeName(v)} to ${fn}, which takes an int`);
}

/** Go's strconv.Quote for printable text (what `quote` and `%q` write). */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) return refuse('it quotes a control character');
    else out += ch;
  }
  return `${out}"`;
}

function eq(a: unknown, b: unknown): boolean {
  a = known(a);
  b = known(b);
  const kind = (v: unknown) => (typeof v === 'bigint' ? 'int' : typeof v === 'number' ? 'float' : typeof v);
  if (kind(a) !== kind(b) || !['string', 'int', 'float', 'boolean'].includes(kind(a))) return refuse(`it compares ${typeName(a)} with ${typeName(b)} (Go's eq stops at "incompatible types for comparison")`);
  return a === b;
}

export function call(name: string, args: unknown[], inputs: Record<string, unknown>): unknown {
  const want = (n: number) => {
    if (args.length !== n) refuse(`it calls ${name} with ${args.length} arguments`);
  };
  switch (name) {
    case 'inputs':
      want(0);
      return inputs;
    case 'quote':
      return args.filter((a) => a !== null && a !== undefined).map((a) => goQuote(strval(a))).join(' ');
    case 'squote':
      return args.filter((a) => a !== null && a !== undefined).map((a) => `'${strval(a)}'`).join(' ');
    case 'toString':
      want(1);
      return strval(args[0]);
    case 'default':
      want(2);
      return truth(args[1]) ? args[1] : args[0];
    case 'empty':
      want(1);
      return !truth(args[0]);
    case 'not':
      want(1);
      return !truth(args[0]);
    case 'and':
    case 'or': {
      if (args.length === 0) refuse(`it calls ${name} with no arguments`);
      for (const a of args.slice(0, -1)) if (truth(a) === (name === 'or')) return a;
      return args.at(-1);
    }
    case 'eq':
      if (args.length < 2) refuse('it calls eq with one argument');
      return args.slice(1).some((b) => eq(args[0], b));
    case 'ne':
      want(2);
      return !eq(args[0], args[1]);
    case 'lower':
      want(1);
      return str(args[0], name).toLowerCase();
    case 'upper':
      want(1);
      return str(args[0], name).toUpperCase();
    case 'trim':
      want(1);
      return str(args[0], name).trim();
    case 'trimPrefix': {
      want(2);
      const [p, v] = [str(args[0], name), str(args[1], name)];
      return v.startsWith(p) ? v.slice(p.length) : v;
    }
    case 'trimSuffix': {
      want(2);
      const [p, v] = [str(args[0], name), str(args[1], name)];
      return p !== '' && v.endsWith(p) ? v.slice(0, -p.length) : v;
    }
    case 'replace':
      want(3);
      return str(args[2], name).split(str(args[0], name)).join(str(args[1], name));
    case 'hasPrefix':
      want(2);
      return str(args[1], name).startsWith(str(args[0], name));
    case 'hasSuffix':
      want(2);
      return str(args[1], name).endsWith(str(args[0], name));
    case 'contains':
      want(2);
      return str(args[1], name).includes(str(args[0], name));
    case 'int': {
      want(1);
      const v = known(args[0]);
      if (typeof v === 'string' && /^-?\d+$/.test(v)) return BigInt(v);
      if (typeof v === 'boolean') return v ? 1n : 0n;
      return int(v, name);
    }
    case 'get': {
      want(2);
      const m = known(args[0]);
      if (!isMap(m)) return refuse(`it calls get on ${typeName(m)}`);
      const k = str(args[1], name);
      return Object.hasOwn(m, k) ? m[k] : '';
    }
    case 'hasKey': {
      want(2);
      const m = known(args[0]);
      if (!isMap(m)) return refuse(`it calls hasKey on ${typeName(m)}`);
      return Object.hasOwn(m, str(args[1], name));
    }
    case 'index': {
      if (args.length < 2) refuse('it calls index with no key');
      let v = known(args[0]);
      for (const k of args.slice(1).map(known)) {
        if (isMap(v) && typeof k === 'string') v = Object.hasOwn(v, k) ? known(v[k]) : null;
        else if (Array.isArray(v) && typeof k === 'bigint' && k >= 0n && k < BigInt(v.length)) v = known(v[Number(k)]);
        else return refuse(`it indexes ${typeName(v)} with ${typeName(k)}`);
      }
      return v;
    }
    case 'len': {
      want(1);
      const v = known(args[0]);
      if (typeof v === 'string') return BigInt(Buffer.byteLength(v));
      if (Array.isArray(v)) return BigInt(v.length);
      if (isMap(v)) return BigInt(Object.keys(v).length);
      return refuse(`it takes the len of ${typeName(v)}`);
    }
    case 'join': {
      want(2);
      const list = known(args[1]);
      if (!Array.isArray(list)) return refuse(`it joins ${typeName(list)}`);
      return list.map(strval).join(str(args[0], name));
    }
    case 'toYaml': {
      want(1);
      return toYaml(args[0]);
    }
    case 'indent':
    case 'nindent': {
      want(2);
      const pad = ' '.repeat(Number(int(args[0], name)));
      const text = pad + str(args[1], name).split('\n').join(`\n${pad}`);
      return name === 'nindent' ? `\n${text}` : text;
    }
    case 'printf':
      if (args.length === 0) refuse('it calls printf with no format');
      return printf(str(args[0], name), args.slice(1));
    case 'print':
      return args.map(print).join('');
    default:
      return refuse(`it calls ${name}, which the site does not run`);
  }
}

/** sigs.k8s.io/yaml's Marshal, as the text is parsed again: sorted keys, block style (values as YAML reads them back). */
function toYaml(v: unknown): string {
  const plain = (x: unknown): unknown => {
    x = known(x);
    if (typeof x === 'bigint') return Number(x);
    if (Array.isArray(x)) return x.map(plain);
    if (isMap(x)) return Object.fromEntries(Object.keys(x).sort().map((k) => [k, plain(x[k])]));
    return x;
  };
  return stringify(plain(v), { indentSeq: false, lineWidth: 0 });
}

/** Go's Sprintf for %s, %d, %v, %q and %% (anything else refuses). */
function printf(format: string, args: unknown[]): string {
  let i = 0;
  const out = format.replace(/%([%sdvq]|.)/g, (_, verb: string) => {
    if (verb === '%') return '%';
    if (!'sdvq'.includes(verb)) return refuse(`its printf uses %${verb}`);
    if (i >= args.length) return refuse('its printf has fewer arguments than verbs');
    const a = known(args[i++]);
    if (verb === 'd') return String(typeof a === 'bigint' ? a : refuse(`its printf writes ${typeName(a)} with %d`));
    if (verb === 's' && typeof a !== 'string') return refuse(`its printf writes ${typeName(a)} with %s`);
    return verb === 'q' ? goQuote(str(a, 'printf %q')) : print(a);
  });
  if (i !== args.length) refuse('its printf has more arguments than verbs');
  return out;
}
