import { parseArgs } from 'node:util';

/** Flags every command shares. Parsing only: no logic of its own lives in scripts/. */
export const COMMON_OPTIONS = {
  repo: { type: 'string' },
  out: { type: 'string' },
  site: { type: 'string' },
  base: { type: 'string' },
  title: { type: 'string' },
  'repo-url': { type: 'string' },
  roadmap: { type: 'string' },
  json: { type: 'boolean' },
  format: { type: 'string' },
  'fail-on': { type: 'string' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  check: { type: 'boolean' },
  'cache-dir': { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type CliValues = ReturnType<typeof parseCli>['values'];

export function parseCli(argv: string[]) {
  return parseArgs({ args: argv, options: COMMON_OPTIONS, allowPositionals: true, strict: true });
}

/** Config overrides from flags, in the shape of atlas.config.yaml. */
export function configOverrides(v: CliValues): Record<string, unknown> {
  return {
    title: v.title,
    site: v.site,
    base: v.base,
    repoUrl: v['repo-url'],
    ...(v.roadmap ? { roadmap: { file: v.roadmap, checks: {} } } : {}),
  };
}
