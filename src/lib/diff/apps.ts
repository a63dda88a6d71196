/**
 * Apps added, removed, disabled, enabled and moved. An app is matched by id; an app removed at one
 * id and added at another with the same name, the only one of that name on each side, moved
 * (namespace, cluster or both). Deployed means: not disabled (`ks.dis`, every Kustomization off)
 * and not `notDeployed` (archived, commented out in its parent, reached by no cluster root).
 */
import type { App } from '../../model/app.ts';
import type { AppRef, DiffReport } from './schema.ts';
import { byString, type DiffSide } from './side.ts';

const appRef = (a: App): AppRef => ({ id: a.id, name: a.name, namespace: a.namespace, cluster: a.cluster, dir: a.dir });

const deployed = (a: App): boolean => !a.disabled && !a.notDeployed;
const offReason = (a: App): string | null => a.notDeployed ?? (a.disabled ? 'every Flux Kustomization of the app is disabled (ks.dis or commented out)' : null);

export function diffApps(base: DiffSide, head: DiffSide): DiffReport['apps'] {
  const before = new Map(base.model.apps.map((a) => [a.id, a]));
  const after = new Map(head.model.apps.map((a) => [a.id, a]));
  let added = head.model.apps.filter((a) => !before.has(a.id));
  let removed = base.model.apps.filter((a) => !after.has(a.id));
  const moved: DiffReport['apps']['moved'] = [];
  const count = (list: readonly App[], name: string) => list.filter((a) => a.name === name).length;
  for (const from of removed) {
    if (count(removed, from.name) !== 1 || count(added, from.name) !== 1) continue;
    if (count(base.model.apps, from.name) !== 1 || count(head.model.apps, from.name) !== 1) continue;
    const to = added.find((a) => a.name === from.name)!;
    const ns = from.namespace !== to.namespace;
    const cl = from.cluster !== to.cluster;
    if (!ns && !cl) continue;
    moved.push({ from: appRef(from), to: appRef(to), what: ns && cl ? 'namespace and cluster' : ns ? 'namespace' : 'cluster' });
  }
  const movedFrom = new Set(moved.map((m) => m.from.id));
  const movedTo = new Set(moved.map((m) => m.to.id));
  added = added.filter((a) => !movedTo.has(a.id));
  removed = removed.filter((a) => !movedFrom.has(a.id));
  const disabled: DiffReport['apps']['disabled'] = [];
  const enabled: DiffReport['apps']['enabled'] = [];
  for (const [id, b] of before) {
    const h = after.get(id);
    if (!h) continue;
    if (deployed(b) && !deployed(h)) disabled.push({ ...appRef(h), reason: offReason(h) });
    if (!deployed(b) && deployed(h)) enabled.push({ ...appRef(h), reason: offReason(b) });
  }
  const sort = <T extends { id: string }>(l: T[]) => l.sort((x, y) => byString(x.id, y.id));
  return {
    added: sort(added.map(appRef)),
    removed: sort(removed.map(appRef)),
    disabled: sort(disabled),
    enabled: sort(enabled),
    moved: moved.sort((x, y) => byString(x.from.id, y.from.id)),
  };
}
