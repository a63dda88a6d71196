import type { Endpoint } from './network.ts';

/**
 * Where an endpoint is reachable from, by the names of its class, entry points or gateways: external
 * when any of them says so (a route on an internal and an external gateway is on the internet too).
 * With the model, so that the app pages can say it again for the Gateways a route attaches to.
 */
export function exposureOf(className: string | null, annotations: Record<string, unknown> = {}): Endpoint['exposure'] {
  // Tailscale's operator serves an Ingress of its class on the tailnet only, and on the internet
  // (Funnel) when `tailscale.com/funnel: "true"` says so. https://tailscale.com/kb/1439/kubernetes-operator-cluster-ingress
  if (className && /^tailscale$/i.test(className.trim())) return String(annotations['tailscale.com/funnel'] ?? '').toLowerCase() === 'true' ? 'external' : 'internal';
  return className && /extern|public|wan/i.test(className) ? 'external' : className && /intern|private|lan/i.test(className) ? 'internal' : 'unknown';
}
