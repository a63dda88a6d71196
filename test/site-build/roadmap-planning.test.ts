import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRoadmap } from '../../src/repo/roadmap/parse.ts';
import { buildExample, SITE_DIR } from './global-setup.ts';

/**
 * Issue 23 on the built site. The example's roadmap exercises every section type: each section
 * title is on /roadmap/, the stale notice is on /roadmap/ and the home page, each deep dive has
 * its page with answers linked to their views, the proposals page lists the proposed items, and
 * the section the parser does not know is rendered safely. Then the seed: a copy of the example
 * whose ROADMAP.md is the seed (read from ../shared at test time, written to a temp folder,
 * never into the project), built, with every section title of the seed on the site.
 */
/** Each question's `<li>` on a deep-dive page (the list holds nested evidence lists) and its status. */
const questionItems = (html: string) => [...html.matchAll(/<li class="rm-q rm-q--(answered|unanswerable)[^"]*"[\s\S]*?<\/li>\s*(?=<li class="rm-q |<\/ol>)/g)].map((m) => [m[0], m[1]!] as const);
const page = (dir: string, path: string) => readFileSync(join(dir, path, 'index.html'), 'utf8');
/** Visible text, roughly: tags dropped, entities decoded, spaces collapsed. */
const text = (html: string) =>
  html
    .replace(/<script\b[\s\S]*?<\/script>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

describe('the planning view of the example', () => {
  const roadmap = () => page(SITE_DIR, 'roadmap');
  const source = parseRoadmap(readFileSync('examples/homelab/ROADMAP.md', 'utf8'), 'ROADMAP.md').result;

  it('shows every section of the document, each linked from the outline to where it is shown', () => {
    const t = text(roadmap());
    for (const o of source.outline) expect(t, o.title).toContain(o.title);
    for (const id of ['completed-summary', 'notes', 'decisions', 'deep-dives', 'queue', 'proposals', 'other', 'document']) expect(roadmap()).toContain(`id="${id}"`);
    expect(source.outline.map((o) => o.kind)).toEqual(['items', 'items', 'items', 'items', 'summary', 'plan', 'progress', 'notes', 'deep-dives', 'queue', 'other']);
  });

  it('flags the stale roadmap on /roadmap/ and on the home page, saying which "today" it used', () => {
    for (const html of [roadmap(), page(SITE_DIR, '')]) {
      const t = text(html);
      expect(t).toContain('This roadmap is stale');
      expect(t).toMatch(/Its next review date, 2025-10-04, passed \d+ days before \d{4}-\d{2}-\d{2} \(the date of the commit built\)/);
      expect(t).toContain('the date of the commit this site was built from');
    }
  });

  it('shows deferred items as decisions, with the finding each one sets aside', () => {
    const t = text(roadmap());
    expect(t).toContain('Deferred items: decisions not to do something');
    expect(t).toMatch(/Backing up ollama-models ROADMAP\.md:448 the models are downloaded again on start; 80Gi of backups buys nothing BACKUP_MISSING kubernetes\/apps\/ai\/ollama\/app\/pvc\.yaml:3/);
  });

  it('renders the unknown section through the safe renderer: its table as a table, its link checked', () => {
    const html = roadmap();
    const other = html.slice(html.indexOf('id="other"'), html.indexOf('id="document"'));
    expect(other).toMatch(/<table>[\s\S]*Talos image cache[\s\S]*<\/table>/);
    expect(other).toContain('href="https://www.talos.dev/v1.10/talos-guides/configuration/image-cache/"');
  });

  it('gives each deep dive a page: answers with numbers and a link to their view, the others say why not', () => {
    const html = page(SITE_DIR, 'roadmap/topics/backup-strategy-review');
    const t = text(html);
    expect(t).toContain('4 of 5 answered from the repository');
    expect(t).toContain('Answer: 5 of 10 live volumes are backed up (k8up 1, longhorn 2, volsync 1, the app or its operator 1); 5 by nothing (ai/ollama-models, observability/alertmanager-kube-prometheus-stack-db-alertmanager-kube-prometheus-stack-0, observability/prometheus-kube-prometheus-stack-db-prometheus-kube-prometheus-stack-0, observability/storage-loki-0 and productivity/n8n-data)');
    expect(html).toMatch(/href="\/health\/backup\/"/);
    expect(t).toContain('Cannot answer from the repository: This is a decision for the owner');
    expect(t).toContain('1 of 4 (25%) ticked');
    expect(text(page(SITE_DIR, 'roadmap/topics/documentation-gaps'))).toContain('3 of 29 live apps have a README.md');
    expect(page(SITE_DIR, 'roadmap/topics/observability-review')).toMatch(/href="\/health\/monitoring\/"/);
    expect(questionItems(html).map(([, status]) => status)).toEqual(['answered', 'answered', 'answered', 'answered', 'unanswerable']);
  });

  it('lists the proposed items in the roadmap\'s format, with the Markdown atlas export would write', () => {
    const t = text(page(SITE_DIR, 'roadmap/proposals'));
    expect(t).toContain('P-1: Add NetworkPolicies to 6 more namespaces');
    expect(t).toContain('P-2: Back up 3 volumes');
    expect(t).toContain('P-4: Monitor 2 more components');
    expect(t).toContain('monitoring.serviceMonitor.enabled: false');
    expect(t).toContain('1 matches a deferred decision');
    expect(t).toContain('### P-3: Declare 1 missing dependency **Status**: Proposed');
  });
});

const seedPath = '../shared/seed/ROADMAP.md';
describe.skipIf(!existsSync(seedPath))('the seed on the site (skipped: ../shared/seed/ROADMAP.md is absent)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'atlas-seed-site-'));
  const repo = join(tmp, 'repo');
  const out = join(tmp, 'dist');
  beforeAll(async () => {
    cpSync('examples/homelab', repo, { recursive: true });
    writeFileSync(join(repo, 'ROADMAP.md'), readFileSync(seedPath));
    // No git here: "today" comes from the configuration.
    writeFileSync(join(repo, 'atlas.config.yaml'), 'roadmap:\n  today: "2026-01-15"\n');
    await buildExample(out, ['--quiet'], repo);
  }, 600_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('shows every section title, deep dive, queue entry, decision and closing field of the seed', () => {
    const seed = parseRoadmap(readFileSync(seedPath, 'utf8'), 'ROADMAP.md').result;
    const t = text(page(out, 'roadmap'));
    const titles = [
      ...seed.outline.map((o) => o.title),
      ...seed.completedSummary.flatMap((s) => [s.title, ...s.groups.map((g) => g.title ?? '')]),
      ...seed.notesSections.flatMap((n) => n.groups.filter((g) => !/deferred/i.test(g.title)).map((g) => g.title)),
      ...seed.deepDives.map((d) => d.title),
      ...seed.analysisQueue!.entries.map((e) => e.title),
      ...seed.decisions.map((d) => d.what),
      ...seed.meta.map((m) => m.key),
      ...seed.plan.map((w) => w.title),
    ].filter((x) => x !== '');
    expect(titles.length).toBeGreaterThan(40);
    for (const title of titles) expect(t, title).toContain(title);
    expect(t).toContain('Its next review date, 2025-12-01, passed 45 days before 2026-01-15 (the configured date)');
  });

  it('answers or marks every deep-dive question, on a page per deep dive', () => {
    const seed = parseRoadmap(readFileSync(seedPath, 'utf8'), 'ROADMAP.md').result;
    let answered = 0;
    for (const d of seed.deepDives) {
      const html = page(out, `roadmap/topics/${d.slug}`);
      const items = questionItems(html);
      expect(items, d.title).toHaveLength(d.questions.length);
      for (const [li, status] of items) {
        if (status === 'answered') {
          answered++;
          expect(li).toMatch(/href="\/(health|secrets|apps|runbooks|docs)\//);
        } else expect(text(li)).toContain('Cannot answer from the repository:');
      }
    }
    expect(answered).toBe(17);
  });
});
