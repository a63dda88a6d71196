/**
 * The strings of a HelmRelease's values that could name a Secret: a chart reads what its values name,
 * by whatever key (`existingSecret`, `envFrom[].secretRef.name`), so the readers of a Secret and of a
 * backup repository's password look for its name among them.
 */

/** The distinct strings of a values tree that could be a Secret's name (bounded walk). */
export function valueStrings(values: unknown): Set<string> {
  const out = new Set<string>();
  const stack: unknown[] = [values];
  for (let guard = 0; stack.length > 0 && guard < 20_000; guard++) {
    const cur = stack.pop();
    if (typeof cur === 'string') {
      if (/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(cur) && cur.length <= 253) out.add(cur);
    } else if (Array.isArray(cur)) stack.push(...cur);
    else if (cur && typeof cur === 'object') stack.push(...Object.values(cur));
  }
  return out;
}
