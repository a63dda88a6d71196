import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * deploy/ as a user copies it: rendered by `kubectl kustomize` (the kustomize Flux runs), the image
 * is pinned by tag and digest and the pod runs as non-root with a read-only root filesystem in a
 * `docs` Namespace that enforces Pod Security `restricted`; Flux's image automation points at the
 * lines it rewrites; and `atlas check --repo deploy` (flux/ks.yaml is the cluster root there)
 * reports nothing above info, for either variant.
 */
type Obj = Record<string, any>;
const docs = (text: string): Obj[] => parseAllDocuments(text).map((d) => d.toJS() as Obj).filter(Boolean);
const file = (path: string): Obj[] => docs(readFileSync(path, 'utf8'));

const hasKubectl = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const kustomize = (dir: string): Obj[] => docs(execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' }));

const IMAGE = 'ghcr.io/me/home-ops-atlas';
/** What examples/workflows/atlas-image.yml tags: `1.0.<commit time>` or the 40-hex commit sha. */
const TAG = /^(1\.0\.\d+|[0-9a-f]{40})$/;
const pinnedImage = new RegExp(`^${IMAGE.replace(/\./g, '\\.')}:(1\\.0\\.\\d+|[0-9a-f]{40})@sha256:[0-9a-f]{64}$`);

function expectRestrictedPod(pod: Obj, container: Obj) {
  expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
  expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
  expect(pod.automountServiceAccountToken).toBe(false);
  expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
}

describe.skipIf(!hasKubectl)('deploy/ rendered by kubectl kustomize (skipped only where kubectl is not installed)', () => {
  it('kubernetes/: a restricted docs Namespace, everything in it, the image pinned by tag and digest, a locked-down pod', () => {
    const objs = kustomize('deploy/kubernetes');
    expect(objs.map((o) => o.kind).sort()).toEqual(['Deployment', 'HTTPRoute', 'Namespace', 'Service']);
    const ns = objs.find((o) => o.kind === 'Namespace')!;
    expect(ns.metadata.name).toBe('docs');
    expect(ns.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    for (const o of objs.filter((o) => o.kind !== 'Namespace')) expect(o.metadata.namespace, `${o.kind} ${o.metadata.name}`).toBe('docs');
    const deployment = objs.find((o) => o.kind === 'Deployment')!;
    const pod = deployment.spec.template.spec;
    const [container] = pod.containers;
    expect(container.image).toMatch(pinnedImage);
    expect(container.image).not.toMatch(/:latest\b/);
    expectRestrictedPod(pod, container);
    expect(container.ports).toEqual([{ name: 'http', containerPort: 8080 }]);
    const service = objs.find((o) => o.kind === 'Service')!;
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    expect(service.spec.ports[0]).toMatchObject({ port: 8080, targetPort: 'http' });
    const route = objs.find((o) => o.kind === 'HTTPRoute')!;
    expect(route.spec.rules[0].backendRefs[0]).toEqual({ name: service.metadata.name, port: 8080 });
  });

  it('app-template/: the same Namespace, the HelmRelease with a pinned tag and a locked-down pod', () => {
    const objs = kustomize('deploy/app-template');
    expect(objs.map((o) => o.kind).sort()).toEqual(['HelmRelease', 'Namespace', 'OCIRepository']);
    expect(objs.find((o) => o.kind === 'Namespace')!.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    const hr = objs.find((o) => o.kind === 'HelmRelease')!;
    expect(hr.metadata.namespace).toBe('docs');
    const values = hr.spec.values;
    const app = values.controllers['gitops-atlas'].containers.app;
    expect(app.image.repository).toBe(IMAGE);
    expect(String(app.image.tag)).toMatch(TAG);
    expectRestrictedPod({ ...values.defaultPodOptions, securityContext: values.defaultPodOptions.securityContext }, app);
    expect(values.service.app.ports.http.port).toBe(8080);
    expect(app.probes.readiness.spec.httpGet.port).toBe(8080);
    expect(values.route.app.rules[0].backendRefs[0].port).toBe(8080);
  });
});

describe('Flux follows each pushed image', () => {
  const automation = file('deploy/flux/image-automation.yaml');
  const byKind = (kind: string) => automation.find((o) => o.kind === kind)!;

  it('ImageRepository -> ImagePolicy -> ImageUpdateAutomation, image APIs v1', () => {
    expect(automation.map((o) => `${o.apiVersion} ${o.kind}`)).toEqual([
      'image.toolkit.fluxcd.io/v1 ImageRepository',
      'image.toolkit.fluxcd.io/v1 ImagePolicy',
      'image.toolkit.fluxcd.io/v1 ImageUpdateAutomation',
    ]);
    expect(byKind('ImageRepository').spec.image).toBe(IMAGE);
    expect(byKind('ImagePolicy').spec.imageRepositoryRef.name).toBe(byKind('ImageRepository').metadata.name);
    expect(byKind('ImagePolicy').spec.policy).toEqual({ semver: { range: '>=1.0.0' } });
    expect(byKind('ImagePolicy').spec.digestReflectionPolicy).toBe('IfNotPresent');
    expect(byKind('ImageUpdateAutomation').spec.update).toEqual({ path: './kubernetes', strategy: 'Setters' });
  });

  it('the marked lines name that ImagePolicy, and the files Flux rewrites are the ones deployed', () => {
    const policy = byKind('ImagePolicy');
    const ref = `${policy.metadata.namespace}:${policy.metadata.name}`;
    const kustomization = readFileSync('deploy/kubernetes/kustomization.yaml', 'utf8');
    expect(kustomization).toMatch(new RegExp(`^\\s+newTag: \\S+ # \\{"\\$imagepolicy": "${ref}:tag"\\}$`, 'm'));
    expect(kustomization).toMatch(new RegExp(`^\\s+digest: sha256:[0-9a-f]{64} # \\{"\\$imagepolicy": "${ref}:digest"\\}$`, 'm'));
    expect(readFileSync('deploy/app-template/helmrelease.yaml', 'utf8')).toMatch(new RegExp(`^\\s+tag: \\S+ # \\{"\\$imagepolicy": "${ref}:tag"\\}$`, 'm'));
    const [images] = (parse(kustomization) as { images: Obj[] }).images;
    expect(images!.name).toBe(IMAGE);
    expect(String(images!.newTag)).toMatch(TAG);
    const [ks] = file('deploy/flux/ks.yaml');
    expect(ks!.spec.path).toBe(byKind('ImageUpdateAutomation').spec.update.path);
    // Paths are relative to the GitRepository's root: deploy/ as shipped.
    expect(existsSync(join('deploy', ks!.spec.path, 'kustomization.yaml'))).toBe(true);
    // The workflow that pushes the image names it ghcr.io/<owner>/<repo>-atlas: here owner me, repo home-ops.
    expect(IMAGE).toMatch(/^ghcr\.io\/[^/]+\/[^/]+-atlas$/);
  });
});

describe('atlas check over deploy/', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-deploy-check-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function check(root: string): Array<{ code: string; severity: string; source: { file: string } }> {
    const r = spawnSync(process.execPath, ['scripts/atlas.mjs', 'check', '--repo', root, '--format', 'json', '--fail-on', 'warning'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBeLessThan(2);
    return (JSON.parse(r.stdout) as { findings: Array<{ code: string; severity: string; source: { file: string } }> }).findings;
  }

  /** deploy/ copied, with flux/ pointed at the app-template variant as deploy/README.md says, then `edit`. */
  function appTemplateCopy(name: string, edit?: (root: string) => void): string {
    const root = join(dir, name);
    cpSync('deploy', root, { recursive: true });
    for (const f of ['flux/ks.yaml', 'flux/image-automation.yaml']) {
      writeFileSync(join(root, f), readFileSync(join(root, f), 'utf8').replace('path: ./kubernetes', 'path: ./app-template'));
    }
    edit?.(root);
    return root;
  }

  it('atlas check --repo deploy: nothing above info, and kubernetes/ is really deployed and checked', () => {
    const findings = check('deploy');
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(findings.filter((f) => f.code === 'NOT_DEPLOYED' && /^(flux|kubernetes)\//.test(f.source.file))).toEqual([]);
  });

  it('with flux/ pointed at app-template/: nothing above info, nothing of it left undeployed', () => {
    const findings = check(appTemplateCopy('helm'));
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(findings.filter((f) => f.code === 'NOT_DEPLOYED' && /^(flux|app-template)\//.test(f.source.file))).toEqual([]);
  });

  it('the check really reads the HelmRelease: a `latest` tag there is flagged', () => {
    const latest = check(
      appTemplateCopy('helm-latest', (root) => {
        const hr = join(root, 'app-template/helmrelease.yaml');
        writeFileSync(hr, readFileSync(hr, 'utf8').replace(/tag: 1\.0\.\d+/, 'tag: latest'));
      }),
    );
    expect(latest.filter((f) => f.code === 'IMAGE_TAG_LATEST').map((f) => f.source.file)).toEqual(['app-template/helmrelease.yaml']);
  });
});
