/**
 * `/llms.txt` and `/llms-full.txt` over the example repository: the llms.txt shape (H1, blockquote,
 * H2 sections of `- [name](url): notes` links, an Optional section), one link per deployed app to
 * its page, absolute links when the site URL is known and base-relative ones when not, and the
 * full file carrying each app's facts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Atlas } from '../../src/pipeline/atlas.ts';
import { appFactsOf } from '../../src/lib/export/json-facts.ts';
import { llmsFullTxt, llmsTxt } from '../../src/lib/export/llms.ts';
import type { AppFacts } from '../../src/lib/site/app-facts-schema.ts';
import { atlasOf, EXAMPLE } from './json-support.ts';

let atlas: Atlas;
let facts: AppFacts[];
const SITE = 'https://atlas.example.org/homelab';

beforeAll(async () => {
  atlas = await atlasOf(EXAMPLE);
  facts = await appFactsOf(atlas);
});

/** The llms.txt grammar (llmstxt.org): H1, optional blockquote, text, then H2 sections whose lines are link items. */
function llmsShape(text: string): { title: string; summary: string; sections: Map<string, string[]> } {
  const lines = text.split('\n');
  expect(lines[0]).toMatch(/^# \S/);
  const summary = lines.find((l) => l.startsWith('> ')) ?? '';
  const sections = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const l of lines.slice(1)) {
    if (l.startsWith('## ')) sections.set(l.slice(3), (current = []));
    else if (current && l.trim() !== '') current.push(l);
  }
  for (const [name, items] of sections) for (const item of items) expect(item, name).toMatch(/^- \[[^\]]+\]\([^)\s]+\)(: .+)?$/);
  return { title: lines[0]!.slice(2), summary, sections };
}

describe('llms.txt', () => {
  it('follows the convention: H1 title, blockquote summary, H2 sections of links, Optional last', () => {
    const { title, summary, sections } = llmsShape(llmsTxt(atlas, facts, { siteUrl: SITE, base: '/homelab/', title: 'Home cluster' }));
    expect(title).toBe('Home cluster');
    expect(summary).toMatch(/^> Home cluster: a Flux GitOps repository that deploys \d+ apps in \d+ namespaces/);
    expect([...sections.keys()][0]).toBe('Site');
    expect([...sections.keys()].at(-1)).toBe('Optional');
    const media = facts.filter((f) => f.namespace === 'media' && !f.notDeployed).length;
    expect(media).toBeGreaterThan(1);
    expect(sections.get('Namespace media')).toContain(`- [Namespace media](${SITE}/namespaces/media/): ${media} apps, network policies, graph`);
  });

  it('links every deployed app once, to its page, with what it runs', () => {
    const text = llmsTxt(atlas, facts, { siteUrl: SITE, base: '/homelab/', title: 'homelab' });
    for (const f of facts.filter((a) => !a.notDeployed)) {
      expect(text.split(`](${SITE}${f.path})`).length - 1, f.id).toBe(1);
    }
    expect(text).toMatch(/- \[ollama\]\(https:\/\/atlas\.example\.org\/homelab\/apps\/ai\/ollama\/\): Ollama serves local large language models.*chart app-template 4\.2\.0; depends on security\/kyverno, storage\/longhorn/);
    expect(text).toContain(`[atlas.json](${SITE}/atlas.json)`);
  });

  it('without a site URL, links are root-relative under the base', () => {
    const text = llmsTxt(atlas, facts, { siteUrl: null, base: '/homelab/', title: 'homelab' });
    expect(text).toContain('- [sonarr](/homelab/apps/media/sonarr/)');
    expect(text).not.toContain('https://');
  });

  it('stays concise: one line per app, and under 300 characters a line', () => {
    const text = llmsTxt(atlas, facts, { siteUrl: SITE, base: '/', title: 'homelab' });
    expect(text.split('\n').filter((l) => l.includes('/apps/')).length).toBe(facts.length + 1); // + the Apps index link
    for (const l of text.split('\n')) expect(l.length, l).toBeLessThan(400);
  });

  it('a not-deployed app goes to Optional, with its reason', () => {
    const base = facts.find((f) => f.id === 'media/sonarr')!;
    const archived = { ...base, id: 'media/old', name: 'old', path: '/apps/media/old/', notDeployed: 'archived under archive/' };
    const { sections } = llmsShape(llmsTxt(atlas, [...facts, archived], { siteUrl: SITE, base: '/', title: 'homelab' }));
    expect(sections.get('Optional')).toContain(`- [old (not deployed)](${SITE}/apps/media/old/): archived under archive/`);
    expect(sections.get('Namespace media')!.join('\n')).not.toContain('/apps/media/old/');
  });
});

describe('llms-full.txt', () => {
  it('has every app with its facts, the secrets inventory by name, roadmap progress and findings', () => {
    const text = llmsFullTxt(atlas, facts, { siteUrl: SITE, base: '/', title: 'homelab' });
    expect(text.split('\n')[0]).toBe('# homelab');
    for (const f of facts) expect(text, f.id).toContain(`App id \`${f.id}\``);
    expect(text).toContain('## Secrets inventory');
    expect(text).toContain('## Roadmap');
    expect(text).toMatch(/## Findings \(errors and warnings\)\n\n- (error|warning) [A-Z_]+ at \S+:\d+: /);
    expect(text).toContain('Purpose (from kubernetes/apps/ai/ollama/README.md): Ollama serves');
    expect(text).not.toContain('add a few lines above this block');
  });
});
