/**
 * Every generated runbook in one call, and the two views other parts of the site need: the
 * runbooks an app page links to, and the hand-written runbooks whose marker block `atlas export`
 * fills. Pure: the caller passes the model, the graph, scrubbed RawDocs and file texts.
 */
import { finding, type Finding } from '../../model/finding.ts';
import { addAppRunbook } from './add-app.ts';
import { bootstrapRunbook } from './bootstrap.ts';
import type { RawDoc } from '../../model/raw-doc.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import type { DepGraph } from '../graph/types.ts';
import { handWrittenRunbooks, type HandWrittenRunbook } from './hand-written.ts';
import { runbookMarkdown } from './markdown.ts';
import { handWrittenPath, RESERVED_SLUGS } from './paths.ts';
import { restoreRunbooks } from './restore.ts';
import { rotateExternalSecretRunbooks } from './rotate-external.ts';
import { rotateSopsRunbooks } from './rotate-sops.ts';
import type { Runbook, RunbookInput } from './types.ts';
import { upgradeRunbook } from './upgrade.ts';

export type { Runbook, RunbookInput } from './types.ts';
export type { HandWrittenRunbook } from './hand-written.ts';

/** Generated runbooks, sorted by id: add-app, bootstrap, restore:*, rotate:*, upgrade. */
export function generateRunbooks(input: RunbookInput, recipientNames: Readonly<Record<string, string>> = {}): Runbook[] {
  return [
    addAppRunbook(input.model),
    bootstrapRunbook(input),
    ...restoreRunbooks(input),
    ...rotateSopsRunbooks(input.model, recipientNames, input.docs),
    ...rotateExternalSecretRunbooks(input.model, input.docs),
    upgradeRunbook(input),
  ].sort((a, b) => a.id.localeCompare(b.id));
}


export interface RunbookExportTarget {
  /** Hand-written runbook whose marker block receives `generated`. */
  file: string;
  /** Markdown of the generated runbook, headings one level below the file's title. */
  generated: string;
  runbookId: string;
}

/**
 * Hand-written runbooks whose front matter says `atlas: <generated id>`: `atlas export` merges
 * `generated` between their `<!-- BEGIN ATLAS -->` / `<!-- END ATLAS -->` markers (mergeGenerated,
 * src/markdown/markers.ts). An id that names no generated runbook is a finding, not a guess.
 */
export function runbookExportTargets(
  generated: readonly Runbook[],
  handWritten: readonly HandWrittenRunbook[],
): { result: RunbookExportTarget[]; findings: Finding[] } {
  const byId = new Map(generated.map((r) => [r.id, r]));
  const result: RunbookExportTarget[] = [];
  const findings: Finding[] = [];
  for (const h of handWritten) {
    if (!h.atlas) continue;
    const rb = byId.get(h.atlas);
    if (!rb) {
      findings.push(finding('RUNBOOK_ATLAS_ID_UNKNOWN', 'warning', `Front matter "atlas: ${h.atlas}" names no generated runbook; use an id like restore:<namespace>/<app>, rotate:sops:<file>, add-app, bootstrap or upgrade.`, { file: h.file, line: 1, col: 1 }, { area: 'docs' }));
      continue;
    }
    result.push({ file: h.file, generated: runbookMarkdown(rb, 2), runbookId: rb.id });
  }
  return { result: result.sort((a, b) => a.file.localeCompare(b.file)), findings };
}

/** What the runbooks read besides the model: the texts src/repo/runbook-files.ts reads. */
export interface RunbookTexts {
  /** Scrubbed RawDocs of the files whose fields a runbook shows. */
  docs: readonly RawDoc[];
  headers: readonly { file: string; text: string }[];
  /** Hand-written runbooks: Markdown files under the configured folders. */
  texts: readonly { file: string; text: string }[];
  /**
   * Slug of each hand-written runbook as the docs layer gives it (repoMarkdownIn), so links between
   * runbooks, which that layer renders, land on the runbook's page.
   */
  slugs?: ReadonlyMap<string, string>;
}

/** Every runbook of a repository: what /runbooks/, the app pages and `atlas export` show. */
export interface Runbooks {
  /** Sorted by id. */
  generated: Runbook[];
  /** Sorted by file. */
  handWritten: HandWrittenRunbook[];
  /** Hand-written runbooks whose marker block `atlas export` fills, sorted by file. */
  exportTargets: RunbookExportTarget[];
}

/**
 * The generated and hand-written runbooks, computed once with the other analyses; their findings
 * (front matter, an `atlas:` id that names no generated runbook) join every other finding.
 */
export function repoRunbooks(
  model: RepoModel,
  graph: DepGraph | null,
  texts: RunbookTexts,
  options: { folders: readonly string[]; recipients?: Readonly<Record<string, string>> },
): { result: Runbooks; findings: Finding[] } {
  const generated = generateRunbooks({ model, graph, docs: texts.docs, headers: texts.headers }, options.recipients);
  const hand = handWrittenRunbooks(model, texts.texts, options.folders);
  const handWritten = hand.result.map((h) => {
    const slug = texts.slugs?.get(h.file);
    return slug && !RESERVED_SLUGS.has(slug.split('/')[0]!) ? { ...h, slug, path: handWrittenPath(slug) } : h;
  });
  const targets = runbookExportTargets(generated, handWritten);
  return { result: { generated, handWritten, exportTargets: targets.result }, findings: [...hand.findings, ...targets.findings] };
}
