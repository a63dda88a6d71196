import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';

/**
 * The publishing files users copy: the in-cluster manifests keep to the serving contract (non-root,
 * read-only root filesystem, port 8080, the same server the tests run), and the workflows keep
 * what the site needs (full history, Node 24, the package's commands at a pinned version).
 * test/publish/ holds the stricter checks: actionlint, pins and permissions, kubectl kustomize,
 * `atlas check` over deploy/, the Dockerfile's entrypoint run as written.
 */
const docs = (file: string) => parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as Record<string, any>);
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

describe('in-cluster serving', () => {
  it('the Dockerfile serves the built site with serve-static from distroless Node, unprivileged, on 8080', () => {
    const text = readFileSync('Dockerfile', 'utf8');
    const server = text.slice(text.indexOf('\nFROM gcr.io/distroless/'), text.lastIndexOf('\nFROM '));
    expect(text).toMatch(/^FROM node:24\S* AS build$/m);
    expect(server).toMatch(/^FROM gcr\.io\/distroless\/nodejs24-\S+:nonroot AS server$/m);
    expect(server).toMatch(/^USER 65532:65532$/m);
    expect(server).toMatch(/^EXPOSE 8080$/m);
    expect(server).toContain('"/app/serve-static.ts", "/site", "--host", "0.0.0.0", "--port", "8080"');
    expect(text.slice(text.lastIndexOf('\nFROM '))).toMatch(/^FROM server AS site\nCOPY --from=build --chown=0:0 \/site \/site\n$/m);
    expect(text).toContain('scripts/atlas.mjs build --repo /repo --out /site');
  });

  it('the app-template HelmRelease runs non-root with a read-only root filesystem on 8080, on a pinned tag', () => {
    const hr = docs('deploy/app-template/helmrelease.yaml').find((d) => d.kind === 'HelmRelease')!;
    const values = hr.spec.values;
    expect(values.defaultPodOptions.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532 });
    const app = values.controllers['gitops-atlas'].containers.app;
    expect(app.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(String(app.image.tag)).toMatch(/^1\.0\.\d+$/);
    expect(values.service.app.ports.http.port).toBe(8080);
    expect(app.probes.readiness.spec.httpGet.port).toBe(8080);
    expect(values.route.app.rules[0].backendRefs[0].port).toBe(8080);
    expect(hr.spec.chartRef).toMatchObject({ kind: 'OCIRepository', name: 'gitops-atlas' });
  });

  it('the plain Namespace, Deployment, Service and HTTPRoute agree on port 8080 and the security context', () => {
    const [deployment] = docs('deploy/kubernetes/deployment.yaml');
    const [service] = docs('deploy/kubernetes/service.yaml');
    const [route] = docs('deploy/kubernetes/httproute.yaml');
    const pod = deployment!.spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532 });
    expect(pod.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
    expect(pod.containers[0].ports[0].containerPort).toBe(8080);
    expect(service!.spec.ports[0].port).toBe(8080);
    expect(service!.spec.selector).toEqual(deployment!.spec.selector.matchLabels);
    expect(route!.spec.rules[0].backendRefs[0]).toEqual({ name: service!.metadata.name, port: 8080 });
    const [kustomization] = docs('deploy/kubernetes/kustomization.yaml');
    expect(kustomization!.namespace).toBe('docs');
    expect(kustomization!.resources).toEqual(['./namespace.yaml', './deployment.yaml', './service.yaml', './httproute.yaml']);
    expect(kustomization!.images[0].name).toBe(pod.containers[0].image);
  });
});

describe('GitHub Actions workflows for users', () => {
  const ATLAS_PACKAGE = `https://github.com/gitops-atlas/gitops-atlas/releases/download/v${version}/gitops-atlas-${version}.tgz`;

  it('atlas-pages builds with full history from a pinned release and deploys to Pages on push to main', () => {
    const [wf] = docs('examples/workflows/atlas-pages.yml');
    expect(wf!.on.push.branches).toEqual(['main']);
    expect(wf!.env.ATLAS_PACKAGE).toBe(ATLAS_PACKAGE);
    const steps = wf!.jobs.build.steps as Array<Record<string, any>>;
    expect(steps.find((s) => String(s.uses).startsWith('actions/checkout@'))!.with['fetch-depth']).toBe(0);
    expect(steps.find((s) => String(s.uses).startsWith('actions/setup-node@'))!.with['node-version']).toBe(24);
    const build = steps.find((s) => String(s.run ?? '').includes('gitops-atlas build'))!.run as string;
    expect(build).toMatch(/^npx --yes --package="\$ATLAS_PACKAGE" gitops-atlas build --repo \. --out site/);
    expect(build).toContain('--site');
    expect(build).toContain('--base');
    expect(steps.find((s) => String(s.uses).startsWith('actions/upload-pages-artifact@'))!.with.path).toBe('site');
    expect(wf!.jobs.deploy.steps[0].uses).toMatch(/^actions\/deploy-pages@[0-9a-f]{40}$/);
    expect(wf!.permissions).toEqual({});
    expect(wf!.jobs.build.permissions).toEqual({ contents: 'read', pages: 'read' });
    expect(wf!.jobs.deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
  });

  it('atlas-check runs the pinned check on pull requests and pushes to main, and uploads its SARIF', () => {
    const [wf] = docs('examples/workflows/atlas-check.yml');
    expect(Object.keys(wf!.on).sort()).toEqual(['pull_request', 'push']);
    expect(wf!.env.ATLAS_PACKAGE).toBe(ATLAS_PACKAGE);
    const steps = wf!.jobs.check.steps as Array<Record<string, any>>;
    expect(steps.some((s) => /npx --yes --package="\$ATLAS_PACKAGE" gitops-atlas check --repo \. --format sarif/.test(String(s.run ?? '')))).toBe(true);
    expect(steps.some((s) => String(s.uses).startsWith('github/codeql-action/upload-sarif@'))).toBe(true);
    expect(wf!.jobs.check.permissions).toEqual({ contents: 'read', 'security-events': 'write' });
  });

  it('the README installs the same pinned release and never the bare package name', () => {
    const readme = readFileSync('README.md', 'utf8');
    const publishing = readme.slice(readme.indexOf('## Publishing'), readme.indexOf('## How it works'));
    expect(publishing).toContain(ATLAS_PACKAGE);
    expect(publishing).toContain(`npx --yes gitops-atlas@${version} `);
    expect(publishing).not.toMatch(/npx (--yes )?gitops-atlas(?!@)\b/);
  });
});
