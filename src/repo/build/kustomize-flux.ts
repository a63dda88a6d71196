import { arr, isObj, obj, str } from '../../model/values.ts';
import type { KustomizeBuild, KustomizeBuilder } from './kustomize-build.ts';
import { applyCommonMetadata } from './flux-post-build.ts';
import type { WorkDoc } from './work-doc.ts';

/**
 * What Flux's kustomize-controller builds for a Kustomization: the kustomization of `spec.path`
 * (generated from every manifest below it when there is none), edited with the Kustomization's
 * `targetNamespace` (replaces `namespace:`), `components` (relative to the path), `patches` and
 * `images` (appended), then `commonMetadata` labels and annotations on every object
 * (https://fluxcd.io/flux/components/kustomize/kustomizations/). Substitution (postBuild) is not
 * part of it: it needs the cluster's variables.
 */
export function fluxKustomizeBuild(builder: KustomizeBuilder, ks: WorkDoc, path: string): KustomizeBuild {
  const spec = obj(ks.body.spec);
  const origin: Record<string, { file: string; line: number }> = {};
  const listed = (key: string): unknown[] => {
    const list = arr(spec[key]);
    list.forEach((_, i) => (origin[`${key}.${i}`] = { file: ks.file, line: ks.raw.lines[`spec.${key}.${i}`] ?? ks.raw.source.line }));
    return list;
  };
  const built = builder.buildWith(path, {
    namespace: str(spec.targetNamespace),
    components: listed('components').flatMap((c) => (str(c) === null ? [] : [str(c)!])),
    patches: listed('patches').filter(isObj),
    images: listed('images').filter(isObj),
    origin,
  });
  applyCommonMetadata(obj(spec.commonMetadata), built.objects.map((r) => r.body));
  return built;
}
