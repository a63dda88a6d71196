import { basename, resolve } from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import { DiffInputError, locateRepo, resolveRevision, withCheckout } from '../../src/lib/diff/checkout.ts';
import { diffAtlases } from '../../src/lib/diff/index.ts';
import { renderMarkdown } from '../../src/lib/diff/markdown.ts';
import { diffJsonSchema } from '../../src/lib/diff/schema.ts';
import type { Severity } from '../../src/model/finding.ts';
import { type CliValues, type CommandSpec, configOverrides, usageError } from '../cli-args.ts';

const FORMATS = ['markdown', 'json', 'github'] as const;
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export const spec: CommandSpec = {
  name: 'diff',
  summary: 'What a change does to the cluster: apps, versions, dependsOn, secrets, coverage, findings (a PR comment)',
  flags: [
    { flags: '--base <rev>', description: 'the revision to compare against, e.g. origin/main (required; a revision git does not know exits 2)' },
    { flags: '--head <rev>', description: 'the changed revision (default: the working tree as it is, uncommitted files included)' },
    { flags: '--format <format>', description: 'output format (default: markdown); github is the markdown with the sticky-comment marker', choices: FORMATS },
    { flags: '--fail-on <severity>', description: 'exit 1 when the change introduces a finding at this severity or above (default: never)', choices: ['error', 'warning', 'info'] },
    { flags: '--site <url>', description: 'published site URL, to link apps (default: site in atlas.config.yaml)' },
    { flags: '--site-base <path>', description: 'base path of the published site (default: base in atlas.config.yaml)' },
    { flags: '--json-schema', description: 'print the JSON Schema of --format json and exit' },
  ],
  examples: [
    'atlas diff --repo . --base origin/main',
    'atlas diff --repo . --base origin/main --head HEAD --format github > comment.md',
    'atlas diff --repo . --base HEAD~1 --format json | jq .versions',
  ],
  exitCodes: { 0: 'the diff was printed', 1: '--fail-on given and the change introduces a finding at that severity or above' },
  run: diffCommand,
};

/**
 * `atlas diff --repo PATH --base REV [--head REV] [--format markdown|json|github]`: computes the
 * atlas at both revisions (the base in a temporary git worktree, removed afterwards; the head in
 * its own when --head is given, else the working tree) and prints their semantic diff.
 */
export async function diffCommand(v: CliValues): Promise<number> {
  if (v['json-schema']) {
    process.stdout.write(`${JSON.stringify(diffJsonSchema(), null, 2)}\n`);
    return 0;
  }
  const baseRev = typeof v.base === 'string' ? v.base : undefined;
  const headRev = typeof v.head === 'string' ? v.head : undefined;
  if (!baseRev) return usageError('diff', '--base <rev> is required (the revision to compare against, e.g. origin/main)');
  const repo = resolve(v.repo ?? '.');
  // --base is the revision here, not the site's base path: keep it out of the configuration.
  const overrides = { ...configOverrides(v), base: v['site-base'], title: v.title ?? basename(repo) };
  let baseSha: string;
  let headSha: string | null;
  let loc: ReturnType<typeof locateRepo>;
  try {
    loc = locateRepo(repo);
    baseSha = resolveRevision(repo, baseRev, '--base');
    headSha = headRev ? resolveRevision(repo, headRev, '--head') : null;
  } catch (error) {
    if (error instanceof DiffInputError) return usageError('diff', error.message);
    throw error;
  }
  const { computeAtlas } = await import('../../src/pipeline/atlas.ts');
  // Both revisions share one parse cache: a file unchanged between them is parsed once.
  const parsed = new Map();
  // The diff compares manifests, not history: each side reads one commit of it (the changelog is
  // not part of the comparison), which keeps a diff near two scans.
  const compute = async (dir: string) => {
    const config = loadConfig(dir, overrides);
    return computeAtlas(dir, { ...config, changelog: { ...config.changelog, maxCommits: 1 } }, { parsed });
  };
  const say = (s: string) => {
    if (!v.quiet) process.stderr.write(`atlas diff: ${s}\n`);
  };
  say(`computing the base ${baseRev} (${baseSha.slice(0, 7)})`);
  const base = await withCheckout(loc, baseSha, compute);
  say(`computing the head ${headSha ? `${headRev} (${headSha.slice(0, 7)})` : '(the working tree)'}`);
  const head = headSha ? await withCheckout(loc, headSha, compute) : await compute(repo);
  const report = diffAtlases(base, head, { base: { rev: baseRev, sha: baseSha }, head: { rev: headRev ?? null, sha: headSha } });
  const format = (v.format ?? 'markdown') as (typeof FORMATS)[number];
  if (format === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(renderMarkdown(report, { site: head.config.site ?? null, base: head.config.base ?? null, marker: format === 'github' }));
  say(report.verdict);
  const failOn = v['fail-on'] as Severity | undefined;
  return failOn && report.findings.introduced.some((f) => RANK[f.severity] <= RANK[failOn]) ? 1 : 0;
}
