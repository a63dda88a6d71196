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
