/**
 * Plain Secrets left in git where an encrypted one was meant to be, which no Flux build applies:
 * the decrypted copy an editor writes beside a SOPS file (VS Code's SOPS extension saves
 * `.decrypted~secret.yaml`), a `secret.dec.yaml`.
 * The values are in the git history whether or not Flux applies the file (outside review: a committed
 * `.decrypted~secret.yaml` holding a password got only NOT_DEPLOYED, "manifests are not checked").
 * So their PLAIN_SECRET is kept where a file no build applies has its findings left out
 * (analysis/index.ts deployedOnly), and says what to do with a copy: delete it, from history too.
 */
import { finding, type Finding } from '../../model/finding.ts';
import { rotated } from './plain.ts';
import { NOT_A_SECRET_FILE } from './sops.ts';
import type { PlainSecretRow } from './types.ts';

/** Names a decrypted copy goes by: `.decrypted~secret.yaml`, `secret.dec.yaml`, `secret.decrypted.yaml`. */
const DECRYPTED_COPY = /(?:^|\/)(?:\.decrypted~[^/]+|[^/]+\.dec\.ya?ml|[^/]+\.decrypted\.ya?ml)$/i;

/**
 * Why a file's plain Secret is a leftover copy (a sentence part), or null: its name says it is a
 * decrypted copy. A file a `.sops.yaml` rule covers that is no copy (a bootstrap script's deploy key)
 * keeps SOPS_NOT_ENCRYPTED's "encrypt it, rotate", not "delete it" (code review). Examples are meant
 * to be plain.
 */
function meantEncrypted(file: string): string | null {
  if (NOT_A_SECRET_FILE.test(file)) return null;
  return DECRYPTED_COPY.test(file) ? 'its name says it is a decrypted copy' : null;
}

/** Where a finding or a row is: file, line and column. */
export const placeOf = (x: { source: { file: string; line: number; col: number } }): string => `${x.source.file}:${x.source.line}:${x.source.col}`;

/**
 * The plain Secrets with literal values that the inventory marks not deployed and that were meant to
 * be encrypted, by place, with why. One list for the inventory, which words their finding, and for
 * analysis/index.ts, which keeps it where it leaves out the findings of what Flux does not apply.
 */
export function leftCopies(rows: readonly PlainSecretRow[]): Map<string, { row: PlainSecretRow; why: string }> {
  const out = new Map<string, { row: PlainSecretRow; why: string }>();
  for (const row of rows) {
    const why = row.status === 'real' && row.notDeployed ? meantEncrypted(row.source.file) : null;
    if (why !== null) out.set(placeOf(row), { row, why });
  }
  return out;
}

/** PLAIN_SECRET for a plain Secret Flux does not apply, in a file meant to be encrypted. */
export function leftCopyFinding(row: PlainSecretRow, why: string): Finding {
  return finding(
    'PLAIN_SECRET',
    'error',
    `Secret "${row.name}" is committed unencrypted with literal values under: ${row.literalKeys.join(', ')} (${why}). Flux does not apply this file, but the values are in the git history: delete the file, remove it from the history (\`git filter-repo --invert-paths --path ${row.source.file}\`), and rotate ${rotated(row.literalKeys)}. The values are not shown.`,
    row.source,
    { area: 'secrets', objectId: row.id, ...(row.appId ? { appId: row.appId } : {}) },
  );
}
