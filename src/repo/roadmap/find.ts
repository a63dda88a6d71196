/**
 * Which file is the roadmap: the configured path when given, else the first of ROADMAP.md,
 * IMPROVEMENTS.md, docs/ROADMAP.md present in the repository (any letter case). Pure: it takes
 * the repository's file list, so discovery stays in one place.
 */

const ROADMAP_CANDIDATES = ['ROADMAP.md', 'IMPROVEMENTS.md', 'docs/ROADMAP.md'] as const;

export function findRoadmapPath(paths: readonly string[], configured?: string | null): string | null {
  if (configured) return paths.includes(configured) ? configured : null;
  const byLower = new Map<string, string>();
  for (const p of [...paths].sort()) if (!byLower.has(p.toLowerCase())) byLower.set(p.toLowerCase(), p);
  for (const c of ROADMAP_CANDIDATES) {
    const hit = byLower.get(c.toLowerCase());
    if (hit) return hit;
  }
  return null;
}
