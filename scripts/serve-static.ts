#!/usr/bin/env node
/**
 * A tiny static file server for a built site, with no dependencies: the browser tests serve
 * artifacts/test-site with it on loopback, and the Dockerfile's final stage serves /site with it
 * (non-root, read-only root filesystem, port 8080). It does what a static host does for Astro's
 * directory-format output: index.html for folders, a redirect to the trailing slash, 404.html with
 * status 404, content types, ETags, and never a file outside the root (`/../../etc/passwd` is a 404).
 *
 *   node scripts/serve-static.ts DIR [--port 8080] [--host 0.0.0.0] [--base /atlas]
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, ReadStream, realpathSync, statSync, type Stats } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, posix, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

/** Content type by extension; unknown ones (Pagefind's .pf_* files included) are opaque bytes. */
export function contentType(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type Resolution =
  | { kind: 'file'; file: string; stat: Stats }
  | { kind: 'redirect'; location: string }
  | { kind: 'not-found' }
  | { kind: 'bad-request' };

const isInside = (root: string, path: string) => path === root || path.startsWith(root + sep);

/**
 * Characters a request path may not hold once decoded: C0 and C1 controls, DEL, and the Unicode
 * line and paragraph separators. Before this check, `/%0A/../apps` put a newline into the
 * Location header, `writeHead` threw ERR_INVALID_CHAR and the process (the container) exited.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** A path segment as it goes into a Location header: percent-encoded except the URL-safe characters. */
const encodeSegment = (s: string) => encodeURIComponent(s).replace(/%40/g, '@').replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%24/g, '$').replace(/%2B/g, '+');

/** `/a/b/` from segments: always one leading slash and a segment after it, never `//host`. */
const sitePath = (base: string, segments: readonly string[], slash: boolean) =>
  `${base === '/' ? '' : base}/${segments.map(encodeSegment).join('/')}${slash && segments.length > 0 ? '/' : ''}`;

/**
 * What a request path maps to. The path is decoded once, refused with 400 if it holds a control or
 * separator character, normalised as a URL path (so `..` cannot climb above `/`), joined to the
 * root, and the real path (symlinks followed) must still be inside it. A redirect goes to the
 * normalised path rebuilt from its segments, re-encoded: same origin, and no request byte verbatim.
 */
export function resolveRequest(root: string, base: string, rawPath: string): Resolution {
  let path: string;
  try {
    path = decodeURIComponent(rawPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return { kind: 'bad-request' };
  }
  if (FORBIDDEN.test(path) || !path.startsWith('/')) return { kind: 'bad-request' };
  if (base !== '/') {
    if (path === base) return { kind: 'redirect', location: `${base}/` };
    if (!path.startsWith(`${base}/`)) return { kind: 'not-found' };
    path = path.slice(base.length);
  }
  const segments = posix.normalize(path).split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
  const candidate = join(root, ...segments);
  let real: string;
  let stat: Stats;
  try {
    real = realpathSync(candidate);
    stat = statSync(real);
  } catch {
    return { kind: 'not-found' };
  }
  if (!isInside(root, real)) return { kind: 'not-found' };
  if (stat.isDirectory()) {
    if (!path.endsWith('/')) return { kind: 'redirect', location: sitePath(base, segments, true) };
    try {
      const index = realpathSync(join(real, 'index.html'));
      const indexStat = statSync(index);
      return isInside(root, index) && indexStat.isFile() ? { kind: 'file', file: index, stat: indexStat } : { kind: 'not-found' };
    } catch {
      return { kind: 'not-found' };
    }
  }
  return stat.isFile() ? { kind: 'file', file: real, stat } : { kind: 'not-found' };
}

/**
 * The Content-Security-Policy of the site's pages. What Starlight and Pagefind need, and why:
 * - script-src 'self' plus a sha256 hash of each inline script of THIS page: Starlight writes
 *   inline scripts (ThemeProvider, SidebarPersister, the search shortcut) and Astro may inline
 *   small module scripts. Hashes (computed per file, see pageScriptHashes) allow exactly those,
 *   so an injected `<script>` would not run even if an escape were ever missed: no 'unsafe-inline'.
 * - 'wasm-unsafe-eval': Pagefind compiles its search code with WebAssembly.instantiate, in the page
 *   and in its worker (pagefind/pagefind-worker.js, started with `new Worker`: worker-src falls back
 *   to script-src 'self'). A worker runs under the CSP of its own response, so every non-HTML
 *   answer carries this same policy (without hashes).
 * - connect-src 'self': Pagefind fetches its index chunks (pagefind/*.pf_*) from the same origin.
 * - style-src 'self' 'unsafe-inline': Starlight and Expressive Code use style attributes
 *   (`style="display: none"` on the search shortcut, graph widths, progress bars); CSS cannot run code.
 * - img-src 'self' data: https:: the repository's docs may show badges from other hosts.
 * - frame-ancestors 'none', object-src 'none', base-uri 'self': no framing, no plugins, no <base>.
 */
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * SVG files (the repository's own images among them) are documents that can run script when
 * opened directly: a sandbox with no script and no fetch. As an <img> an SVG never runs script.
 */
const SVG_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'";

const hashCache = new Map<string, { key: string; sources: string }>();
const MAX_HASHED_BYTES = 16 * 1024 * 1024;

/** `'sha256-…'` of every inline script of an HTML file, cached by path, size and mtime. */
export function pageScriptHashes(file: string, stat: Stats): string {
  const key = `${stat.size}:${stat.mtimeMs}`;
  const hit = hashCache.get(file);
  if (hit && hit.key === key) return hit.sources;
  let sources = '';
  if (stat.size <= MAX_HASHED_BYTES) {
    const html = readFileSync(file, 'utf8');
    const seen = new Set<string>();
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
      if (/\ssrc\s*=/i.test(m[1]!)) continue;
      // The browser hashes the element's text after the HTML parser turned CR LF into LF.
      seen.add(`'sha256-${createHash('sha256').update(m[2]!.replace(/\r\n?/g, '\n'), 'utf8').digest('base64')}'`);
    }
    sources = [...seen].sort().join(' ');
  }
  if (hashCache.size >= 4096) hashCache.delete(hashCache.keys().next().value!);
  hashCache.set(file, { key, sources });
  return sources;
}

function cspFor(file: string | null, stat: Stats | null): string {
  if (file && /\.svg$/i.test(file)) return SVG_CSP;
  if (file && stat && /\.html?$/i.test(file)) {
    const hashes = pageScriptHashes(file, stat);
    if (hashes) return PAGE_CSP.replace("script-src 'self'", `script-src 'self' ${hashes}`);
  }
  return PAGE_CSP;
}

/**
 * Every answer goes through here, so each one (301, 304, 400, 404, 405 and 500 included) carries
 * the same security headers. Header values are our constants or values we computed from the file
 * system: never request bytes. A file body is streamed; the headers go out only once the file is
 * open, so a file deleted since its stat is answered 404 instead of failing half-way.
 */
function respond(res: ServerResponse, status: number, headers: Record<string, string | number>, csp: string, body?: string | ReadStream): void {
  const all = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Content-Security-Policy': csp,
    ...headers,
  };
  if (body instanceof ReadStream) {
    body.once('error', () => {
      if (!res.headersSent) plain(res, 404, 'not found\n');
      else res.destroy();
    });
    body.once('open', () => {
      res.writeHead(status, all);
      body.pipe(res);
    });
    return;
  }
  res.writeHead(status, all);
  res.end(body);
}

const plain = (res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}) =>
  respond(res, status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra }, PAGE_CSP, text);

function send(req: IncomingMessage, res: ServerResponse, status: number, file: string, stat: Stats): void {
  const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const immutable = /[\\/]_astro[\\/]/.test(file);
  const headers: Record<string, string | number> = {
    'Content-Type': contentType(file),
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  const csp = cspFor(file, stat);
  if (status === 200) {
    headers.ETag = etag;
    if (req.headers['if-none-match'] === etag) {
      respond(res, 304, headers, csp);
      return;
    }
  }
  headers['Content-Length'] = stat.size;
  respond(res, status, headers, csp, req.method === 'HEAD' ? undefined : createReadStream(file));
}

/** The query of a redirected request, re-serialised (so it cannot carry raw bytes into Location). */
function safeQuery(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return '';
  const q = new URLSearchParams(url.slice(at + 1).split('#')[0]!).toString();
  return q ? `?${q}` : '';
}

function handler(root: string, base: string) {
  const notFoundPage = (): { file: string; stat: Stats } | null => {
    try {
      const file = join(root, '404.html');
      return { file, stat: statSync(file) };
    } catch {
      return null;
    }
  };
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      plain(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    const url = req.url ?? '/';
    const found = resolveRequest(root, base, url);
    if (found.kind === 'file') {
      send(req, res, 200, found.file, found.stat);
      return;
    }
    if (found.kind === 'redirect') {
      respond(res, 301, { Location: found.location + safeQuery(url), 'Cache-Control': 'no-cache' }, PAGE_CSP);
      return;
    }
    if (found.kind === 'bad-request') {
      plain(res, 400, 'bad request\n');
      return;
    }
    const page = notFoundPage();
    if (page) {
      send(req, res, 404, page.file, page.stat);
      return;
    }
    plain(res, 404, 'not found\n');
  };
  // The catch-all: whatever one request does, it gets a 500 and the server goes on serving.
  return (req: IncomingMessage, res: ServerResponse) => {
    try {
      handle(req, res);
    } catch (error) {
      logError(error);
      if (!res.headersSent) {
        try {
          plain(res, 500, 'internal error\n');
          return;
        } catch {
          // fall through: the socket is beyond repair
        }
      }
      res.destroy();
    }
  };
}

/** One escaped line on stderr: an error never prints request bytes raw to the container log. */
function logError(error: unknown): void {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  // eslint-disable-next-line no-control-regex
  process.stderr.write(`serve-static: ${text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`);
}

export interface StaticServerOptions {
  /** The built site (dist/). */
  root: string;
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Serve the site under this path, e.g. /atlas (as GitHub Pages serves a project site). */
  base?: string;
}

export interface StaticServer {
  /** e.g. http://127.0.0.1:41234/atlas/ */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const root = realpathSync(resolve(options.root));
  const trimmed = (options.base ?? '/').replace(/\/+$/, '');
  const base = trimmed === '' ? '/' : trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
  const host = options.host ?? '127.0.0.1';
  const server = createServer(handler(root, base));
  // A request Node's parser rejects (bad header, oversized head) gets a bare 400 and its socket
  // closed; it never reaches the handler and never becomes an 'error' that stops the server.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\nX-Content-Type-Options: nosniff\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => ok());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}${base === '/' ? '/' : `${base}/`}`,
    port,
    server,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    options: { port: { type: 'string', default: '8080' }, host: { type: 'string', default: '0.0.0.0' }, base: { type: 'string', default: '/' } },
    allowPositionals: true,
  });
  const running = await startStaticServer({ root: positionals[0] ?? 'dist', host: values.host, port: Number(values.port), base: values.base });
  process.stdout.write(`serving ${positionals[0] ?? 'dist'} at ${running.url}\n`);
  // The container's entrypoint: a bug in one request's path must not end the process for everyone.
  process.on('uncaughtException', logError);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void running.close().then(() => process.exit(0)));
}
