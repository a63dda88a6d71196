import { z } from 'zod';

/**
 * Where a fact came from: a repo-relative POSIX path and a 1-based line and column, taken from the
 * yaml node's range (never guessed). `docIndex` is the 0-based document within a multi-document file.
 */
export const SourceSchema = z.object({
  /** Repo-relative POSIX path, e.g. `kubernetes/apps/media/plex/ks.yaml`. */
  file: z.string(),
  /** 1-based line. */
  line: z.number().int().min(1),
  /** 1-based column. */
  col: z.number().int().min(1),
  /** 0-based index of the YAML document in its file, where the fact comes from a YAML document. */
  docIndex: z.number().int().min(0).optional(),
});
export type Source = z.output<typeof SourceSchema>;

/** A source at the top of a file, for facts about a file or the repository as a whole. */
export function fileSource(file: string, line = 1, col = 1): Source {
  return { file, line: Math.max(1, line), col: Math.max(1, col) };
}
