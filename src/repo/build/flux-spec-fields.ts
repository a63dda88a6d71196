/**
 * A misspelt or misplaced field of a Flux Kustomization's spec (`dependOn:`, `dependsOn:` indented
 * under `sourceRef:`): Flux applies with server-side apply, and the API server refuses an object with
 * a field its schema does not declare (".spec.dependOn: field not declared in schema"), so the apply of
 * the Kustomization that applies it fails, and the dependency it meant never exists. Judged only for a
 * key within two edits of a field the API has (or a spec field written under sourceRef), so that a field
 * a newer Flux adds is never called unknown. Outside review, twenty-fourth round.
 */
import { finding, type Finding } from '../../model/finding.ts';
import { editDistance } from '../../model/edit-distance.ts';
import { isObj, obj } from '../../model/values.ts';
import { lineOf } from '../extract/base.ts';
import type { WorkDoc } from './work-doc.ts';

/** The spec fields of kustomize.toolkit.fluxcd.io Kustomizations (v1, and v1beta2's that v1 dropped). */
const SPEC = [
  'commonMetadata', 'components', 'decryption', 'deletionPolicy', 'dependsOn', 'force', 'healthCheckExprs', 'healthChecks',
  'ignoreMissingComponents', 'images', 'interval', 'kubeConfig', 'namePrefix', 'nameSuffix', 'patches', 'patchesJson6902',
  'patchesStrategicMerge', 'path', 'postBuild', 'prune', 'retryInterval', 'serviceAccountName', 'sourceRef', 'suspend',
  'targetNamespace', 'timeout', 'validation', 'wait',
];
const SOURCE_REF = ['apiVersion', 'kind', 'name', 'namespace'];
/** postBuild's fields: the same two since the first API version, so any other key is unknown to it. */
const POST_BUILD = ['substitute', 'substituteFrom'];
/** Fields of list items, judged (as the spec's) only for a key within two edits of one. */
const ITEMS: Record<string, readonly string[]> = {
  dependsOn: ['name', 'namespace', 'readyExpr'],
  healthChecks: ['apiVersion', 'kind', 'name', 'namespace'],
  'postBuild.substituteFrom': ['kind', 'name', 'optional'],
};

/** The field a key misspells (case aside, within two edits), or null. */
function misspelt(key: string, fields: readonly string[]): string | null {
  if (fields.includes(key) || key.length < 4) return null;
  const k = key.toLowerCase();
  let best: { f: string; d: number } | null = null;
  for (const f of fields) {
    const d = editDistance(k, f.toLowerCase(), 2);
    if (d <= 2 && (best === null || d < best.d)) best = { f, d };
  }
  return best?.f ?? null;
}

export function fluxSpecFieldFindings(objects: readonly WorkDoc[], idOf: ReadonlyMap<WorkDoc, string>): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const say = (w: WorkDoc, path: string, why: string) => {
    const at = lineOf(w, path);
    const mark = `${at.file}:${at.line}:${path}`;
    if (seen.has(mark)) return;
    seen.add(mark);
    const objectId = idOf.get(w);
    out.push(
      finding(
        'FLUX_SPEC_INVALID',
        'error',
        `Kustomization ${String(obj(w.body.metadata).name ?? '')}: ${path} ${why}; Flux applies with server-side apply, which refuses the object (".${path}: field not declared in schema"), so the apply of the Kustomization that applies it fails, and what the field meant never takes effect.`,
        at,
        { area: 'flux', ...(objectId ? { objectId } : {}) },
      ),
    );
  };
  for (const w of objects) {
    if (!w.isFluxKs || w.raw.disabled || (w.owners.length === 0 && !w.isRoot)) continue;
    // As written (a patch's field is the patch's, at another line).
    const spec = obj(obj(w.raw.value).spec);
    for (const key of Object.keys(spec)) {
      const near = misspelt(key, SPEC);
      if (near !== null) say(w, `spec.${key}`, `is no field of a Flux Kustomization (${near}?)`);
    }
    // (postBuild's keys, any of them: `postBuild: {cmd: ...}` failed the apply and nothing was said; outside review.)
    if (isObj(spec.postBuild)) {
      for (const key of Object.keys(spec.postBuild)) {
        if (POST_BUILD.includes(key)) continue;
        const near = misspelt(key, POST_BUILD);
        say(w, `spec.postBuild.${key}`, `is no field of postBuild, which has only substitute and substituteFrom${near !== null ? ` (${near}?)` : ''}`);
      }
    }
    for (const [list, fields] of Object.entries(ITEMS)) {
      const items = list === 'postBuild.substituteFrom' ? obj(spec.postBuild).substituteFrom : spec[list];
      if (!Array.isArray(items)) continue;
      items.forEach((item, i) => {
        if (!isObj(item)) return;
        for (const key of Object.keys(item)) {
          const near = misspelt(key, fields);
          if (near !== null) say(w, `spec.${list}.${i}.${key}`, `is no field of a ${list === 'dependsOn' ? 'dependsOn entry' : list === 'healthChecks' ? 'health check' : 'substituteFrom entry'} (${near}?)`);
        }
      });
    }
    if (!isObj(spec.sourceRef)) continue;
    for (const key of Object.keys(obj(spec.sourceRef))) {
      if (SOURCE_REF.includes(key)) continue;
      if (SPEC.includes(key)) say(w, `spec.sourceRef.${key}`, `is a field of the spec written under sourceRef (indented one level too deep?)`);
      else {
        const near = misspelt(key, SOURCE_REF);
        if (near !== null) say(w, `spec.sourceRef.${key}`, `is no field of a source reference (${near}?)`);
      }
    }
  }
  return out;
}
