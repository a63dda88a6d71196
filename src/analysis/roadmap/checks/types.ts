import type { RepoModel } from '../../../model/repo-model.ts';
import type { RoadmapItem } from '../../../model/roadmap.ts';
import type { Source } from '../../../model/source.ts';

/** One object (or named thing) that keeps an item from being done, and where to fix it. */
export interface Shortfall {
  objectId?: string;
  message: string;
  source: Source;
}

/**
 * What a named check measures for one item: `done` of `total` units (ExternalSecrets, namespaces,
 * policies ...), what falls short, and notes that help reading the numbers (a policy's mode).
 */
export interface CheckOutcome {
  measured: { done: number; total: number };
  shortfalls: Shortfall[];
  notes: string[];
  /**
   * The number rests on a small part of what the item names (most of the files it lists are not in
   * this repository): why, in words. The item is then "partly measurable": never a mismatch, and the
   * progress bars count it as declared.
   */
  thin?: string;
}

interface CheckContext {
  item: RoadmapItem;
  /** What Flux applies (deployed.ts): the objects and apps a check counts. */
  model: RepoModel;
  /**
   * The whole repository as read, for what is not applied: commented-out code a clean-up item is
   * about, an app the item names that is switched off (said so, not reported as absent).
   */
  repo: RepoModel;
}

/**
 * A check an item can be linked to by name. `topic` and `seedIds` only serve the fallback link
 * (an item with one of the seed's ids whose title is about the check's topic).
 */
export interface NamedCheck {
  name: string;
  /** Other names a `**Check**:` line may use for it (`pvc-backup-coverage`). */
  aliases?: readonly string[];
  /** What the check measures, one line for the item page. */
  description: string;
  topic: RegExp;
  seedIds: readonly string[];
  run(ctx: CheckContext): CheckOutcome;
}

export function itemSource(item: RoadmapItem, line?: number): Source {
  return { file: item.source.file, line: line ?? item.source.line, col: 1 };
}

export function outcome(done: number, total: number, shortfalls: Shortfall[], notes: string[] = [], thin?: string): CheckOutcome {
  return { measured: { done, total }, shortfalls, notes, ...(thin === undefined ? {} : { thin }) };
}
