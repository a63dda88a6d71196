/** The guide's list of findings: generated from the registry, every code under its anchor. */
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { describe, expect, it } from 'vitest';
import { FINDING_AREAS, FINDING_CODE_LIST, findingAnchor, findingInfo } from '../../src/model/finding-codes.ts';
import { findingsReferenceMarkdown } from '../../src/lib/site/findings-reference.ts';

describe('the guide page of findings', () => {
  const md = findingsReferenceMarkdown();

  it('has a heading for every registered code, with its severity and summary', () => {
    for (const code of FINDING_CODE_LIST) {
      const info = findingInfo(code);
      expect(md).toContain(`### \`${code}\`\n\n**${info.severities[0]}**`);
      expect(md).toContain(info.summary);
      if (info.details) expect(md).toContain(info.details);
    }
    expect(md.match(/^### /gm)).toHaveLength(FINDING_CODE_LIST.length);
  });

  it('files each code under its usual area and names the others', () => {
    const section = (title: string) => md.split('\n## ').find((s) => s.startsWith(`${title}\n`)) ?? '';
    expect(section(FINDING_AREAS.graph)).toContain('### `DEPENDS_ON_CYCLE`');
    expect(section(FINDING_AREAS.graph)).not.toContain('### `BACKUP_MISSING`');
    expect(md).toContain('### `FILE_UNREADABLE`\n\n**warning** (also error) · filed under `yaml`, `changelog` or `roadmap`.');
    expect(md).toContain('### `ROADMAP_UNPARSED`\n\n**info** (also warning).');
  });

  it('renders, with Astro\'s Markdown processor, to headings whose ids are the registry\'s anchors', async () => {
    const processor = await createMarkdownProcessor({ syntaxHighlight: false });
    const { code: html } = await processor.render(md);
    const ids = new Set([...html.matchAll(/<h3 id="([^"]+)"/g)].map((m) => m[1]));
    expect(ids.size).toBe(FINDING_CODE_LIST.length);
    for (const code of FINDING_CODE_LIST) expect(ids.has(findingAnchor(code)), code).toBe(true);
  });
});
