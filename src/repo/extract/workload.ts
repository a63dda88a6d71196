/**
 * Container images of workload manifests: the pod template of a Deployment, StatefulSet, DaemonSet,
 * ReplicaSet or Job, a CronJob's job template, a bare Pod. Init containers and containers, each with
 * the line of its `image:`. An app of plain manifests (cloudflared, a CronJob running talosctl) has
 * images as a chart's values do.
 */
import { type ImageRef, WORKLOAD_POD_SPEC } from '../../model/k8s-object.ts';
import { arr, obj, str } from '../../model/values.ts';
import type { WorkDoc } from '../build/work-doc.ts';
import { lineOf } from './base.ts';

export function workloadImages(d: WorkDoc): ImageRef[] {
  const key = `${d.group}/${d.kind}`;
  if (!Object.hasOwn(WORKLOAD_POD_SPEC, key)) return [];
  const at = WORKLOAD_POD_SPEC[key]!;
  let spec: unknown = d.body;
  for (const key of at.split('.')) spec = obj(spec)[key];
  const out: ImageRef[] = [];
  for (const list of ['initContainers', 'containers'] as const) {
    arr(obj(spec)[list]).forEach((c, i) => {
      const image = parseImage(str(obj(c).image));
      if (!image) return;
      out.push({ ...image, path: `${list}.${str(obj(c).name) ?? i}`, source: lineOf(d, `${at}.${list}.${i}.image`) });
    });
  }
  return out;
}

/** `registry/name:tag@digest` into its parts (a tag is after the last `:` that follows the last `/`). */
export function parseImage(image: string | null): Pick<ImageRef, 'repository' | 'tag' | 'digest'> | null {
  if (!image || /\s/.test(image)) return null;
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const digest = at >= 0 ? image.slice(at + 1) : null;
  const colon = name.lastIndexOf(':');
  const hasTag = colon > name.lastIndexOf('/');
  const repository = hasTag ? name.slice(0, colon) : name;
  return repository === '' ? null : { repository, tag: hasTag ? name.slice(colon + 1) : null, digest };
}
