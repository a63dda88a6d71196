import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { backupMatrix } from '../../src/analysis/health/backup.ts';
import { restoreRunbook } from '../../src/analysis/runbooks/restore.ts';
import { asides, CANARY_REPO, code, HOMELAB, load } from './load.ts';

describe('restore runbooks on examples/homelab (EXPECTED.md, "Storage and backups")', async () => {
  const { runbooks, byId, model, input } = await load(HOMELAB);

  it('one per app with persistent storage, and only those', () => {
    expect(runbooks.filter((r) => r.kind === 'restore').map((r) => r.id)).toEqual([
      'restore:ai/ollama', 'restore:ai/open-webui', 'restore:media/jellyfin', 'restore:media/sonarr',
      // (Their claims are made from the charts' values: Prometheus's and Alertmanager's, Loki's.)
      'restore:observability/kube-prometheus-stack', 'restore:observability/loki',
      'restore:productivity/n8n', 'restore:productivity/paperless',
    ]);
    expect(byId('restore:media/jellyfin').path).toBe('/runbooks/restore/media/jellyfin/');
  });

  it('jellyfin: k8up Restore with the Schedule media-daily backend, the real flux names and namespaces, in order', () => {
    const r = byId('restore:media/jellyfin');
    const c = code(r);
    const lines = c.split('\n');
    // home-ops style: jellyfin's Kustomization lives in media, not flux-system.
    const order = ['flux suspend kustomization jellyfin -n media', 'flux suspend helmrelease jellyfin -n media', 'kubectl scale deployment,statefulset -n media -l app.kubernetes.io/instance=jellyfin --replicas=0', 'kubectl apply -f restore.yaml', 'flux resume helmrelease jellyfin -n media', 'flux resume kustomization jellyfin -n media'];
    const at = order.map((l) => lines.indexOf(l));
    expect(at.every((i) => i >= 0)).toBe(true);
    // Only the app's own Kustomization and release: never the one that applies every app.
    expect(lines.filter((l) => l.startsWith('flux suspend'))).toEqual(['flux suspend kustomization jellyfin -n media', 'flux suspend helmrelease jellyfin -n media']);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const manifest = r.sections.flatMap((s) => s.blocks).find((b) => b.type === 'code' && b.lang === 'yaml');
    const restore = parse(manifest!.type === 'code' ? manifest!.code : '');
    expect(restore).toMatchObject({
      apiVersion: 'k8up.io/v1',
      kind: 'Restore',
      metadata: { namespace: 'media' },
      spec: {
        restoreMethod: { folder: { claimName: 'jellyfin-config' } },
        backend: { repoPasswordSecretRef: { name: 'k8up-repo', key: 'RESTIC_PASSWORD' }, s3: { bucket: 'k8up-media', accessKeyIDSecretRef: { name: 'k8up-repo', key: 'AWS_ACCESS_KEY_ID' } } },
      },
    });
    expect(r.alarm).toBe(false);
    expect(c).not.toMatch(/velero|volsync|longhorn/i);
  });

  it('n8n: loud caution, nothing to restore from; flux-system Kustomization, productivity HelmRelease', () => {
    const r = byId('restore:productivity/n8n');
    expect(r.alarm).toBe(true);
    // One caution, at the top; step 3 says "nothing to restore from" in text instead of repeating the box.
    expect(asides(r).filter((a) => a.variant === 'caution').map((a) => a.title)).toEqual(['No backup covers n8n-data']);
    expect(JSON.stringify(r.sections.find((s) => s.heading.startsWith('3.')))).toContain('Nothing to restore from: no volume of this app is backed up');
    expect(code(r)).toContain('flux suspend kustomization n8n -n flux-system\nflux suspend helmrelease n8n -n productivity');
    expect(byId('restore:ai/ollama').alarm).toBe(true);
  });

  it('a PVC counted twice gives one warning, one table row and one restore step, with both files cited', () => {
    const rows = backupMatrix(model).result.rows.filter((v) => v.appId === 'productivity/n8n' || v.appId === 'media/jellyfin');
    const n8n = model.apps.find((a) => a.id === 'productivity/n8n')!;
    const jellyfin = model.apps.find((a) => a.id === 'media/jellyfin')!;
    const once = (appId: string) => rows.filter((v) => v.appId === appId);
    const twice = (appId: string) => once(appId).flatMap((v) => [v, { ...v, pvcId: `${v.pvcId}#values`, origin: 'values' as const, ref: { ...v.ref, line: v.ref.line + 40 } }]);
    const uncovered = restoreRunbook(input, n8n, twice('productivity/n8n'));
    expect(asides(uncovered).filter((a) => a.variant === 'caution').map((a) => a.title)).toEqual(['No backup covers n8n-data']);
    const table = uncovered.sections[0]!.blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.rows.length).toBe(1);
    expect(uncovered.sections[0]!.blocks.find((b) => b.type === 'refs')).toMatchObject({ refs: [once('productivity/n8n')[0]!.ref, { ...once('productivity/n8n')[0]!.ref, line: once('productivity/n8n')[0]!.ref.line + 40 }] });
    const covered = restoreRunbook(input, jellyfin, twice('media/jellyfin'));
    expect(covered.sections.filter((s) => s.heading.startsWith('3. Restore')).map((s) => s.heading)).toEqual(restoreRunbook(input, jellyfin, once('media/jellyfin')).sections.filter((s) => s.heading.startsWith('3. Restore')).map((s) => s.heading));
  });

  it('paperless: VolSync ReplicationDestination into the claim with the ReplicationSource repository', () => {
    const r = byId('restore:productivity/paperless');
    const yamlBlock = r.sections.flatMap((s) => s.blocks).find((b) => b.type === 'code' && b.lang === 'yaml');
    expect(parse(yamlBlock!.type === 'code' ? yamlBlock!.code : '')).toMatchObject({
      kind: 'ReplicationDestination',
      metadata: { namespace: 'productivity' },
      spec: { restic: { repository: 'paperless-volsync-secret', destinationPVC: 'paperless' } },
    });
    expect(asides(r).map((a) => a.title)).toContain('ReplicationDestination paperless-dst is in the repository');
  });

  it('sonarr and open-webui: Longhorn, with the backup RecurringJob group and the Longhorn namespace of this repo', () => {
    for (const id of ['restore:media/sonarr', 'restore:ai/open-webui']) {
      const r = byId(id);
      expect(JSON.stringify(r)).toContain('RecurringJob backup-daily (group daily)');
      expect(code(r)).toContain('kubectl -n storage get backups.longhorn.io');
    }
  });
});

describe('restore runbook with two systems (runbooks-canary fixture)', async () => {
  const { byId } = await load(CANARY_REPO);

  it('offers k8up and Velero, with the schedule name the velero chart gives its values schedule', () => {
    const c = code(byId('restore:shop/store'));
    expect(c).toContain('velero backup get --selector velero.io/schedule-name=velero-daily');
    expect(c).toContain('velero restore create --from-backup velero-daily-<timestamp> --include-namespaces shop');
    expect(c).toContain('claimName: store-data');
    expect(c).toContain('flux suspend kustomization store -n flux-system\nflux suspend helmrelease store -n shop');
  });
});
