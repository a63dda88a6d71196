import { isScalar, type Alias, type Document, type Node } from 'yaml';
import { finding, type Finding } from '../model/finding.ts';
import type { RawDoc } from '../model/raw-doc.ts';
import type { Source } from '../model/source.ts';
import { indexDocument, rangeStart, type PosFn } from './doc-index.ts';
import { scrubValue } from './scrub-js.ts';
import { isSelfReferential } from './self-reference.ts';
import { scrubDocument } from './scrub.ts';

export interface ConvertOptions {
  file: string;
  /** Index of the document in its file; omitted for documents found in comments. */
  docIndex?: number | undefined;
  pos: PosFn;
  disabled: RawDoc['disabled'];
  maxAliasCount: number;
  maxDepth: number;
}

/**
 * One parsed (error-free) document -> RawDoc: index, scrub, then toJS. Order matters: the depth
 * check comes before anything recursive, and scrubbing comes before toJS, so the plain value is
 * born without secrets. A null root (a comment-only document) yields no RawDoc and no finding.
 */
export function convertDocument(doc: Document, opts: ConvertOptions): { doc: RawDoc | null; findings: Finding[] } {
  const findings: Finding[] = [];
  const root = doc.contents as Node | null;
  // `---` followed only by comments: yaml gives an empty (null) scalar, Kubernetes ignores it.
  if (!root || (isScalar(root) && root.value === null && !root.anchor)) return { doc: null, findings };
  const start = opts.pos(rangeStart(root));
  const source = src(opts, start.line, start.col);

  const index = indexDocument(root, opts.pos, opts.maxDepth);
  if (index.tooDeep) {
    findings.push(finding('YAML_TOO_DEEP', 'error', `The document nests more than ${opts.maxDepth} levels deep; it was skipped.`, source, { area: 'yaml' }));
    return { doc: null, findings };
  }
  for (const d of index.duplicates) {
    const p = opts.pos(d.offset);
    findings.push(finding('YAML_DUPLICATE_KEY', 'warning', `Key "${d.path}" appears twice in the same mapping; the last one wins (as in Kubernetes).`, src(opts, p.line, p.col), { area: 'yaml' }));
  }

  const { redactions, sops } = scrubDocument(doc, {
    file: opts.file,
    docIndex: opts.docIndex,
    pos: opts.pos,
    aliasTargets: index.aliasTargets,
    maxAliasCount: opts.maxAliasCount,
  });

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: opts.maxAliasCount });
  } catch (error) {
    const cycle = index.aliasTargets.size > 0 ? selfAlias(index.aliasTargets) : null;
    if (error instanceof RangeError && cycle !== null) {
      // A merge key inside its own anchor (`a: &x {<<: *x}`): yaml's toJS recurses until the stack ends.
      const p = opts.pos(cycle);
      findings.push(finding('YAML_ALIAS_CYCLE', 'error', CYCLE_MESSAGE, src(opts, p.line, p.col), { area: 'yaml' }));
    } else if (error instanceof RangeError) {
      findings.push(finding('YAML_TOO_DEEP', 'error', 'The document is too deeply nested to convert; it was skipped.', source, { area: 'yaml' }));
    } else if (/alias/i.test(String((error as Error)?.message))) {
      findings.push(finding('YAML_ALIAS_LIMIT', 'error', `The document expands aliases more than ${opts.maxAliasCount} times (an "alias bomb"); it was skipped.`, source, { area: 'yaml' }));
    } else {
      findings.push(finding('YAML_PARSE_ERROR', 'error', 'The document could not be converted; it was skipped.', source, { area: 'yaml' }));
    }
    return { doc: null, findings };
  }
  if (index.aliasTargets.size > 0) {
    // Before anything walks the value (scrubValue does, and so does every later step).
    if (isSelfReferential(value)) {
      const at = selfAlias(index.aliasTargets);
      const p = at === null ? null : opts.pos(at);
      findings.push(finding('YAML_ALIAS_CYCLE', 'error', CYCLE_MESSAGE, p ? src(opts, p.line, p.col) : source, { area: 'yaml' }));
      return { doc: null, findings };
    }
    redactions.push(...scrubValue(value, index.lines, source));
  }

  return { doc: { source, value, disabled: opts.disabled, sops, redactions, lines: index.lines }, findings };
}

const CYCLE_MESSAGE = 'An alias refers to the node that contains it, so the document contains itself; kustomize and Kubernetes cannot read it. It was skipped.';

/** Offset of the first alias (in source order) that lies inside the node its anchor names. */
function selfAlias(aliasTargets: ReadonlyMap<Alias, Node>): number | null {
  for (const [alias, target] of aliasTargets) {
    const at = rangeStart(alias);
    const range = (target as { range?: [number, number, number] }).range;
    if (range && at >= range[0] && at < range[2]) return at;
  }
  return null;
}

function src(opts: ConvertOptions, line: number, col: number): Source {
  const s: Source = { file: opts.file, line: Math.max(1, line), col: Math.max(1, col) };
  if (opts.docIndex !== undefined) s.docIndex = opts.docIndex;
  return s;
}
