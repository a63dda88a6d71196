import { writtenSettings, type ReleaseSetting } from '../../model/release-settings.ts';
import type { Obj } from '../../model/values.ts';
import type { WorkDoc } from '../build/work-doc.ts';
import { versionLineOf } from './base.ts';

/**
 * A HelmRelease's Flux settings as built (after every patch, where interval and timeout are read
 * too), each cited where it is written: the patch entry that set it (an overlay's kustomization.yaml,
 * a Flux Kustomization's spec.patches, a parent's defaults for every release; version-set-at.ts), else
 * its line in the HelmRelease. A patch decides what helm-controller does, so the page says the value
 * it leaves, not the one the base file writes.
 */
export function settingsOf(d: WorkDoc, spec: Obj): { settings?: ReleaseSetting[] } {
  const settings = writtenSettings(spec).map(({ path, value, list }) => ({ path, value, ...(list ? { list } : {}), source: versionLineOf(d, `spec.${path}`) }));
  return settings.length > 0 ? { settings } : {};
}
