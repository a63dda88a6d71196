import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_RULES } from '../../src/analysis/roadmap/answer-rules.ts';
import { answerQuestion, deepDiveViews, queuePosition, ruleFor } from '../../src/analysis/roadmap/deep-dive-answers.ts';
import { parseRoadmap } from '../../src/repo/roadmap/parse.ts';
import { examplePlanning, type ExamplePlanning } from './example-planning.ts';

/**
 * Deep-dive questions answered from the repository. The seed's 31 questions map to rules (or to
 * "cannot answer") as listed by hand below; the answers' numbers come from examples/homelab and
 * are checked against its EXPECTED.md ("Storage and backups", "Monitoring", "Files").
 */
const seedPath = '../shared/seed/ROADMAP.md';
const hasSeed = existsSync(seedPath);
let ex: ExamplePlanning;
beforeAll(async () => {
  ex = await examplePlanning();
});

describe.skipIf(!hasSeed)('the seed\'s deep-dive questions (skipped: ../shared/seed/ROADMAP.md is absent)', () => {
  const seed = () => parseRoadmap(readFileSync(seedPath, 'utf8'), 'ROADMAP.md').result;

  it('maps every question to a rule or says plainly that it cannot be answered', () => {
    const rows = seed().deepDives.map((d) => [d.title, d.questions.map((q) => ruleFor(q.text)?.id ?? null)]);
    expect(rows).toEqual([
      ['Backup Strategy & Consolidation', ['backup-coverage', 'backup-systems', 'backup-primary', 'longhorn-recurring', 'restore-docs']],
      ['Prometheus Configuration Review', ['monitoring-coverage', 'scrape-intervals', 'alert-rules', 'retention', 'scrape-intervals', 'scrape-intervals']],
      ['Grafana Dashboard Review', ['dashboards-runtime', 'dashboards-missing', 'dashboards-runtime', 'dashboards-import', 'dashboards-runtime']],
      ['Kyverno Policy Expansion', ['policy-choice', 'policy-modes', 'policy-choice', 'policy-exceptions', 'policy-choice']],
      ['Secret Management & 1Password Migration', ['secrets-by-store', 'secrets-choice', 'secrets-choice', 'secrets-rotation', 'hardcoded']],
      ['Documentation Improvements', ['readmes', 'doc-quality', 'runbooks', 'restore-docs', 'onboarding']],
    ]);
  });

  it('answers each question with a link to the view that proves it, or gives the reason it cannot', () => {
    const rm = seed();
    const views = deepDiveViews(rm.deepDives, rm.analysisQueue!.entries, ex.facts);
    const all = views.flatMap((v) => v.answers);
    expect(all).toHaveLength(31);
    for (const a of all) {
      if (a.status === 'answered') {
        expect(a.view?.path, a.question).toMatch(/^\/(health|secrets|apps|runbooks|docs)\//);
        expect(a.answer!.text, a.question).toMatch(/\d/);
      } else expect(a.reason, a.question).toMatch(/decision|running cluster|reads it|no answer/);
    }
    expect(all.filter((a) => a.status === 'answered')).toHaveLength(17);
    // Queue entries name the topics in other words: matched by shared title words.
    expect(views.map((v) => v.queued)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(views.map((v) => [v.checklist.done, v.checklist.total])).toEqual([[0, 8], [0, 6], [0, 6], [0, 5], [0, 6], [0, 6]]);
  });

  it('answers the backup, monitoring and documentation questions with the example\'s numbers', () => {
    const rm = seed();
    const q = (title: string, i: number) => answerQuestion(rm.deepDives.find((d) => d.title === title)!.questions[i]!.text, 1, ex.facts);
    // EXPECTED.md, Storage and backups: 6 PVCs, the CloudNativePG Cluster's volume and the three claims
    // charts make from values (Prometheus, Alertmanager, loki); backed up 5 (k8up 1, Longhorn 2, VolSync 1,
    // the operator 1); not backed up 5.
    expect(q('Backup Strategy & Consolidation', 0).answer!.numbers).toEqual({ volumes: 10, covered: 5, missing: 5, overlapping: 0, k8up: 1, longhorn: 2, volsync: 1, appOrOperator: 1 });
    expect(q('Backup Strategy & Consolidation', 0).answer!.text).toContain('5 by nothing (ai/ollama-models, observability/alertmanager-kube-prometheus-stack-db-alertmanager-kube-prometheus-stack-0, observability/prometheus-kube-prometheus-stack-db-prometheus-kube-prometheus-stack-0, observability/storage-loki-0 and productivity/n8n-data)');
    // RecurringJob backup-daily is the one backup job (the other two snapshot and trim).
    expect(q('Backup Strategy & Consolidation', 3).answer!.numbers).toEqual({ backupJobs: 1, switchedOff: 0, volumes: 2 });
    // EXPECTED.md, Monitoring: 5 operators with no monitoring (volsync's chart monitors itself), loki and flux-operator explicitly off: 7 of 15 without.
    expect(q('Prometheus Configuration Review', 0).answer!.numbers).toEqual({ components: 15, monitored: 8, unmonitored: 7 });
    // One PrometheusRule, homelab-backups, 4 alerts.
    // Charts that monitor themselves by default: kube-prometheus-stack and volsync.
    expect(q('Prometheus Configuration Review', 2).answer!.numbers).toEqual({ prometheusRules: 1, rules: 4, chartsWithDefaults: 2 });
    // retentionSize 2GB on a 12Gi volume (17%), loki without a size.
    expect(q('Prometheus Configuration Review', 3).answer!.numbers).toEqual({ settings: 2, underused: 1, exceeding: 0 });
    // READMEs in 3 app folders (paperless, n8n, ollama) of 29 live apps: 26 under kubernetes/apps, and
    // the flux/cluster Kustomizations' (cluster, cluster-repositories and cluster-vars, each an app now
    // that the flux-instance release's sync applies them).
    expect(q('Documentation Improvements', 0).answer!.numbers).toEqual({ apps: 29, withReadme: 3, without: 26 });
    expect(q('Documentation Improvements', 3).answer!.evidence.map((e) => e.text)).toEqual(['docs/runbooks/restore-postgres.md']);
    // docs/runbooks has 3 runbooks, docs/sops a README.
    expect(q('Documentation Improvements', 2).answer!.numbers).toEqual({ handWritten: 4 });
    // 9 ExternalSecrets via the onepassword store; the ClusterSecretStore's provider is onepassword.
    expect(q('Secret Management & 1Password Migration', 0).answer!.text).toMatch(/^9 ExternalSecrets \(9 via onepassword \(onepassword\)\)/);
    expect(q('Secret Management & 1Password Migration', 4).answer!.numbers).toEqual({ hardcoded: 1, plainWithValues: 0 });
  });
});

describe('the example\'s own deep dives', () => {
  it('answers 11 of its 14 questions, and links each answer to its view', () => {
    const views = ex.data.planning!.deepDives;
    expect(views.map((v) => [v.dive.title, v.answers.map((a) => a.rule), v.queued, v.checklist])).toEqual([
      ['Backup Strategy Review', ['backup-coverage', 'backup-systems', 'longhorn-recurring', 'restore-docs', 'backup-primary'], 1, { done: 1, total: 4, percent: 25 }],
      ['Observability Review', ['monitoring-coverage', 'alert-rules', 'retention', 'dashboards-missing', 'scrape-intervals'], 2, { done: 1, total: 3, percent: 33 }],
      ['Documentation Gaps', ['readmes', 'restore-docs', 'runbooks', 'doc-quality'], 3, { done: 1, total: 3, percent: 33 }],
    ]);
    expect(views.flatMap((v) => v.answers).filter((a) => a.status === 'answered')).toHaveLength(11);
  });

  it('puts what the monitoring matrix counts beside each monitoring-gap line naming a component', () => {
    // EXPECTED.md, Monitoring: k8up has no monitoring at all; volsync has no monitor objects, but its chart monitors itself.
    expect(ex.data.planning!.deepDives[0]!.gaps.map((g) => [g.line, g.component, g.monitored, g.text])).toEqual([
      [474, 'k8up', false, '0 ServiceMonitors, 0 PodMonitors, 0 PrometheusRules in its app.'],
      [475, 'volsync', true, '0 ServiceMonitors, 0 PodMonitors, 0 PrometheusRules in its app; the chart monitors itself.'],
    ]);
  });

  it('says plainly when no rule knows a question', () => {
    const a = answerQuestion('Is the coffee machine on the network?', 7, ex.facts);
    expect([a.status, a.rule, a.answer, a.reason]).toEqual(['unanswerable', null, null, "The atlas has no answer for this question: nothing in the repository's files measures it."]);
  });
});

describe('the rules', () => {
  it('have unique ids, and every rule without an answer gives a reason', () => {
    expect(new Set(ANSWER_RULES.map((r) => r.id)).size).toBe(ANSWER_RULES.length);
    for (const r of ANSWER_RULES) if (!r.answer) expect(r.reason, r.id).toBeTruthy();
  });

  it('match queue entries to topics by their words', () => {
    const q = [{ position: 1, title: 'Backup Strategy Consolidation' }, { position: 2, title: 'Secret Management Consolidation Strategy' }];
    expect(queuePosition('Secret Management & 1Password Migration', q)).toBe(2);
    expect(queuePosition('Backup Strategy & Consolidation', q)).toBe(1);
    expect(queuePosition('Unrelated Topic', q)).toBeNull();
  });
});
