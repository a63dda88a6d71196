/**
 * Renovate-style update types for a version change, without a semver dependency: versions in Flux
 * repositories are rarely strict semver (`v1.2.3`, `1.2`, `2026.8.3`, `>=1.0.0-0`, `15.4-alpine`,
 * `sha256:...`). The numeric release parts are compared left to right; the first that differs
 * names the type (major, minor, anything later: patch). A change of digest only is `digest`;
 * anything not numeric on both sides is `other`.
 */
import type { UpdateType } from './schema.ts';

export interface ParsedVersion {
  /** Numeric release parts, e.g. [1, 2, 3]. */
  release: number[];
  /** After `-` (1.2.3-rc.1, 15.4-alpine); '' when none. */
  suffix: string;
  digest: string | null;
}

const DIGEST = /^(?:[a-z0-9]+:)?[a-f0-9]{32,}$/i;

/** Split `tag@sha256:...` into its tag and digest. */
function splitDigest(v: string): { tag: string; digest: string | null } {
  const at = v.indexOf('@');
  if (at >= 0) return { tag: v.slice(0, at), digest: v.slice(at + 1) };
  if (DIGEST.test(v) && /[a-f]/i.test(v.replace(/^[a-z0-9]+:/i, ''))) return { tag: '', digest: v };
  return { tag: v, digest: null };
}

/** The numeric release of a version or tag; null when there is none (`latest`, `stable`). */
export function parseVersion(v: string): ParsedVersion | null {
  const { tag, digest } = splitDigest(v.trim());
  // Range operators of a chart version constraint (`>=1.0.0`, `^1.2`, `~1.2.0`, `=1.0`): compare the bound.
  const bare = tag.replace(/^(?:[<>]=?|[=^~])\s*/, '').replace(/^v(?=\d)/i, '');
  const m = /^(\d+(?:\.\d+)*)(?:[-+_](.*))?$/.exec(bare);
  if (!m) return tag === '' && digest ? { release: [], suffix: '', digest } : null;
  const release = m[1]!.split('.').map((n) => Number.parseInt(n, 10));
  if (release.some((n) => !Number.isSafeInteger(n))) return null;
  return { release, suffix: m[2] ?? '', digest };
}

function compareRelease(a: number[], b: number[]): { index: number; sign: number } {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return { index: i, sign: Math.sign(y - x) };
  }
  return { index: -1, sign: 0 };
}

/** The update type of `from -> to`, and whether it goes down. */
export function classifyUpdate(from: string, to: string): { update: UpdateType; downgrade: boolean } {
  const a = parseVersion(from);
  const b = parseVersion(to);
  if (a && b) {
    const { index, sign } = compareRelease(a.release, b.release);
    if (index === 0) return { update: 'major', downgrade: sign < 0 };
    if (index === 1) return { update: 'minor', downgrade: sign < 0 };
    if (index >= 2) return { update: 'patch', downgrade: sign < 0 };
    if (a.suffix !== b.suffix) return { update: 'patch', downgrade: false };
    if (a.digest !== b.digest) return { update: 'digest', downgrade: false };
    return { update: 'other', downgrade: false };
  }
  const da = splitDigest(from);
  const db = splitDigest(to);
  if (da.tag === db.tag && da.digest !== db.digest) return { update: 'digest', downgrade: false };
  return { update: 'other', downgrade: false };
}
