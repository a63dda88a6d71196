import { z } from 'zod';
import { SourceSchema } from './source.ts';
import { isObj, type Obj } from './values.ts';

/**
 * The keys of a HelmRelease's spec that tell helm-controller how to treat the release, besides its
 * chart, values and schedule (interval and timeout, which the model keeps apart): whether it runs
 * at all, what it does when an install or upgrade fails, how it handles CRDs, drift and history.
 * https://fluxcd.io/flux/components/helm/helmreleases/ (api/v2 helmrelease_types.go; v2beta1 and
 * v2beta2 spell them the same). Never `values`, `valuesFrom` or `postRenderers`: those are the
 * release's content, shown elsewhere, and values may hold what a page must not print.
 */
const RELEASE_SETTING_KEYS: readonly string[] = ['suspend', 'install', 'upgrade', 'rollback', 'uninstall', 'test', 'driftDetection', 'maxHistory', 'serviceAccountName', 'storageNamespace', 'persistentClient'];

/** One setting as built: a scalar at a dotted path under spec, or the number of entries of a list. */
export const ReleaseSettingSchema = z.object({
  /** Dotted path under `spec`, as written: `upgrade.remediation.retries`, `driftDetection.ignore`. */
  path: z.string(),
  /** The scalar as built (a `${VAR}` Flux did not fill stays as written); for a list, its number of entries. */
  value: z.union([z.string(), z.number().int(), z.boolean()]),
  /** `value` counts the entries of a list (`driftDetection.ignore`, `test.filters`), whose content is not kept. */
  list: z.literal(true).optional(),
  /** Where it is written: its line in the HelmRelease, or the patch entry that set it (a kustomization.yaml's, a Flux Kustomization's). */
  source: SourceSchema,
});
export type ReleaseSetting = z.output<typeof ReleaseSettingSchema>;

/** A setting found in a spec, before its source is known; `raw` is what the path holds (the list itself for a list). */
export interface WrittenSetting {
  path: string;
  value: string | number | boolean;
  list?: true;
  raw: unknown;
}

/**
 * The settings a HelmRelease's spec holds, in the order of RELEASE_SETTING_KEYS and then as written:
 * mappings flattened to dotted paths, lists counted, nulls and empty lists left out (they say nothing).
 * A key with a dot in it is no field of the API and could not be told apart in a path: left out.
 */
export function writtenSettings(spec: Obj): WrittenSetting[] {
  const out: WrittenSetting[] = [];
  const visit = (v: unknown, path: string, depth: number): void => {
    // (A number the API cannot hold, 1.5 where it takes an integer, is kept as its text.)
    if (typeof v === 'number') out.push({ path, value: Number.isSafeInteger(v) ? v : String(v), raw: v });
    else if (typeof v === 'string' || typeof v === 'boolean') out.push({ path, value: v, raw: v });
    else if (Array.isArray(v)) {
      if (v.length > 0) out.push({ path, value: v.length, list: true, raw: v });
    } else if (isObj(v) && depth < 4) {
      for (const [k, x] of Object.entries(v)) if (!k.includes('.')) visit(x, `${path}.${k}`, depth + 1);
    }
  };
  for (const key of RELEASE_SETTING_KEYS) if (Object.hasOwn(spec, key)) visit(spec[key], key, 0);
  return out;
}
