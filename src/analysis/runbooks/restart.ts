/**
 * "Which workloads to restart" after a secret changed, decided by who reads it as the model knows
 * (secret-readers.ts): the pods that read it are restarted (a release by Helm's instance label, a
 * manifest's workload by name), unless Stakater Reloader restarts them; an operator's resource reads it
 * again itself and is said so, with no restart (outside review: a CloudNativePG Cluster's Secret
 * restarted the operator's Deployment, the app the Secret sits in). Where the model knows no reader,
 * the app's own workloads are restarted, as the likeliest readers.
 */
import type { App } from '../../model/app.ts';
import { mayRunPods } from '../../model/k8s-object.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { appIdOf, groupBy, idOf, indexBy } from '../../model/group-by.ts';
import { appWorkloads, isRootApp, reloaderInRepo, restartCommands, usesReloader, type AppWorkloads } from './app-workloads.ts';
import type { SecretAt } from './backup-repositories.ts';
import { secretReaders, type SecretReaders } from './secret-readers.ts';
import { reloadItem, runItem, runNeedsHand } from './secret-reloads.ts';
import type { Block, Inline, Section } from './types.ts';

const HEADING = 'Restart what uses it';

/**
 * `secrets`: the Secrets the rotated object becomes, where builds put them; `labels`: the labels they
 * carry (null where unknown), which tell whether an operator watches them; `substituted`: whether
 * Kustomizations substitute its keys (postBuild.substituteFrom), a reader too.
 */
export function restartSection(model: RepoModel, appId: string | null, what: string, secrets: readonly SecretAt[] = [], labels: Readonly<Record<string, string>> | null = null, substituted = false): Section {
  const app = appId ? indexBy(model.apps, idOf).get(appId) : undefined;
  const readers = secretReaders(model, secrets);
  const own = app && !isRootApp(model, app) ? app : undefined;
  if (readsInPods(model, secrets)) return readersRestart(model, own, readers, secrets[0]?.namespace ?? own?.namespace ?? 'default', labels);
  if (readers.resources.length > 0 || readers.runs.length > 0) {
    const w = own ? appWorkloads(model, own) : null;
    const runs = w !== null && (w.helmReleases.length > 0 || w.workloads.length > 0);
    // A Job that has run reads the new value only when run again by hand: not "nothing to restart".
    const byHand = readers.runs.some(runNeedsHand);
    return {
      slug: 'restart',
      heading: byHand ? HEADING : 'Nothing to restart',
      blocks: [
        { type: 'text', text: [byHand ? 'No pod that keeps running reads it; each reader, and how it comes to read the new value:' : 'No pod that keeps running reads it; each reader takes the new value itself:'] },
        ...othersList(model, readers, labels),
        ...(runs && own ? [{ type: 'text' as const, text: ['Restarting ', { code: own.name }, ', the app the Secret is kept with, would restart its own pods, not what reads it.'] }] : []),
      ],
    };
  }
  // Read only through substitution, where no app's pods are the likely readers: the reconcile carries
  // the values (outside review: "belongs to no app… restart the pods" of cluster-secrets).
  if (substituted && (!app || isRootApp(model, app))) {
    return {
      slug: 'restart',
      heading: HEADING,
      blocks: [{ type: 'text', text: ['No pod the repository shows reads it: its values reach the cluster through the substitution, with the reconcile above. A workload whose pod template they change rolls out by itself; pods that read them from a ConfigMap or Secret the substituted manifests make need a restart by hand.'] }],
    };
  }
  return appRestart(model, app, what);
}

/** Whether pods that keep running read any of the Secrets (they need a restart to see a new value). */
export function readsInPods(model: RepoModel, secrets: readonly SecretAt[]): boolean {
  const readers = secretReaders(model, secrets);
  return readers.workloads.length > 0 || readers.releases.length > 0;
}

/** The readers that are no pod to restart, one list item each. */
function othersList(model: RepoModel, readers: SecretReaders, labels: Readonly<Record<string, string>> | null): Block[] {
  const ks = indexBy(model.kustomizations, idOf);
  const items = [...readers.resources.map((r) => reloadItem(r, labels)), ...readers.runs.map((o) => runItem(o, o.owner ? ks.get(o.owner) : undefined))];
  if (items.length === 0) return [];
  const refs = new Map([...readers.resources, ...readers.runs].map((o) => [`${o.source.file}:${o.source.line}`, { file: o.source.file, line: o.source.line }]));
  return [{ type: 'list', ordered: false, items }, { type: 'refs', refs: [...refs.values()] }];
}

/** Restart the pods that read it: its releases and workloads, in the namespaces they run in. */
function readersRestart(model: RepoModel, app: App | undefined, readers: SecretReaders, namespace: string, labels: Readonly<Record<string, string>> | null): Section {
  const groups: AppWorkloads[] = [
    ...readers.releases.toSorted((a, b) => a.name.localeCompare(b.name)).map((h) => ({ kustomizations: [], helmReleases: [h], workloads: [], namespace: h.targetNamespace ?? h.namespace ?? namespace })),
    ...(readers.workloads.length > 0
      ? [{
          kustomizations: [],
          helmReleases: [],
          workloads: readers.workloads
            .map((o) => ({ kind: o.kind.toLowerCase() as AppWorkloads['workloads'][number]['kind'], name: o.name, namespace: o.namespace ?? namespace }))
            .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name)),
          namespace,
        }]
      : []),
  ];
  const blocks: Block[] = [];
  const all: AppWorkloads = { kustomizations: [], helmReleases: [...readers.releases], workloads: groups.flatMap((g) => g.workloads), namespace };
  if (app) blocks.push(...reloaderAsides(model, all, app));
  const names: Inline[] = [...readers.releases.map((h) => `HelmRelease ${h.name}`), ...readers.workloads.map((o) => `${o.kind} ${o.name}`)].flatMap((n, i) => [i > 0 ? ', ' : '', { code: n }]);
  blocks.push(
    { type: 'text', text: ['Pods read Secrets at start; restart what reads it (', ...names, ') to pick up the new value:'] },
    {
      type: 'code',
      lang: 'bash',
      // (restartCommands falls back to the app's name label only for a group of no release and no workload: never here.)
      code: [...groups.flatMap((g) => restartCommands(g, app ?? { name: namespace })), ...[...new Set(groups.map((g) => g.namespace))].map((ns) => `kubectl -n ${ns} get pods -w`)].join('\n'),
    },
  );
  const others = othersList(model, readers, labels);
  if (others.length > 0) blocks.push({ type: 'text', text: [readers.runs.some(runNeedsHand) ? 'These read it too:' : 'These read it too, and take the new value themselves:'] }, ...others);
  return { slug: 'restart', heading: HEADING, blocks };
}

function reloaderAsides(model: RepoModel, w: AppWorkloads, app: App): Block[] {
  if (!reloaderInRepo(model)) return [];
  if (usesReloader(model, w, app)) {
    return [{ type: 'aside', variant: 'tip', title: 'Reloader restarts it', text: ['Reloader is deployed and ', { code: app.name }, ' carries a ', { code: 'reloader.stakater.com' }, ' annotation: its pods restart on their own once the Secret changes. The command below is the manual fallback.'] }];
  }
  return [{ type: 'aside', variant: 'note', title: 'Reloader is deployed, but not for this app', text: ['Add ', { code: 'reloader.stakater.com/auto: "true"' }, ' to the app\'s pod annotations to have it restarted on secret changes.'] }];
}

/** No reader known: the app's own workloads, the likeliest readers. */
function appRestart(model: RepoModel, app: App | undefined, what: string): Section {
  // A file the cluster's root applies (`flux-system` with `path: ./`) is no app's: restarting what the
  // root applies would restart Flux's own controllers.
  if (!app || isRootApp(model, app)) {
    return {
      slug: 'restart',
      heading: HEADING,
      blocks: [{ type: 'text', text: [`${what} belongs to no app of the repository; restart the pods that mount or read it by hand.`] }],
    };
  }
  const w = appWorkloads(model, app);
  // Nothing of the app runs (its HelmRelease commented out, a Secret only for postBuild substitution):
  // a command that selects nothing would fail.
  if (w.helmReleases.length === 0 && w.workloads.length === 0) {
    // Pods may still come from what the repository does not spell out as a Deployment: a DaemonSet,
    // a CronJob, an operator's resource (LiteLLMProxy). Only an app of configuration runs none.
    const runsPods = (groupBy(model.objects, appIdOf).get(app.id) ?? []).some((o) => !o.disabled && mayRunPods(o));
    return {
      slug: 'restart',
      heading: HEADING,
      blocks: [
        {
          type: 'text',
          text: runsPods
            ? ['No Deployment, StatefulSet or HelmRelease of ', { code: app.name }, ' is in the repository; restart the pods that mount or read it by hand.']
            : ['Nothing of ', { code: app.name }, ' that the repository deploys runs a pod: nothing to restart. A value used for postBuild substitution reaches the cluster with the next reconcile of the Kustomizations that substitute it.'],
        },
      ],
    };
  }
  return {
    slug: 'restart',
    heading: HEADING,
    blocks: [
      ...reloaderAsides(model, w, app),
      { type: 'text', text: ['Pods read Secrets at start; restart ', { code: app.name }, ` (namespace ${w.namespace}) to pick up the new value:`] },
      { type: 'code', lang: 'bash', code: [...restartCommands(w, app), `kubectl -n ${w.namespace} get pods -w`].join('\n') },
    ],
  };
}
