import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';

/**
 * The publishing files users copy: the in-cluster manifests keep to the serving contract (non-root,
 * read-only root filesystem, port 8080, the same server the tests run), and the workflows keep
 * what the site needs (full history, Node 24, the package's commands).
 */
const docs = (file: string) => parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as Record<string, any>);

describe('in-cluster serving', () => {
  it('the Dockerfile serves the built site with serve-static, unprivileged, on 8080', () => {
    const text = readFileSync('Dockerfile', 'utf8');
    const final = text.slice(text.lastIndexOf('\nFROM '));
    expect(text).toMatch(/^FROM node:24\S* AS build$/m);
    expect(final).toMatch(/^USER 1000:1000$/m);
    expect(final).toMatch(/^EXPOSE 8080$/m);
    expect(final).toContain('"/app/serve-static.ts", "/site", "--host", "0.0.0.0", "--port", "8080"');
    expect(text).toContain('scripts/atlas.ts build --repo /repo --out /site');
  });

  it('the app-template HelmRelease runs non-root with a read-only root filesystem on 8080', () => {
    const hr = docs('deploy/flux/helmrelease.yaml').find((d) => d.kind === 'HelmRelease')!;
    const values = hr.spec.values;
    expect(values.defaultPodOptions.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    const app = values.controllers['gitops-atlas'].containers.app;
    expect(app.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(values.service.app.ports.http.port).toBe(8080);
    expect(app.probes.readiness.spec.httpGet.port).toBe(8080);
    expect(values.route.app.rules[0].backendRefs[0].port).toBe(8080);
    expect(hr.spec.chartRef).toMatchObject({ kind: 'OCIRepository', name: 'gitops-atlas' });
  });

  it('the plain Deployment, Service and HTTPRoute agree on port 8080 and the security context', () => {
    const [deployment] = docs('deploy/kubernetes/deployment.yaml');
    const [service] = docs('deploy/kubernetes/service.yaml');
    const [route] = docs('deploy/kubernetes/httproute.yaml');
    const pod = deployment!.spec.template.spec;
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
    expect(pod.containers[0].ports[0].containerPort).toBe(8080);
    expect(service!.spec.ports[0].port).toBe(8080);
    expect(service!.spec.selector).toEqual(deployment!.spec.selector.matchLabels);
    expect(route!.spec.rules[0].backendRefs[0]).toEqual({ name: service!.metadata.name, port: 8080 });
    const [kustomization] = docs('deploy/kubernetes/kustomization.yaml');
    expect(kustomization!.resources).toEqual(['./deployment.yaml', './service.yaml', './httproute.yaml']);
  });
});

describe('GitHub Actions workflows for users', () => {
  it('atlas-pages builds with full history and deploys to Pages on push to main', () => {
    const [wf] = docs('examples/workflows/atlas-pages.yml');
    expect(wf!.on.push.branches).toEqual(['main']);
    const steps = wf!.jobs.build.steps as Array<Record<string, any>>;
    expect(steps.find((s) => String(s.uses).startsWith('actions/checkout'))!.with['fetch-depth']).toBe(0);
    expect(steps.find((s) => String(s.uses).startsWith('actions/setup-node'))!.with['node-version']).toBe(24);
    const build = steps.find((s) => String(s.run ?? '').includes('gitops-atlas build'))!.run as string;
    expect(build).toMatch(/--repo \. --out site/);
    expect(build).toContain('--site');
    expect(build).toContain('--base');
    expect(steps.find((s) => String(s.uses).startsWith('actions/upload-pages-artifact'))!.with.path).toBe('site');
    expect(wf!.jobs.deploy.steps[0].uses).toMatch(/^actions\/deploy-pages@/);
    expect(wf!.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
  });

  it('atlas-check runs the check with GitHub annotations on pull requests', () => {
    const [wf] = docs('examples/workflows/atlas-check.yml');
    expect(Object.keys(wf!.on)).toEqual(['pull_request']);
    const steps = wf!.jobs.check.steps as Array<Record<string, any>>;
    expect(steps.some((s) => /gitops-atlas check --repo \. --format github/.test(String(s.run ?? '')))).toBe(true);
  });

  it('the guide shows the same workflows', () => {
    const guide = readFileSync('src/content/docs/guide/publishing.md', 'utf8');
    expect(guide).toContain('fetch-depth: 0');
    expect(guide).toContain('npx --yes gitops-atlas check --repo . --format github');
    expect(guide).toContain('actions/deploy-pages@v4');
  });
});
