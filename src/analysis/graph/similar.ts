/**
 * "Did you mean …?" for a dependsOn entry that resolves to nothing. The usual mistake is the
 * namespace: Flux resolves an entry without `namespace:` to the dependent's own namespace, so an
 * entry written in an app namespace misses a Kustomization that lives in flux-system.
 * https://fluxcd.io/flux/components/kustomize/kustomizations/#dependencies
 */
import { editDistance } from '../../model/edit-distance.ts';

export interface Candidate {
  name: string;
  namespace: string | null;
  /** Written without a namespace, and nothing gives it one: shown in `default`, where Flux cannot apply it. */
  namespaceDefaulted?: true | undefined;
}


/**
 * Two names of as many words (`-`, `_`, `.`) where a word is replaced by another, not misspelt:
 * `infrastructure-sources` is no typo of `infrastructure-core`, though the whole names are close.
 */
function otherWord(a: string, b: string): boolean {
  const wa = a.split(/[-_.]/);
  const wb = b.split(/[-_.]/);
  if (wa.length !== wb.length) return false;
  return wa.some((w, i) => {
    const v = wb[i]!;
    if (w === v) return false;
    const max = Math.max(1, Math.floor(Math.max(w.length, v.length) / 3));
    return editDistance(w, v, max) > max;
  });
}

const show = (c: Candidate): string => (c.namespace ? `${c.namespace}/${c.name}` : c.name);

/**
 * A hint sentence for a missing target, or '' when nothing similar exists: first the same name in
 * other namespaces, else names within a small edit distance (same namespace first).
 */
export function suggestTarget(
  wanted: Candidate,
  explicitNamespace: boolean,
  kindLabel: string,
  candidates: readonly Candidate[],
): string {
  // One written without a namespace is in no namespace Flux can apply it to (FLUX_NAMESPACE_NOT_SPECIFIED):
  // not "in namespace 'default'" (outside review: the hint sent a dependsOn to `default/redis`, where
  // nothing is ever created).
  const unplaced = candidates.some((c) => c.name === wanted.name && c.namespaceDefaulted === true);
  const placed = candidates.filter((c) => c.namespaceDefaulted !== true);
  const sameName = placed
    .filter((c) => c.name === wanted.name && c.namespace !== wanted.namespace)
    .map((c) => c.namespace ?? '(cluster)')
    .filter((n, i, all) => all.indexOf(n) === i)
    .sort();
  if (sameName.length > 0) {
    const where = sameName.map((n) => `'${n}'`).join(', ');
    const fix = explicitNamespace
      ? `fix the entry's namespace (it says '${wanted.namespace ?? ''}')`
      : `add \`namespace: ${sameName[0]}\` to the entry: without it Flux looks in the dependent's own namespace '${wanted.namespace ?? ''}'`;
    return ` A ${kindLabel} named '${wanted.name}' exists in namespace ${where}; ${fix}.`;
  }
  if (unplaced) {
    return ` A ${kindLabel} named '${wanted.name}' is written without a namespace, and nothing gives it one, so Flux cannot apply it (FLUX_NAMESPACE_NOT_SPECIFIED); give it the namespace '${wanted.namespace ?? ''}' this entry looks in.`;
  }
  const max = Math.max(1, Math.floor(wanted.name.length / 4));
  const seen = new Set<string>();
  const close = placed
    .filter((c) => !seen.has(show(c)) && seen.add(show(c)) !== undefined)
    .map((c) => ({ c, d: editDistance(wanted.name, c.name, max) }))
    .filter(({ c, d }) => d <= max && !otherWord(wanted.name, c.name))
    .sort(
      (x, y) =>
        Number(x.c.namespace !== wanted.namespace) - Number(y.c.namespace !== wanted.namespace) ||
        x.d - y.d ||
        show(x.c).localeCompare(show(y.c)),
    )
    .slice(0, 3);
  if (close.length === 0) return '';
  return ` Did you mean ${close.map(({ c }) => `'${show(c)}'`).join(' or ')}?`;
}
