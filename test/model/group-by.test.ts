import { describe, expect, it } from 'vitest';
import { appIdOf, groupBy, idOf, indexBy, positionIn } from '../../src/model/group-by.ts';

const objects = [
  { id: 'a', appId: 'media/plex' },
  { id: 'b', appId: null },
  { id: 'c', appId: 'storage/longhorn' },
  { id: 'd', appId: 'media/plex' },
  { id: 'a', appId: 'other/dup' },
];

describe('model lists grouped once per list', () => {
  it('groups keep list order and leave out items without a key', () => {
    const byApp = groupBy(objects, appIdOf);
    expect(byApp.get('media/plex')?.map((o) => o.id)).toEqual(['a', 'd']);
    expect(byApp.get('storage/longhorn')?.map((o) => o.id)).toEqual(['c']);
    expect([...byApp.keys()]).toEqual(['media/plex', 'storage/longhorn', 'other/dup']);
  });

  it('is made once per list and key function, and again for a new list (a new scan)', () => {
    expect(groupBy(objects, appIdOf)).toBe(groupBy(objects, appIdOf));
    expect(groupBy(objects, idOf)).not.toBe(groupBy(objects, appIdOf));
    const next = [...objects, { id: 'e', appId: 'media/plex' }];
    expect(groupBy(next, appIdOf).get('media/plex')?.map((o) => o.id)).toEqual(['a', 'd', 'e']);
  });

  it('indexBy answers like Array.find: the first item with the key', () => {
    const byId = indexBy(objects, idOf);
    expect(byId.get('a')).toBe(objects.find((o) => o.id === 'a'));
    expect(byId.get('zzz')).toBeUndefined();
  });

  it('positionIn puts items gathered through an index back in list order', () => {
    const at = positionIn(objects);
    const gathered = [objects[3]!, objects[0]!, objects[2]!];
    expect(gathered.sort((x, y) => at.of(x) - at.of(y)).map((o) => o.id)).toEqual(['a', 'c', 'd']);
    expect(at.of({ id: 'x', appId: null })).toBe(-1);
  });
});
