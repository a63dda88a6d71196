/**
 * The atlas as data: the schema of `atlas.json` (`atlas export --format json`, `/atlas.json` on the
 * site). Built from the zod schemas the model and the app pages already use (src/model,
 * src/lib/site/app-facts-schema.ts) plus those of the analyses (json-schema-analysis.ts); the
 * published JSON Schema (`atlas.schema.json`) is generated from it with `z.toJSONSchema`, so the
 * document, its TypeScript type and its JSON Schema cannot disagree.
 *
 * Versioning: `ATLAS_JSON_VERSION` is semver. A new optional field is a minor bump; a renamed or
 * removed field, or a changed meaning, a major one. Each document names its version and the
 * schema pins it (`const`), so a reader validating against an older schema fails loudly.
 */
import { z } from 'zod';
import { AppFactsSchema, RefSchema } from '../site/app-facts-schema.ts';
import { ChangelogEntrySchema } from '../../model/changelog-entry.ts';
import { FindingSchema } from '../../model/finding.ts';
import { KObjectSchema } from '../../model/k8s-object.ts';
import { RoadmapItemSchema, RoadmapSchema } from '../../model/roadmap.ts';
import { SourceSchema } from '../../model/source.ts';
import { BurndownPointSchema, CompletedNoteSchema, CountsSchema, DepGraphSchema, ItemCheckSchema, MeasuredProgressSchema, SecretsInventorySchema } from './json-schema-analysis.ts';

export const ATLAS_JSON_VERSION = '1.0.0';

/** File names of the export, on the site (`/atlas.json`) and in `atlas export --out DIR`. */
export const ATLAS_JSON_FILE = 'atlas.json';
export const ATLAS_SCHEMA_FILE = 'atlas.schema.json';

const RepositoryInfoSchema = z.object({
  /** Display name: configured title, else the folder name. */
  name: z.string(),
  /** The commit the export was made from; null outside a git work tree. */
  commit: z.object({ sha: z.string(), date: z.string() }).nullable(),
  /** `repoUrl` from the configuration: web URL for source links, up to the branch. */
  url: z.string().nullable(),
  /** Public URL of the site, base path included; null when not configured. Page paths below are relative to it. */
  site: z.string().nullable(),
});

const ClusterSchema = z.object({ name: z.string(), apps: z.array(z.string()) });

const NamespaceSchema = z.object({
  name: z.string(),
  /** Site path of the namespace page, base-free; null when no deployed app lives there (no page). */
  path: z.string().nullable(),
  clusters: z.array(z.string()),
  /** Ids of the apps in the namespace (deployed and not deployed). */
  apps: z.array(z.string()),
});

/** A Kubernetes object with its file:line, owner and state (the model's own projection). */
const ObjectSchema = KObjectSchema.extend({ state: z.enum(['active', 'disabled', 'unreferenced']) });

const RoadmapItemExportSchema = RoadmapItemSchema.extend({
  /** Site path of the item's page, base-free. */
  path: z.string(),
  /** The item measured against the repository: named check, measured fraction, verdict, shortfalls. */
  result: ItemCheckSchema,
  /** Apps the item concerns (named in its text, its paths, or owning a shortfall). */
  apps: z.array(z.object({ id: z.string(), via: z.enum(['text', 'path', 'shortfall']) })),
  namespaces: z.array(z.string()),
});

const RoadmapExportSchema = RoadmapSchema.pick({ file: true, title: true, date: true, declared: true, completed: true }).extend({
  items: z.array(RoadmapItemExportSchema),
  /** Progress as measured, overall then per priority. */
  measured: z.array(MeasuredProgressSchema),
  /** Completed-list entries the model contradicts (not counted as done in `measured`), each with its note. */
  completedNotes: z.array(CompletedNoteSchema),
  /** Counts by status at each commit of the roadmap file. */
  burndown: z.array(BurndownPointSchema),
});

const ChangelogExportSchema = z.object({
  /** False when there was no git history: only hand-written entries then. */
  available: z.boolean(),
  head: z.string().nullable(),
  /** History was cut at `changelog.maxCommits`. */
  truncated: z.boolean(),
  handwrittenFile: z.string().nullable(),
  /** Newest first. */
  entries: z.array(ChangelogEntrySchema),
});

export const AtlasJsonSchema = z.object({
  /** Where the JSON Schema of this document is published. */
  $schema: z.string(),
  version: z.literal(ATLAS_JSON_VERSION),
  generator: z.literal('gitops-atlas'),
  repository: RepositoryInfoSchema,
  counts: CountsSchema,
  clusters: z.array(ClusterSchema),
  namespaces: z.array(NamespaceSchema),
  /** Every app with the facts its page shows (state, Flux settings, charts, images, storage, backup, monitoring, network policy, endpoints, secrets by name). */
  apps: z.array(AppFactsSchema),
  objects: z.array(ObjectSchema),
  graph: DepGraphSchema,
  secrets: SecretsInventorySchema,
  /** Every finding, less the silenced ones. */
  findings: z.array(FindingSchema),
  silenced: z.array(z.object({ finding: FindingSchema, reason: z.string() })),
  roadmap: RoadmapExportSchema.nullable(),
  changelog: ChangelogExportSchema,
});
export type AtlasJson = z.output<typeof AtlasJsonSchema>;

/** Sub-schemas that get a name in the JSON Schema's `$defs` (the rest is inlined where it is used). */
const DEFS = z.registry<{ id?: string; title?: string; description?: string }>();
DEFS.add(AtlasJsonSchema, {
  title: 'GitOps Atlas model',
  description: `The model a GitOps Atlas site is built from, version ${ATLAS_JSON_VERSION}. Secret values are never part of it: names, keys, recipients and references only.`,
});
DEFS.add(SourceSchema, { id: 'Source' });
DEFS.add(RefSchema, { id: 'Ref' });
DEFS.add(FindingSchema, { id: 'Finding' });
DEFS.add(AppFactsSchema, { id: 'App' });
DEFS.add(ObjectSchema, { id: 'Object' });
DEFS.add(ChangelogEntrySchema, { id: 'ChangelogEntry' });
DEFS.add(RoadmapItemExportSchema, { id: 'RoadmapItem' });

/** The JSON Schema (draft 2020-12) of `atlas.json`. */
export function atlasJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(AtlasJsonSchema, { metadata: DEFS, target: 'draft-2020-12' }) as Record<string, unknown>;
}
