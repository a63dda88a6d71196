/**
 * Implicit dependencies, as data: "an app that has X needs the app that provides Y upstream".
 * Flux only orders what dependsOn says; a PVC applied before its CSI driver is Pending, an
 * ExternalSecret applied before its store is not Ready, a ServiceMonitor before its CRD fails the
 * whole Kustomization. A user adds a rule by appending an object of the same shape.
 */
import { isStoreOf, type ExternalSecret, type SecretStore } from '../../model/secrets.ts';
import type { ChartCrds } from './chart-crds.ts';

/** A value test: equality, a RegExp over the string form, or any of several. null matches null. */
export type Match = string | number | boolean | null | RegExp | readonly (string | number | boolean | null | RegExp)[];

/** Dotted field paths (`storeRef.name`; through a list, `stores.name`: any item's) of a model object, each with the value it must match. */
export type Where = Readonly<Record<string, Match>>;

/** The model collections a rule can look into. (`objects` holds every resource a build applies, the ones the others type too: an IngressRoute, a ClusterPolicy, a SecretStore.) */
type Collection = 'pvcs' | 'externalSecrets' | 'secretStores' | 'monitors' | 'helmReleases' | 'objects';

export interface ObjectQuery {
  collection: Collection;
  where?: Where;
}

export interface ImplicitRule {
  /** Stable id, shown in the finding message so a user can tell which rule fired. */
  id: string;
  description: string;
  /**
   * Where a dependsOn on the provider would close a cycle: what the consumer needs, to be applied by a
   * Kustomization of its own that both depend on. Default: its CRDs.
   */
  needed?: string;
  /**
   * The API group (or groups) whose CRDs the provider's chart installs (an operator's): a resource of it
   * applied by the same Kustomization as that chart's HelmRelease fails the dry-run before the chart can
   * install them.
   */
  crdGroup?: string | readonly string[];
  /** How the provider's chart installs those CRDs (see ChartCrds); absent: every release of it does. */
  crds?: ChartCrds;
  /** What creates the need: objects of the consumer app, or the consumer app itself by name (or chart). */
  needs: ObjectQuery | { appName: RegExp };
  /**
   * Who provides it. `has` (+ `join`): the Kustomizations that deploy matching objects, e.g. the
   * ClusterSecretStore an ExternalSecret names. `appName`: every Kustomization of a matching app (by
   * its name, or the name of a chart its HelmReleases install).
   * Both may be given; targets are their union. No target in the repo, no finding.
   */
  provider: {
    appName?: RegExp;
    has?: ObjectQuery;
    /** Pairs [field of the need object, field of the provider object] that must be equal. */
    join?: readonly (readonly [string, string])[];
    /** Where equal fields do not say it: whether this provider object is the one the need object names. */
    matches?: (need: unknown, provider: unknown) => boolean;
    /**
     * Names of things installed before Flux (bootstrap helmfile releases, charts, `crd:<group>`)
     * that satisfy the rule for every consumer. Defaults to `appName`.
     */
    preinstalled?: RegExp;
  };
}

const storage = (id: string, product: string, classes: RegExp, apps: RegExp): ImplicitRule => ({
  id,
  description: `PVCs of a ${product} storage class need the ${product} Kustomization upstream, or they stay Pending on a fresh cluster.`,
  needs: { collection: 'pvcs', where: { storageClass: classes } },
  provider: { appName: apps },
});

/**
 * Resources of an operator's API group need its CRDs upstream: kustomize-controller's dry-run of a
 * Kustomization that holds one fails ("no matches for kind") until the CRD exists. The CRDs come from the
 * operator's release where its chart installs them (see ChartCrds), from an app or bootstrap release of the
 * CRDs alone (`<name>-crds`), or from the CRD manifests of the group a Kustomization applies.
 */
const operator = (id: string, product: string, groups: string | readonly string[], apps: RegExp, crds?: ChartCrds, kinds?: RegExp): ImplicitRule => {
  const all = typeof groups === 'string' ? [groups] : groups;
  const escaped = all.map((g) => g.replace(/\./g, '\\.'));
  return {
    id,
    description: `${product} resources need the ${product} CRDs upstream, or the dry-run of the whole Kustomization fails ("no matches for kind").`,
    needs: { collection: 'objects', where: { group: [...all], ...(kinds ? { kind: kinds } : {}) } },
    crdGroup: all.length === 1 ? all[0]! : all,
    ...(crds ? { crds } : {}),
    provider: {
      appName: apps,
      has: { collection: 'objects', where: { kind: 'CustomResourceDefinition', name: new RegExp(`\\.(${escaped.join('|')})$`) } },
      // (CRDs a bootstrap applies, `crd:<group>`, satisfy it everywhere, as the operator installed before Flux does; code review.)
      preinstalled: new RegExp(`${apps.source}|^crd:(${escaped.join('|')})$`),
    },
  };
};

/** The rules shipped with GitOps Atlas (roadmap M-1.2 for the DNS one). */
export const DEFAULT_IMPLICIT_RULES: readonly ImplicitRule[] = [
  storage('storage-longhorn', 'Longhorn', /^longhorn/, /^longhorn$/),
  storage('storage-openebs', 'OpenEBS', /^openebs/, /^openebs/),
  storage('storage-rook-ceph', 'Rook-Ceph', /^(ceph-|rook-ceph)/, /^rook-ceph/),
  storage('storage-democratic-csi', 'democratic-csi', /^(democratic|truenas|freenas)/, /^democratic-csi/),
  storage('storage-nfs', 'NFS provisioner', /^nfs/, /^(nfs-subdir-external-provisioner|csi-driver-nfs|nfs-provisioner|democratic-csi-nfs)/),
  {
    id: 'external-secret-store',
    description: "An ExternalSecret needs the Kustomization that applies its (Cluster)SecretStore upstream, or it fails until the store exists.",
    needed: 'the (Cluster)SecretStore it names',
    needs: { collection: 'externalSecrets' },
    // The store of the kind and name it names, in its own namespace for a SecretStore (outside review: a
    // namespaced SecretStore `radix-keyvault` was taken for the ClusterSecretStore of that name).
    provider: { has: { collection: 'secretStores' }, matches: (es, store) => (es as ExternalSecret).stores.some((r) => isStoreOf(r, (es as ExternalSecret).cluster, store as SecretStore)) },
  },
  {
    id: 'prometheus-crds',
    description: 'ServiceMonitor, PodMonitor and PrometheusRule need the Prometheus Operator CRDs upstream, or the dry-run of the whole Kustomization fails.',
    // (Not a monitor an operator makes from its resource's switch, `madeBy`: Flux applies none.)
    needs: { collection: 'monitors', where: { monitorKind: ['ServiceMonitor', 'PodMonitor', 'PrometheusRule'], madeBy: null } },
    crdGroup: 'monitoring.coreos.com',
    provider: { appName: /^(kube-prometheus-stack|prometheus-operator-crds|prometheus-operator)$/, preinstalled: /^(kube-prometheus-stack|prometheus-operator-crds|prometheus-operator|crd:monitoring\.coreos\.com)$/ },
  },
  // Each chart's switch as its values.yaml has it (charts/<chart>/values.yaml upstream).
  operator('cnpg-crds', 'CloudNativePG', 'postgresql.cnpg.io', /^(cloudnative-pg|cnpg|cloudnative-pg-crds|cnpg-crds)$/, { charts: /^(cloudnative-pg|cnpg)$/, switches: ['crds.create'], byDefault: true }),
  operator('volsync-crds', 'VolSync', 'volsync.backube', /^(volsync|volsync-crds)$/),
  operator('dragonfly-crds', 'Dragonfly', 'dragonflydb.io', /^(dragonfly-operator|dragonfly)$/, { charts: /^(dragonfly-operator|dragonfly)$/, switches: ['crds.install'], byDefault: true }),
  // jetstack/cert-manager: `{{ if or .Values.crds.enabled .Values.installCRDs }}`, both false by default.
  operator('cert-manager-crds', 'cert-manager', ['cert-manager.io', 'acme.cert-manager.io'], /^(cert-manager|cert-manager-crds)$/, { charts: /^cert-manager$/, switches: ['crds.enabled', 'installCRDs'], byDefault: false }),
  // metallb: a `crds` subchart with `condition: crds.enabled`, true by default.
  operator('metallb-crds', 'MetalLB', 'metallb.io', /^(metallb|metallb-crds)$/, { charts: /^metallb$/, switches: ['crds.enabled'], byDefault: true }),
  // traefik: the CRDs in the chart's crds/ folder (and a traefik-crds chart of them alone).
  operator('traefik-crds', 'Traefik', ['traefik.io', 'traefik.containo.us'], /^(traefik|traefik-crds)$/, { charts: /^traefik$/, byDefault: true, crdsFolder: true }),
  // external-secrets: `installCRDs: true` by default. Not its ExternalSecrets: external-secret-store
  // orders each after its store, whose Kustomization this rule orders after the operator (two findings
  // for one missing order would be one too many; where the repository declares neither, its one info).
  operator('external-secrets-crds', 'External Secrets', ['external-secrets.io', 'generators.external-secrets.io'], /^(external-secrets|external-secrets-crds)$/, { charts: /^external-secrets$/, switches: ['installCRDs'], byDefault: true }, /^(?!ExternalSecret$)/),
  // longhorn: templates/crds.yaml, with no switch.
  operator('longhorn-crds', 'Longhorn', 'longhorn.io', /^longhorn$/),
  // kyverno: a `crds` subchart with `condition: crds.install`, true by default.
  operator('kyverno-crds', 'Kyverno', ['kyverno.io', 'policies.kyverno.io'], /^(kyverno|kyverno-crds)$/, { charts: /^kyverno$/, switches: ['crds.install'], byDefault: true }),
  // rook-ceph (the operator's chart; rook-ceph-cluster installs none): `crds.enabled: true` by default.
  operator('rook-ceph-crds', 'Rook', 'ceph.rook.io', /^(rook-ceph|rook-ceph-crds)$/, { charts: /^rook-ceph$/, switches: ['crds.enabled'], byDefault: true }),
  // emqx-operator: its CRD templates behind `{{ if not .Values.skipCRDs }}`.
  operator('emqx-crds', 'EMQX', 'apps.emqx.io', /^(emqx-operator|emqx-operator-crds)$/, { charts: /^emqx-operator$/, switches: ['!skipCRDs'], byDefault: true }),
  {
    id: 'dns-gateway-coredns',
    description: 'A DNS gateway (k8s-gateway, blocky, external-dns ...) resolves through CoreDNS and should depend on it.',
    needs: { appName: /^(k8s-gateway|k8s_gateway|blocky|external-dns|adguard-home|pihole|pi-hole)/ },
    provider: { appName: /^coredns$/ },
  },
];
