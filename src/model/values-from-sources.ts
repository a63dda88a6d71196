/**
 * The ConfigMaps and Secrets a HelmRelease takes values from (spec.valuesFrom), each with whether the
 * repository makes it. helm-controller reads each in the release's own namespace and fails the release
 * where one that is not `optional: true` is not there ("could not find ConfigMap"), so it installs
 * nothing: https://fluxcd.io/flux/components/helm/helmreleases/#values-references
 *
 * Defined means made in that namespace (defined-names.ts, as for the Secrets an app page lists): one
 * another namespace holds is not the release's, unless a replicator's annotations copy it there; the
 * namespaces that do hold it are kept to say so. Not known (null) where the name is a template, or
 * where something the repository cannot see may make it in the release's namespace: a remote resource
 * or another repository's Kustomization that may put objects there (outside-content.ts), a kustomize
 * `generators:` configuration, a ResourceSet's template, a Kyverno generate rule.
 */
import { configMapDefined, configMapDefinedOnlyIn, readIn, secretDefined, secretDefinedOnlyIn } from './defined-names.ts';
import type { HelmRelease } from './helm-release.ts';
import { outsideContentNamespaces } from './outside-content.ts';
import type { RepoModel } from './repo-model.ts';
import { templateMatches } from './templated.ts';

export interface ValuesFromSource {
  kind: string;
  name: string;
  optional: boolean;
  /** The repository makes it in the release's namespace (true), surely not (false), or may not say (null). */
  defined: boolean | null;
  /** Where `defined` is false: the namespaces that do make one of that name, none of them the release's. */
  definedOnlyIn?: string[];
  /** Made, but a namePrefix or nameSuffix renames it to this, which the reference does not follow. */
  renamedTo?: string;
  line?: number;
}

export function valuesFromSources(model: RepoModel, hr: HelmRelease): ValuesFromSource[] {
  return hr.valuesFrom.map((v) => ({
    kind: v.kind,
    name: v.name,
    optional: v.optional === true,
    ...(v.renamedTo !== undefined ? { defined: true, renamedTo: v.renamedTo } : defined(model, hr, v.kind, v.name, v.found)),
    ...(v.line !== undefined ? { line: v.line } : {}),
  }));
}

/**
 * `found`: the build's values lookup found it. That lookup takes a manifest of another namespace where
 * the release's has none (its values are the best guess there is), so it settles nothing where another
 * namespace is all the repository has; elsewhere it counts (a generator of the release's own build).
 */
function defined(model: RepoModel, hr: HelmRelease, kind: string, name: string, found: boolean): Pick<ValuesFromSource, 'defined' | 'definedOnlyIn'> {
  // (A kind its API does not allow is refused before anything is looked up: not this question.)
  if (kind !== 'Secret' && kind !== 'ConfigMap') return { defined: found ? true : null };
  const cluster = hr.cluster ?? null;
  const namespace = readIn(hr);
  const here = kind === 'Secret' ? secretDefined(model, name, cluster, namespace) : configMapDefined(model, name, cluster, namespace);
  if (here === true) return { defined: true };
  if (here === null) return { defined: found ? true : null };
  const elsewhere = kind === 'Secret' ? secretDefinedOnlyIn(model, name, cluster, namespace) : configMapDefinedOnlyIn(model, name, cluster, namespace);
  if (found && elsewhere.length === 0) return { defined: true };
  if (madeUnseen(model, hr, kind, name)) return { defined: null };
  return elsewhere.length > 0 ? { defined: false, definedOnlyIn: elsewhere } : { defined: false };
}

function madeUnseen(model: RepoModel, hr: HelmRelease, kind: string, name: string): boolean {
  const outside = outsideContentNamespaces(model);
  if (outside === 'any' || outside?.has(hr.namespace ?? 'default')) return true;
  const hasRoots = model.kustomizations.some((k) => k.isRoot && !k.disabled);
  if (model.kustomizeFiles.some((k) => k.generators === true && (!hasRoots || k.deployed))) return true;
  const sameCluster = (c: string | null | undefined) => c == null || hr.cluster == null || c === hr.cluster;
  if ((model.templated ?? []).some((t) => (t.kind === '*' || t.kind === kind) && templateMatches(t.name, name) && sameCluster(t.cluster))) return true;
  // A Kyverno generate rule: one of this kind and name (or a name it fills in), or one whose target is
  // not read here (a rule triggered by another kind than Namespace).
  return model.kyvernoPolicies.some((p) => !p.disabled && sameCluster(p.cluster) && p.rules.some((r) => r.type === 'generate' && (!r.networkPolicy || (r.networkPolicy.kind === kind && (r.networkPolicy.name === name || r.networkPolicy.name.includes('{{'))))));
}
