/**
 * Values a runbook's manifest copies from the repository, given the type their API field has. Flux
 * substitutes `${VAR}` in a document's text and parses it again, so `runAsUser: ${VOLSYNC_PUID:-1000}`
 * reaches the API server as the number 1000; the model, which substitutes in parsed values, holds the
 * string "1000". A manifest written with the string is refused by `kubectl apply` ("cannot unmarshal
 * string into Go struct field PodSecurityContext.runAsUser of type int64"; outside review: a VolSync
 * restore's `moverSecurityContext` had `runAsUser: "1000"`). Only fields whose type is known here are
 * converted, and only a value that is plainly a decimal integer or a boolean: anything else is copied
 * as it is.
 */

/** A field's API type: an integer, a boolean, a list of them, an object of known fields, a list of objects. */
export type FieldType = 'int' | 'bool' | { readonly list: FieldType } | { readonly fields: Readonly<Record<string, FieldType>> };

/** core/v1 PodSecurityContext (https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context). */
export const POD_SECURITY_CONTEXT: FieldType = {
  fields: {
    runAsUser: 'int',
    runAsGroup: 'int',
    fsGroup: 'int',
    supplementalGroups: { list: 'int' },
    runAsNonRoot: 'bool',
    windowsOptions: { fields: { hostProcess: 'bool' } },
  },
};

/** The volume sources a VolSync mover may mount (moverVolumes: a claim or a Secret). */
const MOVER_VOLUME: FieldType = {
  fields: {
    volumeSource: {
      fields: {
        persistentVolumeClaim: { fields: { readOnly: 'bool' } },
        secret: { fields: { defaultMode: 'int', optional: 'bool', items: { list: { fields: { mode: 'int' } } } } },
      },
    },
  },
};

/** The mover settings a VolSync restore copies from the ReplicationSource (restic and kopia alike). */
export const VOLSYNC_MOVER_SETTINGS: FieldType = {
  fields: {
    moverSecurityContext: POD_SECURITY_CONTEXT,
    moverVolumes: { list: MOVER_VOLUME },
  },
};

const INT = /^-?(0|[1-9][0-9]*)$/;
const BOOL: Readonly<Record<string, boolean>> = { true: true, True: true, TRUE: true, false: false, False: false, FALSE: false };

/** A copy of `value` with the fields `type` knows in their API type; the input is left as it is. */
export function typedAs(value: unknown, type: FieldType): unknown {
  if (type === 'int') {
    if (typeof value !== 'string' || !INT.test(value.trim())) return value;
    const n = Number(value.trim());
    return Number.isSafeInteger(n) ? n : value;
  }
  if (type === 'bool') return typeof value === 'string' && Object.hasOwn(BOOL, value.trim()) ? BOOL[value.trim()] : value;
  if ('list' in type) return Array.isArray(value) ? value.map((v) => typedAs(v, type.list)) : value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const { fields } = type;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, Object.hasOwn(fields, k) ? typedAs(v, fields[k]!) : v]));
}
