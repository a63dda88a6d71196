import { arr, isObj, obj, str, type Obj } from '../../model/values.ts';
import { resGroup, resKind, resName, resNs, type KResource } from './kustomize-resource.ts';

/**
 * kustomize's nameReference: when a build renames an object (namePrefix, nameSuffix), fields that
 * name it in other objects of the build follow. The common references of kustomize's default list
 * (api/konfig/builtinpluginconsts/namereference.go): pod specs (volumes, env, envFrom,
 * imagePullSecrets, serviceAccountName), StatefulSet serviceName, Ingress backends and TLS secrets,
 * RoleBinding roleRef and subjects, ServiceAccount secrets. A reference follows only an object of
 * the same namespace (ClusterRoles: any), that had the referenced name.
 */
export function fixNameReferences(ra: readonly KResource[]): void {
  const renamed = ra.filter((r) => r.history.length > 0);
  const follow = (referrer: KResource, kind: string, holder: unknown, key: string, group = '') => {
    if (!isObj(holder)) return;
    const name = str(holder[key]);
    if (!name) return;
    const ns = resNs(referrer);
    const target = renamed.find((r) => resKind(r) === kind && resGroup(r) === group && r.history.includes(name) && (kind === 'ClusterRole' || resNs(r) === ns));
    if (target) holder[key] = resName(target);
  };
  for (const r of ra) {
    const kind = resKind(r);
    const spec = obj(r.body.spec);
    for (const pod of podSpecs(r)) {
      for (const v of arr(pod.volumes)) {
        const vol = obj(v);
        follow(r, 'ConfigMap', vol.configMap, 'name');
        follow(r, 'Secret', vol.secret, 'secretName');
        follow(r, 'PersistentVolumeClaim', vol.persistentVolumeClaim, 'claimName');
        for (const src of arr(obj(vol.projected).sources)) {
          follow(r, 'ConfigMap', obj(src).configMap, 'name');
          follow(r, 'Secret', obj(src).secret, 'name');
        }
      }
      for (const c of [...arr(pod.containers), ...arr(pod.initContainers)]) {
        for (const e of arr(obj(c).envFrom)) {
          follow(r, 'ConfigMap', obj(e).configMapRef, 'name');
          follow(r, 'Secret', obj(e).secretRef, 'name');
        }
        for (const e of arr(obj(c).env)) {
          const from = obj(obj(e).valueFrom);
          follow(r, 'ConfigMap', from.configMapKeyRef, 'name');
          follow(r, 'Secret', from.secretKeyRef, 'name');
        }
      }
      for (const s of arr(pod.imagePullSecrets)) follow(r, 'Secret', s, 'name');
      follow(r, 'ServiceAccount', pod, 'serviceAccountName');
      follow(r, 'ServiceAccount', pod, 'serviceAccount');
    }
    if (kind === 'StatefulSet') follow(r, 'Service', spec, 'serviceName');
    if (kind === 'Ingress') {
      for (const t of arr(spec.tls)) follow(r, 'Secret', t, 'secretName');
      const backends = [spec.defaultBackend, ...arr(spec.rules).flatMap((rule) => arr(obj(obj(rule).http).paths).map((p) => obj(p).backend))];
      for (const b of backends) {
        follow(r, 'Service', obj(b).service, 'name');
        follow(r, 'Service', b, 'serviceName');
      }
    }
    if ((kind === 'RoleBinding' || kind === 'ClusterRoleBinding') && resGroup(r) === 'rbac.authorization.k8s.io') {
      const roleRef = obj(r.body.roleRef);
      if (str(roleRef.kind) === 'Role' || str(roleRef.kind) === 'ClusterRole') follow(r, str(roleRef.kind)!, roleRef, 'name', 'rbac.authorization.k8s.io');
      // A ServiceAccount subject follows the account of the build it names: its name and its namespace.
      for (const s of arr(r.body.subjects)) {
        if (!isObj(s) || s.kind !== 'ServiceAccount') continue;
        const name = str(s.name) ?? '';
        const ns = str(s.namespace);
        const sa = ra.find((o) => resKind(o) === 'ServiceAccount' && resGroup(o) === '' && (resName(o) === name || o.history.includes(name)) && (ns === null || ns === o.orgNs || ns === resNs(o)));
        if (!sa) continue;
        s.name = resName(sa);
        if (resNs(sa)) s.namespace = resNs(sa);
      }
    }
    if (kind === 'ServiceAccount' && resGroup(r) === '') {
      for (const s of [...arr(r.body.imagePullSecrets), ...arr(r.body.secrets)]) follow(r, 'Secret', s, 'name');
    }
  }
}

/** The pod specs of a workload: Pod, pod templates, CronJob's job template. */
function podSpecs(r: KResource): Obj[] {
  const kind = resKind(r);
  const spec = obj(r.body.spec);
  if (kind === 'Pod') return [spec];
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController'].includes(kind)) return [obj(obj(spec.template).spec)];
  if (kind === 'CronJob') return [obj(obj(obj(obj(spec.jobTemplate).spec).template).spec)];
  return [];
}
