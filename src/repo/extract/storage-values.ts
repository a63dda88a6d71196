/**
 * The claims a chart renders from its values: app-template (bjw-s common library) and k8s-at-home
 * `persistence.<key>` entries, and app-template StatefulSets' `volumeClaimTemplates`, named as the
 * libraries name them; well-known charts' own keys are read by storage-chart-values.ts. Split from
 * storage.ts, which reads claims, backups and storage backends from manifests.
 */
import type { HelmRelease } from '../../model/helm-release.ts';
import type { Pvc } from '../../model/storage.ts';
import { arr, bool, isObj, obj, str } from '../../model/values.ts';
import type { WorkDoc } from '../build/work-doc.ts';
import { withReleaseName } from './release-template.ts';
import { releaseClaim, wellKnownChartClaims } from './storage-chart-values.ts';
import { MAX_ORDINALS, releaseNamespace, stringMapOf } from './storage.ts';

/**
 * PVCs declared in app-template `persistence` values (type persistentVolumeClaim, no existingClaim),
 * named as valuesPvcName says, which reads the chart's version (`hr.chart.version`, resolved at
 * model time: chart.spec.version, or the OCIRepository's tag for chartRef): the naming rule changed
 * between major versions.
 */
export function pvcsFromValues(hr: HelmRelease, d: WorkDoc): { pvcs: Pvc[]; existingClaims: { claim: string; key: string }[] } {
  // (`key`: the values path of the entry, `persistence.data` or `server.persistence.library`.)
  // The chart's objects are made where the release installs: spec.targetNamespace, else the HelmRelease's own namespace.
  const namespace = releaseNamespace(hr, d);
  const persistence = obj(obj(hr.values).persistence);
  const pvcs: Pvc[] = [];
  const existingClaims: { claim: string; key: string }[] = [];
  // Only the charts of the common libraries whose claim names are known: bjw-s app-template and the
  // k8s-at-home charts (`persistence.<name>` maps of claims). Other charts use the key otherwise
  // (bitnami: `persistence.size`; harbor: `persistence.persistentVolumeClaim.registry`; nextcloud:
  // `persistence.nextcloudData`, its claim `<fullname>-nextcloud-data`), and their claims are named by
  // their own templates, not modelled here: a claim named wrongly is a backup warning about nothing.
  const library = hr.appTemplate || hr.chart.name === 'app-template';
  // A k8s-at-home chart: from its repository, or an entry that says where it mounts (`mountPath`,
  // the library's own key; nextcloud's `nextcloudData` has none).
  const k8sAtHome = !library && /k8s-at-home/i.test(hr.chart.url ?? '');
  const mounts = (v: Record<string, unknown>) => ['mountPath', 'globalMounts', 'advancedMounts'].some((k) => Object.hasOwn(v, k));
  // (Not a key with a capital, `homarrDatabase`, outside the k8s-at-home repository: no claim is named
  // `<release>-<key>` with it, a name the API server refuses; such a chart names its claims otherwise.)
  const entries = Object.entries(persistence).filter(
    ([key, v]) => isObj(v) && (library ? bool(obj(v).enabled) !== false : bool(obj(v).enabled) === true && commonLibraryEntry(obj(v)) && (k8sAtHome || (mounts(obj(v)) && !/[A-Z]/.test(key)))),
  );
  const isClaim = (v: unknown) => {
    const type = str(obj(v).type) ?? 'persistentVolumeClaim';
    return type === 'persistentVolumeClaim' || type === 'pvc';
  };
  // A claim the values name (`existingClaim`) is that claim, whatever the chart: linked for any chart
  // whose entry reads like the common libraries' (the rule above only limits the claims it would make).
  // (`existingClaim: "{{ .Release.Name }}"`: the chart renders it with tpl, so it names the release's claim.)
  const existingOf = (v: Record<string, unknown>) => {
    const written = str(v.existingClaim);
    return written === null ? null : withReleaseName(written, hr.releaseName);
  };
  /** The claim an entry names and mounts (enabled, of type PVC, shaped like the common libraries'), or null. */
  const linkedClaim = (raw: unknown) => {
    const v = obj(raw);
    // (An entry of `existingClaim` alone, immich's documented `immich.persistence.library`, names its
    // claim as plainly; outside review.)
    const named = commonLibraryEntry(v) || (typeof v.existingClaim === 'string' && Object.keys(v).every((k) => k === 'existingClaim' || k === 'enabled'));
    return isObj(raw) && bool(v.enabled) !== false && named && isClaim(v) ? existingOf(v) : null;
  };
  // (app-template's own entries are linked below, with the claims it makes.)
  for (const [key, raw] of library ? [] : Object.entries(persistence)) {
    const existing = entries.some(([k]) => k === key) ? null : linkedClaim(raw);
    if (existing) existingClaims.push({ claim: existing, key: `persistence.${key}` });
  }
  // The same one level down, where an umbrella chart passes a subchart its own persistence map (immich's
  // `server.persistence.<name>`, `machine-learning.persistence.cache`; outside review: three claims the
  // release mounts were used by nothing).
  for (const [sub, subValues] of Object.entries(obj(hr.values))) {
    // (A subchart switched off, `machine-learning: {enabled: false}`, mounts nothing; code review.)
    if (sub === 'persistence' || !isObj(subValues) || bool(subValues.enabled) === false) continue;
    for (const [key, raw] of Object.entries(obj(subValues.persistence))) {
      const existing = linkedClaim(raw);
      if (existing) existingClaims.push({ claim: existing, key: `${sub}.persistence.${key}` });
    }
  }
  // A chart's one claim named directly under `persistence` (`persistence: {enabled: true, existingClaim:
  // nextcloud-data}`: nextcloud, grafana, vaultwarden, most single-volume charts; bitnami's
  // `primary.persistence.existingClaim`): the claim the release mounts, whatever the chart (a review probe:
  // neither linked nor, where it does not exist, reported). Not where persistence is switched off.
  for (const [prefix, values] of [['', obj(hr.values)], ...Object.entries(obj(hr.values)).filter(([sub, v]) => sub !== 'persistence' && isObj(v) && bool(v.enabled) !== false).map(([sub, v]) => [`${sub}.`, obj(v)] as const)] as const) {
    const p = obj(values.persistence);
    if (typeof p.existingClaim !== 'string' || p.existingClaim === '' || bool(p.enabled) === false || (prefix === '' && library)) continue;
    const existing = existingOf(p);
    if (existing) existingClaims.push({ claim: existing, key: `${prefix}persistence` });
  }
  // The bjw-s library counts the claims it renders: enabled, of type PVC, without existingClaim.
  const rendered = entries.filter(([, v]) => isClaim(v) && !str(obj(v).existingClaim)).length;
  for (const [key, raw] of entries) {
    const v = obj(raw);
    if (!isClaim(v)) continue;
    if (str(v.existingClaim)) {
      // (A claim named by another template, `{{ .Values.x }}`, is the chart's: not one it makes, nor one named here.)
      const existing = existingOf(v);
      if (existing) existingClaims.push({ claim: existing, key: `persistence.${key}` });
      continue;
    }
    const name = library ? valuesPvcName(hr, key, v, rendered, hr.chart.version) : k8sAtHomePvcName(hr, key, v);
    pvcs.push(valuesClaim(hr, d, namespace, name, v, `persistence.${key}`));
  }
  if (library) for (const claim of appTemplateClaimTemplates(hr, d, namespace)) pvcs.push(claim);
  // The claims well-known charts make from keys of their own (grafana's `persistence.enabled`,
  // kube-prometheus-stack's storageSpec, Loki's, Bitnami's `primary.persistence`; outside review: their
  // apps read as keeping no data).
  for (const claim of wellKnownChartClaims(hr, d, namespace)) pvcs.push(claim);
  // A chart's single claim named in values (Gitea's and Forgejo's `persistence: {create: true, claimName,
  // size, storageClass}`): made by the chart where `create: true` says so, an existing claim where
  // `create: false`; a default name not written is not known here (outside review).
  const claimName = str(persistence.claimName);
  if (!library && claimName && !/\$\{|\{\{/.test(claimName) && bool(persistence.enabled) !== false) {
    if (persistence.create === true) pvcs.push(valuesClaim(hr, d, namespace, claimName, persistence, 'persistence'));
    else if (persistence.create === false) existingClaims.push({ claim: claimName, key: 'persistence' });
  }
  return { pvcs, existingClaims };
}

/**
 * The claims of an app-template StatefulSet's `controllers.<id>.statefulset.volumeClaimTemplates`
 * (`{name, size, storageClass, accessMode}`): the chart renders them into the StatefulSet, whose
 * controller makes `<template>-<statefulset>-<ordinal>` per replica, as for a StatefulSet manifest
 * (statefulSetClaims). The StatefulSet is named as the library names a controller (valuesPvcName's
 * rules for 4.x: the fullname, `-<id>` where the chart renders several controllers); for 3.x and
 * earlier, whose controller names this does not know, nothing is said (a claim named wrongly is a
 * backup warning about nothing).
 */
function appTemplateClaimTemplates(hr: HelmRelease, d: WorkDoc, namespace: string | null): Pvc[] {
  const version = hr.chart.version;
  if (Number(/^v?(\d+)\./.exec(version ?? '')?.[1] ?? NaN) < 4) return [];
  const controllers = Object.entries(obj(obj(hr.values).controllers)).filter(([, c]) => isObj(c) && bool(obj(c).enabled) !== false);
  const out: Pvc[] = [];
  for (const [id, raw] of controllers) {
    const c = obj(raw);
    if (str(c.type) !== 'statefulset') continue;
    const statefulSet = valuesPvcName(hr, id, c, controllers.length, version);
    const replicas = typeof c.replicas === 'number' && Number.isInteger(c.replicas) && c.replicas >= 0 ? c.replicas : 1;
    arr(obj(c.statefulset).volumeClaimTemplates).forEach((t, i) => {
      const v = obj(t);
      const template = str(v.name);
      if (!template) return;
      for (let n = 0; n < Math.min(replicas, MAX_ORDINALS); n++) {
        const claim = valuesClaim(hr, d, namespace, `${template}-${statefulSet}-${n}`, v, `controllers.${id}.statefulset.volumeClaimTemplates.${i}`);
        out.push({ ...claim, origin: 'volumeClaimTemplate', statefulSet });
      }
    });
  }
  return out;
}

/** A claim the chart renders from a values entry of the common libraries' shape (`size`, `storageClass`, `accessMode`, labels, annotations). */
function valuesClaim(hr: HelmRelease, d: WorkDoc, namespace: string | null, name: string, v: Record<string, unknown>, at: string): Pvc {
  return releaseClaim(hr, d, namespace, name, at, {
    labels: stringMapOf(v.labels),
    annotations: stringMapOf(v.annotations),
    size: str(v.size),
    storageClass: str(v.storageClass),
    accessModes: str(v.accessMode) ? [str(v.accessMode)!] : arr(v.accessModes).flatMap((m) => (str(m) ? [str(m)!] : [])),
  });
}

/** A k8s-at-home common-library entry: switched on by `enabled` or typed, and saying how it mounts or what it claims. */
function commonLibraryEntry(v: Record<string, unknown>): boolean {
  const said = typeof v.enabled === 'boolean' || typeof v.type === 'string';
  return said && ['mountPath', 'globalMounts', 'advancedMounts', 'size', 'existingClaim', 'accessMode', 'storageClass'].some((k) => Object.hasOwn(v, k));
}

/**
 * The claim name the bjw-s common library gives `persistence.<key>`. app-template sets
 * `global.nameOverride` to the release name, so the fullname is the release name unless a
 * fullnameOverride is set.
 * - 4.x and later (lib/_determineResourceNameFromValues.tpl): `forceRename` wins; else an optional
 *   `prefix-`, then `-<key>` only when the chart renders more than one claim (or
 *   global.alwaysAppendIdentifierToResourceName), then an optional `-suffix`; lower-cased.
 * - 3.x and earlier (lib/pvc/_valuesToObject.tpl): `<fullname>-<key>` even for a single claim;
 *   `nameOverride` replaces the key, `nameOverride: "-"` drops it. So `config` of release
 *   `overseerr` on app-template 3.6.0 is the claim `overseerr-config`.
 * An unknown version is read as the current one.
 */
function valuesPvcName(hr: HelmRelease, key: string, v: Record<string, unknown>, rendered: number, chartVersion: string | null): string {
  const values = obj(hr.values);
  const global = obj(values.global);
  const fullname = str(global.fullnameOverride) ?? str(values.fullnameOverride) ?? hr.releaseName;
  const major = Number(/^v?(\d+)\./.exec(chartVersion ?? '')?.[1] ?? NaN);
  if (major < 4) {
    const override = str(v.nameOverride);
    if (override) return override === '-' ? fullname : `${fullname}-${override}`;
    return key === fullname ? fullname : `${fullname}-${key}`;
  }
  const force = str(v.forceRename);
  if (force) return force.toLowerCase();
  let name = fullname;
  const prefix = str(v.prefix);
  if (prefix && prefix !== name) name = `${prefix}-${name}`;
  if ((rendered > 1 || bool(global.alwaysAppendIdentifierToResourceName) === true) && !name.endsWith(`-${key}`) && key !== name) name = `${name}-${key}`;
  const suffix = str(v.suffix);
  if (suffix && !name.endsWith(`-${suffix}`)) name = `${name}-${suffix}`;
  return name.toLowerCase();
}

/**
 * The claim name the k8s-at-home common library gives `persistence.<key>` (common/templates/classes/_pvc.tpl):
 * `<fullname>-<key>` (`nameOverride` replaces the key, `-` drops it), whatever the count of claims. The
 * fullname is `fullnameOverride`, else the release name when it contains the chart's name, else
 * `<release>-<chart>`.
 */
function k8sAtHomePvcName(hr: HelmRelease, key: string, v: Record<string, unknown>): string {
  const values = obj(hr.values);
  const chart = str(values.nameOverride) ?? hr.chart.name ?? '';
  const fullname = (str(values.fullnameOverride) ?? (hr.releaseName.includes(chart) ? hr.releaseName : `${hr.releaseName}-${chart}`)).slice(0, 63).replace(/-+$/, '');
  const suffix = str(v.nameOverride) ?? key;
  return suffix === '-' ? fullname : `${fullname}-${suffix}`;
}
