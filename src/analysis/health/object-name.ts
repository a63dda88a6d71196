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

type Input = Pick<RepoModel, 'objects' | 'kustomizations' | 'sopsFiles'>;

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
  return out;
}
