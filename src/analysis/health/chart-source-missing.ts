/**
 * HELMRELEASE_SOURCE_MISSING: a deployed HelmRelease takes its chart from a source (chart.spec.sourceRef
 * or chartRef) that the repository does not define at all. helm-controller then reports the source as
 * not found and installs nothing (https://fluxcd.io/flux/components/helm/helmreleases/#chart-template).
 *
 * Judged only where a missing definition is a mistake rather than a layout: the repository defines
 * other sources of that kind (a repository with none keeps its sources elsewhere, in a fleet or
 * platform repository), no Kustomization of it applies another repository's artifact (which may
 * define sources; unless the repository defines this one itself, misplaced), the source is not the bootstrap's own (`flux-system`, which `flux bootstrap`,
 * a FluxInstance or Terraform creates whether or not a file says so), no ResourceSet may make it, and
 * no variable is left in the reference. A source defined elsewhere in the repository (another
 * namespace, a file no build applies) is not reported here: where it is deployed is the model's
 * inference, and the chart's page says the source was not found. Except a source written in the
 * namespace the sourceRef names that every build moves out of it (a kustomization's `namespace:`): as
 * certain as a namePrefix rename, which is said too; and a source surely in another namespace than the
 * one the sourceRef names (or, naming none, the release's own, where that is sure): written there and
 * kept, or put there by the build that deploys it (a targetNamespace, a kustomization's `namespace:`).
 */
import { finding, type Finding } from '../../model/finding.ts';
import { CHART_SOURCE_KINDS } from '../../model/helm-release.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { outsideContentNamespaces } from '../../model/outside-content.ts';
import { templateMatches } from '../../model/templated.ts';
import { suggestTarget } from '../graph/similar.ts';

type Input = Pick<RepoModel, 'helmReleases' | 'sources' | 'apps' | 'kustomizations' | 'kustomizeFiles' | 'objects'> & Partial<Pick<RepoModel, 'templated'>>;


/** How a definition is switched off (RawDoc's `disabled`). */
const OFF: Record<string, string> = {
  commented: 'commented out',
  unlisted: "left out of its folder's kustomization.yaml",
  file: 'in a disabled file',
};

const counted = (n: number, kind: string): string => `${n} other ${n === 1 ? kind : `${kind.replace(/y$/, 'ie')}s`}`;

export function chartSourceFindings(model: Input): Finding[] {
  const out: Finding[] = [];
  // A Kustomization that applies another repository's artifact, or a remote resource of a kustomization,
  // may bring sources of its own (a shared monitoring repository's HelmRepositories): the repository
  // does not say which. That excuses a source the repository defines nowhere (or only switched off), not
  // one it defines and a build puts where the release does not look (outside review: a release moved to
  // `traefik` beside remote Longhorn manifests).
  const outsideIn = outsideContentNamespaces(model);
  const notDeployed = new Set(model.apps.filter((a) => a.notDeployed).map((a) => a.id));
  for (const hr of model.helmReleases) {
    const ref = hr.chart.sourceRef;
    if (!ref || hr.chart.sourceAt !== null || hr.disabled || hr.owner === null || (hr.appId !== null && notDeployed.has(hr.appId))) continue;
    if (ref.kind === null || ref.kind === 'HelmChart' || `${ref.name}${ref.namespace ?? ''}`.includes('${')) continue;
    // A chart.spec.sourceRef of a kind its API does not allow (an OCIRepository): the API server refuses
    // the release, which FLUX_SPEC_INVALID says; whether the source exists changes nothing.
    if (hr.chart.via === 'chart' && !CHART_SOURCE_KINDS.includes(ref.kind)) continue;
    if ((ref.kind === 'GitRepository' || ref.kind === 'OCIRepository') && ref.name === 'flux-system') continue;
    // Each cluster's controllers read only that cluster's sources (a shared base has one copy per cluster).
    const inCluster = (s: { cluster?: string | null }) => hr.cluster == null || s.cluster == null || s.cluster === hr.cluster;
    const sameKind = model.sources.filter((s) => s.kind === ref.kind && inCluster(s));
    const named = sameKind.filter((s) => s.name === ref.name);
    // Defined, but every definition is switched off (commented out, left out of its folder's list, a
    // disabled file): Flux creates none of them.
    const off = named.length > 0 && named.every((s) => s.disabled !== null);
    // Written in the namespace the sourceRef names, but every build puts it elsewhere (a kustomization's
    // `namespace:` moves it, and leaves the HelmRelease's sourceRef.namespace as written): as certain as
    // a rename, so said; a definition in another namespace as written stays the model's inference.
    const wantedNs = ref.namespace ?? hr.namespace ?? 'default';
    const live = named.filter((s) => s.disabled === null);
    const moved = !off && live.length > 0 && live.every((s) => (s.namespace ?? 'default') !== wantedNs) ? live.find((s) => s.writtenNamespace === wantedNs) : undefined;
    // The mirror: the release is written beside its source (flux-system) and its build moves it, with a
    // sourceRef that names no namespace, which means the release's own (outside review: paperless).
    const releaseMoved = !off && !moved && !ref.explicitNamespace && hr.writtenNamespace !== undefined && live.length > 0 && live.every((s) => (s.namespace ?? 'default') !== wantedNs) && live.some((s) => s.namespace === hr.writtenNamespace);
    // Both surely where they are (written and kept, or set by the build that deploys them: a
    // targetNamespace), in two namespaces, and the sourceRef names none, which means the release's own
    // (`namespace: kube-system` beside a HelmRepository in flux-system; a release of `targetNamespace:
    // cloud` and an OCIRepository of `targetNamespace: flux-system`; outside reviews): as certain as a move, so said.
    // So with a sourceRef that names the namespace, wherever the release is (outside review: a
    // HelmRepository written in monitoring, a sourceRef naming flux-system).
    const apart = !off && !moved && !releaseMoved && (ref.explicitNamespace || hr.namespaceSure === true) && live.length > 0 && live.every((s) => s.namespaceSure === true && (s.namespace ?? 'default') !== wantedNs);
    // (Whether the repository keeps its sources elsewhere is the repository's: a cluster that defines
    // none of that kind, beside one that does, still names one the repository lacks.)
    const anyOfKind = model.sources.filter((s) => s.kind === ref.kind);
    const refField = hr.chart.via === 'chartRef' ? 'chartRef' : 'sourceRef';
    if (anyOfKind.length === 0 || (named.length > 0 && !off && !moved && !releaseMoved && !apart)) continue;
    const made = (model.templated ?? []).some((t) => (t.kind === '*' || t.kind === ref.kind) && templateMatches(t.name, ref.name));
    if (made) continue;
    const wanted = `${ref.namespace ?? hr.namespace ?? 'default'}/${ref.name}`;
    const others = sameKind.filter((s) => s.disabled === null).map((s) => ({ name: s.name, namespace: s.namespace }));
    // Written with that name, but the build renames it: kustomize's namePrefix and nameSuffix (and its
    // name references) know nothing of a HelmRelease's sourceRef, which keeps the name as written.
    const renamed = off ? undefined : sameKind.find((s) => s.disabled === null && s.writtenName === ref.name && (s.namespace ?? 'default') === (ref.namespace ?? hr.namespace ?? 'default'));
    const outside = outsideIn === 'any' || (outsideIn !== null && outsideIn.has(wantedNs));
    if (outside && (off || (named.length === 0 && !renamed))) continue;
    const elsewhere = hr.cluster == null ? [] : [...new Set(model.sources.filter((s) => s.kind === ref.kind && s.name === ref.name && s.disabled === null && (s.namespace ?? 'default') === wantedNs && s.cluster != null && s.cluster !== hr.cluster).map((s) => s.cluster as string))].sort();
    const hint = elsewhere.length > 0 && named.length === 0
      ? ` It is defined for cluster ${elsewhere.map((c) => `'${c}'`).join(', ')}, not for '${hr.cluster}', and Flux looks for it in this cluster only.`
      : off
      ? ` It is defined at ${named[0]!.source.file}:${named[0]!.source.line}, but ${OFF[named[0]!.disabled!] ?? 'switched off'}, so Flux does not create it.`
      : moved
        ? ` ${ref.kind} ${ref.name} is written in ${wantedNs} at ${moved.source.file}:${moved.source.line}, but its build puts it in ${moved.namespace ?? 'default'} (a kustomization's namespace:, or a targetNamespace): kustomize does not change a HelmRelease's sourceRef.namespace with it. Write ${moved.namespace ?? 'default'} in the sourceRef, or keep the source out of that kustomization.`
      : apart
        ? ` ${ref.kind} ${ref.name} is in ${[...new Set(live.map((x) => x.namespace ?? 'default'))].sort().join(', ')} (${live[0]!.source.file}:${live[0]!.source.line}), and ${ref.explicitNamespace ? `the ${refField} names ${wantedNs}` : `a ${refField} without a namespace means the HelmRelease's own, ${wantedNs}`}. Write namespace: ${live[0]!.namespace ?? 'default'} in the ${refField}.`
      : releaseMoved
        ? ` The HelmRelease is written in ${hr.writtenNamespace}, where ${ref.kind} ${ref.name} is, but its build puts it in ${hr.namespace ?? 'default'} (a kustomization's namespace:, or a targetNamespace), and a sourceRef without a namespace means the HelmRelease's own. Write namespace: ${hr.writtenNamespace} in the sourceRef.`
      : renamed
        ? ` ${ref.kind} ${ref.name} is written at ${renamed.source.file}:${renamed.source.line}, but its build names it ${renamed.namespace ?? 'default'}/${renamed.name} (a namePrefix, nameSuffix or patch): kustomize does not rename a HelmRelease's sourceRef with it. Write the built name in the sourceRef, or teach kustomize the reference (a nameReference in \`configurations\`).`
        : suggestTarget({ name: ref.name, namespace: ref.namespace ?? hr.namespace }, ref.explicitNamespace, ref.kind, others);
    const where = hr.cluster != null && elsewhere.length > 0 ? `cluster '${hr.cluster}' of this repository` : 'this repository';
    const what = off ? 'which no Flux build of this repository creates' : moved || releaseMoved || apart ? 'which no Flux build of this repository creates in that namespace' : `which ${where} does not define (it defines ${counted(sameKind.length > 0 ? sameKind.length : anyOfKind.length, ref.kind)}${sameKind.length === 0 ? ', for other clusters' : ''})`;
    out.push(
      finding(
        'HELMRELEASE_SOURCE_MISSING',
        'warning',
        `HelmRelease ${hr.namespace ?? 'default'}/${hr.name} takes its chart from ${ref.kind} ${wanted}, ${what}: helm-controller reports the source as not found and installs nothing, unless something outside the repository creates it.${hint}`,
        ref.source,
        { area: 'flux', objectId: hr.id, ...(hr.appId ? { appId: hr.appId } : {}) },
      ),
    );
  }
  return out;
}
