/**
 * Why a static kustomize build differs from what `kustomize build` would do: kustomize would refuse
 * the folder (most codes), or the build could not follow something (a remote resource).
 * `LOAD_RESTRICTED` is a kustomize rule that Flux relaxes (it builds with LoadRestrictionsNone): the
 * objects are still in the build. `NOT_A_KUSTOMIZATION` is not relaxed: Flux generates a
 * kustomization.yaml only for a Kustomization's own path (fluxcd/pkg kustomize generator), so a
 * listed folder without one stops the build (flux-path-builder.ts FATAL); the objects stay in it, so
 * the model can show what would be applied.
 */
import { isUnder } from './paths.ts';

type BuildProblemCode =
  | 'REMOTE_RESOURCE'
  | 'RESOURCE_MISSING'
  | 'FILE_MISSING'
  | 'PATH_OUTSIDE_REPO'
  | 'NOT_A_KUSTOMIZATION'
  | 'LOAD_RESTRICTED'
  | 'COMPONENT_AS_RESOURCE'
  | 'COMPONENT_BUILT_DIRECTLY'
  | 'KUSTOMIZATION_AS_COMPONENT'
  | 'CYCLE'
  | 'ID_CONFLICT'
  | 'MISSING_NAME'
  | 'UNREADABLE_FILE'
  | 'UNKNOWN_FIELD'
  | 'FIELD_INVALID'
  | 'WRONG_API_VERSION'
  | 'PATCH_UNREADABLE'
  | 'PATCH_NO_TARGET'
  | 'PATCH_TARGET_NONE'
  | 'PATCH_FAILED'
  | 'GENERATOR_NO_BASE'
  | 'REPLACEMENT_FAILED'
  | 'REPLACEMENT_VALUE_UNKNOWN'
  | 'HELM_CHARTS'
  | 'NOT_KUBERNETES_YAML'
  | 'EMPTY_RESOURCE';

export interface BuildProblem {
  code: BuildProblemCode;
  file: string;
  line: number;
  message: string;
  /**
   * REMOTE_RESOURCE: the namespace the build puts the remote content's namespaced objects in, the
   * `namespace:` of the outermost kustomization over the entry that sets one (kustomize's namespace
   * transformer runs at each level, the outer last); absent where none does.
   */
  namespace?: string;
}

/** Problems after which a build makes less than Flux would (it fetches remote resources; a path may come later). */
/** (EMPTY_RESOURCE: a listed `gotk-components.yaml` that holds no object, the placeholder a template commits for `flux bootstrap` to fill: what it will hold is not known here.) */
export const INCOMPLETE: ReadonlySet<BuildProblemCode> = new Set<BuildProblemCode>(['REMOTE_RESOURCE', 'RESOURCE_MISSING', 'FILE_MISSING', 'PATH_OUTSIDE_REPO', 'PATCH_UNREADABLE', 'REPLACEMENT_FAILED', 'EMPTY_RESOURCE']);

export interface ProblemSink {
  list: BuildProblem[];
  add(code: BuildProblemCode, file: string, line: number, message: string): void;
  merge(problems: readonly BuildProblem[]): void;
}

/** Problems of one build, each place and code once (a base built for several overlays reports once). */
export function problemSink(): ProblemSink {
  const seen = new Set<string>();
  const list: BuildProblem[] = [];
  const add = (p: BuildProblem) => {
    const key = `${p.file}:${p.line}:${p.code}:${p.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    list.push(p);
  };
  return {
    list,
    add: (code, file, line, message) => add({ code, file, line, message }),
    merge: (problems) => problems.forEach(add),
  };
}

/**
 * kustomize's rule ("cycle detected: candidate root contains visited root"): a folder may not be
 * entered while the build is inside it or inside a folder below it, whether or not that folder would
 * come back round.
 */
export function closesCycle(target: string, stack: readonly string[]): boolean {
  return stack.some((visited) => isUnder(visited, target));
}

/** The folders of the cycle, for the message: from the first one the target contains, to the target. */
export function cycleOf(target: string, stack: readonly string[]): string {
  const from = stack.findIndex((visited) => isUnder(visited, target));
  return [...stack.slice(from), target].map((d) => d || '.').join(' -> ');
}

/**
 * What kustomize says of a folder under `components:` (a kustomization.yaml's, or one a Flux
 * Kustomization's spec.components adds to it) whose kustomization file is a Kustomization, by its
 * kind or for want of one. `what`: the entry, as the message begins.
 */
export function componentKindMessage(what: string, kfile: string): string {
  return `${what} is a folder whose ${kfile.slice(kfile.lastIndexOf('/') + 1)} is a Kustomization, not kind: Component; kustomize stops ("expected kind 'Component' for path ... but got 'Kustomization'"). Write kind: Component (apiVersion kustomize.config.k8s.io/v1alpha1) there, or list the folder under resources:.`;
}
