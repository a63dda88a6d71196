/**
 * The roadmap as the /roadmap/ pages show it: parsed, every item measured against the model,
 * progress, burn-down over the file's git history, and the apps each item concerns.
 *
 * computeAtlas() (atlas.ts) runs it right after the scan, so its findings reach every page, and adds
 * the planning view (withPlanning) once the analyses ran.
 */
import type { AtlasConfig } from '../config/schema.ts';
import type { App } from '../model/app.ts';
import type { Finding } from '../model/finding.ts';
import type { RepoModel } from '../model/repo-model.ts';
import type { Roadmap, RoadmapItem } from '../model/roadmap.ts';
import { burndownPoints, renderBurndownSvg, type BurndownPoint } from '../analysis/roadmap/burndown.ts';
import { checkRoadmap, type ItemCheckResult } from '../analysis/roadmap/check-roadmap.ts';
import { completedNotes, type CompletedNote } from '../analysis/roadmap/completed-check.ts';
import { appsByPaths, appsNamed, namespacesNamed } from '../analysis/roadmap/checks/mentions.ts';
import { measuredProgress, type MeasuredProgress } from '../analysis/roadmap/progress-measured.ts';
import { roadmapProgress, type RoadmapProgress } from '../analysis/roadmap/progress.ts';
import { deepDiveViews, type DeepDiveView } from '../analysis/roadmap/deep-dive-answers.ts';
import type { PlanningFacts } from '../analysis/roadmap/planning-facts.ts';
import { proposeItems, type Proposals } from '../analysis/roadmap/proposals.ts';
import { renderProposals } from '../analysis/roadmap/proposals-md.ts';
import { roadmapStaleness, type Staleness, type Today } from '../analysis/roadmap/staleness.ts';
import { parseRoadmap } from '../repo/roadmap/parse.ts';
import { changedSinceFrom, lastCommitDates, lastManifestChange, readRoadmapHistory, readRoadmapText, type GitOptions } from '../repo/roadmap-read.ts';
import { idOf, indexBy } from '../model/group-by.ts';

/** An app an item concerns, with the reason it was linked (for the link's title). */
interface ItemApp {
  id: string;
  name: string;
  namespace: string;
  cluster: string | null;
  via: 'text' | 'path' | 'shortfall';
}

export interface RoadmapItemView {
  item: RoadmapItem;
  check: ItemCheckResult;
  apps: ItemApp[];
  /** Namespaces of the model the item names (`Media Namespace`, a path segment). */
  namespaces: string[];
}

export interface RoadmapData {
  /** Null when the repository has no roadmap file (the page then says how to add one). */
  roadmap: Roadmap | null;
  items: RoadmapItemView[];
  progress: RoadmapProgress | null;
  /** Overall, then per priority: progress weighted by what each item measures. */
  measured: MeasuredProgress[];
  /** Completed-list entries the model contradicts (an app they say was activated is not here), each with its note. */
  completedNotes: CompletedNote[];
  burndown: BurndownPoint[];
  /** Inline SVG, escaped by renderBurndownSvg. */
  burndownSvg: string | null;
  /** Parse, check and progress findings, sorted by file then line. */
  findings: Finding[];
  /** Next review date passed, or last updated long before the manifests changed; null without a roadmap. */
  staleness: Staleness | null;
  /** Deep dives answered and proposed items: added after the analyses ran (withPlanning). */
  planning: RoadmapPlanning | null;
}

/** The planning view: needs the other analyses' results, so it is computed after them. */
interface RoadmapPlanning {
  deepDives: DeepDiveView[];
  proposals: Proposals;
  /** The proposals in the roadmap's own format (what `atlas export` writes between the markers). */
  proposalsMarkdown: string;
}

export interface RoadmapInput {
  model: RepoModel;
  config: { roadmap: Pick<AtlasConfig['roadmap'], 'file' | 'checks'> & Partial<Pick<AtlasConfig['roadmap'], 'today' | 'staleAfterDays'>> };
  repoRoot: string;
  /** The commit built: its date is "today" unless the configuration sets roadmap.today. */
  commit?: { sha: string; date: string } | null;
}

/** "Today" for the stale-roadmap check: configured, else the commit's date; never the clock. */
export function todayOf(input: Pick<RoadmapInput, 'config' | 'commit'>): Today | null {
  if (input.config.roadmap.today) return { date: input.config.roadmap.today, from: 'config' };
  return input.commit?.date ? { date: input.commit.date.slice(0, 10), from: 'head-commit' } : null;
}

const OBJECT_APP = new WeakMap<RepoModel, Map<string, string>>();

/** The app of each object id, made once per model (not once per roadmap item). */
function objectAppOf(model: RepoModel): Map<string, string> {
  let objectApp = OBJECT_APP.get(model);
  if (objectApp) return objectApp;
  objectApp = new Map<string, string>();
  for (const o of model.objects) if (o.appId) objectApp.set(o.id, o.appId);
  for (const a of model.apps) for (const o of [...a.objects, ...a.kustomizations]) objectApp.set(o, a.id);
  OBJECT_APP.set(model, objectApp);
  return objectApp;
}

/** Apps named in the item's text or paths, and those owning an object that falls short. */
function itemApps(item: RoadmapItem, check: ItemCheckResult, model: RepoModel): ItemApp[] {
  const out = new Map<string, ItemApp>();
  const add = (app: App, via: ItemApp['via']): void => {
    if (!out.has(app.id)) out.set(app.id, { id: app.id, name: app.name, namespace: app.namespace, cluster: app.cluster, via });
  };
  for (const m of appsNamed(item, model).apps) add(m.value, 'text');
  for (const m of appsByPaths(item, model)) add(m.value, 'path');
  const byId = indexBy(model.apps, idOf);
  const objectApp = objectAppOf(model);
  for (const s of check.shortfalls) {
    if (!s.objectId) continue;
    const app = byId.get(s.objectId) ?? byId.get(objectApp.get(s.objectId) ?? '');
    if (app) add(app, 'shortfall');
  }
  return [...out.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** Everything the roadmap pages need, from a scanned model. Reads the roadmap file and git only. */
export async function computeRoadmapData(input: RoadmapInput, options: GitOptions = {}): Promise<RoadmapData> {
  const { model, config, repoRoot } = input;
  const read = await readRoadmapText(repoRoot, model.files, config.roadmap.file);
  if (read.result === null) return { roadmap: null, items: [], progress: null, measured: [], completedNotes: [], burndown: [], burndownSvg: null, findings: read.findings, staleness: null, planning: null };
  const { file, text } = read.result;
  const parsed = parseRoadmap(text, file);
  const roadmap = parsed.result;
  const named = roadmap.items.flatMap((i) => [...i.filesToUpdate, ...i.files].map((p) => p.path.replace(/\/+$/, '')));
  const dates = roadmap.date === null ? new Map<string, string | null>() : await lastCommitDates(repoRoot, named, options);
  const known = new Set(model.files.map((f) => f.path));
  const checked = checkRoadmap(roadmap, model, {
    fileExists: (p) => known.has(p),
    changedSince: changedSinceFrom(dates),
    checksConfig: config.roadmap.checks,
  });
  const progress = roadmapProgress(roadmap, checked.result);
  const notes = completedNotes(roadmap, model);
  const history = await readRoadmapHistory(repoRoot, file, options);
  const burndown = burndownPoints(history, (t) => parseRoadmap(t, file).result);
  const byId = new Map(checked.result.map((c) => [c.itemId, c]));
  const items = roadmap.items.map((item) => {
    const check = byId.get(item.id)!;
    return { item, check, apps: itemApps(item, check, model), namespaces: namespacesNamed(item, model).map((m) => m.value) };
  });
  const stale = roadmapStaleness(roadmap, {
    today: todayOf(input),
    lastManifestChange: roadmap.date === null ? null : await lastManifestChange(repoRoot, options),
    staleAfterDays: config.roadmap.staleAfterDays ?? 30,
  });
  const findings = [...read.findings, ...parsed.findings, ...checked.findings, ...progress.findings, ...stale.findings].sort(
    (a, b) => a.source.file.localeCompare(b.source.file) || a.source.line - b.source.line || a.code.localeCompare(b.code),
  );
  return {
    roadmap,
    items,
    progress: progress.result,
    measured: measuredProgress(roadmap, checked.result, new Set(notes.map((n) => n.id))),
    completedNotes: notes,
    burndown,
    burndownSvg: burndown.length > 0 ? renderBurndownSvg(burndown) : null,
    findings,
    staleness: stale.result,
    planning: null,
  };
}

/**
 * Add the planning view once the analyses ran: deep-dive questions answered from their results,
 * and the findings no item covers as proposed items. Pure over its inputs.
 */
export function withPlanning(data: RoadmapData, facts: PlanningFacts, asOf: string | null): RoadmapData {
  const rm = data.roadmap;
  const proposals = proposeItems(rm, data.items.map((v) => v.check), facts.findings, facts.model);
  return {
    ...data,
    planning: {
      deepDives: rm ? deepDiveViews(rm.deepDives, rm.analysisQueue?.entries ?? [], facts) : [],
      proposals,
      proposalsMarkdown: renderProposals(proposals, asOf),
    },
  };
}
