/**
 * Where two HelmRelease values differ, by path only: the values may hold anything (hosts, sizes,
 * a redacted secret), and a pull request comment names what changed, not to what. A subtree on one
 * side only is one path (`persistence.cache added`), not each of its leaves. An image's own keys are
 * left out: the image is reported as an image (a version update, added, removed, another source).
 */

/** The keys of an image block the image is made of (its `pullPolicy` is a setting, and stays). */
const IMAGE_KEYS = new Set(['repository', 'tag', 'digest', 'registry', 'image', 'name']);

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The paths where `a` and `b` differ, written as the model writes values paths (`a.b.0.c`), each with
 * `added` or `removed` where it is on one side only, sorted; `imagePaths` are the images' paths of both sides.
 */
export function valuesChanges(a: unknown, b: unknown, imagePaths: readonly string[]): string[] {
  const images = new Set(imagePaths);
  const imageLeaf = (path: string): boolean => {
    if (images.has(path)) return true;
    const dot = path.lastIndexOf('.');
    return dot > 0 && images.has(path.slice(0, dot)) && IMAGE_KEYS.has(path.slice(dot + 1));
  };
  const out: string[] = [];
  const walk = (x: unknown, y: unknown, path: string, depth: number): void => {
    if (x === undefined && y === undefined) return;
    if (x === undefined || y === undefined) {
      if (!imageLeaf(path)) out.push(`${path || '(all values)'} ${x === undefined ? 'added' : 'removed'}`);
      return;
    }
    // (Deeper than any chart's values go: compared as a whole.)
    if (depth < 32 && isMap(x) && isMap(y)) {
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) walk(x[k], y[k], path ? `${path}.${k}` : k, depth + 1);
      return;
    }
    if (depth < 32 && Array.isArray(x) && Array.isArray(y)) {
      for (let i = 0; i < Math.max(x.length, y.length); i++) walk(x[i], y[i], path ? `${path}.${i}` : String(i), depth + 1);
      return;
    }
    if (JSON.stringify(x) !== JSON.stringify(y) && !imageLeaf(path)) out.push(path || '(all values)');
  };
  walk(a ?? {}, b ?? {}, '', 0);
  return out.sort();
}
