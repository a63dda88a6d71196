import { isObj, obj, str } from '../../model/values.ts';
import { explicitNs, isClusterScoped, toWorkDoc, type WorkDoc } from './work-doc.ts';

/** Values keys under which charts render whole manifests as written (`extraObjects`, Bitnami's `extraDeploy` ...). */
const KEYS = ['extraObjects', 'extraDeploy', 'extraManifests', 'extraResources'];

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
  for (const key of KEYS) {
    const list = values[key];
    const entries: [string, unknown][] = Array.isArray(list) ? list.map((v, i) => [String(i), v]) : isObj(list) ? Object.entries(list) : [];
    for (const [k, item] of entries) {
      if (!isObj(item)) continue;
      const name = str(obj(item.metadata).name);
      if (!name || name.includes('{{')) continue;
      const prefix = `spec.values.${key}.${k}`;
      const lines: Record<string, number> = {};
      for (const [path, line] of Object.entries(hr.raw.lines)) if (path.startsWith(`${prefix}.`)) lines[path.slice(prefix.length + 1)] = line;
      const line = hr.raw.lines[prefix] ?? hr.raw.source.line;
      const w = toWorkDoc({ ...hr.raw, source: { ...hr.raw.source, line, col: 1 }, value: item, lines, redactions: [] });
      if (!w || w.isKustomizeFile || w.group.endsWith('toolkit.fluxcd.io')) continue;
      w.ns = isClusterScoped(w.kind) ? null : (explicitNs(w) ?? namespace);
      w.owners = hr.owners;
      w.reached = hr.reached;
      if (hr.cluster !== undefined) w.cluster = hr.cluster;
      if (hr.blockedBy !== undefined) w.blockedBy = hr.blockedBy;
      if (hr.archived !== undefined) w.archived = hr.archived;
      out.push(w);
    }
  }
  return out;
}
