/**
 * Property: for any generated Secret document (random keys, random values, in data as base64 and
 * in stringData as text), no value reaches the model. Values shorter than 6 characters, or that
 * occur in the document's keys and names, may legitimately appear and are not checked.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Document } from 'yaml';
import { buildModel } from '../../src/repo/build/model.ts';
import { parseYamlText } from '../../src/repo/read-yaml.ts';
import { canaryForms } from './canary.ts';

const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,15}$/);
const value = fc.oneof(fc.string({ minLength: 6, maxLength: 40 }), fc.string({ minLength: 6, maxLength: 40, unit: 'grapheme' }));
const entries = fc.uniqueArray(fc.tuple(key, value), { minLength: 1, maxLength: 6, selector: ([k]) => k });

function secretYaml(name: string, data: [string, string][], stringData: [string, string][], type: string | null): string {
  const doc = new Document({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: 'default' },
    ...(type ? { type } : {}),
    data: Object.fromEntries(data.map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')])),
    stringData: Object.fromEntries(stringData),
  });
  return doc.toString();
}

function modelOf(file: string, text: string) {
  const read = parseYamlText(text, { path: file, kind: 'yaml' });
  return buildModel({ name: 'prop', files: [{ path: file, kind: 'yaml', size: text.length }], docs: read.docs, findings: read.findings });
}

describe('property: no Secret value reaches the model', () => {
  it('for random keys and values in data and stringData', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z][a-z0-9-]{2,20}$/),
        entries,
        entries,
        fc.constantFrom(null, 'Opaque', 'kubernetes.io/basic-auth'),
        (name, data, stringData, type) => {
          const text = secretYaml(name, data, stringData, type);
          const json = JSON.stringify(modelOf('kubernetes/apps/default/app/secret.yaml', text));
          const names = [name, ...data.map(([k]) => k), ...stringData.map(([k]) => k), 'default', 'Secret', 'Opaque', 'kubernetes.io/basic-auth', 'kubernetes/apps/default/app/secret.yaml'].join('\n');
          for (const [, v] of [...data, ...stringData]) {
            // `${VAR}`-only values are placeholders, kept by design; values hidden in our own words prove nothing.
            if (/^\s*(\$\{[A-Za-z_][A-Za-z0-9_]*\}\s*)+$/.test(v) || v.trim().length < 6 || names.includes(v)) continue;
            for (const form of canaryForms(v)) {
              if (form.length < 6 || names.includes(form) || '[redacted]'.includes(form)) continue;
              expect(json.includes(form), `value ${JSON.stringify(v)} as ${JSON.stringify(form)}`).toBe(false);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
