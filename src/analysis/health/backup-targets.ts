/**
 * Backup targets inside the cluster: a Velero BackupStorageLocation's s3Url, a k8up backend's endpoint,
 * a CloudNativePG barman endpoint that names a Service of the cluster (`http://minio.storage.svc.cluster.local:9000`).
 * The app behind that Service keeps the system's backups on its own volumes: a backup of those volumes
 * by the same system is kept on them, and restoring them through it needs the very data being restored
 * (its restore deletes the claim that holds the backups). Pure.
 */
import type { RepoModel } from '../../model/repo-model.ts';
import type { Source } from '../../model/source.ts';
import type { BackupSystem } from './backup-systems.ts';
import { isLive, sameCluster } from './common.ts';
import { veleroServer } from './backup-sources.ts';

export interface BackupTarget {
  /** The backup system writing there: a column of the matrix, or CloudNativePG (its databases' backups). */
  system: BackupSystem | 'cloudnative-pg';
  /** What names the target, as shown: `BackupStorageLocation default`, `k8up Schedule nightly`, `CloudNativePG Cluster pg`. */
  via: string;
  url: string;
  /** The app the URL's Service belongs to. */
  appId: string;
  /** As shown: `Service minio in storage`. */
  host: string;
  cluster: string | null;
  source: Source;
}

/**
 * The Service a URL names inside the cluster: `<svc>.<ns>.svc[.cluster.local]`, `<svc>.<ns>`, or a bare
 * `<svc>` in the namespace of what names it. Null for another host (an IP, a NAS, a cloud endpoint).
 */
export function serviceOfUrl(url: string, namespace: string | null): { service: string; namespace: string | null } | null {
  const host = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(url.trim())?.[1]?.toLowerCase();
  if (!host || host.includes('${') || /^[\d.]+$/.test(host)) return null;
  const labels = host.split('.');
  if (labels.length >= 3 && labels[2] === 'svc') return { service: labels[0]!, namespace: labels[1]! };
  if (labels.length === 1) return { service: labels[0]!, namespace };
  // `<svc>.<ns>` reads like a domain as well (`nas.lan`): only where the repository runs that Service.
  if (labels.length === 2) return { service: labels[0]!, namespace: labels[1]! };
  return null;
}

/** The app running the Service: a Service manifest of that name, else a HelmRelease of that release name (a chart names its Service after it). */
function hostApp(model: RepoModel, service: string, namespace: string | null, cluster: string | null): { appId: string; host: string } | null {
  if (namespace === null) return null;
  const svc = model.objects.find((o) => o.kind === 'Service' && o.group === '' && o.name === service && o.namespace === namespace && o.appId && sameCluster(o.cluster, cluster) && isLive(o, model));
  if (svc) return { appId: svc.appId!, host: `Service ${service} in ${namespace}` };
  const hr = model.helmReleases.find((h) => (h.targetNamespace ?? h.namespace) === namespace && (service === h.releaseName || service.startsWith(`${h.releaseName}-`)) && h.appId && sameCluster(h.cluster, cluster) && isLive(h, model));
  return hr ? { appId: hr.appId!, host: `Service ${service} of HelmRelease ${hr.name} in ${namespace}` } : null;
}

/** Every backup target the repository points at a Service of its own cluster, with the app behind it. */
export function inClusterTargets(model: RepoModel): BackupTarget[] {
  const out: BackupTarget[] = [];
  const add = (system: BackupTarget['system'], via: string, url: string | null, namespace: string | null, cluster: string | null, source: Source) => {
    const svc = url ? serviceOfUrl(url, namespace) : null;
    const app = svc && hostApp(model, svc.service, svc.namespace, cluster);
    if (app && url) out.push({ system, via, url, ...app, cluster, source });
  };
  // (Each cluster's own locations, where the repository has several: a shared base's is one per cluster.)
  for (const cluster of model.clusters.length > 0 ? model.clusters : [null]) {
    for (const l of veleroServer(model, cluster).storageLocations) add('velero', `BackupStorageLocation ${l.name}`, l.url, l.namespace, cluster, l.source);
  }
  for (const b of model.backupObjects) if (b.system === 'k8up' && isLive(b, model) && b.repository) add('k8up', `k8up ${b.kind} ${b.name}`, b.repository, b.namespace, b.cluster ?? null, b.source);
  for (const o of model.objects) {
    if (o.backupTarget && o.group !== 'velero.io' && isLive(o, model)) add('cloudnative-pg', `CloudNativePG ${o.kind} ${o.name}`, o.backupTarget, o.namespace, o.cluster ?? null, o.source);
  }
  return out;
}
