import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AtlasConfigSchema, type AtlasConfig } from './schema.ts';

const CONFIG_FILES = ['atlas.config.yaml', 'atlas.config.yml'];

/** Raised for our own misconfiguration only: one friendly error that lists every `path: message`. */
export class AtlasConfigError extends Error {
  readonly issues: string[];
  constructor(file: string, issues: string[]) {
    super(`Invalid ${file}:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'AtlasConfigError';
    this.issues = issues;
  }
}

/** Validate a configuration object (from the file merged with flags). */
export function parseConfig(input: unknown, file = 'atlas.config.yaml'): AtlasConfig {
  const result = AtlasConfigSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
  throw new AtlasConfigError(file, issues);
}

/** Read `atlas.config.yaml` from the repository root (optional) and apply overrides from flags. */
export function loadConfig(repoRoot: string, overrides: Record<string, unknown> = {}): AtlasConfig {
  let fromFile: Record<string, unknown> = {};
  let used = CONFIG_FILES[0]!;
  for (const name of CONFIG_FILES) {
    const path = join(repoRoot, name);
    if (!existsSync(path)) continue;
    used = name;
    let parsed: unknown;
    try {
      parsed = parse(readFileSync(path, 'utf8'), { maxAliasCount: 100, logLevel: 'error' });
    } catch (error) {
      throw new AtlasConfigError(name, [`(file): ${(error as Error).message}`]);
    }
    if (parsed != null && (typeof parsed !== 'object' || Array.isArray(parsed))) {
      throw new AtlasConfigError(name, ['(root): expected a mapping']);
    }
    fromFile = (parsed ?? {}) as Record<string, unknown>;
    break;
  }
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return parseConfig({ ...fromFile, ...defined }, used);
}
