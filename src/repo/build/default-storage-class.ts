/**
 * The cluster's default StorageClass, which a PersistentVolumeClaim without `storageClassName` gets: the one annotated `storageclass.kubernetes.io/is-default-class`
 * in the repository, or the one a storage chart's values mark as default (Longhorn
 * `persistence.defaultClass: true`, rook-ceph-cluster `cephBlockPools[].storageClass.isDefault`,
 * democratic-csi `storageClasses[].defaultClass`, OpenEBS `hostpathClass.isDefaultClass`).
 * https://kubernetes.io/docs/concepts/storage/persistent-volumes/#class-1
 * Resolved once at model time into `model.defaultStorageClass`; the backup matrix, the
 * implicit-dependency rules and the app pages read that (effectiveStorageClass in model/storage.ts).
 */
import type { RepoModel } from '../../model/repo-model.ts';
import type { DefaultStorageClass } from '../../model/storage.ts';
import { bool, isObj, obj, str } from '../../model/values.ts';

type Input = Pick<RepoModel, 'objects' | 'helmReleases' | 'kustomizations'>;

const live = (o: { disabled: unknown; owner: string | null }, model: Input) => !o.disabled && (o.owner !== null || model.kustomizations.length === 0);
const DEFAULT_KEYS = ['isDefaultClass', 'defaultClass', 'isDefault', 'default'];

/**
 * The repository's default StorageClass; null when it declares none (or several disagree). `patched`:
 * defaults a deployed kustomization.yaml's patch sets on a StorageClass the model does not hold (a
 * remote resource: local-path-provisioner's manifest by URL, patched to be the default).
 */
export function defaultStorageClass(model: Input, patched: readonly DefaultStorageClass[] = []): DefaultStorageClass | null {
  const found: DefaultStorageClass[] = [...patched];
  for (const o of model.objects) {
    if (o.kind !== 'StorageClass' || o.group !== 'storage.k8s.io' || !live(o, model)) continue;
    const a = o.annotations['storageclass.kubernetes.io/is-default-class'] ?? o.annotations['storageclass.beta.kubernetes.io/is-default-class'];
    if (a === 'true') found.push({ name: o.name, source: o.source, from: 'object' });
  }
  for (const hr of model.helmReleases) {
    if (!live(hr, model)) continue;
    const values = obj(hr.values);
    // Longhorn names its class `longhorn` and marks it default with persistence.defaultClass.
    if ((hr.chart.name === 'longhorn' || hr.name === 'longhorn') && bool(obj(values.persistence).defaultClass) === true) {
      found.push({ name: 'longhorn', source: hr.source, from: 'values' });
      continue;
    }
    for (const name of namedDefaults(values)) found.push({ name, source: hr.source, from: 'values' });
  }
  const names = new Set(found.map((f) => f.name));
  return names.size === 1 ? found[0]! : null;
}

/** Keys under which storage charts declare their classes (`storageClass`, `storageClasses`, `hostpathClass`, `cephBlockPools`). */
const CLASS_PATH = /storage-?class|class(es)?$|pools?$|filesystems?$/i;

/**
 * `{ name: x, isDefault: true }` under a storage-class key anywhere in the values (rook-ceph-cluster
 * `cephBlockPools[].storageClass`, democratic-csi `storageClasses[]`, OpenEBS `hostpathClass`); a
 * Grafana datasource marked `isDefault` is not a StorageClass.
 */
function namedDefaults(values: unknown): string[] {
  const out: string[] = [];
  const stack: { v: unknown; depth: number; key: string }[] = [{ v: values, depth: 0, key: '' }];
  while (stack.length) {
    const { v, depth, key } = stack.pop()!;
    if (depth > 8) continue;
    if (Array.isArray(v)) for (const x of v) stack.push({ v: x, depth: depth + 1, key });
    else if (isObj(v)) {
      const isDefault = DEFAULT_KEYS.some((k) => bool(v[k]) === true);
      const enabled = bool(v.enabled) !== false;
      if (isDefault && enabled && str(v.name) && CLASS_PATH.test(key)) out.push(str(v.name)!);
      for (const [k, x] of Object.entries(v)) if (typeof x === 'object' && x !== null && k !== 'parameters') stack.push({ v: x, depth: depth + 1, key: k });
    }
  }
  return out;
}

const DEFAULT_ANNOTATION = /storageclass\.(?:beta\.)?kubernetes\.io\/is-default-class["']?\s*:\s*["']?true\b/;

/**
 * The StorageClasses a kustomization file's patches mark as default: each `patches` (or
 * `patchesJson6902`) entry that targets kind StorageClass by name and whose inline patch sets the
 * is-default-class annotation to "true" (a JSON 6902 `add` of the annotations, or a strategic merge).
 */
export function patchedDefaults(file: string, body: Record<string, unknown>, lineOf: (key: string) => number): DefaultStorageClass[] {
  const out: DefaultStorageClass[] = [];
  for (const key of ['patches', 'patchesJson6902']) {
    const list = body[key];
    if (!Array.isArray(list)) continue;
    list.forEach((entry, i) => {
      const e = obj(entry);
      const target = obj(e.target);
      const name = str(target.name);
      if (str(target.kind) !== 'StorageClass' || name === null) return;
      const text = typeof e.patch === 'string' ? e.patch : '';
      if (DEFAULT_ANNOTATION.test(text)) out.push({ name, source: { file, line: lineOf(`${key}.${i}`), col: 1 }, from: 'patch' });
    });
  }
  return out;
}
