/**
 * Reading fields the model does not keep (a k8up Schedule's backend, version keys) from scrubbed
 * RawDocs, and copying only what a runbook may show. The docs were scrubbed when read, and the
 * copy below is an allowlist on top: secret references (name, key) and locations (endpoint,
 * bucket ...) pass, anything else is left out, so even a literal credential that slipped past the
 * read-time scrubbing cannot reach a runbook.
 */
import type { RawDoc } from '../../model/raw-doc.ts';
import { REDACTED } from '../../model/raw-doc.ts';
import type { Source } from '../../model/source.ts';

import { at, isObj, str, type Obj } from '../../model/values.ts';

export { at, isObj,  str };

/** The RawDoc an object of the model was read from (same file and document index, else same line). */
export function rawDocOf(docs: readonly RawDoc[] | undefined, source: Source): RawDoc | null {
  if (!docs) return null;
  const inFile = docs.filter((d) => d.source.file === source.file);
  return (
    inFile.find((d) => source.docIndex !== undefined && d.source.docIndex === source.docIndex) ??
    inFile.find((d) => d.source.line === source.line) ??
    null
  );
}

/** Location fields of backup backends (k8up, restic) that are configuration, not credentials. */
const LOCATION_KEYS = new Set(['endpoint', 'bucket', 'container', 'path', 'url', 'region', 'prefix', 'mountPath', 'claimName', 'projectID']);

/**
 * A copy of a backend block with only secret references and locations. Keys ending in
 * `SecretRef` keep `name` and `key`; nested provider blocks (s3, b2, azure, gcs, swift, rest,
 * local) are walked; every other scalar is dropped.
 */
export function safeBackend(v: unknown, depth = 0): Obj {
  const out: Obj = {};
  if (!isObj(v) || depth > 4) return out;
  for (const [k, val] of Object.entries(v)) {
    if (/SecretRef$/.test(k) && isObj(val)) {
      const ref: Obj = {};
      for (const f of ['name', 'key'] as const) {
        const s = str(val[f]);
        if (s !== null && s !== REDACTED) ref[f] = s;
      }
      if (Object.keys(ref).length > 0) out[k] = ref;
    } else if (isObj(val)) {
      const inner = safeBackend(val, depth + 1);
      if (Object.keys(inner).length > 0) out[k] = inner;
    } else if (LOCATION_KEYS.has(k)) {
      const s = str(val);
      if (s !== null && s !== REDACTED && !/:\/\/[^/\s:@]+:[^/\s@]+@/.test(s)) out[k] = s;
    }
  }
  return out;
}

