/**
 * Issue 22: YAML error messages quoted the offending text, so a Secret's value written as an
 * unknown tag (`password: !abc...`) or a malformed block scalar header (`password: |abc...`)
 * reached `check`, `scan --json`, pages and Astro's data store. A YAML finding names the code, the
 * position and a fixed description, never the document's text. (The same attacks run end to end
 * in canary-side-doors.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { readPatch } from '../../src/repo/build/patches.ts';
import { parseYamlText } from '../../src/repo/read-yaml.ts';

const CANARY = 'cnryYamlQ7x9Z';
const secret = (value: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: ${value}\n`;

const ATTACKS: [string, string][] = [
  ['an unknown tag written as the value', secret(`!${CANARY} x`)],
  ['a malformed block scalar header', secret(`|${CANARY}\n    x`)],
  ['a folded block scalar header with extra characters', secret(`>${CANARY}+\n    x`)],
  ['an unexpected token after the document', `${secret('x')}- ${CANARY}\n${CANARY}: "${CANARY}"\n`],
  ['an unknown directive', `%${CANARY} dir\n---\n${secret('x')}`],
  ['an invalid escape in a double-quoted value', secret(`"bad \\q ${CANARY}"`)],
  ['a plain value starting with a reserved character', secret(`@${CANARY}`)],
  ['an unclosed quote', secret(`'${CANARY}`)],
];

describe('YAML errors never quote the document', () => {
  for (const [attack, text] of ATTACKS) {
    it(`${attack}: a finding with code and line, and no document text`, () => {
      const { findings } = parseYamlText(text, { path: 'secret.yaml', kind: 'yaml' });
      const yaml = findings.filter((f) => f.area === 'yaml');
      expect(yaml.length, attack).toBeGreaterThan(0);
      for (const f of yaml) {
        expect(f.code).toMatch(/^YAML_/);
        expect(f.source.line).toBeGreaterThanOrEqual(1);
        expect(f.message).toMatch(/^YAML (error|note) \([A-Z_]+: /);
        expect(f.message).not.toContain(CANARY);
        expect(f.message.toLowerCase()).not.toContain(CANARY.toLowerCase().slice(4));
      }
    });
  }

  it('an unreadable kustomize patch is described by code, not by its text', () => {
    const { patch, error } = readPatch(`apiVersion: v1\nkind: Secret\nstringData:\n  token: !${CANARY} x\n  other: |${CANARY}\n`, null);
    expect(patch).toBeNull();
    expect(error).toMatch(/^YAML [A-Z_]+: /);
    expect(error).not.toContain(CANARY);
  });
});
