/**
 * VerticalPodAutoscalers per app and their updateMode (Off = recommendations only). A VPA belongs to
 * the app whose workload its targetRef names (kind and name, in the VPA's namespace): a manifest
 * workload, else the Deployment, StatefulSet or DaemonSet a HelmRelease there names after its release
 * (the chart's `fullname`: the release's name where it holds the chart's, else `<release>-<chart>`,
 * or `fullnameOverride`; app-template's `<release>` or `<release>-<controller>`). Only where no such
 * workload is known, the folder it is written in decides (outside review: VPAs written together in a
 * policies folder were all that folder's app's).
 */
import type { Finding } from '../../model/finding.ts';
import type { HelmRelease } from '../../model/helm-release.ts';
import { isWorkload } from '../../model/k8s-object.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { isLive, obj, refOf, str, type Ref } from './common.ts';

export interface VpaRow {
  id: string;
  name: string;
  namespace: string | null;
  appId: string | null;
  target: string | null;
  updateMode: string | null;
  ref: Ref;
}

export interface VpaMatrix {
  vpas: VpaRow[];
  /** Count per updateMode. */
  byMode: Record<string, number>;
  /** Live apps that run pods (a workload or a HelmRelease) with no VPA. */
  appsWithout: string[];
}

const RELEASE_WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

export function vpaMatrix(model: RepoModel): { result: VpaMatrix; findings: Finding[] } {
  const workloads = model.objects.filter((o) => isWorkload(o) && isLive(o, model));
  const releases = model.helmReleases.filter((h) => isLive(h, model));
  const ownerOf = (namespace: string | null, target: string | null): string | null => {
    if (!target || namespace === null) return null;
    const [kind, name] = target.split('/') as [string, string];
    const own = workloads.find((o) => o.kind === kind && o.name === name && o.namespace === namespace && o.appId);
    if (own) return own.appId;
    if (!RELEASE_WORKLOADS.has(kind)) return null;
    return releases.find((h) => (h.targetNamespace ?? h.namespace) === namespace && h.appId && releaseWorkloadNames(h).includes(name))?.appId ?? null;
  };
  const vpas = model.vpas
    .filter((v) => isLive(v, model))
    .map((v) => ({ id: v.id, name: v.name, namespace: v.namespace, appId: ownerOf(v.namespace, v.target) ?? v.appId, target: v.target, updateMode: v.updateMode, ref: refOf(v.source) }));
  const byMode: Record<string, number> = {};
  for (const v of vpas) byMode[v.updateMode ?? 'Auto'] = (byMode[v.updateMode ?? 'Auto'] ?? 0) + 1;
  const withVpa = new Set(vpas.map((v) => v.appId));
  // (An app of configuration only, a Namespace, policies or routes, runs no pod to size.)
  const runsPods = new Set([...workloads.map((o) => o.appId), ...releases.map((h) => h.appId)]);
  const appsWithout = model.apps.filter((a) => !a.disabled && !a.unreferenced && runsPods.has(a.id) && !withVpa.has(a.id)).map((a) => a.id).sort();
  return { result: { vpas, byMode, appsWithout }, findings: [] };
}

/** The names a release's chart gives its workloads, as far as they can be told from its values. */
function releaseWorkloadNames(h: HelmRelease): string[] {
  const values = obj(h.values);
  const chart = h.chart.name ?? '';
  const names = [str(values.fullnameOverride), h.releaseName.includes(chart) ? h.releaseName : `${h.releaseName}-${chart}`, h.releaseName];
  if (h.appTemplate) for (const controller of Object.keys(obj(values.controllers))) names.push(controller === h.releaseName ? h.releaseName : `${h.releaseName}-${controller}`);
  return names.filter((n): n is string => !!n);
}
