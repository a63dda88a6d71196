/** Scan a fixture repository once per test file and build the runbook input the site builds. */
import { join } from 'node:path';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { readRunbookFiles, runbookDocsOf } from '../../src/repo/runbook-files.ts';
import { generateRunbooks, type Runbook, type RunbookInput } from '../../src/analysis/runbooks/index.ts';
import type { Block } from '../../src/analysis/runbooks/types.ts';

export const HOMELAB = join(import.meta.dirname, '../../examples/homelab');
export const CANARY_REPO = join(import.meta.dirname, '../fixtures/repos/runbooks-canary');

export async function load(root: string) {
  const config = parseConfig({});
  const { model, docs } = await scanRepo(root, config);
  // As computeAtlas does: the documents come from the scan's reading.
  const files = await readRunbookFiles(model, root, config.runbooks, runbookDocsOf(model, docs));
  const input: RunbookInput = { model, docs: files.docs, headers: files.headers };
  const runbooks = generateRunbooks(input, config.sops.recipients);
  const byId = (id: string): Runbook => {
    const r = runbooks.find((x) => x.id === id);
    if (!r) throw new Error(`no runbook ${id}; have ${runbooks.map((x) => x.id).join(', ')}`);
    return r;
  };
  return { config, model, files, input, runbooks, byId };
}

/** Every code block of a runbook (commands and manifests), joined. */
export function code(r: Runbook): string {
  return r.sections.flatMap((s) => s.blocks).filter((b): b is Extract<Block, { type: 'code' }> => b.type === 'code').map((b) => b.code).join('\n');
}

export function asides(r: Runbook): Extract<Block, { type: 'aside' }>[] {
  return r.sections.flatMap((s) => s.blocks).filter((b): b is Extract<Block, { type: 'aside' }> => b.type === 'aside');
}
