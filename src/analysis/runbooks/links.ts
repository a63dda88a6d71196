/**
 * The runbooks an app page links to, from the runbooks the pipeline made (analysis.runbooks): a
 * module of its own, so the app page imports no runbook generator.
 */
import type { HandWrittenRunbook } from './hand-written.ts';
import type { Runbook } from './types.ts';

export interface RunbookLink {
  title: string;
  /** Base-free site path. */
  path: string;
  kind: 'generated' | 'hand-written';
}

/**
 * Runbooks to link from an app page: the hand-written ones that mention the app (by link, path
 * or name), then the generated ones about it (its restore and rotate runbooks).
 */
export function runbooksMentioningApp(
  runbooks: { handWritten: readonly HandWrittenRunbook[]; generated?: readonly Runbook[] },
  appId: string,
): RunbookLink[] {
  const hand = runbooks.handWritten
    .filter((r) => r.mentions.some((m) => m.appId === appId))
    .map((r): RunbookLink => ({ title: r.title, path: r.path, kind: 'hand-written' }));
  const gen = (runbooks.generated ?? []).filter((r) => r.appId === appId).map((r): RunbookLink => ({ title: r.title, path: r.path, kind: 'generated' }));
  return [...hand, ...gen];
}
