import { LineCounter, isMap, isScalar, isPair, parseAllDocuments, type Document, type YAMLMap } from 'yaml';
import type { Finding } from '../model/finding.ts';
import type { RawDoc } from '../model/raw-doc.ts';
import type { PosFn } from './doc-index.ts';
import { convertDocument } from './yaml-doc.ts';

/**
 * Kubernetes documents switched off by commenting them out, the way home-ops repositories disable
 * one Kustomization of a ks.yaml:
 *
 *     # ---
 *     # apiVersion: kustomize.toolkit.fluxcd.io/v1
 *     # kind: Kustomization
 *     # metadata:
 *     #   name: longhorn-prereq
 *
 * A run of lines starting with `#` in column 0 is uncommented (`#` and one space removed) and read
 * as YAML; a piece that parses as a mapping with `apiVersion` and `kind` becomes a RawDoc with
 * `disabled: 'commented'` and the line numbers of the original file. Prose comments never parse
 * into such a mapping, so they are not reported.
 */
export function findCommentedDocs(
  text: string,
  file: string,
  opts: { maxAliasCount: number; maxDepth: number },
): { docs: RawDoc[]; findings: Finding[] } {
  const docs: RawDoc[] = [];
  const findings: Finding[] = [];
  if (!HAS_CANDIDATE.test(text)) return { docs, findings };

  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  let i = 0;
  while (i < lines.length) {
    if (!(lines[i] as string).startsWith('#')) {
      i++;
      continue;
    }
    const start = i;
    while (i < lines.length && (lines[i] as string).startsWith('#')) i++;
    for (const seg of segments(lines, start, i)) {
      const doc = readSegment(lines, seg.from, seg.to, file, opts);
      if (doc) {
        if (doc.doc) docs.push(doc.doc);
        for (const f of doc.findings) findings.push(f);
      }
    }
  }
  return { docs, findings };
}

/** Cheap test that lets files without a commented `apiVersion:` / `kind:` skip all of this. */
const HAS_CANDIDATE = /^#[ \t]*(apiVersion|kind)[ \t]*:/m;
const ANCHOR = /^(apiVersion|kind)[ \t]*:/;
/** A top-level `key:` line, an indented line, a list item, a comment or an empty line. */
const YAMLISH = /^(|[ \t-].*|#.*|[^\s#:][^:]*:([ \t].*)?)$/;

function uncomment(line: string): string {
  return line.startsWith('# ') ? line.slice(2) : line.slice(1);
}

/**
 * Split the run [from, to) at `---` separators; in each piece the document starts at its first
 * `apiVersion:`/`kind:` line (prose above it, even `Note: ...`, is left out) and runs while lines
 * look like YAML, so a prose comment just below it does not spoil it.
 */
function* segments(lines: string[], from: number, to: number): Generator<{ from: number; to: number }> {
  let s = from;
  for (let j = from; j <= to; j++) {
    const t = j < to ? uncomment(lines[j] as string) : '---';
    if (!(t === '---' || t.startsWith('--- ') || t === '...')) continue;
    let anchor = -1;
    for (let k = s; k < j; k++) if (ANCHOR.test(uncomment(lines[k] as string))) { anchor = k; break; }
    if (anchor !== -1) {
      let b = anchor + 1;
      while (b < j && YAMLISH.test(uncomment(lines[b] as string))) b++;
      yield { from: anchor, to: b };
    }
    s = j + 1;
  }
}

function readSegment(
  lines: string[],
  from: number,
  to: number,
  file: string,
  opts: { maxAliasCount: number; maxDepth: number },
): { doc: RawDoc | null; findings: Finding[] } | null {
  const body = lines.slice(from, to).map(uncomment).join('\n');
  const lc = new LineCounter();
  let doc: Document.Parsed | undefined;
  try {
    doc = parseAllDocuments(body, { lineCounter: lc, uniqueKeys: false, merge: true, prettyErrors: false, strict: false, logLevel: 'error' })[0] as Document.Parsed | undefined;
  } catch {
    return null;
  }
  if (!doc || doc.errors.length > 0 || !isK8sObject(doc.contents)) return null;
  const pos: PosFn = (offset) => {
    const p = lc.linePos(offset);
    const index = from + p.line - 1;
    const prefix = (lines[index] ?? '').startsWith('# ') ? 2 : 1;
    return { line: index + 1, col: p.col + prefix };
  };
  return convertDocument(doc, { file, pos, disabled: 'commented', ...opts });
}

function isK8sObject(node: unknown): node is YAMLMap {
  if (!isMap(node)) return false;
  let api = false;
  let kind = false;
  for (const p of node.items) {
    if (!isPair(p) || !isScalar(p.key) || !isScalar(p.value) || typeof p.value.value !== 'string') continue;
    if (p.key.value === 'apiVersion') api = true;
    if (p.key.value === 'kind') kind = true;
  }
  return api && kind;
}
