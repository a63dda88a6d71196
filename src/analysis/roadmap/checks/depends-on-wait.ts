import type { FluxKustomization } from '../../../model/flux.ts';
import { sameCluster } from '../../health/common.ts';
import { kustomizationsInFiles, kustomizationsNamed } from './mentions.ts';
import { itemSource, outcome, type NamedCheck, type Shortfall } from './types.ts';

/**
 * A Kustomization others depend on is only "ready" for them when Flux waits for what it applied:
 * `wait: true` or `healthChecks` (https://fluxcd.io/flux/components/kustomize/kustomizations/#health-assessment).
 * Measured: the depended-on Kustomizations the item names (`Wait for kyverno-policies and
 * volsync`), else those in the files it names, else every depended-on Kustomization. A dependent
 * counts for the Kustomization of its own cluster only, where the repository has several.
 */
function dependedOn(model: Parameters<NamedCheck['run']>[0]['model']): (k: FluxKustomization) => number {
  const dependents = new Map<string, FluxKustomization[]>();
  for (const k of model.kustomizations) {
    if (k.disabled) continue;
    for (const d of k.dependsOn) {
      const key = `${d.namespace ?? k.namespace ?? ''}/${d.name}`;
      (dependents.get(key) ?? dependents.set(key, []).get(key)!).push(k);
    }
  }
  return (k) => (dependents.get(`${k.namespace ?? ''}/${k.name}`) ?? []).filter((d) => sameCluster(d.cluster, k.cluster)).length;
}

export const dependsOnWait: NamedCheck = {
  name: 'depends-on-wait',
  description: 'Depended-on Kustomizations (named in the item, else all) that set wait: true or healthChecks.',
  topic: /\bwait\b|health\s*check/i,
  seedIds: [],
  run({ item, model }) {
    const dependents = dependedOn(model);
    const isDep = (k: FluxKustomization): boolean => dependents(k) > 0;
    let targets = kustomizationsNamed(item, model).map((m) => m.value).filter(isDep);
    const notes: string[] = [];
    if (targets.length === 0) targets = kustomizationsInFiles(item, model).filter(isDep);
    if (targets.length === 0) {
      targets = model.kustomizations.filter((k) => !k.disabled && isDep(k));
      notes.push('The item names no depended-on Kustomization: every one is measured.');
    }
    if (targets.length === 0) return outcome(0, 0, [{ message: 'No Kustomization is depended on.', source: itemSource(item) }], notes);
    const shortfalls: Shortfall[] = [];
    let done = 0;
    for (const k of targets) {
      if (k.wait === true || k.healthChecks > 0) {
        done++;
        continue;
      }
      const has = k.wait === false ? '`wait: false`' : 'no `wait`';
      const n = dependents(k);
      shortfalls.push({ objectId: k.id, message: `Kustomization ${k.name} has ${has} and no healthChecks; ${n === 1 ? '1 Kustomization depends' : `${n} Kustomizations depend`} on it.`, source: k.source });
    }
    return outcome(done, targets.length, shortfalls, notes);
  },
};
