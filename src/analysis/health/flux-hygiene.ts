/**
 * Flux hygiene: how the Kustomizations are tuned (interval, timeout, retryInterval, prune, wait),
 * the spread of each value, values off the standard in `standards:` of atlas.config.yaml
 * (FLUX_SETTING_OFF_STANDARD, info), switched-off and orphaned Kustomizations, and the folder layout
 * of each app with the ones that differ from the repository's usual shape.
 * Orphans are only listed: the graph analysis reports them as findings.
 */
import type { AtlasConfig } from '../../config/schema.ts';
import { finding, type Finding } from '../../model/finding.ts';
import { appIdOf, groupBy } from '../../model/group-by.ts';
import type { FluxKustomization } from '../../model/flux.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { chartSourceFindings } from './chart-source-missing.ts';
import { ksSourceFindings } from './ks-source-missing.ts';
import { chartUnpinnedFindings } from './chart-unpinned.ts';
import { chartNameFindings, chartSpecFindings } from './chart-name.ts';
import { helmRepositoryTypeFindings } from './helm-repository-type.ts';
import { valuesFromMissingFindings } from './values-from-missing.ts';
import { refOf, sameCluster, spread, type Ref } from './common.ts';

export interface KustomizationRow {
  id: string;
  appId: string | null;
  interval: string | null;
  timeout: string | null;
  retryInterval: string | null;
  prune: boolean | null;
  wait: boolean | null;
  /** Fields whose value differs from the configured standard. */
  offStandard: ('interval' | 'timeout' | 'retryInterval')[];
  ref: Ref;
}

type LayoutKind = 'single' | 'multi' | 'flat' | 'other';

export interface AppLayout {
  appId: string;
  /** Folders under the app folder its Kustomizations deploy, e.g. `app`, `app+db`. */
  pattern: string;
  kind: LayoutKind;
  helmReleases: number;
  oddOneOut: boolean;
}

export interface FluxHygiene {
  kustomizations: KustomizationRow[];
  spread: Record<'interval' | 'timeout' | 'retryInterval' | 'prune' | 'wait', Record<string, number>>;
  standards: AtlasConfig['standards'];
  disabled: { id: string; how: 'commented' | 'file' | 'unlisted'; ref: Ref }[];
  /** Not reached by any kustomization.yaml and not a root (the graph analysis reports these). */
  orphaned: { id: string; ref: Ref }[];
  layouts: AppLayout[];
  /** The most common layout kind. */
  usualLayout: LayoutKind | null;
}

const FIELDS = ['interval', 'timeout', 'retryInterval'] as const;

export function fluxHygiene(model: RepoModel, config: Pick<AtlasConfig, 'standards'>): { result: FluxHygiene; findings: Finding[] } {
  const findings: Finding[] = [];
  const standards = config.standards ?? {};
  // (Those the repository writes: not the sync the Flux Operator makes in the cluster, set by its FluxInstance.)
  const live = model.kustomizations.filter((k) => !k.disabled && !k.madeInCluster);
  const rows: KustomizationRow[] = live.map((k) => {
    const offStandard = FIELDS.filter((f) => standards[f] !== undefined && !k.isRoot && k[f] !== standards[f]);
    for (const f of offStandard) {
      findings.push(
        finding('FLUX_SETTING_OFF_STANDARD', 'info', `Kustomization ${k.namespace ?? ''}/${k.name} has ${f} ${k[f] ?? 'unset'}; the standard is ${standards[f]}.`, k.source, {
          area: 'flux',
          objectId: k.id,
          ...(k.appId ? { appId: k.appId } : {}),
        }),
      );
    }
    // `prune: false` written here ("never delete this"), turned on by the parent's spec.patches.
    if (k.pruneOverriddenBy && (k.reachedFromRoot || k.isRoot)) {
      findings.push(
        finding('PRUNE_OVERRIDDEN', 'warning', `Kustomization ${k.namespace ?? 'flux-system'}/${k.name} says prune: false, but the spec.patches of Kustomization ${k.pruneOverriddenBy}, which applies it, set prune: true: Flux deletes what it applies once it leaves the build. Exclude it from that patch's target (a label or annotation selector), or drop prune from the patch.`, k.source, {
          area: 'flux',
          objectId: k.id,
          ...(k.appId ? { appId: k.appId } : {}),
        }),
      );
    }
    // Suspended in the repository: the cluster keeps what was applied last, and nothing changes on a push.
    if (k.suspend && (k.reachedFromRoot || k.isRoot)) {
      findings.push(
        finding('FLUX_SUSPENDED', 'info', `Kustomization ${k.namespace ?? 'flux-system'}/${k.name} has spec.suspend: true: Flux does not reconcile it, so changes to what it applies (and pruning) wait until \`flux resume kustomization ${k.name} -n ${k.namespace ?? 'flux-system'}\` or the field is removed.`, k.source, {
          area: 'flux',
          objectId: k.id,
          ...(k.appId ? { appId: k.appId } : {}),
        }),
      );
    }
    return { id: k.id, appId: k.appId, interval: k.interval, timeout: k.timeout, retryInterval: k.retryInterval, prune: k.prune, wait: k.wait, offStandard, ref: refOf(k.source) };
  });
  // A suspended HelmRelease: helm-controller does not upgrade it, and a HelmRelease that depends on it
  // waits for it (its Ready condition, which a suspended release does not renew) before each upgrade.
  for (const hr of model.helmReleases) {
    if (hr.disabled || hr.suspend !== true || hr.owner === null) continue;
    // (helm-controller resolves dependsOn in its own cluster: another cluster's release waits for that cluster's copy.)
    const waiting = model.helmReleases.filter((o) => !o.disabled && sameCluster(o.cluster, hr.cluster) && o.dependsOn.some((d) => d.name === hr.name && (d.namespace ?? o.namespace) === hr.namespace)).map((o) => `${o.namespace ?? 'default'}/${o.name}`);
    findings.push(
      finding('FLUX_SUSPENDED', 'info', `HelmRelease ${hr.namespace ?? 'default'}/${hr.name} has spec.suspend: true: helm-controller does not install or upgrade it, so changes to its chart and values wait until \`flux resume helmrelease ${hr.name} -n ${hr.namespace ?? 'default'}\` or the field is removed.${waiting.length > 0 ? ` HelmRelease${waiting.length > 1 ? 's' : ''} ${waiting.join(', ')} depend${waiting.length > 1 ? '' : 's'} on it and may wait for it.` : ''}`, hr.source, {
        area: 'flux',
        objectId: hr.id,
        ...(hr.appId ? { appId: hr.appId } : {}),
      }),
    );
  }
  for (const f of [...chartSourceFindings(model), ...ksSourceFindings(model), ...chartUnpinnedFindings(model), ...chartNameFindings(model), ...chartSpecFindings(model), ...helmRepositoryTypeFindings(model), ...valuesFromMissingFindings(model)]) findings.push(f);
  const b = (v: boolean | null) => (v === null ? null : String(v));
  const layouts = appLayouts(model);
  const counts = new Map<LayoutKind, number>();
  for (const l of layouts) counts.set(l.kind, (counts.get(l.kind) ?? 0) + 1);
  const usualLayout = [...counts].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]?.[0] ?? null;
  // app/ alone and app/ plus siblings are the same convention; flat or other folders differ from it.
  const family = (k: LayoutKind) => (k === 'single' || k === 'multi' ? 'app-folder' : k);
  for (const l of layouts) l.oddOneOut = usualLayout !== null && family(l.kind) !== family(usualLayout);
  return {
    result: {
      kustomizations: rows.sort((x, y) => x.id.localeCompare(y.id)),
      spread: {
        interval: spread(live.map((k) => k.interval)),
        timeout: spread(live.map((k) => k.timeout)),
        retryInterval: spread(live.map((k) => k.retryInterval)),
        prune: spread(live.map((k) => b(k.prune))),
        wait: spread(live.map((k) => b(k.wait))),
      },
      standards,
      disabled: model.kustomizations.filter((k) => k.disabled).map((k) => ({ id: k.id, how: k.disabled!, ref: refOf(k.source) })),
      orphaned: live.filter((k) => k.owner === null && !k.isRoot).map((k) => ({ id: k.id, ref: refOf(k.source) })),
      layouts,
      usualLayout,
    },
    findings,
  };
}

/**
 * The shape of each live app: which folders under the app folder its Kustomizations deploy.
 * `app` alone is the single-component shape, `app` plus others (db, config, crds ...) is multi,
 * the app folder itself is flat.
 */
function appLayouts(model: RepoModel): AppLayout[] {
  const ksById = new Map<string, FluxKustomization>(model.kustomizations.map((k) => [k.id, k]));
  const out: AppLayout[] = [];
  for (const app of model.apps) {
    if (app.disabled || app.unreferenced) continue;
    const parts = new Set<string>();
    for (const id of app.kustomizations) {
      const k = ksById.get(id);
      if (!k || k.disabled || k.resolvedPath === null) continue;
      if (k.resolvedPath === app.dir) parts.add('.');
      else if (k.resolvedPath.startsWith(app.dir + '/')) parts.add(k.resolvedPath.slice(app.dir.length + 1).split('/')[0]!);
      else parts.add('elsewhere');
    }
    if (parts.size === 0) continue;
    const pattern = [...parts].sort().join('+');
    const kind: LayoutKind = pattern === 'app' ? 'single' : parts.has('app') ? 'multi' : pattern === '.' ? 'flat' : 'other';
    out.push({ appId: app.id, pattern, kind, helmReleases: (groupBy(model.helmReleases, appIdOf).get(app.id) ?? []).filter((h) => !h.disabled).length, oddOneOut: false });
  }
  return out.sort((a, b) => a.appId.localeCompare(b.appId));
}
