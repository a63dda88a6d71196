/**
 * An encrypted values file that a secretGenerator turns into a Secret (`values.yaml=values.enc.age.yaml`,
 * the pattern of app-template repositories with SOPS): the inventory, the app page and the secrets
 * export say which Secret the file becomes and under which key, with the generator's line, instead of
 * a document of unknown kind and name. Fixture: test/fixtures/repos/secrets-sops-generated.
 */
import { describe, expect, it } from 'vitest';
import { secretsInventory } from '../../src/analysis/secrets/inventory.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { renderSecretsMarkdown } from '../../src/lib/export/secrets-md.ts';
import { generatorUses } from '../../src/repo/build/generator-files.ts';
import { toKustomizeFile } from '../../src/repo/build/kustomize-file-read.ts';
import { rotateSopsRunbooks } from '../../src/analysis/runbooks/rotate-sops.ts';
import { diffSecrets } from '../../src/lib/diff/secrets.ts';
import type { DiffSide } from '../../src/lib/diff/side.ts';
import type { WorkDoc } from '../../src/repo/build/work-doc.ts';
import { fixture, scan } from './scan.ts';

const APP = 'kubernetes/apps/ai/assistant/app';

describe('SOPS files that a kustomize generator reads', async () => {
  const { model, config } = await scan(fixture('secrets-sops-generated'));
  const inv = secretsInventory(model, config).result;
  const row = (name: string) => inv.sopsFiles.find((f) => f.file === `${APP}/${name}`)!;

  it('name the Secret each becomes, its key and the line of the generator entry', () => {
    expect(row('values.enc.age.yaml').generatedInto).toEqual([
      { kind: 'Secret', name: 'assistant-values-secret', key: 'values.yaml', source: { file: `${APP}/kustomization.yaml`, line: 13, col: 1 }, deployed: true },
    ]);
    // An entry without `key=` takes the file's base name as its key.
    expect(row('extra.enc.age.yaml').generatedInto).toEqual([
      { kind: 'Secret', name: 'assistant-extra', key: 'extra.enc.age.yaml', source: { file: `${APP}/kustomization.yaml`, line: 17, col: 1 }, deployed: true },
    ]);
    // The plain values file is not encrypted: no SOPS row at all.
    expect(inv.sopsFiles.map((f) => f.file).sort()).toEqual([`${APP}/extra.enc.age.yaml`, `${APP}/unused/ghost.enc.age.yaml`, `${APP}/values.enc.age.yaml`]);
    // A generator in a folder no kustomization.yaml lists: named, and said not to be deployed.
    expect(row('unused/ghost.enc.age.yaml').generatedInto).toEqual([
      { kind: 'Secret', name: 'ghost-secret', key: 'values.yaml', source: { file: `${APP}/unused/kustomization.yaml`, line: 6, col: 1 }, deployed: false },
    ]);
  });

  it('count a valuesFrom Secret that a built secretGenerator makes, and a ConfigMap generated from a file of no documents, as found', () => {
    expect(model.helmReleases[0]!.valuesFrom.map((v) => [v.kind, v.name, v.found])).toEqual([
      ['ConfigMap', 'assistant-values', true],
      ['Secret', 'assistant-values-secret', true],
      // Made only by that unlisted folder's generator, which no build runs.
      ['Secret', 'ghost-secret', false],
    ]);
  });

  it('show the generated Secret on the app page, with the valuesFrom that uses it', () => {
    const facts = appFacts(model, model.apps[0]!.id, { readme: null })!;
    const sops = facts.secrets.sops.find((s) => s.file === `${APP}/values.enc.age.yaml`)!;
    expect(sops.objects).toEqual([{ kind: 'Secret', name: 'assistant-values-secret', keys: ['values.yaml'], usedBy: ['valuesFrom'] }]);
  });

  it('say it in the secrets export, without a value', () => {
    const md = renderSecretsMarkdown(inv);
    expect(md).toContain(`becomes key values.yaml of Secret assistant-values-secret (generator at ${APP}/kustomization.yaml:13)`);
    expect(md).toContain(`becomes key values.yaml of Secret ghost-secret (generator at ${APP}/unused/kustomization.yaml:6, not deployed)`);
    expect(md).not.toContain('ENC[');
  });

  it('are named by the Secret in the rotation runbook and in atlas diff', () => {
    const runbook = rotateSopsRunbooks(model).find((r) => JSON.stringify(r).includes(`${APP}/values.enc.age.yaml`))!;
    const table = runbook.sections.find((x) => x.slug === 'contents')!.blocks.find((b) => b.type === 'table') as { rows: unknown[] };
    expect(JSON.stringify(table.rows)).toContain('Secret/assistant-values-secret');
    expect(JSON.stringify(table.rows)).not.toContain('?/?');
    // A SOPS file added between two revisions is reported by the Secret it becomes.
    const side = (sopsFiles: typeof inv.sopsFiles) => ({ analysis: { secrets: { ...inv, sopsFiles } } }) as unknown as DiffSide;
    const added = diffSecrets(side([]), side(inv.sopsFiles.filter((f) => f.file === `${APP}/values.enc.age.yaml`))).added;
    expect(added.map((r) => r.names)).toEqual([['Secret/assistant-values-secret']]);
  });

  it('leave out remote files, paths that leave the repository and entries without a name', () => {
    const k = (body: Record<string, unknown>): WorkDoc =>
      ({ file: 'apps/x/kustomization.yaml', body, isKustomizeFile: true, raw: { disabled: null, lines: {}, source: { file: 'apps/x/kustomization.yaml', line: 1, col: 1 } } }) as unknown as WorkDoc;
    const gen = { secretGenerator: [{ name: 's', files: ['a=https://example.com/a.yaml', '../../../outside.yaml', 'k=sub/../in.yaml'] }, { files: ['nameless.yaml'] }] };
    expect([...generatorUses([toKustomizeFile(k(gen))], () => true)]).toEqual([
      ['apps/x/in.yaml', [{ kind: 'Secret', name: 's', key: 'k', source: { file: 'apps/x/kustomization.yaml', line: 1, col: 1 }, deployed: true }]],
    ]);
  });
});
