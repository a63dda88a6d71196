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
  return findings.map((f) => {
    if (f.appId) return f;
    const appId = appOfObject(f) ?? appOfFile(f.source.file);
    return appId ? { ...f, appId } : f;
  });
}
