/**
 * sops's choice of what to encrypt (sops.go shouldBeEncrypted) and Go's regular expressions read as
 * JavaScript ones: the reader and the secrets inventory judge a SOPS file by these.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goRegExp, readGoRegExp, sopsEncrypts } from '../../src/model/sops-selection.ts';

describe('Go regular expressions', () => {
  it('hold an inline flag to the end of its group, across that group’s alternatives only', () => {
    // Ramblurr/home-ops' encrypted_regex: `(?i)` inside the outer group.
    const ramblurr = goRegExp('((?i)(pass|secret($|[^N])|key|token|^data$|^stringData$|caBundle))');
    for (const k of ['PASSWORD', 'stringData', 'API_KEY', 'clientSecret', 'cabundle']) expect(ramblurr.test(k), k).toBe(true);
    for (const k of ['secretName', 'SECRETNAME', 'hostname', 'metadata']) expect(ramblurr.test(k), k).toBe(false);
    // `a(?i)b|c` is `ab` (b in any case) or `c` in any case; not `a` then `b|c`.
    const alt = goRegExp('^(a(?i)b|c)$');
    expect(['aB', 'C', 'c'].map((s) => alt.test(s))).toEqual([true, true, true]);
    expect(['AB', 'aC'].map((s) => alt.test(s))).toEqual([false, false]);
    expect(goRegExp('(?i)^web/.*\\.SOPS\\.YAML$').test('web/a.sops.yaml')).toBe(true);
    expect(goRegExp('(?P<name>x)\\z').exec('x')?.groups?.name).toBe('x');
    expect(readGoRegExp('(?U)a+')).toBeNull();
  });

  it('read as written where they have no Go-only syntax', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9_.^$|()[\]*+?-]{0,20}$/), (p) => {
        let js: RegExp | null = null;
        try {
          js = new RegExp(p);
        } catch {
          return;
        }
        expect(goRegExp(p).source).toBe(js.source);
      }),
    );
  });
});

describe('what sops encrypts', () => {
  const none = { encryptedRegex: null, encryptedSuffix: null, unencryptedRegex: null, unencryptedSuffix: null };

  it('by default, every value but those under a key ending in _unencrypted, a parent key included', () => {
    expect(sopsEncrypts(none, ['stringData', 'password'])).toBe(true);
    expect(sopsEncrypts(none, ['stringData', 'username_unencrypted'])).toBe(false);
    expect(sopsEncrypts(none, ['settings_unencrypted', 'url'])).toBe(false);
  });

  it('by an unanchored regex tested on every key of the path', () => {
    const regex = { ...none, encryptedRegex: 'data' };
    expect(sopsEncrypts(regex, ['metadata', 'name'])).toBe(true);
    expect(sopsEncrypts({ ...none, encryptedRegex: '^(data|stringData)$' }, ['stringData', 'anything'])).toBe(true);
    expect(sopsEncrypts({ ...none, encryptedRegex: '^(data|stringData)$' }, ['metadata', 'name'])).toBe(false);
    expect(sopsEncrypts({ ...none, unencryptedRegex: '^description$' }, ['stringData', 'description'])).toBe(false);
    expect(sopsEncrypts({ ...none, encryptedSuffix: '_secret' }, ['stringData', 'hostname'])).toBe(false);
    expect(sopsEncrypts({ ...none, encryptedRegex: '(?U)x' }, ['x'])).toBeNull();
  });

  it('by the comments just before each key of the path', () => {
    const enc = { ...none, encryptedCommentRegex: 'sops:enc' };
    expect(sopsEncrypts(enc, ['stringData', 'password'], [[], [' sops:enc']])).toBe(true);
    expect(sopsEncrypts(enc, ['stringData', 'password'], [[' sops:enc'], []])).toBe(true);
    expect(sopsEncrypts(enc, ['stringData', 'username'], [[], []])).toBe(false);
    expect(sopsEncrypts({ ...none, unencryptedCommentRegex: 'sops:plain' }, ['stringData', 'username'], [[], [' sops:plain']])).toBe(false);
  });
});
