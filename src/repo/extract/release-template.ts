/**
 * A value of Helm values that the chart passes through `tpl` (app-template renders hosts, claim names
 * and Secret names so; bitnami's `common.tplvalues.render` does too): `{{ .Release.Name }}` is the
 * release's name, which the model knows (HelmRelease.releaseName). Any other template (`{{ .Values.x }}`)
 * cannot be named here: null.
 */
export function withReleaseName(text: string, releaseName: string): string | null {
  if (!text.includes('{{')) return text;
  const out = text.replace(/\{\{-?\s*\.Release\.Name\s*-?\}\}/g, releaseName);
  return out.includes('{{') ? null : out;
}
