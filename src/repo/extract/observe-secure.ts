import { exposureOf } from '../../model/exposure.ts';
import type { Endpoint } from '../../model/network.ts';
import type { Monitor } from '../../model/observability.ts';
import type { KyvernoPolicy, PolicyException, Vpa } from '../../model/policy.ts';
import { isBitnami, VALUES_MANIFEST_KEYS, type HelmRelease } from '../../model/helm-release.ts';
import { arr, bool, isObj, obj, str, isSwitchedOff, type Obj } from '../../model/values.ts';
import type { WorkDoc } from '../build/work-doc.ts';
import { base, lineOf } from './base.ts';
import { releaseNamespace } from './storage.ts';
import { generatedNetworkPolicy } from './kyverno-generate.ts';
import { operatorSecretNames } from './secrets.ts';
import { requirement } from './network-policy.ts';
import { gatewayListeners, gatewaysOf, gatewayTls, parentGateways, routeBackends, traefikHosts } from './route-refs.ts';
import { valuesSource } from './helm-release.ts';
import { withReleaseName } from './release-template.ts';

export function toMonitor(d: WorkDoc): Monitor {
  const spec = obj(d.body.spec);
  const rules = arr(spec.groups).reduce<number>((n, g) => n + arr(obj(g).rules).length, 0);
  if (d.kind === 'PrometheusRule') return { ...base(d), monitorKind: 'PrometheusRule', valuesPath: null, rules };
  const selector = obj(spec.selector);
  const labels = [
    ...Object.entries(obj(selector.matchLabels)).flatMap(([key, v]) => (str(v) !== null ? [{ key, value: str(v)! }] : [])),
    ...arr(selector.matchExpressions).flatMap((e) => (str(obj(e).operator) === 'In' && str(obj(e).key) ? arr(obj(e).values).flatMap((v) => (str(v) !== null ? [{ key: str(obj(e).key)!, value: str(v)! }] : [])) : [])),
  ];
  // (The whole selector as well: a PodMonitor `app In [source-controller, ...]` selects Flux's pods by
  // their labels, whatever it is named; outside review.)
  const requirements = [...Object.entries(obj(selector.matchLabels)).flatMap(([key, v]) => (str(v) !== null ? [{ key, operator: 'In', values: [str(v)!] }] : [])), ...arr(selector.matchExpressions).flatMap(requirement)];
  const ns = obj(spec.namespaceSelector);
  const names = arr(ns.matchNames).flatMap((n) => str(n) ?? []);
  return { ...base(d), monitorKind: d.kind as Monitor['monitorKind'], valuesPath: null, rules, selects: { labels, requirements, namespaces: names.length > 0 ? names : null, anyNamespace: bool(ns.any) === true } };
}

const MONITOR_KEYS = /^(serviceMonitors?|servicemonitors?|podMonitors?|podmonitors?|prometheusRules?|prometheusrules?|monitor|monitoring|vmServiceScrape|vmservicescrape|vmPodScrape|vmpodscrape)$/;
/** A switch of its own (`monitoring.podMonitorEnabled: true`, cloudnative-pg; `enableServiceMonitor`, `createPodMonitor`). */
const MONITOR_FLAG = /^(?:(?:enable|create)(?:service|pod)monitors?|(?:service|pod)monitors?(?:enabled|create))$/i;
/**
 * Blocks that make PrometheusRules only under a `monitoring` or `metrics` key (Loki's `monitoring.rules`
 * and `monitoring.alerts`): a `rules` elsewhere is anything (RBAC rules, Kyverno's, an alerting config).
 * Outside review: Loki with both enabled was MONITORING_MISSING.
 */
const RULE_KEYS = /^(rules|alerts)$/;
const RULE_PARENTS = /^(monitoring|metrics)$/;

/**
 * Monitors a chart creates when its values say so, at any depth: `serviceMonitor.enabled: true` or
 * `.create: true` (flux-operator, snapshot-controller), `monitoring.enabled: true` (rook-ceph) and the
 * common variants (`metrics.serviceMonitor.enabled`, app-template `serviceMonitor.<name>` entries),
 * a switch of its own set to true (`monitoring.podMonitorEnabled`, `enableServiceMonitor`), and rules a
 * `monitoring` or `metrics` block switches on (`monitoring.rules.enabled`, `monitoring.alerts.enabled`).
 */
export function monitorsFromValues(hr: HelmRelease, d: WorkDoc): Monitor[] {
  const out: Monitor[] = [];
  const made = (p: string): Monitor => ({ ...base(d), namespace: releaseNamespace(hr, d), id: `${hr.id}#${p}`, kind: 'values', name: `${hr.name} (${p})`, source: valuesSource(d, p), monitorKind: 'values', valuesPath: p, rules: 0 });
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: hr.values, path: '', depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (!isObj(v) || depth > 12) continue;
    // A block switched off renders nothing under it; bitnami charts and ingress-nginx also render
    // `metrics.serviceMonitor` only with `metrics.enabled: true` (their default is false).
    if (depth > 0 && isSwitchedOff(v)) continue;
    if (path.split('.').at(-1) === 'metrics' && bool(v.enabled) !== true && metricsOffByDefault(hr)) continue;
    for (const [key, val] of Object.entries(v)) {
      const p = path ? `${path}.${key}` : key;
      if (MONITOR_FLAG.test(key) && bool(val) === true) {
        out.push(made(p));
        continue;
      }
      if (RULE_KEYS.test(key) && RULE_PARENTS.test(path.split('.').at(-1) ?? '') && isObj(val) && bool(val.enabled) === true) {
        out.push(made(p));
        continue;
      }
      if (MONITOR_KEYS.test(key) && isObj(val)) {
        const enabled = bool(val.enabled) ?? bool(val.create);
        const appTemplateEntries = hr.appTemplate && key === 'serviceMonitor' && enabled === null && Object.values(val).some((x) => isObj(x));
        if (enabled === true || appTemplateEntries) {
          out.push(made(p));
          continue;
        }
      }
      if (isObj(val)) stack.push({ v: val, path: p, depth: depth + 1 });
    }
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Monitors an operator makes from a switch on its own resource: CloudNativePG makes a PodMonitor,
 * named after the Cluster or Pooler, in its namespace, for one whose `spec.monitoring.enablePodMonitor`
 * is true (https://cloudnative-pg.io/documentation/current/monitoring/). Outside review: the
 * cloudnative-pg page said "no monitoring" beside two such Clusters.
 */
export function operatorMonitors(d: WorkDoc): Monitor[] {
  const path = 'spec.monitoring.enablePodMonitor';
  if (d.group !== 'postgresql.cnpg.io' || (d.kind !== 'Cluster' && d.kind !== 'Pooler') || bool(obj(obj(d.body.spec).monitoring).enablePodMonitor) !== true) return [];
  const b = base(d);
  // (Its own labels are the operator's, not the resource's.)
  const made = { ...b, id: `${b.id}#${path}`, apiVersion: 'monitoring.coreos.com/v1', group: 'monitoring.coreos.com', kind: 'PodMonitor', labels: {}, annotations: {}, source: lineOf(d, path) };
  return [{ ...made, monitorKind: 'PodMonitor', valuesPath: null, rules: 0, madeBy: `${d.kind} ${b.name}, ${path}` }];
}

/** Charts whose `metrics.enabled` is false by default and gates their monitors: bitnami's, ingress-nginx. */
function metricsOffByDefault(hr: HelmRelease): boolean {
  return isBitnami(hr) || hr.chart.name === 'ingress-nginx';
}

export function toEndpoint(d: WorkDoc): Endpoint {
  const spec = obj(d.body.spec);
  const b = base(d);
  let hosts: string[];
  let className: string | null;
  if (d.kind === 'Ingress') {
    hosts = arr(spec.rules).flatMap((r) => (str(obj(r).host) ? [str(obj(r).host)!] : []));
    className = str(spec.ingressClassName) ?? b.annotations['kubernetes.io/ingress.class'] ?? null;
  } else if (d.kind === 'IngressRoute') {
    // Traefik: hosts are in each route's match rule, `Host(`a`) && PathPrefix(`/x`)`, `Host(`a`, `b`)` (v2).
    hosts = arr(spec.routes).flatMap((r) => traefikHosts(str(obj(r).match) ?? ''));
    // The class Traefik filters on, else the entry points (`websecure`, `web-external`): what the route listens on.
    const entryPoints = arr(spec.entryPoints).map(str).filter((e): e is string => !!e);
    className = b.annotations['kubernetes.io/ingress.class'] ?? (entryPoints.length > 0 ? entryPoints.join(', ') : null);
  } else if (d.kind === 'Gateway') {
    // A Gateway API Gateway: its listeners' host names and the addresses it asks for; its class. Where it
    // is reached from, by its own name (`envoy-external`) or its class.
    // (And what external-dns publishes for it, its CNAME target, and the load-balancer addresses its
    // infrastructure annotations ask for: a home-ops Gateway's listeners carry no host names.)
    const infra = obj(obj(spec.infrastructure).annotations);
    const listed = (v: unknown) => (typeof v === 'string' ? v.split(',').map((x) => x.trim()) : []);
    hosts = [
      ...arr(spec.listeners).map((l) => str(obj(l).hostname)),
      ...arr(spec.addresses).map((a) => str(obj(a).value)),
      ...listed(b.annotations['external-dns.alpha.kubernetes.io/hostname']),
      ...listed(b.annotations['external-dns.alpha.kubernetes.io/target']),
      ...LB_ADDRESS_ANNOTATIONS.flatMap((k) => [...listed(infra[k]), ...listed(b.annotations[k])]),
    ].filter((h): h is string => !!h && !h.includes('{{'));
    className = str(spec.gatewayClassName);
  } else if (d.kind === 'HTTPProxy') {
    // Contour: a root proxy's virtual host (included proxies have none of their own).
    const fqdn = str(obj(spec.virtualhost).fqdn);
    hosts = fqdn ? [fqdn] : [];
    className = str(spec.ingressClassName) ?? b.annotations['projectcontour.io/ingress.class'] ?? b.annotations['kubernetes.io/ingress.class'] ?? null;
  } else {
    hosts = arr(spec.hostnames).flatMap((h) => (str(h) ? [str(h)!] : []));
    className = gatewaysOf(spec.parentRefs);
  }
  const own = d.kind === 'Gateway' ? exposureOf(b.name, b.annotations) : 'unknown';
  const exposure = own !== 'unknown' ? own : exposureOf(className, b.annotations);
  const gatus = gatusChecked(b.annotations);
  const issued = d.kind === 'Ingress' ? issuedTlsSecrets(b.annotations, spec.tls) : d.kind === 'Gateway' ? issuedTlsSecrets(b.annotations, gatewayTls(spec)) : [];
  const backends = routeBackends(d.kind, spec);
  const gateways = d.kind === 'HTTPRoute' || d.kind === 'GRPCRoute' ? parentGateways(spec.parentRefs, (i) => lineOf(d, `spec.parentRefs.${i}`)) : [];
  const listeners = d.kind === 'Gateway' ? gatewayListeners(spec) : [];
  return { ...b, hosts: [...new Set(hosts)].sort(), className, exposure, gatus, ...(issued.length > 0 ? { makesSecrets: issued } : {}), ...(backends.length > 0 ? { backends } : {}), ...(gateways.length > 0 ? { gateways } : {}), ...(listeners.length > 0 ? { listeners } : {}) };
}

/**
 * A Service of type LoadBalancer: how an app is reached that is served without an Ingress or a route
 * (a DNS server, Plex, an MQTT broker, the ingress controller itself). Its hosts are the names
 * external-dns publishes for it and the addresses it asks for (spec.loadBalancerIP, and the annotations
 * of Cilium's LB IPAM, MetalLB and kube-vip); its class is spec.loadBalancerClass, else "LoadBalancer".
 */
export function toServiceEndpoint(d: WorkDoc): Endpoint {
  const b = base(d);
  return { ...b, ...serviceReach(obj(d.body.spec), b.annotations, (h) => h) };
}

/** A Service's `type: LoadBalancer` (any case Kubernetes would refuse is not one). */
export function isLoadBalancer(spec: Obj): boolean {
  return str(spec.type) === 'LoadBalancer';
}

/** Annotations that name the addresses a load balancer is asked to give a Service, comma-separated. */
const LB_ADDRESS_ANNOTATIONS = ['lbipam.cilium.io/ips', 'io.cilium/lb-ipam-ips', 'metallb.universe.tf/loadBalancerIPs', 'metallb.io/loadBalancerIPs', 'kube-vip.io/loadbalancerIPs'];

/** `rename`: a chart's template of the release name made the name (withReleaseName), null for another template. */
function serviceReach(spec: Obj, annotations: Record<string, unknown>, rename: (host: string) => string | null): Pick<Endpoint, 'hosts' | 'className' | 'exposure' | 'gatus'> {
  const split = (v: unknown) => (typeof v === 'string' ? v.split(',').flatMap((x) => rename(x.trim()) ?? []).filter((x) => x !== '' && !x.includes('{{')) : []);
  const hosts = [
    ...split(annotations['external-dns.alpha.kubernetes.io/hostname']),
    ...split(spec.loadBalancerIP),
    ...LB_ADDRESS_ANNOTATIONS.flatMap((k) => split(annotations[k])),
  ];
  const className = str(spec.loadBalancerClass) ?? 'LoadBalancer';
  return { hosts: [...new Set(hosts)].sort(), className, exposure: exposureOf(str(spec.loadBalancerClass), annotations), gatus: gatusChecked(annotations) };
}

/**
 * The Secrets cert-manager's ingress-shim makes for an Ingress annotated with an issuer
 * (`cert-manager.io/cluster-issuer`, `cert-manager.io/issuer`): a Certificate, and so a Secret, for
 * each `tls[].secretName` (https://cert-manager.io/docs/usage/ingress/). Names only.
 */
function issuedTlsSecrets(annotations: Record<string, unknown>, tls: unknown, rename: (name: string) => string | null = (n) => n): string[] {
  const issuer = ['cert-manager.io/cluster-issuer', 'cert-manager.io/issuer'].some((k) => typeof annotations[k] === 'string' && annotations[k] !== '');
  if (!issuer) return [];
  // (A chart's `ingress.tls` may be one object, `{secretName}`, and name it `hostSecretName` (coder's);
  // outside review: those Secrets were shown "not defined" beside an issuer annotation.)
  const entries = Array.isArray(tls) ? tls : isObj(tls) ? [tls] : [];
  const names = entries.flatMap((t) => {
    const name = str(obj(t).secretName) ?? str(obj(t).hostSecretName);
    return name ? (rename(name) ?? []) : [];
  });
  return [...new Set(names)].sort();
}

/**
 * Whether an endpoint's annotations ask Gatus for a check: a `gatus.*` annotation, unless its
 * `enabled` says no (`gatus.home-operations.com/enabled: "false"` switches the sidecar's check off;
 * outside review: shown as a check).
 */
function gatusChecked(annotations: Record<string, unknown>): boolean {
  const keys = Object.keys(annotations).filter((k) => k.startsWith('gatus.'));
  const off = keys.some((k) => /\/enabled$/.test(k) && /^(false|0|no|off)$/i.test(String(annotations[k]).trim()));
  return keys.length > 0 && !off;
}

/** Ingress hosts a chart creates from values (`ingress.hosts[].host`, app-template `ingress.<name>.hosts`, `route`). */
export function endpointsFromValues(hr: HelmRelease, d: WorkDoc): Endpoint[] {
  const out: Endpoint[] = [];
  const values = obj(hr.values);
  const pushHosts = (key: string, block: unknown, kind: string) => {
    const b = obj(block);
    if (bool(b.enabled) === false) return;
    // `{{ .Release.Name }}.example.com` (app-template renders hosts as templates) is the release's name.
    // Bitnami-style charts write one `hostname` (more in `extraHosts[].name`, or `additionalHostnames`).
    const hosts = [
      ...arr(b.hosts).map((h) => (typeof h === 'string' ? h : str(obj(h).host))),
      ...arr(b.hostnames).map((h) => str(h)),
      str(b.hostname),
      str(b.host),
      ...arr(b.extraHosts).map((h) => str(obj(h).name)),
      ...arr(b.additionalHostnames).map((h) => str(h)),
      // A chart that takes its host elsewhere (nextcloud's `nextcloud.host`) still names it in the tls entries.
      ...arr(b.tls).flatMap((t) => arr(obj(t).hosts).map((h) => str(h))),
    ]
      .filter((h): h is string => !!h)
      // Another template (`{{ .Values.domain }}`) is no host that can be named.
      .flatMap((h) => withReleaseName(h, hr.releaseName) ?? []);
    if (!hosts.length) return;
    const className = str(b.className) ?? str(b.ingressClassName) ?? str(b.ingressClass) ?? str(b.class) ?? gatewaysOf(b.parentRefs);
    const exposure = exposureOf(className, obj(b.annotations));
    // app-template renders the block's annotations onto the Ingress or HTTPRoute, Gatus's among them.
    const gatus = gatusChecked(obj(b.annotations));
    // (The chart renders the block's annotations and tls onto its Ingress: cert-manager issues those.)
    const issued = kind === 'Ingress' ? issuedTlsSecrets(obj(b.annotations), b.tls, (n) => withReleaseName(n, hr.releaseName)) : [];
    // (A chart's route names its Gateways as a manifest does; a template is no name.)
    const gateways = kind === 'HTTPRoute' ? parentGateways(b.parentRefs, (i) => valuesSource(d, `${key}.parentRefs.${i}`)).filter((g) => !`${g.name}${g.namespace ?? ''}`.includes('{{')) : [];
    out.push({ ...base(d), namespace: releaseNamespace(hr, d), id: `${hr.id}#${key}`, kind, name: `${hr.name} (${key})`, source: valuesSource(d, key), hosts: [...new Set(hosts)].sort(), className, exposure, gatus, ...(issued.length > 0 ? { makesSecrets: issued } : {}), ...(gateways.length > 0 ? { gateways } : {}) });
  };
  // (`httpRoute`: what `helm create` scaffolds since Helm 3.18, beside `ingress`; outside review.)
  for (const top of ['ingress', 'route', 'httpRoute']) {
    const block = obj(values[top]);
    // (`helm create`'s httpRoute defaults to `enabled: false` and renders only once switched on.)
    if (top === 'httpRoute' && block.enabled !== true) continue;
    // (Switched on with no host key but tls hosts, nextcloud's `ingress`: one Ingress, outside review.)
    const tlsOnly = block.enabled === true && !hasHosts(block) && arr(block.tls).some((t) => arr(obj(t).hosts).length > 0);
    const part = hostPart(block);
    const kind = top === 'ingress' ? 'Ingress' : 'HTTPRoute';
    // A block that names its hosts, one or a list, is an Ingress only once switched on: charts leave it
    // off by default (podinfo's `ingress.enabled: false`; outside review: podinfo's `ingress.hosts`
    // without `enabled` was listed), as they do a single host and a subchart's block.
    if (hasHosts(block) && block.enabled === true) pushHosts(top, block, kind);
    else if (hasHosts(block)) continue;
    else if (part) pushHosts(top, part, kind);
    else if (tlsOnly) pushHosts(top, block, kind);
    // (A host object of a block not switched on is no Ingress: those charts leave it off.) app-template
    // renders each named block (`ingress.main`) unless it says `enabled: false`; another chart's named
    // block is switched on as its single blocks are.
    else
      for (const [name, sub] of Object.entries(block))
        if (isObj(sub) && !isHostObject(name, sub) && (hr.appTemplate || hr.chart.name === 'app-template' || bool(sub.enabled) === true)) pushHosts(`${top}.${name}`, sub, kind);
  }
  // A component's or subchart's own ingress (kube-prometheus-stack's `grafana.ingress`,
  // `prometheus.ingress`; authentik's `server.ingress`; immich's `server.ingress.main`): charts leave
  // these off by default, so only one switched on (`enabled: true`) is an endpoint.
  const stack: { v: Obj; path: string; depth: number }[] = Object.entries(values)
    .filter(([k, v]) => k !== 'ingress' && k !== 'route' && k !== 'httpRoute' && isObj(v) && !NOT_INGRESS_PARENT.test(k))
    .map(([k, v]) => ({ v: v as Obj, path: k, depth: 1 }));
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    // Helm skips a subchart only for the boolean false; policies' and raw configuration's `ingress` keys are no Ingress.
    if (isSwitchedOff(v) || depth > 4) continue;
    for (const [key, val] of Object.entries(v)) {
      if (!isObj(val) || NOT_INGRESS_PARENT.test(key)) continue;
      const p = `${path}.${key}`;
      // A component's `httpRoute` switched on is its HTTPRoute.
      if (key === 'httpRoute') {
        if (bool(val.enabled) === true && hasHosts(val)) pushHosts(p, val, 'HTTPRoute');
        continue;
      }
      if (key !== 'ingress') {
        stack.push({ v: val, path: p, depth: depth + 1 });
        continue;
      }
      const part = hostPart(val);
      if (bool(val.enabled) === true && hasHosts(val)) pushHosts(p, val, 'Ingress');
      else if (part) pushHosts(p, part, 'Ingress');
      else if (bool(val.enabled) !== false) for (const [name, sub] of Object.entries(val)) if (isObj(sub) && bool(sub.enabled) === true && hasHosts(sub)) pushHosts(`${p}.${name}`, sub, 'Ingress');
    }
  }
  for (const e of loadBalancersFromValues(hr, d)) out.push(e);
  return out;
}

/**
 * The LoadBalancer Services a chart makes from its values: a service block written with `type:
 * LoadBalancer`, under a key that names a service (`service`, app-template's `service.<name>`,
 * ingress-nginx's `controller.service`, pi-hole's `serviceDns`). A chart whose default type is
 * LoadBalancer, written without `type`, is not known here.
 */
function loadBalancersFromValues(hr: HelmRelease, d: WorkDoc): Endpoint[] {
  const out: Endpoint[] = [];
  const push = (path: string, block: Obj) => {
    const reach = serviceReach(block, obj(block.annotations), (h) => withReleaseName(h, hr.releaseName));
    out.push({ ...base(d), namespace: releaseNamespace(hr, d), id: `${hr.id}#${path}`, kind: 'Service', name: `${hr.name} (${path})`, source: valuesSource(d, path), ...reach });
  };
  const stack: { v: Obj; path: string; depth: number }[] = [{ v: obj(hr.values), path: '', depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    for (const [key, val] of Object.entries(v)) {
      // (Not the manifests a chart renders as written, `extraObjects`: those are objects of their own;
      // nor a manifest's own fields. Code review.)
      if (!isObj(val) || isSwitchedOff(val) || NOT_INGRESS_PARENT.test(key) || (depth === 0 && VALUES_MANIFEST_KEYS.includes(key)) || typeof val.apiVersion === 'string') continue;
      const p = path ? `${path}.${key}` : key;
      if (/service/i.test(key) && !/monitor|account/i.test(key)) {
        if (isLoadBalancer(val)) push(p, val);
        // app-template's named services (`service.app`, `service.dns`), each with its own type.
        else for (const [name, sub] of Object.entries(val)) if (isObj(sub) && !isSwitchedOff(sub) && isLoadBalancer(sub)) push(`${p}.${name}`, sub);
      } else if (depth < 3) stack.push({ v: val, path: p, depth: depth + 1 });
    }
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** Keys under which an `ingress` key is a policy's rules or raw configuration, not an Ingress. */
const NOT_INGRESS_PARENT = /networkPolic|^config$|Config$/i;

/** An ingress block that names its hosts (a list, Bitnami's `hostname`, longhorn's `host`). */
function hasHosts(b: Obj): boolean {
  return Array.isArray(b.hosts) || Array.isArray(b.hostnames) || typeof b.hostname === 'string' || typeof b.host === 'string';
}

/**
 * An ingress block switched on that gives its one host as an object (prefect's `ingress: {enabled,
 * className, host: {hostname, path}}`): the block as the chart renders its one Ingress, the host
 * object's keys over the block's, so that its class, annotations and tls come from the block and the
 * endpoint is named after it. It was read as an Ingress of its own (`prefect-server (ingress.host)`,
 * no class, exposure unknown; outside review). Null for any other block; a named ingress of
 * app-template (`ingress.main` with its own `hosts` list) is one of its own.
 */
function hostPart(block: Obj): Obj | null {
  if (block.enabled !== true) return null;
  for (const key of ['host', 'hostname']) {
    const sub = block[key];
    if (!isObj(sub) || !isHostObject(key, sub)) continue;
    const merged: Obj = { ...block, ...sub, annotations: { ...obj(block.annotations), ...obj(sub.annotations) } };
    if (merged[key] === sub) delete merged[key];
    return merged;
  }
  return null;
}

/** The one host of an ingress block written as an object (`host: {hostname, path}`), not a named ingress with a `hosts` list. */
function isHostObject(key: string, sub: Obj): boolean {
  return (key === 'host' || key === 'hostname') && !Array.isArray(sub.hosts) && hasHosts(sub);
}

export function toKyvernoPolicy(d: WorkDoc): KyvernoPolicy {
  const spec = obj(d.body.spec);
  const rules = arr(spec.rules).map((r) => {
    const rule = obj(r);
    const type = ['validate', 'mutate', 'generate', 'verifyImages'].find((t) => rule[t] !== undefined) ?? 'unknown';
    const excl = obj(rule.exclude);
    const resources = [obj(excl.resources), ...arr(excl.any).map((a) => obj(obj(a).resources)), ...arr(excl.all).map((a) => obj(obj(a).resources))];
    const excludeNamespaces = resources.flatMap((res) => arr(res.namespaces).flatMap((n) => (str(n) ? [str(n)!] : [])));
    const networkPolicy = type === 'generate' ? generatedNetworkPolicy(rule, bool(spec.generateExisting) === true || bool(spec.generateExistingOnPolicyUpdate) === true) : null;
    return { name: str(rule.name) ?? '', type, excludeNamespaces: [...new Set(excludeNamespaces)].sort(), ...(networkPolicy ? { networkPolicy } : {}) };
  });
  const ruleAction = arr(spec.rules).map((r) => str(obj(obj(r).validate).failureAction)).find((a) => a);
  // (A generate rule's Secret, cloned into every namespace it matches: defined there, model/defined-names.ts.)
  const makesSecrets = operatorSecretNames(d);
  return { ...base(d), action: str(spec.validationFailureAction) ?? ruleAction ?? null, background: bool(spec.background), rules, ...(makesSecrets.length > 0 ? { makesSecrets } : {}) };
}

export function toPolicyException(d: WorkDoc): PolicyException {
  const spec = obj(d.body.spec);
  return { ...base(d), policies: arr(spec.exceptions).flatMap((e) => (str(obj(e).policyName) ? [str(obj(e).policyName)!] : [])) };
}

export function toVpa(d: WorkDoc): Vpa {
  const spec = obj(d.body.spec);
  const t = obj(spec.targetRef);
  return { ...base(d), target: str(t.name) ? `${str(t.kind) ?? '?'}/${str(t.name)}` : null, updateMode: str(obj(spec.updatePolicy).updateMode) ?? 'Auto' };
}
