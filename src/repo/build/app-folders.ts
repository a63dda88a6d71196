/**
 * Two folder rules of the app grouping (apps.ts), each made once per grouping: which files of several
 * Flux Kustomizations hold several apps, and which overlay folder under a Kustomization's path a base
 * outside it belongs to.
 */
import type { KustomizeFile } from '../../model/kustomize-file.ts';
import { obj, str } from '../../model/values.ts';
import { baseName, dirOf, isUnder, resolveIn } from './paths.ts';
import type { WorkDoc } from './work-doc.ts';

/**
 * Names of the Kustomizations of each file: home-ops names those of one app's ks.yaml after the app's
 * folder (cert-manager, cert-manager-issuers); a file whose Kustomizations none is named so
 * (`infra/flux-ks.yaml`: sources, crds, storage, each in the namespace its objects name) holds several
 * apps. Never a home-ops `ks.yaml`, nor a file whose Kustomizations set a targetNamespace (one app's
 * parts share one: victoria-metrics/ks.yaml holds vm-operator-crds, vm-operator, vm-cluster).
 */
export function severalAppsFiles(ksPlaced: readonly { doc: WorkDoc; object: { name: string } }[]): (file: string) => boolean {
  const ksNamesOfFile = new Map<string, string[]>();
  const targetedFiles = new Set<string>();
  for (const p of ksPlaced) {
    if (p.doc.raw.disabled) continue;
    (ksNamesOfFile.get(p.doc.file) ?? ksNamesOfFile.set(p.doc.file, []).get(p.doc.file)!).push(p.object.name);
    if (str(obj(p.doc.body.spec).targetNamespace) !== null) targetedFiles.add(p.doc.file);
  }
  // (Compared without separators: `externaldns-ovh` is external-dns's.)
  const flat = (x: string) => x.toLowerCase().replace(/[^a-z0-9]/g, '');
  return (file) => {
    if (targetedFiles.has(file) || /^ks\.ya?ml$/.test(baseName(file))) return false;
    const names = ksNamesOfFile.get(file) ?? [];
    const folder = flat(baseName(dirOf(file)));
    return names.length >= 2 && names.every((n) => !flat(n).startsWith(folder) && !folder.startsWith(flat(n)));
  };
}

/**
 * A base outside the path that a folder under it lists (`apps/prod/web` -> `../../base/web`): its
 * objects are that folder's, the overlay's app (they were the Kustomization's, beside the overlay).
 * Two overlays may list one base, each with its own `namespace:`: each copy is the overlay's of its
 * namespace; several in one namespace, each with its own name suffix, each copy the overlay's whose
 * folder its name is. Returns the file's own folder where it is under the path or no overlay lists it.
 */
export function overlayHosts(kustomizeFiles: readonly KustomizeFile[]): (file: string, path: string, ns?: string | null, name?: string) => string {
  const listedBy = new Map<string, string[]>();
  for (const k of kustomizeFiles) {
    for (const r of [...k.resources, ...k.components]) {
      const target = resolveIn(k.dir, r.entry);
      if (target !== null && target !== k.dir) (listedBy.get(target) ?? listedBy.set(target, []).get(target)!).push(k.dir);
    }
  }
  const namespaceOfDir = new Map(kustomizeFiles.map((k) => [k.dir, k.namespace ?? null]));
  return (file, path, ns = null, name) => {
    const dir = dirOf(file);
    if (isUnder(file, path)) return dir;
    const seen = new Set([dir]);
    for (let level = [dir], depth = 0; level.length && depth < 8; depth++) {
      const next: string[] = [];
      const hosts: string[] = [];
      for (const d of level) {
        for (const up of listedBy.get(d) ?? []) {
          if (up !== path && isUnder(up, path)) hosts.push(up);
          else if (!seen.has(up)) seen.add(up), next.push(up);
        }
      }
      // Several overlays of one base in one namespace (`queue-lims-pull`, `queue-tbr-pull`, each with a
      // nameSuffix): the copy is the overlay's whose folder its name is.
      if (hosts.length) return hosts.find((h) => name !== undefined && baseName(h) === name) ?? hosts.find((h) => ns !== null && namespaceOfDir.get(h) === ns) ?? hosts[0]!;
      level = next;
    }
    return dir;
  };
}
