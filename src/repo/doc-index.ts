import { Alias, isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { setOwn } from '../model/values.ts';

/** Offset in the parsed text -> 1-based line and column in the file. */
export type PosFn = (offset: number) => { line: number; col: number };

/**
 * Key paths deeper than this get no entry in `lines` (they are rarely pointed at, and cost). Ten keys
 * reach the images of app-template's containers and of a CronJob's pod template (seven), and the
 * repository and tag under them.
 */
const LINES_MAX_DEPTH = 10;

export interface DocIndex {
  /** `spec.dependsOn.0` -> line, for map keys and sequence items up to LINES_MAX_DEPTH. */
  lines: Record<string, number>;
  /** Keys that occur twice in one mapping (the later one wins in Kubernetes and in toJS). */
  duplicates: { path: string; offset: number }[];
  /** The document nests deeper than allowed; nothing else in the index is complete. */
  tooDeep: boolean;
  /** Each alias and the node it refers to: the anchor defined last before it, as YAML says. */
  aliasTargets: Map<Alias, Node>;
  /**
   * Offset of the first alias that lies inside the node it refers to (`data: &x {self: *x}`, also a
   * merge key `<<: *x`): the document contains itself, and toJS would build a value that does (or
   * recurse until the stack ends). Null when there is none.
   */
  selfAlias: number | null;
  /**
   * Flux image automation's setter markers (`image: app:1.0 # {"$imagepolicy": "flux-system:app"}`,
   * `tag: 1.0 # {"$imagepolicy": "flux-system:app:tag"}`): key path -> the marker's value.
   */
  imagePolicies: Record<string, string>;
  /**
   * An image `tag:` written as a YAML float whose text is not the number's (`tag: 1.20` is 1.2), by key
   * path -> the text as written. Helm receives the number, so the pod pulls `repo:1.2`; only the few
   * such scalars are kept, never the file's text.
   */
  floatTags: Record<string, string>;
}

/** A key path ending in `tag` (`spec.values.image.tag`, app-template's `...containers.app.image.tag`). */
const TAG_PATH = /(?:^|\.)tag$/;
/** A plain YAML 1.2 float as written: digits with a point (or an exponent), `1.20`, `2.0`, `1e3`. */
const FLOAT_TEXT = /^[-+]?(?:\d+\.\d*|\.\d+|\d+(?:\.\d*)?[eE][-+]?\d+)$/;

/** The value of a `{"$imagepolicy": "<namespace>:<name>[:tag|:name|:digest]"}` comment. */
const IMAGE_POLICY_MARKER = /\{\s*"\$imagepolicy"\s*:\s*"([^"]{1,300})"\s*\}/;

interface Item {
  node: unknown;
  path: string | null;
  segments: number;
  depth: number;
}

/**
 * One iterative pass over a document's nodes, in source order, before anything recursive touches
 * it: it measures depth (so that 10,000 nested lists are refused instead of overflowing the stack
 * in toJS), finds duplicate keys (uniqueKeys is off so that a duplicate is a warning, not a lost
 * document), records key lines, and resolves aliases in one go (Alias.resolve searches the whole
 * document each time).
 */
export function indexDocument(root: Node, pos: PosFn, maxDepth: number): DocIndex {
  // A plain object from the start (what the RawDoc keeps), in the same key order a Map would give.
  const lines: Record<string, number> = {};
  const duplicates: DocIndex['duplicates'] = [];
  const aliasTargets = new Map<Alias, Node>();
  const imagePolicies: Record<string, string> = {};
  const floatTags: Record<string, string> = {};
  const anchors = new Map<string, Node>();
  const stack: Item[] = [{ node: root, path: '', segments: 0, depth: 0 }];
  let tooDeep = false;
  let selfAlias: number | null = null;

  while (stack.length > 0) {
    const { node, path, segments, depth } = stack.pop() as Item;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target) {
        aliasTargets.set(node, target);
        const at = rangeStart(node);
        const range = (target as { range?: [number, number, number] }).range;
        if (selfAlias === null && range && at >= range[0] && at < range[2]) selfAlias = at;
      }
      continue;
    }
    if (!isScalar(node) && !isMap(node) && !isSeq(node)) continue;
    if (node.anchor) anchors.set(node.anchor, node);
    if (isScalar(node)) {
      const marker = path !== null && path !== '' && node.comment ? IMAGE_POLICY_MARKER.exec(node.comment) : null;
      if (marker) setOwn(imagePolicies, path!, marker[1]!);
      // (A number at a `tag` key only: the test is a typeof and a short regex, once per such scalar.)
      if (typeof node.value === 'number' && path && TAG_PATH.test(path) && node.source !== undefined) {
        const text = String(node.source);
        if (FLOAT_TEXT.test(text) && text !== String(node.value)) setOwn(floatTags, path, text);
      }
      continue;
    }
    if (depth >= maxDepth) {
      tooDeep = true;
      break;
    }
    const childSegments = segments + 1;
    const track = path !== null && childSegments <= LINES_MAX_DEPTH;
    // The children are pushed in source order, then their run of the stack is reversed, so that they
    // come off it in source order (an anchor before the aliases of it).
    const top = stack.length;
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key;
        const name = isScalar(key) ? String(key.value) : null;
        const childPath = track && name !== null ? (path === '' ? name : `${path}.${name}`) : null;
        if (name !== null && name !== '<<') {
          if (seen.has(name)) duplicates.push({ path: childPath ?? name, offset: rangeStart(key) });
          seen.add(name);
          // An own property also for a top-level `__proto__:` key.
          if (childPath !== null) setOwn(lines, childPath, pos(rangeStart(key)).line);
        }
        // Keys may carry anchors too, and come before their value in source order.
        stack.push({ node: key, path: null, segments: childSegments, depth: depth + 1 });
        stack.push({ node: pair.value, path: childPath, segments: childSegments, depth: depth + 1 });
      }
    } else {
      for (let i = 0; i < node.items.length; i++) {
        const item = node.items[i];
        const childPath = !track ? null : path === '' ? String(i) : `${path}.${i}`;
        if (childPath !== null && item && typeof item === 'object') lines[childPath] = pos(rangeStart(item as Node)).line;
        stack.push({ node: item, path: childPath, segments: childSegments, depth: depth + 1 });
      }
    }
    for (let a = top, b = stack.length - 1; a < b; a++, b--) {
      const t = stack[a] as Item;
      stack[a] = stack[b] as Item;
      stack[b] = t;
    }
  }
  return { lines, duplicates, tooDeep, aliasTargets, selfAlias, imagePolicies, floatTags };
}

export function rangeStart(node: unknown): number {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? r[0] : 0;
}

/** yaml's own Alias.resolve, which each primed alias calls (taken once: what the prototype holds later does not matter). */
const yamlResolve = Alias.prototype.resolve;

/**
 * Hand yaml's alias resolution the document's anchors and aliases in order, so that `toJS` does not
 * collect them itself. yaml's Alias.resolve lists them with `visit` once per toJS (it keeps the list
 * in the context's `aliasResolveCache`), and `visit` freezes a new path array at every collection it
 * enters: a third of the synthetic 1,000-app repository's files have aliases (app-template values:
 * `&port`, `*app`), and that walk was ~5% of the scan. The list is made here by a plain pre-order
 * walk in the order `visit` takes (a mapping's pairs, each key before its value), after the scrub,
 * which changes scalars in place and may take out the `sops:` block. Each alias of the document gets
 * its own `resolve` that puts the list into the context before the library's own resolve runs, so
 * what an alias resolves to is decided by yaml as before; a yaml without the cache walks itself.
 */
export function primeAliasResolution(root: Node): void {
  const ordered: Node[] = [];
  const aliases: Alias[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) {
      ordered.push(node);
      aliases.push(node);
      continue;
    }
    if (isScalar(node)) {
      if (node.anchor) ordered.push(node);
      continue;
    }
    if (!isCollection(node)) continue;
    if (node.anchor) ordered.push(node);
    const items = node.items as unknown[];
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i];
      if (isPair(item)) stack.push(item.value, item.key);
      else stack.push(item);
    }
  }
  if (aliases.length === 0) return;
  for (const alias of aliases) {
    Object.defineProperty(alias, 'resolve', {
      value(this: Alias, doc: Parameters<Alias['resolve']>[0], ctx?: Parameters<Alias['resolve']>[1]) {
        if (ctx && !ctx.aliasResolveCache) ctx.aliasResolveCache = ordered;
        return yamlResolve.call(this, doc, ctx);
      },
      configurable: true,
      writable: true,
    });
  }
}
