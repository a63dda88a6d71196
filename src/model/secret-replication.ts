/**
 * Where a replicator copies a Secret, told by the annotations of the source Secret (or of the Secret an
 * ExternalSecret's template writes): a pod reads a Secret of its own namespace only, so a copy is what
 * makes the Secret defined in another one. Two controllers are common in home-ops repositories:
 * - emberstack's Reflector: `reflector.v1.k8s.emberstack.com/reflection-allowed: "true"` lets the
 *   namespaces of `reflection-allowed-namespaces` (all where it is unset) mirror it, and
 *   `reflection-auto-enabled` creates the mirrors there itself (https://github.com/emberstack/kubernetes-reflector);
 * - mittwald's kubernetes-replicator: `replicator.v1.mittwald.de/replicate-to` pushes it to the namespaces
 *   listed, `replicate-to-matching` to those a label selector picks, and `replication-allowed` with
 *   `replication-allowed-namespaces` lets them pull it (https://github.com/mittwald/kubernetes-replicator).
 * Both read their namespace lists as comma-separated regular expressions. A Secret only allowed to be
 * mirrored counts where it may be mirrored, as one pushed there: the mirror the other namespace writes is
 * often outside the repository, and "not defined" would then be false. A value that cannot be read (a
 * template, a SOPS-encrypted annotation) allows every namespace.
 */

const REFLECTOR = 'reflector.v1.k8s.emberstack.com/';
const REPLICATOR = 'replicator.v1.mittwald.de/';

/** Every namespace (what `.*` matches). */
export const EVERY_NAMESPACE = '.*';

/**
 * The namespaces, as regular expressions matched whole, that a replicator may copy this Secret into;
 * [EVERY_NAMESPACE] for all of them; null where its annotations ask no replicator for a copy.
 */
export function replicatedInto(annotations: Readonly<Record<string, string>> | undefined): string[] | null {
  if (!annotations) return null;
  const on = (key: string) => key in annotations && !/^\s*false\s*$/i.test(annotations[key]!);
  const out = [
    ...(on(`${REFLECTOR}reflection-allowed`) ? patterns(annotations[`${REFLECTOR}reflection-allowed-namespaces`]) : []),
    ...(on(`${REPLICATOR}replicate-to`) ? patterns(annotations[`${REPLICATOR}replicate-to`]) : []),
    ...(on(`${REPLICATOR}replicate-to-matching`) ? [EVERY_NAMESPACE] : []),
    ...(on(`${REPLICATOR}replication-allowed`) ? patterns(annotations[`${REPLICATOR}replication-allowed-namespaces`]) : []),
  ];
  return out.length === 0 ? null : [...new Set(out)];
}

/** A comma-separated list of namespace patterns; every namespace where none is written or it is not plain text. */
function patterns(list: string | undefined): string[] {
  if (list === undefined || /\$\{|\{\{|\[redacted\]|^ENC\[/.test(list)) return [EVERY_NAMESPACE];
  const items = list.split(',').map((p) => p.trim()).filter((p) => p !== '');
  return items.length === 0 ? [EVERY_NAMESPACE] : items;
}

/** Whether a namespace matches one of the patterns replicatedInto gives (an invalid one matches all, so no copy is missed). */
export function namespaceMatches(patternList: readonly string[], namespace: string): boolean {
  return patternList.some((p) => {
    if (p === EVERY_NAMESPACE || p === namespace) return true;
    try {
      return new RegExp(`^(?:${p})$`).test(namespace);
    } catch {
      return true;
    }
  });
}
