import { describe, expect, it } from 'vitest';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { AppFactsSchema } from '../../src/lib/site/app-facts-schema.ts';
import { sampleModel } from './model-builder.ts';

const README = `# Jellyfin

Media server for the family. Streams the NAS library.

## Known issues

- Transcoding stalls when the GPU node drains.

### Workaround

Restart the pod.

## Setup

Nothing special.
`;

describe('appFacts', () => {
  const model = sampleModel();
  const jf = appFacts(model, 'media/jellyfin', { readme: README })!;

  it('returns null for an unknown app', () => {
    expect(appFacts(model, 'nope/nope')).toBeNull();
  });

  it('produces data that satisfies the collection schema', () => {
    expect(() => AppFactsSchema.parse(jf)).not.toThrow();
  });

  it('takes the purpose from the README, title removed, with the line it starts on', () => {
    expect(jf.purpose.kind).toBe('readme');
    expect(jf.purpose.text).toContain('Media server for the family.');
    expect(jf.purpose.text).toContain('## Setup');
    expect(jf.purpose.text).not.toContain('# Jellyfin');
    expect(jf.purpose.ref).toEqual({ file: 'kubernetes/apps/media/jellyfin/README.md', line: 3 });
  });

  it('keeps Known issues verbatim, sub-sections included, and not in the purpose', () => {
    expect(jf.notes).toHaveLength(1);
    expect(jf.notes[0]!.heading).toBe('Known issues');
    expect(jf.notes[0]!.markdown).toContain('Transcoding stalls');
    expect(jf.notes[0]!.markdown).toContain('### Workaround');
    expect(jf.purpose.text).not.toContain('Transcoding');
  });

  it('falls back to the description annotation, then to the chart name', () => {
    const pg = appFacts(model, 'database/postgres')!;
    expect(pg.purpose).toMatchObject({ kind: 'description', text: 'CloudNativePG <b>cluster</b>' });
    const noReadme = appFacts(model, 'media/jellyfin')!;
    expect(noReadme.purpose).toEqual({ kind: 'fallback', text: 'jellyfin', ref: null });
  });

  it('lists Kustomizations with the names of their substitutions (the model keeps no values), disabled siblings last', () => {
    expect(jf.deployment.map((d) => [d.name, d.disabled])).toEqual([
      ['jellyfin', null],
      ['jellyfin-config', null],
      ['jellyfin-old', 'commented'],
    ]);
    expect(jf.deployment[0]!.substitutions).toEqual(['APP']);
    expect(jf.deployment[0]!.substituteFrom).toEqual(['Secret/cluster-secrets']);
    expect(jf.deployment[0]!.ref).toEqual({ file: 'kubernetes/apps/media/jellyfin/ks.yaml', line: 2 });
  });

  it('shows the chart repository the model resolved through the HelmRepository', () => {
    expect(jf.charts).toEqual([
      expect.objectContaining({ chart: 'jellyfin', version: '2.1.0', repository: 'https://jellyfin.github.io/jellyfin-helm', sourceRef: 'HelmRepository/jellyfin' }),
    ]);
    // The HelmRelease's own Flux settings (a reviewer missed them on release pages).
    expect(jf.charts.map((c) => [c.interval, c.timeout])).toEqual([['30m', null]]);
    expect(jf.images[0]).toMatchObject({ repository: 'ghcr.io/jellyfin/jellyfin', tag: '10.10.3', ref: { line: 20 } });
  });

  it('links dependencies both ways, ignoring edges inside the app', () => {
    expect(jf.dependsOn.map((d) => [d.name, d.path])).toEqual([['postgres', '/apps/database/postgres/']]);
    expect(jf.dependsOn[0]!.ref).toEqual({ file: 'kubernetes/apps/media/jellyfin/ks.yaml', line: 9 });
    const pg = appFacts(model, 'database/postgres')!;
    expect(pg.dependedOnBy.map((d) => d.path)).toEqual(['/apps/media/jellyfin/']);
  });

  it('says which volumes are backed up and which are not, as the health backup matrix judges them', () => {
    expect(jf.storage.map((v) => [v.name, v.backups.length])).toEqual([['jellyfin-config', 1], ['jellyfin-cache', 0]]);
    // A cache needs no backup (the matrix: "cache (by its name)"): the one claim that needs one is covered.
    expect(jf.backup).toMatchObject({ status: 'covered', uncovered: [] });
    expect(jf.badges.missingBackup).toBe(false);
    // The same claim under a name that says nothing of a cache needs a backup: partial.
    const renamed = { ...model, pvcs: model.pvcs.map((p) => (p.name === 'jellyfin-cache' ? { ...p, name: 'jellyfin-media', id: p.id.replace('jellyfin-cache', 'jellyfin-media') } : p)) };
    const media = appFacts(renamed, 'media/jellyfin')!;
    expect(media.backup).toMatchObject({ status: 'partial', uncovered: ['jellyfin-media'] });
    expect(media.badges.missingBackup).toBe(true);
    expect(appFacts(model, 'database/postgres')!.backup.status).toBe('none');
  });

  it('lists secrets by name and key, and the secrets the values reference', () => {
    expect(jf.secrets.externalSecrets[0]).toMatchObject({ name: 'jellyfin', target: 'jellyfin-secret', keys: ['API_KEY'], refreshInterval: null });
    expect(jf.secrets.referenced).toEqual(['jellyfin-secret']);
  });

  it('finds namespace-wide policies, monitors, resources and securityContext highlights', () => {
    const pg = appFacts(model, 'database/postgres')!;
    expect(pg.monitoring.networkPolicies).toEqual([expect.objectContaining({ name: 'default-deny', why: 'selects every pod of the namespace' })]);
    expect(pg.badges).toEqual({ missingBackup: false, missingMonitoring: false, missingNetworkPolicy: false });
    expect(jf.badges.missingNetworkPolicy).toBe(true);
    expect(jf.monitoring.resources).toEqual([expect.objectContaining({ path: 'resources', requests: { cpu: '100m', memory: '1Gi' }, limits: { memory: '4Gi' } })]);
    expect(jf.monitoring.securityContext.map((s) => `${s.setting}=${s.value}`)).toEqual(['runAsNonRoot=true', 'runAsUser=1000']);
  });

  it('labels disabled apps and carries the app findings', () => {
    expect(appFacts(model, 'media/old')!.state).toBe('disabled');
    expect(jf.state).toBe('active');
    expect(jf.findings).toEqual([{ code: 'BACKUP_MISSING', severity: 'warning', message: 'jellyfin-cache has no backup', ref: { file: 'kubernetes/apps/media/jellyfin/app/pvc.yaml', line: 14 } }]);
  });
});
