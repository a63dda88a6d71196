/**
 * What holds a Flux Kustomization back, across builds: one error for a problem that stops several of
 * them (a shared base's or component's missing file), and the Kustomizations that wait (dependsOn) for
 * one that cannot be built. Split from flux-build.ts, which builds each Kustomization.
 */
import { heldBack, releaseWaitingReason, waitingReason, type Hold } from '../../model/app.ts';
import type { Finding } from '../../model/finding.ts';
import { arr, bool, obj, str } from '../../model/values.ts';
import type { Run } from './flux-copies.ts';
import { explicitNs, ksName, metaName, type WorkDoc } from './work-doc.ts';

/**
 * The error of a problem that stops Kustomization `id`, or null where another build's error already
 * says it (same code, file, line and text): that one will name this Kustomization too (nameStopped).
 */
export function stopOf(stops: Run['stops'], id: string, make: () => Finding): Finding | null {
  const f = make();
  const key = `${f.code}\u0000${f.source.file}\u0000${f.source.line}\u0000${f.message.slice(f.message.indexOf(':') + 1)}`;
  const stop = stops.get(key);
  if (stop) {
    if (!stop.ids.includes(id)) stop.ids.push(id);
    return null;
  }
  stops.set(key, { finding: f, ids: [id] });
  return f;
}

/** Once every build ran: an error that stops several Kustomizations names them all. */
export function nameStopped(stops: Run['stops']): void {
  for (const { finding: f, ids } of stops.values()) {
    if (ids.length < 2) continue;
    const names = ids.length <= 4 ? `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}` : `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more`;
    f.message = f.message.replace(`Kustomization ${ids[0]} cannot be built:`, `Kustomizations ${names} cannot be built:`).replace('Flux applies nothing of this Kustomization', 'Flux applies nothing of these Kustomizations');
  }
}

/**
 * A Kustomization whose dependsOn names one of its cluster that never becomes Ready waits for it: Flux
 * holds it ("dependency ... is not ready", or "not found") and applies nothing of it, nor of the
 * Kustomizations it holds. Never Ready: one whose build fails, one suspended (spec.suspend, as its
 * build left it: also set by a parent's patch), one no build of the cluster applies (`unapplied`: written
 * in the repository, but switched off, left out of its parent's list or reached by no root; not one
 * that only another cluster applies, or whose file lies in another cluster's folders: `elsewhere`), and
 * one that waits itself. Not where the waiting one is suspended (its owner chose), nor for a name the
 * repository does not define (a bootstrap or another repository may make it: DEPENDS_ON_MISSING).
 * Passed on like a failing build's reason: to what each waiting build made.
 */
export function waitForBlocked(copies: readonly WorkDoc[], unapplied: readonly WorkDoc[] = [], elsewhere: (file: string, cluster: string | null) => boolean = () => false): void {
  const idOf = ksName;
  const kustomizations = copies.filter((c) => c.isFluxKs && !c.raw.disabled);
  const byId = new Map(kustomizations.map((k) => [`${k.cluster ?? ''}\u0000${idOf(k)}`, k]));
  // (Written without a namespace, one no build applies has none yet: it is the dependency by its name.)
  const unappliedOf = (id: string, cluster: string | null) =>
    unapplied.find((d) => !elsewhere(d.file, cluster) && (explicitNs(d) === null ? id.endsWith(`/${metaName(d)}`) : idOf(d) === id));
  // What holds each waiting one: the Kustomization that is never Ready at the end of its chain, and why.
  const holders = new Map<WorkDoc, { id: string; hold: Hold }>();
  const holderOf = (k: WorkDoc, id: string): { id: string; hold: Hold } | null => {
    const dependency = byId.get(`${k.cluster ?? ''}\u0000${id}`);
    if (dependency === undefined) {
      const off = unappliedOf(id, k.cluster ?? null);
      return off === undefined ? null : { id, hold: `is not applied (${notAppliedWhy(off)})` };
    }
    // (Held by a failing build, its own or one it waits for; not removed by a `$patch: delete`.)
    if (holders.has(dependency)) return holders.get(dependency)!;
    if (dependency.blockedBy !== undefined) return heldBack({ notDeployed: dependency.blockedBy }) ? { id: /^Kustomization (\S+) cannot be built/.exec(dependency.blockedBy)?.[1] ?? id, hold: 'cannot be built' } : null;
    if (dependency.leftOut !== undefined) return { id, hold: `is not applied (left out of Flux's artifact: ${dependency.leftOut})` };
    if (bool(obj(dependency.body.spec).suspend) === true) return { id, hold: `is suspended (spec.suspend: true, ${dependency.file}:${dependency.raw.lines['spec.suspend'] ?? dependency.raw.source.line})` };
    return null;
  };
  // A waiting build holds what it made, and the Kustomizations among that in turn: one that waits
  // for such a child waits too, so the two are passed on together until nothing changes.
  const held = new Set<WorkDoc>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const k of kustomizations) {
      const spec = obj(k.body.spec);
      if (k.blockedBy !== undefined || bool(spec.suspend) === true) continue;
      for (const dep of arr(spec.dependsOn)) {
        const name = str(obj(dep).name);
        if (name === null) continue;
        const id = `${str(obj(dep).namespace) ?? k.ns ?? explicitNs(k) ?? 'flux-system'}/${name}`;
        const holder = id === idOf(k) ? null : holderOf(k, id);
        if (holder === null) continue;
        holders.set(k, holder);
        k.blockedBy = waitingReason(idOf(k), id, holder.id, holder.hold);
        held.add(k);
        changed = true;
        break;
      }
    }
    for (const d of copies) {
      const owner = d.owners[0];
      if (d.blockedBy !== undefined || owner === undefined || !held.has(owner)) continue;
      d.blockedBy = owner.blockedBy;
      if (d.isFluxKs) held.add(d), holders.set(d, holders.get(owner)!);
      changed = true;
    }
  }
}

const isRelease = (d: WorkDoc) => d.kind === 'HelmRelease' && d.group === 'helm.toolkit.fluxcd.io';

/**
 * A HelmRelease a working build applies, whose dependsOn names a HelmRelease of its cluster that no
 * working build applies (one that is switched off, reached by no root, or in a build that applies
 * nothing: `unapplied`, `elsewhere` as for waitForBlocked), or one that waits so in turn: helm-controller
 * never finds it Ready and installs nothing of it (`releaseWaits`). Not where it is suspended itself, nor
 * for a dependency that is suspended: helm-controller keeps a suspended release's status at its
 * generation, so one that was Ready lets it go on (FLUX_SUSPENDED says it may wait).
 */
export function releasesWaiting(copies: readonly WorkDoc[], unapplied: readonly WorkDoc[] = [], elsewhere: (file: string, cluster: string | null) => boolean = () => false): void {
  const idOf = (d: WorkDoc) => `${d.ns ?? explicitNs(d) ?? 'default'}/${metaName(d) ?? ''}`;
  const releases = copies.filter((c) => isRelease(c) && !c.raw.disabled);
  const byId = new Map(releases.map((r) => [`${r.cluster ?? ''}\u0000${idOf(r)}`, r]));
  const holders = new Map<WorkDoc, { id: string; why: string }>();
  const holderOf = (r: WorkDoc, id: string): { id: string; why: string } | null => {
    const dependency = byId.get(`${r.cluster ?? ''}\u0000${id}`);
    if (dependency === undefined) {
      const off = unapplied.find((d) => isRelease(d) && !elsewhere(d.file, r.cluster ?? null) && (explicitNs(d) === null ? id.endsWith(`/${metaName(d)}`) : idOf(d) === id));
      return off === undefined ? null : { id, why: notAppliedWhy(off) };
    }
    if (holders.has(dependency)) return holders.get(dependency)!;
    if (dependency.blockedBy !== undefined) return { id, why: `the build that would apply it applies nothing, ${dependency.file}:${dependency.raw.source.line}` };
    if (dependency.leftOut !== undefined) return { id, why: `left out of Flux's artifact: ${dependency.leftOut}` };
    return null;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of releases) {
      const spec = obj(r.body.spec);
      if (r.blockedBy !== undefined || r.releaseWaits !== undefined || bool(spec.suspend) === true) continue;
      for (const dep of arr(spec.dependsOn)) {
        const name = str(obj(dep).name);
        if (name === null) continue;
        const id = `${str(obj(dep).namespace) ?? r.ns ?? explicitNs(r) ?? 'default'}/${name}`;
        const holder = id === idOf(r) ? null : holderOf(r, id);
        if (holder === null) continue;
        holders.set(r, holder);
        r.releaseWaits = releaseWaitingReason(idOf(r), id, holder.id, holder.why);
        changed = true;
        break;
      }
    }
  }
}

/** Why Flux applies no copy of a Kustomization (or HelmRelease) written in the repository: switched off, or reached by no root. */
function notAppliedWhy(d: WorkDoc): string {
  const at = `${d.file}:${d.raw.source.line}`;
  if (d.raw.disabled === 'commented') return `commented out, ${at}`;
  if (d.raw.disabled === 'file') return `its file is switched off by its name, ${at}`;
  if (d.raw.disabled === 'unlisted') return `left out of its folder's kustomization.yaml, ${at}`;
  return `no Kustomization reached from a cluster root applies ${at}`;
}
