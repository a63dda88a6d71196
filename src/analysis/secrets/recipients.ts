/**
 * Recipients and creation rules: who a SOPS file is encrypted for, who `.sops.yaml` says it should
 * be encrypted for, and which rule applies to a path. All public keys and key ids, never key material.
 */
import { finding, type Finding } from '../../model/finding.ts';
import { posix } from 'node:path';
import type { SopsMeta } from '../../model/raw-doc.ts';
import { goRegExp, selectionOf } from '../../model/sops-selection.ts';
import type { SopsRule } from '../../model/secrets.ts';
import type { Recipient, RuleRef } from './types.ts';

/** `age1styn76g8…489nqvhjq` -> `age1styn76…hjq`: enough to tell keys apart in a table. */
function shortRecipient(type: Recipient['type'], id: string): string {
  if (type === 'age') return id.length > 16 ? `${id.slice(0, 10)}…${id.slice(-3)}` : id;
  // The long key id (last 16 hex digits) is what `gpg --list-keys` users recognise.
  if (type === 'pgp') {
    const hex = id.replace(/\s+/g, '');
    return hex.length > 16 ? hex.slice(-16).toUpperCase() : hex.toUpperCase();
  }
  return id;
}

/** Comparison key: pgp fingerprints are written with and without spaces, in either case. */
function recipientKey(type: Recipient['type'], id: string): string {
  return type === 'pgp' ? `pgp:${id.replace(/\s+/g, '').toUpperCase()}` : `${type}:${id.trim()}`;
}

function makeRecipient(type: Recipient['type'], id: string, names: Readonly<Record<string, string>>): Recipient {
  const want = recipientKey(type, id);
  const named = Object.entries(names).find(([k]) => recipientKey(type, k) === want)?.[1] ?? null;
  return { type, id, short: shortRecipient(type, id), name: named };
}

/** The key lists a file's `sops:` metadata and a creation rule both carry, spelled alike (repo/sops-meta.ts). */
type KeyLists = Pick<SopsMeta, 'age' | 'pgp' | 'kms' | 'gcpKms' | 'azureKv' | 'hcVault'>;

export function metaRecipients(meta: KeyLists, names: Readonly<Record<string, string>>): Recipient[] {
  return [
    ...meta.age.map((id) => makeRecipient('age', id, names)),
    ...meta.pgp.map((id) => makeRecipient('pgp', id, names)),
    ...meta.kms.map((id) => makeRecipient('kms', id, names)),
    ...meta.gcpKms.map((id) => makeRecipient('gcp-kms', id, names)),
    ...meta.azureKv.map((id) => makeRecipient('azure-kv', id, names)),
    ...meta.hcVault.map((id) => makeRecipient('hc-vault', id, names)),
  ];
}

/** Every key a creation rule lists, of every kind sops encrypts for (cloud KMS keys and Vault too). */
export function ruleRecipients(rule: SopsRule, names: Readonly<Record<string, string>>): Recipient[] {
  return metaRecipients(rule, names);
}

/** Recipients of `want` that `have` lacks, compared by key. */
export function missingFrom(want: readonly Recipient[], have: readonly Recipient[]): Recipient[] {
  const keys = new Set(have.map((r) => recipientKey(r.type, r.id)));
  return want.filter((r) => !keys.has(recipientKey(r.type, r.id)));
}

export function describeRecipient(r: Recipient): string {
  return r.name ? `${r.short} (${r.name})` : r.short;
}

export interface CompiledRule {
  ref: RuleRef;
  rule: SopsRule;
  /** The folder of the rule's `.sops.yaml` ('' for the root's). */
  dir: string;
  test: (path: string) => boolean;
}

/**
 * SOPS matches `path_regex` (Go RE2, unanchored) against the path relative to `.sops.yaml`, and
 * the first matching rule wins; a rule without `path_regex` matches every file. The config that
 * governs a file is the nearest `.sops.yaml` above it (sops looks for one from where it runs
 * upwards; a folder's own config, as Flux's SOPS guide keeps one per cluster folder, is there for the
 * files below it). Go's syntax is read as sops-selection.ts reads it (inline `(?i)` flags); a pattern
 * JS cannot compile is a finding and matches nothing. `ref.index` counts the rules of the rule's own config.
 */
export function compileRules(rules: readonly SopsRule[]): { match: (file: string) => CompiledRule | null; rules: readonly CompiledRule[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const perConfig = new Map<string, number>();
  const compiled: CompiledRule[] = rules.map((rule) => {
    const index = perConfig.get(rule.source.file) ?? 0;
    perConfig.set(rule.source.file, index + 1);
    const ref: RuleRef = { index, pathRegex: rule.pathRegex, source: rule.source };
    const dir = rule.source.file.includes('/') ? posix.dirname(rule.source.file) : '';
    if (rule.pathRegex === null) return { ref, rule, dir, test: () => true };
    try {
      const re = goRegExp(rule.pathRegex);
      return { ref, rule, dir, test: (p: string) => re.test(p) };
    } catch (error) {
      findings.push(
        finding('SOPS_RULE_INVALID_REGEX', 'warning', `The path_regex of creation rule ${index + 1} cannot be read (${(error as Error).message}); no file is matched against it here.`, rule.source, { area: 'secrets' }),
      );
      return { ref, rule, dir, test: () => false };
    }
  });
  const dirs = [...new Set(compiled.map((c) => c.dir))].sort((a, b) => b.length - a.length);
  const match = (file: string): CompiledRule | null => {
    const dir = dirs.find((d) => d === '' || file.startsWith(`${d}/`));
    if (dir === undefined) return null;
    const rel = dir === '' ? file : file.slice(dir.length + 1);
    return compiled.find((c) => c.dir === dir && c.test(rel)) ?? null;
  };
  return { match, rules: compiled, findings };
}

/**
 * The creation rule, of the same `.sops.yaml` as `governing`, that a file was evidently made under:
 * its recipients are exactly that rule's and it encrypts what that rule chooses (encrypted_regex,
 * suffix ...), while the rule that governs its path differs. A file renamed out of its rule's
 * path_regex (`global-secrets.yaml` beside a rule for `*.sops.yaml`), or encrypted with `--config`
 * or by hand: `sops updatekeys` would re-key it for the governing rule. Null when none fits.
 */
export function ruleMadeUnder(meta: SopsMeta, recipients: readonly Recipient[], governing: CompiledRule, all: readonly CompiledRule[]): CompiledRule | null {
  const chosen = selectionOf(meta);
  return (
    all.find((c) => {
      if (c === governing || c.rule.source.file !== governing.rule.source.file) return false;
      const keys = ruleRecipients(c.rule, {});
      const same = selectionOf(c.rule);
      return keys.length > 0 && missingFrom(keys, recipients).length === 0 && missingFrom(recipients, keys).length === 0 && same.kind === chosen.kind && same.value === chosen.value;
    }) ?? null
  );
}

/** Another creation rule of `governing`'s `.sops.yaml` that lists the recipient, or null. */
export function otherRuleListing(r: Recipient, governing: CompiledRule, all: readonly CompiledRule[]): CompiledRule | null {
  return all.find((c) => c !== governing && c.rule.source.file === governing.rule.source.file && missingFrom([r], ruleRecipients(c.rule, {})).length === 0) ?? null;
}
