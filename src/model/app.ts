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
 * out). Made here and read by `blockedByBuild`, so the two agree.
 */
export function blockedReason(kustomization: string, why: string): string {
  return `Kustomization ${kustomization} cannot be built (${why}), so Flux applies nothing of it.`;
}

/**
 * An app's `notDeployed` when its Kustomization waits (`dependsOn`) for one whose build fails: Flux
 * holds it ("dependency ... is not ready") and applies nothing of it either.
 */
export function waitingReason(kustomization: string, dependency: string, failing: string): string {
  const held = dependency === failing ? '' : ` held by Kustomization ${failing},`;
  return `Kustomization ${kustomization} waits (dependsOn) for Kustomization ${dependency},${held} which cannot be built, so Flux applies nothing of it.`;
}

/** Whether an app is not deployed only because a build that would apply it (or one it waits for) fails. */
export function blockedByBuild(app: Pick<App, 'notDeployed'>): boolean {
  return /^Kustomization \S+ (?:cannot be built \(.*\)|waits \(dependsOn\) for Kustomization \S+,(?: held by Kustomization \S+,)? which cannot be built), so Flux applies nothing of it\.$/s.test(app.notDeployed ?? '');
}
