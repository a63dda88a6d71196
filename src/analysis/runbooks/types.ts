/**
 * Runbooks as plain data. Generators (restore, rotate, add-app, bootstrap, upgrade) fill these
 * from the model; the site renders them with Astro's `{}` escaping and `runbookMarkdown` turns the
 * same data into Markdown for the export. Nothing here carries markup, and nothing carries a
 * secret value: only names, keys, references and positions.
 */
import type { RawDoc } from '../../model/raw-doc.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import type { DepGraph } from '../graph/types.ts';

/** Where a fact was read: repo-relative POSIX path and 1-based line. */
export interface Ref {
  file: string;
  line: number;
}

/** A piece of running text: plain, inline code, or a link to a base-free site path. */
export type Inline = string | { code: string } | { href: string; text: string };

export type Block =
  | { type: 'text'; text: Inline[] }
  /** A command or manifest to copy; `lang` is `bash` or `yaml`. */
  | { type: 'code'; lang: 'bash' | 'yaml'; code: string; caption?: string }
  /** Starlight-style aside; `caution` is the loud one (no backup, fewer recipients than declared). */
  | { type: 'aside'; variant: 'note' | 'tip' | 'caution' | 'danger'; title: string; text: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] }
  | { type: 'table'; head: string[]; rows: Inline[][][] }
  /** Where the facts of this section come from. */
  | { type: 'refs'; refs: Ref[] };

export interface Section {
  /** Stable anchor (kebab-case). */
  slug: string;
  heading: string;
  blocks: Block[];
}

type RunbookKind = 'restore' | 'rotate' | 'add-app' | 'bootstrap' | 'upgrade';

export interface Runbook {
  /** Stable id, also what hand-written front matter names: `restore:media/jellyfin`, `rotate:sops:<file>`, `add-app` ... */
  id: string;
  kind: RunbookKind;
  title: string;
  /** One sentence for index pages. */
  summary: string;
  /** Base-free site path, `/runbooks/...`. */
  path: string;
  /** App this runbook is about, where there is one. */
  appId: string | null;
  /** Something is wrong that the reader must know first (e.g. data with no backup). */
  alarm: boolean;
  sections: Section[];
}

/**
 * What the generators read. `docs` are scrubbed RawDocs (src/repo/read-yaml.ts) of the few files
 * whose fields the model does not keep (k8up Schedule backends, version keys); `headers` are the
 * first lines of files such as gotk-components.yaml. Both optional: without them the runbooks say
 * less but stay correct.
 */
export interface RunbookInput {
  model: RepoModel;
  graph?: DepGraph | null;
  docs?: readonly RawDoc[];
  headers?: readonly { file: string; text: string }[];
}
