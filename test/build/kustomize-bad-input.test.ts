import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { build, FIXTURES, idOf, KUBECTL } from './kustomize-fixture.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

/** kubectl kustomize's error for a folder, or null when it builds. */
function kubectlError(dir: string): string | null {
  const r = spawnSync('kubectl', ['kustomize', join(FIXTURES, 'bad-input', dir)], { encoding: 'utf8' });
  return r.status === 0 ? null : r.stderr;
}

describe('kustomize build on bad input', () => {
  it('a cycle of resources is reported, not followed forever', async () => {
    const b = await build('bad-input', 'cycle-a');
    expect(b.problems.map((p) => p.code)).toContain('CYCLE');
    expect(b.objects.map(idOf)).toEqual(['ConfigMap||in-cycle']);
  });

  it('a folder that contains the one being built is a cycle too, as kustomize rules ("candidate root contains visited root")', async () => {
    const b = await build('bad-input', 'contains-itself/child');
    expect(b.problems.filter((p) => p.code === 'CYCLE').map((p) => `${p.file}:${p.line}`)).toEqual(['contains-itself/child/kustomization.yaml:3']);
    // Its parent alone builds.
    expect((await build('bad-input', 'contains-itself')).problems).toEqual([]);
  });

  it.skipIf(!KUBECTL)(KUBECTL ? 'kubectl kustomize stops at both cycles, and builds the parent' : 'kubectl agrees (skipped: kubectl is not installed)', () => {
    expect(kubectlError('cycle-a')).toMatch(/cycle detected/);
    expect(kubectlError('contains-itself/child')).toMatch(/cycle detected: candidate root '[^']*contains-itself' contains visited root/);
    expect(kubectlError('contains-itself')).toBeNull();
  });

  it('fields of the wrong shape never crash the build; what kustomize would refuse is reported with file and line', async () => {
    const b = await build('bad-input', 'garbage');
    expect(b.objects.map(idOf).sort()).toEqual(['ConfigMap||425', 'ConfigMap||42cm', 'ConfigMap||42ok']);
    const codes = b.problems.map((p) => `${p.code}@${p.line}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'RESOURCE_MISSING@6',
        'REMOTE_RESOURCE@8',
        'PATH_OUTSIDE_REPO@9',
        'RESOURCE_MISSING@10',
        'PATCH_FAILED@13',
        'PATCH_UNREADABLE@16',
        'PATCH_UNREADABLE@17',
        'REPLACEMENT_FAILED@29',
        'REPLACEMENT_FAILED@30',
      ]),
    );
    // Its resources are missing or remote: the object the patch at line 18 names may be among them,
    // so no match is not judged (test/build/patch-api-version.test.ts has the build that reads all).
    expect(codes).not.toContain('PATCH_NO_TARGET@18');
    for (const p of b.problems) expect(p.file).toBe('garbage/kustomization.yaml');
  });

  it('two documents with one id: kustomize refuses, the build keeps both and says so', async () => {
    const b = await build('bad-input', 'conflict');
    expect(b.objects.map(idOf)).toEqual(['ConfigMap||twice', 'ConfigMap||twice']);
    expect(b.problems).toEqual([expect.objectContaining({ code: 'ID_CONFLICT', file: 'conflict/b.yaml' })]);
  });
});

describe('a Flux Kustomization whose path kustomize cannot build for a cycle', () => {
  const { root, put, remove } = tempRepo('kustomize-cycle');
  afterAll(remove);

  it('gets KUSTOMIZE_CYCLE (error) at the entry that closes the cycle, naming the Kustomization', async () => {
    put('clusters/main/apps.yaml', fluxKustomization('apps', './apps/a'));
    put('apps/a/kustomization.yaml', 'resources:\n  - cm.yaml\n  - ../b\n');
    put('apps/a/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n');
    put('apps/b/kustomization.yaml', 'resources:\n  - ../a\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const cycles = model.findings.filter((f) => f.code === 'KUSTOMIZE_CYCLE');
    expect(cycles.map((f) => [f.severity, `${f.source.file}:${f.source.line}`])).toEqual([['error', 'apps/b/kustomization.yaml:2']]);
    expect(cycles[0]!.message).toContain('Kustomization flux-system/apps cannot be built');
    expect(cycles[0]!.message).toContain('apps/a -> apps/b -> apps/a');
    if (KUBECTL) expect(() => execFileSync('kubectl', ['kustomize', join(root, 'apps/a')], { stdio: 'pipe' })).toThrow(/cycle detected/);
  });

  it('gets KUSTOMIZE_HELM_CHARTS (error) where a folder it builds has helmCharts; the same folder outside any Flux build gets nothing', async () => {
    put('clusters/main/charts.yaml', fluxKustomization('charts', './charts/flux'));
    const chart = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - cm.yaml\nhelmCharts:\n  - name: redis\n    repo: https://charts.example.org\n    version: 1.0.0\n';
    put('charts/flux/kustomization.yaml', chart);
    put('charts/flux/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n');
    put('charts/elsewhere/kustomization.yaml', chart);
    put('charts/elsewhere/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const found = model.findings.filter((f) => f.code === 'KUSTOMIZE_HELM_CHARTS');
    expect(found.map((f) => [f.severity, `${f.source.file}:${f.source.line}`])).toEqual([['error', 'charts/flux/kustomization.yaml:5']]);
    expect(found[0]!.message).toContain('Kustomization flux-system/charts cannot be built');
    // kustomize without --enable-helm (as the kustomize-controller runs it) refuses it before fetching anything.
    if (KUBECTL) expect(() => execFileSync('kubectl', ['kustomize', join(root, 'charts/flux')], { stdio: 'pipe' })).toThrow(/must specify --enable-helm/);
  });
});

describe('a Flux Kustomization whose kustomization.yaml lists a folder without one', () => {
  const { root, put, remove } = tempRepo('kustomize-folder-without');
  afterAll(remove);

  // Flux generates a kustomization.yaml only for a Kustomization's own spec.path (fluxcd/pkg's
  // generator); a folder listed in resources is built by kustomize, which stops. Found on a public
  // repository, where the folder's files were read unsubstituted into the failing build and gave a
  // BACKUP_MISSING for a claim named `${PV_CLAIM}`.
  it('gets KUSTOMIZE_FOLDER_WITHOUT_KUSTOMIZATION (error) at the entry, and what it would deploy is not deployed', async () => {
    put('clusters/main/apps.yaml', fluxKustomization('apps', './apps'));
    put('apps/kustomization.yaml', 'resources:\n  - web\n  - monitoring\n');
    put('apps/web/kustomization.yaml', 'resources:\n  - cm.yaml\n');
    put('apps/web/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: web\n');
    put('apps/monitoring/grafana/kustomization.yaml', 'resources:\n  - pvc.yaml\n');
    put('apps/monitoring/grafana/pvc.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${PV_CLAIM}\n  namespace: monitoring\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const found = model.findings.filter((f) => f.code === 'KUSTOMIZE_FOLDER_WITHOUT_KUSTOMIZATION');
    expect(found.map((f) => [f.severity, `${f.source.file}:${f.source.line}`])).toEqual([['error', 'apps/kustomization.yaml:3']]);
    expect(found[0]!.message).toContain('Kustomization flux-system/apps cannot be built: Resource "monitoring" is a folder without kustomization.yaml');
    const analysis = analyse(model, parseConfig({}));
    expect(analysis.findings.filter((f) => f.code === 'BACKUP_MISSING' || f.code === 'SUBSTITUTION_UNRESOLVED')).toEqual([]);
    expect(model.pvcs.every((p) => p.appId === null || model.apps.find((a) => a.id === p.appId)?.notDeployed)).toBe(true);
    if (KUBECTL) expect(() => execFileSync('kubectl', ['kustomize', join(root, 'apps')], { stdio: 'pipe' })).toThrow(/unable to find one of 'kustomization.yaml'/);
  });

  // An outside review: a folder holding two files of the same object (an old and a new copy) gave a
  // second error, KUSTOMIZE_DUPLICATE_RESOURCE, with its own fix, though kustomize never reads past
  // the folder entry.
  it('says nothing of objects twice in that folder, or clashing with the rest of the build: kustomize never reads them', async () => {
    const { root: r, put: write, remove: drop } = tempRepo('kustomize-folder-without-dup');
    try {
      const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nginx-settings\n  namespace: ingress\n';
      write('clusters/main/apps.yaml', fluxKustomization('apps', './apps'));
      write('apps/kustomization.yaml', 'resources:\n  - cm.yaml\n  - nginx\n');
      write('apps/cm.yaml', cm);
      write('apps/nginx/old.yaml', cm);
      write('apps/nginx/new.yaml', cm);
      const { model } = await scanRepo(r, parseConfig({}));
      expect(model.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['KUSTOMIZE_FOLDER_WITHOUT_KUSTOMIZATION']);
    } finally {
      drop();
    }
  });
});

describe('a listed folder whose kustomization file is named Kustomization (no extension)', () => {
  const { root, put, remove } = tempRepo('kustomize-capital-name');
  afterAll(remove);

  it('is a kustomize folder, as kustomize reads it: no KUSTOMIZE_FOLDER_WITHOUT_KUSTOMIZATION, and it is applied', async () => {
    put('clusters/main/apps.yaml', fluxKustomization('apps', './apps'));
    put('apps/kustomization.yaml', 'resources:\n  - podinfo\n');
    put('apps/podinfo/Kustomization', 'resources:\n  - deploy.yaml\n');
    put('apps/podinfo/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: podinfo\n  namespace: web\n');
    const { model } = await scanRepo(root, parseConfig({}));
    expect(model.findings.filter((f) => f.code.startsWith('KUSTOMIZE_'))).toEqual([]);
    expect(model.objects.find((o) => o.name === 'podinfo')?.owner).toBe('Kustomization/flux-system/apps');
    if (KUBECTL) expect(() => execFileSync('kubectl', ['kustomize', join(root, 'apps')], { stdio: 'pipe' })).not.toThrow();
  });
});

describe('a Flux Kustomization that builds a manifest kustomize cannot read', () => {
  const { root, put, remove } = tempRepo('kustomize-unreadable');
  afterAll(remove);

  // kustomize reads manifests with kyaml, which refuses a YAML error and a duplicate key; our reader
  // skips the broken document (or keeps the last key) and said nothing of the build, so everything
  // else of the Kustomization looked applied.
  it('gets KUSTOMIZE_FILE_UNREADABLE (error) for a duplicate key or a YAML error in a file a kustomization.yaml lists; a file no build reads gets only the YAML finding', async () => {
    put('clusters/main/apps/ks.yaml', fluxKustomization('apps', './apps'));
    put('clusters/main/infra/ks.yaml', fluxKustomization('infra', './infra'));
    put('apps/kustomization.yaml', 'resources:\n  - cm.yaml\n  - dup.yaml\n');
    put('apps/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fine\n  namespace: default\n');
    put('apps/dup.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  name: y\n  namespace: default\n');
    // No kustomization.yaml: Flux generates one with every manifest below the path.
    put('infra/ok.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n  namespace: default\n');
    put('infra/broken.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata:\n  a: [b\n');
    put('notes/dup.yaml', 'a: 1\na: 2\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const found = model.findings.filter((f) => f.code === 'KUSTOMIZE_FILE_UNREADABLE');
    // In a folder whose list Flux generates, every .yaml file is listed where no .sourceignore or
    // spec.ignore may leave it out: kustomize-controller stops at an unparsable one too (outside
    // review: eight releases of such a folder were shown deployed, their namespaces judged).
    expect(found.map((f) => [f.severity, `${f.source.file}:${f.source.line}`, f.message.split(':')[0]])).toEqual([
      ['error', 'apps/dup.yaml:5', 'Kustomization flux-system/apps cannot be built'],
      ['error', 'infra/broken.yaml:7', 'Kustomization flux-system/infra cannot be built'],
    ]);
    const cm = model.objects.find((o) => o.name === 'fine')!;
    expect(model.apps.find((a) => a.id === cm.appId)?.notDeployed).toContain('cannot be built');
    const ok = model.objects.find((o) => o.name === 'ok')!;
    expect(model.apps.find((a) => a.id === ok.appId)?.notDeployed).toContain('cannot be built');
    expect(model.findings.filter((f) => f.source.file === 'notes/dup.yaml').map((f) => f.code)).toEqual(['YAML_DUPLICATE_KEY']);
    if (KUBECTL) {
      expect(() => execFileSync('kubectl', ['kustomize', join(root, 'apps')], { stdio: 'pipe' })).toThrow(/already defined/);
      // The kustomization.yaml Flux would generate for infra/, listing both files: kustomize stops.
      put('infra-generated/kustomization.yaml', 'resources:\n  - ../infra/ok.yaml\n  - ../infra/broken.yaml\n');
      expect(() => execFileSync('kubectl', ['kustomize', '--load-restrictor=LoadRestrictionsNone', join(root, 'infra-generated')], { stdio: 'pipe' })).toThrow(/yaml|YAML/);
    }
  });

  // The .sourceignore's patterns are applied as source-controller applies them: a file they leave out
  // is not in the list Flux generates, one they leave in is (it was silent wherever a .sourceignore was).
  it('leaves an unparsable file of a generated folder to its YAML finding where the .sourceignore leaves it out, not where it leaves it in', async () => {
    const r = tempRepo('kustomize-unreadable-ignored');
    try {
      r.put('clusters/main/infra/ks.yaml', fluxKustomization('infra', './infra'));
      r.put('.sourceignore', '*.draft.yaml\n');
      r.put('infra/ok.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n  namespace: default\n');
      r.put('infra/broken.draft.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata:\n  a: [b\n');
      const left = (await scanRepo(r.root, parseConfig({}))).model;
      expect(left.findings.filter((f) => f.source.file === 'infra/broken.draft.yaml').map((f) => f.code)).toEqual(['YAML_PARSE_ERROR']);
      const ok = left.objects.find((o) => o.name === 'ok')!;
      expect(left.apps.find((a) => a.id === ok.appId)?.notDeployed).toBeNull();
      r.put('infra/broken.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata:\n  a: [b\n');
      const kept = (await scanRepo(r.root, parseConfig({}))).model;
      expect(kept.findings.filter((f) => f.source.file === 'infra/broken.yaml').map((f) => `${f.code} ${f.severity}`)).toEqual(['KUSTOMIZE_FILE_UNREADABLE error', 'YAML_PARSE_ERROR error']);
    } finally {
      r.remove();
    }
  });
});

describe('a Flux Kustomization whose kustomization.yaml has a field kustomize does not know', () => {
  const { root, put, remove } = tempRepo('kustomize-unknown-field');
  afterAll(remove);

  // A Flux Kustomization's settings written into kustomization.yaml (`spec:`): kustomize reads a folder's
  // kustomization.yaml strictly and stops; nothing was said, and the folder's objects looked applied.
  // The one at a Flux Kustomization's own path is read leniently and rewritten by the
  // kustomize-controller (fluxcd/pkg's generator): the field is dropped and the build goes on.
  it('gets KUSTOMIZE_UNKNOWN_FIELD (error) at the field of a listed folder; not at a Flux path itself; every field kustomize knows passes', async () => {
    put('clusters/main/apps.yaml', fluxKustomization('apps', './apps') + '---\n' + fluxKustomization('web', './web'));
    put('apps/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - inner\nspec:\n  prune: true\n');
    put('apps/inner/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - cm.yaml\nspec:\n  prune: true\n');
    put('apps/inner/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: default\n');
    put('web/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: web\nlabels:\n  - pairs: {a: b}\nsortOptions:\n  order: legacy\nbuildMetadata: [originAnnotations]\nresources:\n  - cm.yaml\n');
    put('web/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: w\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const found = model.findings.filter((f) => f.code === 'KUSTOMIZE_UNKNOWN_FIELD');
    expect(found.map((f) => [f.severity, `${f.source.file}:${f.source.line}`, f.message.split(':')[0]])).toEqual([['error', 'apps/inner/kustomization.yaml:5', 'Kustomization flux-system/apps cannot be built']]);
    if (KUBECTL) {
      expect(() => execFileSync('kubectl', ['kustomize', join(root, 'apps/inner')], { stdio: 'pipe' })).toThrow(/unknown field \\"spec\\"|unknown field "spec"/);
      expect(() => execFileSync('kubectl', ['kustomize', join(root, 'web')], { stdio: 'pipe' })).not.toThrow();
    }
  });
});

/**
 * kustomize decodes a kustomization file with Go's encoding/json, which matches keys to fields
 * ignoring case: `apiversion:` and `Resources:` are its apiVersion and resources (outside review: a
 * `apiversion:` in a listed folder's kustomization.yaml was a KUSTOMIZE_UNKNOWN_FIELD error, and the
 * cluster's apps "not deployed"; kubectl kustomize builds the folder).
 */
describe('a kustomization.yaml whose keys differ from the fields only in case', () => {
  const { root, put, remove } = tempRepo('kustomize-field-case');
  afterAll(remove);

  it('is read as kustomize reads it: no unknown field, its resources built and deployed', async () => {
    put('clusters/main/apps.yaml', fluxKustomization('apps', './apps'));
    put('apps/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - sources\n');
    put('apps/sources/kustomization.yaml', 'apiversion: kustomize.config.k8s.io/v1beta1\nKind: Kustomization\nNameSpace: web\nResources:\n  - cm.yaml\n');
    put('apps/sources/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n');
    const { model } = await scanRepo(root, parseConfig({}));
    expect(model.findings.filter((f) => f.code.startsWith('KUSTOMIZE_')).map((f) => f.code)).toEqual([]);
    const cm = model.objects.find((o) => o.kind === 'ConfigMap' && o.name === 'a');
    expect(cm?.namespace).toBe('web');
    expect(cm?.owner).toBe('Kustomization/flux-system/apps');
    if (KUBECTL) expect(execFileSync('kubectl', ['kustomize', join(root, 'apps')], { encoding: 'utf8' })).toMatch(/namespace: web/);
  });
});

describe('a kustomization.yaml in a folder below a Flux path that has none', () => {
  const { root, put, remove } = tempRepo('kustomize-unknown-field-generated');
  afterAll(remove);

  // Flux generates the path's kustomization.yaml and lists each sub-folder that has its own as a
  // resource, which kustomize reads strictly (outside review: `suspend: true` written into
  // clusters/pi/flux-system/kustomization.yaml broke the cluster's build, and nothing was said).
  it('is read strictly too', async () => {
    put('clusters/main/pi.yaml', fluxKustomization('pi', './pi'));
    put('pi/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: top\n  namespace: default\n');
    put('pi/flux-system/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nsuspend: true\nresources:\n  - cm.yaml\n');
    put('pi/flux-system/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: inner\n  namespace: default\n');
    const { model } = await scanRepo(root, parseConfig({}));
    expect(model.findings.filter((f) => f.code === 'KUSTOMIZE_UNKNOWN_FIELD').map((f) => `${f.severity} ${f.source.file}:${f.source.line}`)).toEqual(['error pi/flux-system/kustomization.yaml:3']);
    if (KUBECTL) {
      // What Flux builds: the generated kustomization.yaml, which lists the sub-folder.
      put('pi/kustomization.yaml', 'resources:\n  - cm.yaml\n  - flux-system\n');
      expect(() => execFileSync('kubectl', ['kustomize', join(root, 'pi')], { stdio: 'pipe' })).toThrow(/unknown field \\"suspend\\"|unknown field "suspend"/);
    }
  });
});

describe('what a Flux Kustomization that cannot be built would deploy is shown as not deployed, with the reason', () => {
  const { root, put, remove } = tempRepo('kustomize-blocked');
  afterAll(remove);
  const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\n`;

  it('the failing app and the app whose Kustomization it holds say why; a sibling stays deployed', async () => {
    put('clusters/main/apps.yaml', fluxKustomization('apps', './apps'));
    put('apps/kustomization.yaml', 'resources:\n  - ./good/ks.yaml\n  - ./bad/ks.yaml\n');
    put('apps/good/ks.yaml', fluxKustomization('good', './apps/good/app'));
    put('apps/good/app/kustomization.yaml', 'resources:\n  - cm.yaml\n');
    put('apps/good/app/cm.yaml', cm('good'));
    put('apps/bad/ks.yaml', fluxKustomization('bad', './apps/bad/app'));
    put('apps/bad/app/kustomization.yaml', 'resources:\n  - cm.yaml\n  - ../../inner/ks.yaml\nhelmCharts:\n  - name: redis\n    repo: https://charts.example.org\n    version: 1.0.0\n');
    put('apps/bad/app/cm.yaml', cm('bad'));
    put('apps/inner/ks.yaml', fluxKustomization('inner', './apps/inner/app'));
    put('apps/inner/app/kustomization.yaml', 'resources:\n  - cm.yaml\n');
    put('apps/inner/app/cm.yaml', cm('inner'));
    const { model } = await scanRepo(root, parseConfig({}));
    const notDeployed = Object.fromEntries(model.apps.map((a) => [a.name, a.notDeployed]));
    const why = 'Kustomization flux-system/bad cannot be built (helmCharts, which the kustomize-controller does not inflate, apps/bad/app/kustomization.yaml:4), so Flux applies nothing of it.';
    expect(notDeployed).toEqual({ apps: null, good: null, bad: why, inner: why });
    // Reached from the root all the same: no "not reached from any cluster root" for the inner one.
    expect(model.kustomizations.find((k) => k.name === 'inner')?.reachedFromRoot).toBe(true);
    // `atlas check` leaves out findings about what is not deployed, but not the error that is the reason.
    const checked = analyse(model, parseConfig({})).findings.filter((f) => f.severity !== 'info');
    expect(checked.map((f) => [f.code, `${f.source.file}:${f.source.line}`])).toEqual([['KUSTOMIZE_HELM_CHARTS', 'apps/bad/app/kustomization.yaml:4']]);
  });
});

describe('a components entry that is a folder without kustomization.yaml', () => {
  it('stops the build as a resource folder without one does (KUSTOMIZE_FOLDER_WITHOUT_KUSTOMIZATION), not a silent pass', async () => {
    const b = await build('bad-input', 'component-folder-plain/app');
    expect(b.problems.map((p) => [p.code, `${p.file}:${p.line}`])).toEqual([['NOT_A_KUSTOMIZATION', 'component-folder-plain/app/kustomization.yaml:6']]);
  });

  it.skipIf(!KUBECTL)(KUBECTL ? 'kubectl kustomize stops there too' : 'kubectl agrees (skipped: kubectl is not installed)', () => {
    expect(kubectlError('component-folder-plain/app')).toMatch(/unable to find one of 'kustomization.yaml'/);
  });
});

// Outside review (Graceful-star/platform-gitops): a listed folder whose kustomization.yaml has every entry
// commented out, nothing left but apiVersion and kind, stopped the whole root's build in Flux and nothing
// said so. kustomize refuses it ("kustomization.yaml is empty"); Flux mends only its own path's file.
describe('a listed folder whose kustomization.yaml is empty', () => {
  it('stops the build at the entry, for a resource and for a component', async () => {
    const nested = await build('bad-input', 'empty-nested');
    expect(nested.problems.map((p) => [p.code, `${p.file}:${p.line}`])).toEqual([['NOT_A_KUSTOMIZATION', 'empty-nested/kustomization.yaml:5']]);
    expect(nested.problems[0]!.message).toContain('kustomization.yaml is empty');
    const component = await build('bad-input', 'empty-component/app');
    expect(component.problems.map((p) => [p.code, `${p.file}:${p.line}`])).toEqual([['NOT_A_KUSTOMIZATION', 'empty-component/app/kustomization.yaml:4']]);
  });

  it('is not empty with `resources: []` or a metadata name, which kustomize builds', async () => {
    const ok = await build('bad-input', 'empty-nested-ok');
    expect(ok.problems).toEqual([]);
    expect(ok.objects.map(idOf)).toEqual(['ConfigMap|web|web']);
  });

  it.skipIf(!KUBECTL)(KUBECTL ? 'kubectl kustomize agrees on all three' : 'kubectl agrees (skipped: kubectl is not installed)', () => {
    expect(kubectlError('empty-nested')).toMatch(/kustomization.yaml is empty/);
    expect(kubectlError('empty-component/app')).toMatch(/kustomization.yaml is empty/);
    expect(kubectlError('empty-nested-ok')).toBeNull();
  });
});
