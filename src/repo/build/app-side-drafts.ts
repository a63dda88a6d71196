/**
 * Drafts that are no app of their own once every object is placed: a folder of objects that belong
 * to an app made elsewhere. Their objects join that app and the draft goes. Split from apps.ts.
 */
import { arr, obj, str } from '../../model/values.ts';
import { FLUX_PLUMBING, type Draft, type Placed } from './app-drafts.ts';
import { dirOf } from './paths.ts';
import type { WorkDoc } from './work-doc.ts';

/**
 * - A folder of Flux plumbing alone (a HelmRepository, its Namespace) under a collection Kustomization:
 *   a public repository's /apps/ listed `bjw-s` and `zitadel` (HelmRepositories) beside the real zitadel
 *   app. Its objects stay with the Kustomization that applies them.
 * - A ConfigMap or Secret a release's valuesFrom names (in its namespace, of its cluster): that release's
 *   configuration (an overlay's values file beside the base it lists) joins the release's app (outside
 *   review: an app named after a values ConfigMap, active, beside the release it configures).
 * - An object written in the folder a Kustomization's path names, beside the kustomization.yaml that
 *   lists the bases of several apps (an overlay's `paperless-ngx.secret.yaml` in namespace paperless-ngx,
 *   beside `../../base/paperless-ngx`), in the namespace of exactly one app that build makes elsewhere:
 *   that app's, not the Kustomization's (whose app was named after the object's namespace:
 *   `paperless-ngx/apps`, outside review). In the Kustomization's own namespace, or in a namespace of
 *   none or several of its apps, it stays.
 */
export function mergeSideDrafts(drafts: Map<string, Draft>, appOfKs: ReadonlyMap<WorkDoc, Draft>): void {
  const side = (d: Draft) => d.ks.length === 0 && !d.aggregator && d.fileRelease === null && d.objects.length > 0;
  const join = (key: string, d: Draft, home: Draft | undefined) => {
    if (!home || home === d) return;
    for (const o of d.objects) home.objects.push(o);
    drafts.delete(key);
  };
  for (const [key, d] of drafts) {
    if (!side(d) || !d.objects.every((o) => FLUX_PLUMBING.test(o.object.group) || (o.object.kind === 'Namespace' && o.object.group === ''))) continue;
    const owner = d.objects[0]!.doc.owners[0];
    if (owner && d.objects.every((o) => o.doc.owners[0] === owner)) join(key, d, appOfKs.get(owner));
  }
  const valuesKey = (o: Placed, kind: string, name: string) => `${o.doc.cluster ?? ''}|${o.object.namespace ?? ''}|${kind}|${name}`;
  const valuesOf = new Map<string, Draft>();
  for (const d of drafts.values()) {
    for (const o of d.objects) {
      if (o.object.kind !== 'HelmRelease' || o.object.group !== 'helm.toolkit.fluxcd.io' || o.doc.raw.disabled) continue;
      for (const v of arr(obj(o.doc.body.spec).valuesFrom)) {
        const kind = str(obj(v).kind);
        const name = str(obj(v).name);
        if ((kind === 'ConfigMap' || kind === 'Secret') && name) valuesOf.set(valuesKey(o, kind, name), d);
      }
    }
  }
  for (const [key, d] of drafts) {
    if (!side(d)) continue;
    const homes = new Set(d.objects.map((o) => ((o.object.kind === 'ConfigMap' || o.object.kind === 'Secret') && o.object.group === '' ? valuesOf.get(valuesKey(o, o.object.kind, o.object.name)) : undefined)));
    if (homes.size === 1) join(key, d, [...homes][0]);
  }
  const appsOfOwner = new Map<string, Draft[]>();
  for (const d of drafts.values()) {
    const owners = new Set(d.objects.flatMap((o) => (o.doc.owners[0] && o.object.namespace === d.namespace ? [o.doc.owners[0]] : [])));
    for (const owner of owners) {
      const key = `${owner.file}|${owner.resolvedPath ?? ''}|${d.cluster ?? ''}|${d.namespace}`;
      (appsOfOwner.get(key) ?? appsOfOwner.set(key, []).get(key)!).push(d);
    }
  }
  for (const d of drafts.values()) {
    if (d.ks.length === 0 || d.aggregator || d.objects.length === 0) continue;
    const own = new Map(d.ks.map((k) => [k.doc, k.object.namespace]));
    d.objects = d.objects.filter((o) => {
      const owner = o.doc.owners[0];
      const ns = o.object.namespace;
      if (!owner || !own.has(owner) || ns === null || ns === own.get(owner) || owner.resolvedPath == null || dirOf(o.doc.file) !== owner.resolvedPath) return true;
      const homes = (appsOfOwner.get(`${owner.file}|${owner.resolvedPath}|${d.cluster ?? ''}|${ns}`) ?? []).filter((a) => a !== d && a.ks.length === 0);
      if (homes.length !== 1) return true;
      homes[0]!.objects.push(o);
      return false;
    });
  }
}
