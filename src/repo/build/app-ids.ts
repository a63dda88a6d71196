/**
 * From drafts to apps: whether each is deployed, its id (unique over the model, deployed apps
 * first), its members. Split from apps.ts, which groups the drafts.
 */
import type { App } from '../../model/app.ts';
import { finding, type Finding } from '../../model/finding.ts';
import type { KustomizeFile } from '../../model/kustomize-file.ts';
import type { Draft, Placed } from './app-drafts.ts';
import { isDisabled, notDeployed, templatedBuilds, templatedFluxInstance } from './app-deployment.ts';
import { resourceSetPaths } from './flux-instance.ts';

/**
 * The apps of the settled drafts. A draft with no member left (its Kustomization moved to its one
 * release's app, `movedAway`) is none, unless files of its folder are there to be its.
 */
export function appsOfDrafts(drafts: Iterable<Draft>, placed: readonly Placed[], kustomizeFiles: readonly KustomizeFile[], movedAway: ReadonlySet<Draft>, findings: Finding[]): App[] {
  const all = [...drafts];
  const apps: App[] = [];
  const ids = new Map<string, string>();
  const multiCluster = new Set(all.map((d) => d.cluster)).size > 1;
  const hasRoots = placed.some((p) => p.doc.isFluxKs && p.doc.isRoot);
  const why = new Map<Draft, string | null>();
  const templatedSync = templatedFluxInstance(placed.map((p) => p.doc));
  const templated = templatedBuilds(kustomizeFiles, resourceSetPaths(placed.map((p) => p.doc)));
  for (const d of all) why.set(d, notDeployed(d, hasRoots, kustomizeFiles, templatedSync, 0, templated));
  // Deployed apps take their ids first: an archived, unreached or switched-off copy (a Kustomization
  // commented out beside the live one in its ks.yaml) never renames a live app.
  const inactive = (d: Draft) => why.get(d) !== null || isDisabled(d);
  const ordered = [...all].sort((a, b) => Number(inactive(a)) - Number(inactive(b)) || a.key.localeCompare(b.key));
  const baseId = (d: Draft) => (multiCluster && d.cluster ? `${d.cluster}/${d.namespace}/${d.name}` : `${d.namespace}/${d.name}`);
  renameByOwnKustomization(ordered, baseId, (d) => why.get(d) === null);
  const inactiveIds = new Set<string>();
  for (const d of ordered) {
    if (d.ks.length === 0 && d.objects.length === 0 && d.fileRelease === null && (movedAway.has(d) || !placed.some((p) => p.doc.file.startsWith(`${d.dir}/`) || p.doc.file === `${d.dir}.yaml`))) continue;
    const reason = why.get(d) ?? null;
    const id = uniqueAppId(d, baseId(d), inactive(d), ids, findings, inactiveIds);
    const members = [...d.ks, ...d.objects];
    for (const m of members) m.object.appId = id;
    const dirs = new Set<string>([d.dir]);
    for (const k of d.ks) if (k.doc.resolvedPath) dirs.add(k.doc.resolvedPath);
    // (The sync the Flux Operator makes describes itself, not an app of other Kustomizations it joined: flux-operator's.)
    const made = (m: Placed) => (m.doc.instanceOf ?? m.doc).madeInCluster === true;
    const describing = d.ks.some((k) => !made(k)) ? members.filter((m) => !made(m)) : members;
    const description =
      describing.map((m) => m.object.annotations['atlas.gitops/description'] ?? m.object.annotations['description'] ?? m.object.annotations['gethomepage.dev/description']).find((x) => x) ?? null;
    apps.push({
      id,
      name: d.name,
      namespace: d.namespace,
      cluster: multiCluster ? d.cluster : null,
      dir: d.dir,
      dirs: [...dirs].sort(),
      source: d.source,
      kustomizations: d.ks.map((k) => k.object.id).sort(),
      objects: [...new Set(members.map((m) => m.object.id))].sort(),
      disabled: isDisabled(d),
      unreferenced: reason !== null || (d.ks.length === 0 && !d.appliedByBootstrap && d.objects.every((o) => o.doc.owners.length === 0)),
      notDeployed: reason,
      readme: null,
      description,
    });
  }
  return apps;
}

/**
 * Two deployed apps of one id (two folders of one name): the Kustomization's own metadata.name tells
 * them apart where it differs (`flux-instance/ks.yaml` naming `flux-instance-extras`), before any
 * `-2`. A copy that is not deployed takes a suffix instead (uniqueAppId): it never renames the live app.
 */
function renameByOwnKustomization(ordered: readonly Draft[], baseId: (d: Draft) => string, deployed: (d: Draft) => boolean): void {
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
function uniqueAppId(d: Draft, base: string, notDeployed: boolean, ids: Map<string, string>, findings: Finding[], inactiveIds: Set<string>): string {
  let id = base;
  // Its own Kustomization's name first (`cert-manager-resources` beside the live `cert-manager`), a
  // suffix after it where that is taken too: `cert-manager-not-deployed` said the live app's copy was.
  const own = [...new Set(d.ks.filter((k) => !k.doc.raw.disabled).map((k) => k.object.name))];
  if (notDeployed && ids.has(id) && own.length === 1 && own[0] !== d.name && base.endsWith(`/${d.name}`)) {
    id = `${base.slice(0, base.length - d.name.length)}${own[0]}`;
    d.name = own[0]!;
  }
  // Where the app that has the id is not deployed either (two copies of one release, each in its
  // environment's folder), a state word would say of this one only what is true of both: the folder
  // that tells them apart names it (`apps/podinfo-staging`; outside review).
  if (notDeployed && ids.has(id) && inactiveIds.has(id)) {
    const other = ids.get(id)!.split('/');
    const here = d.dir.split('/');
    let i = 0;
    while (i < here.length && here[i] === other[i]) i++;
    const apart = here[i];
    // (Not a folder the name says already: `cert-manager-resources` of `resources/`.)
    if (apart !== undefined && apart !== '' && !id.slice(id.lastIndexOf('/') + 1).split('-').includes(apart) && !ids.has(`${id}-${apart}`)) id = `${id}-${apart}`;
  }
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
  if (notDeployed) inactiveIds.add(id);
  return id;
}
