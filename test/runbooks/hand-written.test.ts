import { describe, expect, it } from 'vitest';
import { handWrittenRunbooks, parseAtlasId } from '../../src/analysis/runbooks/hand-written.ts';
import { runbookExportTargets } from '../../src/analysis/runbooks/index.ts';
import { runbooksMentioningApp } from '../../src/analysis/runbooks/links.ts';
import { mergeGenerated } from '../../src/markdown/markers.ts';
import { CANARY_REPO, HOMELAB, load } from './load.ts';

describe('hand-written runbooks of examples/homelab', async () => {
  const { model, files, config, runbooks } = await load(HOMELAB);
  const { result } = handWrittenRunbooks(model, files.texts, config.runbooks);
  const get = (file: string) => result.find((r) => r.file === file)!;

  it('reads docs/runbooks and docs/sops, with titles and slugs', () => {
    expect(result.map((r) => [r.file, r.slug])).toEqual([
      ['docs/runbooks/flux-kustomization-stuck.md', 'flux-kustomization-stuck'],
      ['docs/runbooks/restore-postgres.md', 'restore-postgres'],
      ['docs/runbooks/rotate-sops-age-key.md', 'rotate-sops-age-key'],
      ['docs/sops/README.md', 'sops'],
    ]);
    expect(get('docs/runbooks/restore-postgres.md').title).toBe('Restore the Postgres cluster from a barman backup');
  });

  it('restore-postgres links to cloudnative-pg and names the apps it suspends', () => {
    const m = get('docs/runbooks/restore-postgres.md').mentions;
    expect(m).toContainEqual({ appId: 'database/cloudnative-pg', via: 'link' });
    expect(m.map((x) => x.appId)).toEqual(expect.arrayContaining(['productivity/paperless', 'productivity/n8n', 'ai/open-webui']));
    // A root Kustomization deploying kubernetes/apps is not "mentioned" by every path under it.
    expect(m.map((x) => x.appId)).not.toContain('flux-system/cluster');
  });

  it('the app page list: hand-written mentions first, then the generated runbooks about the app', () => {
    const links = runbooksMentioningApp({ handWritten: result, generated: runbooks }, 'database/cloudnative-pg');
    expect(links[0]).toEqual({ title: 'Restore the Postgres cluster from a barman backup', path: '/runbooks/restore-postgres/', kind: 'hand-written' });
    expect(links.filter((l) => l.kind === 'generated').map((l) => l.path)).toEqual(['/runbooks/rotate/externalsecret/database/cloudnative-pg-superuser/']);
    expect(runbooksMentioningApp({ handWritten: result, generated: runbooks }, 'media/jellyfin').map((l) => l.path)).toEqual(['/runbooks/restore/media/jellyfin/']);
  });
});

describe('marker blocks filled by atlas export', async () => {
  const { model, files, config, runbooks } = await load(CANARY_REPO);
  const { result } = handWrittenRunbooks(model, files.texts, config.runbooks);

  it('front matter `atlas: restore shop/store` targets the generated restore runbook', () => {
    expect(result[0]!.atlas).toBe('restore:shop/store');
    const { result: targets, findings } = runbookExportTargets(runbooks, result);
    expect(findings).toEqual([]);
    expect(targets.map((t) => [t.file, t.runbookId])).toEqual([['docs/runbooks/store-outage.md', 'restore:shop/store']]);
    expect(targets[0]!.generated.startsWith('## Restore store\n')).toBe(true);
    const text = files.texts.find((t) => t.file === 'docs/runbooks/store-outage.md')!.text;
    const merged = mergeGenerated(text, targets[0]!.generated, 'docs/runbooks/store-outage.md');
    expect(merged.findings).toEqual([]);
    expect(merged.text).toContain('flux suspend kustomization store -n flux-system');
    expect(merged.text!.startsWith(text.slice(0, text.indexOf('<!-- BEGIN ATLAS -->')))).toBe(true);
  });

  it('an unknown id is a finding', () => {
    const { findings } = runbookExportTargets(runbooks, [{ ...result[0]!, atlas: 'restore:nope/nope' }]);
    expect(findings.map((f) => f.code)).toEqual(['RUNBOOK_ATLAS_ID_UNKNOWN']);
  });

  it('parses the id forms', () => {
    expect(parseAtlasId('restore media/jellyfin')).toBe('restore:media/jellyfin');
    expect(parseAtlasId('restore:media/jellyfin')).toBe('restore:media/jellyfin');
    expect(parseAtlasId('bootstrap')).toBe('bootstrap');
    expect(parseAtlasId(3)).toBeNull();
  });
});

describe('which app a mentioned path belongs to', () => {
  const app = (namespace: string, name: string, dir: string, dirs: string[] = []) => ({ id: `${namespace}/${name}`, namespace, name, dir, dirs });
  const model = {
    apps: [
      app('flux-system', 'cluster', 'kubernetes/flux', ['kubernetes/apps']),
      app('media', 'jellyfin', 'kubernetes/apps/media/jellyfin', ['kubernetes/apps/media/jellyfin/app']),
      app('db', 'postgres', 'kubernetes/apps/db/postgres/app'),
      app('db', 'postgres-copy', 'kubernetes/apps/db/postgres/app'),
    ],
  } as unknown as Parameters<typeof handWrittenRunbooks>[0];
  const mentionsOf = (text: string) => handWrittenRunbooks(model, [{ file: 'docs/runbooks/r.md', text }], ['docs/runbooks']).result[0]!.mentions;

  it('is the app whose own folder holds the path, not a root that deploys every app folder', () => {
    expect(mentionsOf('Edit `kubernetes/apps/media/jellyfin/app/helmrelease.yaml` first.\n')).toEqual([{ appId: 'media/jellyfin', via: 'path' }]);
    // A path in no app's folder is not a mention of the root that deploys kubernetes/apps.
    expect(mentionsOf('See kubernetes/apps/other/thing.yaml.\n')).toEqual([]);
    expect(mentionsOf('[the postgres folder](../../kubernetes/apps/db/postgres/app)\n')).toEqual([{ appId: 'db/postgres', via: 'link' }]);
  });

  it('is not a namespace a command or a manifest names, where the app of that name is not otherwise named', () => {
    const withFlux = { apps: [...model.apps, app('flux-system', 'flux-system', 'kubernetes/apps/flux-system')] } as unknown as Parameters<typeof handWrittenRunbooks>[0];
    const of = (text: string) => handWrittenRunbooks(withFlux, [{ file: 'docs/runbooks/r.md', text }], ['docs/runbooks']).result[0]!.mentions;
    expect(of('```sh\nflux suspend kustomization grafana -n flux-system\nkubectl --namespace=flux-system get ks\n```\n')).toEqual([]);
    expect(of('```yaml\nmetadata:\n  namespace: flux-system\n```\n')).toEqual([]);
    // Named as itself, it is a mention.
    expect(of('Restart flux-system after the upgrade: `kubectl -n flux-system rollout restart deploy`.\n')).toEqual([{ appId: 'flux-system/flux-system', via: 'name' }]);
    expect(of('Scale jellyfin down: `kubectl -n media scale deploy jellyfin --replicas 0`.\n')).toEqual([{ appId: 'media/jellyfin', via: 'name' }]);
  });

  it('goes to the first app in model order when two apps share a folder, however many paths ask', () => {
    const text = Array.from({ length: 200 }, (_, i) => `- kubernetes/apps/db/postgres/app/file-${i}.yaml\n`).join('');
    expect(mentionsOf(text)).toEqual([{ appId: 'db/postgres', via: 'path' }]);
    // Its own deeper folder wins over its shorter one (both of jellyfin's).
    expect(mentionsOf('`kubernetes/apps/media/jellyfin/app/x.yaml` and `kubernetes/apps/media/jellyfin/ks.yaml`\n')).toEqual([{ appId: 'media/jellyfin', via: 'path' }]);
  });
});
