import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'parse5';
import { startStaticServer, type StaticServer } from '../../scripts/serve-static.ts';
import { SITE_DIR } from './global-setup.ts';
import { htmlFiles } from './site-files.ts';

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

/** Inline scripts like Starlight's theme provider and an inlined Astro module (one with CR LF). */
const THEME = "window.theme = localStorage.getItem('starlight-theme');";
const MODULE = 'import "/_astro/page.abc123.js";\r\nconsole.log(2);';
const sha = (text: string) => `'sha256-${createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('base64')}'`;

/** Raw bytes on a socket: what no HTTP client library would send. Resolves with the status line. */
function raw(port: number, head: Buffer): Promise<string> {
  return new Promise((ok, fail) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(head));
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (c: string) => (text += c));
    socket.on('end', () => ok(text.split('\r\n')[0] ?? ''));
    socket.on('close', () => ok(text.split('\r\n')[0] ?? ''));
    socket.on('error', fail);
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
  writeFileSync(join(dir, 'index.html'), `<!doctype html><title>home</title><script>${THEME}</script><script type="module" src="/_astro/page.abc123.js"></script><script type="module">${MODULE}</script>`);
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

describe('one request never kills the server (issue 22)', () => {
  it('a newline before /../ (/%0A/../apps) is a 400, not a crash; the server answers afterwards', async () => {
    const r = await get(root.port, '/%0A/../apps');
    expect(r.status).toBe(400);
    expect(r.headers.location).toBeUndefined();
    expect((await get(root.port, '/')).status).toBe(200);
  });

  it.each([['/%E2%80%A8/../apps'], ['/%E2%80%A9/../apps'], ['/%C2%85/../apps'], ['/apps%0D%0ASet-Cookie:%20x=1/'], ['/%1B[31m/']])('a control or separator character (%s) is a 400 with the security headers', async (path) => {
    const r = await get(root.port, path);
    expect(r.status).toBe(400);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['set-cookie']).toBeUndefined();
  });

  it('fuzz: every byte 0x00-0xFF percent-encoded around /../, and the Unicode separators; the server lives', async () => {
    const bytes = Array.from({ length: 256 }, (_, b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`);
    const separators = ['%E2%80%A8', '%E2%80%A9', '%C2%85', '%E2%80%8E', '%EF%BB%BF'];
    const paths: string[] = [];
    for (const x of [...bytes, ...separators]) {
      paths.push(`/${x}/../apps`, `/apps/${x}/..`, `/..${x}/apps`, `/${x}${x}evil.example${x}..${x}apps`, `/apps${x}`, `/${x}`);
    }
    for (let i = 0; i < paths.length; i += 32) {
      const replies = await Promise.all(paths.slice(i, i + 32).map((p) => get(root.port, p).then((r) => [p, r] as const)));
      for (const [p, r] of replies) {
        expect([200, 301, 400, 404], p).toContain(r.status);
        expect(r.headers['x-content-type-options'], p).toBe('nosniff');
        const location = r.headers.location as string | undefined;
        if (location !== undefined) {
          // Same origin only: one slash, then a path segment; nothing a browser reads as a host.
          expect(location, p).toMatch(/^\/(?![/\\])/);
          expect(location, p).not.toMatch(/[\u0000-\u0020\u007f-\uffff\\]/);
        }
      }
    }
    expect((await get(root.port, '/')).status).toBe(200);
  }, 120_000);

  it('raw bytes the HTTP clients refuse to send (0x80-0xFF, a bare CR, a TAB in the path) are answered and survived', async () => {
    for (const b of [0x01, 0x09, 0x0d, 0x7f, 0x80, 0x85, 0xa0, 0xff]) {
      const head = Buffer.concat([Buffer.from('GET /'), Buffer.from([b]), Buffer.from('/../apps HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')]);
      expect(await raw(root.port, head)).toMatch(/^HTTP\/1\.1 (301|400|404) /);
    }
    expect((await get(root.port, '/')).status).toBe(200);
  });

  it('no open redirect: GET /%2F%2Fevil.example%2F..%2Fapps stays on this origin', async () => {
    const r = await get(root.port, '/%2F%2Fevil.example%2F..%2Fapps');
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe('/apps/');
    for (const p of ['//evil.example/../apps', '/%5C%5Cevil.example/..%2Fapps', '/%2F%2Fevil.example%2F..%2F..%2Fapps%2Fmedia%2Fjellyfin']) {
      const loc = (await get(root.port, p)).headers.location as string | undefined;
      if (loc !== undefined) expect(loc, p).toMatch(/^\/(?![/\\])/);
    }
  });

  it('the query of a redirect is re-encoded, never copied byte for byte', async () => {
    const r = await get(root.port, '/apps/media/jellyfin?next=//evil.example&q=%0d%0aX:1');
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe('/apps/media/jellyfin/?next=%2F%2Fevil.example&q=%0D%0AX%3A1');
    expect(r.headers.x).toBeUndefined();
  });

  it('a file that vanishes between stat and read is answered, and the server lives', async () => {
    writeFileSync(join(dir, 'gone.txt'), 'x');
    const r = get(root.port, '/gone.txt');
    rmSync(join(dir, 'gone.txt'));
    expect([200, 404]).toContain((await r).status);
    expect((await get(root.port, '/')).status).toBe(200);
  });
});

describe('security headers on every answer (issue 22)', () => {
  const CSP_PARTS = ["default-src 'self'", "'wasm-unsafe-eval'", "connect-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'"];

  it.each([
    ['200 page', '/', 'GET', 200],
    ['200 asset', '/_astro/page.abc123.js', 'GET', 200],
    ['301', '/apps', 'GET', 301],
    ['400', '/%00', 'GET', 400],
    ['404', '/nope', 'GET', 404],
    ['405', '/', 'POST', 405],
    ['HEAD', '/', 'HEAD', 200],
  ])('%s carries nosniff, Referrer-Policy, frame-ancestors and the CSP', async (_name, path, method, status) => {
    const r = await get(root.port, path, {}, method);
    expect(r.status).toBe(status);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['x-frame-options']).toBe('DENY');
    for (const part of CSP_PARTS) expect(r.headers['content-security-policy']).toContain(part);
  });

  it("a page's CSP allows exactly its own inline scripts by hash, never 'unsafe-inline' for scripts", async () => {
    const csp = (await get(root.port, '/')).headers['content-security-policy'] as string;
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src '))!;
    expect(scriptSrc.split(' ').sort()).toEqual(["'self'", "'wasm-unsafe-eval'", sha(THEME), sha(MODULE), 'script-src'].sort());
    const other = (await get(root.port, '/apps/media/jellyfin/')).headers['content-security-policy'] as string;
    expect(other).not.toContain('sha256-');
    expect(other).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });

  it('SVG files are sandboxed: no script even when opened directly', async () => {
    const csp = (await get(root.port, '/graph.svg')).headers['content-security-policy'] as string;
    expect(csp).toMatch(/^sandbox;/);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
  });
});

describe("the CSP of the built example site lets Starlight's inline scripts run", () => {
  /**
   * No browser is needed to know whether a script-src hash matches: it is the sha256 of the
   * script element's text as an HTML parser sees it. parse5 (the spec-following parser that
   * Astro's rehype pipeline ships, pinned in package-lock.json) finds the scripts independently
   * of the server's own extraction; every one of them must be in the page's CSP.
   */
  it('every inline script of every page is allowed by hash', async () => {
    const site = await startStaticServer({ root: SITE_DIR });
    try {
      const missing: string[] = [];
      let scripts = 0;
      for (const page of htmlFiles(SITE_DIR)) {
        const inline: string[] = [];
        const walk = (node: { nodeName: string; attrs?: { name: string }[]; childNodes?: unknown[]; value?: string; content?: unknown }) => {
          if (node.nodeName === 'script' && !node.attrs?.some((a) => a.name === 'src')) inline.push(((node.childNodes ?? []) as { value?: string }[]).map((c) => c.value ?? '').join(''));
          for (const c of (node.childNodes ?? []) as (typeof node)[]) walk(c);
          if (node.content) walk(node.content as typeof node);
        };
        walk(parse(readFileSync(join(SITE_DIR, page), 'utf8')) as never);
        if (inline.length === 0) continue;
        const url = '/' + page.replace(/index\.html$/, '');
        const csp = (await get(site.port, url)).headers['content-security-policy'] as string;
        for (const text of inline) {
          scripts++;
          if (!csp.includes(sha(text))) missing.push(`${url}: ${text.slice(0, 40)}`);
        }
      }
      expect(scripts).toBeGreaterThan(100);
      expect(missing).toEqual([]);
    } finally {
      await site.close();
    }
  }, 120_000);
});
