/**
 * `at(value, 'a.b.0')`, the one path reader of values and specs (helm-release.ts had its own copy
 * that was stricter): a document's own keys only, and list indexes only as digits, so that a path
 * naming `constructor` or `length` reads nothing instead of Object's function or an array's size.
 */
import { describe, expect, it } from 'vitest';
import { at } from '../../src/model/values.ts';

describe('at', () => {
  const doc = { spec: { values: { persistence: { config: { size: '1Gi' } }, hosts: ['a.example', 'b.example'] } } };
  it('reads keys and list indexes', () => {
    expect(at(doc, 'spec.values.persistence.config.size')).toBe('1Gi');
    expect(at(doc, 'spec.values.hosts.1')).toBe('b.example');
    expect(at(doc, 'spec.values.missing.deeper')).toBeUndefined();
  });
  it('reads no inherited property and no array property', () => {
    expect(at(doc, 'spec.constructor')).toBeUndefined();
    expect(at(doc, 'spec.values.toString')).toBeUndefined();
    expect(at(doc, 'spec.values.hosts.length')).toBeUndefined();
    expect(at(doc, 'spec.values.hosts.1e0')).toBeUndefined();
  });
});
