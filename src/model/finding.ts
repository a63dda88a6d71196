import { z } from 'zod';
import { type FindingCode, isFindingCode } from './finding-codes.ts';
import { SeveritySchema, type Severity } from './severity.ts';
import { SourceSchema, type Source } from './source.ts';

export {  type Severity } from './severity.ts';
export type { FindingCode } from './finding-codes.ts';

/**
 * A code from the registry (finding-codes.ts). The published JSON Schema keeps the SCREAMING_SNAKE
 * pattern rather than an enum, so that a new code is not a breaking change for atlas.json readers.
 */
const FindingCodeSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]*$/)
  .refine(isFindingCode, { error: (issue) => `unknown finding code ${JSON.stringify(issue.input)}` });

/**
 * A problem in the user's repository. Findings are collected, never thrown: the scan goes on.
 * `code` is stable (SCREAMING_SNAKE) so that users can silence it and CI can baseline it.
 */
export const FindingSchema = z.object({
  /** Stable identifier, e.g. `YAML_PARSE_ERROR`, `DEPENDS_ON_MISSING`: one of the registry's (src/model/finding-codes.ts). */
  code: FindingCodeSchema,
  severity: SeveritySchema,
  /** One sentence a person can act on. Never contains a secret value. */
  message: z.string(),
  /** File and line that best locate the problem (line >= 1 always). */
  source: SourceSchema,
  /** Health area the finding belongs to (yaml, graph, secrets, backup, monitoring, network, policy, flux, roadmap, docs ...). */
  area: z.string().optional(),
  /** Id of the object the finding is about, where there is one (`kind/namespace/name`). */
  objectId: z.string().optional(),
  /** Id of the app the finding is about, where there is one. */
  appId: z.string().optional(),
  /**
   * Other apps whose pages show the finding too, sorted: the same app of the other clusters that
   * build the file it points at (one finding for a base every cluster shares), the other apps that run
   * in the namespace a namespace's finding is about. The finding is still one (`atlas check` counts it
   * once), filed under `appId`.
   */
  alsoAppIds: z.array(z.string()).optional(),
});
export type Finding = z.output<typeof FindingSchema>;

/** Build a finding; keeps call sites short and the field order stable. */
export function finding(
  code: FindingCode,
  severity: Severity,
  message: string,
  source: Source,
  extra: Partial<Pick<Finding, 'area' | 'objectId' | 'appId' | 'alsoAppIds'>> = {},
): Finding {
  return { code, severity, message, source, ...extra };
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Deterministic order: file, line, col, code, message. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.source.file.localeCompare(b.source.file) ||
      a.source.line - b.source.line ||
      a.source.col - b.source.col ||
      a.code.localeCompare(b.code) ||
      severityRank[a.severity] - severityRank[b.severity] ||
      a.message.localeCompare(b.message),
  );
}
