/**
 * The versions Flux has served of its own kinds (Flux 2.0-2.7 API references; each group's version
 * history in its CHANGELOG). A version of one of these kinds that Flux never served, older than the
 * newest it serves (`helm.toolkit.fluxcd.io/v1beta2` HelmRelease, `v2beta3`), names no API: the API
 * server has no such kind ("no matches for kind"). A newer version than these is not judged: it may be
 * a Flux release after this table.
 */
const SERVED: Record<string, Record<string, readonly string[]>> = {
  'helm.toolkit.fluxcd.io': { HelmRelease: ['v2beta1', 'v2beta2', 'v2'] },
  'kustomize.toolkit.fluxcd.io': { Kustomization: ['v1beta1', 'v1beta2', 'v1'] },
  'source.toolkit.fluxcd.io': {
    GitRepository: ['v1beta1', 'v1beta2', 'v1'],
    HelmRepository: ['v1beta1', 'v1beta2', 'v1'],
    HelmChart: ['v1beta1', 'v1beta2', 'v1'],
    Bucket: ['v1beta1', 'v1beta2', 'v1'],
    OCIRepository: ['v1beta2', 'v1'],
  },
};

/**
 * The Flux release that brought each version Flux 2.0 did not serve yet (the Flux 2.x release notes:
 * GitRepository, Kustomization and Receiver v1 in 2.0; Alert and Provider v1beta3 and HelmRelease
 * v2beta2 in 2.2; HelmRelease, HelmRepository and HelmChart v1 in 2.3; Bucket v1 in 2.4; OCIRepository
 * v1 in 2.6; the image automation APIs' v1 in 2.7). A cluster on an older release has no such API:
 * advice to write it breaks the apply there.
 */
const BROUGHT_IN: Record<string, Readonly<Record<string, readonly [number, number]>>> = {
  HelmRelease: { v2beta2: [2, 2], v2: [2, 3] },
  Kustomization: { v1: [2, 0] },
  GitRepository: { v1: [2, 0] },
  HelmRepository: { v1: [2, 3] },
  HelmChart: { v1: [2, 3] },
  Bucket: { v1: [2, 4] },
  OCIRepository: { v1: [2, 6] },
  ImageRepository: { v1: [2, 7] },
  ImagePolicy: { v1: [2, 7] },
  ImageUpdateAutomation: { v1: [2, 7] },
  Alert: { v1beta3: [2, 2] },
  Provider: { v1beta3: [2, 2] },
  Receiver: { v1: [2, 0] },
};

/** The versions of the image automation and notification kinds, oldest first (SERVED's are its own). */
const OTHER_VERSIONS: Record<string, readonly string[]> = {
  ImageRepository: ['v1beta1', 'v1beta2', 'v1'],
  ImagePolicy: ['v1beta1', 'v1beta2', 'v1'],
  ImageUpdateAutomation: ['v1beta1', 'v1beta2', 'v1'],
  Alert: ['v1beta1', 'v1beta2', 'v1beta3'],
  Provider: ['v1beta1', 'v1beta2', 'v1beta3'],
  Receiver: ['v1beta1', 'v1beta2', 'v1'],
};

/**
 * Whether a cluster on the given Flux release (the newest its pin allows, as [major, minor, patch];
 * undefined where not known) serves this version of a Flux kind: a version the table does not date
 * is taken as served, and so is every version where the release is not known.
 */
function fluxServes(kind: string, version: string, flux: readonly number[] | undefined): boolean {
  const since = BROUGHT_IN[kind]?.[version];
  if (!since || !flux) return true;
  const [major = 0, minor = 0] = flux;
  return major !== since[0] ? major > since[0] : minor >= since[1];
}

/** The versions of a Flux kind a cluster on the given Flux release serves, oldest first (those of every release where it is not known). */
export function fluxVersionsServed(kind: string, versions: readonly string[], flux: readonly number[] | undefined): readonly string[] {
  const served = versions.filter((v) => fluxServes(kind, v, flux));
  return served.length > 0 ? served : versions;
}

/** Kubernetes' order of versions: alpha < beta < GA, then by number (v1beta2 < v1 < v2beta1 < v2). */
function rank(version: string): number | null {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
  if (!m) return null;
  const stage = m[2] === 'alpha' ? 0 : m[2] === 'beta' ? 1 : 2;
  return Number(m[1]) * 10_000 + stage * 1_000 + (m[3] ? Number(m[3]) : 0);
}

/** The versions served of a Flux kind whose `apiVersion` Flux never served (and is older than the newest), else null. */
export function unservedFluxVersion(apiVersion: string, kind: string): readonly string[] | null {
  const slash = apiVersion.lastIndexOf('/');
  if (slash < 0) return null;
  const served = SERVED[apiVersion.slice(0, slash)]?.[kind];
  const version = apiVersion.slice(slash + 1);
  if (!served || served.includes(version)) return null;
  const r = rank(version);
  const newest = served.reduce((m, v) => Math.max(m, rank(v) ?? 0), 0);
  return r !== null && r < newest ? served : null;
}

/** The API group of each Flux kind (besides SERVED's, the image and notification controllers'). */
const FLUX_KIND_GROUP: Record<string, string> = {
  ...Object.fromEntries(Object.entries(SERVED).flatMap(([group, kinds]) => Object.keys(kinds).map((kind) => [kind, group]))),
  ExternalArtifact: 'source.toolkit.fluxcd.io',
  ImageRepository: 'image.toolkit.fluxcd.io',
  ImagePolicy: 'image.toolkit.fluxcd.io',
  ImageUpdateAutomation: 'image.toolkit.fluxcd.io',
  Alert: 'notification.toolkit.fluxcd.io',
  Provider: 'notification.toolkit.fluxcd.io',
  Receiver: 'notification.toolkit.fluxcd.io',
};

/**
 * A Flux kind written under another Flux toolkit group (`source.toolkit.fluxcd.io/v1` with `kind:
 * HelmRelease`, or a misspelt `heml.toolkit.fluxcd.io`): the API server has no such kind there. Returns
 * the kind's own apiVersion (its group at the newest version the cluster's Flux release serves, `flux`,
 * or the newest of all where that is not known), else null.
 */
export function fluxKindElsewhere(apiVersion: string, kind: string, flux?: readonly number[]): string | null {
  const slash = apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const own = FLUX_KIND_GROUP[kind];
  if (!own || group === own || !group.endsWith('toolkit.fluxcd.io')) return null;
  const versions = SERVED[own]?.[kind] ?? OTHER_VERSIONS[kind] ?? ['v1'];
  return `${own}/${fluxVersionsServed(kind, versions, flux).at(-1)}`;
}
