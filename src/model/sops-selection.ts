/**
 * Which values SOPS encrypts in a file, from the file's own settings (its `sops:` metadata, or a
 * `.sops.yaml` creation rule): sops.go's `shouldBeEncrypted`, and Go's regular expressions read as
 * JavaScript ones. Pure; shared by the reader (which values of an encrypted file are plain by design)
 * and the secrets inventory (which creation rule a file was made under, what the /secrets/ page says
 * is encrypted). https://github.com/getsops/sops#encrypting-only-parts-of-a-file
 */

/** The settings that choose what SOPS encrypts; sops allows one of them a file. */
export interface SopsSelection {
  encryptedRegex?: string | null | undefined;
  encryptedSuffix?: string | null | undefined;
  unencryptedRegex?: string | null | undefined;
  unencryptedSuffix?: string | null | undefined;
  encryptedCommentRegex?: string | null | undefined;
  unencryptedCommentRegex?: string | null | undefined;
}

/** What sops writes into a file encrypted without any of them (sops.DefaultUnencryptedSuffix). */
export const DEFAULT_UNENCRYPTED_SUFFIX = '_unencrypted';

export type SelectionKind = 'encrypted_regex' | 'encrypted_suffix' | 'unencrypted_regex' | 'unencrypted_suffix' | 'encrypted_comment_regex' | 'unencrypted_comment_regex';

/**
 * The setting in effect, in the order sops applies them; with none set, sops's default
 * `unencrypted_suffix: _unencrypted` (what it writes into the file's metadata, and what it assumes
 * when reading a file whose metadata has none).
 */
export function selectionOf(s: SopsSelection): { kind: SelectionKind; value: string } {
  const set: [SelectionKind, string | null | undefined][] = [
    ['unencrypted_suffix', s.unencryptedSuffix],
    ['encrypted_suffix', s.encryptedSuffix],
    ['unencrypted_regex', s.unencryptedRegex],
    ['encrypted_regex', s.encryptedRegex],
    ['unencrypted_comment_regex', s.unencryptedCommentRegex],
    ['encrypted_comment_regex', s.encryptedCommentRegex],
  ];
  const on = set.filter((e): e is [SelectionKind, string] => typeof e[1] === 'string' && e[1] !== '');
  // (sops refuses a file with two; the last applied decides where one is written anyway.)
  const last = on.at(-1);
  return last ? { kind: last[0], value: last[1] } : { kind: 'unencrypted_suffix', value: DEFAULT_UNENCRYPTED_SUFFIX };
}

/**
 * Whether sops encrypts the value at `keys` (the mapping keys from the document's root down to it;
 * list positions add none), `comments` being the comment lines just before each of those keys
 * (one list a level, without the `#`). Each setting is tested against every key of the path, so a
 * parent `foo_unencrypted` leaves its whole subtree plain; regexes are unanchored, as Go's
 * `regexp.Match`. Null where a regex cannot be read here.
 */
export function sopsEncrypts(s: SopsSelection, keys: readonly string[], comments: readonly (readonly string[])[] = []): boolean | null {
  const { kind, value } = selectionOf(s);
  const re = kind.endsWith('regex') ? readGoRegExp(value) : null;
  if (kind.endsWith('regex') && re === null) return null;
  const anyKey = (test: (k: string) => boolean) => keys.some(test);
  const anyComment = () => comments.some((level) => level.some((c) => re!.test(c)));
  switch (kind) {
    case 'unencrypted_suffix':
      return !anyKey((k) => k.endsWith(value));
    case 'encrypted_suffix':
      return anyKey((k) => k.endsWith(value));
    case 'unencrypted_regex':
      return !anyKey((k) => re!.test(k));
    case 'encrypted_regex':
      return anyKey((k) => re!.test(k));
    case 'unencrypted_comment_regex':
      return !anyComment();
    case 'encrypted_comment_regex':
      return anyComment();
  }
}

/** `goRegExp`, or null where it cannot be read. */
export function readGoRegExp(pattern: string): RegExp | null {
  try {
    return goRegExp(pattern);
  } catch {
    return null;
  }
}

/**
 * A Go (RE2) regular expression as a JavaScript one. Go's inline flags hold from where they are
 * written to the end of their group (`((?i)(pass|key))`, Ramblurr/home-ops' encrypted_regex): each
 * becomes a modifier group `(?i:…)` up to there, reopened after each `|` of that group; `(?P<name>`
 * is `(?<name>`, `\A` and `\z` are `^` and `$`. Where the JavaScript engine has no modifier groups
 * (Node 22), flags on the whole pattern are the nearest reading. Throws a SyntaxError for what
 * neither reads.
 */
export function goRegExp(pattern: string): RegExp {
  const { source, flags } = translate(pattern);
  try {
    return new RegExp(source);
  } catch (error) {
    if (flags.size === 0 || [...flags].some((f) => f !== 'i' && f !== 's' && f !== 'm')) throw error;
    return new RegExp(translate(pattern, false).source, [...flags].join(''));
  }
}

/** The JavaScript source of a Go pattern, inline flags as modifier groups (or dropped, `modifiers` false, and returned). */
function translate(pattern: string, modifiers = true): { source: string; flags: Set<string> } {
  let out = '';
  const flags = new Set<string>();
  // Per open group: the modifier groups opened in it by inline flags, to close at its end or a `|`.
  const open: string[][] = [[]];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      out += next === 'A' ? '^' : next === 'z' ? '$' : c + next;
      i += 2;
      continue;
    }
    if (c === '[') {
      // A class as written: `]` first is a member, escapes are kept.
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      out += pattern.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const inline = c === '(' ? /^\(\?([imsU]*(?:-[imsU]*)?)\)/.exec(pattern.slice(i)) : null;
    if (inline) {
      const set = inline[1]!;
      if (set.includes('U')) throw new SyntaxError(`Go's ungreedy flag in ${pattern}`);
      for (const f of set.split('-')[0]!) flags.add(f);
      if (modifiers) {
        out += `(?${set}:`;
        open.at(-1)!.push(set);
      }
      i += inline[0].length;
      continue;
    }
    if (c === '(') {
      open.push([]);
      out += pattern.startsWith('(?P<', i) ? '(?<' : '(';
      i += pattern.startsWith('(?P<', i) ? 4 : 1;
      continue;
    }
    if (c === ')') {
      out += ')'.repeat(open.pop()?.length ?? 0) + ')';
      if (open.length === 0) open.push([]);
      i++;
      continue;
    }
    if (c === '|') {
      const active = open.at(-1)!;
      out += `${')'.repeat(active.length)}|${active.map((set) => `(?${set}:`).join('')}`;
      i++;
      continue;
    }
    out += c;
    i++;
  }
  out += ')'.repeat(open.at(-1)!.length);
  return { source: out, flags };
}
