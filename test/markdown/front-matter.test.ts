import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/markdown/front-matter.ts';

const FILE = 'docs/runbooks/restore.md';

describe('splitFrontMatter', () => {
  it('parses front matter and reports where the body starts', () => {
    const r = splitFrontMatter('---\ntitle: Restore\nsidebar:\n  order: 2\n---\n# Restore\n', FILE);
    expect(r).toEqual({ data: { title: 'Restore', sidebar: { order: 2 } }, body: '# Restore\n', bodyLine: 6, present: true, findings: [] });
  });

  it('no front matter: the whole text is the body', () => {
    expect(splitFrontMatter('# Title\n\n---\n\ntext', FILE)).toEqual({ data: {}, body: '# Title\n\n---\n\ntext', bodyLine: 1, present: false, findings: [] });
  });

  it('CRLF line endings, a BOM and the YAML `...` end marker are accepted', () => {
    const r = splitFrontMatter('\uFEFF---\r\ntitle: Windows\r\n...\r\nbody\r\n', FILE);
    expect(r.data).toEqual({ title: 'Windows' });
    expect(r.body).toBe('body\r\n');
    expect(r.bodyLine).toBe(4);
  });

  it('empty front matter gives no data and no finding', () => {
    expect(splitFrontMatter('---\n---\nbody', FILE)).toMatchObject({ data: {}, body: 'body', bodyLine: 3, findings: [] });
  });

  it('malformed front matter: a finding on the file line, the body kept', () => {
    const r = splitFrontMatter('---\ntitle: ok\ntags: [a, b\n---\n# Still rendered\n', FILE);
    expect(r.data).toEqual({});
    expect(r.body).toBe('# Still rendered\n');
    expect(r.present).toBe(true);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ code: 'FRONT_MATTER_INVALID', severity: 'warning', source: { file: FILE } });
    expect(r.findings[0]?.source.line).toBeGreaterThanOrEqual(3);
    expect(r.findings[0]?.message).not.toMatch(/at line \d+, column/);
  });

  it('a duplicate key is reported on its own line', () => {
    const r = splitFrontMatter('---\ntitle: a\ntitle: b\n---\nbody', FILE);
    expect(r.findings).toEqual([expect.objectContaining({ code: 'FRONT_MATTER_INVALID', source: expect.objectContaining({ line: 3 }) })]);
    expect(r.body).toBe('body');
  });

  it('a list or a scalar is not a map', () => {
    for (const yaml of ['- a\n- b', 'just a string']) {
      const r = splitFrontMatter(`---\n${yaml}\n---\nbody`, FILE);
      expect(r.findings.map((f) => f.code)).toEqual(['FRONT_MATTER_NOT_A_MAP']);
      expect(r.data).toEqual({});
      expect(r.body).toBe('body');
    }
  });

  it('an unclosed block is read as Markdown, with a warning', () => {
    const r = splitFrontMatter('---\ntitle: x\n\n# Heading', FILE);
    expect(r.present).toBe(false);
    expect(r.body).toBe('---\ntitle: x\n\n# Heading');
    expect(r.findings.map((f) => [f.code, f.source.line])).toEqual([['FRONT_MATTER_UNCLOSED', 1]]);
  });

  it('an alias bomb is refused without hanging', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    ].join('\n');
    const r = splitFrontMatter(`---\n${bomb}\n---\nbody`, FILE);
    expect(r.findings.map((f) => f.code)).toEqual(['FRONT_MATTER_INVALID']);
    expect(r.data).toEqual({});
    expect(r.body).toBe('body');
  });

  it('a tab-indented block and hostile strings stay data, never code', () => {
    const r = splitFrontMatter('---\ntitle: "<script>alert(1)</script>"\ndescription: "{process.exit()}"\n---\n', FILE);
    expect(r.data).toEqual({ title: '<script>alert(1)</script>', description: '{process.exit()}' });
    const tabs = splitFrontMatter('---\ntitle: x\n\tbad: y\n---\nbody', FILE);
    expect(tabs.findings.map((f) => f.code)).toContain('FRONT_MATTER_INVALID');
    expect(tabs.body).toBe('body');
  });

  it('never throws, and the body is always a suffix of the text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom('---\n', '...\n', '\r\n', ': ', '- ', '&a ', '*a', '[', '{', '"', '\t', '\uFEFF'), fc.string({ maxLength: 6 })), { maxLength: 30 }),
        (parts) => {
          const text = parts.join('');
          const r = splitFrontMatter(text, FILE);
          expect(text.endsWith(r.body)).toBe(true);
          expect(r.bodyLine).toBeGreaterThanOrEqual(1);
          for (const f of r.findings) expect(f.source.line).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 500 },
    );
  });
});
