/**
 * Container images of workload manifests: the pod template of a Deployment, StatefulSet, DaemonSet,
 * ReplicaSet or Job, a CronJob's job template, a bare Pod. Init containers and containers, each with
 * the line of its `image:`. An app of plain manifests (cloudflared, a CronJob running talosctl) has
 * images as a chart's values do.
 */
import { type ImageRef, type KObject, splitApiVersion, WORKLOAD_POD_SPEC } from '../../model/k8s-object.ts';
import { arr, isObj, obj, str, stringMap } from '../../model/values.ts';
import { BACKUP_NAME } from '../../model/storage.ts';
import type { WorkDoc } from '../build/work-doc.ts';
import { REDACTED } from '../../model/raw-doc.ts';
import { imagePolicyAt, lineOf } from './base.ts';

/** The pod spec of a workload document, and its key path; null for any other kind. */
function podSpec(d: WorkDoc): { spec: unknown; at: string } | null {
  const key = `${d.group}/${d.kind}`;
  if (!Object.hasOwn(WORKLOAD_POD_SPEC, key)) return null;
  const at = WORKLOAD_POD_SPEC[key]!;
  let spec: unknown = d.body;
  for (const k of at.split('.')) spec = obj(spec)[k];
  return { spec, at };
}

type SecretUse = NonNullable<KObject['secretUses']>[number];

/**
 * The Secrets a workload's pod spec uses: `env[].valueFrom.secretKeyRef`, `envFrom[].secretRef` (of
 * containers and init containers), `volumes[].secret.secretName`, projected volumes' `secret.name`,
 * `imagePullSecrets`. Sorted by name.
 */
export function workloadSecretUses(d: WorkDoc): SecretUse[] {
  const pod = podSpec(d);
  if (!pod) return [];
  const spec = obj(pod.spec);
  const uses = new Map<string, Set<SecretUse['via'][number]>>();
  const use = (name: string | null, via: SecretUse['via'][number]) => {
    if (name) (uses.get(name) ?? uses.set(name, new Set()).get(name)!).add(via);
  };
  for (const c of [...arr(spec.initContainers), ...arr(spec.containers)]) {
    for (const e of arr(obj(c).env)) use(str(obj(obj(obj(e).valueFrom).secretKeyRef).name), 'secretKeyRef');
    for (const e of arr(obj(c).envFrom)) use(str(obj(obj(e).secretRef).name), 'envFrom');
  }
  for (const v of arr(spec.volumes)) {
    use(str(obj(obj(v).secret).secretName), 'volume');
    for (const s of arr(obj(obj(v).projected).sources)) use(str(obj(obj(s).secret).name), 'volume');
  }
  for (const p of arr(spec.imagePullSecrets)) use(str(obj(p).name), 'imagePullSecrets');
  return [...uses].map(([name, via]) => ({ name, via: [...via].sort() })).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The Secrets an object other than a workload reads by a field of its spec, at any depth: a
 * `...SecretRef` / `secretRef` (a cert-manager Issuer's `dns01.cloudflare.apiTokenSecretRef`, a Flux
 * Receiver's or Provider's token), a `...Secret` naming one (a CloudNativePG Cluster's
 * `superuserSecret`, `bootstrap.initdb.secret`, a managed role's `passwordSecret`), a plain
 * `secretName` (a Traefik TLSStore's `defaultCertificate.secretName`; not a Certificate's), and the key
 * selectors (`{name, key}`) under a `...Credentials` block (`s3Credentials.accessKeyId`). Not an ACME
 * account's `privateKeySecretRef`, which cert-manager writes itself. Empty for a workload
 * (workloadSecretUses) and for an object without any.
 */
export function resourceSecretUses(d: WorkDoc): SecretUse[] {
  if (podSpec(d)) return [];
  const names = new Set<string>();
  const walk = (v: unknown, depth: number, credentials: boolean) => {
    if (depth > 10) return;
    if (Array.isArray(v)) for (const x of v) walk(x, depth + 1, credentials);
    else if (v !== null && typeof v === 'object') {
      const selector = credentials ? str(obj(v).name) : null;
      if (selector && str(obj(v).key)) names.add(selector);
      for (const [k, x] of Object.entries(v)) {
        const name = /secret(ref)?$/i.test(k) && k !== 'privateKeySecretRef' ? str(obj(x).name) : null;
        // A Secret named by a plain `secretName` (a Traefik TLSStore's default certificate, a cert-manager
        // CA Issuer's key pair, a DNS webhook's config), not the one a Certificate writes (outside review).
        // (And `...Secret: name` or `...SecretName: name` as a string: a Keycloak's `http.tlsSecret`. A value
        // the reader wiped, under a key that reads as a credential (`secret:`), names nothing here.)
        const written = /(Secret|SecretName|^secretName)$/.test(k) && typeof x === 'string' && x !== '' && x !== REDACTED && !(k === 'secretName' && depth === 0 && makesItsSecretName(d)) && !(d.group === 'mongodbcommunity.mongodb.com' && MONGODB_OUTPUTS.has(k)) ? x : null;
        if (name) names.add(name);
        else if (written) names.add(written);
        else walk(x, depth + 1, credentials || /credentials$/i.test(k));
      }
    }
  };
  walk(d.body.spec, 0, false);
  // A Traefik Middleware's basic or digest auth names its users' Secret as a plain `secret:` (outside review).
  if (/^traefik\.(io|containo\.us)$/.test(d.group) && d.kind === 'Middleware') {
    for (const auth of ['basicAuth', 'digestAuth']) {
      const name = str(obj(obj(d.body.spec)[auth]).secret);
      if (name && name !== REDACTED) names.add(name);
    }
  }
  return [...names].sort().map((name) => ({ name, via: ['secretRef'] }));
}

/**
 * A cert-manager Certificate writes its key pair to `spec.secretName`, ext-postgres-operator a
 * Postgres's or PostgresUser's credentials to a Secret named from it (secrets.ts operatorSecretNames):
 * an output, not a use.
 */
function makesItsSecretName(d: WorkDoc): boolean {
  return (d.group === 'cert-manager.io' && d.kind === 'Certificate') || (d.group === 'db.movetokube.com' && (d.kind === 'PostgresUser' || d.kind === 'Postgres'));
}

/**
 * MongoDB Community's user fields that name Secrets the operator writes (the SCRAM credentials, the
 * connection string; secrets.ts operatorSecretNames), not Secrets it reads (outside review: listed as
 * Secrets an app uses that nothing defines). A user's `passwordSecretRef` is read.
 */
const MONGODB_OUTPUTS = new Set(['scramCredentialsSecretName', 'connectionStringSecretName']);

/** A backup or dump tool in a container's command or arguments. */
const BACKUP_TOOL = /\b(pg_dump(all)?|pg_basebackup|mysqldump|mariadb-dump|mongodump|restic|borg|kopia|rclone|rsync|duplicity|tar\s+-?[a-z]*c[a-z]*f?|sqlite3\b[^\n]*\.backup)\b/i;
/** A claim that is where backups go, not what is backed up. */
const DESTINATION = /(^|[-_.])(backups?|dumps?|archives?|nfs)([-_.]|$)/i;

/**
 * The claims a CronJob that reads like a backup job copies from: named for a backup or running a
 * backup tool, its pod's `persistentVolumeClaim` volumes other than those named as the destination
 * (`backup-storage`). Empty for any other object.
 */
export function backupJobClaims(d: WorkDoc): string[] {
  if (d.group !== 'batch' || d.kind !== 'CronJob') return [];
  const pod = podSpec(d);
  if (!pod) return [];
  const spec = obj(pod.spec);
  const commands = [...arr(spec.initContainers), ...arr(spec.containers)].flatMap((c) => [...arr(obj(c).command), ...arr(obj(c).args)].map((x) => str(x) ?? '')).join('\n');
  if (!BACKUP_NAME.test(str(obj(d.body.metadata).name) ?? '') && !BACKUP_TOOL.test(commands)) return [];
  const sources = podClaims(spec).filter((c) => !DESTINATION.test(c));
  return keepsCopyOnSource(spec, commands, sources) ? [] : sources;
}

/** A tool that dumps a database over its network connection. */
const DUMP_TOOL = /\b(pg_dump(all)?|pg_basebackup|mysqldump|mariadb-dump|mongodump)\b/;
const HOST_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/**
 * The database hosts a CronJob that runs a dump tool names: the literal value of an env variable whose name
 * ends in HOST, SERVER or ADDR(ESS), and `-h HOST` / `--host=HOST` in its command; empty for any other
 * object. A dump reads its database over the network, so it mounts no claim of the database: this is how
 * the backup matrix tells which database it copies (outside review: a daily mysqldump of a Bitnami MariaDB).
 */
export function dumpJobHosts(d: WorkDoc): string[] {
  if (d.group !== 'batch' || d.kind !== 'CronJob') return [];
  const pod = podSpec(d);
  if (!pod) return [];
  const containers = [...arr(obj(pod.spec).initContainers), ...arr(obj(pod.spec).containers)].map(obj);
  const commands = containers.flatMap((c) => [...arr(c.command), ...arr(c.args)].map((x) => str(x) ?? '')).join('\n');
  if (!DUMP_TOOL.test(commands)) return [];
  const hosts = new Set<string>();
  const take = (v: string | null) => {
    const host = v?.trim().toLowerCase().replace(/:\d+$/, '') ?? '';
    if (HOST_NAME.test(host)) hosts.add(host);
  };
  for (const c of containers) for (const e of arr(c.env)) if (/(HOST|SERVER|ADDR|ADDRESS)$/i.test(str(obj(e).name) ?? '')) take(str(obj(e).value));
  for (const m of commands.matchAll(/(?:^|\s)(?:-h\s*|--host[=\s]+)([^\s'"$;|&]+)/g)) take(m[1]!);
  return [...hosts].sort();
}

/** A tool that sends a copy over the network (or the credentials such a tool reads). */
const REMOTE_TOOL = /\b(restic|rclone|kopia|borg|duplicity|s3cmd|gsutil|azcopy|scp|sftp|curl|wget|aws\s+s3|mc\s+(cp|mirror)|rsync\s[^\n]*\s\S+:)/i;

/**
 * The job writes its copy onto the claims it reads, and nowhere else (outside review: vaultwarden's
 * `sqlite3 .backup` into /data/backups on its own node-local claim was taken for a backup): its pod
 * mounts that one claim and nothing else (but scratch space), its inline command runs no network tool, and it
 * reads no Secret (credentials say the copy goes somewhere). Conservative: a script from a ConfigMap,
 * a Secret, any other volume, keeps it a backup.
 */
function keepsCopyOnSource(spec: Record<string, unknown>, commands: string, sources: readonly string[]): boolean {
  // (Exactly one claim, the one it reads: a second claim of any name may be where the copy goes; code review.)
  if (sources.length !== 1 || podClaims(spec).length !== 1 || commands.trim() === '' || REMOTE_TOOL.test(commands)) return false;
  const localOnly = arr(spec.volumes).every((v) => {
    const vol = obj(v);
    const claim = str(obj(vol.persistentVolumeClaim).claimName);
    if (claim !== null) return sources.includes(claim);
    return Object.keys(vol).every((k) => k === 'name' || k === 'emptyDir');
  });
  const readsSecret = JSON.stringify([...arr(spec.initContainers), ...arr(spec.containers)].map((c) => [obj(c).env, obj(c).envFrom])).match(/"secret(KeyRef|Ref)"/) !== null;
  return localOnly && !readsSecret;
}

/** The claims a workload's pod spec mounts (`volumes[].persistentVolumeClaim.claimName`), sorted; none with a variable left in. */
export function workloadClaims(d: WorkDoc): string[] {
  const pod = podSpec(d);
  return pod ? podClaims(obj(pod.spec)) : [];
}

/**
 * The claims of the pod volumes a workload's pod template opts into Velero's file-system backup
 * (`backup.velero.io/backup-volumes: data,config`, which names volumes, not claims), sorted.
 * https://velero.io/docs/main/file-system-backup/#using-opt-in-pod-volume-backup
 */
export function workloadFsBackupClaims(d: WorkDoc): string[] {
  const pod = podSpec(d);
  if (!pod) return [];
  let template: unknown = d.body;
  for (const k of pod.at.split('.').slice(0, -1)) template = obj(template)[k];
  const named = (str(obj(obj(obj(template).metadata).annotations)['backup.velero.io/backup-volumes']) ?? '').split(',').map((v) => v.trim()).filter((v) => v !== '');
  const claims = arr(obj(pod.spec).volumes).flatMap((v) => (named.includes(str(obj(v).name) ?? '') ? podClaims({ volumes: [v] }) : []));
  return [...new Set(claims)].sort();
}

/** A pod spec's `volumes[].persistentVolumeClaim.claimName`s, sorted, once each; none a variable or template fills in. */
function podClaims(spec: Record<string, unknown>): string[] {
  const claims = arr(spec.volumes).map((v) => str(obj(obj(v).persistentVolumeClaim).claimName)).filter((c): c is string => c !== null && c !== '' && !c.includes('${') && !c.includes('{{'));
  return [...new Set(claims)].sort();
}

/** The NFS shares a workload's pod spec mounts (`volumes[].nfs: {server, path, readOnly}`), by volume name. */
export function workloadNfs(d: WorkDoc): NonNullable<KObject['nfsShares']> {
  const pod = podSpec(d);
  if (!pod) return [];
  return arr(obj(pod.spec).volumes).flatMap((v) => {
    const nfs = obj(obj(v).nfs);
    const server = str(nfs.server);
    const path = str(nfs.path);
    return server && path ? [{ volume: str(obj(v).name) ?? 'nfs', server, path, readOnly: nfs.readOnly === true }] : [];
  });
}

/**
 * What a KEDA ScaledObject scales (`spec.scaleTargetRef`, https://keda.sh/docs/latest/reference/scaledobject-spec/):
 * `apiVersion` defaults to apps/v1 and `kind` to Deployment. None for another object, or a name a
 * variable or template still fills in.
 */
export function scaleTargetOf(d: WorkDoc): Pick<KObject, 'scaleTarget'> {
  if (d.group !== 'keda.sh' || d.kind !== 'ScaledObject') return {};
  const ref = obj(obj(d.body.spec).scaleTargetRef);
  const name = str(ref.name);
  const kind = str(ref.kind) ?? 'Deployment';
  if (!name || /\$\{|\{\{/.test(name + kind)) return {};
  return { scaleTarget: { group: splitApiVersion(str(ref.apiVersion) ?? 'apps/v1').group, kind, name } };
}

/**
 * What a workload's pod template (a bare Pod's own metadata) carries that scrapers read: its
 * `prometheus.io/*` annotations, which a Prometheus job keeping pods by `prometheus.io/scrape` reads
 * (`podAnnotations`), and its labels, which a PodMonitor's selector picks pods by (`podLabels`). Each
 * absent when none.
 */
export function workloadPodMetadata(d: WorkDoc): Pick<KObject, 'podAnnotations' | 'podLabels'> {
  const pod = podSpec(d);
  if (!pod) return {};
  let template: unknown = d.body;
  for (const k of pod.at.split('.').slice(0, -1)) template = obj(template)[k];
  const meta = obj(obj(template).metadata);
  const annotations = Object.entries(obj(meta.annotations)).filter(([k, v]) => k.startsWith('prometheus.io/') && (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number'));
  const labels = stringMap(meta.labels);
  return {
    ...(annotations.length > 0 ? { podAnnotations: Object.fromEntries(annotations.map(([k, v]) => [k, String(v)])) } : {}),
    ...(Object.keys(labels).length > 0 ? { podLabels: labels } : {}),
  };
}

export function workloadImages(d: WorkDoc): ImageRef[] {
  const pod = podSpec(d);
  if (!pod) return [];
  const { spec, at } = pod;
  const out: ImageRef[] = [];
  for (const list of ['initContainers', 'containers'] as const) {
    arr(obj(spec)[list]).forEach((c, i) => {
      const image = parseImage(str(obj(c).image));
      if (!image) return;
      // Where an overlay's `images:` wrote it, there (not the base's line, which says another image);
      // and then the base line's image automation marker sets nothing the cluster runs (outside review:
      // "set by Flux image automation" where an overlay's newTag overrides the marked line).
      const key = `${at}.${list}.${i}.image`;
      const set = d.imageSetAt?.[key];
      const overridden = set !== undefined && set.image === str(obj(c).image);
      const policy = overridden ? undefined : imagePolicyAt(d, [key]);
      out.push({ ...image, path: `${list}.${str(obj(c).name) ?? i}`, source: overridden ? set.source : lineOf(d, key), ...(policy ? { policy } : {}) });
    });
  }
  return out;
}

/** API groups whose `spec.image` names something other than an image the object runs (Flux's image scanning). */
const NOT_RUN_IMAGES = /(?:^|\.)fluxcd\.io$|(?:^|\.)kyverno\.io$/;

/**
 * The images an operator's custom resource runs: `spec.imageName` (a CloudNativePG Cluster),
 * `spec.image` as a string (Dragonfly, MariaDB, an Elastic stack ...), and the same keys deeper in
 * its spec. Only for objects of an API group outside Kubernetes' own; an `image` map is left alone.
 */
export function customResourceImages(d: WorkDoc): ImageRef[] {
  if (d.group === '' || d.group.endsWith('.k8s.io') || !d.group.includes('.') || NOT_RUN_IMAGES.test(d.group)) return [];
  const out: ImageRef[] = [];
  // At any depth of its spec (`spec.workload.image` of a LiteLLMMCPServer, a pod template's containers):
  // an operator runs what its resource names (outside review: a `latest` there was not seen).
  const walk = (v: unknown, path: string, depth: number) => {
    if (depth > 8) return;
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}.${i}`, depth + 1));
    else if (isObj(v)) {
      for (const [key, x] of Object.entries(v)) {
        const value = (key === 'image' || key === 'imageName') && typeof x === 'string' ? x : null;
        const image = value && IMAGE_STRING.test(value) ? parseImage(value) : null;
        if (image) out.push({ ...image, path: `${path}.${key}`, source: lineOf(d, `${path}.${key}`) });
        else walk(x, `${path}.${key}`, depth + 1);
      }
    }
  };
  walk(d.body.spec, 'spec', 0);
  // system-upgrade-controller runs a Plan's untagged `upgrade` / `prepare` image at the Plan's version,
  // `+` made `-` (`rancher/k3s-upgrade` at `v1.30.2+k3s1` runs `rancher/k3s-upgrade:v1.30.2-k3s1`); with a
  // `channel` instead, the version is resolved in the cluster: not known here.
  const version = d.group === 'upgrade.cattle.io' && d.kind === 'Plan' ? str(obj(d.body.spec).version) : null;
  return version === null ? out : out.map((i) => (i.tag === null && i.digest === null && /^spec\.(upgrade|prepare)\.image$/.test(i.path) ? { ...i, tag: version.replace(/\+/g, '-') } : i));
}

/** What an image reference can be written as: not a pattern (`ghcr.io/*`), a `${VAR}` or a sentence. */
export const IMAGE_STRING = /^([a-z0-9.-]+(?::[0-9]+)?\/)?[a-z0-9._/-]+(:[\w.-]+)?(@sha256:[a-f0-9]{64})?$/;

/**
 * `registry/name:tag@digest` into its parts (a tag is after the last `:` that follows the last `/`).
 * A `:`, `/` or `@` inside a Flux variable separates nothing: `side:${SIDE_TAG:=3.3.3}` is the
 * repository `side` with the tag `${SIDE_TAG:=3.3.3}` (its default after `:=`; outside review: it
 * was split at the default's colon, into `side:${SIDE_TAG` and `=3.3.3}`).
 */
export function parseImage(image: string | null): Pick<ImageRef, 'repository' | 'tag' | 'digest'> | null {
  if (!image || /\s/.test(image)) return null;
  // (Each variable blanked, its length kept, so that positions in it are positions in the image.)
  const plain = image.replace(/\$\{[^}]*\}/g, (v) => '_'.repeat(v.length));
  const at = plain.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const digest = at >= 0 ? image.slice(at + 1) : null;
  const plainName = plain.slice(0, name.length);
  const colon = plainName.lastIndexOf(':');
  const hasTag = colon > plainName.lastIndexOf('/');
  const repository = hasTag ? name.slice(0, colon) : name;
  return repository === '' ? null : { repository, tag: hasTag ? name.slice(colon + 1) : null, digest };
}
