/**
 * Which ServiceMonitors and PodMonitors of other apps select an app: by the labels of its Services and
 * its workloads' pod templates where the repository shows them, by the release's name where a chart
 * renders them, and Flux's controllers by the labels Flux gives their pods. Split from monitoring.ts.
 */
import type { App } from '../../model/app.ts';
import type { HelmRelease } from '../../model/helm-release.ts';
import { isWorkload, mayRunPods, type KObject } from '../../model/k8s-object.ts';
import { selectorMatches } from '../../model/label-selector.ts';
import type { Monitor } from '../../model/observability.ts';
import { refOf, sameCluster, type Ref } from './common.ts';
import { hostsFlux, selectsFluxControllers } from './flux-controllers.ts';

/** What scrapes an app, and where that is written. */
interface Scraper {
  what: string;
  ref: Ref;
}

/** What of an app a monitor's selector can pick, as the repository shows it. */
interface AppPods {
  /** Its live Services (a ServiceMonitor selects Services by their labels). */
  services: readonly KObject[];
  /** Its live workloads (a PodMonitor selects pods by their template's labels). */
  workloads: readonly KObject[];
  /** It runs pods whose labels the repository does not show: a chart's (a HelmRelease) or an operator's (its resource's). */
  unknownPods: boolean;
  /** Flux's controllers run in it and the repository does not hold them (a bootstrap or the Flux Operator installs them). */
  fluxOutside: boolean;
}

/** `live`: the app's live objects; `fluxControllers`: Flux's controllers the repository holds, wherever they are. */
export function podsOf(app: Pick<App, 'name' | 'namespace' | 'cluster'>, live: readonly KObject[], fluxControllers: readonly KObject[]): AppPods {
  return {
    services: live.filter((o) => o.group === '' && o.kind === 'Service'),
    workloads: live.filter(isWorkload),
    unknownPods: live.some((o) => mayRunPods(o) && !isWorkload(o)),
    fluxOutside: hostsFlux(app, live) && !fluxControllers.some((o) => o.namespace === app.namespace && sameCluster(o.cluster, app.cluster)),
  };
}

/**
 * ServiceMonitors and PodMonitors of other apps (a folder of monitors kept together) that select this
 * app, in the namespaces their namespaceSelector names (their own where it names none, every one with
 * `any: true`): a ServiceMonitor the app's Services, a PodMonitor its workloads' pods, by their labels
 * and the whole selector (matchLabels, and matchExpressions In, NotIn, Exists, DoesNotExist).
 * https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ServiceMonitorSpec
 * Where the repository does not show the labels (pods a chart renders or an operator makes), a name-like
 * selector label (`app.kubernetes.io/name`, `app` ...; `release` only where none is given) whose value
 * is the app's name or one of its releases' counts, where no other name-like label names something
 * else (all labels of a selector must match: `{app: web, release: prometheus}` selects web's pods, not
 * prometheus'). Flux's controllers, where the repository does not hold them, by the labels Flux gives
 * their pods. (Outside review: a PodMonitor `app In [source-controller, ...]` left flux-system "not
 * monitored", and an app selected by name only was monitored whatever the selector picked.)
 */
export function selectedBy(app: { id: string; name: string; namespace: string; cluster: string | null }, hrs: readonly HelmRelease[], monitors: readonly Monitor[], pods: AppPods): Scraper[] {
  const names = new Set([app.name, ...hrs.map((h) => h.releaseName)]);
  const out: Scraper[] = [];
  for (const m of monitors) {
    // (A monitor selects pods of its own cluster: each cluster's copy of a shared component's monitor
    // was listed on both clusters' pages; outside review.)
    if (m.appId === app.id || !m.selects || !sameCluster(m.cluster, app.cluster)) continue;
    const { requirements, anyNamespace, namespaces } = m.selects;
    const looksAt = (ns: string | null) => ns !== null && (anyNamespace || (namespaces ?? [m.namespace]).includes(ns));
    const monitor = `${m.monitorKind} ${m.namespace ?? ''}/${m.name}`;
    const byService = m.monitorKind === 'ServiceMonitor';
    const hits = (byService ? pods.services : pods.workloads).filter((o) => looksAt(o.namespace) && selectorMatches(requirements, byService ? o.labels : (o.podLabels ?? {})));
    if (hits.length > 0) {
      const what = hits.map((o) => `${o.kind} ${o.name}`).join(', ');
      out.push({ what: `${monitor} selects ${byService ? what : `the pods of ${what}`}`, ref: refOf(m.source) });
      continue;
    }
    if (!looksAt(app.namespace)) continue;
    if (pods.fluxOutside && !byService && selectsFluxControllers(requirements)) {
      out.push({ what: `${monitor} selects Flux's controllers`, ref: refOf(m.source) });
      continue;
    }
    // By name: only for pods whose labels are not known here (or a selector a variable fills in).
    if (!pods.unknownPods && !requirements.some((r) => r.values.some((v) => v.includes('${')))) continue;
    // `release` names the app only where no other label does (else it is the Prometheus instance's).
    const byName = m.selects.labels.filter((l) => NAME_KEYS.test(l.key));
    const named = byName.length > 0 ? byName : m.selects.labels.filter((l) => l.key === 'release');
    if (named.length > 0 && named.every((l) => names.has(l.value))) out.push({ what: `${monitor} selects it`, ref: refOf(m.source) });
  }
  return out;
}

/** Selector labels that name an app: `app`, `name`, `k8s-app`, `app.kubernetes.io/name` and `/instance`. */
export const NAME_KEYS = /^(app|name|k8s-app|app\.kubernetes\.io\/(name|instance))$/;
