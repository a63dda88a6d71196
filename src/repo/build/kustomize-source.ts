import type { KustomizeTree } from './kustomize-tree.ts';
import type { WorkDoc } from './work-doc.ts';

/** What a build reads: the repository's folders and files, and the documents read from them. */
export interface KustomizeSource {
  tree: KustomizeTree;
  byFile: ReadonlyMap<string, readonly WorkDoc[]>;
  /** Every document of a file as read, also those that are not objects (a JSON 6902 patch is a list); defaults to the WorkDocs' values. */
  rawDocs?: (file: string) => unknown[];
  /** Flux's source may leave files out: a `.sourceignore`, or a GitRepository's `spec.ignore`. */
  ignores?: boolean;
  /** Told of each document a `$patch: delete` of a kustomization.yaml takes out of a build. */
  onDelete?: (doc: WorkDoc) => void;
}
