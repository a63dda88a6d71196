import { createHash } from 'node:crypto';
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type ErrorCode, type Node, type YAMLError } from 'yaml';
import { finding, type Finding, type FindingCode } from '../model/finding.ts';
import type { RawDoc } from '../model/raw-doc.ts';
import { findCommentedDocs } from './commented-docs.ts';
import type { DiscoveredFile } from './discover.ts';
import { rangeStart, type PosFn } from './doc-index.ts';
import { DEFAULT_MAX_BYTES, readTextFile } from './file-checks.ts';
import { listItems } from './list-items.ts';
import { convertDocument, tooDeep } from './yaml-doc.ts';

export interface ReadYamlOptions {
  /** Files larger than this are reported (FILE_TOO_LARGE) and not read. Default 8 MiB. */
  maxBytes?: number | undefined;
  /** Alias expansions allowed per document (toJS maxAliasCount). Default 1000. */
  maxAliasCount?: number | undefined;
  /** Deepest nesting of collections accepted in a document. Default 256. */
  maxDepth?: number | undefined;
  /** Also look for Kubernetes documents commented out with `#`. Default true. */
  commented?: boolean | undefined;
  /**
   * Called with the file's decoded text once it is read, so that another reader of the same text
   * (the bootstrap-comment scan) need not read the file again.
   */
  onText?: ((text: string) => void) | undefined;
}

export interface ReadYamlResult {
  /** Documents in file order: real ones, then the commented-out ones, each with its own line. */
  docs: RawDoc[];
  findings: Finding[];
}

const DEFAULT_MAX_ALIAS_COUNT = 1000;
/** Generous: the deepest CRD schemas (openAPIV3Schema) stay well below 100. */
const DEFAULT_MAX_DEPTH = 256;

/** At most this many parse errors / warnings per file: the first one usually explains the rest. */
const MAX_MESSAGES_PER_FILE = 20;

/** Read one YAML (or disabled-YAML) file from disk into scrubbed RawDocs and findings. */
export async function readYamlFile(file: Pick<DiscoveredFile, 'path' | 'abs' | 'kind'>, opts: ReadYamlOptions = {}, parsedByContent?: ParseCache): Promise<ReadYamlResult> {
  const { text, findings } = await readTextFile(file.path, file.abs, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  if (text === null) return { docs: [], findings };
  opts.onText?.(text);
  // Two scans of one repository at two commits (atlas diff) parse each unchanged file once: the
  // documents depend only on the path, the kind and the text.
  const key = parsedByContent ? `${file.path}\u0000${file.kind}\u0000${createHash('sha256').update(text).digest('base64')}` : '';
  const cached = parsedByContent?.get(key);
  const parsed = cached ?? parseYamlText(text, file, opts);
  if (parsedByContent && !cached) parsedByContent.set(key, parsed);
  return { docs: parsed.docs, findings: [...findings, ...parsed.findings] };
}

/** Parsed files by path and content (see readYamlFile); the documents are never changed after reading. */
export type ParseCache = Map<string, ReadYamlResult>;

/**
 * Parse YAML text (already decoded) into RawDocs. Never throws on input: parse errors, alias bombs,
 * deep nesting and duplicate keys become findings with the file and line, and only the document
 * concerned is skipped. A document with an error is skipped whole, since a half-read object would
 * be shown as if it were what Flux applies.
 */
export function parseYamlText(text: string, file: Pick<DiscoveredFile, 'path' | 'kind'>, opts: ReadYamlOptions = {}): ReadYamlResult {
  const path = file.path;
  const disabled = file.kind === 'disabled-yaml' ? 'file' : null;
  const maxAliasCount = opts.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT;
  const maxDepth = opts.maxDepth ?? DEFAULT_MAX_DEPTH;
  const findings: Finding[] = [];
  const docs: RawDoc[] = [];
  if (text.trim() === '') return { docs, findings };

  const lineCounter = new LineCounter();
  const pos: PosFn = (offset) => lineCounter.linePos(offset);
  let parsed: Document.Parsed[];
  try {
    parsed = parseAllDocuments(text, { lineCounter, uniqueKeys: false, merge: true, prettyErrors: false, strict: false, logLevel: 'error' }) as Document.Parsed[];
  } catch (error) {
    const code = error instanceof RangeError ? 'YAML_TOO_DEEP' : 'YAML_PARSE_ERROR';
    findings.push(finding(code, 'error', 'The file could not be parsed as YAML; it was skipped.', { file: path, line: 1, col: 1 }, { area: 'yaml' }));
    return { docs, findings };
  }

  let messages = 0;
  const report = (err: YAMLError, severity: 'error' | 'info', docIndex: number): void => {
    if (++messages > MAX_MESSAGES_PER_FILE) return;
    const { line, col } = pos(err.pos[0]);
    const source = { file: path, line: Math.max(1, line), col: Math.max(1, col), docIndex };
    findings.push(finding(codeOf(err), severity, messageOf(err, severity), source, { area: 'yaml' }));
  };

  // (Tested once a file, not per document.)
  const mayHaveEmptyKey = MAYBE_EMPTY_KEY.test(text);
  parsed.forEach((doc, docIndex) => {
    // An application's own tag (recyclarr's `!env_var`) in a file that is no Kubernetes manifest (a
    // configMapGenerator input) is that application's business: noted only in Kubernetes documents.
    for (const w of doc.warnings) if (!(w.code === 'TAG_RESOLVE_FAILED' && !looksLikeK8s(doc))) report(w, 'info', docIndex);
    if (doc.errors.length > 0) {
      const first = doc.errors[0] as YAMLError;
      // yaml's composer ran out of stack. Where it did depends on the stack the parse started with
      // (which thread read the file, how deep the caller was), not on the document: the finding is
      // the one our own depth check gives a document it reaches first, at the document's start.
      if (first.code === 'RESOURCE_EXHAUSTION') {
        const { line, col } = pos(rangeStart(doc.contents ?? doc));
        findings.push(tooDeep({ file: path, line: Math.max(1, line), col: Math.max(1, col), docIndex }, maxDepth));
        return;
      }
      // Later errors in a broken document are mostly echoes of the first.
      report(first, 'error', docIndex);
      return;
    }
    // A key left out (`  : "192.168.1.50"`): yaml reads an empty key, go-yaml (kustomize, Flux) stops at it.
    const emptyKey = mayHaveEmptyKey ? emptyImplicitKey(doc.contents as Node | null, text, maxDepth) : null;
    if (emptyKey !== null) {
      const { line, col } = pos(emptyKey);
      // (Kept, read as yaml reads it, as a document with a duplicate key is: it is in the repository, and
      // what names it, a substituteFrom, finds it; the builds that take the file in stop at it.)
      findings.push(finding('YAML_PARSE_ERROR', 'error', 'A mapping entry has no key (the line starts with ":"); kustomize and Flux refuse the file ("did not find expected key"), so no build that takes it in applies anything. Write the key, or quote an empty one ("").', { file: path, line: Math.max(1, line), col: Math.max(1, col), docIndex }, { area: 'yaml' }));
    }
    const out = convertDocument(doc, { file: path, docIndex, pos, disabled, maxAliasCount, maxDepth });
    findings.push(...out.findings);
    if (out.doc) for (const d of listItems(out.doc)) docs.push(d);
  });

  const first = docs[0];
  if (first && /(^|\/)kustomization\.ya?ml$/.test(path)) {
    const entries = commentedListEntries(text);
    if (entries.length) first.commentedEntries = entries;
  }

  if (opts.commented !== false) {
    const commented = findCommentedDocs(text, path, { maxAliasCount, maxDepth });
    docs.push(...commented.docs);
    findings.push(...commented.findings);
  }
  return { docs, findings };
}

/** A `:` with no key before it, at a line's start or after `{`, `,` or a list's `-`: the cheap test before emptyImplicitKey walks a document. */
const MAYBE_EMPTY_KEY = /(?:^|[\n{,-])[ \t]*:(?:[ \t\r\n]|$)/;

/**
 * Where a mapping of the document has a key that is not written at all (`  : value`, `{a: 1, : b}`), or
 * null. yaml reads it as an empty key; go-yaml, which kustomize and Flux use, refuses it ("did not find
 * expected key"). An empty key written out (`"": value`) or an explicit `? ` key is valid and not one.
 */
function emptyImplicitKey(root: Node | null, text: string, maxDepth: number): number | null {
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > maxDepth) continue;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key;
        stack.push({ node: pair.value, depth: depth + 1 });
        if (!isScalar(key) || !key.range || key.range[0] !== key.range[1] || key.source !== '') continue;
        // (The empty key's place is where its line's indentation starts, or at the `:` in flow style.)
        let at = key.range[0];
        while (text[at] === ' ' || text[at] === '\t') at++;
        if (text[at] === ':') return at;
      }
    } else if (isSeq(node)) for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
  }
  return null;
}

/** A document with top-level `apiVersion` and `kind`, or a kustomization file: one Flux would read. */
function looksLikeK8s(doc: Document.Parsed): boolean {
  const c = doc.contents as { items?: { key?: { value?: unknown } }[] } | null;
  const keys = new Set((c?.items ?? []).map((p) => p.key?.value));
  return (keys.has('apiVersion') && keys.has('kind')) || keys.has('resources') || keys.has('components');
}

/** `# - ./app/ks.yaml` lines: list entries commented out (paths only, at most 1,000). */
function commentedListEntries(text: string): { entry: string; line: number }[] {
  const out: { entry: string; line: number }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length && out.length < 1000; i++) {
    const m = /^\s*#+\s*-\s+["']?(\.{0,2}\/?[\w.@-][\w./@-]*)["']?\s*(?:#.*)?$/.exec(lines[i]!);
    if (m && m[1]!.length < 300) out.push({ entry: m[1]!, line: i + 1 });
  }
  return out;
}

/** The finding code of a yaml error or warning (RESOURCE_EXHAUSTION never comes here: parseYamlText reports it as YAML_TOO_DEEP). */
function codeOf(err: YAMLError): FindingCode {
  if (err.code === 'TAG_RESOLVE_FAILED') return 'YAML_UNKNOWN_TAG';
  if (err.name === 'YAMLWarning') return 'YAML_WARNING';
  return 'YAML_PARSE_ERROR';
}

/**
 * What each yaml error code means, in our words. yaml's own messages quote the text they stumbled
 * on (`Unresolved tag: !abc...`, `Block scalar header includes extra characters: |x...`,
 * `Unexpected scalar token in YAML stream: "..."`), and that text may be a Secret's value written
 * badly; so a finding names the code and the position, and never quotes the document.
 */
const YAML_ERROR_TEXT: Record<ErrorCode, string> = {
  ALIAS_PROPS: 'an alias cannot carry a tag or an anchor',
  BAD_ALIAS: 'an alias is malformed or refers to no anchor',
  BAD_DIRECTIVE: 'a `%` directive is unknown or malformed',
  BAD_DQ_ESCAPE: 'a double-quoted string holds an invalid escape sequence',
  BAD_INDENT: 'the indentation is wrong here',
  BAD_PROP_ORDER: 'an anchor or a tag is in the wrong place',
  BAD_SCALAR_START: 'a plain value starts with a reserved character (quote it)',
  BLOCK_AS_IMPLICIT_KEY: 'a nested mapping sits where a single-line key was expected (a missing line break or indentation?)',
  BLOCK_IN_FLOW: 'a block collection sits inside a flow collection ([...] or {...})',
  DUPLICATE_KEY: 'a key appears twice in the same mapping',
  IMPOSSIBLE: 'the parser reached a state it does not expect',
  KEY_OVER_1024_CHARS: 'an implicit key is longer than 1024 characters',
  MISSING_CHAR: 'a closing quote or bracket is missing',
  MULTILINE_IMPLICIT_KEY: 'an implicit key spans more than one line',
  MULTIPLE_ANCHORS: 'a node has more than one anchor',
  MULTIPLE_DOCS: 'a document was expected to be alone in its file',
  MULTIPLE_TAGS: 'a node has more than one tag',
  NON_STRING_KEY: 'a mapping key is not a string',
  RESOURCE_EXHAUSTION: 'nesting too deep to parse',
  TAB_AS_INDENT: 'a tab is used for indentation (YAML allows only spaces)',
  TAG_RESOLVE_FAILED: 'a tag (`!name` or `!!type`) is unknown or does not fit its value',
  UNEXPECTED_TOKEN: 'unexpected content here (a block scalar header with extra characters, or a token out of place)',
  BAD_COLLECTION_TYPE: 'a collection has a tag of the wrong type',
};

/** A fixed description of a yaml error: its code and our words, never the document's text. */
export function describeYamlError(err: Pick<YAMLError, 'code'>): string {
  return `${err.code}: ${YAML_ERROR_TEXT[err.code] ?? 'the YAML could not be parsed here'}`;
}

function messageOf(err: YAMLError, severity: 'error' | 'info'): string {
  const what = describeYamlError(err);
  return severity === 'error' ? `YAML error (${what}). The document was skipped.` : `YAML note (${what}).`;
}
