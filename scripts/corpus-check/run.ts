/**
 * Scan each corpus repository with the real CLI and compare our counts with corpus-meta.json.
 * Differences must be explained in README.md beside this file (with both numbers), else we fail.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBuiltSite } from './site-check.ts';
import { checkLedger, runCheck, type CheckFinding } from './ledger.ts';
import { findingsDisagree } from '../commands/findings-agree.ts';
import { CORPUS_SNAPSHOTS, snapshotDiff, snapshotOf } from '../model-snapshot.ts';

const here = dirname(fileURLToPath(import.meta.url));
const project = resolve(here, '../..');
const args = process.argv.slice(2);
/** --build: also build each repository's site and check its pages (about 15-25 s a repository). */
const build = args.includes('--build');
/** --no-ledger: skip the reviewed findings ledger (`atlas check` per repository, about 6 s each). */
const ledger = !args.includes('--no-ledger');
const corpus = resolve(args.find((a) => !a.startsWith('--')) ?? join(project, '../shared/corpus'));

/** Our count name -> how to read the expected number from corpus-meta.json. */
const EXPECTED: Record<string, (meta: { stats: Record<string, number>; namespaces: string[] }) => number> = {
  fluxKustomizations: (m) => m.stats.flux_kustomizations ?? 0,
  dependsOnEdges: (m) => m.stats.flux_ks_dependsOn_edges ?? 0,
  helmReleaseDependsOnEdges: (m) => m.stats.hr_dependsOn_edges ?? 0,
  helmReleases: (m) => m.stats.helmreleases ?? 0,
  externalSecrets: (m) => m.stats.externalsecrets ?? 0,
  secretStores: (m) => m.stats.secretstores ?? 0,
  sopsEncryptedDocs: (m) => m.stats.sops_encrypted_docs ?? 0,
  plainSecrets: (m) => m.stats.secrets_plain_unencrypted ?? 0,
  pvcs: (m) => m.stats.pvcs ?? 0,
  serviceMonitors: (m) => m.stats.servicemonitors ?? 0,
  networkPolicies: (m) => (m.stats.networkpolicies ?? 0) + (m.stats.cilium_networkpolicies ?? 0),
  namespaces: (m) => m.namespaces.length,
};

function explanations(): Map<string, { ours: number; meta: number; reason: string }> {
  const out = new Map<string, { ours: number; meta: number; reason: string }>();
  const text = readFileSync(join(here, 'README.md'), 'utf8');
  const table = text.split('| repo | count | ours | meta | reason |')[1]?.split('\n\n')[0] ?? '';
  for (const line of table.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 6 || !/^\d+$/.test(cells[3] ?? '')) continue;
    out.set(`${cells[1]}:${cells[2]}`, { ours: Number(cells[3]), meta: Number(cells[4]), reason: cells[5] ?? '' });
  }
  return out;
}

/**
 * Build one repository's site with the real CLI into a temporary folder, sequentially (the Astro
 * cache folder in the project root is shared), and check its pages; returns the problems found.
 */
function buildAndCheck(repoDir: string, apps: number): string[] {
  const out = mkdtempSync(join(tmpdir(), 'atlas-corpus-site-'));
  try {
    const started = performance.now();
    const run = spawnSync(process.execPath, [join(project, 'scripts/atlas.mjs'), 'build', '--repo', repoDir, '--out', out, '--quiet'], {
      cwd: project,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    const ms = Math.round(performance.now() - started);
    if (run.status !== 0) {
      const tail = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n    ');
      return [`build exited ${run.status ?? run.signal} after ${ms} ms:\n    ${tail}`];
    }
    const site = checkBuiltSite(out, apps);
    console.log(`  site: ${site.appPages} app pages of ${apps} apps, ${site.pages} pages, build ${ms} ms`);
    return site.problems;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (!existsSync(corpus)) {
  console.log(`corpus check: ${corpus} not found, nothing to check`);
  process.exit(0);
}
const explained = explanations();
/** `atlas check --format json` per repository, run once: compared with `scan --json` here, then read by the ledger. */
const checked = new Map<string, CheckFinding[]>();
let failures = 0;
let checks = 0;
for (const repo of readdirSync(corpus).sort()) {
  const metaFile = join(corpus, repo, 'corpus-meta.json');
  if (!existsSync(metaFile)) continue;
  const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
  const started = performance.now();
  const out = execFileSync(process.execPath, [join(project, 'scripts/atlas.mjs'), 'scan', '--repo', join(corpus, repo), '--json', '--quiet'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = Math.round(performance.now() - started);
  const summary = JSON.parse(out);
  const rows: string[] = [];
  for (const [count, read] of Object.entries(EXPECTED)) {
    checks++;
    const ours = summary.counts[count];
    const expected = read(meta);
    if (ours === expected) continue;
    const why = explained.get(`${repo}:${count}`);
    if (why && why.ours === ours && why.meta === expected) {
      rows.push(`  ${count}: ours ${ours}, corpus-meta ${expected} (explained: ${why.reason.slice(0, 90)}...)`);
      continue;
    }
    failures++;
    rows.push(`  FAIL ${count}: ours ${ours}, corpus-meta ${expected} (not explained in scripts/corpus-check/README.md)`);
  }
  if (ledger) {
    // The ledger runs `atlas check` on every repository anyway: its report must be scan's, finding for finding.
    checks++;
    const check = runCheck(join(corpus, repo));
    checked.set(repo, check);
    const differ = findingsDisagree(summary.findings, check);
    if (differ.length) {
      failures++;
      rows.push(`  FAIL scan and check findings agree: ${differ.length} differ (scan ${summary.findings.length}, check ${check.length})`);
      for (const d of differ.slice(0, 10)) rows.push(`    ${d}`);
    }
  }
  // The reviewed whole-model snapshot (snapshots/<repo>.yaml, written only by scripts/model-snapshot.ts --corpus --update).
  checks++;
  const snapFile = join(CORPUS_SNAPSHOTS, `${repo}.yaml`);
  const snapDiff = existsSync(snapFile) ? snapshotDiff(readFileSync(snapFile, 'utf8'), await snapshotOf({ name: repo, dir: join(corpus, repo), label: `corpus/${repo}` })) : 'missing';
  if (snapDiff) {
    failures++;
    rows.push(snapDiff === 'missing' ? `  FAIL no model snapshot ${snapFile}` : `  FAIL model snapshot differs (node scripts/model-snapshot.ts --corpus --update ${repo} when meant):\n${snapDiff.replace(/^/gm, '    ')}`);
  }
  const agree = checked.has(repo) && !rows.some((r) => r.includes('scan and check findings agree')) ? ' (scan and check findings agree)' : '';
  console.log(`${repo}: ${summary.counts.apps} apps, ${summary.findings.length} findings${agree}, scan ${ms} ms`);
  for (const r of rows) console.log(r);
  if (build) {
    checks++;
    const problems = buildAndCheck(join(corpus, repo), summary.counts.apps);
    if (problems.length) failures++;
    for (const p of problems) console.log(`  FAIL ${p}`);
  }
}
if (ledger) {
  // The reviewed findings ledger (findings-ledger.yaml): counts per code like a golden file, precision of the judged findings.
  const led = checkLedger(corpus, (r) => checked.get(r) ?? runCheck(join(corpus, r)));
  checks += led.results.length;
  failures += led.failures;
}
console.log(`corpus check: ${checks - failures} of ${checks} ${build ? 'counts, model snapshots, site builds' : 'counts, model snapshots'}${ledger ? ', scan-and-check agreements and ledgers' : ''} match or are explained${failures ? `, ${failures} do not` : ''}`);
process.exit(failures ? 1 : 0);
