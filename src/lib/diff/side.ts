/** What the diff reads of one revision's computed atlas (computeAtlas): the same data the site shows. */
import type { Atlas } from '../../pipeline/atlas.ts';

export type DiffSide = Pick<Atlas, 'model' | 'analysis' | 'roadmap' | 'config'>;

/** Items of `a` whose key `b` lacks, keeping `a`'s order. */
export function missingFrom<T>(a: readonly T[], b: readonly T[], key: (t: T) => string): T[] {
  const keys = new Set(b.map(key));
  return a.filter((t) => !keys.has(key(t)));
}

export const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
