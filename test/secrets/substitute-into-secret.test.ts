/**
 * Issue 22: a postBuild variable substituted into a Secret after the scrub. The reader keeps a
 * Secret's `${VAR}` placeholders (they are templates); Flux substitution then filled them with a
 * ConfigMap's or an inline `substitute:` value, so the model held a Secret value. Now such a value
 * becomes the REDACTED marker; everything else is substituted as Flux does.
 */
import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../src/model/raw-doc.ts';
import { substituteTree, type Var } from '../../src/repo/build/substitute.ts';

const vars = new Map<string, Var>([
  ['FROM_CONFIGMAP', { value: 'cnry-cm-value', secret: false }],
  ['FROM_SECRET', { value: null, secret: true }],
  ['DOMAIN', { value: 'example.org', secret: false }],
]);

describe('postBuild substitution into a Secret', () => {
  it('a ConfigMap value substituted into a Secret data / stringData value is redacted, not written', () => {
    const doc = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'app-${DOMAIN}' },
      stringData: { PASSWORD: '${FROM_CONFIGMAP}', URL: 'https://${DOMAIN}/x', KEPT: '${FROM_SECRET}', nested: ['${FROM_CONFIGMAP}'] },
      data: { TOKEN: '${FROM_CONFIGMAP}' },
    };
    const unresolved = new Set<string>();
    substituteTree(doc, vars, unresolved);
    expect(doc.stringData).toEqual({ PASSWORD: REDACTED, URL: REDACTED, KEPT: '${FROM_SECRET}', nested: [REDACTED] });
    expect(doc.data).toEqual({ TOKEN: REDACTED });
    // Outside the values, substitution is as Flux does it.
    expect(doc.metadata.name).toBe('app-example.org');
    expect(JSON.stringify(doc)).not.toContain('cnry-cm-value');
  });

  it('a Secret inside a List is protected too; a ConfigMap is substituted', () => {
    const list = {
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'Secret', stringData: { A: '${FROM_CONFIGMAP}' } },
        { apiVersion: 'v1', kind: 'ConfigMap', data: { A: '${FROM_CONFIGMAP}' } },
      ],
    };
    substituteTree(list, vars, new Set());
    expect(list.items[0]!.stringData).toEqual({ A: REDACTED });
    expect(list.items[1]!.data).toEqual({ A: 'cnry-cm-value' });
  });
});
