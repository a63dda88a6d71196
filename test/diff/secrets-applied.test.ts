/**
 * The secrets diff counts only what a Flux build applies. Outside review: a Component's
 * ExternalSecret that no Kustomization used any more (left unreferenced, its name still `${APP}`)
 * was reported as "secret added ExternalSecret/default/${APP}-volsync".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffAtlases } from '../../src/lib/diff/index.ts';
import type { DiffReport } from '../../src/lib/diff/schema.ts';
import { diffSecrets } from '../../src/lib/diff/secrets.ts';
import type { DiffSide } from '../../src/lib/diff/side.ts';
import { gitWorkTree, hasGit } from '../support/git-repo.ts';
import { fluxKustomization } from '../support/temp-repo.ts';
import { atlasAt, shaOf } from './atlas-at.ts';

const app = (name: string, components: string[], substitute = `      APP: ${name}\n`) =>
  fluxKustomization(name, `./apps/media/${name}/app`, `  targetNamespace: media\n${components.length ? `  components:\n${components.map((c) => `    - ${c}\n`).join('')}` : ''}  postBuild:\n    substitute:\n${substitute}`);

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: b\n`;

const externalSecret = `apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: "\${APP}-volsync"
spec:
  secretStoreRef:
    kind: ClusterSecretStore
    name: onepassword
  target:
    name: "\${APP}-volsync-secret"
  dataFrom:
    - extract:
        key: volsync-template
`;

describe.skipIf(!hasGit)('atlas diff: secrets of Flux builds only', () => {
  const top = mkdtempSync(join(tmpdir(), 'atlas-diff-secrets-applied-'));
  let report: DiffReport;

  beforeAll(async () => {
    const { git, write, commit } = gitWorkTree(top);
    git(['init', '-q', '-b', 'main']);
    write('clusters/prod/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/prod'));
    write('clusters/prod/bazarr.yaml', app('bazarr', ['../../../../components/volsync']));
    write('apps/media/bazarr/app/kustomization.yaml', 'resources:\n  - ./configmap.yaml\n');
    write('apps/media/bazarr/app/configmap.yaml', configMap('bazarr'));
    write('apps/media/sonarr/app/kustomization.yaml', 'resources:\n  - ./configmap.yaml\n');
    write('apps/media/sonarr/app/configmap.yaml', configMap('sonarr'));
    write('components/volsync/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - ./externalsecret.yaml\n');
    write('components/volsync/externalsecret.yaml', externalSecret);
    commit('bazarr backs up with volsync', '2024-01-01T00:00:00Z');
    // bazarr drops the component (nothing uses it now), and sonarr is added with it under another
    // name: that one is a secret Flux applies.
    write('clusters/prod/bazarr.yaml', app('bazarr', []));
    write('clusters/prod/sonarr.yaml', app('sonarr', ['../../../../components/volsync'], '      APP: sonarr\n'));
    commit('volsync moves from bazarr to sonarr', '2024-01-02T00:00:00Z');
    write('clusters/prod/sonarr.yaml', app('sonarr', []));
    commit('nothing uses volsync', '2024-01-03T00:00:00Z');
    const [base, head] = [await atlasAt(top, 'HEAD~2'), await atlasAt(top, 'HEAD~1')];
    report = diffAtlases(base, head, { base: { rev: 'HEAD~2', sha: shaOf(top, 'HEAD~2') }, head: { rev: 'HEAD~1', sha: shaOf(top, 'HEAD~1') } });
  });
  afterAll(() => rmSync(top, { recursive: true, force: true }));

  it('the component\'s secret moves from bazarr to sonarr: one removed, one added, no ${APP} template', () => {
    expect(report.secrets.added.map((s) => s.id)).toEqual(['ExternalSecret/media/sonarr-volsync']);
    expect(report.secrets.removed.map((s) => s.id)).toEqual(['ExternalSecret/media/bazarr-volsync']);
  });

  it('an unreferenced template is never added, even where it alone changed', async () => {
    const d = diffAtlases(await atlasAt(top, 'HEAD~1'), await atlasAt(top, 'HEAD'), { base: { rev: 'HEAD~1', sha: shaOf(top, 'HEAD~1') }, head: { rev: 'HEAD', sha: shaOf(top, 'HEAD') } });
    expect(d.secrets.added).toEqual([]);
    expect(d.secrets.removed.map((s) => s.id)).toEqual(['ExternalSecret/media/sonarr-volsync']);
    expect(JSON.stringify(d.secrets)).not.toContain('${');
  });
});

describe('diffSecrets over hand-made inventories', () => {
  const row = (name: string, extra: { notDeployed?: true; disabled?: boolean } = {}) => ({
    id: `Secret/media/${name}`, name, namespace: 'media', appId: 'media/app', source: { file: `apps/${name}.yaml`, line: 1, col: 1 }, disabled: false, ...extra,
  });
  const side = (plainSecrets: ReturnType<typeof row>[]) =>
    ({ analysis: { secrets: { sopsFiles: [], externalSecrets: [], clusterExternalSecrets: [], pushSecrets: [], sealedSecrets: [], syncedSecrets: [], secretStores: [], plainSecrets } } }) as unknown as DiffSide;

  it('a Secret whose name still holds ${VAR}, or one its build does not apply, is not added', () => {
    const d = diffSecrets(side([]), side([row('${CLUSTER}-creds'), row('kept-off', { notDeployed: true }), row('off', { disabled: true }), row('real')]));
    expect(d.added.map((s) => s.id)).toEqual(['Secret/media/real']);
  });

  it('a Secret its build stops applying is removed', () => {
    const d = diffSecrets(side([row('real')]), side([row('real', { notDeployed: true })]));
    expect([d.added, d.removed.map((s) => s.id)]).toEqual([[], ['Secret/media/real']]);
  });
});
