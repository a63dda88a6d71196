import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.ts';
import { classifyFile } from '../../src/repo/file-kind.ts';
import { parseYamlText, readYamlFile } from '../../src/repo/read-yaml.ts';

const fixtures = fileURLToPath(new URL('../fixtures/bad-input/', import.meta.url));

function read(name: string) {
  return readYamlFile({ path: `bad-input/${name}`, abs: join(fixtures, name), kind: classifyFile(name) });
}

/** Every finding names the file and a line >= 1; returns [code, severity, line]. */
function located(findings: Finding[], file: string): [string, string, number][] {
  for (const f of findings) {
    expect(f.source.file).toBe(file);
    expect(f.source.line).toBeGreaterThanOrEqual(1);
    expect(f.source.col).toBeGreaterThanOrEqual(1);
  }
  return findings.map((f) => [f.code, f.severity, f.source.line]);
}

describe('bad-input fixtures: the read finishes and each problem is a located finding', () => {
  it.each([
    ['malformed-yaml-tabs.yaml', 6],
    ['malformed-yaml-unclosed-quote.yaml', 7],
    ['malformed-yaml-bad-indentation.yaml', 4],
    ['helm-template.yaml', 6],
  ])('%s: YAML_PARSE_ERROR at line %i, document skipped', async (name, line) => {
    const { docs, findings } = await read(name);
    expect(docs).toEqual([]);
    expect(located(findings, `bad-input/${name}`)).toEqual([['YAML_PARSE_ERROR', 'error', line]]);
  });

  it('invalid-utf8.yaml: reported at the line of the bad byte, the rest still read', async () => {
    const { docs, findings } = await read('invalid-utf8.yaml');
    expect(located(findings, 'bad-input/invalid-utf8.yaml')).toEqual([['ENCODING_INVALID_UTF8', 'warning', 6]]);
    expect(docs[0]?.value).toMatchObject({ metadata: { name: 'latin1' }, data: { city: 'M\uFFFDnchen' } });
  });

  it('utf16-bom.yaml: decoded, with an info finding', async () => {
    const { docs, findings } = await read('utf16-bom.yaml');
    expect(located(findings, 'bad-input/utf16-bom.yaml')).toEqual([['ENCODING_UTF16', 'info', 1]]);
    expect(docs[0]?.value).toMatchObject({ data: { greeting: 'h\u00e9llo' } });
  });

  it('binary-file.yaml: skipped as binary', async () => {
    const { docs, findings } = await read('binary-file.yaml');
    expect(docs).toEqual([]);
    expect(located(findings, 'bad-input/binary-file.yaml').map(([code]) => code)).toEqual(['BINARY_FILE']);
  });

  // Bound by design: toJS stops at maxAliasCount (1000) expansions, so 9^9 strings are never built.
  it('alias-bomb.yaml: YAML_ALIAS_LIMIT, document skipped', async () => {
    const { docs, findings } = await read('alias-bomb.yaml');
    expect(docs).toEqual([]);
    expect(located(findings, 'bad-input/alias-bomb.yaml')).toEqual([['YAML_ALIAS_LIMIT', 'error', 2]]);
  });

  it('duplicate-keys.yaml: a warning per duplicate, the last value wins', async () => {
    const { docs, findings } = await read('duplicate-keys.yaml');
    expect(located(findings, 'bad-input/duplicate-keys.yaml')).toEqual([
      ['YAML_DUPLICATE_KEY', 'warning', 6],
      ['YAML_DUPLICATE_KEY', 'warning', 9],
    ]);
    expect(docs[0]?.value).toMatchObject({ metadata: { name: 'duplicate-keys-wins' }, data: { LOG_LEVEL: 'debug' } });
    expect(docs[0]?.lines['metadata.name']).toBe(6);
  });

  it('list-document.yaml and scalar-document.yaml: kept as RawDocs for later steps to judge', async () => {
    const list = await read('list-document.yaml');
    expect(list.findings).toEqual([]);
    expect(Array.isArray(list.docs[0]?.value)).toBe(true);
    expect(list.docs[0]?.source.line).toBe(2);
    const scalar = await read('scalar-document.yaml');
    expect(scalar.findings).toEqual([]);
    expect(scalar.docs.map((d) => [d.value, d.source.line])).toEqual([['just a string where an object was expected', 1], [42, 3]]);
  });

  it('env-var-everywhere.yaml: ${VAR} kept as text, no finding', async () => {
    const { docs, findings } = await read('env-var-everywhere.yaml');
    expect(findings).toEqual([]);
    expect(docs[0]?.value).toMatchObject({ metadata: { name: '${APP}' }, data: { password: '${DB_PASSWORD}' } });
  });

  it('empty-file.yaml: no documents, no findings', async () => {
    expect(await read('empty-file.yaml')).toEqual({ docs: [], findings: [] });
  });
});

describe('generated bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-bad-input-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // 10,000 levels: yaml's composer catches its own stack overflow, and our iterative depth check
  // refuses anything deeper than maxDepth (256) before any recursive step runs.
  it.each([
    ['flow sequences', `key: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`],
    ['flow mappings', `${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`],
    ['compact block sequences', `${'- '.repeat(10_000)}x\n`],
  ])('10,000-level nesting (%s): YAML_TOO_DEEP, no stack overflow', (_kind, text) => {
    const { docs, findings } = parseYamlText(text, { path: 'deep.yaml', kind: 'yaml' });
    expect(docs).toEqual([]);
    expect(located(findings, 'deep.yaml').map(([code]) => code)).toContain('YAML_TOO_DEEP');
  });

  it('nesting below the limit but above yaml\'s own stack budget still ends in a finding or a document', () => {
    const text = `${'- '.repeat(300)}x\n`;
    const { docs, findings } = parseYamlText(text, { path: 'deep300.yaml', kind: 'yaml' });
    expect(docs.length + findings.length).toBeGreaterThan(0);
    expect(located(findings, 'deep300.yaml').every(([code]) => code === 'YAML_TOO_DEEP')).toBe(true);
  });

  // Bound by design: the size is checked with fstat on the open handle; none of the 50 MB is read.
  it('a 50 MB YAML file: FILE_TOO_LARGE without reading it', async () => {
    const abs = join(dir, 'huge.yaml');
    const line = 'key-0000000000: "some padding value to make the file large"\n';
    writeFileSync(abs, line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)));
    const { docs, findings } = await readYamlFile({ path: 'huge.yaml', abs, kind: 'yaml' });
    expect(docs).toEqual([]);
    expect(located(findings, 'huge.yaml')).toEqual([['FILE_TOO_LARGE', 'warning', 1]]);
  });

  it('a file over a configured smaller limit is also skipped', async () => {
    const abs = join(dir, 'small-limit.yaml');
    writeFileSync(abs, 'a: 1\n'.repeat(100));
    const { findings } = await readYamlFile({ path: 'small-limit.yaml', abs, kind: 'yaml' }, { maxBytes: 100 });
    expect(findings.map((f) => f.code)).toEqual(['FILE_TOO_LARGE']);
  });

  it('a Helm chart template with {{ }} at the top level: a parse error, not a crash', () => {
    const text = '{{- if .Values.enabled }}\napiVersion: v1\nkind: ConfigMap\n{{- end }}\n';
    const { docs, findings } = parseYamlText(text, { path: 'templates/cm.yaml', kind: 'yaml' });
    expect(docs).toEqual([]);
    expect(located(findings, 'templates/cm.yaml').map(([code]) => code)).toEqual(['YAML_PARSE_ERROR']);
  });

  it('one broken document does not hide the others', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\nkey:\n\tbad: tab\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: also-ok}\n';
    const { docs, findings } = parseYamlText(text, { path: 'multi.yaml', kind: 'yaml' });
    expect(docs.map((d) => (d.value as { metadata: { name: string } }).metadata.name)).toEqual(['ok', 'also-ok']);
    expect(located(findings, 'multi.yaml').map(([code]) => code)).toEqual(['YAML_PARSE_ERROR']);
  });
});
