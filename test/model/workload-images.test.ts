/**
 * Images of plain workload manifests (Deployment init containers and containers, a CronJob's job
 * template), with the line of each `image:`. Cases in test/fixtures/repos/workload-images/README.md.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { parseImage } from '../../src/repo/extract/workload.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { kubectlKustomize } from '../support/kubectl.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/repos/workload-images');

describe('images of workload manifests', async () => {
  const { model } = await computeAtlas(FIXTURE, loadConfig(FIXTURE, {}));
  const images = (app: string) => appFacts(model, app)!.images.map((i) => [i.repository, i.tag, i.digest?.slice(0, 13) ?? null, i.path, i.ref.line, i.origin]);

  it('lists a Deployment init container and container, pinned by digest', () => {
    expect(images('network/cloudflared')).toEqual([
      ['docker.io/library/busybox', '1.37.0', null, 'Deployment cloudflared, initContainers.wait-for-dns', 17, 'manifest'],
      ['docker.io/cloudflare/cloudflared', '2025.1.0', 'sha256:012345', 'Deployment cloudflared, containers.cloudflared', 21, 'manifest'],
    ]);
  });

  it("reads a CronJob's job template; a bare image has a repository and no tag", () => {
    // Seven keys deep (spec.jobTemplate.spec.template.spec.containers.N.image): each its own `image:` line.
    expect(images('kube-system/talos-backup')).toEqual([
      ['ghcr.io/siderolabs/talosctl', 'v1.9.2', null, 'CronJob talos-backup, containers.talosctl', 14, 'manifest'],
      ['nginx', null, null, 'CronJob talos-backup, containers.notify', 17, 'manifest'],
    ]);
    expect(model.objects.find((o) => o.kind === 'ConfigMap')!.images).toBeUndefined();
  });

  it('says which Secrets the pod spec uses, and how', () => {
    const deployment = model.objects.find((o) => o.kind === 'Deployment')!;
    expect(deployment.secretUses).toEqual([
      { name: 'cloudflared-credentials', via: ['volume'] },
      { name: 'cloudflared-token', via: ['secretKeyRef'] },
      { name: 'registry-auth', via: ['imagePullSecrets'] },
    ]);
    const secrets = appFacts(model, 'network/cloudflared')!.secrets;
    expect(secrets.externalSecrets.map((e) => [e.target, e.usedBy])).toEqual([['cloudflared-credentials', ['volume']]]);
    expect(secrets.referenced).toEqual(['cloudflared-credentials', 'cloudflared-token', 'registry-auth']);
  });

  it('splits registry ports from tags, and refuses what is no image', () => {
    expect(parseImage('registry.local:5000/team/app:1.2')).toEqual({ repository: 'registry.local:5000/team/app', tag: '1.2', digest: null });
    expect(parseImage('registry.local:5000/team/app')).toEqual({ repository: 'registry.local:5000/team/app', tag: null, digest: null });
    expect(parseImage('')).toBeNull();
    expect(parseImage('two words')).toBeNull();
  });

  it('are in the versions inventory of /health/versions/; the bare image is IMAGE_TAG_LATEST (a manifest pulls latest)', async () => {
    const { analysis } = await computeAtlas(FIXTURE, loadConfig(FIXTURE, {}));
    const v = analysis.health.matrices.versions;
    expect(v.images.map((i) => [i.image, i.tag, i.helmRelease])).toEqual([
      ['docker.io/cloudflare/cloudflared', '2025.1.0', 'Deployment/network/cloudflared'],
      ['docker.io/library/busybox', '1.37.0', 'Deployment/network/cloudflared'],
      ['ghcr.io/siderolabs/talosctl', 'v1.9.2', 'CronJob/kube-system/talos-backup'],
      ['nginx', null, 'CronJob/kube-system/talos-backup'],
    ]);
    const latest = analysis.findings.filter((f) => f.code === 'IMAGE_TAG_LATEST');
    expect(latest.map((f) => [f.message, `${f.source.file}:${f.source.line}`, f.appId])).toEqual([
      ['Image nginx (containers.notify in CronJob talos-backup) has no tag; pin a version so that upgrades are deliberate.', 'kubernetes/apps/kube-system/talos-backup/app/cronjob.yaml:17', 'kube-system/talos-backup'],
    ]);
  });
});

/**
 * An image written with a Flux variable and its default (`side:${SIDE_TAG:=3.3.3}`): Flux's
 * substitution gives it the tag, and without substitution (no spec.postBuild) it is the tag as
 * written. It was split at the default's colon, into the repository `ghcr.io/example/side:${SIDE_TAG`
 * and the tag `=3.3.3}` (outside review).
 */
describe('an image written with a Flux variable that has a default', () => {
  const repo = tempRepos(afterAll);
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: side\n          image: ghcr.io/example/side:${SIDE_TAG:=3.3.3}\n';

  it('keeps the colon inside ${...} out of the split', () => {
    expect(parseImage('ghcr.io/example/side:${SIDE_TAG:=3.3.3}')).toEqual({ repository: 'ghcr.io/example/side', tag: '${SIDE_TAG:=3.3.3}', digest: null });
    expect(parseImage('${REGISTRY:=registry.local:5000}/team/app:1.2')).toEqual({ repository: '${REGISTRY:=registry.local:5000}/team/app', tag: '1.2', digest: null });
    expect(parseImage('ghcr.io/example/side:${SIDE_TAG:-a/b@c}')).toEqual({ repository: 'ghcr.io/example/side', tag: '${SIDE_TAG:-a/b@c}', digest: null });
    expect(parseImage('ghcr.io/example/side:${TAG}@sha256:0123')).toEqual({ repository: 'ghcr.io/example/side', tag: '${TAG}', digest: 'sha256:0123' });
  });

  it('is the repository with the variable as its tag where Flux substitutes nothing, and the default where it does', async () => {
    const images = async (spec: string) => {
      const r = repo('image-variable-default');
      bootstrap(r);
      r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web', `  targetNamespace: web\n${spec}`));
      r.put('apps/web/kustomization.yaml', 'resources: [deployment.yaml]\n');
      r.put('apps/web/deployment.yaml', deployment);
      // kustomize passes the image through as written (the oracle: kubectl kustomize of the folder).
      const built = kubectlKustomize(join(r.root, 'apps/web'));
      if (built !== 'absent') expect(built === 'failed' ? null : built.output).toContain('image: ghcr.io/example/side:${SIDE_TAG:=3.3.3}');
      const { model } = await scanRepo(r.root, parseConfig({}));
      return model.objects.filter((o) => o.kind === 'Deployment').flatMap((o) => o.images ?? []).map((i) => [i.repository, i.tag]);
    };
    expect(await images('')).toEqual([['ghcr.io/example/side', '${SIDE_TAG:=3.3.3}']]);
    expect(await images('  postBuild:\n    substitute:\n      OTHER: x\n')).toEqual([['ghcr.io/example/side', '3.3.3']]);
  });
});
