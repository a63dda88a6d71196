import { z } from 'zod';
import { SourceSchema } from './source.ts';

/**
 * What a change is, in words people use. Renovate updates are `update` whatever conventional type
 * Renovate gave them (`feat(container)` for a minor, `fix(container)` for a patch), because readers
 * ask "what was updated", not "which semver part moved".
 */
export const ChangeKindSchema = z.enum([
  'update',
  'feature',
  'fix',
  'chore',
  'docs',
  'refactor',
  'ci',
  'revert',
  'merge',
  'other',
]);
export type ChangeKind = z.output<typeof ChangeKindSchema>;

/** The parsed `type(scope)!: description` prefix of a conventional commit subject. */
const ConventionalSchema = z.object({
  /** Lower-cased type, e.g. `feat`, `fix`, `chore`. */
  type: z.string(),
  /** Scope between the parentheses (`container`, `helm`, an app name), or null when absent. */
  scope: z.string().nullable(),
  /** True for `type!:` or a `BREAKING CHANGE:` note. */
  breaking: z.boolean(),
});
export type Conventional = z.output<typeof ConventionalSchema>;

/**
 * Renovate datasources as they appear in commit scopes and subject words. `other` covers shapes
 * that name no datasource (`fix(deps): update foo ( v1 ➔ v2 )`, a bare Renovate branch merge).
 */
const RenovateDatasourceSchema = z.enum([
  'container',
  'helm',
  'github-release',
  'github-actions',
  'github-tags',
  'mise',
  'renovate-config',
  'grafana-dashboards',
  'lockfile',
  'other',
]);
export type RenovateDatasource = z.output<typeof RenovateDatasourceSchema>;

/** A dependency update recognised in a subject (or a Renovate branch name). */
export const RenovateInfoSchema = z.object({
  /** Where the dependency comes from (container registry, Helm repository, GitHub releases ...). */
  datasource: RenovateDatasourceSchema,
  /** Package as written: `ghcr.io/home-operations/sonarr`, `cilium`, `rook-ceph` (for a group). */
  package: z.string(),
  /** True when Renovate updated a named group of packages (`update rook-ceph group`). */
  group: z.boolean(),
  /** Version before the update, when the subject says it. */
  from: z.string().nullable(),
  /** Version (or digest) after the update, when the subject or branch says it. */
  to: z.string().nullable(),
  /**
   * True when the commit came from Renovate's own flow (its update commits and PR merges); false
   * when a person wrote about an update, e.g. a `Revert "…update…"` (then from/to are swapped).
   */
  isRenovate: z.boolean(),
});
export type RenovateInfo = z.output<typeof RenovateInfoSchema>;

/** One `--name-status -M` line. */
const FileChangeSchema = z.object({
  /** First letter of git's status: A, M, D, R (renamed), C (copied), T (type change), U, X. */
  status: z.enum(['A', 'M', 'D', 'R', 'C', 'T', 'U', 'X']),
  /** Repo-relative POSIX path (the new path of a rename or copy). */
  path: z.string(),
  /** Old path of a rename or copy. */
  oldPath: z.string().optional(),
});
export type FileChange = z.output<typeof FileChangeSchema>;

/** Lifecycle events of an app, read from its Flux Kustomization file (`ks.yaml`, `ks.dis`). */
const AppEventSchema = z.object({
  /**
   * Id of the app: HEAD's, or for an app gone from HEAD the one it had where it existed (see
   * PastApp); null when neither is known.
   */
  app: z.string().nullable(),
  /** Repo-relative folder of the app, so that events about unknown apps can still be named. */
  dir: z.string(),
  event: z.enum(['added', 'removed', 'disabled', 'enabled']),
});
export type AppEvent = z.output<typeof AppEventSchema>;

/** A chart version or image tag that moved, read from the diff (not the subject). */
const BumpSchema = z.object({
  /** App whose folder holds the file, when one does. */
  app: z.string().optional(),
  /** `chart` for HelmRelease `version:` and OCIRepository `ref.tag`; `image` for image tags. */
  kind: z.enum(['chart', 'image']),
  /**
   * Image repository or chart name, from the hunk or else from the file at that commit (the
   * `repository:`, OCIRepository `url:` or HelmRelease `chart:` beside the value); the app folder's
   * name only when neither shows it.
   */
  name: z.string(),
  /**
   * True when nothing named the image or chart (a `tag:` with no `repository:` beside it, a `${VAR}`):
   * `name` is then the app folder's, a placeholder, not a name to print.
   */
  nameGuessed: z.boolean().optional(),
  from: z.string(),
  to: z.string(),
  /** Repo-relative POSIX path of the changed file. */
  file: z.string(),
});
export type Bump = z.output<typeof BumpSchema>;

/** One line of the changelog: a commit, or a bullet of the hand-written CHANGELOG.md. */
export const ChangelogEntrySchema = z.object({
  /** Full commit sha; null for a hand-written entry. */
  sha: z.string().nullable(),
  /** ISO 8601 author date with its offset (a `YYYY-MM-DD` day for hand-written entries). */
  date: z.string(),
  /** `YYYY-MM-DD` in the author's own offset: the day people remember the change by. */
  day: z.string(),
  /** First line of the commit message, or the bullet text. */
  subject: z.string(),
  kind: ChangeKindSchema,
  conventional: ConventionalSchema.nullable(),
  renovate: RenovateInfoSchema.nullable(),
  files: z.array(FileChangeSchema),
  /** Ids of the apps whose folders the commit touched, sorted. */
  apps: z.array(z.string()),
  appEvents: z.array(AppEventSchema),
  bumps: z.array(BumpSchema),
  /** True for entries from the hand-written CHANGELOG.md. */
  handwritten: z.boolean(),
  /** Where a hand-written entry sits in CHANGELOG.md. */
  source: SourceSchema.optional(),
});
export type ChangelogEntry = z.output<typeof ChangelogEntrySchema>;

/**
 * An app folder of the history that HEAD no longer has: a Flux Kustomization file (`ks.yaml`,
 * `ks.dis` ...) deleted or moved away in a commit of the window, as it was just before that commit.
 * Files of its folder, until then, were that app's, not the app of a folder above it.
 */
export interface PastApp {
  /** Repo-relative folder of the Kustomization file. */
  dir: string;
  /** The Kustomization file, as it was named. */
  file: string;
  /** `metadata.name` of its Flux Kustomization, when the file could be read. */
  name: string | null;
  /** `spec.targetNamespace`, else `metadata.namespace`, of that Kustomization. */
  namespace: string | null;
}

/** The commit as read from git (or from the corpus git-log.txt), before classification. */
export interface RawCommit {
  sha: string;
  /** ISO 8601 author date with offset. */
  date: string;
  subject: string;
  /** Message body; read only to find `BREAKING CHANGE:` notes, never output. */
  body?: string;
  /** Parent shas when known (git CLI); git-log.txt does not record them. */
  parents?: string[];
  files: FileChange[];
  /** Chart and image bumps read from the commit's diff, without app (attribution adds it). */
  bumps?: Bump[];
}
