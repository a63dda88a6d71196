/**
 * "Which workloads to restart" after a secret changed: the app's HelmReleases, by Helm's instance
 * label, unless Stakater Reloader restarts them (it is in the repo and the app opts in).
 */
import type { RepoModel } from '../../model/repo-model.ts';
import { appIdOf, groupBy, idOf, indexBy } from '../../model/group-by.ts';
import { appWorkloads, isRootApp, reloaderInRepo, restartCommands, usesReloader } from './app-workloads.ts';
import type { Block, Section } from './types.ts';

export function restartSection(model: RepoModel, appId: string | null, what: string): Section {
  const app = appId ? indexBy(model.apps, idOf).get(appId) : undefined;
  // A file the cluster's root applies (`flux-system` with `path: ./`) is no app's: restarting what the
  // root applies would restart Flux's own controllers.
  if (!app || isRootApp(model, app)) {
    return {
      slug: 'restart',
      heading: 'Restart what uses it',
      blocks: [{ type: 'text', text: [`${what} belongs to no app of the repository; restart the pods that mount or read it by hand.`] }],
    };
  }
  const w = appWorkloads(model, app);
  // Nothing of the app runs (its HelmRelease commented out, a Secret only for postBuild substitution):
  // a command that selects nothing would fail.
  if (w.helmReleases.length === 0 && w.workloads.length === 0) {
    // Pods may still come from what the repository does not spell out as a Deployment: a DaemonSet,
    // a CronJob, an operator's resource (LiteLLMProxy). Only an app of configuration runs none.
    const runsPods = (groupBy(model.objects, appIdOf).get(app.id) ?? []).some((o) => !o.disabled && !CONFIG_ONLY.test(`${o.group}/${o.kind}`));
    return {
      slug: 'restart',
      heading: 'Restart what uses it',
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
  const blocks: Block[] = [];
  if (reloaderInRepo(model) && usesReloader(model, w, app)) {
    blocks.push({ type: 'aside', variant: 'tip', title: 'Reloader restarts it', text: ['Reloader is deployed and ', { code: app.name }, ' carries a ', { code: 'reloader.stakater.com' }, ' annotation: its pods restart on their own once the Secret changes. The command below is the manual fallback.'] });
  } else if (reloaderInRepo(model)) {
    blocks.push({ type: 'aside', variant: 'note', title: 'Reloader is deployed, but not for this app', text: ['Add ', { code: 'reloader.stakater.com/auto: "true"' }, ' to the app\'s pod annotations to have it restarted on secret changes.'] });
  }
  blocks.push(
    { type: 'text', text: ['Pods read Secrets at start; restart ', { code: app.name }, ` (namespace ${w.namespace}) to pick up the new value:`] },
    { type: 'code', lang: 'bash', code: [...restartCommands(w, app), `kubectl -n ${w.namespace} get pods -w`].join('\n') },
  );
  return { slug: 'restart', heading: 'Restart what uses it', blocks };
}

/** Kinds that run no pod: configuration, routing, policy, Flux and secret objects. */
const CONFIG_ONLY = /^(\/(ConfigMap|Secret|Service|ServiceAccount|PersistentVolumeClaim|Namespace|Endpoints)|networking\.k8s\.io\/.*|rbac\.authorization\.k8s\.io\/.*|policy\/.*|[^/]*toolkit\.fluxcd\.io\/.*|external-secrets\.io\/.*|bitnami\.com\/.*|monitoring\.coreos\.com\/.*|cert-manager\.io\/.*|gateway\.networking\.k8s\.io\/.*|traefik\.(io|containo\.us)\/.*|cilium\.io\/.*|kyverno\.io\/.*|fluxcd\.controlplane\.io\/.*)$/;
