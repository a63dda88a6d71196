/**
 * The objects of the ResourceSets a Flux build applies (resource-set.ts), as objects of that build:
 * the Flux Operator makes them in the same cluster when the Kustomization applies the ResourceSet,
 * so they are owned by that Kustomization, and its Flux Kustomizations are built in turn. A set the
 * site cannot expand keeps why (WorkDoc.notExpanded), which RESOURCESET_NOT_EXPANDED says.
 */
import { obj, str } from '../../model/values.ts';
import type { SourceUrl } from './external-source.ts';
import { copyOf, type Run } from './flux-copies.ts';
import type { FluxSources } from './flux-sources.ts';
import { expandResourceSet, type ProviderDoc } from './resource-set.ts';
import { explicitNs, isClusterScoped, metaName, newWorkDoc, type WorkDoc } from './work-doc.ts';

/** A Flux Operator ResourceSet, live in its file. */
const isResourceSet = (d: WorkDoc): boolean => d.kind === 'ResourceSet' && d.group === 'fluxcd.controlplane.io' && !d.raw.disabled;

/**
 * The copies `k`'s build makes of what its ResourceSets make (`owned`: its build's copies, patched and
 * substituted). Providers are read from the documents of the ResourceSet's namespace, this run's copy
 * (its variables substituted) where its build already ran.
 */
export function resourceSetCopies(k: WorkDoc, owned: readonly WorkDoc[], run: Run, docs: readonly WorkDoc[], sources: FluxSources): WorkDoc[] {
  const out: WorkDoc[] = [];
  for (const rs of owned) {
    if (!isResourceSet(rs)) continue;
    if (rs.madeBy) {
      rs.notExpanded = 'another ResourceSet makes it, and the site expands one level';
      continue;
    }
    const namespace = rs.ns ?? explicitNs(rs) ?? 'default';
    if (str(obj(obj(rs.body.metadata).annotations)['fluxcd.controlplane.io/reconcile'])?.toLowerCase() === 'disabled') {
      rs.notExpanded = 'the operator does not reconcile it (fluxcd.controlplane.io/reconcile: disabled)';
      continue;
    }
    const got = expandResourceSet(rs.body, namespace, providersOf(namespace, docs, run));
    if (!got.ok) {
      rs.notExpanded = got.why;
      continue;
    }
    rs.expanded = true;
    const made: WorkDoc[] = [];
    for (const o of got.objects) {
      const line = rs.raw.lines[o.at] ?? rs.raw.lines[o.at.replace(/\.\d+$/, '')] ?? rs.raw.source.line;
      const original: WorkDoc = {
        ...newWorkDoc({ source: { ...rs.raw.source, file: rs.file, line }, value: o.body, disabled: null, sops: null, redactions: [], lines: {} }, o.body),
        madeBy: rs,
        madeFor: o.input,
        ...(rs.archived !== undefined ? { archived: rs.archived } : {}),
      };
      const copy = copyOf(original, k, run, isClusterScoped(original.kind) ? null : (str(obj(o.body.metadata).namespace) ?? namespace), null, o.body);
      copy.placedIn = copy.ns;
      if (k.blockedBy) copy.blockedBy = k.blockedBy;
      made.push(copy);
    }
    // A Kustomization of a source the set makes beside it (a tenant's GitRepository) reads that source.
    const sourcesMade = new Map<string, SourceUrl | null>();
    for (const d of made) {
      if (d.group !== 'source.toolkit.fluxcd.io') continue;
      const url = str(obj(d.body.spec).url);
      sourcesMade.set(`${d.kind}/${metaName(d) ?? ''}`, url === null ? null : { url, ref: JSON.stringify(obj(d.body.spec).ref ?? null) });
    }
    sources.classifyMade(made.filter((d) => d.isFluxKs), sourcesMade);
    out.push(...made);
  }
  return out;
}

/** The ResourceSetInputProviders of a namespace, as this run applies them where it already did. */
function providersOf(namespace: string, docs: readonly WorkDoc[], run: Run): ProviderDoc[] {
  const out: ProviderDoc[] = [];
  for (const d of docs) {
    if (d.kind !== 'ResourceSetInputProvider' || d.group !== 'fluxcd.controlplane.io' || d.raw.disabled) continue;
    const copy = run.copies.get(d)?.find((c) => (c.ns ?? explicitNs(c)) === namespace);
    const ns = copy ? namespace : (d.ns ?? explicitNs(d));
    if (ns !== null && ns !== namespace) continue;
    const body = (copy ?? d).body;
    const name = str(obj(body.metadata).name);
    if (name !== null && !out.some((p) => p.name === name)) out.push({ name, labels: obj(obj(body.metadata).labels), body });
  }
  return out;
}
