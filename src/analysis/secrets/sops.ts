/**
 * SOPS files against the `.sops.yaml` creation rules: who each file is encrypted for, which rule
 * applies, files the rules say must be encrypted but are not, files encrypted for fewer keys than
 * the rule declares (`sops updatekeys`), and plain values left inside an encrypted file.
 * https://github.com/getsops/sops#using-sops-yaml-conf-to-select-kms-pgp-and-age-for-new-files
 */
import { finding, type Finding } from '../../model/finding.ts';
import { fileSource } from '../../model/source.ts';
import type { Redaction, SopsMeta } from '../../model/raw-doc.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { DEFAULT_UNENCRYPTED_SUFFIX, selectionOf } from '../../model/sops-selection.ts';
import { rotated } from './plain.ts';
import { compileRules, describeRecipient, metaRecipients, missingFrom, otherRuleListing, ruleMadeUnder, ruleRecipients } from './recipients.ts';
import type { NotEncryptedRow, PlainSecretRow, Recipient, SecretsInventory, SopsFileRow } from './types.ts';

export interface SopsPart {
  sopsRules: SecretsInventory['sopsRules'];
  sopsFiles: SopsFileRow[];
  notEncrypted: NotEncryptedRow[];
  findings: Finding[];
}

const SOPS_NAME = /(^|\/)[^/]+\.sops\.ya?ml$/;
const YAML_FILE = /\.ya?ml$/i;
/** The configuration file itself, and placeholders meant to be copied, are not secrets. */
export const NOT_A_SECRET_FILE = /(^|\/)\.sops\.ya?ml$|\.example\.ya?ml$|(^|\/)examples?\//;

export function sopsInventory(
  model: RepoModel,
  names: Readonly<Record<string, string>>,
  plainSecrets: readonly PlainSecretRow[],
  gitDates: ReadonlyMap<string, string>,
): SopsPart {
  const rules = compileRules(model.sopsRules);
  const findings: Finding[] = [...rules.findings];

  // Where each commented-out Secret starts (not one of a file renamed `*.dis`, which sops could still encrypt).
  const commentedAt = new Set(model.secrets.filter((s) => s.disabled === 'commented').map((s) => `${s.source.file}:${s.source.line}`));
  const sopsFiles = model.sopsFiles.filter((f) => isSopsMetadata(f.meta)).map((f): SopsFileRow => {
    const recipients = metaRecipients(f.meta, names);
    const matched = rules.match(f.file);
    const declared = matched ? ruleRecipients(matched.rule, names) : [];
    const missing = matched ? missingFrom(declared, recipients) : [];
    // Only the recipient types the rule speaks about: a rule listing age keys says nothing of kms.
    const declaredTypes = new Set(declared.map((r) => r.type));
    const extra = matched ? missingFrom(recipients.filter((r) => declaredTypes.has(r.type)), declared) : [];
    // Made under another rule of the same config (outside review: Flux's own key, listed by the
    // cluster's rule, was called a key to remove from a file only the catch-all rule's path matches).
    const madeUnder = matched && (missing.length > 0 || extra.length > 0) ? ruleMadeUnder(f.meta, recipients, matched, rules.rules) : null;
    // Values the file's own settings leave plain (`username_unencrypted`) are plain by design.
    const plainValues = model.redactions.filter((r) => r.source.file === f.file && r.reason === 'secret-data' && r.sopsPlain !== true);
    // (A file two apps share, each cluster's copy of a base, files its findings on the first of them.)
    const findingApp = f.appId ?? f.apps?.[0] ?? null;
    const row: SopsFileRow = {
      file: f.file,
      source: f.source,
      appId: f.appId,
      ...(f.apps ? { apps: f.apps } : {}),
      disabled: f.disabled,
      documents: f.documents.map((d) => ({ kind: d.kind, name: d.name, namespace: d.namespace, keys: d.keys })),
      generatedInto: f.generatedInto,
      recipients,
      lastmodified: f.meta.lastmodified,
      gitChanged: gitDates.get(f.file) ?? null,
      encryptedRegex: f.meta.encryptedRegex,
      encryptedSuffix: f.meta.encryptedSuffix,
      unencryptedRegex: f.meta.unencryptedRegex,
      unencryptedSuffix: f.meta.unencryptedSuffix,
      ...(f.meta.encryptedCommentRegex !== undefined ? { encryptedCommentRegex: f.meta.encryptedCommentRegex } : {}),
      ...(f.meta.unencryptedCommentRegex !== undefined ? { unencryptedCommentRegex: f.meta.unencryptedCommentRegex } : {}),
      version: f.meta.version,
      rule: matched?.ref ?? null,
      ...(madeUnder ? { madeUnder: madeUnder.ref } : {}),
      // Against the rule it was made under, it lacks and keeps nothing: `updatekeys` is no fix.
      missingRecipients: madeUnder ? [] : missing,
      extraRecipients: madeUnder ? [] : extra,
      plainValuePaths: plainValues.map((r) => r.path),
    };
    if (madeUnder) {
      const setting = selectionOf(f.meta);
      const same = setting.kind === 'unencrypted_suffix' && setting.value === DEFAULT_UNENCRYPTED_SUFFIX ? 'recipients' : `recipients and ${setting.kind}`;
      const governs = matched!.ref.pathRegex === null ? `creation rule ${matched!.ref.index + 1} (no path_regex: every other file)` : `creation rule ${matched!.ref.index + 1}`;
      const [m, g] = [madeUnder.ref.index + 1, matched!.ref.index + 1];
      // (sops takes the first rule whose path_regex matches: the rule it was made under may match too, later.)
      const where = madeUnder.test(madeUnder.dir === '' ? f.file : f.file.slice(madeUnder.dir.length + 1))
        ? { why: `${madeUnder.ref.pathRegex === null ? 'that rule has no path_regex (every file)' : `its path matches that rule's path_regex \`${madeUnder.ref.pathRegex}\` too`}, but ${governs}, earlier in the file, governs it`, fix: `Move rule ${m} before rule ${g}, or narrow rule ${g}'s path_regex` }
        : { why: `its path does not match that rule's path_regex \`${madeUnder.ref.pathRegex}\`: ${governs} governs it`, fix: `Rename the file to match rule ${m}'s path_regex, or widen that path_regex` };
      findings.push(
        finding(
          'SOPS_FILE_OUTSIDE_RULE',
          'warning',
          `Encrypted as creation rule ${m} of ${madeUnder.rule.source.file} declares (the same ${same}), but ${where.why}, so \`sops updatekeys\` would re-key it for rule ${g}${extra.length > 0 ? ` and remove ${list(extra)}` : ''}. ${where.fix}; keep its keys as they are.`,
          f.source,
          { area: 'secrets', ...(findingApp ? { appId: findingApp } : {}) },
        ),
      );
    }
    if (!madeUnder && missing.length > 0) {
      findings.push(
        finding(
          'SOPS_MISSING_RECIPIENTS',
          'warning',
          `Encrypted for ${declared.length - missing.length} of the ${declared.length} recipients that creation rule ${matched!.ref.index + 1} of ${matched!.rule.source.file} declares; missing ${list(missing)}. Run \`${sops(matched!.rule, `updatekeys ${f.file}`)}\`.`,
          f.source,
          { area: 'secrets', ...(findingApp ? { appId: findingApp } : {}) },
        ),
      );
    }
    if (!madeUnder && extra.length > 0) {
      // A key another rule of the same config lists (the cluster's own, the one Flux decrypts with) is
      // not one to remove on this rule's word: the file may be meant for that rule.
      const elsewhere = extra.map((r) => [r, otherRuleListing(r, matched!, rules.rules)] as const).filter((e) => e[1] !== null);
      const advice =
        elsewhere.length === 0
          ? `Run \`${sops(matched!.rule, `updatekeys ${f.file}`)}\` and rotate the values.`
          : `${elsewhere.map(([r, c]) => `${describeRecipient(r)} is listed by creation rule ${c!.ref.index + 1} (path_regex \`${c!.ref.pathRegex ?? ''}\`)`).join('; ')}: if the file is meant for that rule, rename it to match its path_regex rather than re-key it, since \`sops updatekeys\` would remove that key; if not, run it and rotate the values.`;
      findings.push(
        finding(
          'SOPS_EXTRA_RECIPIENTS',
          'warning',
          `Still encrypted for ${list(extra)}, which creation rule ${matched!.ref.index + 1} of ${matched!.rule.source.file} no longer lists; that key can still decrypt it. ${advice}`,
          f.source,
          { area: 'secrets', ...(findingApp ? { appId: findingApp } : {}) },
        ),
      );
    }
    for (const r of plainValues) {
      // A commented-out Secret's values are said once for the Secret (commentedValueFindings, below).
      if (r.inComment) continue;
      // A YAML file's own documents are numbered; one commented out (`# stringData: ...`) is not. To
      // sops it is a comment, never encrypted, whatever the settings: in git as written.
      const commented = r.source.docIndex === undefined && YAML_FILE.test(f.file);
      const message = commented
        ? `"${r.path}" is plain text in a commented-out document of a SOPS-encrypted file: sops leaves comments as they are written, so the value is in git unencrypted. Delete the commented-out document (or encrypt it as a document of its own) and rotate the value. The value is not shown.`
        : `"${r.path}" is plain text inside a SOPS-encrypted file, where the file's own sops setting (${settingWords(f.meta)}) has sops encrypt it: it was written in after encryption. Encrypt it with sops and rotate the value. The value is not shown.`;
      findings.push(finding('SOPS_VALUE_NOT_ENCRYPTED', 'error', message, r.source, { area: 'secrets' }));
    }
    for (const f of commentedValueFindings(plainValues, plainSecrets.filter((p) => p.source.file === row.file && commentedAt.has(`${p.source.file}:${p.source.line}`)))) findings.push(f);
    return row;
  });

  const notEncrypted = notEncryptedFiles(model, plainSecrets, rules.match);
  for (const n of notEncrypted) {
    const why = n.reason === 'sops-file-name' ? 'its name says it is SOPS-encrypted' : 'it holds a Secret with literal values';
    findings.push(
      finding(
        'SOPS_NOT_ENCRYPTED',
        'error',
        `Creation rule ${n.rule.index + 1} of ${n.rule.source.file} covers this file and ${why}, but it has no sops metadata: it is committed in plain text. Encrypt it (\`${sops(n.rule, `--encrypt --in-place ${n.file}`)}\`) and rotate every value in it.`,
        n.source,
        { area: 'secrets' },
      ),
    );
  }

  // Numbered within their own `.sops.yaml`, as the findings name them.
  const seen = new Map<string, number>();
  const sopsRules = model.sopsRules.map((r) => ({
    index: seenBefore(seen, r.source.file),
    pathRegex: r.pathRegex,
    source: r.source,
    encryptedRegex: r.encryptedRegex,
    recipients: ruleRecipients(r, names),
  }));
  return { sopsRules, sopsFiles, notEncrypted, findings };
}

/**
 * Plain values of a Secret commented out inside a SOPS-encrypted file: comment text, which sops never
 * encrypts (it encrypts values only), so no `encrypted_regex` and no `sops --encrypt` hides them; git
 * holds them as written (outside review: democratic-csi's commented-out iSCSI Secret, its TrueNAS API
 * key in the comment, was said to be outside encrypted_regex). One finding per commented-out Secret, at
 * its first plain value, and only where the comment holds a credential, or file contents that may
 * (the plain-secret judgement: `real` or `unverified`); a user name or a `${VAR}` in a comment is none.
 */
function commentedValueFindings(values: readonly Redaction[], commented: readonly PlainSecretRow[]): Finding[] {
  const out: Finding[] = [];
  const said = new Set<PlainSecretRow>();
  for (const r of values) {
    if (!r.inComment) continue;
    // The commented-out Secret the value belongs to: the one that starts last before it.
    const row = commented.filter((p) => p.source.line <= r.source.line).sort((a, b) => b.source.line - a.source.line)[0];
    if (!row || said.has(row) || (row.status !== 'real' && row.status !== 'unverified')) continue;
    said.add(row);
    const keys = row.literalKeys.join(', ');
    out.push(
      finding(
        'SOPS_VALUE_NOT_ENCRYPTED',
        'error',
        `The commented-out Secret "${row.name}" (line ${row.source.line}) holds ${keys} in plain text in a comment of this SOPS-encrypted file: sops encrypts values, never comments, so git holds it as written and encrypting again does not hide it: remove the commented-out Secret from the file and from the git history, and rotate ${row.status === 'real' ? rotated(row.literalKeys) : 'the credentials it holds'}. The values are not shown.`,
        r.source,
        { area: 'secrets', objectId: row.id, ...(row.appId ? { appId: row.appId } : {}) },
      ),
    );
  }
  return out;
}

/**
 * Files a creation rule covers that should have been encrypted: those named `*.sops.yaml`, and
 * those holding a Secret with literal values under a rule that names paths (a catch-all rule only
 * picks keys for `sops -e`, it does not ask for every file to be encrypted). Templated and
 * placeholder Secrets are meant to be plain.
 */
function notEncryptedFiles(
  model: RepoModel,
  plainSecrets: readonly PlainSecretRow[],
  match: ReturnType<typeof compileRules>['match'],
): NotEncryptedRow[] {
  const encrypted = new Set(model.sopsFiles.map((f) => f.file));
  const out = new Map<string, NotEncryptedRow>();
  for (const f of model.files) {
    if (f.kind !== 'yaml' && f.kind !== 'disabled-yaml') continue;
    if (!SOPS_NAME.test(f.path) || NOT_A_SECRET_FILE.test(f.path) || encrypted.has(f.path)) continue;
    const rule = match(f.path);
    if (rule) out.set(f.path, { file: f.path, source: fileSource(f.path), rule: rule.ref, reason: 'sops-file-name' });
  }
  for (const s of plainSecrets) {
    const file = s.source.file;
    if (s.status !== 'real' || out.has(file) || encrypted.has(file) || NOT_A_SECRET_FILE.test(file)) continue;
    const rule = match(file);
    if (rule && rule.ref.pathRegex !== null) out.set(file, { file, source: s.source, rule: rule.ref, reason: 'secret-with-values' });
  }
  return [...out.values()].sort((a, b) => a.file.localeCompare(b.file));
}

/**
 * A real `sops:` block always records its version, its last change or a recipient. Other files may
 * have a top-level `sops:` key of their own (atlas.config.yaml's `sops.recipients`); they are not
 * encrypted files.
 */
function isSopsMetadata(meta: SopsMeta): boolean {
  return meta.version !== null || meta.lastmodified !== null || [meta.age, meta.pgp, meta.kms, meta.gcpKms, meta.azureKv, meta.hcVault].some((l) => l.length > 0);
}

/** `encrypted_regex ^(data|stringData)$`: the setting that chose what the file encrypts, as sops names it. */
function settingWords(meta: SopsMeta): string {
  const s = selectionOf(meta);
  return meta.unencryptedSuffix === null && s.kind === 'unencrypted_suffix' ? `sops's default, unencrypted_suffix ${s.value}` : `${s.kind} ${s.value}`;
}

function list(rs: readonly Recipient[]): string {
  return rs.map(describeRecipient).join(', ');
}

/**
 * A sops command for a file of `rule`: sops finds its config from where it runs upwards, so a
 * folder's own `.sops.yaml` is named (`--config`) for a command run at the repository root.
 */
function sops(rule: { source: { file: string } }, args: string): string {
  return rule.source.file.includes('/') ? `sops --config ${rule.source.file} ${args}` : `sops ${args}`;
}

/** How many times `key` was seen before (and count this one). */
function seenBefore(seen: Map<string, number>, key: string): number {
  const n = seen.get(key) ?? 0;
  seen.set(key, n + 1);
  return n;
}
