/**
 * Baselines: adopt `atlas check` in a repository with old debt by recording today's findings and
 * failing only on new ones. A fingerprint is code + file + the object id (or the message with
 * numbers blanked), never the line, so edits elsewhere in a file do not break the baseline.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../../model/finding.ts';

export interface Baseline {
  version: 1;
  fingerprints: string[];
}

/** Message with line/size numbers blanked, so "line 12" and "line 13" are the same debt. */
const normalise = (m: string) => m.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

export function fingerprint(f: Finding): string {
  const key = [f.code, f.source.file, f.objectId ?? '', f.objectId ? '' : normalise(f.message)].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

export function makeBaseline(findings: readonly Finding[]): Baseline {
  return { version: 1, fingerprints: [...new Set(findings.map(fingerprint))].sort() };
}

export function serialiseBaseline(b: Baseline): string {
  return JSON.stringify(b, null, 2) + '\n';
}

/** Parse a baseline file's text; throws with a readable message on a file that is not one. */
export function parseBaseline(text: string): Baseline {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON: ${(error as Error).message}`);
  }
  const o = v as Partial<Baseline> | null;
  if (!o || o.version !== 1 || !Array.isArray(o.fingerprints) || !o.fingerprints.every((x) => typeof x === 'string')) {
    throw new Error('expected { "version": 1, "fingerprints": [ ... ] }');
  }
  return { version: 1, fingerprints: o.fingerprints };
}

/** Findings whose fingerprint the baseline does not hold. */
export function newFindings(findings: readonly Finding[], baseline: Baseline): Finding[] {
  const known = new Set(baseline.fingerprints);
  return findings.filter((f) => !known.has(fingerprint(f)));
}
