/**
 * Where a `resources:` entry of a kustomization.yaml leads, as kustomize resolves it: a file of the
 * repository, or a folder to build; null where kustomize fetches it (a URL), or stops at it (outside
 * the repository, a dangling link, a Markdown file, a path that is not there), each said to the sink
 * with the entry's file and line.
 */
import { linkMessage, LOCAL_LOOKING_REMOTE, REMOTE } from './kustomize-checks.ts';
import type { ProblemSink } from './kustomize-problems.ts';
import type { KustomizeTree } from './kustomize-tree.ts';
import { isUnder, resolveIn } from './paths.ts';

export function resourceEntry(tree: KustomizeTree, file: string, kdir: string, entry: string, line: number, sink: ProblemSink): { kind: 'file' | 'dir'; path: string } | null {
  if (LOCAL_LOOKING_REMOTE.test(entry)) {
    const target = resolveIn(kdir, entry.replace(/\?.*$/, ''));
    if (target !== null && tree.surelyMissing(target, true)) {
      sink.add('FILE_MISSING', file, line, `Resource "${entry}" has no scheme, so kustomize reads it as the path ${target} of this repository (it fetches only github.com/... written so); write https://${entry} or a git:: URL.`);
      return null;
    }
  }
  if (REMOTE.test(entry)) {
    sink.add('REMOTE_RESOURCE', file, line, `Resource "${entry}" is remote; kustomize fetches it, this build does not.`);
    return null;
  }
  const target = tree.entryPath(kdir, entry);
  if (target === null) {
    sink.add('PATH_OUTSIDE_REPO', file, line, `Resource "${entry}" points outside the repository.`);
    return null;
  }
  const link = tree.linkOf(target);
  if (link !== null) {
    sink.add('FILE_MISSING', file, line, linkMessage(`Resource "${entry}":`, target, link));
    return null;
  }
  if (tree.hasFile(target)) {
    // kustomize's default load restrictor: files must be in or below the kustomization's folder (Flux lifts it).
    if (!isUnder(target, kdir)) sink.add('LOAD_RESTRICTED', file, line, `Resource file "${entry}" is outside ${kdir || '.'}; kustomize's load restrictor refuses it (Flux builds with LoadRestrictionsNone).`);
    return { kind: 'file', path: target };
  }
  // A README.md listed as a resource: kustomize reads it as YAML and stops at its text (outside review).
  if (tree.isMarkdown(target)) {
    sink.add('FIELD_INVALID', file, line, `Resource "${entry}" is a Markdown file: kustomize reads every resources entry as Kubernetes objects and stops at its text ("missing Resource metadata"), so it cannot build ${kdir || '.'}. Remove the entry.`);
    return null;
  }
  // A folder with no YAML file in it (a README.md alone) is still a folder: kustomize wants its kustomization.yaml.
  if (!tree.hasDir(target) && !tree.hasAnyDir(target)) {
    if (tree.surelyMissing(target, true)) sink.add('FILE_MISSING', file, line, `Resource "${entry}" names ${target}, ${tree.absence(target)}.`);
    else sink.add('RESOURCE_MISSING', file, line, `Resource "${entry}" names ${target}, which is not in the repository.`);
    return null;
  }
  return { kind: 'dir', path: target };
}
