import { opendirSync } from 'node:fs';
import { finding, type Finding } from '../model/finding.ts';
import { fileSource } from '../model/source.ts';
import { matchesPattern, type PathFilter } from './globs.ts';
import { isInside, resolveLink } from './symlinks.ts';

/** Folders never worth reading: git's own store and installed packages. */
export const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

export interface WalkLimits {
  /** Deepest folder level entered (the root is level 0). */
  maxDepth: number;
  /** Directory entries looked at in total; bounds the walk on a huge or hostile tree. */
  maxEntries: number;
}

interface Dir {
  abs: string;
  rel: string;
  real: string;
  depth: number;
}

/**
 * A bounded walk for folders that are not git work trees. Returns candidate repo-relative paths
 * of non-directory entries (symlinks included; the caller checks where they lead).
 *
 * Real folders are walked first and symlinked folders afterwards, so that a link to a folder that
 * is also reachable directly is skipped (reading it twice would count its objects twice) no
 * matter which name sorts first. A link to the folder it sits in, or one above, is a loop.
 */
export async function walkFiles(
  rootReal: string,
  filter: PathFilter,
  limits: WalkLimits,
  findings: Finding[],
): Promise<string[]> {
  const out: string[] = [];
  const visited = new Set<string>([rootReal]);
  const queue: Dir[] = [{ abs: rootReal, rel: '', real: rootReal, depth: 0 }];
  const linked: Dir[] = [];
  let entries = 0;

  for (;;) {
    let dir = queue.pop();
    if (!dir) {
      // Every real folder is walked: follow the next symlinked folder whose target was not.
      let next = linked.shift();
      while (next && visited.has(next.real)) next = linked.shift();
      if (!next) break;
      visited.add(next.real);
      dir = next;
    }
    // Synchronous listing, one entry at a time (bounded memory in a huge folder): the async
    // iterator cost a thread-pool round trip per batch, most of a dev re-scan's discovery.
    let handle;
    try {
      handle = opendirSync(dir.abs);
    } catch {
      continue; // unreadable folder: nothing we can list
    }
    const dirents = [];
    try {
      for (let d = handle.readSync(); d !== null; d = handle.readSync()) {
        if (++entries > limits.maxEntries) {
          findings.push(
            finding('WALK_LIMIT_REACHED', 'warning', `Stopped listing files after ${limits.maxEntries} entries; set include/exclude globs to narrow the scan.`, fileSource(dir.rel || '.'), { area: 'yaml' }),
          );
          return out;
        }
        dirents.push(d);
      }
    } catch {
      // A folder that vanished or turned unreadable while listed: keep what was listed.
    } finally {
      handle.closeSync();
    }
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of dirents) {
      const rel = dir.rel === '' ? d.name : `${dir.rel}/${d.name}`;
      const abs = `${dir.abs}/${d.name}`;
      if (d.isDirectory()) {
        if (SKIPPED_DIRS.has(d.name) || isExcludedDir(rel, filter)) continue;
        const real = `${dir.real}/${d.name}`;
        if (dir.depth + 1 > limits.maxDepth) {
          findings.push(finding('WALK_TOO_DEEP', 'warning', `Folder nesting deeper than ${limits.maxDepth} levels was not read.`, fileSource(rel), { area: 'yaml' }));
          continue;
        }
        visited.add(real);
        queue.push({ abs, rel, real, depth: dir.depth + 1 });
      } else if (d.isSymbolicLink()) {
        const target = await resolveLink(abs, rootReal);
        if (target.ok && target.stats.isDirectory()) {
          if (SKIPPED_DIRS.has(d.name) || isExcludedDir(rel, filter)) continue;
          if (isInside(dir.real, target.real)) {
            findings.push(finding('SYMLINK_LOOP', 'warning', 'Symlink points to a folder that contains it (a loop); not followed.', fileSource(rel), { area: 'yaml' }));
          } else if (dir.depth + 1 <= limits.maxDepth) {
            linked.push({ abs, rel, real: target.real, depth: dir.depth + 1 });
          }
          continue;
        }
        out.push(rel); // file link, broken or outside link: the caller reports and decides
      } else {
        out.push(rel);
      }
    }
  }
  return out;
}

/** Prune a folder early when an exclude pattern covers it (`archive`, `archive/**`). */
function isExcludedDir(rel: string, filter: PathFilter): boolean {
  return (filter.exclude ?? []).some((p) => matchesPattern(rel, p));
}
