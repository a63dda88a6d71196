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
import { createReadStream, realpathSync, statSync, type Stats } from 'node:fs';
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
 * What a request path maps to. The path is decoded, normalised as a URL path (so `..` cannot climb
 * above `/`), joined to the root, and the real path (symlinks followed) must still be inside it.
 */
export function resolveRequest(root: string, base: string, rawPath: string): Resolution {
  let path: string;
  try {
    path = decodeURIComponent(rawPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return { kind: 'bad-request' };
  }
  if (path.includes('\0') || !path.startsWith('/')) return { kind: 'bad-request' };
  if (base !== '/') {
    if (path === base) return { kind: 'redirect', location: `${base}/` };
    if (!path.startsWith(`${base}/`)) return { kind: 'not-found' };
    path = path.slice(base.length);
  }
  const normal = posix.normalize(path);
  const candidate = join(root, ...normal.split('/').filter(Boolean));
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
    if (!path.endsWith('/')) return { kind: 'redirect', location: `${base === '/' ? '' : base}${path}/` };
    return resolveRequest(root, base, `${base === '/' ? '' : base}${path}index.html`);
  }
  return stat.isFile() ? { kind: 'file', file: real, stat } : { kind: 'not-found' };
}

function send(req: IncomingMessage, res: ServerResponse, status: number, file: string, stat: Stats): void {
  const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const immutable = /[\\/]_astro[\\/]/.test(file);
  res.setHeader('Content-Type', contentType(file));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (status === 200) {
    res.setHeader('ETag', etag);
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304).end();
      return;
    }
  }
  res.setHeader('Content-Length', stat.size);
  res.writeHead(status);
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
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
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
      return;
    }
    const found = resolveRequest(root, base, req.url ?? '/');
    if (found.kind === 'file') return send(req, res, 200, found.file, found.stat);
    if (found.kind === 'redirect') {
      const query = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?')) : '';
      res.writeHead(301, { Location: found.location + query }).end();
      return;
    }
    if (found.kind === 'bad-request') {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('bad request\n');
      return;
    }
    const page = notFoundPage();
    if (page) return send(req, res, 404, page.file, page.stat);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
  };
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
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void running.close().then(() => process.exit(0)));
}
