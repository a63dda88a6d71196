/**
 * OBJECT_NAME_INVALID: an object a build applies has a name the API server refuses. Object names are
 * DNS-1123 subdomains (lower-case letters, digits, `-` and `.`, starting and ending with a letter or
 * digit, at most 253 characters): core and apps kinds, and custom resources too (the apiextensions
 * server validates their names the same way); RBAC kinds take any path segment (`system:...`). A name
 * is usually wrong after postBuild substitution (outside review: `APP: "radarr radarr_log"` gave a
 * component's ExternalSecrets the name `radarr radarr_log-initdb`), which kustomize builds without a
 * word; Flux's server-side apply then refuses the object and the Kustomization applies nothing.
 * Not judged: a name with a variable left unresolved or a template, one a chart renders from values,
 * an object no build applies, and a SOPS document (encrypted whole, its name is ciphertext).
 */
import { finding, type Finding } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { isFromValues, isLive, unknownName } from './common.ts';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

type Input = Pick<RepoModel, 'objects' | 'kustomizations' | 'sopsFiles'> & Partial<Pick<RepoModel, 'helmReleases' | 'secrets' | 'externalSecrets'>>;

/** A variable as Flux's postBuild substitution reads it (`${VAR}`, `${VAR:-default}`, `${VAR:=x}`). */
const FLUX_VAR = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:[:][-=+?][^}]*|[-=+?][^}]*)?\}/g;

export function objectNameFindings(model: Input): Finding[] {
  if (!model.kustomizations.some((k) => k.isRoot && !k.disabled)) return [];
  const out: Finding[] = [];
  // (Not a SOPS document: encrypted whole, its name is ciphertext until Flux decrypts it.)
  const sops = new Set(model.sopsFiles.map((f) => f.file));
  for (const o of model.objects) {
    if (sops.has(o.source.file) || unknownName(o.name) || o.group === 'rbac.authorization.k8s.io' || isFromValues(o) || !isLive(o, model)) continue;
    if (o.name.length <= 253 && SUBDOMAIN.test(o.name)) continue;
    const why =
      o.name.length > 253 ? `is ${o.name.length} characters long (at most 253)`
      : /[A-Z]/.test(o.name) ? 'has upper-case letters'
      : /\s/.test(o.name) ? 'has a space'
      : /_/.test(o.name) ? 'has an underscore'
      : /[^a-z0-9.-]/.test(o.name) ? 'has a character other than lower-case letters, digits, "-" and "."'
      : o.name === '' ? 'is empty'
      : 'starts or ends with "-" or ".", or has an empty part between dots';
    out.push(
      finding(
        'OBJECT_NAME_INVALID',
        'error',
        `${o.kind} "${o.name}" ${why}: the API server refuses the name (a DNS-1123 subdomain), so Flux's apply fails and the Kustomization applies nothing of its build. Where the name comes from a postBuild substitution, fix the variable's value.`,
        o.source,
        { area: 'flux', objectId: o.id, ...(o.appId ? { appId: o.appId } : {}) },
      ),
    );
  }
  return [...out, ...unsubstitutedNameFindings(model, sops)];
}

/**
 * A name or namespace written with `${VAR}` in a build whose Kustomization has no postBuild: Flux
 * substitutes nothing there, so the API server gets the `${...}` as written and refuses it; the apply
 * of the whole Kustomization fails (outside review: a shared infrastructure folder whose staging
 * Kustomization substitutes `${default_k8s_cert_name}` and whose production one has no postBuild).
 * One finding a Kustomization, at its first such object, since one cause stops them all.
 */
function unsubstitutedNameFindings(model: Input, sops: ReadonlySet<string>): Finding[] {
  const ks = new Map(model.kustomizations.map((k) => [k.id, k]));
  const noPostBuild = (owner: string | null) => {
    const k = owner === null ? undefined : ks.get(owner);
    return k !== undefined && k.postBuild.substitute.length === 0 && k.postBuild.substituteFrom.length === 0;
  };
  const byKs = new Map<string, { o: Input['objects'][number]; field: string; vars: string[] }[]>();
  const all = [...model.objects, ...(model.helmReleases ?? []), ...(model.kustomizations ?? []), ...(model.secrets ?? []), ...(model.externalSecrets ?? [])];
  const seen = new Set<string>();
  for (const o of all) {
    if (o.owner === null || sops.has(o.source.file) || isFromValues(o) || !noPostBuild(o.owner) || !isLive(o, model)) continue;
    for (const [field, value] of [['name', o.name], ['namespace', o.namespace ?? '']] as const) {
      const vars = [...value.matchAll(FLUX_VAR)].map((m) => m[1]!);
      const key = `${o.id}|${field}`;
      if (vars.length === 0 || seen.has(key)) continue;
      seen.add(key);
      (byKs.get(o.owner) ?? byKs.set(o.owner, []).get(o.owner)!).push({ o, field, vars });
    }
  }
  const out: Finding[] = [];
  for (const [owner, list] of byKs) {
    const k = ks.get(owner)!;
    list.sort((a, b) => a.o.source.file.localeCompare(b.o.source.file) || a.o.source.line - b.o.source.line);
    const first = list[0]!;
    const vars = [...new Set(list.flatMap((x) => x.vars))].sort();
    // Where another Kustomization substitutes them (the same folder, another cluster's): said.
    const elsewhere = model.kustomizations.filter((x) => x.id !== k.id && !x.disabled && vars.some((v) => x.postBuild.substitute.includes(v))).map((x) => `${x.namespace ?? ''}/${x.name}${x.cluster ? ` (cluster ${x.cluster})` : ''}`);
    const more = list.length > 1 ? ` (and ${list.length - 1} more object${list.length > 2 ? 's' : ''} of its build)` : '';
    out.push(
      finding(
        'OBJECT_NAME_INVALID',
        'error',
        `${first.o.kind} "${first.o.name}"${first.field === 'namespace' ? ` in namespace "${first.o.namespace}"` : ''}${more} keeps ${vars.map((v) => `\${${v}}`).join(', ')} as written: Kustomization ${k.namespace ?? ''}/${k.name}${k.cluster ? ` (cluster ${k.cluster})` : ''} that applies it substitutes no variables (no postBuild.substitute or substituteFrom), so Flux replaces nothing, the API server refuses the ${first.field}, and the Kustomization applies nothing of its build. Give it postBuild.substitute or substituteFrom with ${vars.length > 1 ? 'these variables' : 'the variable'}${elsewhere.length > 0 ? ` (as ${elsewhere.slice(0, 2).join(' and ')} ${elsewhere.length > 1 ? 'do' : 'does'})` : ''}, or write the value.`,
        first.o.source,
        { area: 'flux', objectId: first.o.id, ...(first.o.appId ? { appId: first.o.appId } : {}) },
      ),
    );
  }
  return out;
}
