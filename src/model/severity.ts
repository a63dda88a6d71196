import { z } from 'zod';

/** How much a finding matters: `error` fails `atlas check` by default; `info` is a note. */
export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.output<typeof SeveritySchema>;
