import { appOfPath } from '../model/app-of-path.ts';
import type { Finding } from '../model/finding.ts';
import { plainId } from '../model/k8s-object.ts';
import type { RepoModel } from '../model/repo-model.ts';

/**
 * Give each finding the app it is about, where its producer did not say: the app of the object it
 * names, else of the file it points at, both as the model resolved them (an object's `appId`, a
 * file's `appId`; model/app-of-path.ts). A hard-coded password in an app's values then shows on
 * that app's page and README, not only on /health/. Findings about no app keep none.
 */
export function withApps(findings: readonly Finding[], model: Pick<RepoModel, 'objects' | 'apps' | 'files'>): Finding[] {
  // (By the id without its `#2`: a finding names the object by the plain id, DUPLICATE_OBJECT at the
  // second copy's line; outside review, the loki copy's finding was on alloy's page.)
  const byObject = Map.groupBy(model.objects.filter((o) => o.appId), (o) => plainId(o.id));
  const appOfFile = appOfPath(model);
  // Of several objects of one id (a document two builds copy, a leftover duplicate), the one the
  // finding points at: at its line, else in its file, else the last (outside review: a duplicate's
  // finding was filed on the other copy's app).
  const appOfObject = (f: Finding): string | undefined => {
    const all = f.objectId ? byObject.get(f.objectId) : undefined;
    if (!all) return undefined;
    const at = all.find((o) => o.source.file === f.source.file && o.source.line === f.source.line) ?? all.find((o) => o.source.file === f.source.file) ?? all.filter((o) => o.id === f.objectId).at(-1) ?? all.at(-1);
    return at?.appId ?? undefined;
  };
  // (Findings of one code and place in other words, one a cluster, `of cluster prod`: each is its cluster's, no twin's.)
  const placeKey = (f: Finding) => `${f.code}\u0000${f.source.file}\u0000${f.source.line}`;
  const perPlace = new Map<string, Set<string>>();
  for (const f of findings) (perPlace.get(placeKey(f)) ?? perPlace.set(placeKey(f), new Set()).get(placeKey(f))!).add(f.message);
  const twins = clusterTwins(model);
  return findings.map((f) => {
    if (f.appId) return f;
    const appId = appOfObject(f) ?? appOfFile(f.source.file);
    if (!appId) return f;
    const also = perPlace.get(placeKey(f))!.size === 1 ? twins(f, appId) : [];
    return also.length > 0 ? { ...f, appId, alsoAppIds: also } : { ...f, appId };
  });
}

/**
 * A finding about a document as written (a ResourceSet its note says is not expanded, a field of
 * the text), reported once for a file every cluster builds from a shared base: its app is one
 * cluster's, and the same app of the other clusters shows it too. The other clusters' apps of the
 * objects at the finding's line (else anywhere in its file). Not for a finding about one cluster's
 * copy (`...@prod`): that cluster's alone.
 */
function clusterTwins(model: Pick<RepoModel, 'objects' | 'apps'>): (f: Finding, appId: string) => string[] {
  const clusterOfApp = new Map(model.apps.map((a) => [a.id, a.cluster]));
  if (![...clusterOfApp.values()].some((c) => c !== null)) return () => [];
  const inFile = Map.groupBy(model.objects.filter((o) => o.appId && o.cluster), (o) => o.source.file);
  return (f, appId) => {
    const cluster = clusterOfApp.get(appId) ?? null;
    if (cluster === null || (f.objectId !== undefined && /@[^/]+$/.test(plainId(f.objectId)))) return [];
    const all = inFile.get(f.source.file) ?? [];
    const atLine = all.filter((o) => o.source.line === f.source.line);
    const ids = new Set((atLine.length > 0 ? atLine : all).filter((o) => o.cluster !== cluster).map((o) => o.appId!));
    return [...ids].filter((id) => id !== appId).sort();
  };
}
