/**
 * The SOPS file that holds Flux's decryption key is rotated as a key (outside review: it got the
 * ordinary "sops edit, commit, reconcile, restart" runbook, which gives the cluster a new key while
 * every other file stays encrypted for the old one, so every Kustomization that decrypts fails). A
 * SOPS file no build applies gets no rotate runbook (rotate-not-applied.test.ts), and a substituteFrom Secret is matched where Flux reads
 * it: by namespace and name, to whatever makes it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { asides, code, load } from './load.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';
import type { Runbook } from '../../src/analysis/runbooks/types.ts';

const AGE = 'age1q39jt2f6eyt6tzr5d8d3h7lhg020n9kga4jxjxydg0d06kvgxvfqdk9u2v';
const CIPHER = 'ENC[AES256_GCM,data:c2VjcmV0LXZhbHVl,iv:aXZpdml2aXZpdml2,tag:dGFndGFn,type:str]';
const sopsSecret = (name: string, ns: string | null, key: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}stringData:\n  ${key}: ${CIPHER}\nsops:\n  age:\n    - recipient: ${AGE}\n      enc: |\n        -----BEGIN AGE ENCRYPTED FILE-----\n        YWdlLWVuY3J5cHRpb24ub3JnL3YxCg==\n        -----END AGE ENCRYPTED FILE-----\n  lastmodified: "2025-05-16T15:12:31Z"\n  encrypted_regex: ^(data|stringData)$\n  version: 3.10.2\n`;
const SOPS_YAML = `creation_rules:\n  - path_regex: (bootstrap|kubernetes)/.*\\.sops\\.ya?ml\n    encrypted_regex: "^(data|stringData)$"\n    age: "${AGE}"\n`;
/** cluster-apps decrypts with sops-age and patches the same decryption onto every Kustomization it applies (onedr0p's shape). */
const clusterApps = fluxKustomization('cluster-apps', './kubernetes/apps', [
  '  decryption:\n    provider: sops\n    secretRef:\n      name: sops-age\n',
  '  patches:\n    - patch: |-\n        apiVersion: kustomize.toolkit.fluxcd.io/v1\n        kind: Kustomization\n        metadata:\n          name: _\n        spec:\n          decryption:\n            provider: sops\n            secretRef:\n              name: sops-age\n      target:\n        group: kustomize.toolkit.fluxcd.io\n        kind: Kustomization\n',
].join(''));
const childKs = (name: string, ns: string, path: string, spec = '') =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  interval: 1h\n  path: ${path}\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n    namespace: flux-system\n${spec}`;
const externalSecret = `apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: cluster-secrets\nspec:\n  secretStoreRef:\n    kind: ClusterSecretStore\n    name: onepassword\n  target:\n    name: cluster-secrets\n  data:\n    - secretKey: SECRET_DOMAIN\n      remoteRef:\n        key: cluster-config\n        property: domain\n`;
const configMap = (name: string, ns: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${ns}\ndata:\n  a: b\n`;

const section = (r: Runbook, slug: string) => r.sections.find((s) => s.slug === slug);
const slugs = (r: Runbook) => r.sections.map((s) => s.slug);

describe('the rotate runbook of the SOPS decryption key', () => {
  const repo = tempRepos(afterAll);

  /**
   * wcygan/homelab's shape: a component every namespace folder uses makes a copy of sops-age there;
   * flux-system's is made by hand; cluster-secrets.sops.yaml lies in the component's folder unlisted,
   * and the Secret cert-manager's Kustomizations substitute is the ExternalSecret's.
   */
  function componentRepo() {
    const r = repo('sops-key-component');
    r.put('.sops.yaml', SOPS_YAML);
    r.put('kubernetes/flux/cluster/ks.yaml', clusterApps);
    r.put('kubernetes/components/common/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - ./externalsecret.yaml\n  - ./sops-age.sops.yaml\n');
    r.put('kubernetes/components/common/sops-age.sops.yaml', sopsSecret('sops-age', null, 'age.agekey'));
    r.put('kubernetes/components/common/cluster-secrets.sops.yaml', sopsSecret('cluster-secrets', null, 'SECRET_DOMAIN'));
    r.put('kubernetes/components/common/externalsecret.yaml', externalSecret);
    for (const ns of ['cert-manager', 'default']) {
      r.put(`kubernetes/apps/${ns}/kustomization.yaml`, `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: ${ns}\ncomponents:\n  - ../../components/common\nresources:\n  - ./ks.yaml\n`);
    }
    r.put('kubernetes/apps/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./cert-manager\n  - ./default\n');
    const substitute = '  postBuild:\n    substituteFrom:\n      - kind: Secret\n        name: cluster-secrets\n';
    r.put('kubernetes/apps/cert-manager/ks.yaml', childKs('cert-manager', 'cert-manager', './kubernetes/apps/cert-manager/app', substitute));
    r.put('kubernetes/apps/cert-manager/app/cm.yaml', configMap('issuer', 'cert-manager'));
    r.put('kubernetes/apps/default/ks.yaml', childKs('homepage', 'default', './kubernetes/apps/default/app'));
    r.put('kubernetes/apps/default/app/cm.yaml', configMap('homepage', 'default'));
    return r;
  }

  it('adds the new key beside the old, re-encrypts every file, replaces the Secrets, and removes the old recipient last', async () => {
    const r = componentRepo();
    const { byId } = await load(r.root);
    const file = 'kubernetes/components/common/sops-age.sops.yaml';
    const rb = byId(`rotate:sops:${file}`);
    const c = code(rb);
    expect(rb.title).toBe('Rotate the SOPS decryption key sops-age');
    // Not the ordinary rotation: no edit of the key's value, no restart.
    expect(c).not.toContain(`sops edit ${file}`);
    expect(section(rb, 'restart')!.heading).toBe('Nothing to restart');
    expect(asides(rb).some((a) => a.title === 'Not an ordinary secret')).toBe(true);
    // The order that keeps Flux decrypting: new recipient, every file for both, the cluster's key, check, old recipient out.
    expect(slugs(rb).filter((s) => ['new-key', 'updatekeys', 'replace', 'check', 'remove-old'].includes(s))).toEqual(['new-key', 'updatekeys', 'replace', 'check', 'remove-old']);
    expect(c).toContain('age-keygen -o age.key.new');
    const update = code({ ...rb, sections: [section(rb, 'updatekeys')!] });
    for (const f of [file, 'kubernetes/components/common/cluster-secrets.sops.yaml']) expect(update).toContain(`  ${f}\n`);
    expect(update).toContain('for f in "${files[@]}"; do sops updatekeys --yes "$f"; done');
    expect(update).toContain('git add .sops.yaml "${files[@]}"');
    // The copies the component makes come from the file; flux-system's, which cluster-apps decrypts with, by hand.
    const replace = code({ ...rb, sections: [section(rb, 'replace')!] });
    expect(replace).toContain(`sops encrypt --in-place ${file}`);
    expect(replace).toContain('kubectl -n flux-system create secret generic sops-age --from-file=age.agekey=age.key.new --dry-run=client -o yaml | kubectl apply -f -');
    expect(replace).not.toContain('kubectl -n cert-manager create secret');
    const check = code({ ...rb, sections: [section(rb, 'check')!] });
    for (const ns of ['cert-manager', 'default', 'flux-system']) expect(check).toContain(`kubectl -n ${ns} get secret sops-age -o jsonpath='{.data.age\\.agekey}' | base64 -d | age-keygen -y`);
    expect(check).toContain('flux reconcile kustomization homepage -n default');
    // Never a value: the ciphertext is not carried into the runbook.
    expect(JSON.stringify(rb)).not.toContain('ENC[');
  });

  it('a SOPS file no build applies gets no rotate runbook; the ExternalSecret that makes the substituted Secret reconciles its readers', async () => {
    const r = componentRepo();
    const { byId, runbooks } = await load(r.root);
    expect(runbooks.map((x) => x.id)).not.toContain('rotate:sops:kubernetes/components/common/cluster-secrets.sops.yaml');
    const es = byId('rotate:externalsecret:cert-manager/cluster-secrets');
    expect(code(es)).toContain('flux reconcile kustomization cert-manager -n cert-manager');
    expect(JSON.stringify(section(es, 'restart'))).not.toContain('belongs to no app');
    // The copy in default: no Kustomization there substitutes it.
    expect(code(byId('rotate:externalsecret:default/cluster-secrets'))).not.toContain('flux reconcile');
  });

  it('a bootstrap copy of the key no Flux object applies: said so, and rewritten for the next bootstrap', async () => {
    // superquinquin-sur-deule/gitops's shape: bootstrap/sops-age.sops.yaml, applied by hand.
    const r = repo('sops-key-bootstrap');
    r.put('.sops.yaml', SOPS_YAML);
    r.put('bootstrap/sops-age.sops.yaml', sopsSecret('sops-age', 'flux-system', 'age.agekey'));
    r.put('kubernetes/flux/cluster/ks.yaml', clusterApps);
    r.put('kubernetes/apps/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./web.yaml\n');
    r.put('kubernetes/apps/web.yaml', fluxKustomization('web', './kubernetes/web'));
    r.put('kubernetes/web/secret.sops.yaml', sopsSecret('web-secret', 'web', 'password'));
    const { byId } = await load(r.root);
    const rb = byId('rotate:sops:bootstrap/sops-age.sops.yaml');
    const note = asides(rb).find((a) => a.title === 'No Flux object applies this file');
    expect(JSON.stringify(note?.text)).toContain('sops --decrypt bootstrap/sops-age.sops.yaml | kubectl apply -f -');
    const replace = code({ ...rb, sections: [section(rb, 'replace')!] });
    expect(replace).toContain('kubectl create secret generic sops-age -n flux-system --from-file=age.agekey=age.key.new --dry-run=client -o yaml > bootstrap/sops-age.sops.yaml');
    expect(replace).toContain('kubectl -n flux-system create secret generic sops-age --from-file=age.agekey=age.key.new --dry-run=client -o yaml | kubectl apply -f -');
    expect(code(rb)).toContain('  kubernetes/web/secret.sops.yaml\n');
    // The bootstrap runbook creates it first, from that file.
    const boot = byId('bootstrap');
    expect(boot.sections[0]!.slug).toBe('decryption');
    expect(code({ ...boot, sections: [boot.sections[0]!] })).toContain('sops --decrypt bootstrap/sops-age.sops.yaml | kubectl apply -f -');
  });

  it('an OpenPGP key (sops.asc) no Kustomization of the repository names is still the key, rotated with gpg', async () => {
    const r = repo('sops-key-gpg');
    r.put('.sops.yaml', `creation_rules:\n  - path_regex: .*\\.sops\\.yaml\n    pgp: 1F3D1CED2F865F5E59CA564553241F147E7C5FA4\n`);
    r.put('clusters/prod/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/prod'));
    r.put('clusters/prod/sops-gpg.sops.yaml', sopsSecret('sops-gpg', 'flux-system', 'sops.asc'));
    const { byId } = await load(r.root);
    const rb = byId('rotate:sops:clusters/prod/sops-gpg.sops.yaml');
    expect(rb.title).toBe('Rotate the SOPS decryption key sops-gpg');
    expect(code(rb)).toContain("kubectl -n flux-system get secret sops-gpg -o jsonpath='{.data.sops\\.asc}' | base64 -d | gpg --show-keys");
    expect(code(rb)).toContain('--from-file=sops.asc=sops.asc.new');
  });
});
