/**
 * The Flux Operator's FluxInstance (fluxcd.controlplane.io) bootstraps a cluster without a
 * gotk-sync.yaml in the repository: its `spec.sync` ({kind, url, ref, path}) makes a source and a
 * Kustomization named `spec.sync.name`, else after the instance's namespace (`flux-system/flux-system`), which applies
 * `path` (https://fluxcd.control-plane.io/operator/flux-sync/). Without that Kustomization nothing
 * applied the objects beside the cluster's first Kustomizations (the FluxInstance itself, a
 * ResourceSet, a ConfigMap of cluster settings), and a root folder not named like a bootstrap folder
 * was no root. The Kustomization is made here, as the operator makes it, at the line of `spec.sync`.
 */
import { finding, type Finding } from '../../model/finding.ts';
import { pushedFolder, type ArtifactPush } from '../artifact-pushes.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { arr, obj, str } from '../../model/values.ts';
import { resolveFluxPath } from './paths.ts';
import { explicitNs, metaName, type WorkDoc } from './work-doc.ts';
import { repositoryOf } from './external-source.ts';
import { releaseValues } from './instance-values.ts';

/** A `spec.path` as Flux resolves it (`./clusters/prod/` -> `clusters/prod`). */
const normalise = (path: string): string => resolveFluxPath(path) ?? '';

/**
 * One Flux Kustomization per FluxInstance whose `spec.sync` is a GitRepository or OCIRepository path
 * that is a folder of this repository, unless the repository already has a Kustomization of that
 * path or of that name (a gotk-sync.yaml from an earlier `flux bootstrap`). An OCIRepository sync is
 * the Flux Operator's "gitless" layout: CI pushes this repository as an OCI artifact (`flux push
 * artifact --path=./`) and the instance applies a folder of it; a sync path that is a folder here
 * says the artifact is this tree (the operator's own d2 reference fleet is laid out so). A sync of
 * the artifact's root (`./`), or of a path that is no folder here, or of a Bucket, reads an artifact
 * built elsewhere: not followed.
 */
export function fluxInstanceSyncs(works: readonly WorkDoc[], isFolder: (path: string) => boolean, pushes: readonly ArtifactPush[] = [], rawDocs: (file: string) => readonly unknown[] = () => []): WorkDoc[] {
  const out: WorkDoc[] = [];
  const fluxKs = works.filter((w) => w.isFluxKs && !w.raw.disabled);
  // The URL of each OCIRepository by name (a chartRef's), made once: a look-up per release was quadratic.
  const ociUrls = new Map(works.filter((d) => d.kind === 'OCIRepository' && d.group === 'source.toolkit.fluxcd.io' && !d.raw.disabled).map((d) => [metaName(d), str(obj(d.body.spec).url)]));
  for (const w of works) {
    const instance = instanceSpec(w, ociUrls, works, rawDocs);
    if (instance === null) continue;
    const sync = obj(instance.spec.sync);
    const kind = str(sync.kind) ?? 'GitRepository';
    const rawPath = str(sync.path);
    if ((kind !== 'GitRepository' && kind !== 'OCIRepository') || rawPath === null || rawPath.includes('${')) continue;
    // An OCI artifact the repository's own CI pushes from a folder (artifact-pushes.ts): the sync
    // path (`./` too) is that folder's; the Kustomization keeps the path as Flux reads it in the
    // artifact, and the build reads the artifact's paths in the folder (flux-sources.ts).
    const pushed = kind === 'OCIRepository' && str(sync.url) !== null ? pushedFolder(str(sync.url)!, pushes) : null;
    const path = normalise(rawPath);
    const folder = pushed === null ? path : normalise(`${pushed}/${path}`);
    if ((path === '' && pushed === null) || !isFolder(folder)) continue;
    const namespace = instance.namespace;
    // (The operator names its source and Kustomization `sync.name` where set: a repository read as
    // `home-kubernetes` is no stale name then.)
    const name = str(sync.name) ?? namespace;
    // A Kustomization of the same path is the sync's own only if it reads the same repository: the
    // instance's source (its sync name) or a source of the sync's URL. One of another
    // repository's `./clusters/prod` (a fleet whose apps live elsewhere) applies that repository's folder.
    const readsSync = (k: WorkDoc): boolean => {
      const ref = obj(obj(k.body.spec).sourceRef);
      const refName = str(ref.name);
      const ns = str(ref.namespace) ?? explicitNs(k) ?? namespace;
      if (refName === name && ns === namespace) return true;
      const source = works.find((d) => d.group === 'source.toolkit.fluxcd.io' && d.kind === (str(ref.kind) ?? 'GitRepository') && metaName(d) === refName && (explicitNs(d) ?? namespace) === ns && !d.raw.disabled);
      return source !== undefined && sameUrl(str(obj(source.body.spec).url), str(sync.url));
    };
    const taken = fluxKs.some((k) => (normalise(str(obj(k.body.spec).path) ?? '') === path && readsSync(k)) || (metaName(k) === name && (explicitNs(k) ?? namespace) === namespace));
    if (taken || out.some((k) => explicitNs(k) === namespace && normalise(str(obj(k.body.spec).path) ?? '') === path)) continue;
    const at = (key: string) => w.raw.lines[`${instance.at}.sync.${key}`] ?? w.raw.lines[`${instance.at}.sync`] ?? w.raw.source.line;
    const body = {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: {
        name,
        namespace,
        // Said on the page (an app's description), since no file of the repository holds this object.
        annotations: { 'atlas.gitops/description': `Made in the cluster by ${instance.by} (${w.file}): applies ./${path} of ${kind === 'OCIRepository' ? `the OCI artifact ${str(sync.url) ?? ''}${pushed !== null ? `, which the repository pushes from ./${pushed} (./${folder} here)` : ", read as this repository's folder of that path (an artifact pushed from this repository)"}` : 'this repository'}.` },
      },
      spec: {
        interval: str(sync.interval) ?? '1m',
        path: `./${path}`,
        prune: true,
        sourceRef: { kind, name },
        // The operator patches its Kustomization with spec.kustomize.patches (decryption is the usual one).
        ...(JSON.stringify(obj(instance.spec.kustomize).patches ?? null).includes('decryption') ? { decryption: { provider: 'sops' } } : {}),
      },
    };
    out.push({
      ...w,
      raw: {
        ...w.raw,
        value: body,
        source: { ...w.raw.source, line: at('kind') },
        lines: { 'metadata.name': at('kind'), spec: at('kind'), 'spec.path': at('path'), 'spec.sourceRef': at('url'), 'spec.interval': at('interval') },
        redactions: [],
      },
      body,
      apiVersion: body.apiVersion,
      group: 'kustomize.toolkit.fluxcd.io',
      kind: 'Kustomization',
      isKustomizeFile: false,
      isFluxKs: true,
      madeInCluster: true,
      owners: [],
      unresolved: new Set(),
      fromSecret: new Set(),
    });
  }
  return out;
}

/**
 * The FluxInstance a document is or makes: a FluxInstance itself, or a HelmRelease of the Flux
 * Operator's `flux-instance` chart, which renders one from `values.instance` in the namespace it
 * installs to (home-ops repositories install Flux so: a release that syncs `kubernetes/flux/cluster`,
 * whose Kustomizations were roots of no parent, put in `default`; outside review). Its spec, where
 * that spec is written (for line numbers), its namespace and what to call it; null for anything else.
 */
function instanceSpec(w: WorkDoc, ociUrls: ReadonlyMap<string | null, string | null>, works: readonly WorkDoc[], rawDocs: (file: string) => readonly unknown[]): { spec: Record<string, unknown>; at: string; namespace: string; by: string } | null {
  if (w.raw.disabled) return null;
  if (w.kind === 'FluxInstance' && w.group === 'fluxcd.controlplane.io') return { spec: obj(w.body.spec), at: 'spec', namespace: explicitNs(w) ?? 'flux-system', by: `FluxInstance ${metaName(w) ?? '?'} from its spec.sync` };
  if (w.kind !== 'HelmRelease' || w.group !== 'helm.toolkit.fluxcd.io') return null;
  const spec = obj(w.body.spec);
  const chartRef = obj(spec.chartRef);
  const refName = str(chartRef.name);
  const isChart =
    str(obj(obj(spec.chart).spec).chart) === 'flux-instance' ||
    (str(chartRef.kind) === 'OCIRepository' && refName !== null && (refName === 'flux-instance' || /\/flux-instance\/?$/.test(ociUrls.get(refName) ?? '')));
  if (!isChart) return null;
  // (Inline, or through valuesFrom: a cluster-template's configMapGenerator of helm/values.yaml.)
  const values = obj((arr(spec.valuesFrom).length > 0 ? releaseValues(w, works, rawDocs) : obj(spec.values)).instance);
  if (Object.keys(obj(values.sync)).length === 0) return null;
  return { spec: values, at: 'spec.values.instance', namespace: str(spec.targetNamespace) ?? explicitNs(w) ?? 'flux-system', by: `the FluxInstance that HelmRelease ${metaName(w) ?? '?'} (chart flux-instance) makes from its values.instance.sync` };
}

/** What each live ResourceSet would make, unexpanded (RepoModel.templated). */
export function resourceSetTemplates(objects: readonly WorkDoc[]): NonNullable<RepoModel['templated']> {
  const out: NonNullable<RepoModel['templated']> = [];
  for (const d of objects) {
    if (d.kind !== 'ResourceSet' || d.group !== 'fluxcd.controlplane.io' || d.raw.disabled || d.archived !== undefined || d.owners.length === 0 || d.expanded) continue;
    const spec = obj(d.body.spec);
    const by = `ResourceSet/${d.ns ?? explicitNs(d) ?? 'default'}/${metaName(d) ?? '?'}`;
    const ns = d.ns ?? explicitNs(d);
    for (const r of arr(spec.resources)) {
      const meta = obj(obj(r).metadata);
      const kind = str(obj(r).kind);
      const name = str(meta.name);
      if (kind && name) out.push({ kind, name, namespace: str(meta.namespace) ?? ns, by, cluster: d.cluster ?? null });
    }
    const template = str(spec.resourcesTemplate);
    if (template !== null) {
      // The kinds and names its template writes (`kind: HelmRelease`, `name: << inputs.name >>`), so
      // that a missing object is blamed on the ResourceSet that can make its kind; a template whose
      // documents say no kind may make anything.
      const made = templateObjects(template);
      for (const m of made.length ? made : [{ kind: '*', name: '*' }]) out.push({ kind: m.kind, name: m.name, namespace: null, by, cluster: d.cluster ?? null });
    }
  }
  return out;
}

/**
 * The kind, metadata.name (a Go template, or `*` when it has none) and, for a Flux Kustomization,
 * spec.path (`clusters/live/apps/<< inputs.name >>`, without `./`) of each document of a
 * resourcesTemplate: read as text, since the template is YAML only once its `<< >>` are filled.
 */
function templateObjects(template: string): { kind: string; name: string; path: string | null }[] {
  if (template.length > 1_000_000) return [];
  const out: { kind: string; name: string; path: string | null }[] = [];
  for (const doc of template.split(/^---\s*$/m)) {
    const kind = /^kind:[ \t]*["']?([A-Za-z][\w.]*)["']?[ \t]*$/m.exec(doc)?.[1];
    if (!kind) continue;
    const name = /^metadata:[ \t]*\n(?:[ \t]+.*\n)*?[ \t]+name:[ \t]*["']?([^"'\n#]+?)["']?[ \t]*$/m.exec(doc)?.[1];
    const path = kind === 'Kustomization' ? /^[ \t]+path:[ \t]*["']?([^"'#\n]+?)["']?[ \t]*$/m.exec(doc)?.[1] : undefined;
    out.push({ kind, name: name?.trim() || '*', path: path ? templatePath(path) : null });
  }
  return out;
}

/** A templated Kustomization path as the tree names folders: no `./`, no trailing `/`. */
const templatePath = (path: string): string => path.trim().replace(/^\.\//, '').replace(/\/+$/, '');

/**
 * The paths the Flux Kustomizations of live ResourceSets build (Go templates: templateMatches), of
 * their resourcesTemplate and of their `resources` list.
 */
export function resourceSetPaths(docs: readonly WorkDoc[]): string[] {
  // (An expanded set's Kustomization is built as any other, but not where its path is still a
  // variable of the build that applies the set: `./addons/certs/${ENVIRONMENT}` may be any of its folders.)
  const variable = docs.flatMap((d) => {
    const path = d.madeBy && d.isFluxKs ? str(obj(d.body.spec).path) : null;
    return path !== null && path.includes('${') ? [templatePath(path)] : [];
  });
  const templated = docs
    // (One a build applies, as resourceSetTemplates; code review.)
    .filter((d) => d.kind === 'ResourceSet' && d.group === 'fluxcd.controlplane.io' && !d.raw.disabled && d.archived === undefined && d.owners.length > 0 && !d.expanded)
    .flatMap((d) => [
      ...templateObjects(str(obj(d.body.spec).resourcesTemplate) ?? '').flatMap((o) => (o.path ? [o.path] : [])),
      ...arr(obj(d.body.spec).resources).flatMap((r) => {
        const path = str(obj(r).kind) === 'Kustomization' ? str(obj(obj(r).spec).path) : null;
        return path ? [templatePath(path)] : [];
      }),
    ]);
  return [...variable, ...templated]
    // A variable Flux fills in where the ResourceSet is applied (`${ENVIRONMENT}`) may be anything too.
    .map((p) => p.replace(/\$\{[^}]*\}/g, '<< var >>'))
    // A path that is a template from its first folder on (`<< inputs.path >>`) may be any folder, of
    // this repository or another: it says nothing of which (code review).
    .filter((p) => { const i = p.indexOf('<<'); return i < 0 || p.slice(0, i).includes('/'); });
}

/**
 * A ResourceSet (fluxcd.controlplane.io) makes its objects in the cluster from `spec.resources` or
 * `spec.resourcesTemplate`, once per input (`spec.inputs`, or providers named by `spec.inputsFrom`),
 * with Go templates over the inputs. The Flux build expands those whose inputs the repository holds
 * (resource-set-build.ts); one note per other live ResourceSet says what it would make and why it is
 * not expanded, so that apps it makes are not dropped silently.
 */
export function resourceSetNotes(objects: readonly WorkDoc[]): Finding[] {
  const out: Finding[] = [];
  // Where no Flux Kustomization applies anything (ResourceSets all the way down, applied by the
  // operator or by hand: one may make the flux-system Kustomization itself), every ResourceSet is
  // applied some other way, as plain manifests are; not only those a Kustomization builds.
  const applied = objects.some((d) => d.isFluxKs && !d.raw.disabled && d.archived === undefined);
  for (const d of objects) {
    if (d.kind !== 'ResourceSet' || d.group !== 'fluxcd.controlplane.io' || d.raw.disabled || d.archived !== undefined || (applied && d.owners.length === 0) || d.expanded) continue;
    const spec = obj(d.body.spec);
    const kinds = [...new Set(arr(spec.resources).map((r) => str(obj(r).kind)).filter((k): k is string => k !== null))].sort();
    const n = arr(spec.resources).length;
    const what = n > 0 ? `${n} ${n === 1 ? 'resource' : 'resources'} (${kinds.join(', ')})` : str(spec.resourcesTemplate) !== null ? 'the objects of its resourcesTemplate' : 'no resources';
    const inputs = arr(spec.inputsFrom).length > 0 ? 'for each input its providers (inputsFrom) give' : arr(spec.inputs).length > 0 ? `for each of its ${arr(spec.inputs).length} inputs` : 'once';
    out.push(
      finding('RESOURCESET_NOT_EXPANDED', 'info', `ResourceSet ${metaName(d) ?? '?'} makes ${what}, ${inputs}; the site cannot expand it, because ${d.notExpanded ?? 'no Flux Kustomization of the repository applies it'}, so what it makes is not shown or checked.`, d.raw.source, { area: 'flux' }),
    );
  }
  return out;
}

/** Two repository URLs name the same repository (`.git`, a trailing slash and case of the host aside). */
function sameUrl(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && repositoryOf(a) === repositoryOf(b);
}
