/**
 * The bootstrap runbook: where a Kustomization decrypts, it opens with the decryption Secret to create
 * (outside review: it never said so, and every Kustomization that decrypts fails without it); and the
 * layer table marks what a dependsOn entry that points at nothing keeps from ever becoming Ready (it
 * showed them in their layers as if they became Ready). A decryption Secret the build makes only with
 * itself (cluster-apps applies flux-system/sops-age and decrypts with it) is created by hand from the
 * repository's file (outside review: "made by the build ... decrypted with the key above", no key above).
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { code, load } from './load.ts';
import { kubectlKustomize } from '../support/kubectl.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';
import type { Block, Runbook } from '../../src/analysis/runbooks/types.ts';

const configMap = (name: string, ns: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${ns}\ndata:\n  a: b\n`;
const decryption = '  decryption:\n    provider: sops\n    secretRef:\n      name: sops-age\n';
const part = (r: Runbook, slug: string) => r.sections.find((s) => s.slug === slug);
/** The text blocks as a reader reads them, code spans as their text. */
const prose = (blocks: readonly Block[]) =>
  blocks.flatMap((b) => (b.type === 'text' ? [b.text.map((x) => (typeof x === 'string' ? x : 'code' in x ? x.code : x.text)).join('')] : [])).join('\n');
/** The layer table's rows as text: `layer: a, b (note)`. */
const rows = (r: Runbook) =>
  part(r, 'order')!.blocks
    .filter((b): b is Extract<Block, { type: 'table' }> => b.type === 'table')
    .flatMap((t) => t.rows.map((row) => row.map((cell) => cell.map((x) => (typeof x === 'string' ? x : 'code' in x ? x.code : x.text)).join('')).join(': ')));

describe('the bootstrap runbook', () => {
  const repo = tempRepos(afterAll);

  it('creates the decryption Secret no build makes, from the owner\'s key, before the Kustomizations that decrypt', async () => {
    const r = repo('bootstrap-decryption');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps', decryption));
    r.put('apps/cm.yaml', configMap('web', 'web'));
    const { byId } = await load(r.root);
    const rb = byId('bootstrap');
    expect(rb.sections[0]!.slug).toBe('decryption');
    expect(code({ ...rb, sections: [rb.sections[0]!] })).toBe(
      ['kubectl create namespace flux-system --dry-run=client -o yaml | kubectl apply -f -', 'kubectl -n flux-system create secret generic sops-age --from-file=age.agekey=path/to/age.key'].join('\n'),
    );
  });

  it('says nothing of a key where no Kustomization decrypts', async () => {
    const r = repo('bootstrap-no-decryption');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/cm.yaml', configMap('web', 'web'));
    const { byId } = await load(r.root);
    expect(part(byId('bootstrap'), 'decryption')).toBeUndefined();
  });

  it('marks what waits for a missing dependency, what waits for that, and what it applies; not the rest', async () => {
    const r = repo('bootstrap-dangling');
    bootstrap(r);
    r.put('clusters/prod/ks.yaml', [
      fluxKustomization('storage', './apps/storage', '  dependsOn:\n    - name: longhorn\n'),
      fluxKustomization('backup', './apps/backup', '  dependsOn:\n    - name: storage\n'),
      fluxKustomization('web', './apps/web'),
    ].join('---\n'));
    r.put('apps/storage/ks.yaml', fluxKustomization('storage-class', './apps/storage-class'));
    r.put('apps/storage-class/cm.yaml', configMap('sc', 'storage'));
    r.put('apps/backup/cm.yaml', configMap('backup', 'backup'));
    r.put('apps/web/cm.yaml', configMap('web', 'web'));
    const { byId } = await load(r.root);
    const table = rows(byId('bootstrap')).join('\n');
    const NEVER = ' (never Ready: a dependency is missing)';
    for (const name of ['storage', 'backup', 'storage-class']) expect(table).toContain(`flux-system/${name}${NEVER}`);
    expect(table).not.toContain(`flux-system/web${NEVER}`);
    expect(table).not.toContain(`flux-system/flux-system${NEVER}`);
  });

  /**
   * onedr0p's cluster-template, as in jfrazx/home-ops: cluster-apps decrypts with sops-age and patches
   * that onto every Kustomization it applies; every namespace folder takes the common component, whose
   * sops folder lists sops-age.sops.yaml, flux-system's included.
   */
  function clusterTemplate(name: string, folders: readonly string[]) {
    const r = repo(name);
    const patch = '  patches:\n    - patch: |-\n        apiVersion: kustomize.toolkit.fluxcd.io/v1\n        kind: Kustomization\n        metadata:\n          name: _\n        spec:\n' + decryption.replace(/^/gm, '        ').replace(/\s+$/, '\n') + '      target:\n        group: kustomize.toolkit.fluxcd.io\n        kind: Kustomization\n';
    r.put('kubernetes/flux/cluster/ks.yaml', fluxKustomization('cluster-apps', './kubernetes/apps', decryption + patch));
    r.put('kubernetes/components/common/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - ./sops\n');
    r.put('kubernetes/components/common/sops/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./sops-age.sops.yaml\n');
    r.put('kubernetes/components/common/sops/sops-age.sops.yaml', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: sops-age\nstringData:\n  age.agekey: ENC[AES256_GCM,data:YWdl,iv:aXY=,tag:dGFn,type:str]\nsops:\n  age:\n    - recipient: age1q39jt2f6eyt6tzr5d8d3h7lhg020n9kga4jxjxydg0d06kvgxvfqdk9u2v\n      enc: x\n  version: 3.10.2\n`);
    r.put('kubernetes/apps/kustomization.yaml', `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${folders.map((f) => `  - ./${f}\n`).join('')}`);
    for (const ns of folders) {
      r.put(`kubernetes/apps/${ns}/kustomization.yaml`, `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: ${ns}\ncomponents:\n  - ../../components/common\nresources:\n  - ./app/ks.yaml\n`);
      r.put(`kubernetes/apps/${ns}/app/ks.yaml`, fluxKustomization(`${ns}-app`, `./kubernetes/apps/${ns}/app/manifests`).replace('    name: flux-system\n', '    name: flux-system\n    namespace: flux-system\n'));
      r.put(`kubernetes/apps/${ns}/app/manifests/cm.yaml`, configMap(`${ns}-cm`, ns));
    }
    return r;
  }

  it('creates from the repository\'s file the key Secret whose only maker decrypts with it, and names the key the build uses for the others', async () => {
    const r = clusterTemplate('bootstrap-self-decrypting', ['flux-system', 'media']);
    // The oracle: kustomize puts the component's copy of sops-age into flux-system, the namespace cluster-apps reads it in.
    const built = kubectlKustomize(join(r.root, 'kubernetes/apps'));
    if (built !== 'absent') expect(built).toMatchObject({ output: expect.stringMatching(/kind: Secret\nmetadata:\n  name: sops-age\n  namespace: flux-system\n/) });
    const rb = (await load(r.root)).byId('bootstrap');
    const first = part(rb, 'decryption')!;
    expect(code({ ...rb, sections: [first] })).toBe(
      ['kubectl create namespace flux-system --dry-run=client -o yaml | kubectl apply -f -', 'sops --decrypt kubernetes/components/common/sops/sops-age.sops.yaml | kubectl apply -n flux-system -f -'].join('\n'),
    );
    const text = prose(first.blocks);
    expect(text).not.toContain('the key above');
    expect(text).toContain('flux-system/sops-age comes from kubernetes/components/common/sops/sops-age.sops.yaml, which flux-system/cluster-apps applies, decrypting it with that same Secret.');
    // media's copy is the build's, once cluster-apps decrypts with the Secret just created.
    expect(text).toContain('The build of the repository makes it in media/sops-age (from kubernetes/components/common/sops/sops-age.sops.yaml): flux-system/cluster-apps applies it once it has decrypted the file with flux-system/sops-age, created above.');
  });

  it('makes nothing by hand where the key Secret the build makes comes from a Kustomization that decrypts with another', async () => {
    // No flux-system folder: flux-system/sops-age is made by hand from the owner's key, and media's copy by the build.
    const r = clusterTemplate('bootstrap-copies-only', ['media']);
    const first = part((await load(r.root)).byId('bootstrap'), 'decryption')!;
    const c = first.blocks.filter((b) => b.type === 'code').map((b) => (b.type === 'code' ? b.code : '')).join('\n');
    expect(c).toContain('kubectl -n flux-system create secret generic sops-age --from-file=age.agekey=path/to/age.key');
    expect(c).not.toContain('sops --decrypt');
    expect(prose(first.blocks)).toContain('once it has decrypted the file with flux-system/sops-age, created above.');
  });
});
