/** Scans a fixture repository once per test file and returns what repoMarkdown needs. */
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import type { RepoMarkdownInput } from '../../src/lib/site/repo-markdown.ts';
import { scanRepo } from '../../src/repo/scan.ts';

const ROOT = join(import.meta.dirname, '../..');
export const HOMELAB = join(ROOT, 'examples/homelab');
export const HOSTILE = join(ROOT, 'test/fixtures/repos/docs-hostile');

/** A fresh input object each call, so repoMarkdown's per-object memo starts empty. */
export async function scanFixture(repoRoot: string, overrides: Record<string, unknown> = {}): Promise<RepoMarkdownInput> {
  const config = loadConfig(repoRoot, overrides);
  const { model } = await scanRepo(repoRoot, config);
  return { model, config, repoRoot };
}
