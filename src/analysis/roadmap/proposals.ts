import type { Finding, Severity } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { idOf, indexBy } from '../../model/group-by.ts';
import type { Decision, Roadmap, RoadmapItem, RoadmapPriority } from '../../model/roadmap.ts';
import type { ItemCheckResult } from './check-roadmap.ts';
import { appsByPaths, appsNamed, namespacesNamed } from './checks/mentions.ts';
import { linkCheck } from './checks/registry.ts';
import { PROPOSAL_TOPICS, topicOf, type ProposalTopic } from './proposal-topics.ts';

/**
 * Proposed items: the findings of the build that no roadmap item covers, grouped by topic into
 * items in the roadmap's own format. An item covers a finding when it is about the same topic (its
 * named check, or its title) and its scope holds the finding: a file it names, an app or namespace
 * it names, an object its check reports, or no scope at all (a topic-wide item). Findings matching
 * a deferred decision are set aside, never proposed, and so are monitoring findings of apps whose
 * Helm values switch their monitor off (`serviceMonitor.enabled: false`: a choice). Items GitOps Atlas wrote itself (inside the
 * ATLAS markers) cover nothing, so writing the proposals into the file does not erase them.
 */

interface ProposalFile {
  file: string;
  line: number;
  message: string;
  code: string;
}

export interface Proposal {
  id: string;
  title: string;
  topic: string;
  priority: RoadmapPriority;
  /** In the document's words: `30 minutes`, `1-2 hours`. */
  effort: string;
  /** Why this priority, in words. */
  why: string;
  check: string | null;
  action: string;
  files: ProposalFile[];
  /** Apps, namespaces or files the findings spread over. */
  spread: string[];
  /** Items on the same topic that cover other findings of it (the proposal extends them). */
  related: string[];
  doneWhen: string;
  severity: Severity;
}

interface SetAside {
  decision: Decision;
  findings: ProposalFile[];
}

export interface Proposals {
  proposals: Proposal[];
  /** Findings matching a deferred decision: not proposed, shown with the decision. */
  deferred: SetAside[];
  /** Monitoring findings of apps whose Helm values switch their monitor off: a choice, not proposed. */
  switchedOff: (ProposalFile & { path: string })[];
  /** How many candidate findings each item covers. */
  covered: { itemId: string; count: number }[];
  /** Candidate findings considered (actionable codes, not about the roadmap itself). */
  candidates: number;
}

const RANK: RoadmapPriority[] = ['critical', 'high', 'medium', 'low'];

/** error -> high, warning -> medium, info -> low; one step up over 5+ places; an error over 3+ is critical. */
export function priorityOf(severity: Severity, spread: number): { priority: RoadmapPriority; why: string } {
  const base = severity === 'error' ? 1 : severity === 'warning' ? 2 : 3;
  let rank = spread >= 5 ? base - 1 : base;
  if (severity === 'error' && spread >= 3) rank = 0;
  const priority = RANK[Math.max(0, rank)]!;
  return { priority, why: `${severity === 'info' ? 'notes' : `${severity}s`} over ${spread} place${spread === 1 ? '' : 's'}${rank < base ? ', raised for the spread' : ''}` };
}

/** Effort from the number of files to change, in the words the roadmap parser reads back. */
export function effortOf(files: number): string {
  if (files <= 1) return '15 minutes';
  if (files <= 3) return '30 minutes';
  if (files <= 6) return '1-2 hours';
  if (files <= 12) return '2-4 hours';
  return '4-8 hours';
}

function namespaceOf(f: Finding, model: RepoModel): string | null {
  const m = /^Namespace\/[^/]*\/(.+)$/.exec(f.objectId ?? '');
  if (m) return m[1]!;
  return (f.appId ? indexBy(model.apps, idOf).get(f.appId) : undefined)?.namespace ?? null;
}

/** Names a finding goes by, for matching decisions: its object's name and its app's name. */
function namesOf(f: Finding, model: RepoModel): string[] {
  const out: string[] = [];
  const last = f.objectId?.split('/').pop();
  if (last && last.length >= 3) out.push(last.toLowerCase());
  const app = (f.appId ? indexBy(model.apps, idOf).get(f.appId) : undefined);
  if (app && app.name.length >= 3) out.push(app.name.toLowerCase());
  return out;
}

function decisionFor(f: Finding, topic: ProposalTopic, decisions: readonly Decision[], model: RepoModel): Decision | null {
  const names = namesOf(f, model);
  return decisions.find((d) => topic.topic.test(d.text) && names.some((n) => new RegExp(`(^|[^a-z0-9-])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^a-z0-9-]|$)`, 'i').test(d.text))) ?? null;
}

interface ItemScope {
  item: RoadmapItem;
  check: string | null;
  paths: string[];
  apps: Set<string>;
  namespaces: Set<string>;
  shortfallObjects: Set<string>;
  shortfallFiles: Set<string>;
}

function scopeOf(item: RoadmapItem, result: ItemCheckResult | undefined, model: RepoModel): ItemScope {
  const link = linkCheck(item);
  return {
    item,
    check: result?.check?.name ?? (link && 'check' in link ? link.check.name : null),
    paths: [...item.files, ...item.filesToUpdate, ...item.filesToCreate].map((p) => p.path.replace(/\/+$/, '')),
    apps: new Set([...appsNamed(item, model).apps, ...appsByPaths(item, model)].map((m) => m.value.id)),
    namespaces: new Set(namespacesNamed(item, model).map((m) => m.value)),
    shortfallObjects: new Set((result?.shortfalls ?? []).flatMap((s) => (s.objectId ? [s.objectId] : []))),
    shortfallFiles: new Set((result?.shortfalls ?? []).map((s) => s.source.file)),
  };
}

function covers(s: ItemScope, f: Finding, topic: ProposalTopic, model: RepoModel): boolean {
  const onTopic = (topic.check !== null && s.check === topic.check) || topic.topic.test(s.item.title);
  if (!onTopic) return false;
  if (f.objectId && s.shortfallObjects.has(f.objectId)) return true;
  if (s.shortfallFiles.has(f.source.file)) return true;
  if (s.paths.some((p) => f.source.file === p || f.source.file.startsWith(`${p}/`))) return true;
  if (topic.scope === 'namespace') {
    const ns = namespaceOf(f, model);
    if (ns !== null && s.namespaces.has(ns)) return true;
    return s.namespaces.size === 0 && s.paths.length === 0 && s.shortfallObjects.size === 0;
  }
  if (f.appId && s.apps.has(f.appId)) return true;
  return s.apps.size === 0 && s.paths.length === 0 && s.shortfallObjects.size === 0;
}

function candidate(f: Finding): ProposalTopic | null {
  if (f.area === 'roadmap' || f.code.startsWith('ROADMAP_')) return null;
  const topic = topicOf(f.code);
  if (!topic) return null;
  return f.severity !== 'info' || topic.info ? topic : null;
}

/** `serviceMonitor.enabled: false`, `monitoring.serviceMonitor.enabled: false`, `serviceMonitor.create: false` ... */
const OFF_KEY = /(^|\.)(servicemonitors?|podmonitors?|prometheusrules?|monitoring|metrics)(\.[a-z]+)*\.(enabled|create)$/i;

/** The first values path of the finding's app that switches a monitor off, or null. */
function monitorSwitchedOff(f: Finding, model: RepoModel): string | null {
  if (f.code !== 'MONITORING_MISSING' || !f.appId) return null;
  const hits: string[] = [];
  const walk = (v: unknown, path: string, depth: number): void => {
    if (depth > 6 || v === null || typeof v !== 'object' || Array.isArray(v)) return;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const p = path ? `${path}.${k}` : k;
      if (x === false && OFF_KEY.test(p)) hits.push(p);
      else walk(x, p, depth + 1);
    }
  };
  for (const hr of model.helmReleases) if (hr.appId === f.appId) walk(hr.values, '', 0);
  // The ServiceMonitor switch says it most plainly; any other monitoring switch will do.
  return hits.find((p) => /servicemonitor/i.test(p)) ?? hits[0] ?? null;
}

const fileOf = (f: Finding): ProposalFile => ({ file: f.source.file, line: f.source.line, message: f.message, code: f.code });

export function proposeItems(roadmap: Roadmap | null, checks: readonly ItemCheckResult[], findings: readonly Finding[], model: RepoModel): Proposals {
  const block = roadmap?.generatedBlock ?? null;
  const own = (i: RoadmapItem) => block !== null && i.source.line > block.start && i.source.line < block.end;
  const byId = new Map(checks.map((c) => [c.itemId, c]));
  const scopes = (roadmap?.items ?? []).filter((i) => !own(i)).map((i) => scopeOf(i, byId.get(i.id), model));
  const decisions = roadmap?.decisions ?? [];
  const covered = new Map<string, number>();
  const deferred = new Map<Decision, ProposalFile[]>();
  const open = new Map<ProposalTopic, Finding[]>();
  const related = new Map<ProposalTopic, Set<string>>();
  const switchedOff: Proposals['switchedOff'] = [];
  let candidates = 0;
  for (const f of findings) {
    const topic = candidate(f);
    if (!topic) continue;
    candidates++;
    const off = monitorSwitchedOff(f, model);
    if (off) {
      switchedOff.push({ ...fileOf(f), path: off });
      continue;
    }
    const decision = decisionFor(f, topic, decisions, model);
    if (decision) {
      deferred.set(decision, [...(deferred.get(decision) ?? []), fileOf(f)]);
      continue;
    }
    // An item measured by the topic's own check first, then items whose title names the topic.
    const by = scopes.find((s) => topic.check !== null && s.check === topic.check && covers(s, f, topic, model)) ?? scopes.find((s) => covers(s, f, topic, model));
    if (by) {
      covered.set(by.item.id, (covered.get(by.item.id) ?? 0) + 1);
      related.set(topic, (related.get(topic) ?? new Set()).add(by.item.id));
      continue;
    }
    open.set(topic, [...(open.get(topic) ?? []), f]);
  }
  const drafts = PROPOSAL_TOPICS.filter((t) => open.has(t)).map((topic) => draft(topic, open.get(topic)!, related.get(topic), model));
  drafts.sort((a, b) => RANK.indexOf(a.priority) - RANK.indexOf(b.priority) || b.files.length - a.files.length || a.title.localeCompare(b.title));
  const taken = new Set((roadmap?.items ?? []).filter((i) => !own(i)).map((i) => i.id));
  let next = 1;
  for (const d of drafts) {
    while (taken.has(`P-${next}`)) next++;
    d.id = `P-${next++}`;
  }
  return {
    proposals: drafts,
    deferred: [...deferred].map(([decision, fs]) => ({ decision, findings: fs })),
    switchedOff,
    covered: [...covered].map(([itemId, count]) => ({ itemId, count })).sort((a, b) => a.itemId.localeCompare(b.itemId)),
    candidates,
  };
}

function draft(topic: ProposalTopic, fs: Finding[], related: Set<string> | undefined, model: RepoModel): Proposal {
  const files = fs.map(fileOf).sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const places = [...new Set(fs.map((f) => (topic.scope === 'namespace' ? namespaceOf(f, model) : null) ?? (f.appId ? indexBy(model.apps, idOf).get(f.appId) : undefined)?.id ?? f.source.file))].sort();
  const severity: Severity = fs.some((f) => f.severity === 'error') ? 'error' : fs.some((f) => f.severity === 'warning') ? 'warning' : 'info';
  const { priority, why } = priorityOf(severity, places.length);
  const codes = [...new Set(fs.map((f) => f.code))].sort();
  const distinctFiles = new Set(files.map((f) => f.file)).size;
  return {
    id: '',
    // "7 more namespaces" only where a roadmap item already covers some of them.
    title: related && related.size > 0 ? topic.title(fs.length) : topic.title(fs.length).replace(/ more /, ' '),
    topic: topic.key,
    priority,
    effort: effortOf(distinctFiles),
    why,
    check: topic.check,
    action: topic.action,
    files,
    spread: places,
    related: [...(related ?? [])].sort(),
    doneWhen: `\`atlas check\` reports no ${codes.join(' or ')} in ${distinctFiles === 1 ? 'this file' : `these ${distinctFiles} files`}${topic.check ? `, and the ${topic.check} check measures 100%` : ''}.`,
    severity,
  };
}
