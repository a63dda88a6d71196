/**
 * Runs the Go text/template subset of go-template-parse.ts as the Flux Operator runs a ResourceSet's
 * templates (internal/builder/resourceset.go: `<< >>` delimiters, slim-sprig functions,
 * `missingkey=error`, the input set as the `inputs` function and no data). Only a short list of
 * functions is known; any other construct, and whatever the operator's own build stops at (a key an
 * input does not have), gives `{ ok: false, why }`, so that no object is ever made up.
 */
import { parseTemplate, TemplateRefused, type Arg, type Node, type Pipe } from './go-template-parse.ts';
import { call, isMap, known, print, refuse, truth, typeName, Unknown } from './go-template-funcs.ts';

export { Unknown };
export type Rendered = { ok: true; text: string } | { ok: false; why: string };

/** The template filled in for one input set (`inputs`; null where the ResourceSet has none). */
export function renderTemplate(text: string, inputs: Record<string, unknown> | null): Rendered {
  try {
    const nodes = parseTemplate(text);
    const out: string[] = [];
    run(nodes, { dot: null, vars: [new Map([['$', null]])], inputs: inputs ?? {}, out, steps: { n: 0 } });
    return { ok: true, text: out.join('') };
  } catch (e) {
    if (e instanceof TemplateRefused) return { ok: false, why: e.message };
    throw e;
  }
}

interface Scope {
  dot: unknown;
  vars: Map<string, unknown>[];
  inputs: Record<string, unknown>;
  out: string[];
  /** Work done, bounded: a template is small, its output should be too. */
  steps: { n: number };
}

const MAX_STEPS = 200_000;

function run(nodes: readonly Node[], s: Scope): void {
  for (const n of nodes) {
    if (++s.steps.n > MAX_STEPS) throw new TemplateRefused('it does more work than the site allows');
    if (n.k === 'text') s.out.push(n.text);
    else if (n.k === 'action') {
      const v = pipe(n.pipe, s);
      if (n.pipe.decl.length === 0) s.out.push(print(v));
    } else if (n.k === 'if' || n.k === 'with') {
      const inner = { ...s, vars: [...s.vars, new Map<string, unknown>()] };
      const v = pipe(n.pipe, inner);
      if (truth(v)) run(n.list, n.k === 'with' ? { ...inner, dot: v } : inner);
      else run(n.elseList, inner);
    } else {
      const inner = { ...s, vars: [...s.vars, new Map<string, unknown>()] };
      const v = known(pipe({ ...n.pipe, decl: [] }, inner));
      const entries: [unknown, unknown][] = Array.isArray(v) ? v.map((x, i) => [BigInt(i), x]) : isMap(v) ? Object.keys(v).sort().map((k) => [k, v[k]]) : v === null ? [] : refuse(`it ranges over ${typeName(v)}`);
      if (entries.length === 0) run(n.elseList, inner);
      for (const [key, value] of entries) {
        const vars = new Map<string, unknown>();
        if (n.pipe.decl.length === 1) vars.set(n.pipe.decl[0]!, value);
        if (n.pipe.decl.length === 2) vars.set(n.pipe.decl[0]!, key).set(n.pipe.decl[1]!, value);
        run(n.list, { ...inner, dot: value, vars: [...inner.vars, vars] });
      }
    }
  }
}

function pipe(p: Pipe, s: Scope): unknown {
  let v: unknown = undefined;
  p.cmds.forEach((cmd, i) => {
    v = command(cmd, s, i === 0 ? undefined : { value: v });
  });
  if (p.decl.length === 1) {
    const name = p.decl[0]!;
    if (p.assign) {
      const scope = [...s.vars].reverse().find((m) => m.has(name));
      if (!scope) throw new TemplateRefused(`it assigns ${name} before declaring it`);
      scope.set(name, v);
    } else s.vars.at(-1)!.set(name, v);
  }
  return v;
}

function command(cmd: Arg[], s: Scope, piped?: { value: unknown }): unknown {
  const [head, ...rest] = cmd;
  if (head!.k === 'fn' && (head!.name === 'and' || head!.name === 'or') && rest.length > 0) {
    // Go stops at the first argument that decides (`and (hasKey inputs "x") inputs.x`), as here.
    const all = [...rest.map((a) => () => arg(a, s)), ...(piped ? [() => piped.value] : [])];
    let v: unknown;
    for (const [i, next] of all.entries()) {
      v = next();
      if (i < all.length - 1 && truth(v) === (head!.name === 'or')) return v;
    }
    return v;
  }
  if (head!.k === 'fn') {
    const args = rest.map((a) => arg(a, s));
    if (piped) args.push(piped.value);
    return call(head!.name, args, s.inputs);
  }
  if (rest.length > 0 || piped) throw new TemplateRefused('it passes arguments to something that is no function');
  return arg(head!, s);
}

function arg(a: Arg, s: Scope): unknown {
  if (a.k === 'lit') return a.value;
  if (a.k === 'fn') return call(a.name, [], s.inputs);
  const b = a.base;
  let v: unknown;
  let path: string;
  if ('dot' in b) (v = s.dot), (path = '');
  else if ('variable' in b) {
    const scope = [...s.vars].reverse().find((m) => m.has(b.variable));
    if (!scope) throw new TemplateRefused(`it reads ${b.variable}, which is not declared`);
    (v = scope.get(b.variable)), (path = b.variable);
  } else if ('fn' in b) (v = call(b.fn, [], s.inputs)), (path = b.fn);
  else (v = pipe(b.pipe, s)), (path = '(…)');
  for (const f of a.fields) {
    path += `.${f}`;
    v = known(v);
    // `missingkey=error`: the operator's build stops at a key the map does not have.
    if (!isMap(v)) throw new TemplateRefused(`${path} reads a field of ${typeName(v)}`);
    if (!Object.hasOwn(v, f)) throw new TemplateRefused(`the input has no ${path} (the operator's build fails: "map has no entry for key ${f}")`);
    v = v[f];
  }
  return v;
}
