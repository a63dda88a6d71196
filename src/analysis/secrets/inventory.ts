/**
 * The secrets inventory (/secrets/ and SECRETS.md): SOPS files, ExternalSecrets (and External Secrets'
 * ClusterExternalSecrets and PushSecrets) and their stores,
 * SealedSecrets, Secrets other operators sync (1Password, Vault, CSI ...), plain Secrets, hard-coded credentials, a rotation table and where the recovery notes are.
 * Pure: a view over the model, which already holds no secret value.
 */
import { offInText } from '../../model/raw-doc.ts';
import type { AtlasConfig } from '../../config/schema.ts';
import { sortFindings, type Finding } from '../../model/finding.ts';
import { fileOf, groupBy } from '../../model/group-by.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { externalSecrets } from './external.ts';
import { generatorKeyFindings } from './generator-keys.ts';
import { leftCopies, leftCopyFinding, placeOf } from './left-copies.ts';
import { plainSecrets } from './plain.ts';
import { sopsInventory } from './sops.ts';
import { isLive } from '../health/common.ts';
import type { HardcodedCredentialRow, PlainSecretStatus, RotationRow, SealedSecretRow, SecretsInventory, SopsFileRow, SyncedSecretRow } from './types.ts';

export type * from './types.ts';

export interface SecretsInventoryOptions {
  /** Last commit date (ISO 8601) per repo-relative file, from git history, when the caller has it. */
  gitLastChanged?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
}

/** Markdown whose path mentions SOPS or secrets is taken as the hand-written recovery notes. */
const RECOVERY_DOC = /sops|secret/i;

export function secretsInventory(
  model: RepoModel,
  config: Pick<AtlasConfig, 'sops'>,
  options: SecretsInventoryOptions = {},
): { result: SecretsInventory; findings: Finding[] } {
  const gitDates = toMap(options.gitLastChanged);
  const names = config.sops?.recipients ?? {};
  // Every object carries its app, placed at model time (repo/build/apps.ts).

  const plain = plainSecrets(model);
  const sops = sopsInventory(model, names, plain.rows, gitDates);
  const external = externalSecrets(model);
  // A Secret in a file that .sops.yaml says must be encrypted gets the one, more specific, finding.
  const flaggedFiles = new Set(sops.notEncrypted.map((n) => n.file));

  // Live means in a YAML file, not commented out and not archived: what corpus-meta.json and
  // countModel count. The lists keep every object a build makes (a component's ExternalSecret in
  // each namespace); the counts are of documents, once each.
  const archived = new Set(model.files.filter((f) => f.archived).map((f) => f.path));
  const live = <T extends { disabled: boolean }>(xs: readonly T[]) =>
    xs.filter((x) => !x.disabled && !archived.has(((x as { file?: string; source?: { file: string } }).source?.file ?? (x as { file?: string }).file) ?? ''));
  const once = <T extends { source: { file: string; line: number; col: number } }>(xs: readonly T[]) => {
    const seen = new Set<string>();
    return xs.filter((x) => {
      const key = `${x.source.file}:${x.source.line}:${x.source.col}`;
      return !seen.has(key) && !!seen.add(key);
    });
  };
  const plainInYaml = once(live(plain.rows));
  const esInYaml = once(live(external.externalSecrets));
  const byStatus = Object.fromEntries(
    (['real', 'unverified', 'templated', 'public', 'ciphertext', 'service-account-token', 'example', 'empty'] as const).map((s) => [s, plainInYaml.filter((p) => p.status === s).length]),
  ) as Record<PlainSecretStatus, number>;
  const hardcoded = hardcodedCredentials(model);
  const sealed: SealedSecretRow[] = model.sealedSecrets.map((x) => ({
    id: x.id, name: x.name, namespace: x.namespace, appId: x.appId, source: x.source, disabled: offInText(x.disabled), keys: x.keys, scope: x.scope, secretType: x.secretType,
  }));
  const synced: SyncedSecretRow[] = model.syncedSecrets.map((x) => ({
    id: x.id, kind: x.kind, name: x.name, namespace: x.namespace, appId: x.appId, source: x.source, disabled: offInText(x.disabled), operator: x.operator, from: x.from, makes: x.makes,
  }));

  // Rows Flux does not apply (not switched off in their text: an app commented out in its parent, one a
  // failing build keeps off, a file its folder leaves out) say so; they were listed as live (outside review).
  const objectIds = new Set(model.objects.map((o) => o.id));
  const offApps = new Set(model.apps.filter((a) => a.notDeployed).map((a) => a.id));
  const liveIds = new Set(model.objects.filter((o) => isLive(o, model) && !(o.appId !== null && offApps.has(o.appId))).map((o) => o.id));
  const mark = <T extends { id: string; disabled: boolean }>(rows: readonly T[]): T[] => rows.map((r) => (!r.disabled && objectIds.has(r.id) && !liveIds.has(r.id) ? { ...r, notDeployed: true as const } : r));
  const liveFiles = new Set(model.objects.filter((o) => liveIds.has(o.id)).map((o) => o.source.file));
  const filesWithObjects = new Set(model.objects.map((o) => o.source.file));
  const sopsRows = sops.sopsFiles.map((f) => (!f.disabled && filesWithObjects.has(f.file) && !liveFiles.has(f.file) ? { ...f, notDeployed: true as const } : f));
  const plainRows = mark(plain.rows);
  // A plain copy Flux does not apply, of a Secret meant to be encrypted (left-copies.ts): its own
  // PLAIN_SECRET, "delete it, from history too", instead of SOPS_NOT_ENCRYPTED's "encrypt it".
  const copies = leftCopies(plainRows);
  const copyFiles = new Set([...copies.values()].map((c) => c.row.source.file));
  const plainFindings = [
    ...plain.findings.filter((f) => f.code !== 'PLAIN_SECRET' || (!flaggedFiles.has(f.source.file) && !copies.has(placeOf(f)))),
    ...[...copies.values()].map((c) => leftCopyFinding(c.row, c.why)),
  ];
  const sopsFindings = sops.findings.filter((f) => !(f.code === 'SOPS_NOT_ENCRYPTED' && copyFiles.has(f.source.file)));

  const result: SecretsInventory = {
    summary: {
      sopsFiles: live(sops.sopsFiles).length,
      sopsDocuments: live(sops.sopsFiles).reduce((n, f) => n + f.documents.length, 0),
      externalSecrets: esInYaml.length,
      externalSecretObjects: live(external.externalSecrets).length,
      externalSecretsWithRefreshInterval: esInYaml.filter((e) => e.refreshIntervalSet).length,
      externalSecretsWithoutRefreshInterval: esInYaml.filter((e) => !e.refreshIntervalSet).length,
      clusterExternalSecrets: once(live(external.clusterExternalSecrets)).length,
      pushSecrets: once(live(external.pushSecrets)).length,
      secretStores: once(live(external.secretStores)).length,
      sealedSecrets: once(live(sealed)).length,
      syncedSecrets: once(live(synced)).length,
      plainSecrets: plainInYaml.length,
      plainSecretsByStatus: byStatus,
      hardcodedCredentials: hardcoded.length,
      sopsNotEncrypted: sops.notEncrypted.length,
      sopsMissingRecipients: sops.sopsFiles.filter((f) => f.missingRecipients.length > 0).length,
    },
    sopsRules: sops.sopsRules,
    sopsFiles: sopsRows,
    notEncrypted: sops.notEncrypted,
    externalSecrets: mark(external.externalSecrets),
    clusterExternalSecrets: mark(external.clusterExternalSecrets),
    pushSecrets: mark(external.pushSecrets),
    secretStores: mark(external.secretStores),
    sealedSecrets: mark(sealed),
    syncedSecrets: mark(synced),
    plainSecrets: plainRows,
    hardcodedCredentials: hardcoded,
    rotation: rotation(sops.sopsFiles),
    recoveryDocs: model.files.filter((f) => f.kind === 'markdown' && RECOVERY_DOC.test(f.path)).map((f) => f.path).sort(),
  };
  return { result, findings: sortFindings([...sopsFindings, ...plainFindings, ...external.findings, ...generatorKeyFindings(model)]) };
}

/**
 * Credential-like literals the reader removed (HelmRelease values, ConfigMaps, env entries, URLs),
 * with the object they sit in. The model already reports each as HARDCODED_CREDENTIAL.
 */
function hardcodedCredentials(model: RepoModel): HardcodedCredentialRow[] {
  return model.redactions
    .filter((r) => r.reason === 'credential-literal')
    .map((r) => {
      const o = (groupBy(model.objects, fileOf).get(r.source.file) ?? []).find((x) => (x.source.docIndex ?? 0) === (r.source.docIndex ?? 0)) ?? null;
      return { path: r.path, source: r.source, objectId: o?.id ?? null, kind: o?.kind ?? null, name: o?.name ?? null, appId: o?.appId ?? null };
    })
    .sort((a, b) => a.source.file.localeCompare(b.source.file) || a.source.line - b.source.line || a.path.localeCompare(b.path));
}

/** Oldest first: SOPS' own lastmodified says when the values were last re-encrypted. */
function rotation(files: readonly SopsFileRow[]): RotationRow[] {
  const time = (d: string | null) => {
    const t = d === null ? NaN : Date.parse(d);
    return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
  };
  return files
    .filter((f) => !f.disabled)
    .map((f) => ({ file: f.file, appId: f.appId, lastmodified: f.lastmodified, gitChanged: f.gitChanged, since: f.lastmodified ?? f.gitChanged }))
    .sort((a, b) => time(a.since) - time(b.since) || a.file.localeCompare(b.file));
}

function toMap(m: SecretsInventoryOptions['gitLastChanged']): ReadonlyMap<string, string> {
  if (!m) return new Map();
  return m instanceof Map ? m : new Map(Object.entries(m as Record<string, string>));
}
