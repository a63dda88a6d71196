/**
 * A Flux Kustomization's own spec.patches, which Flux adds to the kustomization.yaml at its path: run
 * over the copies its build makes, in order. Split from flux-build.ts. A strategic-merge patch kustomize
 * cannot read, or one that cannot apply to an object it selects, stops the build (the Kustomization
 * applies nothing); a `$patch: delete` takes what it selects out; a patch that selects nothing in any
 * build is judged once every build ran (Run.ownPatches).
 */
import { blockedReason } from '../../model/app.ts';
import { finding, type Finding } from '../../model/finding.ts';
import { objectId } from '../../model/k8s-object.ts';
import { arr, obj, str } from '../../model/values.ts';
import type { Run } from './flux-copies.ts';
import type { PathBuilder } from './flux-path-builder.ts';
import type { KResource } from './kustomize-resource.ts';
import { missingId } from './kustomize-patches.ts';
import { resKind, resName, resNs } from './kustomize-resource.ts';
import { applyPatch, patchTargets, readPatch } from './patches.ts';
import { imagesByPath } from './kustomize-transformers.ts';
import { versionPatchAt, versionsByPath, versionsSetBy } from './version-set-at.ts';
import { explicitNs, ksName, metaName, type WorkDoc } from './work-doc.ts';

/** What patchTargets reads of a document, for an object of a kustomize build. */
function asDoc(r: KResource): WorkDoc {
  const apiVersion = str(r.body.apiVersion) ?? '';
  const slash = apiVersion.lastIndexOf('/');
  return { body: r.body, kind: resKind(r), apiVersion, group: slash < 0 ? '' : apiVersion.slice(0, slash), ns: resNs(r) } as unknown as WorkDoc;
}

/**
 * The same object under each name and namespace it had before the last layer renamed it: what a Flux
 * spec.patches entry selects where the path's own kustomization.yaml sets namespace, namePrefix or
 * nameSuffix, which kustomize runs after the patches Flux adds to it (outside review: a target `worker`
 * beside `namePrefix: prod-` was "selects no object"; kubectl kustomize patches it).
 */
function asEarlierDocs(r: KResource): WorkDoc[] {
  const names = [...new Set([r.orgName, ...r.history])];
  return names.map((name) => {
    const doc = asDoc(r);
    return { ...doc, body: { ...r.body, metadata: { ...obj(r.body.metadata), name, ...(r.orgNs ? { namespace: r.orgNs } : {}) } }, ns: r.orgNs ?? doc.ns } as WorkDoc;
  });
}

/** `kind: HelmRelease, name: x` of a patch target, for a message. */
function targetText(target: Record<string, unknown>): string {
  const parts = ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'].flatMap((k) => (str(target[k]) ? [`${k}: ${str(target[k])}`] : []));
  return parts.length > 0 ? parts.join(', ') : 'none: the patch names its object';
}

/** Run `k`'s spec.patches over `owned` (its build's copies, changed in place). */
export function applyOwnPatches(k: WorkDoc, owned: WorkDoc[], run: Run, builds: boolean, report: (f: Finding) => void, built: ReturnType<PathBuilder['build']>): void {
  const spec = obj(k.body.spec);
  // Flux adds spec.patches to the path's kustomization.yaml: a strategic-merge patch without its kind
  // or metadata.name stops kustomize there too ("unable to parse SM or JSON patch").
  const partial = new Set<number>();
  arr(spec.patches).forEach((p, i) => {
    const read = readPatch(obj(p).patch, obj(p).target).patch;
    const missing = read?.strategic ? missingId(read.strategic) : [];
    // So does a JSON 6902 patch (a list of operations) without a target: kustomize has no object to run
    // it on ("must specify a target for JSON patch"; outside review: a warning that it applied to nothing).
    const untargeted = read?.ops != null && read.target === null;
    if (missing.length === 0 && !untargeted) return;
    partial.add(i);
    if (!builds) return;
    const line = k.raw.lines[`spec.patches.${i}`] ?? k.raw.source.line;
    if (untargeted) report(finding('PATCH_NO_TARGET', 'error', `Kustomization ${ksName(k)} cannot be built: its spec.patches entry ${i + 1} is a JSON 6902 patch (a list of operations) without a target; kustomize refuses it ("must specify a target for JSON patch"), so Flux applies nothing of this Kustomization. Give the entry a target (kind and name of the object to patch).`, { file: k.file, line, col: 1 }, { area: 'flux' }));
    else report(finding('KUSTOMIZE_FIELD_INVALID', 'error', `Kustomization ${ksName(k)} cannot be built: its spec.patches entry ${i + 1} is a strategic-merge patch without its ${missing.join(' and ')}; kustomize reads such a patch only as an object with both, target or not ("unable to parse SM or JSON patch"), so Flux applies nothing of it. Write the object's kind and metadata.name (and apiVersion) into the patch.`, { file: k.file, line, col: 1 }, { area: 'flux' }));
    k.blockedBy ??= blockedReason(ksName(k), `a spec.patches entry kustomize cannot ${untargeted ? 'apply (a JSON 6902 patch without a target)' : 'read'}, ${k.file}:${line}`);
  });
  // What a failing build would make is still grouped into apps, but none of it is applied, and the
  // Kustomizations it holds are never created: their builds pass the reason on.
  if (k.blockedBy) for (const d of owned) d.blockedBy = k.blockedBy;
  // The document as written, before a parent's patch added defaults to it (those may well match nothing here).
  const written = arr(obj(obj(k.raw.value).spec).patches);
  arr(spec.patches).forEach((p, i) => {
    if (partial.has(i)) return;
    const line = k.raw.lines[`spec.patches.${i}`] ?? k.raw.source.line;
    // An entry this document does not write (a parent's patch gave every child Kustomization its
    // defaults for their HelmReleases' remediation): what it sets is cited at that parent's patch.
    const entryAt = k.raw.lines[`spec.patches.${i}`] !== undefined && JSON.stringify(written[i]) === JSON.stringify(p) ? null : versionPatchAt(k.versionSetAt, k.body, 'spec.patches');
    const problems: Finding[] = [];
    const read = readPatch(obj(p).patch, obj(p).target);
    if (read.patch?.strategic?.$patch === 'delete') {
      // kustomize removes what the patch selects from the build: Flux never applies it.
      const patch = read.patch;
      const gone = new Set(owned.filter((d) => patchTargets(patch, d)));
      for (const d of gone) {
        const original = d.instanceOf ?? d;
        const list = (run.copies.get(original) ?? []).filter((c) => c !== d);
        if (list.length === 0) run.copies.delete(original);
        else run.copies.set(original, list);
        if (!run.deleted.has(original)) run.deleted.set(original, `Deleted from the build of Kustomization ${metaName(k)} by the $patch: delete in its spec.patches (${k.file}:${line}), so Flux does not apply it.`);
      }
      for (let j = owned.length - 1; j >= 0; j--) if (gone.has(owned[j]!)) owned.splice(j, 1);
    } else if (!read.patch) problems.push(finding('PATCH_NOT_APPLIED', 'warning', `Patch could not be read: ${read.error}.`, { file: k.file, line, col: 1 }, { area: 'flux' }));
    else {
      // An operation that cannot apply to an object the patch selects (a JSON 6902 `add` under a path the
      // object lacks) stops kustomize, and with it the whole build ("add operation does not apply: doc is
      // missing path"): one error for the entry, and Flux applies nothing of this Kustomization (outside
      // review: a parent's patch that adds to every child's spec.postBuild, which most children lack; and a
      // `remove` of a key spelled otherwise than in the values, json-patch.ts).
      const patch = read.patch;
      // A strategic-merge patch without a target names its object: where the build has none of that kind
      // and name, kustomize stops ("no resource matches strategic merge patch") and Flux applies nothing
      // (outside review: a warning "applies it to nothing"). Judged by kind and name alone, against every name
      // an object of the build had (the path's kustomization.yaml may rename after the patches), so a
      // namespace is never the reason; not where the build is incomplete or spec.components add objects.
      const untargetedSmp = patch.strategic !== null && patch.target === null && patch.strategic.$patch !== 'delete';
      const named = (r: KResource) => resKind(r) === str(patch.strategic?.kind) && [resName(r), r.orgName, ...r.history].includes(str(obj(patch.strategic?.metadata).name) ?? '');
      if (untargetedSmp && builds && !built.incomplete && arr(spec.components).length === 0 && !built.all.some(named)) {
        const meta = obj(patch.strategic!.metadata);
        report(finding('PATCH_NO_TARGET', 'error', `Kustomization ${ksName(k)} cannot be built: its spec.patches entry ${i + 1} is a strategic-merge patch without a target, and its build has no ${str(patch.strategic!.kind) ?? 'object'} ${str(meta.name) ?? '?'}${str(meta.namespace) ? ` in namespace ${str(meta.namespace)}` : ''}; kustomize stops at such a patch ("no resource matches strategic merge patch"), so Flux applies nothing of this Kustomization. Correct the patch's kind and name, or give it a target.`, { file: k.file, line, col: 1 }, { area: 'flux' }));
        k.blockedBy ??= blockedReason(ksName(k), `its spec.patches entry ${i + 1} matches no object, ${k.file}:${line}`);
        return;
      }
      const failed = owned.filter((d) => patchTargets(patch, d)).flatMap((d) => {
        // An image the patch writes is cited at the patch, as one of a kustomization.yaml's patches is.
        // So is a chart version it writes.
        const before = imagesByPath(d.body);
        const versions = versionsByPath(d.body);
        const error = applyPatch(patch, d);
        const at = entryAt ?? { file: k.file, line, col: 1, docIndex: k.raw.source.docIndex };
        for (const [path, image] of imagesByPath(d.body)) {
          if (before.get(path) !== image) d.imageSetAt = { ...d.imageSetAt, [path]: { source: at, image } };
        }
        const versionSetAt = versionsSetBy(versions, d.body, at, d.versionSetAt);
        if (versionSetAt) d.versionSetAt = versionSetAt;
        return error === null ? [] : [`${d.kind} ${metaName(d) ?? '?'}: ${error}`];
      });
      if (failed.length > 0 && builds) {
        report(finding('PATCH_NOT_APPLIED', 'error', `Kustomization ${ksName(k)} cannot be built: its spec.patches entry ${i + 1} does not apply to ${failed[0]}${failed.length > 1 ? ` (and ${failed.length - 1} more of the objects it selects)` : ''}; kustomize stops the build at a patch it cannot apply, so Flux applies nothing of it. Make the patch apply to every object its target selects (an \`add\` needs the path's parent, a \`remove\` the key itself, spelled as the object has it), or narrow the target.`, { file: k.file, line, col: 1 }, { area: 'flux' }));
        k.blockedBy ??= blockedReason(ksName(k), `its spec.patches entry ${i + 1} does not apply, ${k.file}:${line}`);
        return;
      }
      // (A build that does not run, suspended or unreached: said as it was, per object.)
      for (const f of failed) problems.push(finding('PATCH_NOT_APPLIED', 'warning', `Patch does not apply to ${f}.`, { file: k.file, line, col: 1 }, { area: 'flux' }));
    }
    for (const f of problems) report(f);
    if (run.reached && read.patch && problems.length === 0 && k.raw.lines[`spec.patches.${i}`] !== undefined && JSON.stringify(written[i]) === JSON.stringify(p)) {
      const key = `${k.file}:${line}`;
      const seen = run.ownPatches.get(key) ?? { matched: false, file: k.file, line, target: targetText(obj(obj(p).target)), ks: objectId('Kustomization', k.ns ?? explicitNs(k), metaName(k) ?? '?', k.cluster ?? null) };
      // Judged on everything the build makes (generated objects, and those another Kustomization
      // applies first, which Flux still patches in this one's build), before its targetNamespace;
      // a build that could not follow everything (a remote resource) may make the target unseen.
      const patch = read.patch;
      // (Nor where spec.components add objects, which Flux writes into the same kustomization: code review.)
      seen.matched ||= built.incomplete || arr(obj(k.body.spec).components).length > 0 || built.all.some((r) => patchTargets(patch, asDoc(r)) || (built.renames && asEarlierDocs(r).some((d) => patchTargets(patch, d))));
      run.ownPatches.set(key, seen);
    }
  });
}
