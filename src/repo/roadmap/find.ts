/**
 * Which file is the roadmap: the configured path when given, else the first of ROADMAP.md,
 * IMPROVEMENTS.md, docs/ROADMAP.md present in the repository (any letter case). Pure: it takes
 * the repository's file list, so discovery stays in one place.
 */

const ROADMAP_CANDIDATES = ['ROADMAP.md', 'IMPROVEMENTS.md', 'docs/ROADMAP.md'] as const;
const CANDIDATES_LOWER = new Set<string>(ROADMAP_CANDIDATES.map((c) => c.toLowerCase()));

export function findRoadmapPath(paths: readonly string[], configured?: string | null): string | null {
  if (configured) return paths.includes(configured) ? configured : null;
  // Of the paths that spell a candidate in some letter case, the first in sort order wins.
  const byLower = new Map<string, string>();
  for (const p of paths.filter((p) => CANDIDATES_LOWER.has(p.toLowerCase())).sort()) if (!byLower.has(p.toLowerCase())) byLower.set(p.toLowerCase(), p);
  for (const c of ROADMAP_CANDIDATES) {
    const hit = byLower.get(c.toLowerCase());
    if (hit) return hit;
  }
  return null;
}
