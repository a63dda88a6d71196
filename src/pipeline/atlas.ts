/**
 * The one pipeline: read a repository and compute everything the site, the exports and every CLI
 * command show, with every finding merged into one list. Free of Astro (no astro imports, no
 * import.meta.env, no process.env): the caller passes the configuration and the options.
 *
 * The order: the scan (src/repo), then the steps that read files or git (the roadmap and its
 * history, the changelog, the repository's Markdown, the bootstrap files, the runbooks' files),
 * then the pure analyses over all of it (src/analysis), then the roadmap's planning view, which reads
 * the analyses' results. To add an analysis, add it to analyse() (pure) or, when it needs I/O
 * first, read its input here and pass it in.
 */
import type { AtlasConfig } from '../config/schema.ts';
import type { Preinstalled } from '../model/preinstalled.ts';
import type { RepoModel } from '../model/repo-model.ts';
import { analyse, type Analysis } from '../analysis/index.ts';
import type { ChangelogData } from '../lib/export/changelog-md.ts';
import { docsFindings, repoMarkdownTreeIn } from '../lib/site/repo-markdown-core.ts';
import { type PreinstalledCache, preinstalledIn, readPreinstalled } from '../repo/bootstrap-read.ts';
import type { ParseCache } from '../repo/read-yaml.ts';
import type { ListingMemo } from '../repo/discover.ts';
import { readRunbookFiles, runbookDocsOf } from '../repo/runbook-files.ts';
import { scanRepo, type ReadCache } from '../repo/scan.ts';
import { computeChangelog } from './changelog.ts';
import { readCommit, type CommitInfo } from './commit.ts';
import { prefetchChangelogHistory } from '../repo/changelog-read.ts';
import { computeRoadmapData, withPlanning, type RoadmapData } from './roadmap.ts';
import { MarkdownStore } from '../markdown/store.ts';
import { lastCommitDates } from '../repo/roadmap-read.ts';

/** What every step after the scan starts from. */
interface AtlasBase {
  model: RepoModel;
  config: AtlasConfig;
  repoRoot: string;
  commit: CommitInfo | null;
  /** Every Markdown file parsed once for the whole build, shared by all its readers (src/markdown/store.ts). */
  markdown: MarkdownStore;
}

/**
 * The whole build's data: the scan, the steps that need I/O (the roadmap and its git history, the
 * changelog from git, the repository's Markdown, the runbooks), and the pure analyses over them,
 * whose findings are merged into `model.findings` (and `analysis.findings`) for the pages.
 */
export interface Atlas extends AtlasBase {
  analysis: Analysis;
  roadmap: RoadmapData;
  changelog: ChangelogData;
}

export interface ComputeOptions {
  /** Called as files are read, for terminal progress; never on stdout. */
  progress?: (done: number, total: number) => void;
  /** Parsed files by path and content, shared between scans of two revisions (atlas diff). */
  parsed?: ParseCache;
  /**
   * Documents of files read before, kept by the caller between runs (the dev server: a scan after a
   * save re-reads only the files that changed). A build or a CLI run passes none and reads everything.
   */
  cache?: ReadCache;
  /** The Markdown store of the previous scan (the dev server): an unchanged text is not parsed again. */
  earlierMarkdown?: MarkdownStore;
  /** The dev server's listing of the repository and what its watcher saw change since (ScanOptions.listing). */
  listing?: ListingMemo;
  /** What each file said about bootstrap installs, kept between scans (the dev server). */
  preinstalled?: PreinstalledCache;
  /**
   * Read each SOPS file's last commit date (one `git log -1` per file, memoised by HEAD) for the
   * rotation table of the site's /secrets/ page and the data exports (atlas.json, which carry HEAD
   * and the changelog anyway). Scan and check do not show it, and SECRETS.md leaves it out: a
   * committed SECRETS.md would be out of date with the very commit that changes a SOPS file.
   */
  secretDates?: boolean;
}

/**
 * Scan a repository and compute everything its site, exports and `atlas check` show. The CLI
 * (scan, check, export, diff, build) and the site's loaders (through getAtlas) call it, so all of
 * them see the same findings.
 */
export async function computeAtlas(repoRoot: string, config: AtlasConfig, options: ComputeOptions = {}): Promise<Atlas> {
  // What each YAML file says about bootstrap installs, taken from its text while the scan has it,
  // so the bootstrap scan below does not read every YAML file a second time.
  const bootstrapSaid = new Map<string, Preinstalled[]>();
  // The dev server's bootstrap cache is checked against the stamps discovery took (no stat per file).
  const stamps = options.preinstalled ? new Map<string, string>() : undefined;
  // The commit first: with it known, the changelog's git reads start now and run during the scan.
  const commit = readCommit(repoRoot);
  if (commit) prefetchChangelogHistory(repoRoot, config.changelog, commit.sha);
  let scanned: Awaited<ReturnType<typeof scanRepo>> | null = await scanRepo(repoRoot, config, {
    ...(options.cache ? { cache: options.cache } : {}),
    ...(options.listing ? { listing: options.listing } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
    ...(options.parsed ? { parsed: options.parsed } : {}),
    ...(stamps ? { stamps } : {}),
    onText: (path, text) => bootstrapSaid.set(path, preinstalledIn(path, text)),
  });
  const { model } = scanned;
  // The few documents the runbooks read fields from, taken from the scan's reading (not parsed again);
  // the rest of the scan's documents are let go before the analyses run.
  const runbookDocs = runbookDocsOf(model, scanned.docs);
  scanned = null;
  const base: AtlasBase = { model, config, repoRoot, commit, markdown: new MarkdownStore(options.earlierMarkdown) };
  // The git reads are memoised by HEAD; HEAD is the commit just read, so they need not ask git for it
  // again. No commit (no git work tree, none made yet) is known too: then there is no history to read,
  // and a dev re-scan does not ask git about each path the roadmap names again after every save.
  const git = { head: base.commit?.sha ?? null };
  const [roadmap, changelog, preinstalled, runbookFiles, secretDates] = await Promise.all([
    computeRoadmapData(base, git),
    computeChangelog(base, git),
    readPreinstalled(repoRoot, model.files, options.preinstalled, bootstrapSaid, stamps),
    readRunbookFiles(model, repoRoot, config.runbooks, runbookDocs),
    options.secretDates ? lastCommitDates(repoRoot, model.sopsFiles.filter((f) => !f.disabled).map((f) => f.file), git) : null,
  ]);
  // Hand-written runbooks take the docs layer's slugs, so links between them (rendered by it) land.
  const slugs = new Map(repoMarkdownTreeIn(base, config.runbooks).docs.map((d) => [d.file, d.slug]));
  const analysis = analyse(model, config, {
    extraFindings: [...roadmap.findings, ...changelog.findings, ...docsFindings(base)],
    preinstalled,
    runbooks: { ...runbookFiles, slugs },
    ...(secretDates ? { gitLastChanged: new Map([...secretDates].filter((e): e is [string, string] => e[1] !== null)) } : {}),
  });
  // The planning view (deep dives answered, proposed items) reads the analyses' results.
  const facts = { model, health: analysis.health, secrets: analysis.secrets, findings: analysis.findings, runbookFolders: config.runbooks };
  const planned = withPlanning(roadmap, facts, base.commit?.date.slice(0, 10) ?? null);
  // Pages read findings from the model: give them every analysis' findings, not only the scan's.
  return { ...base, analysis, roadmap: planned, changelog, model: { ...model, findings: analysis.findings } };
}
