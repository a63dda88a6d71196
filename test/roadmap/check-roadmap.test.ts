import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkRoadmap } from '../../src/analysis/roadmap/check-roadmap.ts';
import { linkCheck } from '../../src/analysis/roadmap/checks/registry.ts';
import { measuredProgress } from '../../src/analysis/roadmap/progress-measured.ts';
import { roadmapProgress } from '../../src/analysis/roadmap/progress.ts';
import { roadmapBars } from '../../src/lib/site/roadmap-bars.ts';
import { parseRoadmap } from '../../src/repo/roadmap/parse.ts';
import { itemFrom } from './item.ts';
import { app, externalSecret, kustomization, makeModel, networkPolicy } from './make-model.ts';

const fixture = readFileSync('test/fixtures/roadmap/homelab-roadmap.md', 'utf8');

describe('linking items to checks', () => {
  it('uses the **Check** line, then configuration, then the seed id only when the title fits', () => {
    const withLine = itemFrom('### X-1.1: Anything\n**Check**: timeout-standard\n');
    expect(linkCheck(withLine)).toMatchObject({ check: { name: 'timeout-standard' }, linkedBy: 'item' });
    const configured = itemFrom('### Q-2.1: Lock down namespaces\n');
    expect(linkCheck(configured, { 'Q-2.1': 'network-policy-coverage' })).toMatchObject({ check: { name: 'network-policy-coverage' }, linkedBy: 'config' });
    expect(linkCheck(itemFrom('### H-8.1: Implement NetworkPolicies\n'))).toMatchObject({ check: { name: 'network-policy-coverage' }, linkedBy: 'default' });
    expect(linkCheck(itemFrom('### H-8.1: Write the onboarding guide\n'))).toBe(null);
    expect(linkCheck(itemFrom('### H-8.1: x\n**Check**: no-such-check\n'))).toEqual({ unknown: 'no-such-check', linkedBy: 'item' });
  });
});

describe('checkRoadmap', () => {
  const { result: roadmap } = parseRoadmap(fixture, 'ROADMAP.md');
  const files = ['kubernetes/apps/media/plex/app/externalsecret.yaml', 'kubernetes/apps/media/sonarr/app/externalsecret.yaml', 'kubernetes/apps/security/network-policies.yaml', 'kubernetes/apps/media/network-policies.yaml', 'kubernetes/apps/network/k8s-gateway/ks.yaml'];
  const model = makeModel({
    files: files.map((path) => ({ path, kind: 'yaml' as const, size: 10 })),
    namespaces: ['media', 'network', 'security'],
    apps: [app('media', 'plex')],
    externalSecrets: [externalSecret({ name: 'plex', namespace: 'media', refreshInterval: '15m' }), externalSecret({ name: 'sonarr', namespace: 'media', refreshInterval: null, line: 7 })],
    networkPolicies: [networkPolicy({ name: 'deny', namespace: 'security' }), networkPolicy({ name: 'deny', namespace: 'media' })],
    kustomizations: [kustomization({ name: 'k8s-gateway', file: 'kubernetes/apps/network/k8s-gateway/ks.yaml', dependsOn: ['coredns'], timeout: '5m' })],
  });
  const changed: Array<[string, string]> = [];
  const { result, findings } = checkRoadmap(roadmap, model, {
    fileExists: (p) => files.includes(p),
    changedSince: (p, date) => {
      changed.push([p, date]);
      return true;
    },
  });
  const byId = new Map(result.map((r) => [r.itemId, r]));

  it('flags "says Not Started, measures 100%" and "says Completed, measures less" as mismatches', () => {
    expect(byId.get('H-1.1')).toMatchObject({ verdict: 'mismatch', summary: 'Says Not Started, but measures 100% (2 of 2).', check: { name: 'network-policy-coverage', linkedBy: 'item' } });
    expect(byId.get('H-1.11')).toMatchObject({ verdict: 'mismatch', summary: 'Says Completed, but measures 50% (1 of 2).' });
    expect(byId.get('H-1.11')!.shortfalls.map((s) => [s.objectId, s.source.line])).toEqual([['ExternalSecret/media/sonarr', 7]]);
    const mismatches = findings.filter((f) => f.code === 'ROADMAP_STATUS_MISMATCH');
    expect(mismatches.map((f) => [f.message, f.severity, f.source.line])).toEqual([
      ['Roadmap item H-1.1: Says Not Started, but measures 100% (2 of 2).', 'warning', 22],
      ['Roadmap item H-1.11: Says Completed, but measures 50% (1 of 2).', 'warning', 38],
      ['Roadmap item M-1.2: Says Not Started, but measures 100% (1 of 1).', 'warning', 84],
    ]);
  });

  it('measures items without a check from their evidence, and uses the roadmap date for updates', () => {
    // M-1.2 has no **Check** line and id M-1.2 with a "Dependency" title: the fallback link applies.
    expect(byId.get('M-1.2')).toMatchObject({ check: { name: 'depends-on-present', linkedBy: 'default' }, verdict: 'mismatch' });
    expect(byId.get('H-1.1')!.evidence.create.map((e) => [e.path, e.exists])).toEqual([
      ['kubernetes/apps/security/network-policies.yaml', true],
      ['kubernetes/apps/media/network-policies.yaml', true],
    ]);
    expect(byId.get('H-1.11')!.evidence.update).toEqual([{ path: 'kubernetes/apps/*/*/app/externalsecret.yaml', line: 45, matches: 2, exists: true, changed: null }]);
    expect(byId.get('M-1.2')!.evidence.files).toEqual([{ path: 'kubernetes/apps/network/k8s-gateway/ks.yaml', line: 89, matches: 1, exists: true, changed: true }]);
    expect(changed).toEqual([['kubernetes/apps/network/k8s-gateway/ks.yaml', '2026-01-10']]);
    expect(byId.get('L-1.1')!.evidence.update).toMatchObject([{ path: 'ks.yaml', matches: 1, exists: true }]);
  });

  it('reports In Progress items that measure partly as agreeing, and unknown check names', () => {
    expect(byId.get('H-11.1')).toMatchObject({ verdict: 'agrees', declared: 'in-progress' });
    const bad = checkRoadmap({ ...roadmap, items: [itemFrom('### H-1.1: x\n**Status**: Not Started\n**Check**: nope\n')] }, model, { fileExists: () => false, changedSince: () => null });
    expect(bad.findings.map((f) => f.code)).toEqual(['ROADMAP_UNKNOWN_CHECK']);
    expect(bad.result[0]!.verdict).toBe('unmeasured');
  });

  it('puts disagreements first among the items needing attention', () => {
    const { result: progress } = roadmapProgress(roadmap, result);
    expect(progress.attention.map((a) => [a.itemId, a.reason])).toEqual([
      ['H-1.1', 'Says Not Started, but measures 100% (2 of 2).'],
      ['H-1.11', 'Says Completed, but measures 50% (1 of 2).'],
      ['M-1.2', 'Says Not Started, but measures 100% (1 of 1).'],
    ]);
    expect(progress.nextMilestone).toEqual({ title: 'Week 2 (Networking)', line: 136, open: 1, total: 2, openTasks: ['H-1.1: Add NetworkPolicies (2-3 hours)'] });
    expect(progress.effortRemaining).toEqual({ minHours: 8 + 2 + 1 + 5 / 60, maxHours: 16 + 3 + 1 + 5 / 60, estimated: 4, unestimated: [] });
  });
});

describe('checkRoadmap: what an outside review found measured wrongly', () => {
  it('does not count objects of archive folders', () => {
    const files = [
      { path: 'kubernetes/apps/media/plex/app/externalsecret.yaml', kind: 'yaml' as const, size: 10 },
      { path: '.archive/kubernetes/old/app/externalsecret.yaml', kind: 'yaml' as const, size: 10, archived: '.archive' },
    ];
    const model = makeModel({
      files,
      externalSecrets: [
        externalSecret({ name: 'plex', namespace: 'media', refreshInterval: '15m' }),
        externalSecret({ name: 'old', namespace: 'media', refreshInterval: null, file: '.archive/kubernetes/old/app/externalsecret.yaml' }),
      ],
    });
    const item = itemFrom('### H-3.1: Add refreshInterval to ExternalSecrets\n**Status**: Not Started\n');
    const { result } = checkRoadmap({ items: [item], sections: [], declared: null } as never, model, { fileExists: () => false, changedSince: () => null });
    expect(result[0]!.measured).toMatchObject({ done: 1, total: 1 });
  });

  it('measures an item that names an archived file against that file as it stands', () => {
    const file = 'kubernetes/apps/.archive/oldapp/ks.yaml';
    const model = makeModel({ files: [{ path: file, kind: 'yaml', size: 10, archived: '.archive' }], kustomizations: [kustomization({ name: 'oldapp-db', file, disabled: 'commented' })] });
    const item = itemFrom(`### M-1.3: Clean Up Commented Code\n**Status**: Completed\n1. **oldapp-db** (disabled)\n   - File: \`${file}\`\n`);
    const { result } = checkRoadmap({ items: [item], sections: [], declared: null } as never, model, { fileExists: () => true, changedSince: () => null });
    expect(result[0]!.measured).toMatchObject({ done: 0, total: 1 });
  });
});

describe('checkRoadmap: an item most of whose named files this repository does not have', () => {
  // The clean-up item of another repository: three files listed, one of them here (and clean), and a
  // commented-out Kustomization in a file the item does not list.
  const roadmap = parseRoadmap(
    [
      '# Roadmap',
      '',
      '## MEDIUM PRIORITY',
      '',
      '### M-2.4: Remove commented-out Kustomizations',
      '**Status**: Not Started',
      '**Priority**: MEDIUM',
      '**Check**: commented-kustomizations-gone',
      '',
      '1. **minio-prereq** (disabled)',
      '   - File: `kubernetes/apps/storage/minio/ks.yaml`',
      '2. **pihole** (disabled)',
      '   - File: `kubernetes/apps/dns/pihole/ks.yaml`',
      '3. **wireguard** (disabled)',
      '   - File: `kubernetes/apps/vpn/wireguard/ks.yaml`',
      '',
    ].join('\n'),
    'ROADMAP.md',
  ).result;
  const here = ['kubernetes/apps/storage/minio/ks.yaml', 'kubernetes/apps/network/tunnel/ks.yaml'];
  const model = makeModel({
    files: here.map((path) => ({ path, kind: 'yaml' as const, size: 10 })),
    kustomizations: [kustomization({ name: 'minio', file: here[0] }), kustomization({ name: 'tunnel-old', file: here[1], line: 30, disabled: 'commented' })],
  });
  const { result, findings } = checkRoadmap(roadmap, model, { fileExists: (p) => here.includes(p), changedSince: () => null });

  it('measures the intent across the repository, says it is only partly measurable, and raises no mismatch', () => {
    expect(result[0]).toMatchObject({
      verdict: 'partly-measurable',
      measured: { done: 1, total: 2 },
      summary: 'Says Not Started; only partly measurable (2 of the 3 files it lists are not in this repository): measures 50% (1 of 2).',
    });
    expect(result[0]!.shortfalls.map((s) => s.message)).toEqual(['Kustomization tunnel-old is still commented out in kubernetes/apps/network/tunnel/ks.yaml (a file the item does not list).']);
    expect(findings).toEqual([]);
  });

  it('never calls it done on the one file that is here', () => {
    const clean = makeModel({ ...model, kustomizations: [kustomization({ name: 'minio', file: here[0] })] });
    const out = checkRoadmap(roadmap, clean, { fileExists: (p) => here.includes(p), changedSince: () => null });
    expect(out.result[0]).toMatchObject({ verdict: 'partly-measurable', measured: { done: 1, total: 1 } });
    expect(out.findings.filter((f) => f.code === 'ROADMAP_STATUS_MISMATCH')).toEqual([]);
    // The progress bars count it as declared (Not Started: 0), not as its thin 100%.
    expect(measuredProgress(roadmap, out.result)[0]).toMatchObject({ total: 1, done: 0, percent: 0, measuredItems: 0 });
  });
});

describe('measured progress: one percentage, rounded once', () => {
  // Medium: one item measured 1 of 7, one listed as completed, four nothing measures: 1.143 of 6 is
  // 19.05%. The page's bars had recomputed 1.1 of 6 (the sum rounded to one decimal) as 18%.
  const items = ['M-1.1: Set refreshInterval\n**Check**: externalsecret-refresh-interval', 'M-1.2: a', 'M-1.3: b', 'M-1.4: c', 'M-1.5: d'];
  const roadmap = parseRoadmap(
    `# Roadmap\n\n## Status Overview\n\n### Completed (2025-01-01)\n\n#### Medium Priority Issues\n- **M-0.1**: Done before\n\n## MEDIUM PRIORITY\n\n${items.map((i) => `### ${i}\n**Status**: Not Started\n**Priority**: MEDIUM\n`).join('\n')}`,
    'ROADMAP.md',
  ).result;
  const model = makeModel({ externalSecrets: [1, 2, 3, 4, 5, 6, 7].map((n) => externalSecret({ name: `es${n}`, refreshInterval: n === 1 ? '1h' : null, line: n })) });
  const { result } = checkRoadmap(roadmap, model, { fileExists: () => false, changedSince: () => null });

  it('is computed from the exact sum, and the bars show that same number', () => {
    const measured = measuredProgress(roadmap, result);
    expect(measured.find((m) => m.scope === 'medium')).toMatchObject({ total: 6, done: 1.1, percent: 19 });
    const bars = roadmapBars({ progress: roadmapProgress(roadmap, result).result, measured });
    expect(bars.find((b) => b.label === 'Medium')!.measured).toEqual({ done: 1.1, total: 6, percent: 19 });
    expect(bars.find((b) => b.label === 'Overall')!.measured.percent).toBe(measured[0]!.percent);
  });
});
