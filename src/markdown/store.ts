/**
 * The repository's Markdown, parsed once per build. Parsing was the expensive step (micromark: about
 * 3 s for 1.5 MB of docs on 2 cores; satteri, the parser now, about 80 ms), and one file has several
 * readers: the docs pages, the link checks (BROKEN_DOC_LINK), the table of contents and #anchor
 * checks, the hand-written runbooks' pages. Each reads the one parse kept here and only re-runs the
 * cheap part (the safety transform and link rewriting) with its own options; the HTML is made only
 * for a page that shows it.
 *
 * A store belongs to one computed Atlas (computeAtlas creates it and it travels with every copy of
 * the Atlas), so dev mode starts a new one with each new scan; nothing is kept at module level.
 * A new scan in dev may hand the store its predecessor: a parse depends on the text alone, so an
 * unchanged file is not parsed again after a save; the derived memos (which depend on the model)
 * always start afresh, and only the parses this scan asks for are kept.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_MAX_LENGTH, parseUntrustedMarkdown, rewriteLinks, safeBase } from './safe.ts';
import type { ParsedMarkdown, RenderOptions, SafeBase, SafeMarkdown } from './safe.ts';
import type { LinkRef, LinkRewrite } from './types.ts';

/**
 * One makeSafe result and what it depended on besides its parse: the text, the options, and every
 * call to the link rewriter with its answer (in order). The same parse with the same options whose
 * rewriter gives the same answers to the same calls yields the same result, so a later scan can
 * replay the calls against its own rewriter instead of walking the tree again.
 */
interface SafeRecord {
  md: string;
  file: string;
  lineOffset: number;
  rawHtml: string;
  rewriter: boolean;
  calls: { url: string; ref: LinkRef; answer: string }[];
  value: SafeMarkdown;
}

export class MarkdownStore {
  readonly #parses = new Map<string, ParsedMarkdown>();
  readonly #memos = new Map<string, unknown>();
  readonly #earlier: ReadonlyMap<string, ParsedMarkdown> | undefined;
  readonly #safes = new Map<ParsedMarkdown, SafeRecord[]>();
  readonly #earlierSafes: ReadonlyMap<ParsedMarkdown, SafeRecord[]> | undefined;
  /** The safety transform of each parse, by text, file, line offset and raw-HTML mode (see safeBase). */
  readonly #bases = new Map<ParsedMarkdown, SafeBase[]>();

  /** `earlier`: the store of the previous scan of the same repository, whose parses may be reused. */
  constructor(earlier?: MarkdownStore) {
    this.#earlier = earlier ? earlier.#parses : undefined;
    this.#earlierSafes = earlier ? earlier.#safes : undefined;
  }

  /**
   * makeSafe(md, parsed, options), reusing a result of this scan or the previous one (dev mode) when
   * the text, file, line offset and raw-HTML mode are the same and the link rewriter answers every
   * call the earlier run made exactly as it did then (the calls are replayed, in order). The
   * rewriter must be a function of its arguments and of what it saw before (no clock, no I/O that
   * changes between the calls). The findings are copied, so a reader may not change the kept result.
   */
  safe(md: string, parsed: ParsedMarkdown, options: Omit<RenderOptions, 'maxLength'> = {}): SafeMarkdown {
    const file = options.file ?? '';
    const lineOffset = options.lineOffset ?? 0;
    const rawHtml = options.rawHtml ?? 'text';
    const rewriter = options.linkRewriter;
    const here = this.#safes.get(parsed) ?? [];
    for (const rec of [...here, ...(this.#earlierSafes?.get(parsed) ?? [])]) {
      if (rec.md !== md || rec.file !== file || rec.lineOffset !== lineOffset || rec.rawHtml !== rawHtml || rec.rewriter !== (rewriter !== undefined)) continue;
      if (rewriter && !rec.calls.every((c) => JSON.stringify(rewriter(c.url, c.ref)) === c.answer)) continue;
      if (!here.includes(rec)) this.#safes.set(parsed, [...here, rec]);
      return copyOf(rec.value);
    }
    const calls: SafeRecord['calls'] = [];
    const recording = rewriter
      ? (url: string, ref: LinkRef): LinkRewrite => {
        const answer = rewriter(url, ref);
        calls.push({ url, ref: { ...ref }, answer: JSON.stringify(answer) });
        return answer;
      }
      : undefined;
    // The safety transform is made once per parse and options; each rewriter only walks its result.
    const base = this.#base(md, parsed, file, lineOffset, rawHtml);
    const value = recording ? rewriteLinks(base, recording) : { tree: base.tree, text: base.text, headings: base.headings, findings: base.findings, images: base.images };
    this.#safes.set(parsed, [...here, { md, file, lineOffset, rawHtml, rewriter: rewriter !== undefined, calls, value }]);
    return copyOf(value);
  }

  #base(md: string, parsed: ParsedMarkdown, file: string, lineOffset: number, rawHtml: 'text' | 'drop'): SafeBase {
    const list = this.#bases.get(parsed) ?? [];
    const found = list.find((b) => b.text === md && b.file === file && b.offset === lineOffset && b.rawHtml === rawHtml);
    if (found) return found;
    const base = safeBase(md, parsed, { file, lineOffset, rawHtml });
    this.#bases.set(parsed, [...list, base]);
    return base;
  }

  /** The parse of `md`, made on first use; the same text (in any file) is parsed once. */
  parse(md: string, maxLength = DEFAULT_MAX_LENGTH): ParsedMarkdown {
    const key = `${maxLength}:${createHash('sha256').update(md).digest('base64')}`;
    let parsed = this.#parses.get(key);
    if (!parsed) this.#parses.set(key, (parsed = this.#earlier?.get(key) ?? parseUntrustedMarkdown(md, maxLength)));
    return parsed;
  }

  /** How many texts have been parsed (each once). */
  get parsed(): number {
    return this.#parses.size;
  }

  /**
   * A value derived from this store's parses (a docs section rendered with one set of options),
   * made once per key. Keys are namespaced by their caller, e.g. `repo-markdown:{...}`.
   */
  memo<T>(key: string, make: () => T): T {
    if (this.#memos.has(key)) return this.#memos.get(key) as T;
    const value = make();
    this.#memos.set(key, value);
    return value;
  }
}

function copyOf(safe: SafeMarkdown): SafeMarkdown {
  return {
    ...safe,
    headings: safe.headings.map((h) => ({ ...h })),
    findings: safe.findings.map((f) => ({ ...f, source: { ...f.source } })),
    images: [...safe.images],
  };
}

const fallback = new WeakMap<object, MarkdownStore>();

/**
 * The store of an Atlas (its `markdown` field), or one kept for `owner` as long as it lives, for
 * callers that built their input by hand (tests, a scan without the pipeline).
 */
export function markdownStoreOf(owner: { markdown?: MarkdownStore | undefined }): MarkdownStore {
  if (owner.markdown) return owner.markdown;
  let store = fallback.get(owner);
  if (!store) fallback.set(owner, (store = new MarkdownStore()));
  return store;
}
