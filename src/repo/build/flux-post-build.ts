/**
 * The steps of a Flux Kustomization's build after kustomize and its spec.patches, as the
 * kustomize-controller takes them (split out of flux-build.ts): spec.images and spec.commonMetadata,
 * then postBuild substitution, which may write a credential or settle a namespace.
 */
import { isObj, obj, str, type Obj } from '../../model/values.ts';
import { scrubValue } from '../scrub-js.ts';
import { applyImagesTo, applyPrefixSuffix } from './kustomize-transformers.ts';
import { fixNameReferences } from './kustomize-nameref.ts';
import type { KResource } from './kustomize-resource.ts';
import { substituteTree, type SubstitutionBudget, type Var } from './substitute.ts';
import { metaName, type WorkDoc } from './work-doc.ts';

/**
 * Flux adds spec.images to the kustomization it builds (after the patches, as kustomize runs its
 * transformers), and spec.commonMetadata's labels and annotations to every object of the build
 * (fluxcd/pkg kustomize generator): an image pinned there is the image the cluster runs.
 */
export function applyFluxTransformers(k: WorkDoc, owned: readonly WorkDoc[]): void {
  const spec = obj(k.body.spec);
  const bodies = owned.map((d) => d.body);
  applyNamePrefixSuffix(spec, owned);
  applyImagesTo(spec, bodies, (index, path, image, entry) => {
    const d = owned[index]!;
    const line = k.raw.lines[`spec.images.${entry}`] ?? k.raw.lines['spec.images'] ?? k.raw.source.line;
    d.imageSetAt = { ...d.imageSetAt, [path]: { source: { file: k.file, line, col: 1, docIndex: k.raw.source.docIndex }, image } };
  });
  applyCommonMetadata(obj(spec.commonMetadata), bodies);
}

/**
 * spec.namePrefix / spec.nameSuffix: Flux writes them into the kustomization.yaml it generates, so
 * kustomize renames every object of the build (not Namespaces, CRDs, APIServices) after its patches
 * matched them by their own names, and the references its nameReference knows follow (a pod's
 * ConfigMap, Secret, claim, ServiceAccount). A HelmRelease's sourceRef, a Flux dependsOn, are not
 * among them: they keep the names as written. https://fluxcd.io/flux/components/kustomize/kustomizations/#name-prefix-and-suffix
 */
function applyNamePrefixSuffix(spec: Obj, owned: readonly WorkDoc[]): void {
  const fields = { namePrefix: str(spec.namePrefix) ?? '', nameSuffix: str(spec.nameSuffix) ?? '' };
  if (!fields.namePrefix && !fields.nameSuffix) return;
  // The build's objects as kustomize's (their bodies shared, so the renaming is the documents').
  const ra: KResource[] = owned.map((d) => ({ doc: d, file: d.file, body: d.body, orgName: metaName(d) ?? '', orgNs: d.ns ?? null, history: [], generated: false, hashSuffix: false, componentOf: null }));
  applyPrefixSuffix(fields, ra);
  fixNameReferences(ra);
}

/** spec.commonMetadata: its labels and annotations over every object's own. */
export function applyCommonMetadata(common: Obj, bodies: readonly Obj[]): void {
  for (const key of ['labels', 'annotations'] as const) {
    const pairs = Object.entries(obj(common[key])).map(([name, v]): [string, string] => [name, str(v) ?? String(v ?? '')]);
    if (pairs.length === 0) continue;
    for (const body of bodies) {
      if (!isObj(body.metadata)) body.metadata = {};
      const meta = obj(body.metadata);
      meta[key] = { ...obj(meta[key]), ...Object.fromEntries(pairs) };
    }
  }
}

/**
 * postBuild substitution of a build's copies (`owned`, changed in place): a substituted value is a
 * literal now, so a body it changed is scrubbed again with the reader's rules (an annotation's
 * `widget.password: "${HOMEPAGE_VAR_SONARR}"`); a namespace written as `${APP_NS}` is where the
 * object lands, and the same object another Kustomization already made there is one object of two
 * owners (dropped from `owned` and from `copies`).
 */
export function substituteBuild(k: WorkDoc, owned: WorkDoc[], vars: ReadonlyMap<string, Var>, copies: Map<WorkDoc, WorkDoc[]>, budget: SubstitutionBudget): void {
  if (Object.keys(obj(obj(k.body.spec).postBuild)).length === 0) return;
  const renamespaced: WorkDoc[] = [];
  for (const d of owned) {
    const meta = obj(d.body.metadata);
    const off = str(obj(meta.annotations)['kustomize.toolkit.fluxcd.io/substitute']) === 'disabled' || str(obj(meta.labels)['kustomize.toolkit.fluxcd.io/substitute']) === 'disabled';
    if (off) continue;
    if (substituteTree(d.body, vars, d.unresolved, d.fromSecret, budget)) scrubValue(d.body, {}, d.raw.source);
    const substituted = str(meta.namespace);
    if (substituted === null || substituted.includes('${') || !(d.ns?.includes('${') || d.placedIn?.includes('${'))) continue;
    if (d.ns?.includes('${')) d.ns = substituted;
    if (d.placedIn?.includes('${')) d.placedIn = substituted;
    renamespaced.push(d);
  }
  for (const d of renamespaced) {
    const list = copies.get(d.instanceOf ?? d) ?? [];
    const same = list.find((c) => c !== d && c.cluster === d.cluster && c.ns === d.ns && (c.placedIn ?? c.ns ?? null) === (d.placedIn ?? d.ns ?? null) && metaName(c) === metaName(d));
    if (!same) continue;
    if (!same.owners.includes(k)) same.owners.push(k);
    list.splice(list.indexOf(d), 1);
    owned.splice(owned.indexOf(d), 1);
  }
}
