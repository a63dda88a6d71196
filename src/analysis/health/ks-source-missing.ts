/**
 * KUSTOMIZATION_SOURCE_MISSING: a deployed Flux Kustomization's sourceRef names a source that no Flux
 * build of the repository creates in the namespace it looks in, while the repository does create one
 * of that kind and name in another namespace. A sourceRef without a namespace means the
 * Kustomization's own (https://fluxcd.io/flux/components/kustomize/kustomizations/#source-reference):
 * an app's `ks.yaml` moved into the app's namespace by its folder's kustomization.yaml, still naming
 * `GitRepository flux-system`, makes kustomize-controller report the source as not found and apply
 * nothing. Outside reviews found this mistake three times with nothing said.
 *
 * Judged only where both places are certain: the Kustomization's namespace (written and kept, or set
 * by the build that deploys it) or the namespace its sourceRef names, and every definition of the
 * source a build applies (the same, FluxSource.namespaceSure). The bootstrap's own source (`flux-system`, which `flux
 * bootstrap`, a FluxInstance or Terraform creates whether or not a file says so) is in flux-system.
 * A source the repository defines nowhere is judged only where it is this repository under a second
 * name, beside the bootstrap's (source-defined-nowhere.ts): else a fleet repository, CI or the Flux
 * Operator may create it. Nor is one a ResourceSet may make, nor a reference with a variable in it,
 * nor a Kustomization another cluster runs (applied through a kubeConfig; code review).
 */
import { finding, type Finding } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { sourcesDefinedNowhere } from '../../model/source-defined-nowhere.ts';
import { templateMatches } from '../../model/templated.ts';

type Input = Pick<RepoModel, 'kustomizations' | 'sources' | 'apps' | 'objects' | 'helmReleases'> & Partial<Pick<RepoModel, 'templated'>>;

const BOOTSTRAP = 'flux-system';

export function ksSourceFindings(model: Input): Finding[] {
  const out: Finding[] = [];
  const notDeployed = new Set(model.apps.filter((a) => a.notDeployed).map((a) => a.id));
  // (By kind and name once: a look-up over every source per Kustomization was quadratic.)
  const byName = Map.groupBy(model.sources, (s) => `${s.kind}/${s.name}`);
  const nowhere = sourcesDefinedNowhere(model);
  // What reads each such name as this tree (a path of it is a folder here), said as the evidence.
  const readers = Map.groupBy(model.kustomizations.filter((k) => !k.disabled && k.sourceRef?.kind === 'GitRepository' && k.externalSource !== true), (k) => k.sourceRef!.name);
  for (const ks of model.kustomizations) {
    const ref = ks.sourceRef;
    // (Not one a kubeConfig Kustomization applies to another cluster, which has sources of its own;
    // nor one without a kind, which its API refuses for that.)
    if (!ref || ref.notAnObject || ref.kind === null || ks.disabled || ks.madeInCluster || ks.remote || ks.owner === null || !ks.reachedFromRoot || (ks.appId !== null && notDeployed.has(ks.appId))) continue;
    const kind = ref.kind;
    if (`${ref.name}${ref.namespace ?? ''}`.includes('${')) continue;
    const root = nowhere.get(ks.id);
    if (root) {
      out.push(definedNowhere(ks, ref, root, readers.get(ref.name) ?? []));
      continue;
    }
    if (!ref.explicitNamespace && ks.namespaceSure !== true) continue;
    const wantedNs = ref.namespace ?? ks.namespace ?? 'default';
    const inCluster = (s: { cluster?: string | null }) => ks.cluster == null || s.cluster == null || s.cluster === ks.cluster;
    // A definition a build applies (not one in a file no build reaches: an example, an archive).
    const live = (byName.get(`${kind}/${ref.name}`) ?? []).filter((s) => s.disabled === null && s.owner !== null && inCluster(s));
    if (live.some((s) => (s.namespace ?? 'default') === wantedNs || s.namespaceSure !== true)) continue;
    // The bootstrap's own source is in flux-system wherever a file says so or not.
    const bootstrap = ref.name === BOOTSTRAP && (kind === 'GitRepository' || kind === 'OCIRepository');
    if (bootstrap && wantedNs === BOOTSTRAP) continue;
    const places = [...new Set([...live.map((s) => s.namespace ?? 'default'), ...(bootstrap ? [BOOTSTRAP] : [])])].sort();
    const templated = (model.templated ?? []).some((t) => (t.kind === '*' || t.kind === kind) && templateMatches(t.name, ref.name));
    if (places.length === 0) {
      // Defined only for other clusters (each cluster's Flux reads the sources of its own builds; outside
      // review: cluster beta's Kustomization read a GitRepository only alpha's builds create, with nothing said).
      const other = ks.cluster == null || bootstrap || templated ? [] : (byName.get(`${kind}/${ref.name}`) ?? []).filter((s) => s.disabled === null && s.owner !== null && s.cluster != null && s.cluster !== ks.cluster && (s.namespace ?? 'default') === wantedNs);
      if (other.length > 0) {
        const clusters = [...new Set(other.map((s) => s.cluster!))].sort();
        out.push(
          finding(
            'KUSTOMIZATION_SOURCE_MISSING',
            'warning',
            `Kustomization ${ks.namespace ?? BOOTSTRAP}/${ks.name} takes its source from ${kind} ${wantedNs}/${ref.name}, which no Flux build of cluster '${ks.cluster}' creates: it is defined for cluster ${clusters.map((c) => `'${c}'`).join(', ')} (${other[0]!.source.file}:${other[0]!.source.line}), and each cluster's kustomize-controller finds only its own sources, so it reports the source as not found and applies nothing, unless something outside the repository creates it there. Define the source for '${ks.cluster}' too.`,
            ref.source,
            { area: 'flux', objectId: ks.id, ...(ks.appId ? { appId: ks.appId } : {}) },
          ),
        );
      }
      continue;
    }
    if (templated) continue;
    const at = live[0] ? ` (${live[0].source.file}:${live[0].source.line})` : ' (where the bootstrap creates it)';
    const why = ref.explicitNamespace ? `the sourceRef names ${wantedNs}` : `a sourceRef without a namespace means the Kustomization's own, ${wantedNs}`;
    out.push(
      finding(
        'KUSTOMIZATION_SOURCE_MISSING',
        'warning',
        `Kustomization ${ks.namespace ?? BOOTSTRAP}/${ks.name} takes its source from ${kind} ${wantedNs}/${ref.name}, which no Flux build of this repository creates in that namespace: kustomize-controller reports the source as not found and applies nothing, unless something outside the repository creates it. ${kind} ${ref.name} is in ${places.join(', ')}${at}, and ${why}. Write namespace: ${places[0]} in the sourceRef.`,
        ref.source,
        { area: 'flux', objectId: ks.id, ...(ks.appId ? { appId: ks.appId } : {}) },
      ),
    );
  }
  return out;
}

/** A GitRepository no document defines, read as this repository's tree while the root reads it under another name. */
function definedNowhere(ks: Input['kustomizations'][number], ref: NonNullable<Input['kustomizations'][number]['sourceRef']>, root: Input['kustomizations'][number], readers: Input['kustomizations']): Finding {
  const wantedNs = ref.namespace ?? ks.namespace ?? 'default';
  const own = root.sourceRef!;
  const ownNs = own.namespace ?? root.namespace ?? BOOTSTRAP;
  const reader = readers.find((k) => k.id === ks.id) ?? readers[0];
  const evidence = reader?.path ? (reader.id === ks.id ? `Its path ${reader.path}` : `The path ${reader.path} of Kustomization ${reader.namespace ?? BOOTSTRAP}/${reader.name}, which reads it too,`) : 'Its path';
  const fix = [`name: ${own.name}`, ...(ownNs !== wantedNs ? [`namespace: ${ownNs}`] : []), ...(own.kind !== 'GitRepository' ? [`kind: ${own.kind}`] : [])].join(' and ');
  return finding(
    'KUSTOMIZATION_SOURCE_MISSING',
    'warning',
    `Kustomization ${ks.namespace ?? BOOTSTRAP}/${ks.name} takes its source from GitRepository ${wantedNs}/${ref.name}, which no document of this repository defines and no bootstrap makes: kustomize-controller reports it as not found and applies nothing. ${evidence} is a folder of this repository, which root Kustomization ${root.namespace ?? BOOTSTRAP}/${root.name} reads as ${own.kind} ${ownNs}/${own.name}: ${ref.name} looks like an older name of it. Write ${fix} in the sourceRef, unless another repository sharing this cluster defines ${ref.name} there.`,
    ref.source,
    { area: 'flux', objectId: ks.id, ...(ks.appId ? { appId: ks.appId } : {}) },
  );
}
