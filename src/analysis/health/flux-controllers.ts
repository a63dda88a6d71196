/**
 * Flux's own controllers, where the repository does not hold them: `flux bootstrap` fills
 * gotk-components.yaml (a template commits it empty), and the Flux Operator runs them for a
 * FluxInstance. What scrapes them is known from the PodMonitor alone, by the labels Flux gives their
 * pods (`app: source-controller`; recent versions add `app.kubernetes.io/component: source-controller`
 * and `app.kubernetes.io/part-of: flux`).
 * https://fluxcd.io/flux/monitoring/metrics/
 */
import type { App } from '../../model/app.ts';
import { isWorkload, type KObject } from '../../model/k8s-object.ts';
import type { SelectorRequirement } from '../../model/label-selector.ts';

const FLUX_CONTROLLERS = ['source-controller', 'kustomize-controller', 'helm-controller', 'notification-controller', 'image-reflector-controller', 'image-automation-controller', 'source-watcher'];

/** The pod labels of one of Flux's controllers that a selector can be judged by (the version label is not known). */
const podLabels = (controller: string): Record<string, string> => ({ app: controller, 'app.kubernetes.io/component': controller, 'app.kubernetes.io/part-of': 'flux' });
const KNOWN = new Set(Object.keys(podLabels('')));

/**
 * Whether a PodMonitor's selector picks Flux's controllers: it asks for one of the labels their pods
 * carry, and what it asks of those labels holds for at least one controller. (A requirement on another
 * label is not known here and is not held against it.)
 */
export function selectsFluxControllers(requirements: readonly SelectorRequirement[]): boolean {
  const known = requirements.filter((r) => KNOWN.has(r.key));
  if (!known.some((r) => r.operator === 'In' || r.operator === 'Exists')) return false;
  return FLUX_CONTROLLERS.some((c) => {
    const labels = podLabels(c);
    return known.every((r) => (r.operator === 'In' ? r.values.includes(labels[r.key]!) : r.operator === 'NotIn' ? !r.values.includes(labels[r.key]!) : r.operator === 'Exists'));
  });
}

/** One of Flux's controllers as a workload of the repository (gotk-components.yaml as `flux bootstrap` writes it). */
export function isFluxController(o: Pick<KObject, 'group' | 'kind' | 'name'>): boolean {
  return isWorkload(o) && FLUX_CONTROLLERS.includes(o.name);
}

/**
 * Whether an app is where Flux's controllers run: it holds a FluxInstance (the Flux Operator runs them
 * in its namespace), or it is the bootstrap's app (`flux-system` in flux-system; apps.ts names it so).
 * `objects`: the app's live objects.
 */
export function hostsFlux(app: Pick<App, 'name' | 'namespace'>, objects: readonly Pick<KObject, 'group' | 'kind'>[]): boolean {
  return objects.some((o) => o.group === 'fluxcd.controlplane.io' && o.kind === 'FluxInstance') || (app.name === 'flux-system' && app.namespace === 'flux-system');
}
