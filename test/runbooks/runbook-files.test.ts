/**
 * The runbooks read fields of a few documents (ConfigMap keys, k8up Schedules, system-upgrade Plans,
 * FluxInstances): they take them from the scan's own reading, so no YAML file is parsed twice in a
 * build (issue 19: one read, one parse, shared).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { readRunbookFiles, runbookDocsOf } from '../../src/repo/runbook-files.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { HOMELAB } from './load.ts';

describe('the documents the runbooks read fields from', () => {
  it("are the scan's own: the same as reading their files, and with the repository gone nothing is missing", async () => {
    const config = parseConfig({});
    const { model, docs } = await scanRepo(HOMELAB, config);
    const fromScan = runbookDocsOf(model, docs);
    const read = await readRunbookFiles(model, HOMELAB, config.runbooks);
    expect(read.docs.map((d) => d.value).filter((v) => (v as { kind?: string }).kind === 'Plan').length).toBeGreaterThan(0);
    const gone = await readRunbookFiles(model, join(HOMELAB, 'no-such-folder'), config.runbooks, fromScan);
    expect(JSON.stringify(gone.docs)).toBe(JSON.stringify(read.docs));
    // The very objects the scan made, not a second reading of the files.
    expect(gone.docs[0]).toBe(fromScan.get(gone.docs[0]!.source.file)![0]);
    // Documents commented out in a wanted file are not among them, as when the file is read for the runbooks.
    expect([...fromScan.values()].flat().every((d) => d.disabled === null)).toBe(true);
  });
});
