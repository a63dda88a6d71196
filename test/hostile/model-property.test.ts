/**
 * Issue 11, fuzzing the model builder: random Kubernetes-ish repositories (Flux and kustomize
 * Kustomizations, HelmReleases, Secrets, PVCs ... with random dependsOn, paths that leave the
 * repository, `${VAR}`s, odd names and wrong shapes) go through the real reader (parseYamlText)
 * and then buildModel. For any input: nothing throws, every finding and every object points into
 * a file of the input at a line that exists, and the model validates against its own schema.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.ts';
import type { RawDoc } from '../../src/model/raw-doc.ts';
import { RepoModelSchema, type RepoModel } from '../../src/model/repo-model.ts';
import { buildModel } from '../../src/repo/build/model.ts';
import { parseYamlText } from '../../src/repo/read-yaml.ts';

const name = fc.constantFrom('app', 'plex', 'cert-manager', '${APP}', '..', '', 'a/b', 'x y', 'ünï', 'flux-system');
const ns = fc.option(fc.constantFrom('flux-system', 'default', 'media', '${NS}', '..', ''), { nil: undefined });
const path = fc.constantFrom('./kubernetes/apps/media/plex/app', './kubernetes/apps', '../../etc', '/abs', './${APP_PATH}/app', '', './kubernetes/apps/media/plex', 42, null);
const dep = fc.oneof(fc.record({ name, namespace: ns }, { requiredKeys: ['name'] }), name, fc.integer());
const deps = fc.oneof(fc.array(dep, { maxLength: 4 }), name, fc.constant(7), fc.constant(null));
const meta = fc.oneof({ weight: 8, arbitrary: fc.record({ name, namespace: ns, annotations: fc.constant({ 'x/y': '${VAR}' }) }, { requiredKeys: ['name'] }) }, fc.constant('scalar'), fc.constant(null));

const fluxKs = fc.record({
  apiVersion: fc.constant('kustomize.toolkit.fluxcd.io/v1'),
  kind: fc.constant('Kustomization'),
  metadata: meta,
  spec: fc.oneof(
    { weight: 8, arbitrary: fc.record({
      path,
      dependsOn: deps,
      targetNamespace: ns,
      sourceRef: fc.constant({ kind: 'GitRepository', name: 'flux-system' }),
      postBuild: fc.option(fc.record({ substitute: fc.constant({ APP: 'plex', NS: 'media' }), substituteFrom: fc.array(fc.record({ kind: fc.constantFrom('Secret', 'ConfigMap'), name }), { maxLength: 2 }) }), { nil: undefined }),
      patches: fc.option(fc.constant([{ patch: '- op: add\n  path: /spec/x\n  value: 1', target: { kind: 'HelmRelease' } }, { patch: 42 }]), { nil: undefined }),
    }, { requiredKeys: ['path'] }) },
    fc.constant([1, 2]),
    fc.constant('scalar'),
  ),
});
const kustomizeFile = fc.record({
  apiVersion: fc.constant('kustomize.config.k8s.io/v1beta1'),
  kind: fc.constant('Kustomization'),
  namespace: ns,
  resources: fc.oneof(fc.array(fc.constantFrom('./ks.yaml', './app', '../..', '../../../../etc', './helmrelease.yaml', 'https://example.com/x.yaml', './${R}', './missing'), { maxLength: 4 }), fc.constant('string')),
  components: fc.option(fc.constant(['../../components/common']), { nil: undefined }),
});
const helmRelease = fc.record({
  apiVersion: fc.constant('helm.toolkit.fluxcd.io/v2'),
  kind: fc.constant('HelmRelease'),
  metadata: meta,
  spec: fc.record({
    chart: fc.oneof(fc.constant({ spec: { chart: 'app', version: '1.0.0', sourceRef: { kind: 'HelmRepository', name: 'repo', namespace: 'flux-system' } } }), fc.constant('x')),
    dependsOn: deps,
    values: fc.oneof(fc.constant({ persistence: { config: { existingClaim: '${APP}' } }, image: { tag: 'latest' }, admin: { password: 'hunter2-literal' } }), fc.constant([1]), fc.constant(null)),
    valuesFrom: fc.option(fc.array(fc.record({ kind: fc.constantFrom('Secret', 'ConfigMap'), name }), { maxLength: 2 }), { nil: undefined }),
  }),
});
const simple = (apiVersion: string, kind: string, extra: fc.Arbitrary<Record<string, unknown>>) =>
  fc.tuple(meta, extra).map(([m, e]) => ({ apiVersion, kind, metadata: m, ...e }));
const doc = fc.oneof(
  { weight: 4, arbitrary: fluxKs },
  { weight: 2, arbitrary: kustomizeFile },
  { weight: 2, arbitrary: helmRelease },
  { weight: 1, arbitrary: simple('v1', 'Secret', fc.record({ data: fc.oneof(fc.constant({ password: 'aHVudGVyMg==' }), fc.constant([1])), stringData: fc.oneof(fc.constant({ token: 'plain' }), fc.constant('s')) })) },
  { weight: 1, arbitrary: simple('v1', 'PersistentVolumeClaim', fc.record({ spec: fc.constant({ resources: { requests: { storage: '1Gi' } } }) })) },
  { weight: 1, arbitrary: simple('external-secrets.io/v1', 'ExternalSecret', fc.record({ spec: fc.constant({ secretStoreRef: { kind: 'ClusterSecretStore', name: 'onepassword' }, target: { name: '${APP}-secret' } }) })) },
  { weight: 1, arbitrary: fc.constantFrom('GitRepository', 'HelmRepository', 'OCIRepository').chain((k) => simple('source.toolkit.fluxcd.io/v1', k, fc.record({ spec: fc.constant({ url: 'https://x' }) }))) },
  { weight: 1, arbitrary: simple('networking.k8s.io/v1', 'NetworkPolicy', fc.record({ spec: fc.constant({ podSelector: {} }) })) },
  { weight: 1, arbitrary: simple('v1', 'Namespace', fc.constant({})) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>([{ op: 'add' }], 'just a scalar', 42, { kind: 'NoApiVersion' }, {}) },
);
const filePath = fc.constantFrom(
  'kubernetes/flux/cluster/ks.yaml', 'kubernetes/apps/kustomization.yaml', 'kubernetes/apps/media/plex/ks.yaml', 'kubernetes/apps/media/plex/app/kustomization.yaml',
  'kubernetes/apps/media/plex/app/helmrelease.yaml', 'clusters/a/ks.yaml', 'clusters/b/flux.yaml', 'odd/${VAR}/x.yaml', 'we ird/ünï.yaml',
);
const repo = fc.uniqueArray(fc.tuple(filePath, fc.array(doc, { minLength: 1, maxLength: 4 })), { minLength: 1, maxLength: 7, selector: ([p]) => p });

interface Input {
  texts: Map<string, string>;
  docs: RawDoc[];
  findings: Finding[];
}

function read(files: [string, unknown[]][]): Input {
  const texts = new Map<string, string>();
  const docs: RawDoc[] = [];
  const findings: Finding[] = [];
  for (const [p, values] of files) {
    const text = values.map((v) => stringify(v, { aliasDuplicateObjects: false })).join('---\n');
    texts.set(p, text);
    const out = parseYamlText(text, { path: p, kind: 'yaml' });
    docs.push(...out.docs);
    findings.push(...out.findings);
  }
  return { texts, docs, findings };
}

function build(input: Input): RepoModel {
  const files = [...input.texts].map(([p, t]) => ({ path: p, kind: 'yaml' as const, size: t.length }));
  return buildModel({ name: 'fuzz', files, docs: input.docs, findings: input.findings });
}

/** Every `source` object found anywhere in the model, with the path that leads to it. */
function sources(value: unknown, at = 'model', out: [string, { file: string; line: number; col: number }][] = []): typeof out {
  if (Array.isArray(value)) value.forEach((v, i) => sources(v, `${at}[${i}]`, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'source' && v && typeof v === 'object' && 'file' in v && 'line' in v) out.push([at, v as { file: string; line: number; col: number }]);
      else sources(v, `${at}.${k}`, out);
    }
  }
  return out;
}

const lineCount = (text: string) => text.split('\n').length;
const RUNS = { numRuns: 300 };

describe('buildModel over random Kubernetes-ish repositories', () => {
  it('the generator reaches the interesting paths (so the properties are not vacuous)', () => {
    const models = fc.sample(repo, { numRuns: 200, seed: 11 }).map((files) => build(read(files)));
    const codes = new Set(models.flatMap((m) => m.findings.map((f) => f.code)));
    expect([...codes].sort(), 'finding codes reached').toEqual(expect.arrayContaining(['FLUX_PATH_OUTSIDE_REPO', 'HARDCODED_CREDENTIAL', 'KUSTOMIZE_RESOURCE_MISSING']));
    expect(models.filter((m) => m.kustomizations.length > 0 && m.apps.length > 0).length).toBeGreaterThan(20);
  });

  it('finishes on the repository of seed 147, whose Kustomizations include one another (a build per placement never ended)', () => {
    const [files] = fc.sample(repo, { numRuns: 1, seed: 147 });
    const started = performance.now();
    const model = build(read(files!));
    expect(model.kustomizations.length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(5000);
  }, 10_000);

  it('never throws, and every finding points at an input file and a line inside it', () => {
    fc.assert(
      fc.property(repo, (files) => {
        const input = read(files);
        const model = build(input);
        for (const f of model.findings) {
          const text = input.texts.get(f.source.file);
          expect(text, `${f.code} names ${f.source.file}`).toBeDefined();
          expect(f.source.line).toBeGreaterThanOrEqual(1);
          expect(f.source.col).toBeGreaterThanOrEqual(1);
          expect(f.source.line, `${f.code} ${f.source.file}`).toBeLessThanOrEqual(lineCount(text!));
        }
      }),
      RUNS,
    );
  });

  it('every source anywhere in the model (objects, refs, redactions, apps) is inside its file', () => {
    fc.assert(
      fc.property(repo, (files) => {
        const input = read(files);
        const model = build(input);
        for (const [at, s] of sources(model)) {
          const text = input.texts.get(s.file);
          expect(text, `${at} names ${s.file}`).toBeDefined();
          expect(s.line, at).toBeGreaterThanOrEqual(1);
          expect(s.line, at).toBeLessThanOrEqual(lineCount(text!));
        }
      }),
      RUNS,
    );
  });

  it('the model validates against RepoModelSchema, and object and app ids are unique', () => {
    fc.assert(
      fc.property(repo, (files) => {
        const model = build(read(files));
        const parsed = RepoModelSchema.safeParse(model);
        expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
        const appIds = model.apps.map((a) => a.id);
        expect(new Set(appIds).size).toBe(appIds.length);
      }),
      RUNS,
    );
  });

  it('is deterministic: the same input gives the same model', () => {
    fc.assert(
      fc.property(repo, (files) => {
        expect(JSON.stringify(build(read(files)))).toBe(JSON.stringify(build(read(files))));
      }),
      { numRuns: 100 },
    );
  });

  it('no secret value survives into the model', () => {
    fc.assert(
      fc.property(repo, (files) => {
        const json = JSON.stringify(build(read(files)));
        for (const secret of ['aHVudGVyMg==', 'hunter2-literal']) expect(json.includes(secret), secret).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});
