/**
 * What an app page says of an app whose Flux Kustomizations all build another source's artifact
 * (AppFacts.external): which source, and whether that source is this repository itself at another
 * branch or tag.
 */
import { isExternalApp, sameCluster } from '../../analysis/health/common.ts';
import type { App } from '../../model/app.ts';
import type { FluxKustomization, FluxSource } from '../../model/flux.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { repositoryOf } from '../../repo/build/external-source.ts';
import { resolveFluxPath } from '../../repo/build/paths.ts';
import type { AppFacts } from './app-facts-schema.ts';
import type { FactsIndex } from './facts-index.ts';

type External = NonNullable<AppFacts['external']>;

/**
 * The source a Kustomization's sourceRef names (in its cluster where the repository has several), or
 * undefined: kustomize-controller looks in its own cluster, so another cluster's source of that name
 * (its URL) is not what this one builds.
 */
function sourceOf(model: Pick<RepoModel, 'sources'>, k: FluxKustomization): FluxSource | undefined {
  const ref = k.sourceRef;
  if (!ref) return undefined;
  return model.sources.find((s) => s.kind === (ref.kind ?? 'GitRepository') && s.name === ref.name && (ref.namespace === null || s.namespace === ref.namespace) && sameCluster(s.cluster, k.cluster));
}

/**
 * The repository's own URLs (repositoryOf): those of the GitRepositories its bootstraps build (the
 * root Kustomizations of this repository's source, and `flux bootstrap`'s `flux-system`), in
 * `cluster` where it has several.
 */
function ownUrls(model: Pick<RepoModel, 'kustomizations' | 'sources'>, cluster: string | null): Set<string> {
  const own = model.kustomizations.filter((k) => k.isRoot && !k.disabled && !k.externalSource && sameCluster(k.cluster, cluster)).map((k) => sourceOf(model, k));
  const bootstrap = model.sources.filter((s) => s.name === 'flux-system' && !s.disabled && sameCluster(s.cluster, cluster));
  return new Set([...own, ...bootstrap].flatMap((s) => (s?.kind === 'GitRepository' && s.url ? [repositoryOf(s.url)] : [])));
}

/** `branch feature/media`, `tag v1.2.0`: the ref a source follows, as a reader says it. */
function refText(s: FluxSource): string | null {
  if (s.ref === null) return null;
  const kind = { semver: 'semver range', semverFilter: 'semver filter', name: 'ref', commit: 'commit', tag: 'tag', branch: 'branch', digest: 'digest' }[s.refKind ?? 'name'];
  return `${kind} ${s.ref}`;
}

/** The Kustomization's path as a folder of the checkout, where files of the checkout are under it; else null. */
function checkedOutFolder(model: Pick<RepoModel, 'files'>, k: FluxKustomization): string | null {
  const p = k.path === null || k.path.includes('${') ? null : resolveFluxPath(k.path);
  if (p === null || p === '') return null;
  return model.files.some((f) => f.path.startsWith(`${p}/`)) ? p : null;
}

/**
 * The other source all the app's live Kustomizations build, or null (see AppFacts.external). `here`:
 * what the repository itself holds of the app besides those Kustomizations and Flux's objects.
 */
export function externalSource(model: RepoModel, index: FactsIndex, app: App, here: readonly string[] = []): AppFacts['external'] {
  if (!isExternalApp(app, model)) return null;
  const live = app.kustomizations.map((id) => index.kustomizations.get(id)).filter((k): k is FluxKustomization => k !== undefined && !k.disabled);
  const first = live[0];
  const ref = first?.sourceRef;
  if (!first || !ref) return null;
  const source = sourceOf(model, first);
  const out: External = { source: `${ref.kind ?? 'GitRepository'}/${ref.name}`, url: source?.url ?? null };
  // Outside review: a GitRepository of the repository's own URL on branch feature/media was "another
  // repository that this site does not read". It is this repository at another revision. The model
  // still treats its Kustomization as another artifact's (that branch may hold other files than the
  // checkout, and judging them as checked out could raise findings about files Flux never reads), so
  // only the page's words change, naming the folder the checkout has at that path.
  if (source?.kind === 'GitRepository' && source.url && ownUrls(model, app.cluster).has(repositoryOf(source.url))) {
    out.ownRepositoryAt = refText(source) ?? 'another revision';
    out.checkedOut = checkedOutFolder(model, first);
  }
  // Outside review: keycloak's page said its manifests were in another repository, while its Keycloak
  // CR, SGCluster and backup CronJob are in this one; only the operator's Kustomization is the other's.
  if (here.length > 0) out.partly = { kustomizations: [...new Set(live.map((k) => k.name))].sort(), here: [...new Set(here)].sort() };
  return out;
}

/** `a, b and c`, `a, b, c, d and 3 more`: a list short enough for one sentence. */
function listed(items: readonly string[], max = 4): string {
  if (items.length > max) return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * The note the page's Deployment section shows, in three parts so that the URL can be set as code:
 * `lead` (`url`) `rest`. Plain text: the page escapes it.
 */
export function externalNote(e: External): { lead: string; url: string | null; rest: string } {
  if (e.partly) {
    const { kustomizations: names, here } = e.partly;
    const builds = `${names.length === 1 ? 'Kustomization' : 'Kustomizations'} ${listed(names, names.length)} ${names.length === 1 ? 'builds' : 'build'} ${e.source}`;
    const ours = `${listed(here)} ${here.length === 1 ? 'is' : 'are'} in this repository.`;
    return e.ownRepositoryAt !== undefined
      ? { lead: `Partly this repository at ${e.ownRepositoryAt}: ${builds}`, url: e.url, rest: `; the site shows the checked-out revision, so what it deploys is not judged here. ${ours}` }
      : { lead: `Partly in another repository: ${builds}`, url: e.url, rest: `, which this site does not read, so what it deploys is not known here. ${ours}` };
  }
  if (e.ownRepositoryAt !== undefined) {
    const folder = e.checkedOut ? `, whose ${e.checkedOut} may differ from what ${e.ownRepositoryAt} holds there` : ', which has nothing at its path';
    return {
      lead: `Its manifests are this repository at ${e.ownRepositoryAt}, through ${e.source}`,
      url: e.url,
      rest: `; the site shows the checked-out revision${folder}, so what it deploys, and its monitoring, network policies and backups, are not judged here.`,
    };
  }
  return { lead: `Its manifests are in ${e.source}`, url: e.url, rest: ', another repository that this site does not read: what it deploys, and its monitoring, network policies and backups, are not known here.' };
}
