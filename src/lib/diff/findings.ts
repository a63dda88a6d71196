/**
 * Findings introduced and fixed, matched by the identity `atlas check --baseline` uses (code, file,
 * and the object id or else the message with its numbers blanked), never by line: an edit above a
 * finding moves it without introducing it. Matching counts duplicates, so a second copy of the same
 * problem in the same file is one introduced finding.
 */
import { fingerprint } from '../check/baseline.ts';
import type { Finding } from '../../model/finding.ts';
import type { DiffReport, FindingRef } from './schema.ts';
import type { DiffSide } from './side.ts';

const ref = (f: Finding): FindingRef => ({
  code: f.code, severity: f.severity, message: f.message, file: f.source.file, line: f.source.line, objectId: f.objectId ?? null, appId: f.appId ?? null,
});

/** Findings of `a` not matched one-for-one in `b`. */
function unmatched(a: readonly Finding[], b: readonly Finding[]): Finding[] {
  const left = new Map<string, number>();
  for (const f of b) left.set(fingerprint(f), (left.get(fingerprint(f)) ?? 0) + 1);
  return a.filter((f) => {
    const k = fingerprint(f);
    const n = left.get(k) ?? 0;
    if (n === 0) return true;
    left.set(k, n - 1);
    return false;
  });
}

export function diffFindings(base: DiffSide, head: DiffSide): DiffReport['findings'] {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const order = (l: Finding[]) => l.sort((x, y) => rank[x.severity] - rank[y.severity]).map(ref);
  return { introduced: order(unmatched(head.analysis.findings, base.analysis.findings)), fixed: order(unmatched(base.analysis.findings, head.analysis.findings)) };
}
