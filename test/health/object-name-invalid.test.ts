/**
 * OBJECT_NAME_INVALID: a name the API server refuses, usually made by a postBuild substitution
 * (outside review: `APP: "radarr radarr_log"` made a component's ExternalSecrets `radarr
 * radarr_log-initdb`). kustomize builds it; Flux's apply fails. RBAC kinds take other names
 * (`system:...`); a variable left unresolved is not judged.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, tempRepos } from '../support/temp-repo.ts';

const ks = (name: string, path: string, substitute: Record<string, string>) =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 1h\n  path: ${path}\n  prune: true\n  targetNamespace: media\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n  components:\n    - ../../components/db\n  postBuild:\n    substitute:\n${Object.entries(substitute).map(([k, v]) => `      ${k}: ${JSON.stringify(v)}\n`).join('')}`;

describe('an object name the API server refuses', () => {
  const repo = tempRepos(afterAll);

  it('is an error where a substitution makes it; a good name, an RBAC name and an unresolved variable are not', async () => {
    const r = repo('object-name-invalid');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', `${ks('radarr', './apps/radarr', { APP: 'radarr radarr_log' })}---\n${ks('sonarr', './apps/sonarr', { APP: 'sonarr' })}`.replace(/targetNamespace: media\n/g, 'targetNamespace: media\n'));
    r.put('clusters/home/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: media\n');
    r.put('components/db/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - ./secret.yaml\n');
    r.put('components/db/secret.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "${APP}-initdb"\ndata:\n  db: "${APP}"\n');
    for (const a of ['radarr', 'sonarr']) r.put(`apps/${a}/kustomization.yaml`, 'resources:\n  - ./role.yaml\n  - ./cm.yaml\n');
    for (const a of ['radarr', 'sonarr']) {
      r.put(`apps/${a}/role.yaml`, `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: "system:${a}-reader"\nrules: []\n`);
      r.put(`apps/${a}/cm.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "${a}-\${UNSET_SUFFIX}"\n`);
    }
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'OBJECT_NAME_INVALID');
    expect(found.map((f) => `${f.severity} ${f.source.file}`)).toEqual(['error components/db/secret.yaml']);
    expect(found[0]!.message).toContain('ConfigMap "radarr radarr_log-initdb" has a space');
  });
});
