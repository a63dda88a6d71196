/**
 * A folder without a kustomization.yaml whose files a kustomization.yaml above lists one by one
 * (`- kubernetes-dashboard/ingress.yaml`): a file of it that no list names is not applied, as a file its
 * own kustomization.yaml leaves out is not. An outside review found a Middleware left beside the listed
 * IngressRoute that names it, with nothing said. Not where a Flux Kustomization builds the folder itself
 * (Flux generates a kustomization.yaml of all its files), nor where another list names the file.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: dashboard\n`;

describe('a file beside the files a list above names one by one', () => {
  const repo = tempRepos(afterAll);

  it('is not deployed, said once at the file; its objects are off', async () => {
    const r = repo('unlisted-sibling-files');
    bootstrap(r, 'prod');
    r.put('clusters/prod/infrastructure.yaml', fluxKustomization('infrastructure', './infrastructure'));
    r.put('clusters/prod/tools.yaml', fluxKustomization('tools', './tools'));
    r.put('infrastructure/kustomization.yaml', 'resources:\n  - dashboard/ingress.yaml\n  - dashboard/release.yaml\n  - other/kustomization-less.yaml\n');
    r.put('infrastructure/dashboard/ingress.yaml', cm('ingress'));
    r.put('infrastructure/dashboard/release.yaml', cm('release'));
    r.put('infrastructure/dashboard/basic-auth.yaml', cm('basic-auth'));
    r.put('infrastructure/dashboard/auth.example.yaml', cm('example'));
    r.put('infrastructure/other/kustomization-less.yaml', cm('other'));
    // A folder a Flux Kustomization builds itself: every file is applied.
    r.put('tools/a.yaml', cm('tool-a'));
    r.put('tools/b.yaml', cm('tool-b'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const notDeployed = model.findings.filter((f) => f.code === 'NOT_DEPLOYED').map((f) => f.source.file);
    expect(notDeployed).toEqual(['infrastructure/dashboard/basic-auth.yaml']);
    expect(model.findings.find((f) => f.code === 'NOT_DEPLOYED')!.message).toContain('is not listed in infrastructure/kustomization.yaml (which lists the other files of its folder one by one');
    const off = (name: string) => model.objects.find((o) => o.name === name)!.disabled;
    expect([off('basic-auth'), off('ingress'), off('tool-a'), off('tool-b')]).toEqual(['unlisted', null, null, null]);
  });
});
