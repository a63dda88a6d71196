/**
 * The claims well-known charts make from their own values keys, named as each chart's templates name
 * them: Grafana (`persistence`, alone or as kube-prometheus-stack's `grafana:` subchart), the
 * Prometheus and Alertmanager that kube-prometheus-stack asks the Prometheus Operator for
 * (`storageSpec.volumeClaimTemplate`, `storage.volumeClaimTemplate`), Loki (`singleBinary`, `write`,
 * `backend`; the 2.x chart's and loki-stack's `persistence`) and Bitnami's databases
 * (`primary.persistence`). Each chart's defaults decide where values say nothing: Grafana's and the
 * 2.x Loki chart's persistence is off, Loki 6's and Bitnami's on. A claim whose name a template would
 * fill in from values this cannot read is left out rather than named wrongly (a backup warning about
 * nothing); so is a release that mounts an `existingClaim` (linked by pvcsFromValues, not made).
 */
import type { HelmRelease } from '../../model/helm-release.ts';
import { objectId } from '../../model/k8s-object.ts';
import type { Pvc } from '../../model/storage.ts';
import { arr, bool, isObj, obj, str, type Obj } from '../../model/values.ts';
import type { WorkDoc } from '../build/work-doc.ts';
import { base } from './base.ts';
import { valuesSource } from './helm-release.ts';
import { withReleaseName } from './release-template.ts';
import { claimSpec, MAX_ORDINALS, stringMapOf } from './storage.ts';

/** What a claim asks for and carries, as the chart renders it. */
export type ClaimSpec = Pick<Pvc, 'size' | 'storageClass' | 'accessModes' | 'labels' | 'annotations'>;

/** A claim a release's chart makes: `at` is the values path that asks for it (its source line). */
export function releaseClaim(hr: HelmRelease, d: WorkDoc, namespace: string | null, name: string, at: string, spec: ClaimSpec): Pvc {
  return {
    ...base(d),
    namespace,
    id: objectId('PersistentVolumeClaim', namespace, name, d.cluster ?? null),
    apiVersion: 'v1',
    group: '',
    kind: 'PersistentVolumeClaim',
    name,
    source: valuesSource(d, at),
    ...spec,
    origin: 'values',
    helmRelease: hr.id,
    existingClaimOf: [],
  };
}

/** The claims of a well-known chart's values (none for any other chart). */
export function wellKnownChartClaims(hr: HelmRelease, d: WorkDoc, namespace: string | null): Pvc[] {
  const values = obj(hr.values);
  const at = { hr, d, namespace };
  const major = Number(/^v?(\d+)\./.exec(hr.chart.version ?? '')?.[1] ?? NaN);
  switch (hr.chart.name) {
    case 'grafana':
      // (Bitnami's grafana chart keeps its data under other keys, on by default: not this chart's rules.)
      return bitnami(hr) ? [] : grafanaClaims(at, values, '');
    case 'kube-prometheus-stack':
      return [...kubePrometheusStackClaims(at, values), ...(bool(obj(values.grafana).enabled) !== false ? grafanaClaims(at, obj(values.grafana), 'grafana.') : [])];
    case 'loki':
      // The 2.x chart (grafana/helm-charts) is one StatefulSet; from 3.x the chart lives in grafana/loki and
      // has deployment modes, whose rules this reads as 6.x's (deploymentMode); 3.x to 5.x chose the mode
      // otherwise, so their claims are not said. An unknown version is read as the current one.
      return major < 3 ? legacyLokiClaims(at, values, '') : major >= 6 || Number.isNaN(major) ? lokiClaims(at, values) : [];
    case 'loki-stack':
      // Its `loki:` subchart is the 2.x Loki chart, on by default.
      return bool(obj(values.loki).enabled) !== false ? legacyLokiClaims(at, obj(values.loki), 'loki.') : [];
    case 'postgresql':
    case 'mariadb':
    case 'mysql':
      return bitnami(hr) ? bitnamiPrimaryClaims(at, values, hr.chart.name) : [];
    default:
      return [];
  }
}

type At = { hr: HelmRelease; d: WorkDoc; namespace: string | null };

/** A chart from Bitnami's repository (its HelmRepository's or OCIRepository's URL, or the source's name). */
function bitnami(hr: HelmRelease): boolean {
  return /bitnami/i.test(hr.chart.url ?? '') || /bitnami/i.test(hr.chart.sourceRef?.name ?? '');
}

/**
 * The fullname most charts give their objects (helm create's `<chart>.fullname`): `fullnameOverride`,
 * else the release name where it contains the chart's name (`nameOverride`), else `<release>-<name>`;
 * cut to `max` characters and one trailing dash. Null where a template or an unresolved `${VAR}` is in it.
 */
function helmFullname(values: Obj, chart: string, release: string, max = 63): string | null {
  const name = str(values.nameOverride) || chart;
  const full = (str(values.fullnameOverride) || (release.includes(name) ? release : `${release}-${name}`)).slice(0, max).replace(/-$/, '');
  return /\$\{|\{\{/.test(full) ? null : full;
}

/** A count written in values (replicas), else the chart's default. */
function count(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : fallback;
}

/** The claims a StatefulSet's claim template makes, `<template>-<statefulset>-<ordinal>` per replica (statefulSetClaims). */
function templateClaims(a: At, namespace: string | null, template: string, statefulSet: string, replicas: number, at: string, spec: ClaimSpec): Pvc[] {
  return Array.from({ length: Math.min(replicas, MAX_ORDINALS) }, (_, n) => ({
    ...releaseClaim(a.hr, a.d, namespace, `${template}-${statefulSet}-${n}`, at, spec),
    origin: 'volumeClaimTemplate' as const,
    statefulSet,
  }));
}

/** A chart's `storageClass: "-"`: `storageClassName: ""`, no class at all (no dynamic provisioning). */
function storageClassOf(v: unknown): string | null {
  const c = str(v);
  return c === '-' ? '' : c || null;
}

function accessModesOf(v: unknown, fallback: string[]): string[] {
  const modes = arr(v).flatMap((m) => (str(m) ? [str(m)!] : []));
  return modes.length > 0 ? modes : fallback;
}

/**
 * grafana/grafana (charts/grafana): `persistence.enabled` (off by default) with `type: pvc` (the default)
 * makes the claim `<fullname>` (templates/pvc.yaml); `type: statefulset` (or `useStatefulSet`) a
 * StatefulSet `<fullname>` whose template `storage` makes `storage-<fullname>-<n>` per replica. As
 * kube-prometheus-stack's subchart its release is the stack's (`<release>-grafana`).
 */
function grafanaClaims(a: At, g: Obj, prefix: string): Pvc[] {
  const p = obj(g.persistence);
  if (bool(p.enabled) !== true || str(p.existingClaim)) return [];
  const fullname = helmFullname(g, 'grafana', a.hr.releaseName);
  if (!fullname) return [];
  const namespace = str(g.namespaceOverride) || a.namespace;
  const spec: ClaimSpec = {
    size: str(p.size) ?? '10Gi',
    storageClass: str(p.storageClassName),
    accessModes: accessModesOf(p.accessModes, ['ReadWriteOnce']),
    labels: stringMapOf(p.extraPvcLabels),
    annotations: stringMapOf(p.annotations),
  };
  const type = str(p.type) ?? 'pvc';
  const out: Pvc[] = [];
  if (type === 'pvc') out.push(releaseClaim(a.hr, a.d, namespace, fullname, `${prefix}persistence`, spec));
  if (['sts', 'StatefulSet', 'statefulset'].includes(type) || bool(g.useStatefulSet) === true) for (const c of templateClaims(a, namespace, 'storage', fullname, count(g.replicas, 1), `${prefix}persistence`, spec)) out.push(c);
  return out;
}

/**
 * kube-prometheus-stack renders a Prometheus and an Alertmanager resource named `<fullname>-prometheus`
 * and `<fullname>-alertmanager` (`<fullname>` alone with cleanPrometheusOperatorObjectNames), its
 * fullname cut to 26 characters. From `storage.volumeClaimTemplate` the Prometheus Operator makes a
 * StatefulSet `prometheus-<name>` (`-shard-<n>` for further shards) or `alertmanager-<name>`, whose
 * template is the volumeClaimTemplate's `metadata.name`, else `<statefulset>-db`: the claim
 * `prometheus-<name>-db-prometheus-<name>-0`, one per replica. An `emptyDir` or `ephemeral` storage
 * makes none. https://prometheus-operator.dev/docs/platform/storage/
 */
function kubePrometheusStackClaims(a: At, values: Obj): Pvc[] {
  const fullname = helmFullname(values, 'kube-prometheus-stack', a.hr.releaseName, 26);
  if (!fullname) return [];
  const clean = bool(values.cleanPrometheusOperatorObjectNames) === true;
  const namespace = str(values.namespaceOverride) || a.namespace;
  const out: Pvc[] = [];
  const prometheus = obj(values.prometheus);
  // (In agent mode the chart renders a PrometheusAgent, which keeps no database of its own here.)
  if (bool(prometheus.enabled) !== false && bool(prometheus.agentMode) !== true) {
    const spec = obj(prometheus.prometheusSpec);
    const shards = Math.max(count(spec.shards, 1), 1);
    for (let shard = 0; shard < Math.min(shards, MAX_ORDINALS); shard++) {
      for (const c of operatorClaims(a, namespace, 'prometheus', clean ? fullname : `${fullname}-prometheus`, shard, obj(spec.storageSpec), count(spec.replicas, 1), 'prometheus.prometheusSpec.storageSpec')) out.push(c);
    }
  }
  const alertmanager = obj(values.alertmanager);
  if (bool(alertmanager.enabled) !== false) {
    const spec = obj(alertmanager.alertmanagerSpec);
    for (const c of operatorClaims(a, namespace, 'alertmanager', clean ? fullname : `${fullname}-alertmanager`, 0, obj(spec.storage), count(spec.replicas, 1), 'alertmanager.alertmanagerSpec.storage')) out.push(c);
  }
  return out;
}

/** The claims the Prometheus Operator makes for one StatefulSet of a Prometheus or Alertmanager from its storage spec. */
function operatorClaims(a: At, namespace: string | null, kind: 'prometheus' | 'alertmanager', resource: string, shard: number, storage: Obj, replicas: number, at: string): Pvc[] {
  if (!isObj(storage.volumeClaimTemplate) || isObj(storage.emptyDir) || isObj(storage.ephemeral)) return [];
  const template = obj(storage.volumeClaimTemplate);
  const meta = obj(template.metadata);
  // (The chart passes the storage spec through tpl: `{{ .Release.Name }}` is the release's name.)
  const written = str(meta.name) ? withReleaseName(str(meta.name)!, a.hr.releaseName) : `${kind}-${resource}-db`;
  if (!written) return [];
  const statefulSet = shard === 0 ? `${kind}-${resource}` : `${kind}-${resource}-shard-${shard}`;
  const spec: ClaimSpec = { ...claimSpec(obj(template.spec)), labels: stringMapOf(meta.labels), annotations: stringMapOf(meta.annotations) };
  return templateClaims(a, namespace, written, statefulSet, replicas, `${at}.volumeClaimTemplate`, spec);
}

/**
 * The Loki chart from 6.x (grafana/loki, production/helm/loki): `deploymentMode` SimpleScalable by
 * default. SingleBinary (and the SingleBinary<->SimpleScalable migration) runs a StatefulSet named as
 * the fullname whose template `storage` (`singleBinary.persistence.enabled`, on by default) makes
 * `storage-<fullname>-<n>`: one replica unless object storage is used and `singleBinary.replicas` is
 * more. SimpleScalable, with object storage (`loki.storage.type`, s3 by default), runs
 * `<name>-write` and `<name>-backend` (three replicas each; `<name>` is `loki`, not the fullname) whose
 * template `data` (`persistence.volumeClaimsEnabled`, on by default) makes `data-loki-write-<n>`; no
 * backend where `read.legacyReadTarget` is set. Distributed mode's components are not read here.
 */
function lokiClaims(a: At, values: Obj): Pvc[] {
  const mode = str(values.deploymentMode) ?? 'SimpleScalable';
  const objectStorage = ['s3', 'gcs', 'azure', 'swift', 'alibabacloud'].includes(str(obj(obj(values.loki).storage).type) ?? 's3');
  const out: Pvc[] = [];
  if (mode === 'SingleBinary' || mode === 'SingleBinary<->SimpleScalable') {
    const single = obj(values.singleBinary);
    const p = obj(single.persistence);
    const fullname = helmFullname(values, 'loki', a.hr.releaseName);
    if (bool(p.enabled) !== false && fullname) {
      const replicas = objectStorage && count(single.replicas, 0) > 1 ? count(single.replicas, 0) : 1;
      const spec: ClaimSpec = { size: str(p.size) ?? '10Gi', storageClass: storageClassOf(p.storageClass), accessModes: accessModesOf(p.accessModes, ['ReadWriteOnce']), labels: stringMapOf(p.labels), annotations: stringMapOf(p.annotations) };
      for (const c of templateClaims(a, str(values.namespaceOverride) || a.namespace, 'storage', fullname, replicas, 'singleBinary.persistence', spec)) out.push(c);
    }
  }
  if (objectStorage && ['SimpleScalable', 'SingleBinary<->SimpleScalable', 'SimpleScalable<->Distributed'].includes(mode)) {
    const name = str(values.nameOverride) || (bool(obj(values.enterprise).enabled) === true ? 'enterprise-logs' : 'loki');
    if (/\$\{|\{\{/.test(name)) return out;
    const targets = bool(obj(values.read).legacyReadTarget) === true ? ['write'] : ['write', 'backend'];
    for (const target of targets) {
      const t = obj(values[target]);
      const p = obj(t.persistence);
      if (bool(p.volumeClaimsEnabled) === false) continue;
      // (Under an autoscaler the StatefulSet starts at the autoscaler's minimum.)
      const autoscaled = bool(obj(t.autoscaling).enabled) === true;
      const replicas = autoscaled ? count(obj(t.autoscaling).minReplicas, target === 'write' ? 2 : 3) : count(t.replicas, 3);
      const spec: ClaimSpec = { size: str(p.size) ?? '10Gi', storageClass: storageClassOf(p.storageClass), accessModes: ['ReadWriteOnce'], labels: {}, annotations: stringMapOf(p.annotations) };
      for (const c of templateClaims(a, a.namespace, 'data', `${name}-${target}`, replicas, `${target}.persistence`, spec)) out.push(c);
    }
  }
  return out;
}

/**
 * The 2.x Loki chart (grafana/helm-charts charts/loki; loki-stack's `loki:` subchart): one StatefulSet
 * `<fullname>` whose template `storage` makes `storage-<fullname>-<n>` where `persistence.enabled` (off
 * by default) and no `existingClaim`. Under loki-stack the release is the stack's: `storage-loki-stack-0`.
 */
function legacyLokiClaims(a: At, values: Obj, prefix: string): Pvc[] {
  const p = obj(values.persistence);
  if (bool(p.enabled) !== true || str(p.existingClaim)) return [];
  const fullname = helmFullname(values, 'loki', a.hr.releaseName);
  if (!fullname) return [];
  const spec: ClaimSpec = { size: str(p.size) ?? '10Gi', storageClass: str(p.storageClassName), accessModes: accessModesOf(p.accessModes, ['ReadWriteOnce']), labels: {}, annotations: stringMapOf(p.annotations) };
  return templateClaims(a, a.namespace, 'storage', fullname, count(values.replicas, 1), `${prefix}persistence`, spec);
}

/**
 * Bitnami's postgresql, mariadb and mysql charts: the primary is a StatefulSet named as the fullname
 * (`<fullname>-<primary.name>` with `architecture: replication`; postgresql's `global.postgresql.fullnameOverride`
 * first), whose template `data` (postgresql: `primary.persistence.volumeName`) makes `data-<statefulset>-0`
 * where `primary.persistence.enabled` (on by default) and no `existingClaim`. The class is
 * `global.storageClass`, else the entry's `storageClass`, else `global.defaultStorageClass`
 * (common.storage.class). Read replicas (secondary, readReplicas) are not read here.
 */
function bitnamiPrimaryClaims(a: At, values: Obj, chart: string): Pvc[] {
  const primary = obj(values.primary);
  const p = obj(primary.persistence);
  if (bool(p.enabled) === false || str(p.existingClaim)) return [];
  const global = obj(values.global);
  const override = chart === 'postgresql' ? str(obj(global.postgresql).fullnameOverride) : null;
  const fullname = override ? (/\$\{|\{\{/.test(override) ? null : override.slice(0, 63).replace(/-$/, '')) : helmFullname(values, chart, a.hr.releaseName);
  if (!fullname) return [];
  const statefulSet = str(values.architecture) === 'replication' ? `${fullname}-${str(primary.name) || 'primary'}`.slice(0, 63).replace(/-$/, '') : fullname;
  const template = (chart === 'postgresql' && str(p.volumeName)) || 'data';
  const spec: ClaimSpec = {
    size: str(p.size) ?? '8Gi',
    storageClass: storageClassOf(str(global.storageClass) || str(p.storageClass) || str(global.defaultStorageClass)),
    accessModes: accessModesOf(p.accessModes, ['ReadWriteOnce']),
    labels: stringMapOf(p.labels),
    annotations: stringMapOf(p.annotations),
  };
  return templateClaims(a, a.namespace, template, statefulSet, 1, 'primary.persistence', spec);
}
