/**
 * The Flux objects and workloads of one app, and the commands that pause, stop, restart and resume
 * them. Shared by the restore and rotate runbooks so both say the same thing in the same order:
 * Kustomization before HelmRelease on the way down (a reconciling Kustomization would re-apply a
 * suspended HelmRelease's spec), the reverse on the way up.
 */
import type { App } from '../../model/app.ts';
import type { FluxKustomization } from '../../model/flux.ts';
import type { HelmRelease } from '../../model/helm-release.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { appIdOf, groupBy, idOf, ownerOf, positionIn, subset } from '../../model/group-by.ts';

export interface AppWorkloads {
  kustomizations: FluxKustomization[];
  helmReleases: HelmRelease[];
  /**
   * Deployments and StatefulSets the app's own manifests define (not a chart's), by namespace and name.
   * (A DaemonSet or ReplicaSet only where a rotate runbook restarts the readers of a Secret: none is scaled.)
   */
  workloads: { kind: 'deployment' | 'statefulset' | 'daemonset' | 'replicaset'; name: string; namespace: string }[];
  /** Namespace the workloads run in. */
  namespace: string;
}

const ns = (n: string | null): string => n ?? 'flux-system';

export function appWorkloads(model: RepoModel, app: App): AppWorkloads {
  // Through indexes (an app asks for its own few of thousands), back in model order before the sort.
  const byId = groupBy(model.kustomizations, idOf);
  const at = positionIn(model.kustomizations);
  const objects = (groupBy(model.objects, appIdOf).get(app.id) ?? []).filter((o) => !o.disabled);
  const helmReleases = (groupBy(model.helmReleases, appIdOf).get(app.id) ?? []).filter((h) => !h.disabled).sort((a, b) => a.name.localeCompare(b.name));
  // A Kustomization suspended in the repository stays so: suspending it again does nothing, and the
  // closing `flux resume` would undo what its owner chose.
  const own = app.kustomizations.flatMap((id) => byId.get(id) ?? []).filter((k) => !k.disabled && !k.suspend);
  // An app with no Kustomization or HelmRelease of its own (a folder of manifests under a cluster's
  // root): the Kustomizations that apply its objects, which would undo a restore. (Not the owners of
  // an app's own Kustomization: that is `cluster-apps`, which applies every app.)
  const applying = own.length > 0 || helmReleases.length > 0
    ? []
    : objects.filter((o) => !(o.kind === 'Kustomization' && o.group === 'kustomize.toolkit.fluxcd.io')).flatMap((o) => (o.owner ? byId.get(o.owner) ?? [] : [])).filter((k) => !k.disabled && !k.suspend);
  const kustomizations = [...new Set([...own, ...applying])].sort((a, b) => a.name.localeCompare(b.name) || at.of(a) - at.of(b));
  const workloads = objects
    .filter((o) => o.group === 'apps' && (o.kind === 'Deployment' || o.kind === 'StatefulSet'))
    .map((o) => ({ kind: o.kind === 'Deployment' ? ('deployment' as const) : ('statefulset' as const), name: o.name, namespace: o.namespace ?? app.namespace }))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  // Where the workloads run: a release's install namespace, not the HelmRelease's own (often flux-system).
  const release = helmReleases[0];
  return { kustomizations, helmReleases, workloads, namespace: (release ? (release.targetNamespace ?? release.namespace) : null) ?? workloads[0]?.namespace ?? app.namespace };
}

export function suspendCommands(w: AppWorkloads): string[] {
  return [
    ...w.kustomizations.map((k) => `flux suspend kustomization ${k.name} -n ${ns(k.namespace)}`),
    ...w.helmReleases.map((h) => `flux suspend helmrelease ${h.name} -n ${ns(h.namespace)}`),
  ];
}

/** Exactly the reverse of `suspendCommands`. */
export function resumeCommands(w: AppWorkloads): string[] {
  return suspendCommands(w)
    .reverse()
    .map((c) => c.replace(/^flux suspend /, 'flux resume '));
}

/**
 * What to scale or restart, one command each: Helm's instance label per release (a chart's own
 * labels), the app's Deployments and StatefulSets by name (plain manifests carry whatever labels
 * their author chose), and only where the app has neither, the app name label.
 */
function targets(w: AppWorkloads, app: Pick<App, 'name'>): string[] {
  const out = w.helmReleases.map((h) => `deployment,statefulset -n ${w.namespace} -l app.kubernetes.io/instance=${h.releaseName}`);
  for (const [namespace, list] of Map.groupBy(w.workloads, (x) => x.namespace)) out.push(`${list.map((x) => `${x.kind}/${x.name}`).join(' ')} -n ${namespace}`);
  return out.length > 0 ? out : [`deployment,statefulset -n ${w.namespace} -l app.kubernetes.io/name=${app.name}`];
}

export function scaleCommands(w: AppWorkloads, app: Pick<App, 'name'>, replicas: number): string[] {
  return targets(w, app).map((t) => `kubectl scale ${t} --replicas=${replicas}`);
}

export function restartCommands(w: AppWorkloads, app: Pick<App, 'name'>): string[] {
  return targets(w, app).map((t) => `kubectl rollout restart ${t}`);
}

/** Stakater Reloader restarts pods annotated `reloader.stakater.com/*` when their Secret changes. */
export function reloaderInRepo(model: RepoModel): boolean {
  return subset(model.helmReleases, isReloader).length > 0;
}

const isReloader = (h: RepoModel['helmReleases'][number]): boolean => !h.disabled && (h.chart.name === 'reloader' || h.name === 'reloader');

/** Whether the app's values or objects carry a Reloader annotation (so a restart is automatic). */
export function usesReloader(model: RepoModel, w: AppWorkloads, app: App): boolean {
  const key = /^(secret\.|configmap\.)?reloader\.stakater\.com\//;
  const inObjects = (groupBy(model.objects, appIdOf).get(app.id) ?? []).some((o) => Object.keys(o.annotations).some((k) => key.test(k)));
  return inObjects || w.helmReleases.some((h) => hasKey(h.values, key));
}

function hasKey(v: unknown, re: RegExp): boolean {
  const stack: unknown[] = [v];
  let guard = 0;
  while (stack.length > 0 && guard++ < 20_000) {
    const cur = stack.pop();
    if (Array.isArray(cur)) stack.push(...cur);
    else if (cur && typeof cur === 'object') {
      for (const [k, val] of Object.entries(cur)) {
        if (re.test(k)) return true;
        if (val && typeof val === 'object') stack.push(val);
      }
    }
  }
  return false;
}


/**
 * A cluster's root app: one whose Kustomizations deploy the Kustomizations of two or more other apps
 * (the bootstrap's `flux-system`, `cluster-apps`): what it applies belongs to them. Not an app with
 * one child of its own (a `-crds` Kustomization), nor a root Kustomization that is one app.
 */
export function isRootApp(model: RepoModel, app: App): boolean {
  const children = groupBy(model.kustomizations, ownerOf);
  const others = new Set(app.kustomizations.flatMap((id) => children.get(id) ?? []).flatMap((k) => (k.appId !== null && k.appId !== app.id ? [k.appId] : [])));
  return others.size >= 2;
}
