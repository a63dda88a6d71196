/**
 * A required postBuild.substituteFrom Secret whose one definition is a file its folder's
 * kustomization.yaml leaves out (`# - ./cluster-secrets.sops.yaml` in a component that builds): no Flux
 * build applies it, and Flux fails the Kustomization ("secrets not found") unless something outside
 * Flux creates it (outside review: it was taken as found, and nothing was said). A definition in a
 * folder no build reaches at all (`clusters/main/secrets/`, which a bootstrap task applies) says
 * nothing, as before; nor does an optional reference.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { analyse } from '../../src/analysis/index.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const secret = (name: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: flux-system\nstringData:\n  DOMAIN: example.org\n`;
const from = (...refs: string[]) => `  postBuild:\n    substituteFrom:\n${refs.join('')}`;
const ref = (name: string, optional = false) => `      - kind: Secret\n        name: ${name}\n${optional ? '        optional: true\n' : ''}`;

describe('a substituteFrom source defined only where no build applies it', () => {
  const repo = tempRepos(afterAll);
  it('is SUBSTITUTE_FROM_MISSING where its folder’s kustomization.yaml leaves it out, and only there', async () => {
    const r = repo('substitute-from-unlisted');
    r.put('clusters/main/flux.yaml', fluxKustomization('cluster', './clusters/main/apps'));
    r.put('clusters/main/apps/kustomization.yaml', 'resources:\n  - ../../../common\n  - web.yaml\n');
    r.put('clusters/main/apps/web.yaml', fluxKustomization('web', './web', from(ref('cluster-secrets'), ref('bootstrap-secrets'), ref('optional-secrets', true))));
    r.put('common/kustomization.yaml', 'resources:\n  - settings.yaml\n  # - ./cluster-secrets.yaml\n');
    r.put('common/settings.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: flux-system\ndata:\n  A: b\n');
    r.put('common/cluster-secrets.yaml', secret('cluster-secrets'));
    r.put('common/optional-secrets.yaml', secret('optional-secrets'));
    r.put('clusters/main/secrets/bootstrap-secrets.yaml', secret('bootstrap-secrets'));
    r.put('web/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: web\ndata:\n  HOST: web.${DOMAIN}\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'SUBSTITUTE_FROM_MISSING');
    expect(found.map((f) => `${f.source.file}:${f.source.line}`)).toEqual(['clusters/main/apps/web.yaml:15']);
    expect(found[0]!.message).toBe(
      'postBuild.substituteFrom Secret "cluster-secrets" is defined in common/cluster-secrets.yaml, which its folder\'s kustomization.yaml leaves out, so no Flux build applies it; unless something outside Flux creates it, Flux fails this Kustomization (secrets "cluster-secrets" not found), as the reference is not optional.',
    );
  });
});
