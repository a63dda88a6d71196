/**
 * cloneData copies what YAML documents hold before a build changes them: plain objects and arrays
 * are walked (own keys only, `__proto__` included, deep nesting without recursion), and what a tag
 * made (`!!timestamp` a Date, `!!set` a Set, `!!omap` a Map, `!!binary` bytes) is copied as it is,
 * not flattened into `{}`.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { cloneData } from '../../src/model/values.ts';

describe('cloneData', () => {
  it('copies plain data deeply, and tagged values as they are', () => {
    const doc = parseDocument('when: !!timestamp 2001-12-14\nset: !!set {a, b}\nomap: !!omap [{x: 1}]\nbin: !!binary aGk=\nlist: [{a: 1}, [2]]\n');
    const value = doc.toJS() as Record<string, unknown>;
    const copy = cloneData(value);
    expect(copy.list).toEqual(value.list);
    expect(copy.when).toBeInstanceOf(Date);
    expect((copy.when as Date).getTime()).toBe((value.when as Date).getTime());
    expect(copy.when).not.toBe(value.when);
    expect(copy.set).toEqual(new Set(['a', 'b']));
    expect(copy.omap).toEqual(new Map([['x', 1]]));
    expect([...(copy.bin as Uint8Array)]).toEqual([...Buffer.from('hi')]);
    expect(copy.list).not.toBe(value.list);
    expect((copy.list as unknown[])[0]).not.toBe((value.list as unknown[])[0]);
  });

  it('keeps a __proto__ key as data and survives deep nesting', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const copy = cloneData(value);
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    let deep: unknown = 'leaf';
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(() => cloneData(deep)).not.toThrow();
  });
});
