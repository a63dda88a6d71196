/**
 * Renders Markdown from the repository (READMEs, docs, runbooks, roadmap and changelog text)
 * to HTML that cannot run anything. The repository is pushed to by people and bots, and the
 * site is published, so this text is treated like user input on a web form:
 * - it is parsed as CommonMark + GFM only: MDX braces, `import`/`export` lines stay text;
 * - raw HTML never reaches the output: it is shown as text (default) or dropped, and HTML
 *   comments are dropped (they are invisible on GitHub too);
 * - link and image URLs with a scheme other than http, https, mailto and tel are removed;
 * - the HTML tree passes an allowlist before it is serialised (hast-allowlist.ts).
 * Heading ids are plain GitHub-style slugs so in-page `#anchors` from the repo keep working.
 */
import { toString } from 'mdast-util-to-string';
import { markdownToMdast } from 'satteri';
import GithubSlugger from 'github-slugger';
import type { Nodes, Parents, Root, RootContent } from 'mdast';
import { isSafeUrl } from './escape.ts';
import { pathological } from './guard.ts';
import { finding } from './types.ts';
import type { Finding, LinkRef, LinkRewriter } from './types.ts';
import { withoutPrivateKeys } from '../model/credential-key.ts';

export { escapeHtml, isSafeUrl } from './escape.ts';

export interface RenderOptions {
  /** Repo-relative path of the Markdown, for findings. */
  file?: string;
  /** Lines before the Markdown in its file (front matter), added to every finding's line. */
  lineOffset?: number;
  /** Rewrites relative links and images (see links.ts); called only for safe URLs. */
  linkRewriter?: LinkRewriter;
  /** What to do with raw HTML: show it as text (default) or drop it. */
  rawHtml?: 'text' | 'drop';
  /**
   * Longer input is shown as plain text instead of parsed (default 100,000 characters). The cap
   * dates from micromark, whose time grew faster than linearly on long documents (about 4 s for
   * 100 KB of headings, lists and links, 22 s for 270 KB); satteri parses those in tens of
   * milliseconds, and the cap stays as a bound on the walks after the parse (safety transform,
   * HTML). Callers with long but structured text (a changelog) render it in parts.
   */
  maxLength?: number;
}

export const DEFAULT_MAX_LENGTH = 100_000;

export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

export interface RenderResult {
  html: string;
  headings: Heading[];
  findings: Finding[];
  /** Repo-relative images reported by the link rewriter, sorted, without duplicates. */
  images: string[];
}

/**
 * One parse of a Markdown text: its mdast tree, or why the text is shown as plain text instead.
 * A parse is never changed by rendering (transform copies what it changes), so one parse can be
 * rendered for every consumer with its own options (see MarkdownStore in store.ts).
 */
export type ParsedMarkdown = { tree: Root; refusal: null } | { tree: null; refusal: string };

/**
 * The one place repository Markdown is parsed (CommonMark + GFM, no MDX, no HTML). Texts the
 * guard refuses (too long, too deeply nested, too many delimiters) are not parsed. Never throws.
 */
export function parseUntrustedMarkdown(md: string, maxLength = DEFAULT_MAX_LENGTH): ParsedMarkdown {
  const refusal = pathological(md, maxLength);
  if (refusal) return { tree: null, refusal };
  try {
    return { tree: parseMarkdown(md), refusal: null };
  } catch (err) {
    // Input that slips past the guard and still exhausts the stack: show it as text.
    return { tree: null, refusal: `it could not be parsed (${err instanceof Error ? err.name : 'error'})` };
  }
}

/**
 * CommonMark + GFM (tables, task lists, strikethrough, autolink literals, footnotes) to mdast, and
 * nothing else: no front matter (callers strip it and pass its lines as `lineOffset`), no math, no
 * MDX, no directives. satteri parses natively (Rust) and hands back the tree micromark's
 * `fromMarkdown` with the GFM extensions builds, positions included (line, column and UTF-16
 * offset); test/markdown/parser-oracle.test.ts holds it to micromark on real shapes of input. On
 * the docs-heavy bench repository (82 files, 1.5 MB) it parses in about 80 ms where micromark took
 * 3.5 s. The one difference is U+0000, which CommonMark (and micromark) replace with U+FFFD for
 * safety and satteri keeps: it is replaced here, before parsing (the text keeps its length, so
 * positions do not move).
 */
function parseMarkdown(md: string): Root {
  return markdownToMdast(md.includes('\0') ? md.replaceAll('\0', '\uFFFD') : md, { features: PARSE_FEATURES }) as Root;
}

const PARSE_FEATURES = { gfm: true, frontmatter: false, math: false } as const;

/**
 * A parse made safe for one set of options: unsafe URLs and raw HTML gone, links rewritten,
 * heading ids set. `tree` is null when the text is shown as plain text (`<pre>`).
 */
export interface SafeMarkdown {
  tree: Root | null;
  /** The source text, for the plain-text fallback. */
  text: string;
  headings: Heading[];
  findings: Finding[];
  /** Repo-relative images reported by the link rewriter, sorted, without duplicates. */
  images: string[];
}

/**
 * The safety transform of one parse for one file, line offset and raw-HTML mode, without the link
 * rewriter: unsafe URLs and raw HTML gone, heading ids set. A rewriter's pass (rewriteLinks) runs
 * over it afterwards, so one parse read by several readers (the heading pass of the docs plan, the
 * docs page with its links) is made safe once. Unchanged subtrees are the parse's own nodes.
 */
export interface SafeBase extends SafeMarkdown {
  /** The file and line offset the findings name (the rewriter's pass names the same). */
  file: string;
  offset: number;
  rawHtml: 'text' | 'drop';
  /** Identifiers of definitions only images use (a rewriter sees those as images). */
  imageOnly: ReadonlySet<string>;
  /**
   * Where each kept link, image and definition came in the walk (the order in which URLs were
   * checked), so a rewriter's findings fall in among the safety findings as one walk made them.
   */
  order: ReadonlyMap<Nodes, number>;
  /** The walk position of each safety finding (same order). */
  findingOrder: readonly number[];
}

/** The safety transform (and link rewriting) over one parse, without changing the parse. Never throws. */
export function makeSafe(md: string, parsed: ParsedMarkdown, options: RenderOptions = {}): SafeMarkdown {
  const base = safeBase(md, parsed, options);
  return options.linkRewriter ? rewriteLinks(base, options.linkRewriter) : publicView(base);
}

/** The safety transform alone (see SafeBase); never throws. */
export function safeBase(md: string, parsed: ParsedMarkdown, options: Omit<RenderOptions, 'linkRewriter' | 'maxLength'> = {}): SafeBase {
  const state: State = {
    file: options.file ?? '',
    offset: options.lineOffset ?? 0,
    rawHtml: options.rawHtml ?? 'text',
    slugger: new GithubSlugger(),
    headings: [],
    findings: [],
    findingOrder: [],
    imageOnlyDefinitions: new Set(),
    order: new Map(),
    checked: 0,
  };
  if (parsed.tree === null) return plainText(md, state, parsed.refusal);
  try {
    state.imageOnlyDefinitions = imageOnlyDefinitions(parsed.tree);
    const tree: Root = { ...parsed.tree, children: transform(parsed.tree, state) as Root['children'] };
    return {
      tree, text: md, headings: state.headings, findings: state.findings, images: [], file: state.file, offset: state.offset, rawHtml: state.rawHtml,
      imageOnly: state.imageOnlyDefinitions, order: state.order, findingOrder: state.findingOrder,
    };
  } catch (err) {
    return plainText(md, state, `it could not be parsed (${err instanceof Error ? err.name : 'error'})`);
  }
}

/** A SafeBase as the SafeMarkdown it is when no rewriter runs. */
function publicView(base: SafeBase): SafeMarkdown {
  return { tree: base.tree, text: base.text, headings: base.headings, findings: base.findings, images: base.images };
}

function plainText(md: string, state: { file: string; offset: number; rawHtml: 'text' | 'drop'; findings: Finding[]; findingOrder: number[] }, reason: string): SafeBase {
  state.findings.push(finding(
    'MARKDOWN_NOT_RENDERED',
    'warning',
    `This Markdown is shown as plain text because ${reason}.`,
    state.file, 1 + state.offset,
  ));
  state.findingOrder.push(Number.MAX_SAFE_INTEGER);
  return { tree: null, text: md, headings: [], findings: state.findings, images: [], file: state.file, offset: state.offset, rawHtml: state.rawHtml, imageOnly: new Set(), order: new Map(), findingOrder: state.findingOrder };
}

/**
 * The rewriter's pass over a safe tree: each kept link, image and definition in the order the
 * safety walk checked them (a link's children before the link), its URL replaced by the
 * rewriter's answer, checked again for safety, or dropped (a link keeps its text, an image its
 * alt text). Never changes `base`; never throws.
 */
export function rewriteLinks(base: SafeBase, rewriter: LinkRewriter): SafeMarkdown {
  if (base.tree === null) return publicView(base);
  const state: RewriteState = { rewriter, offset: base.offset, base, findings: [], findingOrder: [], images: new Set() };
  let tree: Root | null;
  let extra: { findings: Finding[]; findingOrder: number[] } = state;
  try {
    const children = rewriteChildren(base.tree, state);
    tree = children === base.tree.children ? base.tree : { ...base.tree, children: children as Root['children'] };
  } catch (err) {
    tree = null;
    const fallback = plainText(base.text, { file: base.file, offset: base.offset, rawHtml: base.rawHtml, findings: [...state.findings], findingOrder: [...state.findingOrder] }, `it could not be parsed (${err instanceof Error ? err.name : 'error'})`);
    extra = { findings: fallback.findings, findingOrder: [...fallback.findingOrder] };
  }
  // The safety findings and the rewriter's, as one walk would have made them.
  const merged: { at: number; i: number; f: Finding }[] = [];
  base.findings.forEach((f, i) => merged.push({ at: base.findingOrder[i] ?? 0, i, f }));
  extra.findings.forEach((f, i) => merged.push({ at: extra.findingOrder[i] ?? 0, i: base.findings.length + i, f }));
  merged.sort((a, b) => a.at - b.at || a.i - b.i);
  const findings = merged.map((m) => m.f);
  if (tree === null) return { tree: null, text: base.text, headings: [], findings, images: [] };
  return { tree, text: base.text, headings: base.headings, findings, images: [...state.images].sort() };
}

interface State {
  file: string;
  offset: number;
  rawHtml: 'text' | 'drop';
  slugger: GithubSlugger;
  headings: Heading[];
  findings: Finding[];
  findingOrder: number[];
  imageOnlyDefinitions: Set<string>;
  order: Map<Nodes, number>;
  /** URLs checked so far in the walk. */
  checked: number;
}

const FLOW_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

/**
 * The safe children of `parent`: the parse's own array when nothing under it changed, else a new
 * one. Nodes that change are copied and the parse is never written to, so the same parse can be
 * made safe again with other options.
 */
function transform(parent: Parents, state: State): Nodes[] {
  return mapChildren(parent.children as Nodes[], (child) => {
    let keep: Nodes | null = child;
    let many: Nodes[] | null = null;
    switch (child.type) {
      case 'html': {
        const value = child.value;
        if (state.rawHtml === 'drop' || /^\s*<!--[\s\S]*-->\s*$/.test(value)) keep = null;
        else {
          const text = { type: 'text' as const, value, position: child.position };
          keep = FLOW_PARENTS.has(parent.type) ? { type: 'paragraph', children: [text], position: child.position } : text;
        }
        break;
      }
      case 'link': {
        const children = transform(child, state);
        const at = checkUrl(child.url, 'link', child, state);
        if (at === null) many = children;
        else {
          if (children !== child.children) keep = { ...child, children } as Nodes;
          state.order.set(keep, at);
        }
        break;
      }
      case 'image': {
        const at = checkUrl(child.url, 'image', child, state);
        if (at === null) keep = child.alt ? { type: 'text', value: child.alt, position: child.position } : null;
        else state.order.set(child, at);
        break;
      }
      case 'definition': {
        // Dropping an unsafe definition leaves its references as literal `[text][ref]`.
        const kind = state.imageOnlyDefinitions.has(child.identifier) ? 'image' : 'link';
        const at = checkUrl(child.url, kind, child, state);
        if (at === null) keep = null;
        else state.order.set(child, at);
        break;
      }
      case 'heading': {
        const heading = { ...child, children: transform(child, state) } as typeof child;
        const text = toString(heading);
        const slug = state.slugger.slug(text);
        heading.data = { ...child.data, hProperties: { ...child.data?.hProperties, id: slug } };
        state.headings.push({ depth: child.depth, slug, text });
        keep = heading;
        break;
      }
      // A private key pasted into the text or a code block never reaches a page (outside review).
      case 'code':
      case 'inlineCode':
      case 'text': {
        const value = withoutPrivateKeys(child.value);
        if (value !== child.value) keep = { ...child, value } as Nodes;
        break;
      }
      default:
        if ('children' in child) {
          const children = transform(child, state);
          if (children !== child.children) keep = { ...child, children } as Nodes;
        }
    }
    return many ?? keep;
  });
}

/**
 * The children after `each` (the same node: unchanged; another: replaced; an array: spliced in;
 * null: dropped), as the same array when nothing changed: copy on write, so what no pass changes
 * stays the parse's own node.
 */
function mapChildren(kids: Nodes[], each: (child: Nodes) => Nodes | Nodes[] | null): Nodes[] {
  let out: Nodes[] | null = null;
  for (let i = 0; i < kids.length; i++) {
    const child = kids[i] as Nodes;
    const next = each(child);
    if (out === null && next !== child) out = kids.slice(0, i);
    if (out === null) continue;
    if (Array.isArray(next)) for (const c of next) out.push(c);
    else if (next !== null) out.push(next);
  }
  return out ?? kids;
}

/**
 * The URL to keep for a link, image or definition, or null to drop it; the walk position of the
 * check when it is kept.
 */
function checkUrl(url: string, kind: LinkRef['kind'], node: Nodes, state: State): number | null {
  const at = state.checked++;
  if (isSafeUrl(url)) return at;
  const line = (node.position?.start.line ?? 1) + state.offset;
  const col = node.position?.start.column ?? 1;
  state.findings.push(finding(
    'UNSAFE_URL_REMOVED',
    'warning',
    `The ${kind} URL "${preview(url)}" uses a scheme that could run code in a browser; it was removed.`,
    state.file, line, col,
  ));
  state.findingOrder.push(at);
  return null;
}

interface RewriteState {
  rewriter: LinkRewriter;
  offset: number;
  base: SafeBase;
  findings: Finding[];
  findingOrder: number[];
  images: Set<string>;
}

/** rewriteLinks over the children of `parent` (copy on write, as transform). */
function rewriteChildren(parent: Parents, state: RewriteState): Nodes[] {
  return mapChildren(parent.children as Nodes[], (child) => {
    let keep: Nodes | null = child;
    let many: Nodes[] | null = null;
    const children = 'children' in child ? rewriteChildren(child, state) : null;
    if (children !== null && children !== (child as Parents).children) keep = { ...child, children } as Nodes;
    const at = state.base.order.get(child);
    if (at !== undefined && (child.type === 'link' || child.type === 'image' || child.type === 'definition')) {
      const kind = child.type === 'definition' ? (state.base.imageOnly.has(child.identifier) ? 'image' : 'link') : child.type;
      const url = rewriteUrl(child.url, kind, child, at, state);
      if (url === null) {
        if (child.type === 'link') many = children ?? [];
        else if (child.type === 'image' && child.alt) keep = { type: 'text', value: child.alt, position: child.position };
        else keep = null;
      } else if (url !== child.url) keep = { ...(keep as typeof child), url };
    }
    return many ?? keep;
  });
}

/** The rewriter's URL for a safe one, checked again, or null to drop it. */
function rewriteUrl(url: string, kind: LinkRef['kind'], node: Nodes, at: number, state: RewriteState): string | null {
  const line = (node.position?.start.line ?? 1) + state.offset;
  const col = node.position?.start.column ?? 1;
  const rewrite = state.rewriter(url, { kind, line, col });
  for (const f of rewrite.findings ?? []) {
    state.findings.push(f);
    state.findingOrder.push(at);
  }
  if (rewrite.image) state.images.add(rewrite.image);
  if (rewrite.url === null) return null;
  return isSafeUrl(rewrite.url) ? rewrite.url : null;
}

/** Identifiers of definitions used only by image references (so the rewriter sees them as images). */
function imageOnlyDefinitions(tree: Root): Set<string> {
  const image = new Set<string>();
  const link = new Set<string>();
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === 'imageReference') image.add(node.identifier);
    else if (node.type === 'linkReference') link.add(node.identifier);
    if ('children' in node) for (const c of node.children as RootContent[]) stack.push(c);
  }
  return new Set([...image].filter((id) => !link.has(id)));
}

function preview(url: string): string {
  const short = url.length > 60 ? `${url.slice(0, 57)}...` : url;
  // eslint-disable-next-line no-control-regex
  return short.replace(/[\u0000-\u001f"]/g, ' ');
}
