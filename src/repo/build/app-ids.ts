/**
 * App ids: unique over the model, deployed apps first. Split from apps.ts, which groups the apps.
 */
import { finding, type Finding } from '../../model/finding.ts';
import type { Draft } from './app-drafts.ts';
import { isDisabled } from './app-deployment.ts';

/**
 * Two deployed apps of one id (two folders of one name): the Kustomization's own metadata.name tells
 * them apart where it differs (`flux-instance/ks.yaml` naming `flux-instance-extras`), before any
 * `-2`. A copy that is not deployed takes a suffix instead (uniqueAppId): it never renames the live app.
 */
export function renameByOwnKustomization(ordered: readonly Draft[], baseId: (d: Draft) => string, deployed: (d: Draft) => boolean): void {
  const sameId = new Map<string, Draft[]>();
  for (const d of ordered) (sameId.get(baseId(d)) ?? sameId.set(baseId(d), []).get(baseId(d))!).push(d);
  for (const all of sameId.values()) {
    const group = all.filter(deployed);
    if (group.length < 2) continue;
    for (const d of group) {
      const own = [...new Set(d.ks.filter((k) => !k.doc.raw.disabled).map((k) => k.object.name))];
      if (own.length === 1 && own[0] !== d.name) d.name = own[0]!;
    }
  }
}

/**
 * The id of an app, unique among `ids` (id -> folder), which it joins. A copy not deployed beside a
 * taken id is `-archived`, `-disabled` (switched off) or `-not-deployed` (no finding); two apps of
 * one id otherwise give the second `-2` (`-3` ...) and APP_ID_COLLISION.
 */
export function uniqueAppId(d: Draft, base: string, notDeployed: boolean, ids: Map<string, string>, findings: Finding[]): string {
  let id = base;
  if (notDeployed && ids.has(id)) {
    const archived = d.ks.some((k) => k.doc.archived !== undefined) || d.objects.some((o) => o.doc.archived !== undefined);
    const suffixed = `${id}-${archived ? 'archived' : isDisabled(d) ? 'disabled' : 'not-deployed'}`;
    let n = 1;
    id = suffixed;
    while (ids.has(id)) id = `${suffixed}-${++n}`;
  }
  if (ids.has(id)) {
    let n = 2;
    while (ids.has(`${id}-${n}`)) n++;
    findings.push(finding('APP_ID_COLLISION', 'info', `Two apps are both called ${id} (${ids.get(id)} and ${d.dir}); this one is shown as ${id}-${n}.`, d.source, { area: 'flux' }));
    id = `${id}-${n}`;
  }
  ids.set(id, d.dir);
  return id;
}
