import { offInText, type RawDoc } from '../../model/raw-doc.ts';
import type { SopsRule } from '../../model/secrets.ts';
import { arr, obj, str } from '../../model/values.ts';
import { azureKvId, hcVaultId, safeUrl } from '../sops-meta.ts';

const CONFIG = /(^|\/)\.sops\.ya?ml$/;

/**
 * Creation rules of every `.sops.yaml` of the repository (the root's, and a folder's own, as Flux's
 * SOPS guide puts one in each cluster's folder), in file order: which paths must be encrypted, and
 * for whom. Which config governs a file is the nearest one above it (compileRules).
 * https://github.com/getsops/sops#using-sops-yaml-conf-to-select-kms-pgp-and-age-for-new-files
 */
export function sopsRules(docs: readonly RawDoc[]): SopsRule[] {
  // The first document of each (sops reads one); not a commented-out one. A config no kustomization
  // lists is still sops's config.
  const configs = new Map<string, RawDoc>();
  for (const d of docs) if (CONFIG.test(d.source.file) && !offInText(d.disabled) && d.source.docIndex !== undefined && !configs.has(d.source.file)) configs.set(d.source.file, d);
  return [...configs.values()].flatMap((config) => rulesOf(config));
}

/**
 * A rule's keys, read as sops reads them (config/config.go, getKeyGroupsFromCreationRule): where the
 * rule has `key_groups`, those alone (sops ignores the rule's own `age:`, `kms:` ... then), each group's
 * `merge:` groups included; else the rule's own fields, each a comma-separated string or a list of them.
 * A key group lists age and pgp keys and Vault URIs as strings, and cloud keys as objects
 * (`kms: [{arn, role}]`, `gcp_kms: [{resource_id}]`, `azure_keyvault: [{vaultUrl, key, version}]`).
 * https://github.com/getsops/sops#key-groups
 */
function rulesOf(config: RawDoc): SopsRule[] {
  return arr(obj(config.value).creation_rules).map((r, i) => {
    const rule = obj(r);
    const keys: Keys = { age: [], pgp: [], kms: [], gcpKms: [], azureKv: [], hcVault: [] };
    const groups = arr(rule.key_groups);
    if (groups.length > 0) for (const g of groups) addGroup(keys, obj(g), 0);
    else {
      keys.age.push(...strings(rule.age));
      keys.pgp.push(...strings(rule.pgp));
      keys.kms.push(...strings(rule.kms).map(kmsArn));
      keys.gcpKms.push(...strings(rule.gcp_kms).map(noSpaces));
      keys.azureKv.push(...strings(rule.azure_keyvault).map(azureUrlId));
      keys.hcVault.push(...strings(rule.hc_vault_transit_uri).map(vaultUriId));
    }
    const selection = Object.entries({
      encryptedSuffix: str(rule.encrypted_suffix),
      unencryptedRegex: str(rule.unencrypted_regex),
      unencryptedSuffix: str(rule.unencrypted_suffix),
      encryptedCommentRegex: str(rule.encrypted_comment_regex),
      unencryptedCommentRegex: str(rule.unencrypted_comment_regex),
    }).filter((e): e is [string, string] => e[1] !== null);
    return {
      pathRegex: str(rule.path_regex),
      encryptedRegex: str(rule.encrypted_regex),
      ...Object.fromEntries(selection),
      age: unique(keys.age),
      pgp: unique(keys.pgp),
      kms: unique(keys.kms),
      gcpKms: unique(keys.gcpKms),
      azureKv: unique(keys.azureKv),
      hcVault: unique(keys.hcVault),
      source: { file: config.source.file, line: config.lines[`creation_rules.${i}`] ?? config.source.line, col: 1 },
    };
  });
}

type Keys = Pick<SopsRule, 'age' | 'pgp' | 'kms' | 'gcpKms' | 'azureKv' | 'hcVault'>;

function addGroup(keys: Keys, g: Record<string, unknown>, depth: number): void {
  // (A group merging itself through anchors would never end; sops's own configs nest a level or two.)
  if (depth < 8) for (const m of arr(g.merge)) addGroup(keys, obj(m), depth + 1);
  keys.age.push(...strings(g.age));
  keys.pgp.push(...strings(g.pgp));
  keys.kms.push(...entries(g.kms, (e) => str(e.arn)).map(kmsArn));
  keys.gcpKms.push(...entries(g.gcp_kms, (e) => str(e.resource_id)).map(noSpaces));
  keys.azureKv.push(...entries(g.azure_keyvault, (e) => azureKvId(str(e.vaultUrl), str(e.key))));
  keys.hcVault.push(...strings(g.hc_vault).map(vaultUriId));
}

/** A comma-separated string, or a list of such strings, as keys. */
function strings(v: unknown): string[] {
  const texts = typeof v === 'string' ? [v] : arr(v).map((x) => str(x) ?? '');
  return texts.flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean);
}

/** A key group's list of key objects (a bare string is taken as written too). */
function entries(v: unknown, id: (e: Record<string, unknown>) => string | null): string[] {
  return arr(v).flatMap((x) => (typeof x === 'string' ? strings(x) : [id(obj(x))?.trim() ?? ''])).filter(Boolean);
}

/** sops drops spaces from AWS and GCP key ids, and splits an AWS role off (`<key ARN>+arn:aws:iam::…:role/…`). */
function kmsArn(arn: string): string {
  const a = noSpaces(arn);
  const role = a.indexOf('+arn:aws:iam::');
  return role > 0 ? a.slice(0, role) : a;
}

function noSpaces(s: string): string {
  return s.replace(/ /g, '');
}

/** `https://<vault>/keys/<name>[/<version>]` (azkv.NewMasterKeyFromURL) as azureKvId names it; anything else as written. */
function azureUrlId(url: string): string {
  const m = /^(https:\/\/[^/]+)\/keys\/([^/]+)(?:\/[^/]*)?$/.exec(url);
  return (m ? azureKvId(m[1]!, m[2]!) : safeUrl(url)) ?? url;
}

/**
 * `https://vault:8200/v1/<engine path>/keys/<name>` (hcvault.NewMasterKeyFromURI: the address is the
 * URL without its path, the engine path what lies between `v1` and `keys`) as hcVaultId names it;
 * anything else as written (sops refuses it).
 */
function vaultUriId(uri: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]+)(\/[^?#]*)$/i.exec(uri);
  const dirs = m ? m[2]!.replace(/^\/+|\/+$/g, '').split('/') : [];
  if (!m || dirs.length < 4 || !/^v\d+$/.test(dirs[0]!)) return safeUrl(uri) ?? uri;
  return hcVaultId(m[1]!, `${dirs.slice(1, -2).join('/')}/${dirs.at(-1)!}`) ?? uri;
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}
