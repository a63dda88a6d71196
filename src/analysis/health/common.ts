/**
 * Small helpers the health matrices share: whether an object is live, safe accessors over untyped
 * Helm values, and Kubernetes/Prometheus size parsing. Pure; no I/O.
 */
import type { Finding } from '../../model/finding.ts';
import { plainId, type KObject } from '../../model/k8s-object.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { sameScan } from '../../model/same-scan.ts';
import { REDACTED } from '../../model/raw-doc.ts';
import type { Source } from '../../model/source.ts';

import { arr, str } from '../../model/values.ts';
import { idOf, indexBy } from '../../model/group-by.ts';

export { arr, at, isObj, obj, str,  } from '../../model/values.ts';
/**
 * A matrix computed once per model: the health report, every app page and the runbooks ask for the
 * same one, and a model never changes once built. Callers read the result; none changes it. The
 * findings come as a new list each time (callers add to theirs).
 */
export function perModel<R>(compute: (model: RepoModel) => { result: R; findings: Finding[] }): (model: RepoModel) => { result: R; findings: Finding[] } {
  // Keyed by the model's objects, and kept for another model of the same scan (src/model/same-scan.ts):
  // the pages' model, the scan's with every analysis' findings added, had each matrix computed again.
  const memo = new WeakMap<readonly unknown[], { model: RepoModel; result: R; findings: readonly Finding[] }>();
  return (model) => {
    let out = memo.get(model.objects);
    if (!out || !sameScan(out.model, model)) memo.set(model.objects, (out = { model, ...compute(model) }));
    return { result: out.result, findings: [...out.findings] };
  };
}

export const strs = (v: unknown): string[] => arr(v).flatMap((x) => (str(x) !== null ? [str(x)!] : []));

/**
 * Two places agree on the cluster: the same one, or either is not known (a repository of one cluster;
 * in one of several, an object no named cluster's build applies: a root's that names no cluster, or a
 * file no build reaches, which the repository does not tie to any cluster).
 */
export function sameCluster(a: string | null | undefined, b: string | null | undefined): boolean {
  return a == null || b == null || a === b;
}

/**
 * Live: deployed as the repository stands. Switched-off objects (`*.dis`, commented out) are not,
 * and neither are objects no Flux Kustomization reaches, unless the repository has no Flux
 * Kustomization at all (plain manifests applied some other way). An object whose Kustomization no
 * cluster root reaches (its folder commented out in the parent, an archive) is not deployed either.
 */
export function isLive(o: Pick<KObject, 'disabled' | 'owner'>, model: Pick<RepoModel, 'kustomizations'>): boolean {
  if (o.disabled) return false;
  if (o.owner === null) return model.kustomizations.length === 0;
  return !unreachedOwners(model).has(o.owner);
}

const UNREACHED = new WeakMap<readonly unknown[], Set<string>>();
/** Ids of Kustomizations no cluster root reaches, where the repository has a root at all. */
function unreachedOwners(model: Pick<RepoModel, 'kustomizations'>): Set<string> {
  let set = UNREACHED.get(model.kustomizations);
  if (!set) {
    const hasRoot = model.kustomizations.some((k) => k.isRoot && !k.disabled);
    set = new Set(hasRoot ? model.kustomizations.filter((k) => !k.isRoot && !k.reachedFromRoot).map((k) => k.id) : []);
    UNREACHED.set(model.kustomizations, set);
  }
  return set;
}

/** An app Flux deploys: not disabled, not unreferenced, and one of its Kustomizations reached from a root. */
export function isDeployedApp(app: { disabled: boolean; unreferenced: boolean; kustomizations: readonly string[] }, model: Pick<RepoModel, 'kustomizations'>): boolean {
  if (app.disabled || app.unreferenced) return false;
  const unreached = unreachedOwners(model);
  const byId = indexBy(model.kustomizations, idOf);
  const own = app.kustomizations.map((id) => byId.get(id)).filter((k): k is NonNullable<typeof k> => k !== undefined && !k.disabled);
  return own.length === 0 || own.some((k) => !unreached.has(k.id));
}

/**
 * An app whose live Kustomizations all build another repository's artifact: what it deploys is not
 * in this repository, so the per-app matrices say nothing about it (as its page does).
 */
export function isExternalApp(app: { kustomizations: readonly string[] }, model: Pick<RepoModel, 'kustomizations'>): boolean {
  const byId = indexBy(model.kustomizations, idOf);
  const own = app.kustomizations.map((id) => byId.get(id)).filter((k): k is NonNullable<typeof k> => k !== undefined && !k.disabled);
  return own.length > 0 && own.every((k) => k.externalSource === true);
}

/**
 * Objects synthesised from Helm values (monitors, endpoints, claims) carry `#` and the values path in
 * their id (`HelmRelease/media/plex#serviceMonitor`); they are not manifests. A second copy of one
 * object is `#2` (`#3` ...): a manifest still, checked like its first.
 */
export const isFromValues = (o: { id: string }): boolean => plainId(o.id).includes('#');

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** A Kubernetes quantity (`12Gi`, `500M`, `1e3`) in bytes; null when it is not one (e.g. `${VAR}`). */
export function parseQuantity(q: string | null | undefined): number | null {
  if (!q) return null;
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*(Ki|Mi|Gi|Ti|Pi|Ei|k|K|M|G|T|P|E)?\s*$/.exec(q);
  if (!m) return null;
  const unit = m[2] ?? '';
  return Number(m[1]) * (BINARY[unit] ?? DECIMAL[unit] ?? 1);
}

/**
 * A Prometheus `retentionSize` (`2GB`, `512MB`). Prometheus reads these units as powers of two
 * (https://prometheus.io/docs/prometheus/latest/storage/#operational-aspects: "1KB is 1024B").
 */
export function parsePromSize(q: string | null | undefined): number | null {
  if (!q) return null;
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*(B|KB|MB|GB|TB|PB|EB|KiB|MiB|GiB|TiB)?\s*$/i.exec(q);
  if (!m) return parseQuantity(q);
  const u = (m[2] ?? 'B').toUpperCase().replace('IB', 'B');
  const pow = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'].indexOf(u);
  return Number(m[1]) * 1024 ** Math.max(0, pow);
}

/** Human size for messages: 12 GiB, 2 GiB, 512 MiB. */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[i]}`;
}

/**
 * A name or namespace whose value is not known here: a variable left for Flux or a template to fill in
 * (`${APP}`, `{{ .Release.Name }}`, a ResourceSet's `<< inputs.x >>`, `$(VAR)`), or a SOPS document's
 * ciphertext (`ENC[...]`, wiped to [redacted] when read). Checks that judge a name skip these.
 */
export function unknownName(s: string): boolean {
  return /\$\{|\{\{|<<|\$\(|^ENC\[/.test(s) || s.includes(REDACTED);
}

/** A plain reference to a place in the repository, as pages and exports show it. */
export interface Ref {
  file: string;
  line: number;
}
export const refOf = (s: Source): Ref => ({ file: s.file, line: s.line });

/** Count occurrences of each value (`null` counted as 'unset'), sorted by value. */
export function spread(values: readonly (string | null)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v ?? 'unset'] = (out[v ?? 'unset'] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}
