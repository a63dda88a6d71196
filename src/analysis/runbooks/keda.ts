/**
 * KEDA ScaledObjects that scale an app's workloads. A restore scales the app to 0 and expects it to
 * stay there; KEDA, left running, scales it back up (outside review: the restore runbook said to
 * scale to 0 an app whose Deployment a ScaledObject of the repository scales). Pausing it
 * (https://keda.sh/docs/latest/concepts/scaling-deployments/#pause-autoscaling) keeps the replicas
 * where the restore puts them; the annotation is not in the repository, so Flux leaves it, and the
 * runbook removes it at the end.
 */
import type { App } from '../../model/app.ts';
import type { KObject } from '../../model/k8s-object.ts';
import { subset } from '../../model/group-by.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import type { AppWorkloads } from './app-workloads.ts';

const PAUSED = 'autoscaling.keda.sh/paused';

const isScaledObject = (o: KObject): boolean => o.group === 'keda.sh' && o.kind === 'ScaledObject' && !o.disabled;

/** Whether the ScaledObject's target is one of the app's own Deployments or StatefulSets (same namespace). */
function targetsWorkload(o: KObject, w: AppWorkloads): boolean {
  const t = o.scaleTarget;
  if (!t || t.group !== 'apps') return false;
  const ns = o.namespace ?? w.namespace;
  return w.workloads.some((x) => x.kind === t.kind.toLowerCase() && x.name === t.name && x.namespace === ns);
}

/**
 * The live ScaledObjects that would undo the scale-down: the app's own (its Kustomization applies
 * them), and any of the app's cluster that names one of its workloads as its target. Only where the
 * repository says so: none otherwise. Sorted by namespace and name, one per object.
 */
export function appScaledObjects(model: RepoModel, app: App, w: AppWorkloads): KObject[] {
  const found = subset(model.objects, isScaledObject).filter((o) => o.appId === app.id || ((o.cluster ?? null) === app.cluster && targetsWorkload(o, w)));
  const byName = new Map(found.map((o) => [`${o.namespace ?? w.namespace}/${o.name}`, o]));
  return [...byName.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, o]) => o);
}

export function pauseCommands(list: readonly KObject[], namespace: string): string[] {
  return list.map((o) => `kubectl -n ${o.namespace ?? namespace} annotate scaledobject ${o.name} ${PAUSED}=true --overwrite`);
}

/** Exactly the reverse of `pauseCommands`: the annotation removed, KEDA scales again. */
export function unpauseCommands(list: readonly KObject[], namespace: string): string[] {
  return [...list].reverse().map((o) => `kubectl -n ${o.namespace ?? namespace} annotate scaledobject ${o.name} ${PAUSED}-`);
}
