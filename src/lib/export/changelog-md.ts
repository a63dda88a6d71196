/**
 * The changelog of one repository, assembled from what src/repo/changelog-read.ts read: app
 * descriptors from the model, the hand-written CHANGELOG.md parsed (its generated block skipped),
 * commits classified and grouped by buildChangelog. The site's loader (getChangelog) and the
 * `atlas export` command share this one assembly, so the page and CHANGELOG.md never disagree.
 */
import type { AtlasConfig } from '../../config/schema.ts';
import type { App } from '../../model/app.ts';
import { sortFindings, type Finding } from '../../model/finding.ts';
import type { Bump, RawCommit } from '../../model/changelog-entry.ts';
import type { FluxSource } from '../../model/flux.ts';
import type { HelmRelease } from '../../model/helm-release.ts';
import type { RepoFile } from '../../model/repo-model.ts';
import type { AppDescriptor } from '../../analysis/changelog/attribute.ts';
import { buildChangelog, type Changelog } from '../../analysis/changelog/build.ts';
import { pastAppDescriptors } from '../../analysis/changelog/past-apps.ts';
import { parseHandwrittenChangelog } from '../../analysis/changelog/handwritten.ts';
import { renderChangelogMarkdown } from '../../analysis/changelog/render-markdown.ts';
import { readChangelogInputs, type ChangelogInputs, type ChangelogReadOptions } from '../../repo/changelog-read.ts';
import { artifactNameOfUrl } from '../../repo/extract/chart-source.ts';

export interface ChangelogData {
  changelog: Changelog;
  /** True when git history was found; false means only hand-written entries are shown. */
  available: boolean;
  /** HEAD's sha where there is history. */
  head: string | null;
  /** The history was cut at `changelog.maxCommits`. */
  truncated: boolean;
  /** Path of the hand-written CHANGELOG.md, when the repository has one. */
  handwrittenFile: string | null;
  /** Read, parse and build findings, sorted by file then line. */
  findings: Finding[];
}

/** The parts of the scanned model the changelog reads. Charts and sources are optional (tests). */
export interface ChangelogModel {
  files: readonly RepoFile[];
  apps: readonly Pick<App, 'id' | 'dir' | 'dirs' | 'name'>[];
  helmReleases?: readonly Pick<HelmRelease, 'source' | 'chart'>[];
  sources?: readonly Pick<FluxSource, 'kind' | 'source' | 'url'>[];
}

/** What attribution needs of an app: its id and every folder that belongs to it. */
function appDescriptors(apps: readonly Pick<App, 'id' | 'dir' | 'dirs'>[]): AppDescriptor[] {
  return apps.map((app) => ({ id: app.id, dirs: [...new Set([app.dir, ...app.dirs])] }));
}

/**
 * Chart names by file, from the model at HEAD: the last resort for a chart bump neither its hunk nor
 * its file at the commit named (a `chart: ${CHART}` the model resolved). The HelmRelease (or, for a
 * chartRef, the OCIRepository whose tag is the version) in that file knows the real one
 * (`app-template`), as the model resolved it.
 */
export function chartNamesByFile(model: Pick<ChangelogModel, 'helmReleases' | 'sources'>): Map<string, string> {
  const names = new Map<string, string>();
  for (const hr of model.helmReleases ?? []) {
    if (hr.chart.via === 'chart' && hr.chart.name) names.set(hr.source.file, hr.chart.name);
  }
  for (const hr of model.helmReleases ?? []) {
    const at = hr.chart.via === 'chartRef' ? hr.chart.sourceAt : null;
    if (at && hr.chart.name && !names.has(at.file)) names.set(at.file, hr.chart.name);
  }
  // An OCIRepository no release takes its chart from (a Kustomization's manifests): its artifact's name.
  for (const src of model.sources ?? []) {
    const name = src.kind === 'OCIRepository' && src.url ? artifactNameOfUrl(src.url) : null;
    if (name && !names.has(src.source.file)) names.set(src.source.file, name);
  }
  return names;
}

/**
 * Chart bumps nothing named (the folder's name stands in) get the chart's name where HEAD's model
 * knows it. Only those: a name read at the bump's own commit is right for that commit, where HEAD's
 * file may name another chart since, or be gone.
 */
function nameChartBumps(commits: readonly RawCommit[], names: ReadonlyMap<string, string>): RawCommit[] {
  if (names.size === 0) return [...commits];
  const rename = (b: Bump): Bump => {
    const chart = b.kind === 'chart' && b.nameGuessed ? names.get(b.file) : undefined;
    if (!chart) return b;
    const { nameGuessed: _, ...named } = b;
    return { ...named, name: chart };
  };
  return commits.map((c) => (c.bumps && c.bumps.length > 0 ? { ...c, bumps: c.bumps.map(rename) } : c));
}

/**
 * The last assembly from each history (the commits read at one HEAD), with what else it was made
 * from. The dev server re-scans after every save at the same HEAD: a save that leaves the apps'
 * folders, the chart names and the hand-written CHANGELOG.md as they were gets the same changelog
 * without attributing every commit to the apps again (~50 ms at 1,000 apps and 300 commits).
 */
const lastAssembled = new WeakMap<readonly RawCommit[], { key: string; data: ChangelogData }>();

/** Pure: the changelog from read inputs and the scanned model (memoised on all of them). */
function assembleChangelog(inputs: ChangelogInputs, model: ChangelogModel): ChangelogData {
  const names = chartNamesByFile(model);
  const head = appDescriptors(model.apps);
  // Apps the history had and HEAD has not, so that their files and bumps are theirs, not a parent folder's app's.
  const apps = inputs.pastApps.length === 0 ? head : [...head, ...pastAppDescriptors(inputs.pastApps, head, model.files.map((f) => f.path))];
  const key = JSON.stringify([apps, [...names], inputs.handwritten, inputs.available, inputs.head, inputs.truncated, inputs.findings]);
  const last = lastAssembled.get(inputs.commits);
  if (last?.key === key) return last.data;
  const parsed = inputs.handwritten
    ? parseHandwrittenChangelog(inputs.handwritten.text, inputs.handwritten.file)
    : { entries: [], findings: [] };
  const commits = nameChartBumps(inputs.commits, names);
  const built = buildChangelog(commits, apps, parsed.entries);
  const data: ChangelogData = {
    changelog: built.result,
    available: inputs.available,
    head: inputs.head,
    truncated: inputs.truncated,
    handwrittenFile: inputs.handwritten?.file ?? null,
    findings: sortFindings([...inputs.findings, ...parsed.findings, ...built.findings]),
  };
  lastAssembled.set(inputs.commits, { key, data });
  return data;
}

/** Read (memoised per scanned model) and assemble. */
export async function loadChangelogData(
  repoRoot: string,
  model: ChangelogModel,
  config: Pick<AtlasConfig, 'changelog'>,
  options: ChangelogReadOptions = {},
): Promise<ChangelogData> {
  const inputs = await readChangelogInputs(repoRoot, model.files, config.changelog, options);
  return assembleChangelog(inputs, model);
}

/**
 * The generated block of CHANGELOG.md (without markers) for `atlas export`, which merges it into
 * the file with the marker merge; the hand-written part stays untouched. `file` is the existing
 * changelog's path in the repository's own casing, or `CHANGELOG.md` when there is none.
 */
export async function changelogExport(
  repoRoot: string,
  model: ChangelogModel,
  config: Pick<AtlasConfig, 'changelog'>,
  options: ChangelogReadOptions = {},
): Promise<{ file: string; generated: string; findings: Finding[] }> {
  const data = await loadChangelogData(repoRoot, model, config, options);
  return { ...changelogBlock(data, model.apps), findings: data.findings };
}

/** The same block from changelog data already read (computeAtlas reads it once for site and export). */
export function changelogBlock(data: ChangelogData, apps: readonly Pick<App, 'id' | 'name'>[]): { file: string; generated: string } {
  const names = new Map(apps.map((a) => [a.id, a.name]));
  const generated = renderChangelogMarkdown(data.changelog, { appName: (id) => names.get(id) ?? id.split('/').at(-1) ?? id });
  return { file: data.handwrittenFile ?? 'CHANGELOG.md', generated };
}
