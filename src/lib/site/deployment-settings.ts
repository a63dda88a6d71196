/**
 * A Flux Kustomization's settings that the Deployment table has no column for, worded once for the app
 * page, the README export and the diff: `spec.retryInterval` and `spec.decryption`
 * (https://fluxcd.io/flux/components/kustomize/kustomizations/#retry-interval, #decryption).
 */
import type { AppFacts } from './app-facts-schema.ts';

type Deployment = AppFacts['deployment'][number];

/** `sops, keys from Secret sops-age`: the provider and the Secret's name, never its content. */
export function decryptionText(d: NonNullable<Deployment['decryption']>): string {
  return d.secret ? `${d.provider}, keys from Secret ${d.secret}` : `${d.provider}, no secretRef (the controller's own keys)`;
}

/** The lines a Kustomization's entry adds under the table: its retry interval and decryption, where set. */
export function deploymentSettingLines(d: Deployment): string[] {
  return [d.retryInterval ? `retryInterval ${d.retryInterval}` : '', d.decryption ? `decryption: ${decryptionText(d.decryption)}` : ''].filter(Boolean);
}
