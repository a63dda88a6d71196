import { z } from 'zod';
import { SourceSchema } from './source.ts';

/**
 * A roadmap file (ROADMAP.md and friends) as parsed: what its author believed on the day it was
 * written. All text is kept raw (mojibake repaired) so that pages escape it when they render it.
 */

export const RoadmapStatusSchema = z.enum(['not-started', 'in-progress', 'completed', 'blocked', 'deferred', 'unknown']);
export type RoadmapStatus = z.output<typeof RoadmapStatusSchema>;

export const RoadmapPrioritySchema = z.enum(['critical', 'high', 'medium', 'low']);
export type RoadmapPriority = z.output<typeof RoadmapPrioritySchema>;

/** A normalised status next to the words the author used (`Not Started`, `To Be Analyzed`). */
const StatusFieldSchema = z.object({
  value: RoadmapStatusSchema,
  /** Text as written; null when the item has no Status line. */
  raw: z.string().nullable(),
});
export type StatusField = z.output<typeof StatusFieldSchema>;

const PriorityFieldSchema = z.object({
  value: RoadmapPrioritySchema.nullable(),
  raw: z.string().nullable(),
  /** Where the value came from: the item's own field, its section heading, or its id prefix (H-, M-). */
  from: z.enum(['field', 'section', 'id']).nullable(),
});

/**
 * Effort as a range of hours, so that totals can be summed as ranges. Convention: a day is 8 hours,
 * a week 40 (working time); `Ongoing`, `As needed` and anything unreadable give null bounds.
 */
const EffortSchema = z.object({
  raw: z.string(),
  minHours: z.number().nullable(),
  maxHours: z.number().nullable(),
});
export type Effort = z.output<typeof EffortSchema>;

const CheckboxSchema = z.object({
  text: z.string(),
  checked: z.boolean(),
  /** 1-based line in the roadmap file. */
  line: z.number().int(),
});
export type Checkbox = z.output<typeof CheckboxSchema>;

/** A numbered action (`1. **Security Namespace** - Deny ...`) or an `**Action**:` line. */
const ActionItemSchema = z.object({
  text: z.string(),
  /** Bold label that introduces the list (`Action Items`, `Implementation Order`), or null. */
  group: z.string().nullable(),
  line: z.number().int(),
});
export type ActionItem = z.output<typeof ActionItemSchema>;

/** A path the item names, in backticks, with the line that names it. */
const PathRefSchema = z.object({ path: z.string(), line: z.number().int() });
export type PathRef = z.output<typeof PathRefSchema>;

/** Any `**Key**: value` line of an item, in order, for rendering the item's fields. */
const FieldLineSchema = z.object({ key: z.string(), value: z.string(), line: z.number().int() });
export type FieldLine = z.output<typeof FieldLineSchema>;

export const RoadmapItemSchema = z.object({
  /** Id as written: `H-8.1`. */
  id: z.string(),
  /** URL segment: lower case, `.` becomes `_` so that H-1.11 (`h-1_11`) and H-11.1 (`h-11_1`) differ. */
  slug: z.string(),
  title: z.string(),
  /** Title of the `##` section holding the item, emoji stripped (`HIGH PRIORITY (Next 1-2 Weeks)`). */
  section: z.string().nullable(),
  status: StatusFieldSchema,
  priority: PriorityFieldSchema,
  risk: z.string().nullable(),
  effort: EffortSchema.nullable(),
  filesToCreate: z.array(PathRefSchema),
  filesToUpdate: z.array(PathRefSchema),
  /** Paths from `File:` lines: files the item is about. */
  files: z.array(PathRefSchema),
  checkboxes: z.array(CheckboxSchema),
  actionItems: z.array(ActionItemSchema),
  /** Named check from a `**Check**: name` line. */
  check: z.string().nullable(),
  fields: z.array(FieldLineSchema),
  /** Markdown under the heading, raw (YAML examples and commands included); escape when rendering. */
  body: z.string(),
  /** Line of the body's first line in the roadmap file (so checks can point into the body). */
  bodyLine: z.number().int(),
  source: SourceSchema,
  /** Last line of the item (inclusive). */
  endLine: z.number().int(),
});
export type RoadmapItem = z.output<typeof RoadmapItemSchema>;

/** A `- **C-4.1**: text` bullet under a Completed heading. */
const CompletedItemSchema = z.object({
  id: z.string(),
  text: z.string(),
  /** `YYYY-MM-DD` from the heading (`Completed (2025-11-17)`), or null. */
  date: z.string().nullable(),
  /** Sub-heading it sits under (`Critical Issues`), or null. */
  group: z.string().nullable(),
  priority: RoadmapPrioritySchema.nullable(),
  source: SourceSchema,
});
export type CompletedItem = z.output<typeof CompletedItemSchema>;

/** The summary of completed work: dated headings, groups, bullets. */
const CompletedSummarySchema = z.object({
  date: z.string().nullable(),
  title: z.string(),
  groups: z.array(z.object({ title: z.string().nullable(), entries: z.array(z.object({ text: z.string(), line: z.number().int() })), line: z.number().int() })),
  source: SourceSchema,
});
export type CompletedSummary = z.output<typeof CompletedSummarySchema>;

/** A checkbox of the plan; `itemId` when its text starts with an item id. */
const PlanTaskSchema = CheckboxSchema.extend({ itemId: z.string().nullable() });
export type PlanTask = z.output<typeof PlanTaskSchema>;

/** A week (or phase, or any heading with checkboxes in a plan section). */
const WeekPlanSchema = z.object({
  title: z.string(),
  tasks: z.array(PlanTaskSchema),
  source: SourceSchema,
});
export type WeekPlan = z.output<typeof WeekPlanSchema>;

/** A bullet under a bold label or a sub-heading, with its line. */
const NoteEntrySchema = z.object({ text: z.string(), line: z.number().int() });

/** A labelled list: `**Monitoring Gaps**:` and its bullets, or `### Patterns Working Well` and its bullets. */
const NoteGroupSchema = z.object({ title: z.string(), entries: z.array(NoteEntrySchema), line: z.number().int() });
export type NoteGroup = z.output<typeof NoteGroupSchema>;

/** A topic for later analysis: no id, but a status, priority, complexity and checkbox actions. */
const DeepDiveSchema = z.object({
  title: z.string(),
  slug: z.string(),
  status: StatusFieldSchema,
  priority: PriorityFieldSchema,
  complexity: z.string().nullable(),
  questions: z.array(ActionItemSchema),
  actionItems: z.array(CheckboxSchema),
  /** Bulleted lists under a bold label (`Current State`, `Monitoring Gaps`), in order. */
  lists: z.array(NoteGroupSchema),
  fields: z.array(FieldLineSchema),
  body: z.string(),
  source: SourceSchema,
});
export type DeepDive = z.output<typeof DeepDiveSchema>;

/** `21% (17 of 82 issues resolved)` or `31% (4/13)`: the numbers the author wrote, with their line. */
const DeclaredCountSchema = z.object({
  percent: z.number().nullable(),
  done: z.number().int().nullable(),
  total: z.number().int().nullable(),
  line: z.number().int(),
});
export type DeclaredCount = z.output<typeof DeclaredCountSchema>;

const DeclaredProgressSchema = z.object({
  overall: DeclaredCountSchema.nullable(),
  byPriority: z.array(DeclaredCountSchema.extend({ priority: RoadmapPrioritySchema })),
  /** `Total Issues Identified: 82 (3 Critical, 13 High, ...)`. */
  identified: z
    .object({ total: z.number().int(), byPriority: z.partialRecord(RoadmapPrioritySchema, z.number().int()), line: z.number().int() })
    .nullable(),
  nextMilestone: z.object({ text: z.string(), line: z.number().int() }).nullable(),
});
export type DeclaredProgress = z.output<typeof DeclaredProgressSchema>;

/** A section kept as text (notes, analysis queue, anything not understood). */
const RoadmapNoteSchema = z.object({ title: z.string(), body: z.string(), source: SourceSchema });
export type RoadmapNote = z.output<typeof RoadmapNoteSchema>;

/**
 * A decision not to do something (`### Deferred Items`): `text` as written, `what` the thing not
 * done (before the parenthesis or dash) and `why` the reason given, if any.
 */
const DecisionSchema = z.object({ text: z.string(), what: z.string(), why: z.string().nullable(), line: z.number().int() });
export type Decision = z.output<typeof DecisionSchema>;

/** The notes section read as lists: `### Patterns Working Well` and friends, deferred items apart. */
const RoadmapNotesSchema = z.object({
  title: z.string(),
  groups: z.array(NoteGroupSchema),
  /** Text of a group that is not a list (`Items intentionally not included ...`), by group title. */
  intro: z.record(z.string(), z.string()),
  source: SourceSchema,
});
export type RoadmapNotes = z.output<typeof RoadmapNotesSchema>;

/** One entry of the analysis queue: `1. **Backup Strategy Consolidation** (highest priority ...)`. */
const QueueEntrySchema = z.object({
  position: z.number().int(),
  title: z.string(),
  /** What follows the bold title, without its parentheses. */
  note: z.string().nullable(),
  line: z.number().int(),
});
export type QueueEntry = z.output<typeof QueueEntrySchema>;

const AnalysisQueueSchema = z.object({
  title: z.string(),
  entries: z.array(QueueEntrySchema),
  /** `**Estimated Effort for All Deep Dives**: 8-12 hours total` and other field lines. */
  fields: z.array(FieldLineSchema),
  /** Prose around the list (`These items are queued ...`). */
  text: z.string(),
  source: SourceSchema,
});
export type AnalysisQueue = z.output<typeof AnalysisQueueSchema>;

/** What a top-level section was read as; `other` is a section shown as the author wrote it. */
const SectionKindSchema = z.enum(['items', 'plan', 'progress', 'summary', 'deep-dives', 'notes', 'queue', 'other']);

/** The document's outline: every top-level section, in order, with what the parser made of it. */
const OutlineEntrySchema = z.object({ title: z.string(), kind: SectionKindSchema, line: z.number().int(), level: z.number().int() });
export type OutlineEntry = z.output<typeof OutlineEntrySchema>;

export const RoadmapSchema = z.object({
  /** Repo-relative POSIX path of the roadmap file. */
  file: z.string(),
  title: z.string().nullable(),
  /** `Last Updated` (else `Analysis Date`) as `YYYY-MM-DD`: the day the author's beliefs are from. */
  date: z.string().nullable(),
  /** Header and closing fields (`Last Updated`, `Next Review Date`, ...) in document order. */
  meta: z.array(FieldLineSchema),
  items: z.array(RoadmapItemSchema),
  completed: z.array(CompletedItemSchema),
  completedSummary: z.array(CompletedSummarySchema),
  plan: z.array(WeekPlanSchema),
  deepDives: z.array(DeepDiveSchema),
  declared: DeclaredProgressSchema,
  notes: z.array(RoadmapNoteSchema),
  /** Every top-level section in document order (status overview, items, plan, notes ...). */
  outline: z.array(OutlineEntrySchema),
  /** The notes section as lists (null when the document has none). */
  notesSections: z.array(RoadmapNotesSchema),
  /** Deferred items: decisions not to do something. */
  decisions: z.array(DecisionSchema),
  analysisQueue: AnalysisQueueSchema.nullable(),
  /** `Next Review Date` as `YYYY-MM-DD`, from the header or the closing metadata. */
  nextReview: z.string().nullable(),
  /** Lines of a block GitOps Atlas generated (between the ATLAS markers), or null. */
  generatedBlock: z.object({ start: z.number().int(), end: z.number().int() }).nullable(),
  /** How many garbled (UTF-8 read as Mac Roman or Windows-1252) sequences were repaired. */
  repairedMojibake: z.number().int(),
  /** Lines not understood (1-based), also reported as a ROADMAP_UNPARSED finding. */
  unparsedLines: z.array(z.number().int()),
});
export type Roadmap = z.output<typeof RoadmapSchema>;
