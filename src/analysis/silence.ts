/**
 * Silences from atlas.config.yaml: a finding is silenced by code, optionally narrowed to one object
 * or app id and to files matching a glob. The reason stays with the finding so the site can show
 * why it is accepted.
 */
import { matchesGlob } from 'node:path/posix';
import type { AtlasConfig } from '../config/schema.ts';
import type { Finding } from '../model/finding.ts';

export type Silence = AtlasConfig['silence'][number];

export interface SilencedFinding {
  finding: Finding;
  reason: string;
}

function silenceMatches(s: Silence, f: Finding): boolean {
  if (s.code !== f.code) return false;
  if (s.object !== undefined && s.object !== f.objectId && s.object !== f.appId) return false;
  if (s.file !== undefined && !fileMatches(f.source.file, s.file)) return false;
  return true;
}

/** A glob, or a plain path naming a file or a whole folder. */
function fileMatches(path: string, pattern: string): boolean {
  const p = pattern.replace(/^\.\//, '');
  if (!/[*?[\]{}]/.test(p)) {
    const dir = p.replace(/\/+$/, '');
    return path === dir || path.startsWith(dir + '/');
  }
  return matchesGlob(path, p);
}

/** Split findings into those still active and those silenced (with the first matching reason). */
export function applySilences(findings: readonly Finding[], silences: readonly Silence[]): { active: Finding[]; silenced: SilencedFinding[] } {
  const active: Finding[] = [];
  const silenced: SilencedFinding[] = [];
  for (const f of findings) {
    const s = silences.find((x) => silenceMatches(x, f));
    if (s) silenced.push({ finding: f, reason: s.reason });
    else active.push(f);
  }
  return { active, silenced };
}
