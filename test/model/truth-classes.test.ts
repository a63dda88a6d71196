/**
 * Issue 15's classes of false statements, each from a real repository shape, as small in-memory
 * repositories: the model must say what Flux and kustomize would build.
 */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { buildModel } from '../../src/repo/build/model.ts';
import { parseYamlText } from '../../src/repo/read-yaml.ts';

function model(files: Record<string, string>, archived: string[] = []) {
  const docs = Object.entries(files).flatMap(([path, text]) => parseYamlText(text, { path, kind: 'yaml' }).docs);
  return buildModel({
    name: 't',
    files: Object.keys(files).map((path) => ({ path, kind: 'yaml' as const, size: 1, ...(archived.some((a) => path.startsWith(a)) ? { archived: archived.find((a) => path.startsWith(a))! } : {}) })),
    docs,
    findings: [],
  });
}

const fluxKs = (name: string, ns: string, spec: string) =>
  `---\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${spec}`;
const source = '  sourceRef:\n    kind: GitRepository\n    name: flux-system\n';
const codes = (m: ReturnType<typeof model>) => m.findings.map((f) => f.code).sort();

describe('class 1: clusters', () => {
  const cluster = (c: string) => ({
    [`clusters/${c}/flux-system/gotk-sync.yaml`]: fluxKs('flux-system', 'flux-system', `  path: ./clusters/${c}\n${source}`),
    [`clusters/${c}/vars.yaml`]: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cluster-settings\n  namespace: flux-system\ndata:\n  CLUSTER: ${c}\n`,
    [`clusters/${c}/apps.yaml`]: fluxKs('apps', 'flux-system', `  path: ./apps/base\n${source}  postBuild:\n    substituteFrom:\n      - kind: ConfigMap\n        name: cluster-settings\n`),
  });
  const m = model({
    ...cluster('staging'),
    ...cluster('production'),
    'apps/base/podinfo/release.yaml':
      'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: podinfo\n  namespace: podinfo\nspec:\n  chart:\n    spec:\n      chart: podinfo\n  values:\n    host: podinfo.${CLUSTER}.example.com\n',
    'apps/base/podinfo/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: podinfo\n',
  });

  it('builds a shared base once per cluster, each with its own cluster values', () => {
    expect(m.clusters).toEqual(['production', 'staging']);
    const releases = m.helmReleases.filter((h) => h.name === 'podinfo');
    expect(releases.map((h) => [h.id, (h.values as { host: string }).host]).sort()).toEqual([
      ['HelmRelease/podinfo/podinfo@production', 'podinfo.production.example.com'],
      ['HelmRelease/podinfo/podinfo@staging', 'podinfo.staging.example.com'],
    ]);
  });

  it('shows the app once per cluster, never invents a namespace named after a cluster, and reports no duplicate across clusters', () => {
    expect(m.apps.filter((a) => a.name === 'podinfo').map((a) => a.id).sort()).toEqual(['production/podinfo/podinfo', 'staging/podinfo/podinfo']);
    expect(m.namespaces).not.toContain('production');
    expect(m.namespaces).not.toContain('staging');
    expect(codes(m)).not.toContain('DUPLICATE_OBJECT');
    expect(codes(m)).not.toContain('APP_ID_COLLISION');
    expect(new Set(m.apps.map((a) => a.id)).size).toBe(m.apps.length);
  });
});

describe('class 1: clusters with their own overlays', () => {
  it('applies each overlay\'s patch to its own cluster\'s copy of the shared base, not the last overlay\'s to both', () => {
    const overlay = (c: string, version: string) => ({
      [`clusters/${c}/apps.yaml`]: fluxKs('apps', 'flux-system', `  path: ./apps/${c}\n${source}`),
      [`apps/${c}/kustomization.yaml`]: `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../base/podinfo\npatches:\n  - path: values.yaml\n`,
      [`apps/${c}/values.yaml`]: `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: podinfo\n  namespace: podinfo\nspec:\n  chart:\n    spec:\n      version: "${version}"\n`,
    });
    const m = model({
      ...overlay('staging', '>=1.0.0-alpha'),
      ...overlay('production', '>=1.0.0'),
      'apps/base/podinfo/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - release.yaml\n',
      'apps/base/podinfo/release.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: podinfo\n  namespace: podinfo\nspec:\n  chart:\n    spec:\n      chart: podinfo\n      version: "*"\n',
    });
    expect(m.helmReleases.map((h) => [h.id, h.chart.version]).sort()).toEqual([
      ['HelmRelease/podinfo/podinfo@production', '>=1.0.0'],
      ['HelmRelease/podinfo/podinfo@staging', '>=1.0.0-alpha'],
    ]);
  });
});

describe('class 2: Flux sources', () => {
  it('maps ExternalArtifact paths through the ArtifactGenerator copy rules', () => {
    const m = model({
      'clusters/prod/artifacts.yaml':
        'apiVersion: source.extensions.fluxcd.io/v1beta1\nkind: ArtifactGenerator\nmetadata:\n  name: gen\n  namespace: flux-system\nspec:\n  sources:\n    - alias: mono\n      kind: GitRepository\n      name: flux-system\n  artifacts:\n    - name: infra\n      copy:\n        - from: "@mono/infrastructure/**"\n          to: "@artifact/"\n',
      'clusters/prod/infra.yaml': fluxKs('infra', 'flux-system', '  path: ./controllers\n  sourceRef:\n    kind: ExternalArtifact\n    name: infra\n'),
      'infrastructure/controllers/cert-manager.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: cert-manager\n  namespace: cert-manager\nspec:\n  chart:\n    spec:\n      chart: cert-manager\n',
    });
    expect(codes(m)).not.toContain('FLUX_PATH_MISSING');
    expect(m.helmReleases.find((h) => h.name === 'cert-manager')?.owner).toBe('Kustomization/flux-system/infra');
  });

  it('resolves paths under the folder the repository ships as its artifact (an OCIRepository of kubernetes/)', () => {
    const m = model({
      'kubernetes/clusters/main/ks.yaml': fluxKs('cluster', 'flux-system', '  path: ./apps\n  sourceRef:\n    kind: OCIRepository\n    name: flux-system\n'),
      'kubernetes/apps/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./web/ks.yaml\n',
      'kubernetes/apps/web/ks.yaml': fluxKs('web', 'flux-system', '  path: ./apps/web/app\n  targetNamespace: web\n  sourceRef:\n    kind: OCIRepository\n    name: flux-system\n'),
      'kubernetes/apps/web/app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n',
    });
    expect(codes(m)).not.toContain('FLUX_PATH_MISSING');
    expect(m.objects.find((o) => o.kind === 'ConfigMap')?.id).toBe('ConfigMap/web/web');
  });

  it('treats a Kustomization of another Git repository as external, not missing', () => {
    const m = model({
      'clusters/main/flux-system/gotk-sync.yaml': fluxKs('flux-system', 'flux-system', `  path: ./clusters/main\n${source}`),
      'clusters/main/tenant.yaml': fluxKs('tenant', 'apps', '  path: ./deploy\n  sourceRef:\n    kind: GitRepository\n    name: tenant-repo\n'),
    });
    expect(codes(m)).not.toContain('FLUX_PATH_MISSING');
  });
});

describe('class 3: components', () => {
  const nsFolder = (ns: string) => ({
    [`kubernetes/apps/${ns}/kustomization.yaml`]: `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: ${ns}\ncomponents:\n  - ../../components/common\nresources:\n  - ./app-${ns}/ks.yaml\n`,
    [`kubernetes/apps/${ns}/app-${ns}/ks.yaml`]: fluxKs(`app-${ns}`, ns, `  path: ./kubernetes/apps/${ns}/app-${ns}/app\n${source}  postBuild:\n    substituteFrom:\n      - kind: ConfigMap\n        name: cluster-settings\n`).replace(`  namespace: ${ns}\n`, ''),
    [`kubernetes/apps/${ns}/app-${ns}/app/cm.yaml`]: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  domain: ${DOMAIN}\n',
  });
  const m = model({
    'kubernetes/flux/cluster/ks.yaml': fluxKs('cluster-apps', 'flux-system', `  path: ./kubernetes/apps\n${source}`),
    'kubernetes/components/common/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - ./settings.yaml\n  - ./namespace.yaml\n',
    'kubernetes/components/common/settings.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cluster-settings\ndata:\n  DOMAIN: example.com\n',
    'kubernetes/components/common/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: _\n',
    ...nsFolder('media'),
    ...nsFolder('home'),
  });

  it('makes a component object in every namespace that includes it', () => {
    expect(m.objects.filter((o) => o.name === 'cluster-settings').map((o) => o.id).sort()).toEqual(['ConfigMap/home/cluster-settings', 'ConfigMap/media/cluster-settings']);
    expect(m.objects.filter((o) => o.kind === 'Namespace').map((o) => o.name).sort()).toEqual(['home', 'media']);
  });

  it('resolves substituteFrom from the namespace copy: no false wrong-namespace or unresolved finding', () => {
    expect(codes(m)).not.toContain('SUBSTITUTE_FROM_WRONG_NAMESPACE');
    expect(codes(m)).not.toContain('SUBSTITUTION_UNRESOLVED');
  });
});

describe('class 4: not deployed', () => {
  const m = model(
    {
      'kubernetes/flux/cluster/ks.yaml': fluxKs('cluster-apps', 'flux-system', `  path: ./kubernetes/apps\n${source}`),
      'kubernetes/apps/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./web/ks.yaml\n  # - ./old/ks.yaml\n',
      'kubernetes/apps/web/ks.yaml': fluxKs('web', 'flux-system', `  path: ./kubernetes/apps/web/app\n  targetNamespace: web\n${source}`),
      'kubernetes/apps/web/app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n',
      'kubernetes/apps/old/ks.yaml': fluxKs('old', 'flux-system', `  path: ./kubernetes/apps/old/app\n  targetNamespace: legacy\n${source}`),
      'kubernetes/apps/old/app/image.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: old\nspec:\n  template:\n    spec:\n      containers:\n        - name: old\n          image: old:latest\n',
      '.archive/web/ks.yaml': fluxKs('web', 'flux-system', `  path: ./kubernetes/apps/gone/app\n  targetNamespace: web\n${source}`),
      '.archive/retired/ks.yaml': fluxKs('retired', 'flux-system', `  path: ./.archive/retired/app\n  targetNamespace: attic\n${source}`),
      '.archive/retired/app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: retired\n',
    },
    ['.archive/'],
  );

  it('gives each not-deployed app its reason, with the commented line', () => {
    const byId = new Map(m.apps.map((a) => [a.id, a]));
    expect(byId.get('web/web')?.notDeployed ?? null).toBeNull();
    expect(byId.get('legacy/old')?.notDeployed).toBe('Commented out in kubernetes/apps/kustomization.yaml:5 ("./old/ks.yaml"), so Flux does not deploy it.');
    expect(byId.get('attic/retired')?.notDeployed).toMatch(/^Archived: \.archive\//);
    // The archived copy of a live app never takes the live app's id, and raises no collision.
    expect(byId.get('web/web-archived')?.notDeployed).toMatch(/^Archived/);
    expect(codes(m)).not.toContain('APP_ID_COLLISION');
  });

  it('invents no namespace and checks nothing it does not deploy: one NOT_DEPLOYED note per folder', () => {
    expect(m.namespaces).toEqual(['flux-system', 'web']);
    const { findings } = analyse(m, parseConfig({}));
    const notDeployed = findings.filter((f) => f.code === 'NOT_DEPLOYED');
    expect(notDeployed.map((f) => f.source.file).sort()).toEqual(['.archive/retired/ks.yaml', 'kubernetes/apps/old/ks.yaml']);
    // The old app's `image: old:latest` would be IMAGE_TAG_LATEST if it were deployed.
    expect(findings.filter((f) => f.code !== 'NOT_DEPLOYED' && (f.source.file.startsWith('.archive/') || f.source.file.startsWith('kubernetes/apps/old/')))).toEqual([]);
  });
});

describe('class 5: one page per app, always', () => {
  it('keeps ids unique when apps share a name across folders, clusters and the archive', () => {
    const app = (root: string) => ({
      [`${root}/media/plex/ks.yaml`]: fluxKs('plex', 'flux-system', `  targetNamespace: media\n  path: ./${root}/media/plex/app\n${source}`),
      [`${root}/media/plex/app/cm.yaml`]: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plex\n',
    });
    const m = model({ ...app('one'), ...app('two'), ...app('.archive/three') }, ['.archive/']);
    const ids = m.apps.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('media/plex-archived');
  });
});

describe('class 9: secrets on app pages', () => {
  const m = model({
    'kubernetes/flux/cluster/ks.yaml': fluxKs('cluster-apps', 'flux-system', `  path: ./kubernetes/apps\n${source}`),
    'kubernetes/apps/media/plex/ks.yaml': fluxKs('plex', 'flux-system', `  path: ./kubernetes/apps/media/plex/app\n  targetNamespace: media\n${source}`),
    'kubernetes/apps/media/plex/app/externalsecret.yaml':
      'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: plex\nspec:\n  refreshInterval: 1h\n  secretStoreRef:\n    kind: ClusterSecretStore\n    name: onepassword\n  target:\n    name: plex-secret\n  dataFrom:\n    - extract:\n        key: plex\n',
    'kubernetes/apps/media/plex/app/helmrelease.yaml':
      'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: plex\nspec:\n  chart:\n    spec:\n      chart: app-template\n  values:\n    controllers:\n      plex:\n        containers:\n          app:\n            envFrom:\n              - secretRef:\n                  name: "{{ .Release.Name }}-secret"\n',
  });

  it('lists the app\'s ExternalSecret with what consumes it, the Helm template name resolved', () => {
    const f = appFacts(m, 'media/plex');
    expect(f?.secrets.externalSecrets.map((e) => ({ name: e.name, target: e.target, usedBy: e.usedBy }))).toEqual([{ name: 'plex', target: 'plex-secret', usedBy: ['envFrom'] }]);
    expect(f?.secrets.referenced).toEqual(['plex-secret']);
  });
});
