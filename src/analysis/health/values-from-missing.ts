/**
 * VALUES_FROM_MISSING: a deployed HelmRelease takes values from a ConfigMap or Secret (spec.valuesFrom,
 * not `optional: true`) that nothing in the repository makes in the release's namespace. helm-controller
 * reads it there only, fails the release ("could not find ConfigMap") and installs nothing, unless
 * something outside the repository creates it (https://fluxcd.io/flux/components/helm/helmreleases/#values-references).
 * Outside review: spegel's `spegel-values` ConfigMap, which no file made, got no word. One only another
 * namespace holds (and no replicator copies here) is as missing, and the message names where it is.
 *
 * Not where something the repository cannot see may make it (values-from-sources.ts), nor for a release
 * no cluster applies, nor for one whose name a namePrefix changed (VALUES_FROM_RENAMED says that).
 */
import { finding, type Finding } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { valuesFromSources } from '../../model/values-from-sources.ts';

export function valuesFromMissingFindings(model: RepoModel): Finding[] {
  const out: Finding[] = [];
  const hasRoots = model.kustomizations.some((k) => k.isRoot && !k.disabled);
  const notDeployed = new Set(model.apps.filter((a) => a.notDeployed).map((a) => a.id));
  for (const hr of model.helmReleases) {
    if (hr.disabled || (hasRoots && hr.owner === null) || (hr.appId !== null && notDeployed.has(hr.appId))) continue;
    for (const v of valuesFromSources(model, hr)) {
      if (v.defined !== false || v.optional) continue;
      const ns = hr.namespace ?? 'default';
      const maker = v.kind === 'Secret' ? 'a Secret manifest, a SOPS file, an ExternalSecret or a secretGenerator' : 'a ConfigMap manifest or a configMapGenerator beside the release';
      const only = v.definedOnlyIn ?? [];
      const what =
        only.length > 0
          ? `which this repository makes only in namespace${only.length > 1 ? 's' : ''} ${only.join(', ')}, not in ${ns}, where helm-controller reads it`
          : `which nothing in this repository makes (no ${v.kind} of that name in any namespace)`;
      const fix = only.length > 0 ? `Make it in ${ns} (or have a replicator copy it there)` : `Add it (${maker})`;
      out.push(
        finding(
          'VALUES_FROM_MISSING',
          'warning',
          `HelmRelease ${ns}/${hr.name} takes values from ${v.kind} "${v.name}", ${what}: helm-controller fails the release ("could not find ${v.kind}") and installs nothing, unless something outside the repository creates it in ${ns}. ${fix}, correct the name, or mark the entry \`optional: true\`.`,
          { ...hr.source, line: v.line ?? hr.source.line },
          { area: 'flux', objectId: hr.id, ...(hr.appId ? { appId: hr.appId } : {}) },
        ),
      );
    }
  }
  return out;
}
