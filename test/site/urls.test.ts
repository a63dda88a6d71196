import { describe, expect, it } from 'vitest';
import { appPath, appSlug, namespacePath, pinRepoUrl, sourceHref, sourceLabel, withBase } from '../../src/lib/site/urls.ts';
import { normalizeBase, readSiteEnv } from '../../src/lib/site/site-env.ts';

describe('site URLs', () => {
  it('follows the site map, with the cluster only where there are several', () => {
    expect(appPath({ id: 'media/plex' })).toBe('/apps/media/plex/');
    expect(appPath({ id: 'main/media/plex' })).toBe('/apps/main/media/plex/');
    expect(appSlug({ id: 'media/plex' })).toBe('media/plex');
    expect(namespacePath('media')).toBe('/namespaces/media/');
  });

  it('gives two apps of one name two pages (class 5: one page per app, always)', () => {
    // A live app and the second app of the same name (`-2`, or an archived copy) must not share a URL:
    // Astro keeps one page of two with the same route and only warns.
    const ids = ['media/plex', 'media/plex-2', 'media/plex-archived', 'main/media/plex', 'media/${APP}', 'media/~x'];
    const paths = ids.map((id) => appPath({ id }));
    expect(new Set(paths).size).toBe(ids.length);
  });

  it('adds the base once, with or without slashes, and leaves external URLs alone', () => {
    expect(withBase('/apps/', '/')).toBe('/apps/');
    expect(withBase('/apps/', '/home-ops')).toBe('/home-ops/apps/');
    expect(withBase('apps/', '/home-ops/')).toBe('/home-ops/apps/');
    expect(withBase('https://x.example/a', '/home-ops/')).toBe('https://x.example/a');
  });

  it('links a fact to repoUrl + file#Lline, or shows file:line', () => {
    const ref = { file: 'kubernetes/apps/media/plex app/ks.yaml', line: 12 };
    expect(sourceHref(ref, 'https://github.com/me/home-ops/blob/main')).toBe('https://github.com/me/home-ops/blob/main/kubernetes/apps/media/plex%20app/ks.yaml#L12');
    expect(sourceHref(ref, 'https://github.com/me/home-ops/blob/main/')).toBe('https://github.com/me/home-ops/blob/main/kubernetes/apps/media/plex%20app/ks.yaml#L12');
    expect(sourceHref(ref, undefined)).toBeNull();
    expect(sourceLabel(ref)).toBe('kubernetes/apps/media/plex app/ks.yaml:12');
  });

  it('pins source links to the commit where the forge URL shows a ref, else keeps the branch', () => {
    const sha = '0123456789abcdef0123456789abcdef01234567';
    expect(sourceHref({ file: 'a/ks.yaml', line: 12 }, pinRepoUrl('https://github.com/me/home-ops/blob/main/', sha))).toBe(`https://github.com/me/home-ops/blob/${sha}/a/ks.yaml#L12`);
    expect(pinRepoUrl('https://github.com/me/home-ops/tree/feature/x', sha)).toBe(`https://github.com/me/home-ops/tree/${sha}/`);
    expect(pinRepoUrl('https://gitlab.com/me/home-ops/-/blob/main/', sha)).toBe(`https://gitlab.com/me/home-ops/-/blob/${sha}/`);
    expect(pinRepoUrl('https://codeberg.org/me/home-ops/src/branch/main/', sha)).toBe(`https://codeberg.org/me/home-ops/src/commit/${sha}/`);
    // No commit (not a git work tree), or a URL whose ref cannot be told: the branch, as configured.
    expect(pinRepoUrl('https://github.com/me/home-ops/blob/main/', null)).toBe('https://github.com/me/home-ops/blob/main/');
    expect(pinRepoUrl('https://git.example.org/home-ops/', sha)).toBe('https://git.example.org/home-ops/');
    expect(pinRepoUrl(undefined, sha)).toBeUndefined();
  });

  it('reads the build environment with defaults under the project root', () => {
    const env = readSiteEnv('/proj', { ATLAS_BASE: 'docs/', ATLAS_CONFIG_JSON: '{"title":"Home"}' });
    expect(env).toMatchObject({ repo: '/proj/examples/homelab', out: '/proj/dist', base: 'docs/', overrides: { title: 'Home' } });
    expect(normalizeBase('docs/')).toBe('/docs');
    expect(normalizeBase('/')).toBe('/');
    expect(normalizeBase(undefined)).toBeUndefined();
  });
});
