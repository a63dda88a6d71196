/**
 * The owner of an object in a folder that makes several apps, one a file (`logging/release-loki.yaml`
 * and `release-promtail.yaml` beside `namespace.yaml` and `repository.yaml`), where none of those apps
 * names or claims it (apps.ts tries that first). The folder's shared objects are its apps', not the
 * app of a Kustomization above that builds the folder among others (`infrastructure` -> `../../base`,
 * which lists `logging/`): read as that one's, the Namespace and its NETWORK_POLICY_MISSING landed on
 * a wrapper page that runs nothing in `logging` (outside review).
 *
 * An object has one app in the model, so one of them owns it. Among the apps it serves (a chart
 * source: the apps whose releases name it; a Namespace: the apps that run in it; any other namespaced
 * object: the apps of its namespace), else among all the folder's: the one whose file's name the
 * object or its file carries, else the first by name.
 */
import type { HelmRelease } from '../../model/helm-release.ts';
import type { Draft, Placed } from './app-drafts.ts';
import { baseName } from './paths.ts';

export function folderSharer(p: Placed, here: readonly Draft[], releaseById: ReadonlyMap<string, HelmRelease>): Draft | undefined {
  if (here.length === 0) return undefined;
  const o = p.object;
  const runsIn = (a: Draft, ns: string) => a.namespace === ns || a.releaseNamespace === ns;
  const usesSource = (a: Draft) => {
    const hr = a.fileRelease === null ? undefined : releaseById.get(a.fileRelease);
    const ref = hr?.chart.sourceRef;
    return ref != null && ref.kind === o.kind && ref.name === o.name && (ref.namespace ?? hr!.namespace) === o.namespace;
  };
  const serves =
    o.group === 'source.toolkit.fluxcd.io' ? here.filter(usesSource)
    : o.group === '' && o.kind === 'Namespace' ? here.filter((a) => runsIn(a, o.name))
    : o.namespace !== null ? here.filter((a) => runsIn(a, o.namespace!))
    : [];
  const pool = serves.length > 0 ? serves : here;
  // (A one-file app is also named by its file, `minio.yaml` of release mastodon-minio: an object or
  // file that carries that name, `minio-httproutes.yaml`, is its part.)
  const file = baseName(p.doc.file);
  const stemOf = (a: Draft) => baseName(a.dir);
  const carried = pool.filter((a) => o.name === stemOf(a) || o.name.startsWith(`${stemOf(a)}-`) || file.startsWith(`${stemOf(a)}-`) || file.startsWith(`${stemOf(a)}.`));
  const byName = (a: Draft, b: Draft) => a.name.localeCompare(b.name) || a.dir.localeCompare(b.dir);
  if (carried.length > 0) return [...carried].sort((a, b) => stemOf(b).length - stemOf(a).length || byName(a, b))[0];
  return [...pool].sort(byName)[0];
}
