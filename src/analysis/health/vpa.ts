/** VerticalPodAutoscalers per app and their updateMode (Off = recommendations only). */
import type { Finding } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { isLive, refOf, type Ref } from './common.ts';

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
  /** Live apps with no VPA. */
  appsWithout: string[];
}

export function vpaMatrix(model: RepoModel): { result: VpaMatrix; findings: Finding[] } {
  const vpas = model.vpas
    .filter((v) => isLive(v, model))
    .map((v) => ({ id: v.id, name: v.name, namespace: v.namespace, appId: v.appId, target: v.target, updateMode: v.updateMode, ref: refOf(v.source) }));
  const byMode: Record<string, number> = {};
  for (const v of vpas) byMode[v.updateMode ?? 'Auto'] = (byMode[v.updateMode ?? 'Auto'] ?? 0) + 1;
  const withVpa = new Set(vpas.map((v) => v.appId));
  const appsWithout = model.apps.filter((a) => !a.disabled && !a.unreferenced && !withVpa.has(a.id)).map((a) => a.id).sort();
  return { result: { vpas, byMode, appsWithout }, findings: [] };
}
