import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { roadmapProgress } from '../../src/analysis/roadmap/progress.ts';
import { parseRoadmap } from '../../src/repo/roadmap/parse.ts';

/** The real roadmap the format comes from, read in place (never copied into the project). */
const seedPath = '../shared/seed/ROADMAP.md';

describe.runIf(existsSync(seedPath))(`the seed ROADMAP.md${existsSync(seedPath) ? '' : ' (skipped: no ../shared/seed/ROADMAP.md beside the project)'}`, () => {
  const text = existsSync(seedPath) ? readFileSync(seedPath, 'utf8') : '';
  const { result: roadmap, findings } = parseRoadmap(text, 'ROADMAP.md');

  it('parses every item with id, title, status, priority and effort (checked by hand)', () => {
    const rows = roadmap.items.map((i) => [i.id, i.title, i.status.value, i.priority.value, i.effort?.raw, i.effort?.minHours, i.effort?.maxHours]);
    expect(rows).toEqual([
      ['H-8.1', 'Implement NetworkPolicies', 'not-started', 'high', '4-6 hours', 4, 6],
      ['H-7.1', 'Add ServiceMonitors for Operators', 'not-started', 'high', '2-3 hours', 2, 3],
      ['H-9.1', 'Expand Kyverno Policy Coverage', 'not-started', 'high', '3-4 hours', 3, 4],
      ['H-3.1', 'Add refreshInterval to ExternalSecrets', 'not-started', 'high', '1 hour', 1, 1],
      ['M-5.1', 'Add Backup Annotations to PVCs', 'not-started', 'medium', '2-3 hours', 2, 3],
      ['M-7.1', 'Optimize Prometheus Storage Configuration', 'not-started', 'medium', '30 minutes', 0.5, 0.5],
      ['M-1.3', 'Clean Up Commented Code', 'not-started', 'medium', '1 hour', 1, 1],
      ['M-3.1', 'Document SOPS Secret Inventory', 'not-started', 'medium', '1-2 hours', 1, 2],
      ['M-10.1', 'Standardize Directory Structures', 'not-started', 'medium', '2 hours (documentation)', 2, 2],
      ['M-1.2', 'Add CoreDNS Dependency to k8s-gateway', 'not-started', 'medium', '5 minutes', 1 / 12, 1 / 12],
      ['L-10.1', 'Add README Files to App Directories', 'not-started', 'low', 'Ongoing', null, null],
      ['L-10.2', 'Create Cluster Changelog', 'not-started', 'low', 'Ongoing', null, null],
      ['L-6.1', 'Enable VPA Auto Mode for Selected Apps', 'not-started', 'low', '2-3 hours', 2, 3],
      ['L-1.1', 'Review and Standardize Timeout Values', 'not-started', 'low', '1 hour', 1, 1],
      ['L-9.1', 'Audit Deployed RBAC', 'not-started', 'low', '3-4 hours', 3, 4],
    ]);
    expect(roadmap.items.every((i) => i.priority.from === 'field' && i.status.raw === 'Not Started')).toBe(true);
  });

  it('understands every line, repairs all 32 garbled emoji and leaves no Mac Roman residue', () => {
    expect(roadmap.unparsedLines).toEqual([]);
    expect(findings.map((f) => f.code)).toEqual(['ROADMAP_MOJIBAKE_REPAIRED']);
    expect(roadmap.repairedMojibake).toBe(32);
    const all = JSON.stringify(roadmap);
    for (const garbled of ['‚úÖ', 'üî¥', '‚Üí', '\uf8ff']) expect(all).not.toContain(garbled);
    expect(roadmap.items[0]!.body).toContain('Allow: kube-system → security');
    expect(roadmap.completedSummary[0]!.groups[2]!.entries[0]!.text).toBe('✅ Trivy Operator activated (automated vulnerability scanning)');
  });

  it('reads paths, action items and code examples of the items', () => {
    const byId = new Map(roadmap.items.map((i) => [i.id, i]));
    expect(byId.get('H-8.1')!.filesToCreate.map((p) => [p.path, p.line])).toEqual([
      ['kubernetes/apps/security/network-policies.yaml', 35],
      ['kubernetes/apps/database/network-policies.yaml', 41],
      ['kubernetes/apps/kube-system/network-policies.yaml', 47],
      ['kubernetes/apps/media/network-policies.yaml', 53],
    ]);
    expect(byId.get('H-8.1')!.actionItems.map((a) => a.text.slice(0, 24))).toEqual([
      '**Security Namespace** -',
      '**Database Namespace** -',
      '**Kube-System Namespace*',
      '**Media Namespace** - De',
    ]);
    expect(byId.get('H-7.1')!.filesToCreate).toHaveLength(6);
    expect(byId.get('H-9.1')!.filesToCreate.map((p) => p.path.split('/').pop())).toEqual([
      'pss-baseline.yaml',
      'require-labels.yaml',
      'image-pull-policy.yaml',
      'require-resources.yaml',
      'readonly-root-fs.yaml',
    ]);
    expect(byId.get('H-3.1')!.filesToUpdate.map((p) => p.path)).toEqual(['kubernetes/apps/*/*/app/externalsecret.yaml']);
    expect(byId.get('H-3.1')!.body).toContain('refreshInterval: 15m  # ADD THIS LINE');
    expect(byId.get('M-1.3')!.files.map((p) => p.path)).toEqual([
      'kubernetes/apps/storage/longhorn/ks.yaml',
      'kubernetes/apps/network/internal/ks.yaml',
      'kubernetes/apps/network/external/ks.yaml',
    ]);
    expect(byId.get('M-1.2')!.files.map((p) => p.path)).toEqual(['kubernetes/apps/network/k8s-gateway/ks.yaml']);
    expect(byId.get('M-3.1')!.filesToCreate.map((p) => p.path)).toEqual(['kubernetes/SECRETS.md']);
    expect(byId.get('L-10.2')!.filesToCreate.map((p) => p.path)).toEqual(['kubernetes/CHANGELOG.md']);
    expect(byId.get('L-1.1')!.filesToUpdate.map((p) => p.path)).toEqual(['ks.yaml']);
    expect(byId.get('H-8.1')!.source).toEqual({ file: 'ROADMAP.md', line: 27, col: 1 });
    expect(byId.get('H-8.1')!.section).toBe('HIGH PRIORITY (Next 1-2 Weeks)');
  });

  it('reads the completed list, the summary, the plan and the deep dives', () => {
    expect(roadmap.completed.map((c) => [c.id, c.priority, c.date, c.source.line])).toEqual([
      ['C-4.1', 'critical', '2025-11-17', 14],
      ['C-9.1', 'critical', '2025-11-17', 15],
      ['C-1.1', 'critical', '2025-11-17', 16],
      ['H-7.2', 'high', '2025-11-17', 19],
      ['H-10.2', 'high', '2025-11-17', 20],
      ['H-1.1', 'high', '2025-11-17', 21],
    ]);
    expect(roadmap.completedSummary.map((s) => [s.date, s.groups.map((g) => [g.title, g.entries.length])])).toEqual([
      [
        '2025-11-17',
        [
          ['Flux Kustomization Dependency Fixes', 4],
          ['Longhorn Storage Consistency', 7],
          ['Security Enhancements', 2],
          ['Observability Improvements', 11],
          ['Application Deployments', 2],
        ],
      ],
    ]);
    expect(roadmap.plan.map((w) => [w.title, w.tasks.map((t) => t.itemId), w.tasks.every((t) => !t.checked)])).toEqual([
      ['Week 1 (High Priority Security)', ['H-8.1', 'H-3.1'], true],
      ['Week 2 (High Priority Monitoring)', ['H-7.1', 'H-9.1'], true],
      ['Week 3-4 (Medium Priority)', ['M-5.1', 'M-7.1', 'M-1.3', 'M-3.1'], true],
      ['Ongoing / As Needed', ['L-10.1', 'L-10.2', 'L-6.1', 'L-1.1', 'L-9.1'], true],
    ]);
    expect(roadmap.deepDives.map((d) => [d.title, d.status.value, d.priority.value, d.complexity, d.questions.length, d.actionItems.length])).toEqual([
      ['Backup Strategy & Consolidation', 'not-started', 'high', 'High - Multiple systems overlap', 5, 8],
      ['Prometheus Configuration Review', 'not-started', 'medium', 'Medium', 6, 6],
      ['Grafana Dashboard Review', 'not-started', 'medium', 'Low-Medium', 5, 6],
      ['Kyverno Policy Expansion', 'not-started', 'high', 'Medium', 5, 5],
      ['Secret Management & 1Password Migration', 'not-started', 'medium', 'High - Requires 1Password CLI access', 5, 6],
      ['Documentation Improvements', 'not-started', 'medium', 'Ongoing', 5, 6],
    ]);
    // Both are read as structure now (lists and decisions, the queue), so nothing is left as text.
    expect(roadmap.notes.map((n) => n.title)).toEqual([]);
    expect(roadmap.notesSections.map((n) => n.title)).toEqual(['NOTES']);
    expect(roadmap.analysisQueue?.title).toBe('ANALYSIS QUEUE');
    expect(roadmap.date).toBe('2025-11-17');
  });

  it('reads the declared numbers and explains how they differ from what the file lists', () => {
    expect(roadmap.declared.overall).toEqual({ percent: 21, done: 17, total: 82, line: 695 });
    expect(roadmap.declared.byPriority.map((p) => [p.priority, p.done, p.total, p.percent])).toEqual([
      ['critical', 3, 3, 100],
      ['high', 4, 13, 31],
      ['medium', 1, 28, 4],
      ['low', 0, 38, 0],
    ]);
    expect(roadmap.declared.identified).toEqual({ total: 82, byPriority: { critical: 3, high: 13, medium: 28, low: 38 }, line: 5 });
    const { result, findings: pf } = roadmapProgress(roadmap);
    const overall = result.comparisons.find((c) => c.scope === 'overall')!;
    expect(overall.listed).toEqual({ total: 21, done: 6, open: 15, completedList: 6 });
    expect(overall.explanation).toEqual([
      'Declares 17 of 82 resolved (21%); the file lists 21 issues, 6 completed.',
      '61 declared issues are not listed in the file.',
      '11 resolved issues are counted but not listed as completed.',
    ]);
    expect(overall.inconsistent).toEqual(['its per-priority lines add up to 8 of 82 resolved, not 17 of 82.']);
    const high = result.comparisons.find((c) => c.scope === 'high')!;
    expect(high.listed).toEqual({ total: 7, done: 3, open: 4, completedList: 3 });
    expect(high.explanation).toContain('1 resolved issue is counted but not listed as completed.');
    expect(high.explanation).toContain('The next milestone counts 9 High items remaining; the file lists 4 open.');
    expect(high.inconsistent).toEqual([]);
    expect(result.comparisons.find((c) => c.scope === 'critical')!.explanation).toContain('The declared and listed numbers agree.');
    expect(pf.map((f) => [f.code, f.source.line])).toEqual([['ROADMAP_DECLARED_INCONSISTENT', 695]]);
    expect(result.effortRemaining).toEqual({ minHours: 22 + 35 / 60, maxHours: 30 + 35 / 60, estimated: 13, unestimated: ['L-10.1', 'L-10.2'] });
    expect(result.nextMilestone).toMatchObject({ title: 'Week 1 (High Priority Security)', open: 2, total: 2 });
    expect(result.attention.map((a) => a.itemId)).toEqual(['H-8.1', 'H-7.1', 'H-9.1', 'H-3.1']);
  });
});
