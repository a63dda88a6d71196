import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_LENGTH, escapeHtml, isSafeUrl } from '../../src/markdown/safe.ts';
import { renderUntrustedMarkdown } from '../../src/markdown/safe-html.ts';

const dir = new URL('../fixtures/markdown/safe/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, dir), 'utf8');

/** Every way the output could run code: a script element, an event handler, a dangerous URL in an attribute. */
function executable(html: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/<([a-z][a-z0-9]*)\b([^>]*)>/gi)) {
    const [tag, name = '', attrs = ''] = m;
    if (/^(script|iframe|object|embed|style|svg|math|form|base|meta|link)$/i.test(name)) found.push(tag);
    if (/\son[a-z]+\s*=/i.test(attrs)) found.push(tag);
    for (const a of attrs.matchAll(/\s(href|src)="([^"]*)"/gi)) {
      if (!isSafeUrl((a[2] ?? '').replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))))) found.push(tag);
    }
  }
  return found;
}

describe('renderUntrustedMarkdown', () => {
  it('golden: a realistic app README (GFM table, task list, footnote, code fence)', () => {
    const r = renderUntrustedMarkdown(fixture('realistic-readme.md'), { file: 'kubernetes/apps/database/cloudnative-pg/README.md' });
    expect(r.html + '\n').toBe(fixture('realistic-readme.html'));
    expect(r.headings).toEqual([
      { depth: 1, slug: 'cloudnative-pg', text: 'cloudnative-pg' },
      { depth: 2, slug: 'clusters', text: 'Clusters' },
      { depth: 2, slug: 'known-issues', text: 'Known issues' },
    ]);
    expect(r.findings).toEqual([]);
  });

  it('hostile README: nothing in the output can execute', () => {
    const r = renderUntrustedMarkdown(fixture('hostile.md'), { file: 'README.md' });
    expect(executable(r.html)).toEqual([]);
    expect(r.html).not.toMatch(/<script/i);
    expect(r.html).not.toMatch(/javascript:/i);
  });

  it('<script>alert(1)</script> is shown as text', () => {
    const r = renderUntrustedMarkdown('<script>alert(1)</script>');
    expect(r.html).toBe('<p>&#x3C;script>alert(1)&#x3C;/script></p>');
  });

  it('<img src=x onerror=alert(1)> inline is shown as text, or dropped with rawHtml: drop', () => {
    expect(renderUntrustedMarkdown('a <img src=x onerror=alert(1)> b').html).toBe('<p>a &#x3C;img src=x onerror=alert(1)> b</p>');
    expect(renderUntrustedMarkdown('a <img src=x onerror=alert(1)> b', { rawHtml: 'drop' }).html).toBe('<p>a  b</p>');
  });

  it('HTML comments are dropped (invisible on GitHub too)', () => {
    expect(renderUntrustedMarkdown('a\n\n<!-- BEGIN ATLAS -->\n\nb').html).toBe('<p>a</p>\n<p>b</p>');
  });

  it('[x](javascript:alert(1)) keeps its text, loses the link, and yields a finding with file and line', () => {
    const r = renderUntrustedMarkdown('# T\n\nsee [x](javascript:alert(1)) now', { file: 'docs/a.md', lineOffset: 4 });
    expect(r.html).toBe('<h1 id="t">T</h1>\n<p>see x now</p>');
    expect(r.findings).toEqual([
      expect.objectContaining({ code: 'UNSAFE_URL_REMOVED', severity: 'warning', source: { file: 'docs/a.md', line: 7, col: 5 } }),
    ]);
  });

  it('javascript:, data: and vbscript: are removed in links, images, autolinks and definitions, in any case or encoding', () => {
    const md = [
      '[a](JaVaScRiPt:alert(1))',
      '[b](&#106;avascript:alert(1))',
      '[c](&#x09;javascript:alert(1))',
      '![d](data:image/svg+xml,<svg/onload=alert(1)>)',
      '<vbscript:msgbox(1)>',
      '[e][r]',
      '![f][img]',
      '',
      '[r]: javascript:alert(2)',
      '[img]: data:text/html,<script>alert(3)</script>',
    ].join('\n');
    const r = renderUntrustedMarkdown(md);
    expect(executable(r.html)).toEqual([]);
    expect(r.html).not.toMatch(/href|src/);
    expect(r.findings.map((f) => f.code)).toEqual(Array(7).fill('UNSAFE_URL_REMOVED'));
  });

  it('keeps http, https, mailto and relative links', () => {
    const r = renderUntrustedMarkdown('[a](https://fluxcd.io/) [b](mailto:ops@example.org) [c](./x.md#y) [d](#top)');
    expect(r.html).toBe('<p><a href="https://fluxcd.io/">a</a> <a href="mailto:ops@example.org">b</a> <a href="./x.md#y">c</a> <a href="#top">d</a></p>');
  });

  it('{process.exit()} and import/export lines are plain text, not MDX', () => {
    const r = renderUntrustedMarkdown("import x from 'y'\n\nexport default {}\n\nHello {process.exit()}");
    expect(r.html).toBe("<p>import x from 'y'</p>\n<p>export default {}</p>\n<p>Hello {process.exit()}</p>");
  });

  it('a table-closing pipe sequence stays inside its cell as text', () => {
    const r = renderUntrustedMarkdown('| a |\n|---|\n| \\| </td></tr></table><script>alert(1)</script> |\n| ok |');
    expect(r.html).toContain('<td>| &#x3C;/td>&#x3C;/tr>&#x3C;/table>&#x3C;script>alert(1)&#x3C;/script></td>');
    expect(r.html.match(/<\/table>/g)).toHaveLength(1);
    expect(r.html).toContain('<td>ok</td>');
  });

  it('an unclosed code fence runs to the end as code, escaped', () => {
    const r = renderUntrustedMarkdown('before\n\n```sh\nkubectl get pods\n<script>alert(1)</script>\n\n# not a heading');
    expect(r.html).toBe('<p>before</p>\n<pre><code class="language-sh">kubectl get pods\n&#x3C;script>alert(1)&#x3C;/script>\n\n# not a heading\n</code></pre>');
    expect(r.headings).toEqual([]);
  });

  it('a marker lookalike inside a code fence reaches the page as text', () => {
    const r = renderUntrustedMarkdown('```md\n<!-- BEGIN ATLAS -->\n<!-- END ATLAS -->\n```');
    expect(r.html).toBe('<pre><code class="language-md">&#x3C;!-- BEGIN ATLAS -->\n&#x3C;!-- END ATLAS -->\n</code></pre>');
  });

  it('a hostile fence language cannot inject an attribute', () => {
    const r = renderUntrustedMarkdown('```"onmouseover="alert(1)\ncode\n```');
    expect(executable(r.html)).toEqual([]);
    expect(r.html).toBe('<pre><code>code\n</code></pre>');
  });

  it('headings get GitHub-style slugs, unique per page', () => {
    const r = renderUntrustedMarkdown('# Restore\n\n## Restore\n\n### `flux` <b>suspend</b> & resume');
    expect(r.headings).toEqual([
      { depth: 1, slug: 'restore', text: 'Restore' },
      { depth: 2, slug: 'restore-1', text: 'Restore' },
      { depth: 3, slug: 'flux-bsuspendb--resume', text: 'flux <b>suspend</b> & resume' },
    ]);
    expect(r.html).toContain('<h3 id="flux-bsuspendb--resume"><code>flux</code> &#x3C;b>suspend&#x3C;/b> &#x26; resume</h3>');
  });

  it('a link rewriter is applied, its findings and images collected, and an unsafe rewrite refused', () => {
    const seen: string[] = [];
    const r = renderUntrustedMarkdown('[a](./a.md) ![i](./i.png) [b](./b.md)\n\n[c](./c.md)', {
      file: 'docs/x.md',
      lineOffset: 2,
      linkRewriter: (url, ref) => {
        seen.push(`${ref.kind} ${url} ${ref.line}:${ref.col}`);
        if (url === './a.md') return { url: '/docs/a/' };
        if (url === './i.png') return { url: '/_atlas/docs/i.png', image: 'docs/i.png' };
        if (url === './b.md') return { url: 'javascript:alert(1)' };
        return { url: null, findings: [{ code: 'BROKEN_DOC_LINK', severity: 'warning', message: 'm', source: { file: 'docs/x.md', line: ref.line, col: ref.col } }] };
      },
    });
    expect(seen).toEqual(['link ./a.md 3:1', 'image ./i.png 3:13', 'link ./b.md 3:27', 'link ./c.md 5:1']);
    expect(r.html).toBe('<p><a href="/docs/a/">a</a> <img src="/_atlas/docs/i.png" alt="i"> b</p>\n<p>c</p>');
    expect(r.images).toEqual(['docs/i.png']);
    expect(r.findings.map((f) => `${f.code}@${f.source.line}`)).toEqual(['BROKEN_DOC_LINK@5']);
  });

  it('deeply nested or oversized input is shown as plain text, fast (bound: 200 ms each)', () => {
    const cases = [
      '>'.repeat(20_000) + ' deep',
      '- '.repeat(5_000) + 'x',
      '['.repeat(50_000) + '<script>x</script>' + ']'.repeat(50_000),
      'a'.repeat(DEFAULT_MAX_LENGTH + 1),
    ];
    for (const md of cases) {
      const start = performance.now();
      const r = renderUntrustedMarkdown(md, { file: 'ROADMAP.md' });
      expect(performance.now() - start).toBeLessThan(200);
      expect(r.html.startsWith('<pre>')).toBe(true);
      expect(executable(r.html)).toEqual([]);
      expect(r.findings).toEqual([expect.objectContaining({ code: 'MARKDOWN_NOT_RENDERED', source: { file: 'ROADMAP.md', line: 1, col: 1 } })]);
    }
  });

  it('moderate nesting still renders as Markdown', () => {
    const r = renderUntrustedMarkdown('> '.repeat(50) + 'quoted [[link]](./x.md)');
    expect(r.findings).toEqual([]);
    expect(r.html.match(/<blockquote>/g)).toHaveLength(50);
  });

  it('a document at the size cap renders within the stated bound (15 s)', () => {
    const unit = '## Step\n\nRun `flux suspend` then see [the app](./app.md).\n\n- one\n- two\n\n';
    const md = unit.repeat(Math.floor(DEFAULT_MAX_LENGTH / unit.length));
    const start = performance.now();
    const r = renderUntrustedMarkdown(md);
    expect(performance.now() - start).toBeLessThan(15_000);
    expect(r.findings).toEqual([]);
    expect(r.headings.length).toBe(Math.floor(DEFAULT_MAX_LENGTH / unit.length));
  }, 20_000);

  it('never throws and never emits executable HTML for arbitrary input', () => {
    const piece = fc.oneof(
      fc.constantFrom('<script>', '</script>', '<img src=x onerror=alert(1)>', 'javascript:', '[x](', ')', '![', '](', '<', '>',
        '"', "'", '`', '```', '\n', '|', '---', '{', '}', 'import ', '&#106;', '<!--', '-->', '[^1]', '[r]: ', 'data:', '\t', ' '),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }).map((p) => p.join('')), (md) => {
        const r = renderUntrustedMarkdown(md);
        expect(executable(r.html)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('leaves other text alone', () => {
    expect(escapeHtml('postgres16 {{ .Values.x }} ${DB_HOST} é')).toBe('postgres16 {{ .Values.x }} ${DB_HOST} é');
  });
});

describe('isSafeUrl', () => {
  it('accepts relative URLs and web schemes', () => {
    for (const url of ['', '#a', './x.md', '../a/b/', '/abs', '//cdn.example/x', 'https://a', 'HTTP://a', 'mailto:a@b', 'tel:+1']) {
      expect(isSafeUrl(url)).toBe(true);
    }
  });

  it('refuses scripting and embedding schemes, including whitespace tricks', () => {
    for (const url of ['javascript:x', ' JavaScript:x', 'java\tscript:x', 'java\nscript:x', '\u0001javascript:x', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd']) {
      expect(isSafeUrl(url)).toBe(false);
    }
  });
});
