/**
 * A YAML error in a file no Flux build reads breaks nothing Flux applies: a Helm chart's template
 * (`{{ include ... }}` is no YAML until Helm renders it) in a folder no Kustomization's path takes in,
 * or a copy left beside the listed files of a kustomization.yaml, was an error (eighth round of
 * outside-corpus.md). It is an info there, saying so; a broken file a build reads (a folder Flux lists
 * whole, a listed file) stays an error.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('unread-yaml-errors');
afterAll(remove);

const template = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include "app.fullname" . }}\n  labels:\n    {{- include "app.labels" . | nindent 4 }}\n';
const ok = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n  namespace: default\n';

describe('YAML errors and what Flux reads', async () => {
  put('clusters/home/flux-system/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n');
  put('clusters/home/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/home'));
  put('clusters/home/generated.yaml', fluxKustomization('generated', './apps/generated'));
  put('clusters/home/listed.yaml', fluxKustomization('listed', './apps/listed'));
  put('apps/generated/ok.yaml', ok);
  put('apps/generated/broken.yaml', template);
  put('apps/listed/kustomization.yaml', 'resources:\n  - ok.yaml\n  - listed-broken.yaml\n  - release.yaml\npatches:\n  - path: patch-broken.yaml\n');
  put('apps/listed/patch-broken.yaml', template);
  put('apps/listed/ok.yaml', ok.replace('name: ok', 'name: ok-2'));
  put('apps/listed/listed-broken.yaml', template);
  put('apps/listed/left-out.yaml', template);
  put('charts/app/templates/tests/test-connection.yaml', template);
  // A values file a HelmRelease gives its chart from this repository: Helm reads it as YAML.
  put('charts/app/values-prod.yaml', 'replicas: 2\n  bad: [indent\n');
  put('apps/listed/release.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: app\n  namespace: default\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: ./charts/app\n      valuesFiles:\n        - ./charts/app/values-prod.yaml\n      sourceRef:\n        kind: GitRepository\n        name: flux-system\n        namespace: flux-system\n');
  const { model } = await scanRepo(root, parseConfig({}));
  const parse = Object.fromEntries(model.findings.filter((f) => f.code === 'YAML_PARSE_ERROR').map((f) => [f.source.file, f.severity]));

  it('is an error where a build reads the file, an info where none does', () => {
    expect(parse).toEqual({
      'apps/generated/broken.yaml': 'error',
      'apps/listed/listed-broken.yaml': 'error',
      // A patch file is read by the build as surely as a resource.
      'apps/listed/patch-broken.yaml': 'error',
      'apps/listed/left-out.yaml': 'info',
      'charts/app/templates/tests/test-connection.yaml': 'info',
      'charts/app/values-prod.yaml': 'error',
    });
    expect(model.findings.find((f) => f.source.file === 'apps/listed/left-out.yaml')?.message).toMatch(/No Flux build reads this file/);
  });
});
