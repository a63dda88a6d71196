import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { exportTargets } from '../../src/lib/export/targets.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';

describe('atlas export targets', () => {
  it('fills the marker block of a hand-written runbook that asks for a generated one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-export-'));
    cpSync(join(import.meta.dirname, '../../examples/homelab'), dir, { recursive: true });
    writeFileSync(join(dir, 'docs/runbooks/restore-jellyfin.md'), '---\ntitle: Restore jellyfin\natlas: restore:media/jellyfin\n---\n\nOur notes.\n\n<!-- BEGIN ATLAS -->\n<!-- END ATLAS -->\n');
    const targets = exportTargets(await computeAtlas(dir, parseConfig({})));
    const files = targets.map((t) => t.file);
    expect(files).toContain('SECRETS.md');
    expect(files).toContain('CHANGELOG.md');
    const runbook = targets.find((t) => t.file === 'docs/runbooks/restore-jellyfin.md')!;
    expect(runbook.generated).toContain('flux suspend kustomization jellyfin -n media');
    expect(runbook.generated).toContain('k8up');
    // Runbooks that do not ask for a block are not touched.
    expect(files.filter((f) => f.startsWith('docs/'))).toEqual(['docs/runbooks/restore-jellyfin.md']);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('findings reach the app they are about', () => {
  it('puts a hard-coded credential found at read time on the app page facts and the README', async () => {
    const { appFacts } = await import('../../src/lib/site/app-facts.ts');
    const atlas = await computeAtlas(join(import.meta.dirname, '../../examples/homelab'), parseConfig({}));
    const grafana = appFacts(atlas.model, 'observability/grafana')!;
    expect(grafana.findings.map((f) => `${f.code} ${f.ref.file}:${f.ref.line}`)).toContain('HARDCODED_CREDENTIAL kubernetes/apps/observability/grafana/app/helmrelease.yaml:24');
  });
});
