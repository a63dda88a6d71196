/**
 * kustomize reads a kustomization.yaml as one YAML document: a second one (a tenant added below a `---`)
 * is ignored, and `kubectl kustomize` builds only what the first lists. An outside review found a tenant
 * dropped with no word (its folder "included by nothing"). Now a warning at the second document, and
 * what it lists is not counted as listed. kubectl is the oracle.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: tenants\n`;

describe('a second document in a kustomization.yaml', () => {
  const repo = tempRepos(afterAll);

  it('is a warning at its line, and builds nothing, as kustomize says', async () => {
    const r = repo('kustomize-extra-document');
    bootstrap(r, 'staging');
    r.put('clusters/staging/tenants.yaml', fluxKustomization('tenants', './tenants/staging'));
    r.put('tenants/staging/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../base/blue\n---\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../base/red\n');
    for (const t of ['blue', 'red']) {
      r.put(`tenants/base/${t}/kustomization.yaml`, 'resources:\n  - cm.yaml\n');
      r.put(`tenants/base/${t}/cm.yaml`, cm(t));
    }
    const built = spawnSync('kubectl', ['kustomize', `${r.root}/tenants/staging`], { encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    expect(built.stdout).toContain('name: blue');
    expect(built.stdout).not.toContain('name: red');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings;
    const extra = findings.filter((f) => f.code === 'KUSTOMIZE_EXTRA_DOCUMENT');
    expect(extra.map((f) => `${f.severity} ${f.source.file}:${f.source.line}`)).toEqual(['warning tenants/staging/kustomization.yaml:6']);
    expect(extra[0]!.message).toContain('../base/red');
    expect(model.objects.find((o) => o.name === 'blue')?.owner).not.toBeNull();
    expect(model.objects.find((o) => o.name === 'red')?.owner).toBeNull();
  });
});
