/**
 * What a page and the README export say of a Secret or ConfigMap an app uses that its namespace does
 * not have (model/defined-names.ts judges where): made only in other namespaces ("defined only in
 * namespace media"), or nowhere in the repository.
 */
export function notDefinedText(u: { definedOnlyIn?: readonly string[] }, kind = 'Secret'): { text: string; why: string | null } {
  const only = u.definedOnlyIn ?? [];
  if (only.length === 0) return { text: 'not defined in the repository', why: null };
  return { text: `defined only in namespace${only.length > 1 ? 's' : ''} ${only.join(', ')}`, why: `what uses a ${kind} reads the one of its own namespace` };
}

/**
 * What a page and the README export say of a Secret an app uses that a ClusterExternalSecret makes in
 * the namespaces its selector picks, where the repository does not tell whether it picks this one.
 */
export function pickedText(pickedBy: readonly string[]): string {
  return `made by ClusterExternalSecret ${pickedBy.join(', ')} in the namespaces its selector picks; whether it picks this namespace is not known here (its labels are not in the repository)`;
}
