import type { SopsMeta } from '../model/raw-doc.ts';
import { redactUrls } from './redact-url.ts';

/**
 * What we keep of a SOPS `sops:` block: who can decrypt it (recipients and key ids), when it was
 * last changed and which fields it encrypts. The MAC and every encrypted data key (`enc`) are
 * dropped: they are useless to a reader and we never want to publish ciphertext.
 * Field names follow the SOPS file format (https://github.com/getsops/sops#encrypted-file-format);
 * both snake_case (files) and camelCase spellings are accepted.
 */
export function extractSopsMeta(block: unknown): SopsMeta {
  const b = asRecord(block);
  const meta: SopsMeta = {
    age: [],
    pgp: [],
    kms: [],
    gcpKms: [],
    azureKv: [],
    hcVault: [],
    lastmodified: str(b['lastmodified']),
    encryptedRegex: str(b['encrypted_regex']),
    encryptedSuffix: str(b['encrypted_suffix']),
    unencryptedRegex: str(b['unencrypted_regex']),
    unencryptedSuffix: str(b['unencrypted_suffix']),
    version: str(b['version']),
  };
  const encryptedComments = str(b['encrypted_comment_regex']);
  const unencryptedComments = str(b['unencrypted_comment_regex']);
  if (encryptedComments !== null) meta.encryptedCommentRegex = encryptedComments;
  if (unencryptedComments !== null) meta.unencryptedCommentRegex = unencryptedComments;
  addKeys(meta, b);
  // SOPS >= 3.2 may group keys (`key_groups: [{ age: [...], pgp: [...] }]`) for Shamir sharing.
  const groups = b['key_groups'];
  if (Array.isArray(groups)) for (const g of groups) addKeys(meta, asRecord(g));
  for (const k of ['age', 'pgp', 'kms', 'gcpKms', 'azureKv', 'hcVault'] as const) {
    meta[k] = [...new Set(meta[k])].sort();
  }
  return meta;
}

function addKeys(meta: SopsMeta, b: Record<string, unknown>): void {
  for (const e of list(b['age'])) push(meta.age, str(e['recipient']));
  for (const e of list(b['pgp'])) push(meta.pgp, str(e['fp']));
  for (const e of list(b['kms'])) push(meta.kms, str(e['arn']));
  for (const e of list(b['gcp_kms'])) push(meta.gcpKms, str(e['resource_id']));
  for (const e of list(b['azure_kv'])) push(meta.azureKv, azureKvId(str(e['vault_url']) ?? str(e['vaultUrl']), str(e['name']) ?? str(e['key'])));
  for (const e of list(b['hc_vault'])) {
    const path = [str(e['engine_path']), str(e['key_name'])].filter((x) => x !== null).join('/') || str(e['path']);
    push(meta.hcVault, hcVaultId(str(e['vault_address']), path));
  }
}

/**
 * How an Azure Key Vault key is named in the inventory: `<vault URL>/keys/<name>`, without the
 * version (a file records the version it was encrypted with; a `.sops.yaml` rule may leave it out
 * for the latest). The one spelling for a file's metadata and a creation rule, so the two compare.
 */
export function azureKvId(vaultUrl: string | null, name: string | null): string | null {
  const url = safeUrl(vaultUrl);
  return url && name ? `${url.replace(/\/+$/, '')}/keys/${name}` : (url ?? name);
}

/** How a Vault transit key is named in the inventory: `<address>/<engine path>/<key name>` (as azureKvId, for both sides). */
export function hcVaultId(address: string | null, path: string | null): string | null {
  const addr = safeUrl(address);
  return addr && path ? `${addr.replace(/\/+$/, '')}/${path}` : (addr ?? path);
}

/** Vault addresses are URLs: user info or a `?token=` in them must not reach the inventory. */
export function safeUrl(url: string | null): string | null {
  return url === null ? null : redactUrls(url).text;
}

function asRecord(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function list(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.map(asRecord) : [];
}

/** Strings as they are; numbers and dates (an unquoted `lastmodified` may parse as one) as text. */
function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  return null;
}

function push(into: string[], v: string | null | undefined): void {
  if (v) into.push(v);
}
