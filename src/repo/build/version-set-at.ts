/**
 * Where a patch wrote the version a chart is taken at: a HelmRelease's `spec.chart.spec.version`, the
 * `spec.ref` of an OCIRepository (a chartRef's version) or a HelmChart's `spec.version`. An overlay
 * pins a chart by a patch of its kustomization.yaml (or a Component's, or a Flux Kustomization's
 * spec.patches), so the base file's line says another version: a page cites the patch entry, as it
 * cites an `images:` entry for an image (ImageSetAt; outside review: "helmrelease.yaml:1 ... 6.7.0"
 * where that file says 6.5.0).
 *
 * The same for two more kinds of field a patch often writes: a HelmRelease's Flux settings
 * (release-settings.ts: a parent's defaults of `install.remediation` for every release), and a Flux
 * Kustomization's `spec.patches` (a parent's patch that gives every child Kustomization those
 * defaults), so a setting such a child's patch writes is cited where it is written, the parent's entry.
 */
import { writtenSettings } from '../../model/release-settings.ts';
import type { Source } from '../../model/source.ts';
import { at, obj, type Obj, str } from '../../model/values.ts';

/** A version field a patch wrote, with its value then (JSON), so that a later change is not cited there. */
export interface VersionSetAt {
  source: Source;
  value: string;
}

const HELM_RELEASE = 'helm.toolkit.fluxcd.io/HelmRelease';

/** The version fields (and a Flux Kustomization's patches) by `group/kind`, as key paths. */
const VERSION_FIELDS: Readonly<Record<string, readonly string[]>> = {
  [HELM_RELEASE]: ['spec.chart.spec.version'],
  'source.toolkit.fluxcd.io/OCIRepository': ['spec.ref'],
  'source.toolkit.fluxcd.io/HelmChart': ['spec.version'],
  'kustomize.toolkit.fluxcd.io/Kustomization': ['spec.patches'],
};

/** The object's version fields (and a HelmRelease's settings) by key path, each as JSON (absent: not there). */
export function versionsByPath(body: Obj): Map<string, string> {
  const out = new Map<string, string>();
  const apiVersion = str(body.apiVersion) ?? '';
  const kind = `${apiVersion.slice(0, Math.max(0, apiVersion.lastIndexOf('/')))}/${str(body.kind) ?? ''}`;
  for (const path of VERSION_FIELDS[kind] ?? []) {
    const v = at(body, path);
    if (v !== undefined) out.set(path, JSON.stringify(v));
  }
  if (kind === HELM_RELEASE) for (const s of writtenSettings(obj(body.spec))) out.set(`spec.${s.path}`, JSON.stringify(s.raw));
  return out;
}

/** `setAt` with the version fields a patch at `source` changed (from `before` to what `body` holds now). */
export function versionsSetBy(before: ReadonlyMap<string, string>, body: Obj, source: Source, setAt: Readonly<Record<string, VersionSetAt>> | undefined): Readonly<Record<string, VersionSetAt>> | undefined {
  let out = setAt;
  for (const [path, value] of versionsByPath(body)) if (before.get(path) !== value) out = { ...out, [path]: { source, value } };
  return out;
}

/** Where the version (or setting) at `path` was written: the patch that set it, while the object still holds that value; else null. */
export function versionPatchAt(setAt: Readonly<Record<string, VersionSetAt>> | undefined, body: Obj, path: string): Source | null {
  const set = setAt?.[path];
  return set !== undefined && set.value === JSON.stringify(at(body, path)) ? set.source : null;
}
