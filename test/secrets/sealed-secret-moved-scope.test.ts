/**
 * SEALED_SECRET_MOVED, the edges of "sealed for": the template's metadata says where a SealedSecret
 * was sealed for, before its own metadata (kubeseal writes both; a hand edit of metadata.namespace
 * leaves the ciphertext bound to the template's); a namespace-wide SealedSecret is bound to its
 * namespace only, so a namePrefix that renames it is fine; a template namespace that is a variable
 * (`${NS}`) says nothing known; a SealedSecret no build applies is not judged.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { sealedMovedFindings } from '../../src/analysis/health/sealed-moved.ts';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const sealed = (o: { name: string; ns: string; templateNs?: string; annotations?: string }) =>
  `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: ${o.name}\n  namespace: ${o.ns}\n${o.annotations ?? ''}spec:\n  encryptedData:\n    password: AgBvY2lwaGVydGV4dA==\n  template:\n    metadata:\n      name: ${o.name}\n      namespace: ${o.templateNs ?? o.ns}\n`;
const namespace = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;

async function moved(root: string) {
  const config = parseConfig({});
  const { model } = await scanRepo(root, config);
  return { model, found: analyse(model, config).findings.filter((f) => f.code === 'SEALED_SECRET_MOVED') };
}

describe('where a SealedSecret was sealed for', () => {
  const repo = tempRepos(afterAll);

  it('is the template namespace, where its own metadata says another', async () => {
    const r = repo('sealed-template-ns');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./namespace.yaml\n  - ./secret.yaml\n');
    r.put('apps/namespace.yaml', namespace('b'));
    // metadata.namespace was edited to b; the ciphertext is still sealed for a.
    r.put('apps/secret.yaml', sealed({ name: 'token', ns: 'b', templateNs: 'a' }));
    const { found } = await moved(r.root);
    expect(found.map((f) => `${f.severity} ${f.source.file}`)).toEqual(['warning apps/secret.yaml']);
    expect(found[0]!.message).toContain('SealedSecret a/token (scope strict) is applied under namespace b (sealed for a)');
    expect(JSON.stringify(found)).not.toContain('AgBvY2lwaGVydGV4dA');
  });

  it('binds a namespace-wide one to its namespace only: a namePrefix is fine, a strict one renamed is not', async () => {
    const r = repo('sealed-namespace-wide');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'namePrefix: web-\nresources:\n  - ./namespace.yaml\n  - ./wide.yaml\n  - ./strict.yaml\n');
    r.put('apps/namespace.yaml', namespace('web'));
    r.put('apps/wide.yaml', sealed({ name: 'shared', ns: 'web', annotations: '  annotations:\n    sealedsecrets.bitnami.com/namespace-wide: "true"\n' }));
    r.put('apps/strict.yaml', sealed({ name: 'token', ns: 'web' }));
    const { found } = await moved(r.root);
    expect(found.map((f) => f.source.file)).toEqual(['apps/strict.yaml']);
    expect(found[0]!.message).toContain('the name web-token (sealed as token)');
  });

  it('is unknown where the template namespace is a variable', async () => {
    const r = repo('sealed-variable-ns');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'namespace: database\nresources:\n  - ./namespace.yaml\n  - ./templated.yaml\n  - ./moved.yaml\n');
    r.put('apps/namespace.yaml', namespace('database'));
    r.put('apps/templated.yaml', sealed({ name: 'db-auth', ns: 'flux-system', templateNs: '"${NS}"' }));
    r.put('apps/moved.yaml', sealed({ name: 'db-root', ns: 'flux-system' }));
    const { found } = await moved(r.root);
    expect(found.map((f) => f.source.file)).toEqual(['apps/moved.yaml']);
  });

  it('is not judged where no build applies the SealedSecret', async () => {
    const r = repo('sealed-undeployed');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./namespace.yaml\n');
    r.put('apps/namespace.yaml', namespace('database'));
    // An old folder no Kustomization reaches, whose kustomization.yaml would move it.
    r.put('old/database/kustomization.yaml', 'namespace: database\nresources:\n  - ./secret.yaml\n');
    r.put('old/database/secret.yaml', sealed({ name: 'postgres-secret', ns: 'flux-system' }));
    const { model, found } = await moved(r.root);
    expect(found).toEqual([]);
    // (The check itself leaves it out, not only the report's filter of undeployed apps.)
    expect(sealedMovedFindings(model)).toEqual([]);
  });
});
