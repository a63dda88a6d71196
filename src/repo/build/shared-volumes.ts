/**
 * PV_VOLUME_HANDLE_SHARED: two PersistentVolumes of one cluster that name the same CSI volume (the same
 * `csi.driver` and `csi.volumeHandle`). Kubernetes and the CSI driver know a volume by that pair: the
 * kubelet stages it once per node under a path made from the handle, so where pods of both volumes land
 * on one node the second mount reuses or refuses the first's, and unmounting one pulls the volume from
 * under the other. The NFS and SMB CSI drivers' own examples say it: "make sure this value is unique for
 * every share in the cluster". A homelab's static PersistentVolumes are copied from one another, and
 * the handle is the line left as it was.
 *
 * Only volumes a build applies (or, where the repository has no Flux Kustomization, every one not
 * switched off); one manifest built twice in one cluster (a component, two overlays of the same name)
 * is one volume, not two; another cluster's volume of the same handle is another cluster's; a handle a
 * variable fills in is not known.
 */
import { finding, type Finding } from '../../model/finding.ts';
import { obj, str } from '../../model/values.ts';
import { metaName, type WorkDoc } from './work-doc.ts';

export function sharedVolumeFindings(objects: readonly WorkDoc[], hasKustomizations: boolean, placed: (w: WorkDoc) => { objectId: string; appId: string | null } | null): Finding[] {
  const byHandle = new Map<string, Map<string, WorkDoc>>();
  for (const w of objects) {
    if (w.kind !== 'PersistentVolume' || w.group !== '' || w.raw.disabled || w.archived !== undefined) continue;
    if (hasKustomizations ? w.owners.length === 0 : false) continue;
    const csi = obj(obj(w.body.spec).csi);
    const driver = str(csi.driver);
    const handle = str(csi.volumeHandle);
    const name = metaName(w);
    if (!driver || !handle || !name || /\$\{|\{\{/.test(`${driver}${handle}${name}`)) continue;
    const key = `${w.cluster ?? ''}\u0000${driver}\u0000${handle}`;
    const names = byHandle.get(key) ?? byHandle.set(key, new Map()).get(key)!;
    if (!names.has(name)) names.set(name, w);
  }
  const out: Finding[] = [];
  for (const names of byHandle.values()) {
    if (names.size < 2) continue;
    const [first, ...rest] = [...names.values()].sort((a, b) => a.file.localeCompare(b.file) || a.raw.source.line - b.raw.source.line);
    const csi = obj(obj(first!.body.spec).csi);
    const line = first!.raw.lines['spec.csi.volumeHandle'] ?? first!.raw.source.line;
    const others = rest.map((w) => `${metaName(w)} (${w.file}:${w.raw.lines['spec.csi.volumeHandle'] ?? w.raw.source.line})`).join(', ');
    out.push(
      finding(
        'PV_VOLUME_HANDLE_SHARED',
        'warning',
        `PersistentVolume ${metaName(first!)} and ${others} name the same volume (driver ${str(csi.driver)}, volumeHandle ${str(csi.volumeHandle)}${first!.cluster ? `, cluster ${first!.cluster}` : ''}): the driver knows a volume by its handle, so pods of both on one node share one mount, and unmounting one unmounts the other. Give each PersistentVolume a handle of its own.`,
        { file: first!.file, line, col: 1 },
        { area: 'backup', ...withApp(placed(first!)) },
      ),
    );
  }
  return out;
}

const withApp = (p: { objectId: string; appId: string | null } | null) => (p === null ? {} : { objectId: p.objectId, ...(p.appId ? { appId: p.appId } : {}) });
