/**
 * Data of the /runbooks/ pages (and the app page's "Runbooks:" line): the generated runbooks and
 * the hand-written ones, computed once per build from the one scan (getAtlas) and memoised on the
 * Atlas object, since every runbook page and every app page asks for them.
 */
import { generateRunbooks, handWrittenRunbooks, runbooksMentioningApp, type HandWrittenRunbook, type Runbook, type RunbookLink } from '../../analysis/runbooks/index.ts';
import { getAtlas, type Atlas } from '../../loaders/atlas-data.ts';
import type { Finding } from '../../model/finding.ts';
import { repoMarkdownIn } from '../../lib/site/repo-markdown.ts';
import { handWrittenPath, RESERVED_SLUGS } from '../../analysis/runbooks/paths.ts';
import { readRunbookFiles } from '../../repo/runbook-files.ts';

export interface RunbooksData {
  atlas: Atlas;
  generated: Runbook[];
  handWritten: HandWrittenRunbook[];
  findings: Finding[];
}

const memo = new WeakMap<Atlas, Promise<RunbooksData>>();

async function compute(atlas: Atlas): Promise<RunbooksData> {
  const files = await readRunbookFiles(atlas.model, atlas.repoRoot, atlas.config.runbooks);
  const graph = atlas.analysis.graph.graph;
  const generated = generateRunbooks({ model: atlas.model, graph, docs: files.docs, headers: files.headers }, atlas.config.sops.recipients);
  const hand = handWrittenRunbooks(atlas.model, files.texts, atlas.config.runbooks);
  // Use the docs layer's slugs, so links between runbooks (rendered by it) land on these pages.
  const docs = new Map(repoMarkdownIn(atlas, atlas.config.runbooks, { prefix: '/runbooks/', base: '/' }).docs.map((d) => [d.file, d.slug]));
  const handWritten = hand.result.map((h) => {
    const slug = docs.get(h.file);
    return slug && !RESERVED_SLUGS.has(slug.split('/')[0]!) ? { ...h, slug, path: handWrittenPath(slug) } : h;
  });
  return { atlas, generated, handWritten, findings: hand.findings };
}

export async function runbooksData(): Promise<RunbooksData> {
  const atlas = await getAtlas();
  let p = memo.get(atlas);
  if (!p) {
    p = compute(atlas);
    memo.set(atlas, p);
  }
  return p;
}

/** Links for the app page's "Runbooks:" line. */
export async function appRunbookLinks(appId: string): Promise<RunbookLink[]> {
  const d = await runbooksData();
  return runbooksMentioningApp(d, appId);
}
