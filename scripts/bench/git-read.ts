/**
 * Child process of figure 5: read the changelog's git history (readGitHistory, then the chart and
 * image bumps of those commits) and print timings as JSON; the parent adds the peak RSS.
 *
 *   node scripts/bench/git-read.ts REPO [MAX_COMMITS]
 */
import { readGitBumps, readGitHistory } from '../../src/repo/git-history.ts';

const repo = process.argv[2];
const maxCommits = Number(process.argv[3] ?? 10_000);
if (!repo) {
  process.stderr.write('Usage: node scripts/bench/git-read.ts REPO [MAX_COMMITS]\n');
  process.exit(2);
}
const t0 = performance.now();
const history = await readGitHistory(repo, { maxCommits, maxAgeDays: 10_000 });
const t1 = performance.now();
const { bumps } = await readGitBumps(repo, history.commits.map((c) => c.sha));
const t2 = performance.now();
let bumpCount = 0;
for (const list of bumps.values()) bumpCount += list.length;
process.stdout.write(JSON.stringify({ commits: history.commits.length, truncated: history.truncated, historyMs: t1 - t0, bumpsMs: t2 - t1, bumps: bumpCount, heapUsed: process.memoryUsage().heapUsed }) + '\n');
