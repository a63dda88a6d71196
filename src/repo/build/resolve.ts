import { finding, type Finding } from '../../model/finding.ts';
import type { KustomizeTree } from './kustomize-tree.ts';
import { applyPatch, patchTargets, readPatch, type Patch } from './patches.ts';
import { applyStaticKustomize } from './kustomize-static.ts';
import { externalSourced } from './external-source.ts';
import { dirOf, resolveFluxPath, resolveIn } from './paths.ts';
import { substituteTree, type Var } from './substitute.ts';
import { arr, bool, obj, str } from '../../model/values.ts';
import { explicitNs, isClusterScoped, metaName, type WorkDoc } from './work-doc.ts';

/**
 * Do what Flux does before it applies anything: follow each Kustomization's path through
 * kustomization.yaml files, give objects their namespaces, apply patches, substitute ${VAR}s.
 * Parents are processed before children (breadth-first from the cluster roots), so a root's patch
 * or variable that changes a child Kustomization is in place before the child is built.
 */
export function resolveFlux(docs: readonly WorkDoc[], tree: KustomizeTree, byFile: ReadonlyMap<string, WorkDoc[]>): { findings: Finding[]; instances: WorkDoc[] } {
  const findings: Finding[] = [];
  const instances: WorkDoc[] = [];

  // 1-2. Static kustomize builds from every kustomization.yaml root (kustomize-static.ts): namespaces
  // (outermost wins), patches, namePrefix/nameSuffix, labels, images and replacements, written into the documents.
  findings.push(...applyStaticKustomize(docs, tree, byFile));
  for (const d of docs) d.ns = isClusterScoped(d.kind) ? null : (d.kustomizeNs ?? explicitNs(d));

  // 3. Flux Kustomizations, breadth-first from the roots.
  const fluxDocs = docs.filter((d) => d.isFluxKs && !d.raw.disabled);
  const contained = new Set<WorkDoc>();
  const containsOthers = new Set<WorkDoc>();
  const external = externalSourced(fluxDocs);
  for (const k of fluxDocs) {
    if (external.has(k)) continue;
    const path = resolveFluxPath(str(obj(k.body.spec).path) ?? '');
    if (path === null) continue;
    for (const file of tree.expand(path, null).keys()) {
      for (const d of byFile.get(file) ?? []) {
        if (d.isFluxKs && d !== k && !d.raw.disabled) {
          contained.add(d);
          containsOthers.add(k);
        }
      }
    }
  }
  const looksLikeRoot = (k: WorkDoc) =>
    containsOthers.has(k) || /(^|\/)(flux|clusters?|flux-system|bootstrap)(\/|$)/.test(dirOf(k.file)) || metaName(k) === 'flux-system';
  const roots = fluxDocs.filter((k) => !contained.has(k) && looksLikeRoot(k));
  for (const r of roots) r.isRoot = true;

  const processed = new Set<WorkDoc>();
  const run = (queue: WorkDoc[], reached: boolean) => {
    while (queue.length) {
      const k = queue.shift()!;
      if (processed.has(k)) continue;
      processed.add(k);
      k.reached = reached;
      // Another artifact's path is not a folder of ours: owning files through it would steal them.
      if (external.has(k)) continue;
      for (const child of build(k, tree, byFile, docs, findings, instances)) if (!processed.has(child)) queue.push(child);
    }
  };
  run([...roots], true);
  // Kustomizations no root reaches still deploy what their path holds once applied by hand.
  for (const k of fluxDocs) if (!processed.has(k)) run([k], false);

  for (const d of docs) {
    if (d.owners.length === 0 && !isClusterScoped(d.kind) && !d.isKustomizeFile) {
      d.ns = d.kustomizeNs ?? explicitNs(d) ?? tree.nearestNamespace(dirOf(d.file));
    }
    if (d.ns === null && !isClusterScoped(d.kind) && !d.isKustomizeFile) d.ns = 'default';
  }
  return { findings, instances };
}

/**
 * Flux `spec.components` (https://fluxcd.io/flux/components/kustomize/kustomizations/#components):
 * kustomize components, relative to spec.path, added to this Kustomization's build. One component
 * folder usually serves many apps (`${APP}` templates for a PVC and its backup), so each
 * Kustomization gets its own copy of the component's documents, substituted with its own variables.
 */
function componentInstances(
  k: WorkDoc,
  path: string,
  target: string | null,
  tree: KustomizeTree,
  byFile: ReadonlyMap<string, WorkDoc[]>,
  instances: WorkDoc[],
  findings: Finding[],
): WorkDoc[] {
  const out: WorkDoc[] = [];
  arr(obj(k.body.spec).components).forEach((c, i) => {
    const entry = str(c);
    if (!entry) return;
    const line = k.raw.lines[`spec.components.${i}`] ?? k.raw.source.line;
    const dir = resolveIn(path, entry);
    if (dir === null || (!tree.hasDir(dir) && !tree.hasFile(dir))) {
      findings.push(finding('FLUX_COMPONENT_MISSING', 'warning', `spec.components entry "${entry}" is not a folder of this repository (resolved from spec.path ${path || '.'}).`, { file: k.file, line, col: 1 }, { area: 'flux' }));
      return;
    }
    for (const [file, ns] of tree.expand(dir, target)) {
      for (const d of byFile.get(file) ?? []) {
        if (d.raw.disabled || d.isKustomizeFile) continue;
        const copy: WorkDoc = { ...d, body: structuredClone(d.raw.value) as WorkDoc['body'], owners: [k], unresolved: new Set(), fromSecret: new Set(), instanceOf: d };
        if (!isClusterScoped(d.kind)) copy.ns = target ?? ns ?? k.ns ?? explicitNs(d);
        instances.push(copy);
        out.push(copy);
      }
    }
  });
  return out;
}

function applyAll(read: { patch: Patch | null; error: string | null }, targets: WorkDoc[], file: string, line: number, findings: Finding[], mustMatch: boolean) {
  if (!read.patch) {
    findings.push(finding('PATCH_NOT_APPLIED', 'warning', `Patch could not be read: ${read.error}.`, { file, line, col: 1 }, { area: 'flux' }));
    return;
  }
  let matched = 0;
  for (const d of targets) {
    if (!patchTargets(read.patch, d)) continue;
    matched++;
    const error = applyPatch(read.patch, d);
    if (error) {
      findings.push(finding('PATCH_NOT_APPLIED', 'warning', `Patch does not apply to ${d.kind} ${metaName(d) ?? '?'}: ${error}.`, { file, line, col: 1 }, { area: 'flux' }));
    }
  }
  if (matched === 0 && mustMatch) {
    findings.push(finding('PATCH_NO_TARGET', 'warning', 'Patch matches no object in this build (kustomize build would fail).', { file, line, col: 1 }, { area: 'flux' }));
  }
}

const coreByKind = new WeakMap<readonly WorkDoc[], Map<string, WorkDoc[]>>();

/**
 * Core-group documents by kind, built once per document list: substituteFrom looks up ConfigMaps
 * and Secrets for every Kustomization, and filtering all documents each time made the scan
 * quadratic (1,000 apps: ~14 million checks). Kind and group never change while resolving; names
 * can (substitution), so the name is still compared at lookup time.
 */
function coreDocsByKind(docs: readonly WorkDoc[]): Map<string, WorkDoc[]> {
  let index = coreByKind.get(docs);
  if (!index) {
    index = new Map();
    for (const d of docs) {
      if (d.group !== '') continue;
      const list = index.get(d.kind);
      if (list) list.push(d);
      else index.set(d.kind, [d]);
    }
    coreByKind.set(docs, index);
  }
  return index;
}

/** Variables of a Kustomization: inline `substitute`, then `substituteFrom` ConfigMaps (and Secret keys). */
function variables(k: WorkDoc, docs: readonly WorkDoc[], findings: Finding[]): Map<string, Var> {
  const vars = new Map<string, Var>();
  const postBuild = obj(obj(k.body.spec).postBuild);
  arr(postBuild.substituteFrom).forEach((ref, i) => {
    const kind = str(obj(ref).kind);
    const name = str(obj(ref).name);
    const candidates = (coreDocsByKind(docs).get(kind ?? '') ?? []).filter((d) => metaName(d) === name && !d.raw.disabled);
    // Flux reads substituteFrom objects from the Kustomization's own namespace only.
    const found = candidates.find((d) => d.ns === k.ns);
    if (!found) {
      const line = k.raw.lines[`spec.postBuild.substituteFrom.${i}`] ?? k.raw.source.line;
      const elsewhere = candidates.map((d) => d.ns).filter((ns): ns is string => !!ns);
      if (elsewhere.length > 0) {
        findings.push(
          finding('SUBSTITUTE_FROM_WRONG_NAMESPACE', 'warning', `postBuild.substituteFrom ${kind ?? '?'} "${name ?? '?'}" is in namespace ${[...new Set(elsewhere)].join(', ')}, but Flux looks in the Kustomization's namespace ${k.ns ?? 'default'}.`, { file: k.file, line, col: 1 }, { area: 'flux' }),
        );
      } else if (bool(obj(ref).optional) !== true) {
        findings.push(
          finding('SUBSTITUTE_FROM_MISSING', 'info', `postBuild.substituteFrom ${kind ?? '?'} "${name ?? '?'}" is not in the repository; its variables stay unresolved.`, { file: k.file, line, col: 1 }, { area: 'flux' }),
        );
      }
      return;
    }
    const secret = kind === 'Secret';
    for (const field of ['data', 'stringData']) {
      for (const [key, value] of Object.entries(obj(found.body[field]))) {
        vars.set(key, secret ? { value: null, secret: true } : { value: str(value), secret: false });
      }
    }
  });
  for (const [key, value] of Object.entries(obj(postBuild.substitute))) vars.set(key, { value: str(value), secret: false });
  return vars;
}

/** Build one Flux Kustomization: own its documents, patch, substitute; return the child Kustomizations. */
function build(k: WorkDoc, tree: KustomizeTree, byFile: ReadonlyMap<string, WorkDoc[]>, docs: readonly WorkDoc[], findings: Finding[], instances: WorkDoc[]): WorkDoc[] {
  const spec = obj(k.body.spec);
  const rawPath = str(spec.path) ?? '';
  const path = resolveFluxPath(rawPath);
  const pathLine = k.raw.lines['spec.path'] ?? k.raw.source.line;
  k.resolvedPath = path;
  if (path === null) {
    findings.push(finding('FLUX_PATH_OUTSIDE_REPO', 'error', `spec.path "${rawPath}" leaves the repository; nothing was read from it.`, { file: k.file, line: pathLine, col: 1 }, { area: 'flux' }));
    return [];
  }
  if (rawPath.includes('${')) return [];
  if (!tree.hasDir(path) && !tree.hasFile(path)) {
    const sourceKind = str(obj(spec.sourceRef).kind);
    // A path inside another source (an external GitRepository or OCIRepository) is not ours to check.
    if (k.isRoot || sourceKind === 'GitRepository' || sourceKind === null) {
      findings.push(finding('FLUX_PATH_MISSING', 'warning', `spec.path "${rawPath}" is not a folder of this repository.`, { file: k.file, line: pathLine, col: 1 }, { area: 'flux' }));
    }
    return [];
  }
  const target = str(spec.targetNamespace);
  const owned: WorkDoc[] = [];
  for (const [file, ns] of tree.expand(path, target)) {
    for (const d of byFile.get(file) ?? []) {
      if (d.raw.disabled || d.isKustomizeFile || d === k) continue;
      d.owners.push(k);
      if (d.owners.length > 1) continue;
      owned.push(d);
      if (!isClusterScoped(d.kind)) d.ns = target ?? ns ?? explicitNs(d) ?? d.ns;
    }
  }
  owned.push(...componentInstances(k, path, target, tree, byFile, instances, findings));
  arr(spec.patches).forEach((p, i) => {
    const line = k.raw.lines[`spec.patches.${i}`] ?? k.raw.source.line;
    applyAll(readPatch(obj(p).patch, obj(p).target), owned, k.file, line, findings, false);
  });
  const vars = variables(k, docs, findings);
  for (const d of owned) {
    const meta = obj(d.body.metadata);
    const off = str(obj(meta.annotations)['kustomize.toolkit.fluxcd.io/substitute']) === 'disabled' || str(obj(meta.labels)['kustomize.toolkit.fluxcd.io/substitute']) === 'disabled';
    if (!off && (Object.keys(obj(spec.postBuild)).length > 0)) substituteTree(d.body, vars, d.unresolved, d.fromSecret);
  }
  return owned.filter((d) => d.isFluxKs);
}
