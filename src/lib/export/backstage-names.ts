/**
 * Backstage's naming rules (https://backstage.io/docs/features/software-catalog/descriptor-format#name-required):
 * `metadata.name` is at most 63 characters, runs of [a-zA-Z0-9] separated by single [-_.];
 * `metadata.namespace` is a DNS label (lower case, digits, `-`). Kubernetes names almost always
 * fit already; anything else (a `${VAR}` left as written, a space) is folded into that alphabet,
 * deterministically, and the caller keeps names unique.
 */

const MAX = 63;

/** A valid `metadata.name` for any input: invalid runs become `-`, separators are single, ends are alphanumeric. */
export function entityName(raw: string): string {
  let s = raw.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/[-_.]{2,}/g, (run) => run[0]!);
  s = s.replace(/^[-_.]+|[-_.]+$/g, '');
  if (s.length > MAX) s = s.slice(0, MAX).replace(/[-_.]+$/, '');
  return s || 'unnamed';
}

/** A valid `metadata.namespace`: a lower-case DNS label. */
export function entityNamespace(raw: string): string {
  let s = raw.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');
  if (s.length > MAX) s = s.slice(0, MAX).replace(/-+$/, '');
  return s || 'default';
}

/**
 * A full entity reference `kind:namespace/name` from what the configuration allows (`name`,
 * `kind:name`, `kind:namespace/name`). A bare name is a Group, as Backstage reads `spec.owner`;
 * the namespace is written out because a relative reference would resolve against the namespace of
 * each entity (the Kubernetes namespace here), not the one the owner lives in.
 */
export function fullRef(ref: string, defaultKind = 'group'): string {
  const colon = ref.indexOf(':');
  const kind = colon > 0 ? ref.slice(0, colon) : defaultKind;
  const rest = colon > 0 ? ref.slice(colon + 1) : ref;
  const slash = rest.indexOf('/');
  const namespace = slash > 0 ? rest.slice(0, slash) : 'default';
  const name = slash > 0 ? rest.slice(slash + 1) : rest;
  return `${kind.toLowerCase()}:${namespace}/${name}`;
}
