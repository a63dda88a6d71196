/**
 * NAMESPACE_MISSING and the bootstrap (src/repo/bootstrap-read.ts): only a step that really creates a
 * namespace counts. A helmfile release with `createNamespace: false`, a Terraform helm_release without
 * `create_namespace = true`, and a script's `helm upgrade -n foo` or `kubectl get -n bar` without
 * `--create-namespace` make nothing: an object applied into those namespaces is still a warning, while
 * the neighbouring steps that do create theirs (in the same files) keep theirs silent.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { readPreinstalled } from '../../src/repo/bootstrap-read.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const configMap = (ns: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: ${ns}\ndata:\n  a: b\n`;

async function missingNamespaces(root: string) {
  const config = parseConfig({});
  const { model } = await scanRepo(root, config);
  const preinstalled = await readPreinstalled(root, model.files);
  return analyse(model, config, { preinstalled })
    .findings.filter((f) => f.code === 'NAMESPACE_MISSING')
    .map((f) => /^Namespace (\S+)/.exec(f.message)?.[1])
    .sort();
}

describe('a bootstrap step that does not create the namespace', () => {
  const repo = tempRepos(afterAll);

  const withApps = (name: string, namespaces: string[]) => {
    const r = repo(name);
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', `resources:\n${namespaces.map((ns) => `  - ./${ns}.yaml\n`).join('')}`);
    for (const ns of namespaces) r.put(`apps/${ns}.yaml`, configMap(ns));
    return r;
  };

  it('leaves a helmfile release namespace missing where the release says createNamespace: false', async () => {
    const r = withApps('ns-helmfile-off', ['networking', 'storage']);
    r.put(
      'bootstrap/helmfile.yaml',
      'releases:\n  - name: cilium\n    namespace: networking\n    chart: cilium/cilium\n  - name: rook-ceph\n    namespace: storage\n    createNamespace: false\n    chart: rook/rook-ceph\n',
    );
    expect(await missingNamespaces(r.root)).toEqual(['storage']);
  });

  it('leaves a Terraform helm_release namespace missing without create_namespace = true', async () => {
    const r = withApps('ns-terraform-helm', ['tf-made', 'tf-not']);
    r.put(
      'terraform/helm.tf',
      'resource "helm_release" "made" {\n  name             = "made"\n  namespace        = "tf-made"\n  create_namespace = true\n}\n\nresource "helm_release" "not" {\n  name      = "not"\n  namespace = "tf-not"\n}\n',
    );
    expect(await missingNamespaces(r.root)).toEqual(['tf-not']);
  });

  it('leaves a script namespace missing where the line has no --create-namespace', async () => {
    const r = withApps('ns-script-lines', ['made', 'foo', 'bar']);
    r.put(
      'bootstrap/bootstrap.sh',
      '#!/bin/sh\nset -e\nhelm upgrade --install vault hashicorp/vault --create-namespace -n made\nhelm upgrade --install app example/app -n foo\nkubectl get pods -n bar\n',
    );
    expect(await missingNamespaces(r.root)).toEqual(['bar', 'foo']);
  });
});
