/**
 * Roadmap checks count only what Flux applies. A repository with a root, one deployed app (plex), one
 * its namespace's kustomization.yaml comments out (sonarr), one switched off by renaming its ks.yaml
 * (velero: `ks.dis`, not listed) and a component template no build uses: their objects carry
 * `disabled: null` (state unreferenced), and the checks, filtering on `disabled` only, counted them
 * (H-3.1 "1 of 3" where the one deployed ExternalSecret has none; H-7.1 counted velero monitored).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { bootstrap, fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

const ROADMAP = `# Cluster Roadmap

## Status Overview

### Completed (2025-06-01)

#### High Priority Issues
- **H-9.9**: Selected apps activated (plex, librechat2)
- **H-9.8**: \`sonarr\` enabled again
- **H-9.7**: Media apps reviewed (plex, librechat2)

## HIGH PRIORITY

### H-3.1: Set refreshInterval on every ExternalSecret
**Status**: Not Started
**Priority**: HIGH
**Check**: externalsecret-refresh-interval

### H-7.1: Scrape the operators
**Status**: Not Started
**Priority**: HIGH
**Check**: servicemonitor-coverage

1. **Plex** - media server
2. **Velero** - backups

## MEDIUM PRIORITY

### M-5.1: Back up every volume
**Status**: Not Started
**Priority**: MEDIUM
**Check**: pvc-backup-annotations

## LOW PRIORITY

### L-1.1: One timeout per kind of app
**Status**: Not Started
**Priority**: LOW
**Check**: timeout-standard

- **Critical Infrastructure** (prometheus, longhorn): 15m
- **Standard Apps**: 5m

**Files to Update**: All \`ks.yaml\` files

## Deep Dives

### Secret Management

**Questions to Address**:
1. What's the secret rotation strategy?
`;

const externalSecret = (name: string, refresh: string | null) =>
  `apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: ${name}\nspec:\n${refresh ? `  refreshInterval: ${refresh}\n` : ''}  secretStoreRef:\n    kind: ClusterSecretStore\n    name: onepassword\n  target:\n    name: ${name}\n  dataFrom:\n    - extract:\n        key: ${name}\n`;
const pvc = (name: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n`;
const serviceMonitor = (name: string) => `apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels:\n      app: ${name}\n  endpoints:\n    - port: metrics\n`;
const kustomization = (...resources: string[]) => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${resources.map((r) => (r.startsWith('#') ? `  ${r}\n` : `  - ${r}\n`)).join('')}`;

describe('roadmap checks measure what Flux applies', async () => {
  const repo = tempRepos(afterAll)('roadmap-deployed');
  bootstrap(repo);
  repo.put('clusters/prod/apps.yaml', fluxKustomization('cluster-apps', './kubernetes/apps'));
  repo.put('clusters/prod/repos.yaml', helmRepository('charts', 'https://charts.example.com'));
  repo.put('kubernetes/apps/kustomization.yaml', kustomization('./media', './observability'));
  repo.put('kubernetes/apps/media/kustomization.yaml', kustomization('./plex/ks.yaml', '# - ./sonarr/ks.yaml'));
  const app = (ns: string, name: string, files: Record<string, string>, ksFile = 'ks.yaml') => {
    repo.put(`kubernetes/apps/${ns}/${name}/${ksFile}`, fluxKustomization(name, `./kubernetes/apps/${ns}/${name}/app`, `  targetNamespace: ${ns}\n  timeout: 5m\n`));
    repo.put(`kubernetes/apps/${ns}/${name}/app/kustomization.yaml`, kustomization(...Object.keys(files)));
    for (const [file, text] of Object.entries(files)) repo.put(`kubernetes/apps/${ns}/${name}/app/${file}`, text);
  };
  app('media', 'plex', { 'helmrelease.yaml': helmRelease({ name: 'plex' }), 'externalsecret.yaml': externalSecret('plex', null), 'pvc.yaml': pvc('plex-config'), 'servicemonitor.yaml': serviceMonitor('plex') });
  app('media', 'sonarr', { 'helmrelease.yaml': helmRelease({ name: 'sonarr' }), 'externalsecret.yaml': externalSecret('sonarr', '1h'), 'pvc.yaml': pvc('sonarr-config') });
  repo.put('kubernetes/apps/observability/kustomization.yaml', kustomization('./prometheus-pushgateway/ks.yaml'));
  app('observability', 'prometheus-pushgateway', { 'helmrelease.yaml': helmRelease({ name: 'prometheus-pushgateway' }) });
  // Switched off by renaming, and not listed by any kustomization.yaml.
  app('storage', 'velero', { 'helmrelease.yaml': helmRelease({ name: 'velero' }), 'servicemonitor.yaml': serviceMonitor('velero') }, 'ks.dis');
  // A component's template that no kustomization.yaml uses.
  repo.put('kubernetes/components/volsync/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - externalsecret.yaml\n');
  repo.put('kubernetes/components/volsync/externalsecret.yaml', externalSecret('${APP}-volsync', '1h'));
  repo.put('ROADMAP.md', ROADMAP);

  const atlas = await computeAtlas(repo.root, loadConfig(repo.root, {}));
  const item = (id: string) => atlas.roadmap.items.find((v) => v.item.id === id)!.check;

  it('counts only deployed ExternalSecrets, and lists the others apart', () => {
    expect(item('H-3.1').measured).toMatchObject({ done: 0, total: 1 });
    expect(item('H-3.1').shortfalls.map((s) => s.objectId)).toEqual(['ExternalSecret/media/plex']);
    const note = item('H-3.1').notes.join('\n');
    expect(note).toContain('Not counted, as Flux does not apply them');
    expect(note).toContain('ExternalSecret media/sonarr (app media/sonarr: commented out in kubernetes/apps/media/kustomization.yaml');
    expect(note).toContain('ExternalSecret default/${APP}-volsync (no Flux Kustomization applies it)');
  });

  it('does not call a switched-off app monitored: it is noted, not counted', () => {
    expect(item('H-7.1').measured).toMatchObject({ done: 1, total: 1 });
    expect(item('H-7.1').notes).toEqual(['storage/velero is in the repository but Flux does not deploy it: not counted.']);
  });

  it('counts only the claims Flux applies', () => {
    expect(item('M-5.1').measured).toMatchObject({ done: 0, total: 1 });
    expect(item('M-5.1').shortfalls.map((s) => s.objectId)).toEqual(['PersistentVolumeClaim/media/plex-config']);
  });

  it('keeps timeouts to the ks.yaml files Flux applies, and matches the names a standard lists as whole names', () => {
    // plex and prometheus-pushgateway (a Standard App: `prometheus` names another app); not sonarr (not
    // applied), not the cluster's own clusters/prod files (outside the item's scope).
    expect(item('L-1.1').measured).toMatchObject({ done: 2, total: 2 });
    expect(item('L-1.1').notes).toContain("Outside the item's scope (all `ks.yaml` files), not measured: the Kustomizations in clusters/prod/apps.yaml, clusters/prod/flux-system/gotk-sync.yaml.");
  });

  it('answers the rotation question with the deployed ExternalSecrets, as H-3.1 counts them', () => {
    const answer = atlas.roadmap.planning!.deepDives.flatMap((d) => d.answers).find((a) => a.question.includes('rotation'))!;
    expect(answer.answer!.text).toContain('1 of 1 ExternalSecrets keep the default refresh interval (2 more in the repository that Flux does not apply, not counted).');
  });

  it('says a completed entry that switched on an app the repository does not have, or does not deploy, is not done', () => {
    expect(atlas.roadmap.completedNotes).toEqual([
      { id: 'H-9.9', line: 8, missing: ['librechat2'], notDeployed: [], note: 'Listed as completed, but the repository has no librechat2: not counted as done.' },
      { id: 'H-9.8', line: 9, missing: [], notDeployed: ['sonarr'], note: 'Listed as completed, but Flux does not deploy sonarr: not counted as done.' },
    ]);
    // 7 issues: H-9.9 and H-9.8 contradicted (0 each), H-9.7 done (its wording switches nothing on),
    // H-7.1 and L-1.1 measured whole (1 each), H-3.1 and M-5.1 0.
    expect(atlas.roadmap.measured[0]).toMatchObject({ scope: 'overall', total: 7, done: 3, percent: 42 });
  });
});
