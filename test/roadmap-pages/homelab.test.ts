import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { computeRoadmapData, type RoadmapData } from '../../src/pipeline/roadmap.ts';
import { scanRepo } from '../../src/repo/scan.ts';

/**
 * The roadmap pipeline over examples/homelab (scan, parse ROADMAP.md, checkRoadmap, progress),
 * as the /roadmap/ pages get it. The expected numbers were counted by hand from the example's
 * files; EXPECTED.md lists the same facts (sections "ROADMAP.md", "Network and policy",
 * "Secrets", "Storage and backups", "Monitoring", "Flux Kustomizations").
 */
const ROOT = resolve(import.meta.dirname, '../../examples/homelab');
let data: RoadmapData;

beforeAll(async () => {
  const config = loadConfig(ROOT, {});
  const { model } = await scanRepo(ROOT, config);
  // No git binary: the checks must not depend on the history of the project's own repository.
  data = await computeRoadmapData({ model, config, repoRoot: ROOT }, { gitBinary: '/nonexistent/git' });
});

const view = (id: string) => {
  const v = data.items.find((i) => i.item.id === id);
  if (!v) throw new Error(`no item ${id}`);
  return v;
};
const measured = (id: string) => {
  const m = view(id).check.measured;
  return m && { done: m.done, total: m.total, from: m.from, check: view(id).check.check?.name ?? null };
};

describe('examples/homelab roadmap', () => {
  it('lists the 18 items with an id and the 4 completed-list entries', () => {
    expect(data.roadmap?.file).toBe('ROADMAP.md');
    expect(data.items.map((v) => v.item.id)).toEqual([
      'H-8.1', 'H-7.1', 'H-9.1', 'H-3.1', 'H-1.2', 'H-2.1', 'H-3.2', 'M-5.1', 'M-7.1',
      'M-1.3', 'M-3.1', 'M-3.2', 'M-1.2', 'L-10.1', 'L-10.2', 'L-6.1', 'L-1.1', 'L-9.1',
    ]);
    expect(data.roadmap?.completed.map((c) => c.id)).toEqual(['C-1.1', 'C-2.1', 'H-1.1', 'H-4.1']);
  });

  it('reports H-8.1 (says Not Started, two of its four policy files exist) as a status mismatch', () => {
    const h81 = view('H-8.1');
    expect(h81.check.verdict).toBe('mismatch');
    expect(h81.check.summary).toBe('Says Not Started, but measures 50% (2 of 4); 2 of the 4 files it says to create already exist.');
    const f = data.findings.filter((x) => x.code === 'ROADMAP_STATUS_MISMATCH');
    expect(f.map((x) => [x.source.file, x.source.line])).toEqual([['ROADMAP.md', 25]]);
    // First in the attention list, which the page shows at the top.
    expect(data.progress?.attention[0]?.itemId).toBe('H-8.1');
  });

  it('resolves every **Check** line (aliases included): no unknown check', () => {
    expect(data.findings.filter((f) => f.code === 'ROADMAP_UNKNOWN_CHECK')).toEqual([]);
    const linked = data.items.filter((v) => v.check.check?.linkedBy === 'item').map((v) => [v.item.id, v.check.check!.name]);
    expect(linked).toEqual([
      ['H-8.1', 'network-policy-coverage'],
      ['H-7.1', 'servicemonitor-coverage'],
      ['H-3.1', 'externalsecret-refresh-interval'],
      ['H-1.2', 'depends-on-wait'],
      ['H-2.1', 'dangling-depends-on'],
      ['H-3.2', 'hardcoded-credentials'],
      ['M-5.1', 'pvc-backup-annotations'],
      ['M-3.2', 'sops-recipients'],
      ['L-1.1', 'timeout-standard'],
    ]);
  });

  it('measures each linked check as counted by hand', () => {
    // H-8.1 names security, database, media, kube-system; network-policies.yaml exist in
    // kubernetes/apps/security and kubernetes/apps/database only.
    expect(measured('H-8.1')).toEqual({ done: 2, total: 4, from: 'check', check: 'network-policy-coverage' });
    expect(view('H-8.1').check.shortfalls.map((s) => s.message)).toEqual(['Namespace media has no NetworkPolicy.', 'Namespace kube-system has no NetworkPolicy.']);
    // H-7.1 names cloudnative-pg (has app/servicemonitor.yaml), cilium, kyverno, k8up, volsync (none in the
    // repository, but the volsync chart renders its ServiceMonitor itself, as the health page counts it).
    expect(measured('H-7.1')).toEqual({ done: 2, total: 5, from: 'check', check: 'servicemonitor-coverage' });
    // 9 ExternalSecrets, 4 with refreshInterval (cloudflare-api-token, cloudnative-pg-superuser, n8n, paperless).
    expect(measured('H-3.1')).toEqual({ done: 4, total: 9, from: 'check', check: 'externalsecret-refresh-interval' });
    expect(view('H-3.1').check.verdict).toBe('drift');
    // kyverno-policies (wait unset, 11 dependents) and volsync (wait: false) have no healthChecks.
    expect(measured('H-1.2')).toEqual({ done: 0, total: 2, from: 'check', check: 'depends-on-wait' });
    expect(view('H-1.2').check.shortfalls.map((s) => `${s.source.file}:${s.source.line}`)).toEqual([
      'kubernetes/apps/security/kyverno/ks.yaml:25',
      'kubernetes/apps/storage/volsync/ks.yaml:3',
    ]);
    // open-webui's `- name: cloudnative-pg-cluster` (line 14) resolves to ai/, where it does not exist.
    expect(measured('H-2.1')).toEqual({ done: 0, total: 1, from: 'check', check: 'dangling-depends-on' });
    expect(view('H-2.1').check.shortfalls[0]?.source).toMatchObject({ file: 'kubernetes/apps/ai/open-webui/ks.yaml', line: 14 });
    // grafana helmrelease.yaml:24 `adminPassword: Gr4fana-demo-only`; the value never reaches the message.
    expect(measured('H-3.2')).toEqual({ done: 0, total: 1, from: 'check', check: 'hardcoded-credentials' });
    expect(view('H-3.2').check.shortfalls[0]?.source).toMatchObject({ file: 'kubernetes/apps/observability/grafana/app/helmrelease.yaml', line: 24 });
    expect(JSON.stringify(data)).not.toContain('Gr4fana');
    // The one PVC in the file the item names (n8n-data) has no backup signal.
    expect(measured('M-5.1')).toEqual({ done: 0, total: 1, from: 'check', check: 'pvc-backup-annotations' });
    // alertmanager-secret.sops.yaml has 1 of the 2 age recipients .sops.yaml asks for.
    expect(measured('M-3.2')).toEqual({ done: 0, total: 1, from: 'check', check: 'sops-recipients' });
    // 38 active Kustomizations; off the standard (15m longhorn/kube-prometheus-stack, 10m network, 5m
    // else): cloudnative-pg-cluster 10m, echo-server 3m, 3 root ones unset, longhorn 10m,
    // longhorn-jobs 5m, cloudflared 5m and k8s-gateway 5m (network) = 9, so 29 of 38.
    expect(measured('L-1.1')).toEqual({ done: 29, total: 38, from: 'check', check: 'timeout-standard' });
  });

  it('links the seed-id checks that have no **Check** line by id and title', () => {
    // The three policies H-9.1 says to add do not exist yet.
    expect(measured('H-9.1')).toEqual({ done: 0, total: 3, from: 'check', check: 'kyverno-policies' });
    // cloudflared-dns is still commented out (ks.yaml:33-56), ks.dis and ks.bak are still there.
    expect(measured('M-1.3')).toEqual({ done: 0, total: 3, from: 'check', check: 'commented-kustomizations-gone' });
    // k8s-gateway's ks.yaml has no dependsOn on coredns.
    expect(measured('M-1.2')).toEqual({ done: 0, total: 1, from: 'check', check: 'depends-on-present' });
  });

  it('measures items without a check from their evidence, or not at all', () => {
    expect(measured('M-3.1')).toEqual({ done: 0, total: 1, from: 'evidence', check: null }); // kubernetes/SECRETS.md missing
    expect(measured('L-10.2')).toEqual({ done: 1, total: 1, from: 'evidence', check: null }); // CHANGELOG.md exists
    expect(view('L-9.1').check.verdict).toBe('unmeasured');
  });

  it('links items to the apps they concern', () => {
    expect(view('H-2.1').apps.map((a) => a.id)).toEqual(['ai/open-webui']);
    expect(view('H-7.1').apps.map((a) => a.id)).toEqual(['database/cloudnative-pg', 'kube-system/cilium', 'security/kyverno', 'storage/k8up', 'storage/volsync']);
    expect(view('H-8.1').namespaces).toEqual(['security', 'database', 'media', 'kube-system']);
  });

  it('computes progress: declared vs listed, effort remaining, next milestone', () => {
    const p = data.progress!;
    const medium = p.comparisons.find((c) => c.scope === 'medium')!;
    expect([medium.declared?.total, medium.listed.total]).toEqual([7, 6]);
    expect(medium.explanation).toContain('1 declared issue is not listed in the file.');
    // Open items with an estimate: 16 (L-10.1 says Ongoing). H-8.1 4-6, H-7.1 2-3, H-9.1 3-4, H-3.1 1,
    // H-1.2 15 min, H-2.1 5 min, H-3.2 30 min, M-5.1 1-2, M-7.1 30 min, M-1.3 1, M-3.1 1, M-3.2 5 min,
    // M-1.2 5 min, L-6.1 2, L-1.1 1, L-9.1 3 hours: 20.5 to 25.5.
    expect(p.effortRemaining).toEqual({ minHours: 20.5, maxHours: 25.5, estimated: 16, unestimated: ['L-10.1'] });
    expect(p.nextMilestone?.title).toBe('Week 1 (High Priority Security)');
    expect(data.measured[0]).toMatchObject({ scope: 'overall', total: 22 });
  });

  it('has no burn-down history without git', () => {
    expect(data.burndown).toEqual([]);
    expect(data.burndownSvg).toBeNull();
  });
});
