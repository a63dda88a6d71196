/**
 * SEALED_SECRET_MOVED: a strict (or namespace-wide) SealedSecret that its build moves to another
 * namespace cannot be unsealed there; a strict one renamed neither. kubectl kustomize shows the move
 * (`namespace:` rewrites metadata.namespace, not the ciphertext). Cluster-wide ones, and ones sealed
 * for where they land, are fine.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const sealed = (name: string, ns: string, annotations = '') =>
  `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n${annotations}spec:\n  encryptedData:\n    password: AgBvY2lwaGVydGV4dA==\n  template:\n    metadata:\n      name: ${name}\n      namespace: ${ns}\n`;

describe('a SealedSecret its build moves', () => {
  const repo = tempRepos(afterAll);

  it('is a warning where it lands elsewhere than it was sealed for', async () => {
    const r = repo('sealed-moved');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./database\n  - ./web\n');
    r.put('apps/database/kustomization.yaml', 'namespace: database\nresources:\n  - ./namespace.yaml\n  - ./moved.yaml\n  - ./wide.yaml\n  - ./right.yaml\n');
    r.put('apps/database/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: database\n');
    r.put('apps/database/moved.yaml', sealed('postgres-secret', 'flux-system'));
    r.put('apps/database/wide.yaml', sealed('shared', 'flux-system', '  annotations:\n    sealedsecrets.bitnami.com/cluster-wide: "true"\n'));
    r.put('apps/database/right.yaml', sealed('db-auth', 'database'));
    r.put('apps/web/kustomization.yaml', 'namePrefix: web-\nresources:\n  - ./namespace.yaml\n  - ./renamed.yaml\n');
    r.put('apps/web/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n');
    r.put('apps/web/renamed.yaml', sealed('token', 'web'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'SEALED_SECRET_MOVED');
    expect(found.map((f) => `${f.severity} ${f.source.file}`)).toEqual(['warning apps/database/moved.yaml', 'warning apps/web/renamed.yaml']);
    expect(found[0]!.message).toContain('applied under namespace database (sealed for flux-system)');
    expect(found[1]!.message).toContain('the name web-token (sealed as token)');
    expect(JSON.stringify(found)).not.toContain('AgBvY2lwaGVydGV4dA');
  });
});
