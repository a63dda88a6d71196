import { z } from 'zod';
import { FINDINGS_GUIDE_PATH, isFindingCode, nearestFindingCodes } from '../model/finding-codes.ts';

/** A code the program emits: a typo would silence nothing, so it is a configuration error that names the nearest code. */
const SilenceCodeSchema = z
  .string()
  .refine(isFindingCode, {
    error: (issue) =>
      `unknown finding code ${JSON.stringify(issue.input)}; did you mean ${nearestFindingCodes(String(issue.input))[0]}? (every code is listed in the guide, ${FINDINGS_GUIDE_PATH})`,
  })
  .describe('Finding code to silence, e.g. `DEPENDED_ON_WITHOUT_WAIT`: one of the codes listed under [Findings](../findings/) in the guide.');

/** A silenced finding: by code, optionally narrowed to one object or file, always with a reason. */
const SilenceSchema = z.object({
  /** Finding code to silence, e.g. `DEPENDED_ON_WITHOUT_WAIT`. */
  code: SilenceCodeSchema,
  /** Only for this object id (`Kind/namespace/name`) or app id. */
  object: z.string().optional(),
  /** Only for findings in files matching this glob. */
  file: z.string().optional(),
  /** Why it is fine; shown on the site beside the silenced finding. */
  reason: z.string().min(1),
});

/**
 * `atlas.config.yaml` at the root of the GitOps repository. Every field is optional; the defaults
 * build a useful site for a typical Flux repository. The configuration reference in the guide is
 * generated from this schema, so keep the doc comments as descriptions (`.describe`).
 */
export const AtlasConfigSchema = z
  .object({
    title: z.string().min(1).optional().describe('Site title. Default: the repository folder name.'),
    site: z.url().optional().describe('Public URL of the site, e.g. https://user.github.io.'),
    base: z
      .string()
      .regex(/^\/[^\s]*$/, 'must start with /')
      .optional()
      .describe('Base path the site is served under, e.g. /home-ops for a GitHub Pages project site.'),
    repoUrl: z
      // http(s) only: every source and commit link is built from it (`javascript:` passes z.url()).
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL, e.g. https://github.com/me/home-ops/blob/main/' })
      .optional()
      .describe('Web URL for source links, up to the branch, e.g. https://github.com/me/home-ops/blob/main/.'),
    roadmap: z
      .object({
        file: z.string().optional().describe('Roadmap file. Default: ROADMAP.md, IMPROVEMENTS.md or docs/ROADMAP.md (any case).'),
        checks: z.record(z.string(), z.string()).default({}).describe('Roadmap item id -> named check, e.g. { H-8.1: network-policy-coverage }.'),
        today: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
          .optional()
          .describe('The date a passed "Next Review Date" is judged against. Default: the date of the commit the site is built from (never the clock, so builds reproduce).'),
        staleAfterDays: z.number().int().positive().default(30).describe('A roadmap last updated this many days before the latest manifest change is flagged as stale.'),
        writeProposals: z.boolean().default(false).describe('atlas export writes the proposed items into the roadmap file, between the ATLAS markers (the rest of the file is never touched).'),
      })
      .default({ checks: {}, staleAfterDays: 30, writeProposals: false }),
    docs: z.array(z.string()).default(['docs']).describe('Folders of hand-written Markdown shown under /docs/; runbook folders inside them are shown once, under /runbooks/.'),
    runbooks: z.array(z.string()).default(['docs/runbooks', 'docs/sops']).describe('Folders of hand-written runbooks shown under /runbooks/.'),
    include: z.array(z.string()).default([]).describe('Globs of files to read; empty means every file.'),
    exclude: z.array(z.string()).default([]).describe('Globs of files to skip, e.g. archive/**.'),
    archive: z
      .array(z.string())
      .default(['archive/**', '**/archive/**', '.archive/**', '**/.archive/**', '**/templates/**'])
      .describe('Globs of retired manifests (a plain folder name means the folder): read, shown once under "Not deployed" with the archive folder, never counted, checked or exported into; a file a Flux build deploys from is in use whatever the globs say. Setting it replaces the defaults.'),
    maxFileBytes: z.number().int().positive().default(8 * 1024 * 1024).describe('Files larger than this are skipped with a finding.'),
    maxTotalBytes: z.number().int().positive().default(128 * 1024 * 1024).describe('YAML read in all, in bytes; files past it are skipped with one INPUT_BUDGET_EXCEEDED finding.'),
    maxDocuments: z.number().int().positive().default(100_000).describe('YAML documents read in all; files past it are skipped with one INPUT_BUDGET_EXCEEDED finding.'),
    changelog: z
      .object({
        maxCommits: z.number().int().positive().default(500),
        maxAgeDays: z.number().int().positive().default(365),
        file: z
          .string()
          .optional()
          .describe('The hand-written changelog, repo-relative (default: CHANGELOG.md at the root, else docs/CHANGELOG.md).'),
      })
      .default({ maxCommits: 500, maxAgeDays: 365 })
      .describe('How much git history the changelog reads, measured from HEAD\'s commit date.'),
    sops: z
      .object({ recipients: z.record(z.string(), z.string()).default({}).describe('age/pgp recipient -> a person or machine name.') })
      .default({ recipients: {} }),
    standards: z
      .object({
        timeout: z.string().optional().describe('Expected Flux Kustomization timeout, e.g. 5m.'),
        interval: z.string().optional(),
        retryInterval: z.string().optional(),
      })
      .default({})
      .describe('Flux settings every Kustomization should have; others are findings.'),
    silence: z.array(SilenceSchema).default([]).describe('Findings that are known and accepted.'),
    noindex: z.boolean().default(false).describe('Ask search engines not to index the site.'),
    maskPrivate: z.boolean().default(false).describe('Mask RFC 1918 addresses, internal host names and NFS paths on the site.'),
    backstage: z
      .object({
        owner: z
          .string()
          .regex(/^(?:[A-Za-z0-9][\w.-]*:)?(?:[a-z0-9][a-z0-9-]*\/)?[A-Za-z0-9][\w.-]*$/, 'must be an entity reference: name, kind:name or kind:namespace/name')
          .default('group:default/homelab')
          .describe('Owner of every entity `atlas export --format backstage` writes: a Backstage entity reference (a bare name is a Group in the default namespace).'),
      })
      .default({ owner: 'group:default/homelab' })
      .describe('The Backstage catalog export.'),
  })
  .strict();
export type AtlasConfig = z.output<typeof AtlasConfigSchema>;
