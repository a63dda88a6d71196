import { isObj, obj, str } from '../../model/values.ts';
import { VALUES_MANIFEST_KEYS } from '../../model/helm-release.ts';
import type { RawDoc } from '../../model/raw-doc.ts';
import { explicitNs, isClusterScoped, metaName, toWorkDoc, type WorkDoc } from './work-doc.ts';


/**
 * The manifests a HelmRelease's chart renders from its values as they are written: an Ingress for a
 * dashboard or a ClusterIssuer under `extraObjects`, a Secret under `extraDeploy`. Each becomes an
 * object of the release's build (its file, its Flux owner and cluster), in the release's namespace
 * unless it names one; it is shown and checked like any manifest. Entries written as template strings,
 * or whose name is a template, are not read; nor are Flux objects (a chart does not make the Flux graph).
 */
export function valuesManifests(hr: WorkDoc): WorkDoc[] {
  const spec = obj(hr.body.spec);
  const values = obj(spec.values);
  const namespace = str(spec.targetNamespace) ?? hr.ns;
  const out: WorkDoc[] = [];
  // Key lines and redactions of the entries, grouped once (a per-entry scan of all of them was
  // quadratic in the number of entries).
  const under = (path: string) => {
    const m = /^spec\.values\.([^.]+)\.([^.]+)\.(.+)$/.exec(path);
    return m && VALUES_MANIFEST_KEYS.includes(m[1]!) ? { entry: `${m[1]}.${m[2]}`, rest: m[3]! } : null;
  };
  const linesOf = new Map<string, Record<string, number>>();
  for (const [path, line] of Object.entries(hr.raw.lines)) {
    const u = under(path);
    if (u) (linesOf.get(u.entry) ?? linesOf.set(u.entry, {}).get(u.entry)!)[u.rest] = line;
  }
  const redactionsOf = new Map<string, RawDoc['redactions']>();
  for (const r of hr.raw.redactions) {
    const u = under(r.path);
    if (u) (redactionsOf.get(u.entry) ?? redactionsOf.set(u.entry, []).get(u.entry)!).push({ ...r, path: u.rest });
  }
  for (const key of VALUES_MANIFEST_KEYS) {
    const list = values[key];
    const entries: [string, unknown][] = Array.isArray(list) ? list.map((v, i) => [String(i), v]) : isObj(list) ? Object.entries(list) : [];
    for (const [k, item] of entries) {
      if (!isObj(item)) continue;
      const name = str(obj(item.metadata).name);
      if (!name || name.includes('{{')) continue;
      const line = hr.raw.lines[`spec.values.${key}.${k}`] ?? hr.raw.source.line;
      // Its redactions (a Secret's values were wiped where they are written) travel with it, so a
      // literal value is judged a literal, not a `${VAR}`.
      const w = toWorkDoc({ ...hr.raw, source: { ...hr.raw.source, line, col: 1 }, value: item, lines: linesOf.get(`${key}.${k}`) ?? {}, redactions: redactionsOf.get(`${key}.${k}`) ?? [] });
      if (!w || w.isKustomizeFile || w.group.endsWith('toolkit.fluxcd.io')) continue;
      // `namespace: "{{ .Release.Namespace }}"` is the release's.
      const own = explicitNs(w);
      w.ns = isClusterScoped(w.kind) ? null : own !== null && !own.includes('{{') ? own : namespace;
      w.owners = hr.owners;
      w.reached = hr.reached;
      w.renderedBy = metaName(hr) ?? '';
      if (hr.cluster !== undefined) w.cluster = hr.cluster;
      if (hr.blockedBy !== undefined) w.blockedBy = hr.blockedBy;
      if (hr.archived !== undefined) w.archived = hr.archived;
      out.push(w);
    }
  }
  return out;
}
