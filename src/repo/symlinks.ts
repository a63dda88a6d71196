import { realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { sep } from 'node:path';

/**
 * Where a symlink leads, checked against the repository root. A symlink may point anywhere on the
 * machine that builds the site (`/etc/passwd`), so we only follow one whose real path stays inside
 * the repository; `realpath` fails with ELOOP on a cycle of links.
 */
export type LinkTarget =
  | { ok: true; real: string; stats: Stats }
  | { ok: false; problem: 'outside' | 'loop' | 'broken' };

/** True when `real` is `rootReal` or below it (both already real paths). */
export function isInside(real: string, rootReal: string): boolean {
  return real === rootReal || real.startsWith(rootReal.endsWith(sep) ? rootReal : rootReal + sep);
}

export async function resolveLink(abs: string, rootReal: string): Promise<LinkTarget> {
  let real: string;
  try {
    real = await realpath(abs);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, problem: code === 'ELOOP' ? 'loop' : 'broken' };
  }
  if (!isInside(real, rootReal)) return { ok: false, problem: 'outside' };
  try {
    return { ok: true, real, stats: await stat(real) };
  } catch {
    return { ok: false, problem: 'broken' };
  }
}
