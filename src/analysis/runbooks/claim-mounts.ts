/**
 * What else runs pods on the claims a restore writes to, beyond the app's Deployments and StatefulSets
 * that the scale-down stops: CronJobs, whose next run starts a pod on the claim during the restore and
 * whose running Job keeps the claim from being deleted; Jobs, which ran when they were applied and may
 * still run; long-running workloads of another app. Outside review: an app of one CronJob and one Job,
 * both mounting its claim, got `kubectl scale deployment,statefulset … --replicas=0`, which matched
 * nothing, under "stop every pod that mounts the volumes".
 * https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-suspension
 */
import type { KObject } from '../../model/k8s-object.ts';
import { isWorkload } from '../../model/k8s-object.ts';
import { groupBy, subset } from '../../model/group-by.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import type { AppWorkloads } from './app-workloads.ts';

/** A claim by cluster, namespace and name. */
export interface ClaimAt {
  name: string;
  namespace: string | null;
  cluster: string | null;
}

export interface ClaimMounts {
  /** CronJobs whose pod template mounts a claim: suspended during the restore, resumed after it. */
  cronJobs: KObject[];
  /** Jobs and bare Pods that mount a claim: each ran once, when applied, and may still be running. */
  runs: KObject[];
  /** Long-running workloads that mount a claim and that the app's scale-down does not stop (another app's). */
  others: KObject[];
}

const mounts = (o: KObject): boolean => !o.disabled && isWorkload(o) && (o.mountsClaims?.length ?? 0) > 0;
const placeOf = (o: KObject): string => `${o.cluster ?? ''}|${o.namespace ?? ''}`;

/** The workloads of the claims' namespaces that mount them, each once, sorted by kind and name. */
export function claimMounts(model: RepoModel, w: AppWorkloads, claims: readonly ClaimAt[]): ClaimMounts {
  const stopped = new Set(w.workloads.map((x) => `${x.kind}/${x.namespace}/${x.name}`));
  // (Only the workloads of the claims' clusters and namespaces, and those without a namespace, are looked at:
  // a filter of every mounting workload per restore runbook was quadratic at 1,000 apps.)
  const byPlace = groupBy(subset(model.objects, mounts), placeOf);
  const near = new Set<KObject>();
  for (const c of claims) for (const ns of [c.namespace ?? w.namespace, null]) for (const o of byPlace.get(`${c.cluster ?? ''}|${ns ?? ''}`) ?? []) near.add(o);
  const found = [...near].filter((o) =>
    claims.some((c) => o.mountsClaims!.includes(c.name) && (o.namespace ?? w.namespace) === (c.namespace ?? w.namespace) && (o.cluster ?? null) === (c.cluster ?? null)),
  );
  const sorted = [...new Map(found.map((o) => [`${o.kind}/${o.namespace ?? ''}/${o.name}`, o])).values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  return {
    cronJobs: sorted.filter((o) => o.group === 'batch' && o.kind === 'CronJob'),
    runs: sorted.filter((o) => (o.group === 'batch' && o.kind === 'Job') || (o.group === '' && o.kind === 'Pod')),
    // (A Deployment or StatefulSet of the app is scaled down already, by name or by its release's label.)
    others: sorted.filter((o) => o.group === 'apps' && !stopped.has(`${o.kind.toLowerCase()}/${o.namespace ?? w.namespace}/${o.name}`)),
  };
}

/** `kubectl patch` of each CronJob's `spec.suspend`: true stops new runs, false lets them start again. */
export function cronJobSuspendCommands(list: readonly KObject[], namespace: string, suspend: boolean): string[] {
  return list.map((o) => `kubectl -n ${o.namespace ?? namespace} patch cronjob ${o.name} -p '{"spec":{"suspend":${suspend}}}'`);
}
