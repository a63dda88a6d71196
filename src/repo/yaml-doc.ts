import { isScalar, type Document, type Node } from 'yaml';
import { finding, type Finding } from '../model/finding.ts';
import type { RawDoc } from '../model/raw-doc.ts';
import type { Source } from '../model/source.ts';
import { indexDocument, primeAliasResolution, rangeStart, type PosFn } from './doc-index.ts';
import { scrubValue } from './scrub-js.ts';
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
    findings.push(tooDeep(source, opts.maxDepth));
    return { doc: null, findings };
  }
  for (const d of index.duplicates) {
    const p = opts.pos(d.offset);
    findings.push(finding('YAML_DUPLICATE_KEY', 'warning', `Key "${d.path}" appears twice in the same mapping; kustomize refuses the file, other readers take the last one.`, src(opts, p.line, p.col), { area: 'yaml' }));
  }

  if (index.selfAlias !== null) {
    // Refused before anything walks the document: a deep copy or merge of the value would never end.
    const p = opts.pos(index.selfAlias);
    findings.push(finding('YAML_ALIAS_CYCLE', 'error', 'An alias refers to the node that contains it, so the document contains itself; kustomize and Kubernetes cannot read it. It was skipped.', src(opts, p.line, p.col), { area: 'yaml' }));
    return { doc: null, findings };
  }

  const { redactions, sops } = scrubDocument(doc, {
    file: opts.file,
    docIndex: opts.docIndex,
    pos: opts.pos,
    aliasTargets: index.aliasTargets,
    maxAliasCount: opts.maxAliasCount,
  });

  if (index.aliasTargets.size > 0) primeAliasResolution(root);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: opts.maxAliasCount });
  } catch (error) {
    if (error instanceof RangeError) {
      findings.push(finding('YAML_TOO_DEEP', 'error', 'The document is too deeply nested to convert; it was skipped.', source, { area: 'yaml' }));
    } else if (/excessive alias count/i.test(String((error as Error)?.message))) {
      findings.push(finding('YAML_ALIAS_LIMIT', 'error', `The document expands aliases more than ${opts.maxAliasCount} times (an "alias bomb"); it was skipped.`, source, { area: 'yaml' }));
    } else {
      // An alias whose anchor this document does not set: anchors do not reach across `---` (a
      // SecretStore's `server: *vaultServer` in the second document; outside review). Named by the
      // anchor's name alone (never a value), where it is a plain one.
      const alias = /^Unresolved alias[^:]*: ([\w.-]{1,64})$/.exec(String((error as Error)?.message))?.[1];
      const why = alias
        ? `An alias (*${alias}) names an anchor this document does not set before it; anchors do not reach across \`---\` documents, and kustomize stops at it too ("unknown anchor '${alias}' referenced").`
        : 'The document could not be converted.';
      findings.push(finding('YAML_PARSE_ERROR', 'error', `${why} It was skipped.`, source, { area: 'yaml' }));
    }
    return { doc: null, findings };
  }
  if (index.aliasTargets.size > 0) redactions.push(...scrubValue(value, index.lines, source));

  // (A commented-out document's values are comment text: SOPS_VALUE_NOT_ENCRYPTED words them so.)
  if (opts.disabled === 'commented') for (const r of redactions) r.inComment = true;
  const marked = Object.keys(index.imagePolicies).length > 0 ? { imagePolicies: index.imagePolicies } : {};
  const floats = Object.keys(index.floatTags).length > 0 ? { floatTags: index.floatTags } : {};
  return { doc: { source, value, disabled: opts.disabled, sops, redactions, lines: index.lines, ...marked, ...floats }, findings };
}

/** A document skipped for its depth: by our own check, or where yaml's composer ran out of stack. */
export function tooDeep(source: Source, maxDepth: number): Finding {
  return finding('YAML_TOO_DEEP', 'error', `The document nests more than ${maxDepth} levels deep; it was skipped.`, source, { area: 'yaml' });
}

function src(opts: ConvertOptions, line: number, col: number): Source {
  const s: Source = { file: opts.file, line: Math.max(1, line), col: Math.max(1, col) };
  if (opts.docIndex !== undefined) s.docIndex = opts.docIndex;
  return s;
}
