/**
 * What holds a Flux Kustomization back, across builds: one error for a problem that stops several of
 * them (a shared base's or component's missing file), and the Kustomizations that wait (dependsOn) for
 * one that cannot be built. Split from flux-build.ts, which builds each Kustomization.
 */
import { blockedByBuild, waitingReason } from '../../model/app.ts';
import type { Finding } from '../../model/finding.ts';
import { arr, bool, obj, str } from '../../model/values.ts';
import type { Run } from './flux-copies.ts';
import { explicitNs, ksName, type WorkDoc } from './work-doc.ts';

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
 * A Kustomization whose dependsOn names one of its cluster that cannot be built waits for it: Flux
 * holds it ("dependency ... is not ready") and applies nothing of it, nor of the Kustomizations it
 * holds. Not where it is suspended (its owner chose), nor for a dependency no build made (another
 * finding's business). Passed on like a failing build's reason: to what each waiting build made.
 */
export function waitForBlocked(copies: readonly WorkDoc[]): void {
  const idOf = ksName;
  const kustomizations = copies.filter((c) => c.isFluxKs && !c.raw.disabled);
  const byId = new Map(kustomizations.map((k) => [`${k.cluster ?? ''}\u0000${idOf(k)}`, k]));
  const waiting: WorkDoc[] = [];
  // The Kustomization whose build fails, for each one held: its own, its parent's, or the one it waits for.
  const failing = new Map<WorkDoc, string>();
  const failingOf = (k: WorkDoc) => failing.get(k) ?? /^Kustomization (\S+) cannot be built/.exec(k.blockedBy ?? '')?.[1] ?? idOf(k);
  for (let changed = true; changed; ) {
    changed = false;
    for (const k of kustomizations) {
      const spec = obj(k.body.spec);
      if (k.blockedBy !== undefined || bool(spec.suspend) === true) continue;
      for (const dep of arr(spec.dependsOn)) {
        const name = str(obj(dep).name);
        if (name === null) continue;
        const id = `${str(obj(dep).namespace) ?? k.ns ?? explicitNs(k) ?? 'flux-system'}/${name}`;
        const dependency = byId.get(`${k.cluster ?? ''}\u0000${id}`);
        // (Held by a failing build, its own or one it waits for; not removed by a `$patch: delete`.)
        if (dependency?.blockedBy === undefined || !blockedByBuild({ notDeployed: dependency.blockedBy })) continue;
        failing.set(k, failingOf(dependency));
        k.blockedBy = waitingReason(idOf(k), id, failing.get(k)!);
        waiting.push(k);
        changed = true;
        break;
      }
    }
  }
  if (waiting.length === 0) return;
  // What a waiting Kustomization's build made, and what the Kustomizations among it made, in turn.
  const blocked = new Set(waiting);
  for (let changed = true; changed; ) {
    changed = false;
    for (const d of copies) {
      if (d.blockedBy !== undefined) continue;
      const owner = d.owners[0];
      if (owner === undefined || !blocked.has(owner)) continue;
      d.blockedBy = owner.blockedBy;
      if (d.isFluxKs) blocked.add(d);
      changed = true;
    }
  }
}
