import type { RepoModel } from '../../model/repo-model.ts';
import type { CompletedItem, Roadmap } from '../../model/roadmap.ts';
import { deployedIn } from './deployed.ts';

/**
 * The completed list read against the model. An entry that says apps were switched on (`Selected
 * apps activated (librechat2, homepage)`, `Trivy Operator activated for vulnerability scanning`)
 * while the repository has no such app, or has it but Flux does not deploy it, is contradicted: it
 * gets a note and does not count as done in the measured progress (it was counted done unread).
 *
 * Only entries whose wording names apps are read: the verb says the thing runs (activated, enabled,
 * deployed, installed) and the names are either a parenthesised list of plain names right after it
 * or a proper name before it. Anything else (`All 10 monitoring exporters activated (blackbox, media
 * exporters, etc.)`, `dependencies corrected (...)`) is left as the author wrote it.
 */
export interface CompletedNote {
  id: string;
  /** Line of the entry in the roadmap file. */
  line: number;
  /** Names the repository has no app, release or Kustomization of. */
  missing: string[];
  /** Names the repository has, none of whose matches Flux deploys. */
  notDeployed: string[];
  /** One sentence for the page. */
  note: string;
}

const RUNS = /^(.{1,80}?)\s+(?:re-?)?(?:activated|enabled|deployed|installed)\b\s*(.*)$/i;
const PLAIN_NAME = /^[a-z0-9][a-z0-9.-]{0,62}$/i;
const GENERIC = /^(?:all|selected|some|several|various|other|remaining|the|\d+)\b/i;
const COMPONENT = /^(?:operator|controller|exporter|server|agent|dashboard|stack)$/i;

/**
 * Whether the words before the verb are a name, not a phrase: a name written as code (`trivy`), a
 * lower-case or camel-case token (`librechat2`, `CloudNativePG`), or capitalised words ending in a
 * component word (`Trivy Operator`). A capitalised common word (`Monitoring enabled`) is not one.
 */
function isName(subject: string, code: boolean): boolean {
  const words = subject.split(/\s+/);
  if (code) return words.length <= 3;
  if (words.length > 3 || GENERIC.test(subject)) return false;
  if (words.length === 1) return /^[a-z0-9][a-z0-9.-]*$/.test(subject) || /[a-z][A-Z]/.test(subject);
  return COMPONENT.test(words.at(-1)!) && words.every((w) => /^[A-Z0-9][A-Za-z0-9.-]*$/.test(w));
}

/** The app names an entry says were switched on; empty when its wording names none. */
export function namesSwitchedOn(text: string): string[] {
  const raw = text.trim();
  const m = RUNS.exec(raw.replace(/\*/g, ''));
  if (!m) return [];
  const [, said, rest] = m as unknown as [string, string, string];
  const list = /^\(([^)]{1,300})\)/.exec(rest.replace(/`/g, ''));
  if (list) {
    const parts = list[1]!.split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (parts.length > 0 && parts.every((p) => PLAIN_NAME.test(p))) return parts;
  }
  const code = /^`[^`]+`$/.test(said.trim());
  const subject = said.replace(/`/g, '').trim();
  return isName(subject, code) ? [subject] : [];
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/\s+/g, '-').replace(/[^a-z0-9.-]/g, '');
}

/** What of the repository a name matches: apps by name, HelmReleases by name or chart, Flux Kustomizations by name. */
function matches(name: string, model: RepoModel): { found: boolean; deployed: boolean } {
  const n = normalise(name);
  const candidates = new Set([n, n.replace(/-operator$/, ''), n.replace(/-(?:clusters?|operator|controller)$/, '')]);
  const squashed = new Set([...candidates].map((c) => c.replace(/-/g, '')));
  const hit = (s: string | null): boolean => s !== null && (candidates.has(s.toLowerCase()) || squashed.has(s.toLowerCase().replace(/-/g, '')));
  const d = deployedIn(model);
  const apps = model.apps.filter((a) => hit(a.name));
  const releases = model.helmReleases.filter((h) => hit(h.name) || hit(h.chart.name));
  const kustomizations = model.kustomizations.filter((k) => hit(k.name));
  const found = apps.length + releases.length + kustomizations.length > 0;
  const deployed = apps.some((a) => d.app(a)) || releases.some((h) => d.object(h)) || kustomizations.some((k) => d.object(k));
  return { found, deployed };
}

const list = (xs: readonly string[]): string => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

function noteFor(entry: CompletedItem, model: RepoModel): CompletedNote | null {
  const names = namesSwitchedOn(entry.text);
  if (names.length === 0) return null;
  const missing: string[] = [];
  const notDeployed: string[] = [];
  for (const name of names) {
    const m = matches(name, model);
    if (!m.found) missing.push(name);
    else if (!m.deployed) notDeployed.push(name);
  }
  if (missing.length === 0 && notDeployed.length === 0) return null;
  const parts = [
    ...(missing.length ? [`the repository has no ${list(missing)}`] : []),
    ...(notDeployed.length ? [`Flux does not deploy ${list(notDeployed)}`] : []),
  ];
  const note = `Listed as completed, but ${parts.join(', and ')}: not counted as done.`;
  return { id: entry.id, line: entry.source.line, missing, notDeployed, note };
}

/** A note for each completed-list entry the model contradicts, in file order. */
export function completedNotes(roadmap: Pick<Roadmap, 'completed'>, model: RepoModel): CompletedNote[] {
  return roadmap.completed.flatMap((c) => noteFor(c, model) ?? []);
}
