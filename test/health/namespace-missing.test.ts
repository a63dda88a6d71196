/**
 * NAMESPACE_MISSING: Flux creates no namespaces, so an object a cluster's builds apply into a namespace
 * nothing creates fails to apply (`namespaces "x" not found`). The check is silent wherever anything
 * may create it: a Namespace document a build or the bootstrap applies, a release's install.createNamespace, the bootstrap
 * (helmfile, script), the cluster's own namespaces, a ResourceSet; and for objects of custom kinds
 * (which may be cluster-scoped) and those applied to another cluster.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const namespace = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
const configMap = (name: string, ns = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}data:\n  a: b\n`;

async function missing(root: string) {
  const config = parseConfig({});
  const atlas = await computeAtlas(root, config);
  return atlas.analysis.findings.filter((f) => f.code === 'NAMESPACE_MISSING');
}

describe('a namespace nothing creates', () => {
  const repo = tempRepos(afterAll);

  it('is a warning at the first object applied into it; a namespace.yaml, createNamespace and the cluster own ones are not', async () => {
    const r = repo('namespace-missing');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./media\n  - ./games\n  - ./tools\n  - ./system\n');
    // The mistake: a new namespace folder without its namespace.yaml.
    r.put('apps/games/kustomization.yaml', 'namespace: games\nresources:\n  - ./minecraft.yaml\n  - ./config.yaml\n');
    r.put('apps/games/minecraft.yaml', helmRelease({ name: 'minecraft' }));
    r.put('apps/games/config.yaml', configMap('minecraft-config'));
    // The usual shape: the folder's namespace.yaml makes it.
    r.put('apps/media/kustomization.yaml', 'namespace: media\nresources:\n  - ./namespace.yaml\n  - ./plex.yaml\n');
    r.put('apps/media/namespace.yaml', namespace('media'));
    r.put('apps/media/plex.yaml', helmRelease({ name: 'plex' }));
    // A release kept in flux-system that installs into another namespace: with createNamespace it makes
    // it (and the claim applied there is fine); without, nothing does.
    r.put('apps/tools/kustomization.yaml', 'resources:\n  - ./made.yaml\n  - ./not-made.yaml\n  - ./claim.yaml\n');
    r.put('apps/tools/made.yaml', helmRelease({ name: 'wiki', namespace: 'flux-system' }).replace('spec:\n', 'spec:\n  targetNamespace: wiki\n  install:\n    createNamespace: true\n'));
    r.put('apps/tools/not-made.yaml', helmRelease({ name: 'grafana', namespace: 'flux-system' }).replace('spec:\n', 'spec:\n  targetNamespace: observability\n'));
    r.put('apps/tools/claim.yaml', configMap('wiki-extra', 'wiki'));
    // The cluster's own namespaces, and a custom kind (maybe cluster-scoped, kustomize writes `namespace:` into it anyway).
    r.put('apps/system/kustomization.yaml', 'resources:\n  - ./own.yaml\n  - ./custom.yaml\n  - ./token.sops.yaml\n');
    // A SOPS document encrypted whole: its namespace is ciphertext until Flux decrypts it.
    r.put('apps/system/token.sops.yaml', 'apiVersion: ENC[AES256_GCM,data:dGVzdA==,iv:aXY=,tag:dGFn,type:str]\nkind: ENC[AES256_GCM,data:U2VjcmV0,iv:aXY=,tag:dGFn,type:str]\nmetadata:\n  name: ENC[AES256_GCM,data:bmFtZQ==,iv:aXY=,tag:dGFn,type:str]\n  namespace: ENC[AES256_GCM,data:bnM=,iv:aXY=,tag:dGFn,type:str]\nsops:\n  mac: ENC[AES256_GCM,data:bWFj,iv:aXY=,tag:dGFn,type:str]\n  version: 3.9.1\n');
    r.put('apps/system/own.yaml', configMap('coredns-extra', 'kube-system'));
    r.put('apps/system/custom.yaml', 'apiVersion: nfd.k8s-sigs.io/v1alpha1\nkind: NodeFeatureRule\nmetadata:\n  name: usb\n  namespace: node-feature-discovery\nspec: {}\n');
    const found = await missing(r.root);
    expect(found.map((f) => `${f.severity} ${f.source.file}:${f.source.line}`)).toEqual(['warning apps/games/config.yaml:1', 'warning apps/tools/not-made.yaml:1']);
    expect(found[0]!.message).toContain('Namespace games is created by nothing in the repository, but ConfigMap minecraft-config is applied into it (and 1 other object)');
    expect(found[0]!.message).toContain('namespaces "games" not found');
    expect(found[1]!.message).toContain('HelmRelease flux-system/grafana installs into it');
    expect(found[1]!.message).toContain('spec.install.createNamespace: true');
  });

  it('is a warning where the only Namespace manifest is in a folder no build applies, naming it', async () => {
    // A module folder of a shared base that no cluster's list names any more (`clusters/base/longhorn/`),
    // while a cluster's own folder still applies an Ingress and its auth Secret into that namespace: the
    // orphan namespace.yaml silenced the finding (outside review).
    const r = repo('namespace-orphan-module');
    bootstrap(r, 'test');
    r.put('clusters/test/kustomization.yaml', 'resources:\n  - flux-system/gotk-sync.yaml\n  - infra-configs-sync.yaml\n');
    r.put('clusters/test/infra-configs-sync.yaml', fluxKustomization('test-infrastructure-configs', './clusters/test/infrastructure-configs'));
    r.put('clusters/test/infrastructure-configs/kustomization.yaml', 'resources:\n  - longhorn-ingress.yaml\n');
    r.put('clusters/test/infrastructure-configs/longhorn-ingress.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: longhorn-basic-auth\n  namespace: longhorn-system\ntype: Opaque\nstringData:\n  auth: ${BASIC_AUTH}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: longhorn-ingress\n  namespace: longhorn-system\nspec:\n  rules:\n    - host: longhorn.example.com\n');
    r.put('clusters/base/kustomization.yaml', 'resources:\n  - cert-manager/\n');
    r.put('clusters/base/cert-manager/kustomization.yaml', 'resources:\n  - namespace.yaml\n');
    r.put('clusters/base/cert-manager/namespace.yaml', namespace('cert-manager'));
    r.put('clusters/base/longhorn/kustomization.yaml', 'resources:\n  - namespace.yaml\n  - release.yaml\n');
    r.put('clusters/base/longhorn/namespace.yaml', namespace('longhorn-system'));
    r.put('clusters/base/longhorn/release.yaml', helmRelease({ name: 'longhorn', namespace: 'longhorn-system' }));
    const found = await missing(r.root);
    expect(found.map((f) => `${f.source.file}:${f.source.line}`)).toEqual(['clusters/test/infrastructure-configs/longhorn-ingress.yaml:1']);
    expect(found[0]!.message).toContain('Namespace longhorn-system is created by nothing applied (its Namespace manifest, clusters/base/longhorn/namespace.yaml, is in a folder no Flux build applies)');
  });

  it('is silent where the bootstrap creates it, or a Namespace document of a bootstrap folder names it', async () => {
    const r = repo('namespace-bootstrap');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./cilium.yaml\n  - ./secrets.yaml\n  - ./scripted.yaml\n  - ./tasks.yaml\n  - ./tofu.yaml\n  - ./forgotten.yaml\n  - ./just.yaml\n  - ./make.yaml\n  - ./tfhelm.yaml\n');
    r.put('apps/tasks.yaml', configMap('x', 'from-task'));
    r.put('apps/tofu.yaml', configMap('x', 'from-tofu'));
    r.put('apps/forgotten.yaml', configMap('x', 'forgotten'));
    // A justfile, a Makefile and Terraform's helm_release with create_namespace (code review).
    r.put('apps/just.yaml', configMap('x', 'from-just'));
    r.put('apps/make.yaml', configMap('x', 'from-make'));
    r.put('apps/tfhelm.yaml', configMap('x', 'from-tfhelm'));
    r.put('.justfile', 'prepare:\n    kubectl create namespace from-just --dry-run=client -o yaml | kubectl apply -f -\n');
    r.put('Makefile', 'prepare:\n\tkubectl create ns from-make\n');
    r.put('terraform/helm.tf', 'resource "helm_release" "x" {\n  name             = "x"\n  namespace        = "from-tfhelm"\n  create_namespace = true\n}\n');
    // A Taskfile's helm --create-namespace, Terraform's kubernetes_namespace.
    r.put('.taskfiles/bootstrap/Taskfile.yaml', 'version: "3"\ntasks:\n  vault:\n    cmds:\n      - helm upgrade --install vault hashicorp/vault --create-namespace --namespace from-task\n');
    r.put('terraform/namespaces.tf', 'resource "kubernetes_namespace" "tofu" {\n  metadata {\n    name = "from-tofu"\n  }\n}\n');
    r.put('apps/cilium.yaml', configMap('cilium-extra', 'networking'));
    r.put('apps/secrets.yaml', configMap('store', 'external-secrets'));
    r.put('apps/scripted.yaml', configMap('x', 'scripted'));
    // helmfile creates a release's namespace unless told not to; a script's kubectl create namespace.
    r.put('bootstrap/helmfile.yaml', 'releases:\n  - name: cilium\n    namespace: networking\n    chart: cilium/cilium\n');
    r.put('bootstrap/bootstrap.sh', '#!/bin/sh\nkubectl create namespace scripted --dry-run=client -o yaml | kubectl apply -f -\n');
    // A Namespace document that no build applies (a bootstrap folder applied by hand).
    r.put('bootstrap/namespaces.yaml', namespace('external-secrets'));
    // (Only the one nothing makes.)
    expect((await missing(r.root)).map((f) => f.source.file)).toEqual(['apps/forgotten.yaml']);
  });

  it('judges each cluster on its own, and not what a kubeConfig Kustomization applies elsewhere', async () => {
    const r = repo('namespace-clusters');
    for (const c of ['prod', 'lab']) {
      bootstrap(r, c);
      r.put(`clusters/${c}/apps.yaml`, fluxKustomization('apps', `./apps/${c}`));
    }
    r.put('apps/prod/kustomization.yaml', 'resources:\n  - ../base\n  - ./namespace.yaml\n');
    r.put('apps/prod/namespace.yaml', namespace('blog'));
    r.put('apps/lab/kustomization.yaml', 'resources:\n  - ../base\n  - ./remote.yaml\n');
    r.put('apps/base/kustomization.yaml', 'namespace: blog\nresources:\n  - ./cm.yaml\n');
    r.put('apps/base/cm.yaml', configMap('blog'));
    r.put('apps/lab/remote.yaml', fluxKustomization('edge', './edge', '  kubeConfig:\n    secretRef:\n      name: edge-kubeconfig\n'));
    r.put('edge/cm.yaml', configMap('edge', 'edge-only'));
    const found = await missing(r.root);
    expect(found.map((f) => `${f.source.file}:${f.source.line}`)).toEqual(['apps/base/cm.yaml:1']);
    expect(found[0]!.message).toContain('Namespace blog (cluster lab)');
  });

  it('is silent for a release into another cluster and a namespace a chart renders; altogether where a build applies a remote resource', async () => {
    const r = repo('namespace-elsewhere');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./remote-release.yaml\n  - ./raw.yaml\n  - ./monitoring.yaml\n  - ./lost.yaml\n');
    r.put('apps/remote-release.yaml', helmRelease({ name: 'web', namespace: 'flux-system' }).replace('spec:\n', 'spec:\n  targetNamespace: web\n  kubeConfig:\n    secretRef:\n      name: edge-kubeconfig\n'));
    r.put('apps/raw.yaml', helmRelease({ name: 'raw', namespace: 'flux-system', values: '    resources:\n      - apiVersion: v1\n        kind: Namespace\n        metadata:\n          name: monitoring\n' }));
    r.put('apps/monitoring.yaml', configMap('extra', 'monitoring'));
    r.put('apps/lost.yaml', configMap('lost', 'lost'));
    expect((await missing(r.root)).map((f) => f.source.file)).toEqual(['apps/lost.yaml']);
    // A release URL (cert-manager's) may create any namespace: the check says nothing.
    r.put('apps/kustomization.yaml', 'resources:\n  - https://github.com/cert-manager/cert-manager/releases/download/v1.16.2/cert-manager.yaml\n  - ./lost.yaml\n');
    expect(await missing(r.root)).toEqual([]);
  });
});

