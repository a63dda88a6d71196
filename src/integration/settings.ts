/**
 * What the site needs to know about the repository it documents, as one explicit value: the CLI
 * (scripts/build-site.ts) and astro.config.mjs build it, the integration (atlas-integration.ts)
 * hands it to the site through the virtual module `virtual:gitops-atlas/settings`, and the memoised
 * Atlas (src/loaders/atlas-data.ts) is keyed on it. Plain JSON, because a virtual module carries it
 * as source text.
 */

/** The settings the loaders and pages read (the contents of `virtual:gitops-atlas/settings`). */
export interface AtlasSettings {
  /** The GitOps repository to document, absolute. */
  repo: string;
  /** Configuration overrides from CLI flags, in the shape of atlas.config.yaml (title, repoUrl, noindex ...). */
  overrides: Record<string, unknown>;
  /**
   * Keep the files read by one scan for the next (astro dev: a scan after a save re-reads only the
   * files that changed). Off for a build or a CLI run, which read everything once and keep nothing.
   */
  devCache: boolean;
}

/** Everything the Astro config is made of (src/integration/astro-config.ts). */
export interface SiteSettings {
  /** Astro's project root: this package, or the copy of its site template (scripts/pack/site-template.ts). */
  root: string;
  /** The repository to document, absolute. */
  repo: string;
  /** Configuration overrides (see AtlasSettings). */
  overrides?: Record<string, unknown>;
  /** Output folder, absolute. */
  outDir: string;
  /** Public site URL; default the repository's `site` setting. */
  site?: string | undefined;
  /** Base path; default the repository's `base` setting. */
  base?: string | undefined;
  /** Astro's cache folder, absolute. */
  cacheDir?: string | undefined;
  /** Keep the read cache between scans; default: on for `astro dev` only. */
  devCache?: boolean;
}

/** The overrides without undefined values, so that equal settings give equal keys and JSON. */
export function definedOverrides(overrides: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(overrides ?? {}).filter(([, v]) => v !== undefined));
}

/**
 * The identity of an Atlas: two settings with the same repository and overrides describe the same
 * Atlas, whether they are the object the CLI made or its copy read back from the virtual module.
 * `devCache` is left out: it changes how fast a scan is, not what it finds.
 */
export function atlasKey(settings: AtlasSettings): string {
  return JSON.stringify([settings.repo, settings.overrides]);
}
