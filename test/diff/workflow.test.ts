/**
 * The example workflow that posts the diff as a sticky PR comment: least permissions per job, safe
 * for forks (no secret, no checkout of the pull request's files, the package run outside the
 * workspace), actions pinned by commit SHA, and the guide showing the same command.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { STICKY_MARKER } from '../../src/lib/diff/markdown.ts';

const ROOT = join(import.meta.dirname, '../..');
const text = readFileSync(join(ROOT, 'examples/workflows/atlas-diff.yml'), 'utf8');
// biome-ignore lint/suspicious/noExplicitAny: a parsed workflow file
const wf = parse(text) as any;
type Step = { uses?: string; run?: string; with?: Record<string, unknown> };

describe('examples/workflows/atlas-diff.yml', () => {
  it('runs on pull_request_target with no permissions by default; each job has only what it needs', () => {
    expect(Object.keys(wf.on)).toEqual(['pull_request_target']);
    expect(wf.permissions).toEqual({});
    expect(wf.jobs.diff.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs.comment.permissions).toEqual({ 'pull-requests': 'write' });
    expect(wf.jobs.comment.needs).toBe('diff');
  });

  it('no secret anywhere; the writing job never checks anything out', () => {
    expect(text).not.toMatch(/secrets\./);
    expect((wf.jobs.comment.steps as Step[]).some((s) => s.uses?.startsWith('actions/checkout'))).toBe(false);
    const checkout = (wf.jobs.diff.steps as Step[]).find((s) => s.uses?.startsWith('actions/checkout'))!;
    expect(checkout.with).toEqual({ 'fetch-depth': 0, 'persist-credentials': false });
  });

  it('every action is pinned by a full commit SHA', () => {
    const uses = [...text.matchAll(/uses: (\S+)/g)].map((m) => m[1]!);
    expect(uses.length).toBeGreaterThanOrEqual(4);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
  });

  it('runs atlas diff --format github from outside the workspace and updates the marked comment', () => {
    const run = (wf.jobs.diff.steps as Step[]).map((s) => s.run ?? '').join('\n');
    expect(run).toMatch(/cd "\$RUNNER_TEMP"\n\s*npx --yes --package="\$ATLAS_PACKAGE" gitops-atlas diff --repo "\$GITHUB_WORKSPACE" --base "\$base" --head "\$HEAD_SHA"/);
    expect(run).toContain('--format github');
    const post = (wf.jobs.comment.steps as Step[]).map((s) => s.run ?? '').join('\n');
    expect(post).toContain(`startswith("${STICKY_MARKER}")`);
    expect(post).toMatch(/-X PATCH .*-F "body=@\$FILE"/);
  });

  it('the guide page shows the same command', () => {
    const guide = readFileSync(join(ROOT, 'src/content/docs/guide/diff.md'), 'utf8');
    expect(guide).toContain('npx --yes gitops-atlas diff --repo "$GITHUB_WORKSPACE" --base "$base" --head "$HEAD_SHA"');
    expect(guide).toContain('examples/workflows/atlas-diff.yml');
  });
});
