/**
 * `atlas scan --json` and `atlas check --format json` read the same atlas (computeAtlas), so they
 * must report the same findings. Both shapes reduced to one line per finding, for the unit test
 * (test/cli/scan-check-agree.test.ts) and the corpus check (scripts/corpus-check/run.ts).
 */

/** A finding as `atlas scan --json` prints it. */
export interface ScanFinding {
  code: string;
  severity: string;
  file: string;
  line: number;
  col: number;
  message: string;
}

/** A finding as `atlas check --format json` prints it (the fields both commands print). */
export interface CheckJsonFinding {
  code: string;
  severity: string;
  message: string;
  source: { file: string; line: number; col: number };
}

const line = (f: ScanFinding): string => `${f.severity} ${f.code} ${f.file}:${f.line}:${f.col} ${f.message}`;

/** Findings one command reports and the other does not, as `scan only: ...` / `check only: ...` lines; empty when they agree. */
export function findingsDisagree(scan: readonly ScanFinding[], check: readonly CheckJsonFinding[]): string[] {
  const a = scan.map(line);
  const b = check.map((f) => line({ code: f.code, severity: f.severity, message: f.message, ...f.source }));
  const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
  const [ca, cb] = [count(a), count(b)];
  const out: string[] = [];
  for (const [x, n] of ca) for (let i = cb.get(x) ?? 0; i < n; i++) out.push(`scan only: ${x}`);
  for (const [x, n] of cb) for (let i = ca.get(x) ?? 0; i < n; i++) out.push(`check only: ${x}`);
  return out.sort();
}
