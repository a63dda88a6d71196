/**
 * Flux holds a Kustomization whose dependsOn names one that never becomes Ready ("dependency
 * 'flux-system/postgres' is not ready", or "not found"): one that is suspended, one no build applies
 * (commented out of its parent's kustomization.yaml), or one that waits itself. An outside review found
 * an app held by a suspended dependency shown as active on its page and in the apps list; it is held
 * as an app whose dependency cannot be built is: not deployed, with the chain, and not checked as if it ran.
 * So is an app whose HelmRelease waits for a HelmRelease no build applies (helm-controller: "dependency
 * ... not found"); not for a suspended one, whose status helm-controller keeps (it may have been Ready).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { heldBack } from '../../src/model/app.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

/** An app folder as home-ops writes it: `<ns>/<app>/ks.yaml` and its `app/` with a Deployment. */
function app(r: { put: (rel: string, text: string) => void }, ns: string, name: string, spec = ''): void {
  r.put(`kubernetes/apps/${ns}/${name}/ks.yaml`, fluxKustomization(name, `./kubernetes/apps/${ns}/${name}/app`, `  targetNamespace: ${ns}\n${spec}`));
  r.put(`kubernetes/apps/${ns}/${name}/app/kustomization.yaml`, 'resources:\n  - ./deployment.yaml\n');
  r.put(
    `kubernetes/apps/${ns}/${name}/app/deployment.yaml`,
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      containers:\n        - name: ${name}\n          image: ghcr.io/example/${name}:1.0.0\n`,
  );
}

/** postgres, immich waiting for it, and web waiting for immich: the apps of one cluster's tree. */
function apps(r: { put: (rel: string, text: string) => void }, postgres: string, list = '  - ./db/postgres/ks.yaml\n'): void {
  r.put('kubernetes/apps/kustomization.yaml', `resources:\n${list}  - ./media/immich/ks.yaml\n  - ./media/web/ks.yaml\n  - ./media/docs/ks.yaml\n`);
  app(r, 'db', 'postgres', postgres);
  app(r, 'media', 'immich', '  dependsOn:\n    - name: postgres\n');
  app(r, 'media', 'web', '  dependsOn:\n    - name: immich\n');
  app(r, 'media', 'docs');
}

async function scan(root: string) {
  const config = parseConfig({});
  const { model } = await scanRepo(root, config);
  return { model, findings: analyse(model, config).findings };
}

describe('a Kustomization whose dependency is never Ready', () => {
  const repo = tempRepos(afterAll);

  it('is held where the dependency is suspended, and so is one that waits for it in turn', async () => {
    const r = repo('waits-for-suspended');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('cluster-apps', './kubernetes/apps'));
    apps(r, '  suspend: true\n');
    const { model, findings } = await scan(r.root);
    const off = Object.fromEntries(model.apps.filter((a) => a.namespace !== 'flux-system').map((a) => [a.id, a.notDeployed ?? 'deployed']));
    expect(off).toEqual({
      // Suspended itself: its owner chose, and what it applied stays (FLUX_SUSPENDED says so).
      'db/postgres': 'deployed',
      'media/immich': 'Kustomization flux-system/immich waits (dependsOn) for Kustomization flux-system/postgres, which is suspended (spec.suspend: true, kubernetes/apps/db/postgres/ks.yaml:14), so Flux applies nothing of it.',
      'media/web': 'Kustomization flux-system/web waits (dependsOn) for Kustomization flux-system/immich, held by Kustomization flux-system/postgres, which is suspended (spec.suspend: true, kubernetes/apps/db/postgres/ks.yaml:14), so Flux applies nothing of it.',
      'media/docs': 'deployed',
    });
    // The app page and the apps list read these facts: not deployed, with the reason, as a blocked app.
    const page = appFacts(model, 'media/web')!;
    expect([page.state, page.notDeployed]).toEqual(['unreferenced', off['media/web']]);
    expect(model.apps.filter(heldBack).map((a) => a.id)).toEqual(['media/immich', 'media/web']);
    // Nothing is checked of them as if they ran (no NAMESPACE_MISSING for media, no DEPENDED_ON_WITHOUT_WAIT
    // on immich): one note each, and the suspension's own note on the dependsOn entry.
    const about = (id: string) => findings.filter((f) => f.appId === id).map((f) => `${f.code} ${f.severity}`).sort();
    expect(about('media/immich')).toEqual(['DEPENDS_ON_SUSPENDED info', 'NOT_DEPLOYED info']);
    expect(about('media/web')).toEqual(['NOT_DEPLOYED info']);
    expect(findings.find((f) => f.code === 'DEPENDS_ON_SUSPENDED')!.message).toContain('so flux-system/immich waits until it is resumed and Flux applies nothing of it meanwhile');
  });

  it('is held where the dependency is commented out of its parent kustomization.yaml', async () => {
    const r = repo('waits-for-unlisted');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('cluster-apps', './kubernetes/apps'));
    apps(r, '', '  # - ./db/postgres/ks.yaml\n');
    const { model } = await scan(r.root);
    expect(model.apps.filter((a) => a.namespace !== 'flux-system').map((a) => [a.id, a.notDeployed ?? 'deployed'])).toEqual([
      ['db/postgres', 'Commented out in kubernetes/apps/kustomization.yaml:2 ("./db/postgres/ks.yaml"), so Flux does not deploy it.'],
      ['media/docs', 'deployed'],
      ['media/immich', 'Kustomization flux-system/immich waits (dependsOn) for Kustomization flux-system/postgres, which is not applied (no Kustomization reached from a cluster root applies kubernetes/apps/db/postgres/ks.yaml:1), so Flux applies nothing of it.'],
      ['media/web', 'Kustomization flux-system/web waits (dependsOn) for Kustomization flux-system/immich, held by Kustomization flux-system/postgres, which is not applied (no Kustomization reached from a cluster root applies kubernetes/apps/db/postgres/ks.yaml:1), so Flux applies nothing of it.'],
    ]);
  });

  it('is held in the cluster whose dependency is suspended only: the same name in another cluster is not its dependency', async () => {
    const r = repo('waits-per-cluster');
    bootstrap(r, 'prod');
    bootstrap(r, 'staging');
    // One tree for both clusters; prod suspends its postgres with a patch of its own.
    const suspend = '  patches:\n    - patch: |-\n        apiVersion: kustomize.toolkit.fluxcd.io/v1\n        kind: Kustomization\n        metadata:\n          name: postgres\n        spec:\n          suspend: true\n      target:\n        kind: Kustomization\n        name: postgres\n';
    r.put('clusters/prod/apps.yaml', fluxKustomization('cluster-apps', './kubernetes/apps', suspend));
    r.put('clusters/staging/apps.yaml', fluxKustomization('cluster-apps', './kubernetes/apps'));
    apps(r, '');
    const { model } = await scan(r.root);
    const immich = Object.fromEntries(model.apps.filter((a) => a.name === 'immich').map((a) => [a.id, a.notDeployed ?? 'deployed']));
    expect(immich).toEqual({
      'prod/media/immich': expect.stringMatching(/^Kustomization flux-system\/immich waits \(dependsOn\) for Kustomization flux-system\/postgres, which is suspended \(spec\.suspend: true, /),
      'staging/media/immich': 'deployed',
    });
  });
});

describe('a HelmRelease whose dependency is never Ready', () => {
  const repo = tempRepos(afterAll);

  it('holds its app where the dependency is not applied, down a chain; not where the dependency is suspended', async () => {
    const r = repo('release-waits');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('cluster-apps', './kubernetes/apps'));
    r.put('kubernetes/apps/kustomization.yaml', 'resources:\n  - ./repository.yaml\n  # - ./db/postgres/ks.yaml\n  - ./db/redis/ks.yaml\n  - ./media/immich/ks.yaml\n  - ./media/web/ks.yaml\n  - ./media/cache/ks.yaml\n');
    r.put('kubernetes/apps/repository.yaml', helmRepository('charts', 'https://charts.example.org'));
    const release = (ns: string, name: string, spec = '') => {
      r.put(`kubernetes/apps/${ns}/${name}/ks.yaml`, fluxKustomization(name, `./kubernetes/apps/${ns}/${name}/app`, `  targetNamespace: ${ns}\n`));
      r.put(`kubernetes/apps/${ns}/${name}/app/kustomization.yaml`, 'resources:\n  - ./helmrelease.yaml\n');
      r.put(`kubernetes/apps/${ns}/${name}/app/helmrelease.yaml`, helmRelease({ name }) + spec);
    };
    release('db', 'postgres');
    release('db', 'redis', '  suspend: true\n');
    release('media', 'immich', '  dependsOn:\n    - name: postgres\n      namespace: db\n');
    release('media', 'web', '  dependsOn:\n    - name: immich\n');
    release('media', 'cache', '  dependsOn:\n    - name: redis\n      namespace: db\n');
    const { model, findings } = await scan(r.root);
    const off = Object.fromEntries(model.apps.filter((a) => a.namespace !== 'flux-system').map((a) => [a.id, a.notDeployed ?? 'deployed']));
    expect(off).toEqual({
      'db/postgres': 'Commented out in kubernetes/apps/kustomization.yaml:3 ("./db/postgres/ks.yaml"), so Flux does not deploy it.',
      'db/redis': 'deployed',
      'media/immich': 'HelmRelease media/immich waits (dependsOn) for HelmRelease db/postgres, which is not applied (no Kustomization reached from a cluster root applies kubernetes/apps/db/postgres/app/helmrelease.yaml:1), so helm-controller installs nothing of it.',
      'media/web': 'HelmRelease media/web waits (dependsOn) for HelmRelease media/immich, held by HelmRelease db/postgres, which is not applied (no Kustomization reached from a cluster root applies kubernetes/apps/db/postgres/app/helmrelease.yaml:1), so helm-controller installs nothing of it.',
      'media/cache': 'deployed',
    });
    expect(model.apps.filter(heldBack).map((a) => a.id)).toEqual(['media/immich', 'media/web']);
    expect(findings.filter((f) => f.appId === 'media/web').map((f) => f.code)).toEqual(['NOT_DEPLOYED']);
  });
});
