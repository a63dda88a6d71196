import type { DeepDive } from '../../model/roadmap.ts';
import { ANSWER_RULES, type Answer, type AnswerRule } from './answer-rules.ts';
import { percentOf } from '../../model/percent.ts';
import { OPERATORS } from '../health/operators.ts';
import type { PlanningFacts } from './planning-facts.ts';

/**
 * Each deep dive with its questions answered from the repository where it can be, and its
 * checklist counted like the week plan (ticked of total). Questions no rule knows, and questions
 * a rule knows to be unanswerable from files, say so with the reason.
 */

export interface QuestionAnswer {
  question: string;
  line: number;
  /** Rule that matched, or null when none did. */
  rule: string | null;
  status: 'answered' | 'unanswerable';
  answer: Answer | null;
  /** Why there is no answer (for unanswerable questions). */
  reason: string | null;
  view: AnswerRule['view'];
}

/** A "Monitoring Gaps" line (`K8up: no PrometheusRules or ServiceMonitors found`) beside what the atlas counts. */
interface GapCheck {
  line: number;
  component: string;
  /** What the monitoring matrix shows for it now. */
  text: string;
  monitored: boolean;
}

export interface DeepDiveView {
  dive: DeepDive;
  answers: QuestionAnswer[];
  gaps: GapCheck[];
  checklist: { done: number; total: number; percent: number | null };
  /** Position in the analysis queue (1-based), when an entry names this topic. */
  queued: number | null;
}

const NO_RULE = 'The atlas has no answer for this question: nothing in the repository\'s files measures it.';

/** The rule for a question: the first whose patterns match (rules are ordered specific first). */
export function ruleFor(question: string, rules: readonly AnswerRule[] = ANSWER_RULES): AnswerRule | null {
  const text = question.replace(/[*`_]/g, '');
  return rules.find((r) => r.patterns.some((p) => p.test(text))) ?? null;
}

export function answerQuestion(question: string, line: number, facts: PlanningFacts): QuestionAnswer {
  const rule = ruleFor(question);
  if (!rule) return { question, line, rule: null, status: 'unanswerable', answer: null, reason: NO_RULE, view: null };
  if (!rule.answer) return { question, line, rule: rule.id, status: 'unanswerable', answer: null, reason: rule.reason ?? NO_RULE, view: rule.view };
  return { question, line, rule: rule.id, status: 'answered', answer: rule.answer(facts), reason: null, view: rule.view };
}

const words = (s: string): Set<string> => new Set(s.toLowerCase().match(/[a-z0-9]{4,}/g) ?? []);

/** The queue entry naming a topic: the one sharing the most words with its title (at least one). */
export function queuePosition(title: string, entries: readonly { position: number; title: string }[]): number | null {
  const t = words(title);
  let best: { position: number; score: number } | null = null;
  for (const e of entries) {
    const score = [...words(e.title)].filter((w) => t.has(w) || [...t].some((x) => x.startsWith(w.slice(0, 6)) && w.length >= 6)).length;
    if (score > 0 && (best === null || score > best.score)) best = { position: e.position, score };
  }
  return best?.position ?? null;
}

/**
 * Each line of a monitoring-gaps list that starts with a component the monitoring matrix knows,
 * with what the matrix counts for it today. Lines about anything else are left alone.
 */
function monitoringGaps(dive: DeepDive, facts: PlanningFacts): GapCheck[] {
  const out: GapCheck[] = [];
  const rows = facts.health.matrices.monitoring.rows.filter((r) => r.operator);
  for (const list of dive.lists.filter((l) => /\bmonitoring\b/i.test(l.title))) {
    for (const e of list.entries) {
      const head = (/^[^\p{L}]*([\p{L}][\w .-]{0,40}?)\s*:/u.exec(e.text.replace(/[*`]/g, ''))?.[1] ?? '').toLowerCase().trim();
      const spec = OPERATORS.find((o) => o.key === head || o.names.includes(head));
      const row = spec ? rows.find((r) => r.operator === spec.key) : undefined;
      if (!spec || !row) continue;
      const parts = [`${row.serviceMonitors} ServiceMonitor${row.serviceMonitors === 1 ? '' : 's'}`, `${row.podMonitors} PodMonitor${row.podMonitors === 1 ? '' : 's'}`, `${row.prometheusRules} PrometheusRule${row.prometheusRules === 1 ? '' : 's'}`];
      const values = row.fromValues.length ? `; enabled in values: ${row.fromValues.map((v) => v.path).join(', ')}` : '';
      out.push({ line: e.line, component: spec.key, text: `${parts.join(', ')} in its app${values}${row.byDefault ? '; the chart monitors itself' : ''}.`, monitored: row.monitored });
    }
  }
  return out;
}

export function deepDiveViews(dives: readonly DeepDive[], queue: readonly { position: number; title: string }[], facts: PlanningFacts): DeepDiveView[] {
  return dives.map((dive) => {
    const done = dive.actionItems.filter((a) => a.checked).length;
    const total = dive.actionItems.length;
    return {
      dive,
      answers: dive.questions.map((q) => answerQuestion(q.text, q.line, facts)),
      gaps: monitoringGaps(dive, facts),
      checklist: { done, total, percent: percentOf(done, total) },
      queued: queuePosition(dive.title, queue),
    };
  });
}
