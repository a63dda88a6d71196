import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ATLAS_BEGIN, ATLAS_END, checkMarkers, mergeGenerated, stripGenerated } from '../../src/markdown/markers.ts';
import { scanMarkers } from '../../src/markdown/marker-scan.ts';

const dir = new URL('../fixtures/markdown/markers/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, dir), 'utf8');

const GENERATED = [
  '## Deployment',
  '',
  '| Kustomization | Path |',
  '|---|---|',
  '| cloudnative-pg | ./kubernetes/apps/database/cloudnative-pg/app |',
  '',
  '```sh',
  'flux suspend kustomization cloudnative-pg -n flux-system',
  '```',
].join('\n');

describe('mergeGenerated', () => {
  it('no file: creates a README with the title and the block', () => {
    const r = mergeGenerated(null, GENERATED, 'kubernetes/apps/database/cloudnative-pg/README.md', { title: 'cloudnative-pg' });
    expect(r.changed).toBe(true);
    expect(r.findings).toEqual([]);
    expect(r.text).toBe(`# cloudnative-pg\n\n${ATLAS_BEGIN}\n${GENERATED}\n${ATLAS_END}\n`);
  });

  it('no markers: appends the block after the hand-written text, which stays a byte-exact prefix', () => {
    const existing = fixture('no-markers.md');
    const r = mergeGenerated(existing, GENERATED, 'apps/pg/README.md');
    expect(r.changed).toBe(true);
    expect(r.text).toBe(`${existing}\n${ATLAS_BEGIN}\n${GENERATED}\n${ATLAS_END}\n`);
  });

  it('no markers and no final newline: separates the block by one blank line', () => {
    const r = mergeGenerated('# x\n\nlast line', 'facts', 'README.md');
    expect(r.text).toBe(`# x\n\nlast line\n\n${ATLAS_BEGIN}\nfacts\n${ATLAS_END}\n`);
  });

  it('an unclosed fence on a last line ending in a lone CR: closed once, and a second merge changes nothing', () => {
    // Found by the idempotence property (fast-check seed 674544757): the CRLF appended after `~~~\r`
    // made the line `~~~\r\r`, which the scanner no longer read as a fence opener, so the closing
    // fence opened a new one and the next merge appended the block again.
    const existing = '\r\n~~~\r';
    const first = mergeGenerated(existing, '', 'README.md');
    expect(first.text!.startsWith(`${existing}\r\n~~~\r\n`)).toBe(true);
    expect(scanMarkers(first.text!).markers.map((m) => m.kind)).toEqual(['BEGIN', 'END']);
    const second = mergeGenerated(first.text, '', 'README.md');
    expect(second.text).toBe(first.text);
    expect(second.changed).toBe(false);
  });

  it('no markers in an empty file: the file becomes the block', () => {
    expect(mergeGenerated('', 'facts', 'README.md').text).toBe(`${ATLAS_BEGIN}\nfacts\n${ATLAS_END}\n`);
  });

  it('one marker (BEGIN only): left untouched with MARKERS_UNPAIRED on its line', () => {
    const r = mergeGenerated(fixture('one-marker.md'), GENERATED, 'apps/ha/README.md');
    expect(r.text).toBeNull();
    expect(r.changed).toBe(false);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({
      code: 'MARKERS_UNPAIRED',
      severity: 'error',
      source: { file: 'apps/ha/README.md', line: 5, col: 1 },
    });
    expect(r.findings[0]?.message).toContain(ATLAS_END);
  });

  it('one marker (END only): MARKERS_UNPAIRED names the missing BEGIN', () => {
    const r = mergeGenerated('# x\n\n  <!-- END ATLAS -->\n', GENERATED, 'README.md');
    expect(r.text).toBeNull();
    expect(r.findings[0]).toMatchObject({ code: 'MARKERS_UNPAIRED', source: { line: 3, col: 3 } });
    expect(r.findings[0]?.message).toContain(ATLAS_BEGIN);
  });

  it('reversed: END before BEGIN gives MARKERS_REVERSED on the END line', () => {
    const r = mergeGenerated(fixture('reversed.md'), GENERATED, 'apps/grafana/README.md');
    expect(r.text).toBeNull();
    expect(r.findings).toEqual([expect.objectContaining({ code: 'MARKERS_REVERSED', source: { file: 'apps/grafana/README.md', line: 3, col: 1 } })]);
  });

  it('duplicated: two blocks give MARKERS_DUPLICATED on the second BEGIN', () => {
    const r = mergeGenerated(fixture('duplicated.md'), GENERATED, 'apps/authelia/README.md');
    expect(r.text).toBeNull();
    expect(r.findings).toEqual([expect.objectContaining({ code: 'MARKERS_DUPLICATED', source: { file: 'apps/authelia/README.md', line: 9, col: 1 } })]);
  });

  it('duplicated: a nested BEGIN is reported where it repeats', () => {
    const r = mergeGenerated(`${ATLAS_BEGIN}\na\n${ATLAS_BEGIN}\nb\n${ATLAS_END}\n`, 'x', 'README.md');
    expect(r.text).toBeNull();
    expect(r.findings[0]).toMatchObject({ code: 'MARKERS_DUPLICATED', source: { line: 3 } });
  });

  it('CRLF line endings: the block is written with CRLF and nothing outside changes', () => {
    const existing = fixture('crlf-line-endings.md');
    expect(existing).toContain('\r\n');
    const r = mergeGenerated(existing, GENERATED, 'apps/paperless/README.md');
    const text = r.text as string;
    expect(text).not.toMatch(/[^\r]\n/);
    expect(text).toBe(
      `# paperless\r\n\r\nWritten on Windows.\r\n\r\n${ATLAS_BEGIN}\r\n${GENERATED.replace(/\n/g, '\r\n')}\r\n${ATLAS_END}\r\n\r\n## Notes\r\n\r\nKeep this.\r\n`,
    );
    expect(mergeGenerated(text, GENERATED, 'apps/paperless/README.md')).toEqual({ text, changed: false, findings: [] });
  });

  it('CRLF line endings: appending to a CRLF file without markers uses CRLF', () => {
    const r = mergeGenerated('# a\r\n\r\ntext\r\n', 'one\ntwo', 'README.md');
    expect(r.text).toBe(`# a\r\n\r\ntext\r\n\r\n${ATLAS_BEGIN}\r\none\r\ntwo\r\n${ATLAS_END}\r\n`);
  });

  it('CRLF line endings: the choice follows the text outside the block, so it is stable', () => {
    const existing = `# a\n\nb\n\n${ATLAS_BEGIN}\n${'old\r\n'.repeat(10)}${ATLAS_END}\n`;
    const r = mergeGenerated(existing, 'one\ntwo', 'README.md');
    expect(r.text).toBe(`# a\n\nb\n\n${ATLAS_BEGIN}\none\ntwo\n${ATLAS_END}\n`);
    expect(mergeGenerated(r.text, 'one\ntwo', 'README.md').changed).toBe(false);
  });

  it('idempotent: merging the same facts again changes nothing', () => {
    for (const start of [null, '', fixture('no-markers.md'), fixture('crlf-line-endings.md'), fixture('unclosed-fence.md')]) {
      const first = mergeGenerated(start, GENERATED, 'README.md', { title: 'x' });
      const second = mergeGenerated(first.text, GENERATED, 'README.md', { title: 'x' });
      expect(second).toEqual({ text: first.text, changed: false, findings: [] });
    }
  });

  it('text outside unchanged: odd marker spacing and surrounding bytes are kept exactly', () => {
    const before = '# pg\n\nIntro with trailing spaces   \n\n   <!--BEGIN ATLAS-->  \n';
    const after = '<!-- END ATLAS -->\n\n<details><summary>raw html of theirs</summary></details>\nno final newline';
    const r = mergeGenerated(`${before}stale facts\n${after}`, 'fresh facts', 'README.md');
    expect(r.text).toBe(`${before}fresh facts\n${after}`);
    expect(r.changed).toBe(true);
  });

  it('marker inside a fenced code block is not a marker: the block is appended after the sample', () => {
    const existing = fixture('marker-in-code-fence.md');
    expect(checkMarkers(existing, 'docs/export.md')).toEqual([]);
    const r = mergeGenerated(existing, 'facts', 'docs/export.md');
    expect(r.text).toBe(`${existing}\n${ATLAS_BEGIN}\nfacts\n${ATLAS_END}\n`);
  });

  it('unclosed code fence: the fence is closed before the appended block so the next run finds it', () => {
    const existing = fixture('unclosed-fence.md');
    const r = mergeGenerated(existing, 'facts', 'apps/mosquitto/README.md');
    expect(r.text).toBe(`${existing}\`\`\`\n\n${ATLAS_BEGIN}\nfacts\n${ATLAS_END}\n`);
  });

  it('generated text that looks like a marker is escaped and reported', () => {
    const hostile = `description from an annotation:\n${ATLAS_END}\n<script>alert(1)</script>`;
    const r = mergeGenerated('# app\n', hostile, 'apps/x/README.md');
    const text = r.text as string;
    expect(text).toBe(`# app\n\n${ATLAS_BEGIN}\ndescription from an annotation:\n&lt;!-- END ATLAS -->\n<script>alert(1)</script>\n${ATLAS_END}\n`);
    expect(r.findings).toEqual([expect.objectContaining({ code: 'GENERATED_MARKER_ESCAPED', source: { file: 'apps/x/README.md', line: 5, col: 1 } })]);
    expect(checkMarkers(text, 'apps/x/README.md')).toEqual([]);
    expect(mergeGenerated(text, hostile, 'apps/x/README.md').changed).toBe(false);
  });

  it('generated text with an unclosed fence is closed inside the block', () => {
    const r = mergeGenerated(null, '```sh\nflux reconcile ks app', 'README.md');
    expect(r.text).toBe(`${ATLAS_BEGIN}\n\`\`\`sh\nflux reconcile ks app\n\`\`\`\n${ATLAS_END}\n`);
    expect(mergeGenerated(r.text, '```sh\nflux reconcile ks app', 'README.md').changed).toBe(false);
  });
});

describe('stripGenerated', () => {
  it('removes the block and keeps the rest byte for byte', () => {
    const merged = mergeGenerated(fixture('no-markers.md'), GENERATED, 'README.md').text as string;
    expect(stripGenerated(merged)).toBe(`${fixture('no-markers.md')}\n`);
  });

  it('keeps CRLF text outside the block', () => {
    expect(stripGenerated(fixture('crlf-line-endings.md'))).toBe(
      '# paperless\r\n\r\nWritten on Windows.\r\n\r\n\r\n## Notes\r\n\r\nKeep this.\r\n',
    );
  });

  it('does not glue the paragraph above to the paragraph below', () => {
    expect(stripGenerated(`above\n${ATLAS_BEGIN}\nx\n${ATLAS_END}\nbelow\n`)).toBe('above\n\nbelow\n');
  });

  it('removes several well-formed blocks (hand-written runbooks)', () => {
    const text = `# Restore\n\n${ATLAS_BEGIN}\na\n${ATLAS_END}\n\nstep\n\n${ATLAS_BEGIN}\nb\n${ATLAS_END}\n`;
    expect(stripGenerated(text)).toBe('# Restore\n\n\nstep\n\n');
  });

  it('preserveLines keeps every later line on its original line number', () => {
    const text = fixture('crlf-line-endings.md');
    const stripped = stripGenerated(text, { preserveLines: true });
    expect(stripped.split('\n')).toHaveLength(text.split('\n').length);
    expect(stripped.split('\n')[8]).toBe('## Notes\r'); // line 9, as in the file
    expect(stripped).not.toContain('old');
  });

  it('leaves text with broken markers as it is', () => {
    for (const name of ['one-marker.md', 'reversed.md', 'duplicated.md', 'marker-in-code-fence.md']) {
      const text = fixture(name);
      if (name === 'duplicated.md') {
        // Two complete pairs are still unambiguous to strip; merging into them is not.
        expect(stripGenerated(text)).not.toContain('old facts');
      } else {
        expect(stripGenerated(text)).toBe(text);
      }
    }
  });
});
