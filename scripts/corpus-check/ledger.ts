/**
 * The reviewed findings ledger (issue 15): `atlas check --format json` on every corpus repository,
 * compared with findings-ledger.yaml like a golden file. For each repository and finding code the
 * ledger holds the count and at least five findings (all, where fewer) judged by hand: true or
 * false, why, and where. See README.md beside this file.
 *
 *   node scripts/corpus-check/ledger.ts [corpus]            check (exit 1 on any failure)
 *   node scripts/corpus-check/ledger.ts [corpus] --status   counts, precision and what needs judging
 *   node scripts/corpus-check/ledger.ts [corpus] --update   rewrite counts, keep the judgements that
 *                                                           still match, add `verdict: null` stubs
 *   ... --cache DIR                                         reuse DIR/<repo>.json (written when missing)
 *
 * run.ts calls checkLedger() after the count check, so `.ci/run` fails when the ledger is out of date.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const project = resolve(here, '../..');
export const LEDGER_FILE = join(here, 'findings-ledger.yaml');
/** More judgements in the same shape (`repos: { <repo>: { <CODE>: { judged: [...] } } }`), merged in. */
export const JUDGEMENTS_DIR = join(here, 'judgements');
/** Findings judged per code: all of them where there are fewer. */
export const SAMPLE = 5;
/** Judged-true share every repository must reach. */
export const MIN_PRECISION = 0.95;

export interface CheckFinding {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  source: { file: string; line: number; col: number };
  objectId?: string;
  appId?: string;
}

export interface Judgement {
  /** Stable identity: see identity(). */
  id: string;
  /** true: the owner would agree; false: the finding is wrong; null: not judged yet. */
  verdict: boolean | null;
  /** file:line where it was judged (for people; lines move, the id does not). */
  at: string;
  why: string;
  /** Who must fix a false finding, when it is not the rule itself (e.g. `model: lead`). */
  cause?: string;
}

export interface CodeEntry {
  count: number;
  severity: string;
  judged: Judgement[];
}

export type Ledger = Record<string, Record<string, CodeEntry>>;

/**
 * A finding's identity across runs: the object it is about and its file, else its file and its
 * message with numbers masked (sizes and counts change; the file and the thing named do not).
 * Never the line alone.
 */
export function identity(f: Pick<CheckFinding, 'objectId' | 'source' | 'message'>): string {
  if (f.objectId) return `${f.objectId} @ ${f.source.file}`;
  return `${f.source.file} | ${f.message.replace(/\d+/g, '#').replace(/\s+/g, ' ').slice(0, 110)}`;
}

/** Identities of one code's findings, made unique: repeats get ` #2`, ` #3` ... in file order. */
export function withIds(list: readonly CheckFinding[]): Map<string, CheckFinding> {
  const out = new Map<string, CheckFinding>();
  const sorted = [...list].sort((a, b) => a.source.file.localeCompare(b.source.file) || a.source.line - b.source.line || a.message.localeCompare(b.message));
  for (const f of sorted) {
    const base = identity(f);
    let id = base;
    for (let k = 2; out.has(id); k++) id = `${base} #${k}`;
    out.set(id, f);
  }
  return out;
}

export function loadLedger(file = LEDGER_FILE, dir = JUDGEMENTS_DIR): Ledger {
  const main = existsSync(file) ? ((parse(readFileSync(file, 'utf8')) as { repos?: Ledger } | null)?.repos ?? {}) : {};
  if (existsSync(dir)) {
    for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
      const extra = (parse(readFileSync(join(dir, name), 'utf8')) as { repos?: Ledger } | null)?.repos ?? {};
      for (const [repo, codes] of Object.entries(extra)) {
        for (const [code, entry] of Object.entries(codes ?? {})) {
          const target = ((main[repo] ??= {})[code] ??= { count: entry.count ?? -1, severity: entry.severity ?? '', judged: [] });
          const have = new Set(target.judged.map((j) => j.id));
          for (const j of entry.judged ?? []) if (!have.has(j.id)) target.judged.push({ ...j, why: `${j.why} [${name}]` });
        }
      }
    }
  }
  return main;
}

/** `atlas check --format json` through the real CLI, exactly as a user runs it. */
export function runCheck(repoDir: string): CheckFinding[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [join(project, 'scripts/atlas.mjs'), 'check', '--repo', repoDir, '--format', 'json'], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (error) {
    // check exits 1 when there are errors; its stdout is still the report.
    out = String((error as { stdout?: string }).stdout ?? '');
  }
  return (JSON.parse(out) as { findings: CheckFinding[] }).findings;
}

export function corpusRepos(corpus: string): string[] {
  return readdirSync(corpus)
    .filter((r) => existsSync(join(corpus, r, 'corpus-meta.json')))
    .sort();
}

export interface RepoResult {
  repo: string;
  problems: string[];
  /** code -> [judged true, judged] */
  precision: Map<string, [number, number]>;
  trueJudged: number;
  judged: number;
}

const byCode = (findings: readonly CheckFinding[]) => {
  const m = new Map<string, CheckFinding[]>();
  for (const f of findings) m.set(f.code, [...(m.get(f.code) ?? []), f]);
  return m;
};

/** Compare one repository's findings with its ledger entries. */
export function compareRepo(repo: string, findings: readonly CheckFinding[], ledger: Ledger): RepoResult {
  const problems: string[] = [];
  const precision = new Map<string, [number, number]>();
  const entries = ledger[repo] ?? {};
  const current = byCode(findings);
  let trueJudged = 0;
  let judged = 0;
  for (const code of [...new Set([...current.keys(), ...Object.keys(entries)])].sort()) {
    const now = current.get(code) ?? [];
    const entry = entries[code];
    if (!entry) {
      problems.push(`${code}: new code, ${now.length} findings, not in the ledger`);
      continue;
    }
    if (entry.count !== now.length) problems.push(`${code}: count ${now.length}, ledger ${entry.count}`);
    const ids = withIds(now);
    let t = 0;
    let n = 0;
    for (const j of entry.judged) {
      const f = ids.get(j.id);
      if (!f) {
        problems.push(`${code}: judged finding no longer reported: ${j.id}`);
        continue;
      }
      if (j.verdict === null || j.verdict === undefined) {
        problems.push(`${code}: not judged yet: ${j.id}`);
        continue;
      }
      // A verdict without its reason (the stub's TODO text left in place) is not a judgement.
      if (typeof j.why !== 'string' || j.why.startsWith('TODO')) {
        problems.push(`${code}: judged without a reason: ${j.id}`);
        continue;
      }
      n++;
      if (j.verdict) t++;
      else if (f.severity === 'error') problems.push(`${code}: an error-severity finding is judged false: ${j.id}`);
    }
    const needed = Math.min(SAMPLE, now.length);
    if (n < needed) problems.push(`${code}: ${n} judged, ${needed} needed`);
    precision.set(code, [t, n]);
    trueJudged += t;
    judged += n;
  }
  if (judged > 0 && trueJudged / judged < MIN_PRECISION) problems.push(`precision ${pct(trueJudged, judged)} of judged findings true, below ${MIN_PRECISION * 100}%`);
  return { repo, problems, precision, trueJudged, judged };
}

export const pct = (a: number, b: number): string => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);

/** Print one repository's precision per code, then its problems. */
export function printRepo(r: RepoResult, log: (s: string) => void = console.log): void {
  log(`${r.repo}: ledger precision ${pct(r.trueJudged, r.judged)} (${r.trueJudged}/${r.judged} judged true)`);
  const cells = [...r.precision].map(([code, [t, n]]) => `${code} ${t}/${n}`);
  for (let i = 0; i < cells.length; i += 4) log(`    ${cells.slice(i, i + 4).join(', ')}`);
  for (const p of r.problems) log(`  FAIL ledger ${p}`);
}

/** The check run.ts calls: compares every repository, prints, returns the number of failing repositories. */
export function checkLedger(corpus: string, findingsOf: (repo: string) => CheckFinding[] = (r) => runCheck(join(corpus, r))): { failures: number; results: RepoResult[] } {
  const ledger = loadLedger();
  const results = corpusRepos(corpus).map((repo) => compareRepo(repo, findingsOf(repo), ledger));
  for (const r of results) printRepo(r);
  const all = results.reduce((a, r) => [a[0]! + r.trueJudged, a[1]! + r.judged], [0, 0]);
  console.log(`ledger: ${pct(all[0]!, all[1]!)} of ${all[1]} judged findings true over ${results.length} repositories; ${results.filter((r) => r.problems.length).length} need attention`);
  if (results.some((r) => r.problems.length)) console.log('ledger: node scripts/corpus-check/ledger.ts --update rewrites the counts and adds `verdict: null` stubs to judge');
  return { failures: results.filter((r) => r.problems.length).length, results };
}

/** Evenly spread samples of a code's findings, by identity order (deterministic). */
export function sample(findings: readonly CheckFinding[], n = SAMPLE): CheckFinding[] {
  const sorted = [...findings].sort((a, b) => identity(a).localeCompare(identity(b)));
  if (sorted.length <= n) return sorted;
  return Array.from({ length: n }, (_, i) => sorted[Math.floor((i * sorted.length) / n)]!);
}

/** New ledger: counts from the run, judgements kept where their finding still exists, stubs for the rest. */
export function updateLedger(ledger: Ledger, runs: Map<string, CheckFinding[]>): Ledger {
  const out: Ledger = {};
  for (const [repo, findings] of runs) {
    out[repo] = {};
    for (const [code, list] of [...byCode(findings)].sort(([a], [b]) => a.localeCompare(b))) {
      const ids = withIds(list);
      const kept = (ledger[repo]?.[code]?.judged ?? []).filter((j) => ids.has(j.id)).map((j) => ({ ...j, at: at(ids.get(j.id)!) }));
      const have = new Set(kept.map((j) => j.id));
      const idOf = new Map([...ids].map(([id, f]) => [f, id]));
      const stubs = sample(list.filter((f) => !have.has(idOf.get(f)!)), Math.max(0, Math.min(SAMPLE, list.length) - kept.length)).map(
        (f): Judgement => ({ id: idOf.get(f)!, verdict: null, at: at(f), why: `TODO: ${f.message.slice(0, 200)}` }),
      );
      out[repo]![code] = { count: list.length, severity: list[0]!.severity, judged: [...kept, ...stubs] };
    }
  }
  return out;
}

const at = (f: CheckFinding) => `${f.source.file}:${f.source.line}`;

export function writeLedger(ledger: Ledger, file = LEDGER_FILE): void {
  const header = [
    '# Reviewed findings ledger (issue 15): per corpus repository and finding code, the count of',
    '# `atlas check --format json` and findings judged by hand against the manifests. A golden file:',
    '# scripts/corpus-check/run.ts fails when a count changes, a code appears, a judged finding',
    '# disappears, a stub is left unjudged, precision falls below 95% or a judged error is false.',
    '# Update: node scripts/corpus-check/ledger.ts --update, then judge every `verdict: null`.',
    '# id: objectId @ file, else file | message with numbers masked. verdict: true (the owner would',
    '# agree) or false (cause: who must fix it when not the rule, e.g. `model: lead`).',
    '',
  ].join('\n');
  writeFileSync(file, header + stringify({ version: 1, repos: ledger }, { lineWidth: 0 }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const corpus = resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--cache') ?? join(project, '../shared/corpus'));
  if (!existsSync(corpus)) {
    console.log(`ledger: ${corpus} not found, nothing to check`);
    process.exit(0);
  }
  // --cache DIR: reuse DIR/<repo>.json from an earlier run (written when missing), to judge without re-running.
  const cacheAt = args.indexOf('--cache');
  const cache = cacheAt >= 0 ? args[cacheAt + 1] : undefined;
  const findingsOf = (r: string): CheckFinding[] => {
    const file = cache ? join(cache, `${r}.json`) : null;
    if (file && existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { findings: CheckFinding[] }).findings;
    const found = runCheck(join(corpus, r));
    if (file) writeFileSync(file, JSON.stringify({ findings: found }));
    return found;
  };
  if (args.includes('--update') || args.includes('--status')) {
    const runs = new Map(corpusRepos(corpus).map((r) => [r, findingsOf(r)]));
    const ledger = loadLedger(LEDGER_FILE, '/nonexistent');
    if (args.includes('--update')) {
      writeLedger(updateLedger(ledger, runs));
      console.log(`ledger: wrote ${LEDGER_FILE}`);
    }
    const merged = loadLedger();
    let todo = 0;
    for (const [repo, findings] of runs) {
      const r = compareRepo(repo, findings, merged);
      printRepo(r);
      todo += r.problems.length;
    }
    process.exit(todo ? 1 : 0);
  }
  process.exit(checkLedger(corpus, findingsOf).failures ? 1 : 0);
}
