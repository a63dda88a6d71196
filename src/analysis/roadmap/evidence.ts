import type { RepoFile } from '../../model/repo-model.ts';
import type { RoadmapItem } from '../../model/roadmap.ts';

/**
 * Generic evidence for every item, whatever check it has: whether each path it says to create
 * exists now, whether each path it says to update exists and changed after the roadmap's date,
 * and its checkboxes. File system and git are injected (`fileExists`, `changedSince`) so that
 * this stays a pure function; globs (`kubernetes/apps/*\/*\/app/externalsecret.yaml`) and bare
 * names (`ks.yaml`) are matched against the repository's file list instead.
 */

export interface PathEvidence {
  path: string;
  line: number;
  /** For a glob or bare name: how many repository files match; for a path: 1 or 0. */
  matches: number;
  exists: boolean;
  /** Changed after the roadmap's date (git); null when unknown (no date, no git, or a pattern). */
  changed: boolean | null;
}

export interface ItemEvidence {
  create: PathEvidence[];
  update: PathEvidence[];
  files: PathEvidence[];
  checkboxes: { checked: number; total: number };
  /** Files created and boxes ticked over all there are; null when the item names none. */
  progress: { done: number; total: number } | null;
}

export interface EvidenceDeps {
  fileExists: (path: string) => boolean;
  changedSince: (path: string, isoDate: string) => boolean | null;
  files: readonly RepoFile[];
  /** The roadmap's date (`Last Updated`), `YYYY-MM-DD`. */
  date: string | null;
}

/** A glob as a RegExp: `*` within a segment, `**` across segments. Linear: no nested quantifiers. */
function globRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function evidenceFor(path: string, line: number, deps: EvidenceDeps, askChanged: boolean): PathEvidence {
  const trimmed = path.replace(/\/+$/, '');
  const pattern = trimmed.includes('*') || trimmed.includes('?') || !trimmed.includes('/');
  if (pattern) {
    const re = globRegExp(trimmed.includes('/') ? trimmed : `**/${trimmed}`);
    const matches = deps.files.filter((f) => re.test(f.path)).length;
    return { path, line, matches, exists: matches > 0, changed: null };
  }
  const exists = deps.fileExists(trimmed) || deps.files.some((f) => f.path.startsWith(`${trimmed}/`));
  const changed = askChanged && exists && deps.date !== null ? deps.changedSince(trimmed, deps.date) : null;
  return { path, line, matches: exists ? 1 : 0, exists, changed };
}

export function itemEvidence(item: RoadmapItem, deps: EvidenceDeps): ItemEvidence {
  const create = item.filesToCreate.map((p) => evidenceFor(p.path, p.line, deps, false));
  const update = item.filesToUpdate.map((p) => evidenceFor(p.path, p.line, deps, true));
  const files = item.files.map((p) => evidenceFor(p.path, p.line, deps, true));
  const checked = item.checkboxes.filter((c) => c.checked).length;
  const total = create.length + item.checkboxes.length;
  const done = create.filter((c) => c.exists).length + checked;
  return {
    create,
    update,
    files,
    checkboxes: { checked, total: item.checkboxes.length },
    progress: total === 0 ? null : { done, total },
  };
}
