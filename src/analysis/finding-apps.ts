import { appOfPath } from '../model/app-of-path.ts';
import type { Finding } from '../model/finding.ts';
import type { RepoModel } from '../model/repo-model.ts';

/**
 * Give each finding the app it is about, where its producer did not say: the app of the object it
 * names, else of the file it points at, both as the model resolved them (an object's `appId`, a
 * file's `appId`; model/app-of-path.ts). A hard-coded password in an app's values then shows on
 * that app's page and README, not only on /health/. Findings about no app keep none.
 */
export function withApps(findings: readonly Finding[], model: Pick<RepoModel, 'objects' | 'apps' | 'files'>): Finding[] {
  const byObject = new Map(model.objects.filter((o) => o.appId).map((o) => [o.id, o.appId!]));
  const appOfFile = appOfPath(model);
  return findings.map((f) => {
    if (f.appId) return f;
    const appId = (f.objectId ? byObject.get(f.objectId) : undefined) ?? appOfFile(f.source.file);
    return appId ? { ...f, appId } : f;
  });
}
