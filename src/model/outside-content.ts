/**
 * Whether the repository applies content it does not hold: a Flux Kustomization that builds another
 * repository's artifact (a shared platform repository's sources, PVCs, Secrets ...) or a kustomization
 * whose resources name a remote URL (kustomize fetches it; this build does not). A check that says
 * "the repository makes no X" cannot say so then, of what that content may make: objects in the
 * namespace its build puts them in (a targetNamespace, a kustomization's `namespace:`), or anywhere
 * where none does. Not Flux's own distribution (`oci://ghcr.io/fluxcd/flux-manifests`, a repository
 * runs Flux from): it installs Flux's controllers and their CRDs only (outside review: it switched
 * such checks off in every repository that runs Flux that way). Nor a remote file or folder of
 * CustomResourceDefinitions (crdsOnly): it makes no object a check looks for (outside review: one
 * operator's `crd.yaml` URL silenced every missing claim of the repository, and a missing source of
 * another namespace).
 */
import { REMOTE_ENTRY } from './kustomize-file.ts';
import type { RepoModel } from './repo-model.ts';
import { sourcesDefinedNowhere } from './source-defined-nowhere.ts';

/** Flux's own release manifests as an artifact: the OCI one it publishes, or its Git repository's manifests. */
const FLUX_DISTRIBUTION = /^(?:oci:\/\/ghcr\.io\/fluxcd\/flux-manifests(?:[:@].*)?|https:\/\/github\.com\/fluxcd\/flux2(?:\.git)?)\/?$/;

/**
 * A kustomization's remote resource that is Flux's own install (`github.com/fluxcd/flux2/manifests/install?ref=v2.5.1`,
 * `.../releases/download/v2.5.1/install.yaml`): Flux's controllers and CRDs only (outside review: it
 * switched the source and claim checks off in a repository that installs Flux that way).
 */
const FLUX_INSTALL_ENTRY = /^(?:https?:\/\/)?(?:www\.)?github\.com\/fluxcd\/flux2(?:\.git)?(?:\/\/?manifests\/(?:install|crds|bases\/[\w-]+)(?:[/?].*)?|\/releases\/(?:latest\/)?download\/(?:v[\w.-]+\/)?install\.yaml)$/;

type Input = Pick<RepoModel, 'kustomizations' | 'sources' | 'kustomizeFiles' | 'objects' | 'helmReleases'> & Partial<Pick<RepoModel, 'templated'>>;

/**
 * A remote entry that names CustomResourceDefinitions only, as such paths are named: a file named for
 * them (`crd.yaml`, `crds.yaml`, `cert-manager.crds.yaml`, `stripped-down-crds.yaml`), or a folder
 * `crd` or `crds` on its way (kubebuilder's `config/crd`, a chart's `crds/`, `manifests/crds`).
 */
export function crdsOnly(entry: string): boolean {
  const path = entry.replace(/[?#].*$/, '').replace(/^(git::)?[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  const segments = path.split('/').filter((s) => s !== '');
  const stem = (segments.at(-1) ?? '').replace(/\.(ya?ml|json)$/i, '');
  return stem.split(/[._-]/).some((w) => /^(crds?|customresourcedefinitions?)$/i.test(w)) || segments.slice(0, -1).some((s) => /^crds?$/i.test(s));
}

/**
 * The remote entries of kustomizations a build from a cluster root runs (of any kustomization where the
 * repository has no root) that may bring objects in: not Flux's own install, nor CRDs only.
 */
function remoteEntries(model: Pick<RepoModel, 'kustomizations' | 'kustomizeFiles'>): RepoModel['kustomizeFiles'][number]['resources'] {
  const hasRoots = model.kustomizations.some((k) => k.isRoot && !k.disabled);
  return model.kustomizeFiles
    .filter((k) => !hasRoots || k.deployed === true)
    .flatMap((k) => [...k.resources, ...k.components])
    .filter((r) => REMOTE_ENTRY.test(r.entry) && !FLUX_INSTALL_ENTRY.test(r.entry) && !crdsOnly(r.entry));
}

/**
 * The namespaces remote resources and components may put namespaced objects in: 'any' where one is
 * left in the namespaces its content gives, else those its builds put them in (kustomize's namespace
 * transformer also names every Namespace object of the build after that one); null where there is none.
 */
export function remoteContentNamespaces(model: Pick<RepoModel, 'kustomizations' | 'kustomizeFiles'>): 'any' | ReadonlySet<string> | null {
  const remote = remoteEntries(model);
  if (remote.length === 0) return null;
  if (remote.some((r) => r.namespaces === undefined)) return 'any';
  return new Set(remote.flatMap((r) => r.namespaces!));
}

/**
 * The Kustomizations of another artifact, reached by a cluster's build, that may bring content in. Not Flux's
 * own distribution, nor one whose GitRepository is defined nowhere and is this repository under a stale
 * name (source-defined-nowhere.ts): kustomize-controller finds no such source and applies nothing (outside
 * review: prefect's `db` Kustomization, whose folder the slice lacked, silenced docat's missing HelmRepository).
 */
function outsideKustomizations(model: Input): RepoModel['kustomizations'] {
  // Only what a cluster applies: where the repository has cluster roots, a Kustomization no root reaches
  // brings nothing in (outside review: an undeployed Kustomization's artifact excused a release's missing source).
  const hasRoots = model.kustomizations.some((k) => k.isRoot && !k.disabled);
  const external = model.kustomizations.filter((k) => k.externalSource === true && !k.disabled && (!hasRoots || k.reachedFromRoot) && !isFluxDistribution(k, model.sources));
  if (external.length === 0) return external;
  const nowhere = sourcesDefinedNowhere(model);
  return external.filter((k) => !nowhere.has(k.id));
}

function isFluxDistribution(k: RepoModel['kustomizations'][number], sources: RepoModel['sources']): boolean {
  const ref = k.sourceRef;
  if (ref === null) return false;
  const namespace = ref.namespace ?? k.namespace;
  const source = sources.find((s) => s.kind === ref.kind && s.name === ref.name && (s.namespace === namespace || namespace === null));
  return source?.url != null && FLUX_DISTRIBUTION.test(source.url);
}

/**
 * Where content the repository does not hold may put namespaced objects: 'any', or only the namespaces
 * of the other repositories' Kustomizations that set spec.targetNamespace (kustomize puts every namespaced
 * object of such a build there; outside review: one operator's Kustomization of another repository, with
 * `targetNamespace: keycloak`, excused missing sources of external-dns and loki) and those builds put
 * remote resources in (remoteContentNamespaces); null where the repository applies no outside content.
 */
export function outsideContentNamespaces(model: Input): 'any' | ReadonlySet<string> | null {
  const remote = remoteContentNamespaces(model);
  const external = outsideKustomizations(model);
  if (remote === null && external.length === 0) return null;
  if (remote === 'any' || external.some((k) => k.targetNamespace === null || k.targetNamespace.includes('${'))) return 'any';
  return new Set([...(remote ?? []), ...external.map((k) => k.targetNamespace!)]);
}

