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

/** Findings of `a` not matched one-for-one in `b`, both compared under `key`. */
function unmatched(a: readonly Finding[], b: readonly Finding[], keyA: (f: Finding) => string, keyB: (f: Finding) => string): Finding[] {
  const left = new Map<string, number>();
  for (const f of b) left.set(keyB(f), (left.get(keyB(f)) ?? 0) + 1);
  return a.filter((f) => {
    const k = keyA(f);
    const n = left.get(k) ?? 0;
    if (n === 0) return true;
    left.set(k, n - 1);
    return false;
  });
}

/**
 * A finding of an app that moved (folder and namespace) is the same finding after the move: its
 * base file and object id are rewritten to the head's before matching.
 */
function mover(moves: DiffReport['apps']['moved']): (f: Finding) => Finding {
  if (moves.length === 0) return (f) => f;
  return (f) => {
    for (const m of moves) {
      const prefix = `${m.from.dir}/`;
      if (f.appId !== m.from.id && !f.source.file.startsWith(prefix)) continue;
      const file = f.source.file.startsWith(prefix) ? `${m.to.dir}/${f.source.file.slice(prefix.length)}` : f.source.file;
      const objectId = f.objectId?.replace(`/${m.from.namespace}/`, `/${m.to.namespace}/`);
      return { ...f, source: { ...f.source, file }, ...(objectId ? { objectId } : {}), appId: m.to.id };
    }
    return f;
  };
}

export function diffFindings(base: DiffSide, head: DiffSide, moves: DiffReport['apps']['moved'] = []): DiffReport['findings'] {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const order = (l: Finding[]) => l.sort((x, y) => rank[x.severity] - rank[y.severity]).map(ref);
  const moved = mover(moves);
  const baseKey = (f: Finding) => fingerprint(moved(f));
  return {
    introduced: order(unmatched(head.analysis.findings, base.analysis.findings, fingerprint, baseKey)),
    fixed: order(unmatched(base.analysis.findings, head.analysis.findings, baseKey, fingerprint)),
  };
}
