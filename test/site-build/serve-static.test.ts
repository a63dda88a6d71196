import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../scripts/serve-static.ts';

/**
 * The serving configuration of the Dockerfile's final stage, on loopback: the same server, a small
 * site shaped like Astro's directory output, and raw HTTP requests (so that `..` reaches the server
 * unnormalised, as an attacker would send it).
 */
interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

let dir: string;
let outside: string;
let root: StaticServer;
let based: StaticServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-serve-'));
  outside = mkdtempSync(join(tmpdir(), 'atlas-outside-'));
  writeFileSync(join(outside, 'secret.txt'), 'outside the root');
  mkdirSync(join(dir, 'apps/media/jellyfin'), { recursive: true });
  mkdirSync(join(dir, '_astro'));
  mkdirSync(join(dir, 'pagefind'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>home</title>');
  writeFileSync(join(dir, '404.html'), '<!doctype html><title>not found page</title>');
  writeFileSync(join(dir, 'apps/media/jellyfin/index.html'), '<!doctype html><title>jellyfin</title>');
  writeFileSync(join(dir, '_astro/page.abc123.js'), 'console.log(1)');
  writeFileSync(join(dir, '_astro/style.abc123.css'), 'body{}');
  writeFileSync(join(dir, 'graph.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, 'pagefind/pagefind-entry.json'), '{}');
  writeFileSync(join(dir, 'pagefind/en_1.pf_meta'), 'bytes');
  writeFileSync(join(dir, 'pagefind/wasm.unknown.pagefind'), 'bytes');
  symlinkSync(join(outside, 'secret.txt'), join(dir, 'escape.txt'));
  root = await startStaticServer({ root: dir });
  based = await startStaticServer({ root: dir, base: '/atlas/' });
});

afterAll(async () => {
  await root?.close();
  await based?.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('serve-static at the root', () => {
  it('listens on loopback on a random port', () => {
    expect(root.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(root.port).toBeGreaterThan(0);
  });

  it('serves index.html for / and for folders with a trailing slash', async () => {
    const home = await get(root.port, '/');
    expect(home.status).toBe(200);
    expect(home.body).toContain('<title>home</title>');
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    const app = await get(root.port, '/apps/media/jellyfin/');
    expect(app.status).toBe(200);
    expect(app.body).toContain('jellyfin');
  });

  it('redirects a folder without its trailing slash, keeping the query', async () => {
    const r = await get(root.port, '/apps/media/jellyfin?x=1');
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe('/apps/media/jellyfin/?x=1');
  });

  it('answers a missing page with 404.html and status 404', async () => {
    const r = await get(root.port, '/no/such/page/');
    expect(r.status).toBe(404);
    expect(r.body).toContain('not found page');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it.each([
    ['/../../etc/passwd'],
    ['/%2e%2e/%2e%2e/etc/passwd'],
    ['/apps/../../../../etc/passwd'],
    ['/..%2f..%2f..%2fetc%2fpasswd'],
    ['/escape.txt'],
  ])('never serves a file outside the root: %s', async (path) => {
    const r = await get(root.port, path);
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('root:');
    expect(r.body).not.toContain('outside the root');
  });

  it('rejects malformed escapes and NUL bytes with 400', async () => {
    expect((await get(root.port, '/%E0%A4%A')).status).toBe(400);
    expect((await get(root.port, '/index.html%00.js')).status).toBe(400);
  });

  it.each([
    ['/_astro/page.abc123.js', 'text/javascript; charset=utf-8'],
    ['/_astro/style.abc123.css', 'text/css; charset=utf-8'],
    ['/graph.svg', 'image/svg+xml'],
    ['/pagefind/pagefind-entry.json', 'application/json; charset=utf-8'],
    ['/pagefind/en_1.pf_meta', 'application/octet-stream'],
  ])('serves %s as %s with nosniff', async (path, type) => {
    const r = await get(root.port, path);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe(type);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('marks hashed assets immutable and pages no-cache', async () => {
    expect((await get(root.port, '/_astro/page.abc123.js')).headers['cache-control']).toContain('immutable');
    expect((await get(root.port, '/')).headers['cache-control']).toBe('no-cache');
  });

  it('answers a matching ETag with 304 and HEAD with headers only', async () => {
    const first = await get(root.port, '/');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    expect((await get(root.port, '/', { 'If-None-Match': etag })).status).toBe(304);
    const head = await get(root.port, '/', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(Number(head.headers['content-length'])).toBe(first.body.length);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get(root.port, '/', {}, 'POST')).status).toBe(405);
  });
});

describe('serve-static under a base path', () => {
  it('serves the site under /atlas/ and nothing outside it', async () => {
    expect(based.url).toMatch(/\/atlas\/$/);
    expect((await get(based.port, '/atlas/')).body).toContain('<title>home</title>');
    expect((await get(based.port, '/atlas/apps/media/jellyfin/')).status).toBe(200);
    expect((await get(based.port, '/atlas')).headers.location).toBe('/atlas/');
    expect((await get(based.port, '/atlas/apps')).headers.location).toBe('/atlas/apps/');
    expect((await get(based.port, '/')).status).toBe(404);
    expect((await get(based.port, '/atlasx/')).status).toBe(404);
    expect((await get(based.port, '/atlas/../../etc/passwd')).status).toBe(404);
  });
});
