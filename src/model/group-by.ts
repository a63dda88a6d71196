/**
 * A model list grouped (or indexed) by a key, made once per list. An analysis that asks for one
 * app's, one file's or one claim's items would otherwise filter the whole list each time: apps x
 * objects, 1,000,000 steps at 1,000 apps, and again after every save in dev. Memoised on the list
 * and the key function, so a key function must be a module-level constant (an arrow written at the
 * call is a new function each time: correct, but indexed again on every call). The model's lists
 * are built once per scan and never changed afterwards; a new scan brings new lists.
 */
type Key<T> = (item: T) => string | null | undefined;

const GROUPS = new WeakMap<readonly object[], Map<Key<never>, ReadonlyMap<string, readonly object[]>>>();

/** The items of `list` by `key(item)`, each group in list order; items whose key is null are left out. */
export function groupBy<T extends object>(list: readonly T[], key: Key<T>): ReadonlyMap<string, readonly T[]> {
  let byKey = GROUPS.get(list);
  if (!byKey) GROUPS.set(list, (byKey = new Map()));
  const known = byKey.get(key as Key<never>);
  if (known) return known as ReadonlyMap<string, readonly T[]>;
  const groups = new Map<string, T[]>();
  for (const item of list) {
    const k = key(item);
    if (k === null || k === undefined) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  byKey.set(key as Key<never>, groups);
  return groups;
}

/** The first item of `list` with each key (ids are unique in the model; the first wins if not). */
export function indexBy<T extends object>(list: readonly T[], key: Key<T>): { get(k: string): T | undefined } {
  const groups = groupBy(list, key);
  return { get: (k) => groups.get(k)?.[0] };
}

const SUBSETS = new WeakMap<readonly object[], Map<(item: never) => boolean, readonly object[]>>();

/** The items of `list` that pass `test`, in list order, made once per list and test (a module-level function). */
export function subset<T extends object>(list: readonly T[], test: (item: T) => boolean): readonly T[] {
  let byTest = SUBSETS.get(list);
  if (!byTest) SUBSETS.set(list, (byTest = new Map()));
  let found = byTest.get(test as (item: never) => boolean);
  if (!found) byTest.set(test as (item: never) => boolean, (found = list.filter(test)));
  return found as readonly T[];
}

/** Keys used by more than one analysis. */
export const idOf = (o: { id: string }): string => o.id;
export const appIdOf = (o: { appId: string | null }): string | null => o.appId;
export const fileOf = (o: { source: { file: string } }): string => o.source.file;
export const ownerOf = (o: { owner: string | null }): string | null => o.owner;

const POSITIONS = new WeakMap<readonly object[], Map<object, number>>();

/** Where each item stands in `list`: to put items gathered through an index back in list order. */
export function positionIn<T extends object>(list: readonly T[]): { of(item: T): number } {
  let at = POSITIONS.get(list);
  if (!at) POSITIONS.set(list, (at = new Map(list.map((item, i) => [item, i]))));
  const known = at;
  return { of: (item) => known.get(item) ?? -1 };
}
