import { REDACTED } from '../../model/raw-doc.ts';
import { isObj } from '../../model/values.ts';

/** A variable available to postBuild substitution; `secret` ones are never resolved (we drop Secret values). */
export interface Var {
  value: string | null;
  secret: boolean;
}

/**
 * Flux postBuild variable syntax: `${NAME}`, `${NAME:=default}`, `${NAME:-default}`; `$${NAME}` is an
 * escape. https://fluxcd.io/flux/components/kustomize/kustomizations/#post-build-variable-substitution
 */
const VAR = /(\$?)\$\{([_a-zA-Z][_a-zA-Z0-9]*)(?::([=-])([^}]*))?\}/g;

/** Substitute variables in one string. Unknown and secret-backed variables stay as written. */
export function substituteString(input: string, vars: ReadonlyMap<string, Var>, unresolved: Set<string>, fromSecret?: Set<string>): string {
  if (!input.includes('${')) return input;
  return input.replace(VAR, (whole, escape: string, name: string, _op: string | undefined, def: string | undefined) => {
    if (escape) return whole;
    const v = vars.get(name);
    if (v && !v.secret && v.value !== null) return v.value;
    if (v?.secret) {
      fromSecret?.add(name);
      return whole;
    }
    if (def !== undefined) return def;
    unresolved.add(name);
    return whole;
  });
}

/**
 * Substitute in every string of a JSON-like tree, in place, iteratively (no recursion limit).
 * Inside a Secret's `data` / `stringData` a substituted value is a Secret value now (a ConfigMap's
 * or an inline `substitute:` value that Flux puts there): it becomes the REDACTED marker, as the
 * reader does for every literal Secret value, so the model never holds it.
 */
export function substituteTree(root: unknown, vars: ReadonlyMap<string, Var>, unresolved: Set<string>, fromSecret?: Set<string>): void {
  const stack: { node: unknown; secret: boolean }[] = [{ node: root, secret: false }];
  const sub = (v: string, secret: boolean): string => {
    const out = substituteString(v, vars, unresolved, fromSecret);
    return secret && out !== v ? REDACTED : out;
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
}

/** Variable names a string refers to (for marking unresolved ones without substituting). */
export function referencedVars(input: string): string[] {
  const out: string[] = [];
  for (const m of input.matchAll(VAR)) if (!m[1]) out.push(m[2]!);
  return out;
}
