/**
 * A builtin NamespaceTransformer under `transformers:` (home-ops repositories keep one per namespace
 * folder: `transformers: [./transformers]`, a folder whose `namespace:` sets the configuration's own
 * namespace, the configuration shared from `kubernetes/transformers/`). An outside review found it not
 * run: every namespace folder's `Namespace not-used` and component object stayed as written, three
 * false KUSTOMIZE_DUPLICATE_RESOURCE errors followed, and every app was "not deployed".
 * kubectl kustomize is the oracle.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const transformer = `apiVersion: builtin
kind: NamespaceTransformer
metadata:
  name: apply-ns
  namespace: .invalid
unsetOnly: false
fieldSpecs:
  - path: metadata/name
    kind: Namespace
    create: true
  - path: spec/targetNamespace
    group: kustomize.toolkit.fluxcd.io
    kind: Kustomization
    create: true
`;
const shared = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared-settings\ndata:\n  mode: fast\n';
const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

describe('a builtin NamespaceTransformer named under transformers:', () => {
  const repo = tempRepos(afterAll);

  it('moves each namespace folder into its namespace, as kustomize does', async () => {
    const r = repo('namespace-transformer');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('cluster-apps', './kubernetes/apps'));
    r.put('kubernetes/transformers/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./transformer.yaml\n');
    r.put('kubernetes/transformers/transformer.yaml', transformer);
    r.put('kubernetes/components/common/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - ./settings.yaml\n');
    r.put('kubernetes/components/common/settings.yaml', shared);
    for (const ns of ['media', 'home']) {
      r.put(`kubernetes/apps/${ns}/kustomization.yaml`, 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./namespace.yaml\n  - ./web/ks.yaml\ncomponents:\n  - ../../components/common\ntransformers:\n  - ./transformers\n');
      r.put(`kubernetes/apps/${ns}/transformers/kustomization.yaml`, `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: ${ns}\nresources:\n  - ../../../transformers\n`);
      r.put(`kubernetes/apps/${ns}/namespace.yaml`, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: not-used\n');
      r.put(`kubernetes/apps/${ns}/web/ks.yaml`, fluxKustomization(`${ns}-web`, `./kubernetes/apps/${ns}/web/app`).replace('  namespace: flux-system\n', '').replace('    name: flux-system\n', '    name: flux-system\n    namespace: flux-system\n'));
      r.put(`kubernetes/apps/${ns}/web/app/cm.yaml`, cm(`${ns}-web`));
    }
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings;
    expect(findings.filter((f) => f.severity !== 'info' || f.code === 'NOT_DEPLOYED').map((f) => `${f.code} ${f.source.file}`)).toEqual([]);
    const ids = model.objects.map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining(['Namespace/_cluster/media', 'Namespace/_cluster/home', 'ConfigMap/media/shared-settings', 'ConfigMap/home/shared-settings']));
    expect(ids.filter((id) => id.includes('not-used'))).toEqual([]);
    const ks = model.kustomizations.find((k) => k.name === 'media-web');
    expect([ks?.namespace, ks?.targetNamespace]).toEqual(['media', 'media']);
    expect(model.objects.find((o) => o.name === 'media-web' && o.kind === 'ConfigMap')?.namespace).toBe('media');

    r.put('kubernetes/kustomization.yaml', 'resources:\n  - apps/media\n  - apps/home\n');
    const run = spawnSync('kubectl', ['kustomize', join(r.root, 'kubernetes')], { encoding: 'utf8' });
    if (!run.error) {
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('  name: media\n');
      expect(run.stdout).toContain('targetNamespace: home');
      expect(run.stdout).not.toContain('not-used');
    }
  });
});

describe('a transformer configuration the build does not run', () => {
  const repo = tempRepos(afterAll);

  it('leaves the ids of its build unknown: no duplicate is reported from them', async () => {
    const r = repo('unrun-transformer');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - a\n  - b\n');
    for (const x of ['a', 'b']) {
      r.put(`apps/${x}/kustomization.yaml`, `resources:\n  - cm.yaml\ntransformers:\n  - prefix.yaml\n`);
      r.put(`apps/${x}/prefix.yaml`, `apiVersion: builtin\nkind: PrefixSuffixTransformer\nmetadata:\n  name: prefix\nprefix: ${x}-\nfieldSpecs:\n  - path: metadata/name\n`);
      r.put(`apps/${x}/cm.yaml`, cm('settings').replace('name: settings', 'name: settings\n  namespace: default'));
    }
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.findings.filter((f) => f.code === 'KUSTOMIZE_DUPLICATE_RESOURCE')).toEqual([]);
    const run = spawnSync('kubectl', ['kustomize', join(r.root, 'apps')], { encoding: 'utf8' });
    if (!run.error) {
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('name: a-settings');
    }
  });
});
