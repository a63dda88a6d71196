import type { Finding } from '../model/finding.ts';
import type { RepoModel } from '../model/repo-model.ts';

/**
 * Give each finding the app it is about, where its producer did not say: through the object it
 * names, else through the file it points at (the app whose folder holds the file, longest folder
 * first). A hard-coded password in an app's values then shows on that app's page and README, not
 * only on /health/. Findings about no app (the repository as a whole) keep none.
 */
export function withApps(findings: readonly Finding[], model: Pick<RepoModel, 'objects' | 'apps'>): Finding[] {
  const byObject = new Map(model.objects.filter((o) => o.appId).map((o) => [o.id, o.appId!]));
  const folders = model.apps
    .flatMap((a) => [a.dir, ...a.dirs].filter((d) => d !== '').map((dir) => ({ dir, id: a.id })))
    .sort((a, b) => b.dir.length - a.dir.length);
  const byFile = new Map<string, string | null>();
  const appOfFile = (file: string): string | null => {
    if (!byFile.has(file)) byFile.set(file, folders.find((f) => file.startsWith(`${f.dir}/`))?.id ?? null);
    return byFile.get(file)!;
  };
  return findings.map((f) => {
    if (f.appId) return f;
    const appId = (f.objectId ? byObject.get(f.objectId) : undefined) ?? appOfFile(f.source.file);
    return appId ? { ...f, appId } : f;
  });
}
