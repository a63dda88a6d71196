/**
 * Infrastructure components (operators and cluster services) whose metrics matter: the data the
 * monitoring and dashboards matrices judge against. An app is such a component when one of its
 * HelmReleases uses one of the chart names below, or is named so (app-template releases).
 * `monitorsByDefault`: the chart creates its ServiceMonitors without any values switch.
 */
export interface OperatorSpec {
  /** Key shown on pages and matched in dashboard names. */
  key: string;
  /** Chart names (and HelmRelease names) that identify it. */
  names: readonly string[];
  monitorsByDefault?: boolean;
}

export const OPERATORS: readonly OperatorSpec[] = [
  { key: 'cert-manager', names: ['cert-manager'] },
  { key: 'external-secrets', names: ['external-secrets'] },
  { key: 'onepassword-connect', names: ['connect', 'onepassword-connect'] },
  { key: 'kyverno', names: ['kyverno'] },
  { key: 'longhorn', names: ['longhorn'] },
  { key: 'rook-ceph', names: ['rook-ceph', 'rook-ceph-cluster'] },
  { key: 'openebs', names: ['openebs'] },
  { key: 'democratic-csi', names: ['democratic-csi'] },
  { key: 'snapshot-controller', names: ['snapshot-controller'] },
  { key: 'cilium', names: ['cilium'] },
  { key: 'metallb', names: ['metallb'] },
  { key: 'cloudnative-pg', names: ['cloudnative-pg'] },
  { key: 'dragonfly-operator', names: ['dragonfly-operator'] },
  { key: 'flux', names: ['flux-operator', 'flux-instance', 'flux2', 'flux'] },
  { key: 'ingress-nginx', names: ['ingress-nginx'] },
  { key: 'traefik', names: ['traefik'] },
  { key: 'contour', names: ['contour'] },
  { key: 'envoy-gateway', names: ['envoy-gateway', 'gateway-helm'] },
  { key: 'external-dns', names: ['external-dns'] },
  { key: 'velero', names: ['velero'] },
  { key: 'k8up', names: ['k8up'] },
  // The volsync chart renders its ServiceMonitor whenever the monitoring.coreos.com API exists.
  { key: 'volsync', names: ['volsync'], monitorsByDefault: true },
  { key: 'kube-prometheus-stack', names: ['kube-prometheus-stack'], monitorsByDefault: true },
  { key: 'victoria-metrics', names: ['victoria-metrics-k8s-stack', 'victoria-metrics-single', 'victoria-metrics-operator'], monitorsByDefault: true },
  { key: 'grafana', names: ['grafana', 'grafana-operator'] },
  { key: 'loki', names: ['loki'] },
  { key: 'victoria-logs', names: ['victoria-logs-single', 'victoria-logs'] },
  { key: 'system-upgrade-controller', names: ['system-upgrade-controller'] },
  // home-operations' Talos upgrade controller: another project than Rancher's system-upgrade-controller.
  { key: 'tuppr', names: ['tuppr'] },
  { key: 'reloader', names: ['reloader'] },
  { key: 'descheduler', names: ['descheduler'] },
  { key: 'spegel', names: ['spegel'] },
  { key: 'trivy-operator', names: ['trivy-operator'] },
];

/** The operator a HelmRelease is, by chart name first, then by its own name; null when none. */
export function operatorOf(chartName: string | null, releaseName: string): OperatorSpec | null {
  return OPERATORS.find((o) => chartName !== null && o.names.includes(chartName)) ?? OPERATORS.find((o) => o.names.includes(releaseName)) ?? null;
}
