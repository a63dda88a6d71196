import { isStrictPlaceholder } from '../../model/credential-key.ts';
import type { ExternalSecret, SealedSecret, Secret, SecretStore } from '../../model/secrets.ts';
import { arr, obj, str } from '../../model/values.ts';
import type { WorkDoc } from '../build/work-doc.ts';
import { base, ref } from './base.ts';

/** An ExternalSecret; keys and remote references only (they are names in the store, not values). */
export function toExternalSecret(d: WorkDoc): Omit<ExternalSecret, 'storeFound'> {
  const b = base(d);
  const spec = obj(d.body.spec);
  return {
    ...b,
    storeRef: ref(d, spec.secretStoreRef, 'spec.secretStoreRef', 'SecretStore'),
    refreshInterval: str(spec.refreshInterval),
    refreshPolicy: str(spec.refreshPolicy),
    targetName: str(obj(spec.target).name) ?? b.name,
    data: arr(spec.data).map((e) => ({
      secretKey: str(obj(e).secretKey) ?? '',
      remoteKey: str(obj(obj(e).remoteRef).key),
      property: str(obj(obj(e).remoteRef).property),
    })),
    dataFrom: arr(spec.dataFrom).map((e) => ({
      extract: str(obj(obj(e).extract).key),
      find: str(obj(obj(obj(e).find).name).regexp) ?? (Object.keys(obj(obj(e).find)).length ? JSON.stringify(obj(obj(e).find).tags ?? obj(e).find) : null),
    })),
  };
}

/** A (Cluster)SecretStore: the provider is the one key under spec.provider. */
export function toSecretStore(d: WorkDoc): SecretStore {
  return { ...base(d), provider: Object.keys(obj(obj(d.body.spec).provider)).sort()[0] ?? null };
}

const ONLY_VARS = /^\s*(\$\{[A-Za-z_][A-Za-z0-9_]*(?::[=-][^}]*)?\}\s*)+$/;

/**
 * A Secret, keys only. The reader redacts every value except pure `${VAR}` placeholders (those are
 * templates filled by Flux, not secrets), so a Secret made only of placeholders is told apart here.
 */
export function toSecret(d: WorkDoc): Secret {
  // Read from the document as written (before substitution), where `${VAR}` placeholders still show.
  const raw = obj(d.raw.value);
  const keys = [...new Set([...Object.keys(obj(raw.data)), ...Object.keys(obj(raw.stringData))])].sort();
  const values = [...Object.values(obj(raw.data)), ...Object.values(obj(raw.stringData))];
  const type = str(d.body.type);
  const encrypted = d.raw.sops !== null;
  let placeholder: Secret['placeholder'] = null;
  if (type === 'kubernetes.io/service-account-token') placeholder = 'service-account-token';
  else if (/\.example\.ya?ml$|(^|\/)examples?\//.test(d.file)) placeholder = 'example';
  // Keys with empty values (the reader keeps "" as it is: nothing to hide) hold nothing either.
  else if (keys.length === 0 || values.every((v) => v === '' || v === null)) placeholder = 'empty';
  else if (values.length > 0 && values.every((v) => v === '' || v === null || (typeof v === 'string' && ONLY_VARS.test(v)))) placeholder = 'substitution';
  // Values written to be replaced (`<base64-encoded-password>`, `changeme`): an example, not a leak.
  else if (values.some((v) => typeof v === 'string' && isStrictPlaceholder(v)) && values.every((v) => v === '' || v === null || (typeof v === 'string' && (ONLY_VARS.test(v) || isStrictPlaceholder(v))))) placeholder = 'example';
  const exampleKeys = keys.filter((k) => [obj(raw.data)[k], obj(raw.stringData)[k]].some((v) => typeof v === 'string' && isStrictPlaceholder(v)));
  return { ...base(d), type, keys, encrypted, placeholder, ...(exampleKeys.length > 0 ? { exampleKeys } : {}) };
}

/**
 * A SealedSecret, keys only (the reader wipes `encryptedData`; its keys stay). The scope comes from
 * the annotations the controller reads: cluster-wide wins over namespace-wide, as in kubeseal.
 */
export function toSealedSecret(d: WorkDoc): SealedSecret {
  const b = base(d);
  const spec = obj(d.body.spec);
  const template = obj(spec.template);
  const keys = [...new Set([...Object.keys(obj(spec.encryptedData)), ...Object.keys(obj(template.data))])].sort();
  const on = (key: string) => str(b.annotations[`sealedsecrets.bitnami.com/${key}`]) === 'true';
  const scope: SealedSecret['scope'] = on('cluster-wide') ? 'cluster-wide' : on('namespace-wide') ? 'namespace-wide' : 'strict';
  const type = str(template.type);
  return { ...b, keys, scope, secretType: type === 'Opaque' ? null : type };
}
