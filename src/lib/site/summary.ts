import { isLive } from '../../analysis/health/common.ts';
import { z } from 'zod';
import type { AtlasConfig } from '../../config/schema.ts';
import type { RepoModel } from '../../model/repo-model.ts';

/**
 * The repository at a glance, plus the site-wide settings pages need at render time (pages do
 * not read the environment or the config file: everything reaches them through collections).
 */
export const SummarySchema = z.object({
  title: z.string(),
  repoUrl: z.string().nullable(),
  noindex: z.boolean(),
  commit: z.object({ sha: z.string(), date: z.string() }).nullable(),
  /** Several clusters: app URLs carry the cluster. */
  clusters: z.array(z.string()),
  counts: z.object({
    apps: z.number().int(),
    activeApps: z.number().int(),
    disabledApps: z.number().int(),
    unreferencedApps: z.number().int(),
    namespaces: z.number().int(),
    fluxKustomizations: z.number().int(),
    helmReleases: z.number().int(),
    externalSecrets: z.number().int(),
    sealedSecrets: z.number().int(),
    syncedSecrets: z.number().int(),
    sopsFiles: z.number().int(),
    pvcs: z.number().int(),
    monitors: z.number().int(),
    networkPolicies: z.number().int(),
  }),
  findings: z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() }),
  namespaces: z.array(z.object({ name: z.string(), apps: z.number().int() })),
});
export type Summary = z.output<typeof SummarySchema>;

export interface SummaryInput {
  model: RepoModel;
  config: AtlasConfig;
  commit: { sha: string; date: string } | null;
}

export function summarize({ model, config, commit }: SummaryInput): Summary {
  const live = <T extends { disabled: unknown }>(list: readonly T[]) => list.filter((x) => !x.disabled).length;
  const perNs = new Map<string, number>();
  for (const ns of model.namespaces) perNs.set(ns, 0);
  // As /namespaces/ lists them: deployed apps only (a namespace of only archived or unreached apps has
  // no page, and its link from the overview was a 404).
  for (const a of model.apps) if (!a.notDeployed) perNs.set(a.namespace, (perNs.get(a.namespace) ?? 0) + 1);
  const findings = { error: 0, warning: 0, info: 0 };
  for (const f of model.findings) findings[f.severity]++;
  return {
    title: config.title ?? model.name,
    repoUrl: config.repoUrl ?? null,
    noindex: config.noindex,
    commit,
    clusters: model.clusters,
    counts: {
      apps: model.apps.length,
      activeApps: model.apps.filter((a) => !a.disabled && !a.unreferenced).length,
      disabledApps: model.apps.filter((a) => a.disabled).length,
      unreferencedApps: model.apps.filter((a) => !a.disabled && a.unreferenced).length,
      namespaces: perNs.size,
      fluxKustomizations: live(model.kustomizations),
      helmReleases: live(model.helmReleases),
      externalSecrets: live(model.externalSecrets),
      sealedSecrets: live(model.sealedSecrets),
      syncedSecrets: live(model.syncedSecrets),
      sopsFiles: model.sopsFiles.filter((s) => !s.disabled).length,
      // Claims a Flux build applies (not one in a file its kustomization.yaml leaves out), as /health/backup/ counts them.
      pvcs: model.pvcs.filter((p) => isLive(p, model)).length,
      monitors: live(model.monitors),
      networkPolicies: live(model.networkPolicies),
    },
    findings,
    namespaces: [...perNs].map(([name, apps]) => ({ name, apps })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}
