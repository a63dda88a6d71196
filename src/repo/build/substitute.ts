import { REDACTED } from '../../model/raw-doc.ts';
import { isObj } from '../../model/values.ts';

/** A variable available to postBuild substitution; `secret` ones are never resolved (we drop Secret values). */
export interface Var {
  value: string | null;
  secret: boolean;
}

/**
 * Flux postBuild substitution (https://fluxcd.io/flux/components/kustomize/kustomizations/#post-build-variable-substitution)
 * runs drone/envsubst over each object: `${VAR}`; the defaults `${VAR:=x}`, `${VAR:-x}`, `${VAR=x}`
 * (also `:?` and `:+`, which drone/envsubst treats as defaults), used when the variable is unset or
 * empty, with `${...}` nested inside the default (`${VOLSYNC_CLAIM:=${APP}}`); `$$` writes one `$`
 * (so `$${VAR}` stays `${VAR}`); and bash-like functions (`${#VAR}`, `${VAR^^}`, `${VAR,,}`,
 * `${VAR:1:3}`, `${VAR/a/b}`, `${VAR#pre}`, `${VAR%suf}` ...). `$VAR` without braces is text.
 * Where Flux would write an empty string for an unknown variable, we keep the expression as written
 * (and report the variable): the value may live in the cluster, not in the repository.
 */
export function substituteString(input: string, vars: ReadonlyMap<string, Var>, unresolved: Set<string>, fromSecret?: Set<string>, budget?: SubstitutionBudget): string {
  if (!input.includes('$')) return input;
  try {
    const out = new Parser(input, { vars, unresolved, fromSecret: fromSecret ?? new Set(), budget: budget ?? null }).text();
    if (budget && out.length > input.length) budget.left -= out.length - input.length;
    return out;
  } catch (error) {
    if (!(error instanceof OverBudget)) throw error;
    budget!.exceeded = true;
    return input;
  }
}

/**
 * What substitution may add to the documents of one scan, all Kustomizations together. A variable
 * whose value refers to itself (`C: "${C}${C}"`), applied by each Kustomization to the next one it
 * deploys, doubles at every level: Flux would run out of memory, and a scan stopped with "Invalid
 * string length". Past the budget, strings are left as written and `exceeded` says so.
 */
export interface SubstitutionBudget {
  left: number;
  exceeded: boolean;
}

/** 64 MiB of added text: the corpus repositories add a few kB. */
export const SUBSTITUTION_BUDGET = 64 * 1024 * 1024;

export function substitutionBudget(bytes = SUBSTITUTION_BUDGET): SubstitutionBudget {
  return { left: bytes, exceeded: false };
}

class OverBudget extends Error {}

/**
 * Substitute in every string of a JSON-like tree, in place, iteratively (no recursion limit).
 * Inside a Secret's `data` / `stringData` a substituted value is a Secret value now (a ConfigMap's
 * or an inline `substitute:` value that Flux puts there): it becomes the REDACTED marker, as the
 * reader does for every literal Secret value, so the model never holds it.
 */
export function substituteTree(root: unknown, vars: ReadonlyMap<string, Var>, unresolved: Set<string>, fromSecret?: Set<string>, budget?: SubstitutionBudget): boolean {
  const stack: { node: unknown; secret: boolean }[] = [{ node: root, secret: false }];
  let changed = false;
  const sub = (v: string, secret: boolean): string => {
    const out = substituteString(v, vars, unresolved, fromSecret, budget);
    if (out === v) return v;
    changed = true;
    return secret ? REDACTED : out;
  };
  while (stack.length) {
    const { node, secret } = stack.pop()!;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const v = node[i];
        if (typeof v === 'string') node[i] = sub(v, secret);
        else if (typeof v === 'object' && v !== null) stack.push({ node: v, secret });
      }
    } else if (isObj(node)) {
      const isSecret = !secret && node['kind'] === 'Secret' && (node['apiVersion'] === undefined || node['apiVersion'] === 'v1');
      for (const [k, v] of Object.entries(node)) {
        const childSecret = secret || (isSecret && (k === 'data' || k === 'stringData'));
        if (typeof v === 'string') node[k] = sub(v, childSecret);
        else if (typeof v === 'object' && v !== null) stack.push({ node: v, secret: childSecret });
      }
    }
  }
  return changed;
}

/** Variable names a string refers to (for marking unresolved ones without substituting). */
export function referencedVars(input: string): string[] {
  const unresolved = new Set<string>();
  substituteString(input, new Map(), unresolved);
  return [...unresolved];
}

interface Env {
  vars: ReadonlyMap<string, Var>;
  unresolved: Set<string>;
  fromSecret: Set<string>;
  budget: SubstitutionBudget | null;
}

/**
 * What an expression evaluates to: a value, or (unknown / secret variable) the text as written;
 * for an argument, the text with its known nested expressions substituted (see `arg`).
 */
type Result = { ok: true; value: string } | { ok: false; raw: string };

const IDENT = /[\p{L}\p{N}_-]/u;

class BadSubstitution extends Error {}

/** A recursive-descent reading of drone/envsubst's grammar (parse/parse.go). */
class Parser {
  private pos = 0;
  private readonly s: string;
  private readonly env: Env;

  constructor(s: string, env: Env) {
    this.s = s;
    this.env = env;
  }

  /** Top level: text, `$$` escapes and `${...}` expressions. */
  text(): string {
    let out = '';
    while (this.pos < this.s.length) {
      const ch = this.s[this.pos]!;
      if (ch === '$' && this.s[this.pos + 1] === '$') {
        out += '$';
        this.pos += 2;
      } else if (ch === '$' && this.s[this.pos + 1] === '{') {
        const start = this.pos;
        try {
          this.pos += 2;
          const r = this.expr(start);
          out += r.ok ? r.value : r.raw;
          // Checked as it grows: one string could pass V8's longest before the budget saw it.
          if (this.env.budget && out.length - this.pos > this.env.budget.left) throw new OverBudget();
        } catch (error) {
          if (!(error instanceof BadSubstitution)) throw error;
          // Flux fails the whole build on a bad substitution; we leave the text as it is.
          return out + this.s.slice(start);
        }
      } else {
        out += ch;
        this.pos++;
      }
    }
    return out;
  }

  private peek(offset = 0): string | undefined {
    return this.s[this.pos + offset];
  }

  private ident(): string {
    const start = this.pos;
    while (this.pos < this.s.length && IDENT.test(this.s[this.pos]!)) this.pos++;
    return this.s.slice(start, this.pos);
  }

  private close() {
    if (this.peek() !== '}') throw new BadSubstitution();
    this.pos++;
  }

  /**
   * One argument: text up to any of `stops` (or `}`), with nested `${...}`. drone/envsubst
   * evaluates each nested expression of an argument on its own (template.go evalFunc: every arg
   * node is executed before the function runs), so where one of them is unknown, the others are
   * still substituted: the argument's `raw` is the text with what is known resolved and only the
   * unknown expressions as written (`${SUB:=${APP}}.${DOMAIN}` gives `web.${DOMAIN}`).
   */
  private arg(stops: string, escapes = false): Result {
    let value = '';
    let partial = '';
    let ok = true;
    while (this.pos < this.s.length) {
      const ch = this.s[this.pos]!;
      if (ch === '}' || stops.includes(ch)) break;
      if (ch === '$' && this.peek(1) === '{') {
        const exprStart = this.pos;
        this.pos += 2;
        const r = this.expr(exprStart);
        if (r.ok) value += r.value;
        else ok = false;
        partial += r.ok ? r.value : r.raw;
        continue;
      }
      if (escapes && ch === '\\' && (this.peek(1) === '/' || this.peek(1) === '\\')) {
        value += this.peek(1);
        partial += ch + this.peek(1);
        this.pos += 2;
        continue;
      }
      value += ch;
      partial += ch;
      this.pos++;
    }
    return ok ? { ok: true, value } : { ok: false, raw: partial };
  }

  /** After `${`; `start` is where the expression began, for keeping it as written. */
  private expr(start: number): Result {
    const raw = () => this.s.slice(start, this.pos);
    if (this.peek() === '#') {
      this.pos++;
      const name = this.ident();
      if (!name) throw new BadSubstitution();
      this.close();
      const v = this.lookup(name);
      return v === null ? { ok: false, raw: raw() } : { ok: true, value: String(v.length) };
    }
    const name = this.ident();
    if (!name) throw new BadSubstitution();
    const next = this.peek();
    if (next === '}') {
      this.pos++;
      const v = this.lookup(name);
      return v === null ? { ok: false, raw: raw() } : { ok: true, value: v };
    }
    if ((next === ':' && '=-?+'.includes(this.peek(1) ?? 'x')) || next === '=') {
      this.pos += next === ':' ? 2 : 1;
      const def = this.arg('');
      this.close();
      return this.withDefault(name, def, raw());
    }
    const fn = this.func(next);
    this.close();
    const v = this.lookup(name);
    if (v === null || fn.args.some((a) => !a.ok)) return { ok: false, raw: raw() };
    return { ok: true, value: fn.apply(v, fn.args.map((a) => (a as { value: string }).value)) };
  }

  /** `${VAR:=x}` and friends: the default when the variable is unset or empty. */
  private withDefault(name: string, def: Result, raw: string): Result {
    const v = this.env.vars.get(name);
    if (v?.secret) {
      this.env.fromSecret.add(name);
      return { ok: false, raw };
    }
    if (v && v.value !== null && v.value !== '') return { ok: true, value: v.value };
    return def;
  }

  private func(op: string | undefined): { args: Result[]; apply: (v: string, args: string[]) => string } {
    if (op === ',' || op === '^') {
      this.pos++;
      const double = this.peek() === op;
      if (double) this.pos++;
      const f = op === '^' ? (c: string) => c.toUpperCase() : (c: string) => c.toLowerCase();
      return { args: [], apply: (v) => (double ? f(v) : f(v.slice(0, 1)) + v.slice(1)) };
    }
    if (op === ':') {
      this.pos++;
      const offset = this.arg(':');
      const args = [offset];
      if (this.peek() === ':') {
        this.pos++;
        args.push(this.arg(''));
      }
      return { args, apply: substring };
    }
    if (op === '/') {
      this.pos++;
      let mode = '/';
      if (this.peek() === '/' || this.peek() === '#' || this.peek() === '%') mode += this.s[this.pos++];
      const pattern = this.arg('/', true);
      const args = [pattern];
      if (this.peek() === '/') {
        this.pos++;
        args.push(this.arg('', true));
      }
      return { args, apply: (v, [p = '', r = '']) => replace(v, mode, p, r) };
    }
    if (op === '#' || op === '%') {
      this.pos++;
      const longest = this.peek() === op;
      if (longest) this.pos++;
      return { args: [this.arg('')], apply: (v, [p = '']) => trim(v, op === '#' ? 'prefix' : 'suffix', longest, p) };
    }
    throw new BadSubstitution();
  }

  /** A variable's value; null (and noted) when it is unknown or lives in a Secret. */
  private lookup(name: string): string | null {
    const v = this.env.vars.get(name);
    if (v?.secret) {
      this.env.fromSecret.add(name);
      return null;
    }
    if (!v || v.value === null) {
      this.env.unresolved.add(name);
      return null;
    }
    return v.value;
  }
}

function substring(v: string, [offset = '', length]: string[]): string {
  let pos = Number.parseInt(offset, 10);
  if (Number.isNaN(pos)) return v;
  if (pos < 0) pos = Math.max(0, v.length + pos);
  if (length === undefined) return pos < v.length ? v.slice(pos) : '';
  const len = Number.parseInt(length, 10);
  if (Number.isNaN(len)) return v;
  return pos + len >= v.length ? v.slice(pos) : v.slice(pos, pos + len);
}

function replace(v: string, mode: string, pattern: string, replacement: string): string {
  if (mode === '//') return pattern ? v.split(pattern).join(replacement) : v;
  if (mode === '/#') return v.startsWith(pattern) ? replacement + v.slice(pattern.length) : v;
  if (mode === '/%') return v.endsWith(pattern) ? v.slice(0, v.length - pattern.length) + replacement : v;
  return v.replace(pattern, replacement);
}

/** `${VAR#glob}` and friends: strip the shortest or longest glob match from the start or end. */
function trim(v: string, side: 'prefix' | 'suffix', longest: boolean, glob: string): string {
  const re = new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
  const candidates: number[] = [];
  for (let n = 0; n <= v.length; n++) if (re.test(side === 'prefix' ? v.slice(0, n) : v.slice(v.length - n))) candidates.push(n);
  const matches = candidates.filter((n) => n > 0);
  if (matches.length === 0) return v;
  const n = longest ? Math.max(...matches) : Math.min(...matches);
  return side === 'prefix' ? v.slice(n) : v.slice(0, v.length - n);
}
