import { z } from 'zod';
import { SourceSchema } from './source.ts';

/**
 * The unit an operator thinks in: usually the folder `apps/<namespace>/<app>/` whose ks.yaml may
 * hold several Flux Kustomizations (app, crds, config). Id: `namespace/name`, or
 * `cluster/namespace/name` where the repository has several clusters.
 */
export const AppSchema = z.object({
  id: z.string(),
  name: z.string(),
  namespace: z.string(),
  cluster: z.string().nullable(),
  /** Folder that holds the app (where its ks.yaml or manifests live), repo-relative. */
  dir: z.string(),
  /** Folders the app's Kustomizations deploy from; commits touching them belong to the app. */
  dirs: z.array(z.string()),
  source: SourceSchema,
  /** Ids of the Flux Kustomizations of the app (active and disabled). */
  kustomizations: z.array(z.string()),
  /** Ids of every object the app owns, by kind. */
  objects: z.array(z.string()),
  /** Every Kustomization of the app is disabled (`ks.dis`, commented out). */
  disabled: z.boolean(),
  /**
   * Nothing Flux applies of the app reaches the cluster: no Flux Kustomization reaches its objects, or
   * one does but applies nothing of them (a failing build, a dependency that fails, a `$patch: delete`);
   * `notDeployed` says which.
   */
  unreferenced: z.boolean(),
  /**
   * Why the app is in the repository but not deployed: archived, commented out in its parent
   * kustomization.yaml (with file:line), or not reached from any cluster root. Null when deployed.
   */
  notDeployed: z.string().nullable().optional(),
  /** Hand-written README.md in the app folder (path), generated blocks stripped when read. */
  readme: z.string().nullable(),
  /** description annotation, when the manifests carry one. */
  description: z.string().nullable(),
});
export type App = z.output<typeof AppSchema>;

/**
 * An app's `notDeployed` when a build that would apply it fails as a whole: Flux would deploy it, and
 * the owner means it to be deployed (unlike an archive, a switched-off Kustomization or a file left
 * out). Made here and read by `heldBack`, so the two agree.
 */
export function blockedReason(kustomization: string, why: string): string {
  return `Kustomization ${kustomization} cannot be built (${why}), so Flux applies nothing of it.`;
}

/**
 * What keeps a Kustomization's dependency from becoming Ready, so that what waits for it waits for ever
 * (kustomize-controller: "dependency '<ns>/<name>' is not ready", or "not found"): its build fails, it is
 * suspended (spec.suspend: not reconciled, its status lags its spec: fluxcd/kustomize-controller#1604),
 * or no build applies it (switched off, left out of its parent's list, reached by no cluster root).
 */
export type Hold = 'cannot be built' | `is suspended (${string})` | `is not applied (${string})`;

/**
 * An app's `notDeployed` when its Kustomization waits (`dependsOn`) for one that `hold` keeps from being
 * Ready, itself (`holder` is `dependency`) or through the one it waits for in turn (`holder`): Flux holds
 * it ("dependency ... is not ready") and applies nothing of it either.
 */
export function waitingReason(kustomization: string, dependency: string, holder: string, hold: Hold = 'cannot be built'): string {
  const held = dependency === holder ? '' : ` held by Kustomization ${holder},`;
  return `Kustomization ${kustomization} waits (dependsOn) for Kustomization ${dependency},${held} which ${hold}, so Flux applies nothing of it.`;
}

/**
 * A HelmRelease's `releaseWaits`, and its app's `notDeployed` where nothing else of the app runs: it
 * waits (`dependsOn`) for a HelmRelease that no working build applies, itself (`holder` is `dependency`)
 * or down a chain of releases that wait (helm-controller: "dependency ... not found", or "is not ready").
 * Not for a suspended one: helm-controller keeps a suspended release's status at its generation, so one
 * that was Ready before lets its dependents go on (FLUX_SUSPENDED says they may wait).
 */
export function releaseWaitingReason(release: string, dependency: string, holder: string, why: string): string {
  const held = dependency === holder ? '' : ` held by HelmRelease ${holder},`;
  return `HelmRelease ${release} waits (dependsOn) for HelmRelease ${dependency},${held} which is not applied (${why}), so helm-controller installs nothing of it.`;
}

/**
 * Whether an app is not deployed only because Flux holds what its owner means to deploy: a build that
 * would apply it fails, or it waits (dependsOn) for a Kustomization that cannot be built, is suspended
 * or is not applied, directly or down a chain of such waits, or its releases wait for one not applied.
 */
export function heldBack(app: Pick<App, 'notDeployed'>): boolean {
  const reason = app.notDeployed ?? '';
  return (
    /^Kustomization \S+ (?:cannot be built \(.*\)|waits \(dependsOn\) for Kustomization \S+,(?: held by Kustomization \S+,)? which (?:cannot be built|is suspended \(.*\)|is not applied \(.*\))), so Flux applies nothing of it\.$/s.test(reason) ||
    /^HelmRelease \S+ waits \(dependsOn\) for HelmRelease \S+,(?: held by HelmRelease \S+,)? which is not applied \(.*\), so helm-controller installs nothing of it\.$/s.test(reason)
  );
}
