/**
 * An app folder with a second Flux Kustomization commented out (a prerequisite DaemonSet, a helper
 * release) keeps that folder's files, which nothing applies. The app's page listed their chart and
 * images as what the app runs (outside review; the corpus has the same shape: a longhorn app showed
 * the images of its commented-out prerequisite DaemonSet). A deployed app shows what is applied; an
 * app not deployed at all still shows what it would deploy.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { bootstrap, fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

const daemonSet = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: prereq\nspec:\n  template:\n    spec:\n      containers:\n        - name: install\n          image: docker.io/library/alpine:3.21\n';

describe('the part of an app folder that nothing applies', () => {
  const repo = tempRepos(afterAll);

  const write = (prereqKs: 'commented' | 'live' | 'all-commented') => {
    const r = repo('unapplied-part');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('clusters/home/repo.yaml', helmRepository('charts', 'https://charts.example.org'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./storage/longhorn/ks.yaml\n');
    const main = fluxKustomization('storage', './apps/storage/longhorn/app', '  targetNamespace: storage\n');
    const prereq = fluxKustomization('storage-prereq', './apps/storage/longhorn/prereq', '  targetNamespace: storage\n');
    const commented = (text: string) => text.split('\n').map((l) => `# ${l}`).join('\n');
    const ks = prereqKs === 'live' ? `${main}---\n${prereq}` : prereqKs === 'commented' ? `${main}${commented(`---\n${prereq}`)}\n` : `${commented(main)}\n`;
    r.put('apps/storage/longhorn/ks.yaml', ks);
    r.put('apps/storage/longhorn/app/kustomization.yaml', 'resources:\n  - release.yaml\n');
    r.put('apps/storage/longhorn/app/release.yaml', helmRelease({ name: 'storage', version: '1.7.2' }));
    r.put('apps/storage/longhorn/prereq/kustomization.yaml', 'resources:\n  - release.yaml\n  - daemonset.yaml\n');
    r.put('apps/storage/longhorn/prereq/release.yaml', helmRelease({ name: 'prereq-helper', chart: 'helper', version: '2.3.0' }));
    r.put('apps/storage/longhorn/prereq/daemonset.yaml', daemonSet);
    return r;
  };

  const factsOf = async (prereqKs: 'commented' | 'live' | 'all-commented') => {
    const { model } = await scanRepo(write(prereqKs).root, parseConfig({}));
    const app = model.apps.find((a) => a.dir === 'apps/storage/longhorn')!;
    const facts = appFacts(model, app.id)!;
    return { charts: facts.charts.map((c) => `${c.release}@${c.version}`).sort(), images: facts.images.map((i) => `${i.repository}:${i.tag}`).sort() };
  };

  it('is not shown as what a deployed app runs', async () => {
    expect(await factsOf('commented')).toEqual({ charts: ['storage@1.7.2'], images: [] });
  });

  it('is shown once its Kustomization applies it again', async () => {
    const live = await factsOf('live');
    expect(live.charts).toContain('prereq-helper@2.3.0');
    expect(live.images).toContain('docker.io/library/alpine:3.21');
  });

  it('a switched-off Kustomization that claims the folder never renames the live app (no APP_ID_COLLISION)', async () => {
    const r = repo('disabled-takes-name');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('clusters/home/repo.yaml', helmRepository('charts', 'https://charts.example.org'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./secrets/ks.yaml\n');
    const live = fluxKustomization('secrets', './apps/secrets/app', '  targetNamespace: kube-system\n');
    const off = fluxKustomization('secrets-helper', './apps/secrets/helper', '  targetNamespace: kube-system\n');
    r.put('apps/secrets/ks.yaml', `${live}${`---\n${off}`.split('\n').map((l) => `# ${l}`).join('\n')}\n`);
    r.put('apps/secrets/app/release.yaml', helmRelease({ name: 'secrets' }));
    r.put('apps/secrets/helper/kustomization.yaml', 'resources:\n  - release.yaml\n');
    r.put('apps/secrets/helper/release.yaml', helmRelease({ name: 'helper' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const ids = model.apps.map((a) => [a.id, a.disabled] as const).filter(([id]) => id.startsWith('kube-system/'));
    // (The switched-off one is named by its Kustomization: `secrets` is a folder named for a part, role-folder-app-name.test.ts.)
    expect(ids).toEqual([['kube-system/secrets', false], ['kube-system/secrets-helper', true]]);
    expect(model.findings.filter((f) => f.code === 'APP_ID_COLLISION')).toEqual([]);
  });

  it('an app not deployed at all still shows what it would deploy', async () => {
    const { model } = await scanRepo(write('all-commented').root, parseConfig({}));
    const app = model.apps.find((a) => a.dir === 'apps/storage/longhorn');
    expect(app).toBeDefined();
    expect(appFacts(model, app!.id)!.charts.map((c) => c.release)).toContain('storage');
  });
});
