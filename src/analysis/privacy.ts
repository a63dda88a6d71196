/**
 * Private addresses on a public site. A homelab repository is full of RFC 1918 addresses, internal
 * host names and NFS exports; published on GitHub Pages they draw a map of the owner's network.
 * `privacyCheck` finds them in the model (where a page could show them) when the configured site
 * URL is public; `maskPrivateText` is the mask the build applies to the written pages when
 * `maskPrivate` is set. Pure: strings in, strings and findings out.
 */
import { finding, sortFindings, type Finding } from '../model/finding.ts';
import type { RepoModel } from '../model/repo-model.ts';
import type { Source } from '../model/source.ts';

const PRIVATE_ADDRESS_ON_PUBLIC_SITE = 'PRIVATE_ADDRESS_ON_PUBLIC_SITE';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
/** 10/8, 172.16/12, 192.168/16, with an optional CIDR suffix; not part of a longer dotted number (versions). */
const PRIVATE_IP = new RegExp(
  `(?<![\\w.])(?:10\\.${OCTET}|172\\.(?:1[6-9]|2\\d|3[01])|192\\.168)\\.${OCTET}\\.${OCTET}(?:/\\d{1,2})?(?!\\.?\\d)(?![\\w-])`,
  'g',
);
/**
 * Names under suffixes that only resolve inside a network (RFC 6762 .local, RFC 8375 home.arpa, and the
 * common .lan/.internal/.localdomain/.intranet). Kubernetes' `cluster.local` is left out: it names
 * services every cluster has, is shown everywhere on the site, and says nothing about the network.
 */
const INTERNAL_HOST =
  /(?<![\w.@-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:local|lan|internal|localdomain|intranet|home\.arpa)(?![\w-]|\.[a-z0-9])/gi;
const CLUSTER_LOCAL = /(?:^|\.)cluster\.local$/i;

const IP_MASK = 'x.x.x.x';
const HOST_MASK = '‹internal host›';
const NFS_PATH_MASK = '‹nfs path›';

type PrivateKind = 'ip' | 'host' | 'nfs';
export interface PrivateAddress {
  kind: PrivateKind;
  /** The address as written (an IP, a host name, or `server:path` for an NFS export). */
  value: string;
  source: Source;
}

/** Private IPs and internal host names in one string, in order of appearance. */
export function addressesIn(text: string): Array<{ kind: 'ip' | 'host'; value: string }> {
  const hits: Array<{ kind: 'ip' | 'host'; value: string; at: number }> = [];
  for (const m of text.matchAll(PRIVATE_IP)) hits.push({ kind: 'ip', value: m[0], at: m.index });
  for (const m of text.matchAll(INTERNAL_HOST)) {
    if (!CLUSTER_LOCAL.test(m[0])) hits.push({ kind: 'host', value: m[0], at: m.index });
  }
  return hits.sort((a, b) => a.at - b.at).map(({ kind, value }) => ({ kind, value }));
}

/** A site URL whose host is itself private (a LAN-only site) needs no warning. */
export function isPublicSiteUrl(site: string | undefined): boolean {
  if (!site) return false;
  let host: string;
  try {
    host = new URL(site).hostname;
  } catch {
    return false;
  }
  if (host === 'localhost' || host === '127.0.0.1' || host === '[::1]') return false;
  return addressesIn(host).length === 0;
}

const isSource = (v: unknown): v is Source =>
  !!v && typeof v === 'object' && typeof (v as Source).file === 'string' && typeof (v as Source).line === 'number';

/** An NFS volume in values or a manifest: `{ type: nfs, server, path }` (app-template) or `nfs: { server, path }`. */
function nfsExport(key: string | undefined, obj: Record<string, unknown>): { server: string; path: string } | null {
  const { server, path } = obj;
  if (typeof server !== 'string' || typeof path !== 'string') return null;
  return obj.type === 'nfs' || key === 'nfs' ? { server, path } : null;
}

/**
 * Every private address anywhere in the model, located at the nearest enclosing object's source
 * (values carry no positions of their own, so a value found in a HelmRelease points at it).
 * `files` and `findings` are skipped: paths are not addresses, and findings quote what they find.
 */
export function findPrivateAddresses(model: RepoModel): PrivateAddress[] {
  const out = new Map<string, PrivateAddress>();
  const add = (kind: PrivateKind, value: string, source: Source) => {
    const key = `${source.file}\0${source.line}\0${kind}\0${value}`;
    if (!out.has(key)) out.set(key, { kind, value, source });
  };
  const seen = new Set<object>();
  const walk = (value: unknown, source: Source | null, key: string | undefined): void => {
    if (typeof value === 'string') {
      if (source) for (const hit of addressesIn(value)) add(hit.kind, hit.value, source);
      return;
    }
    if (!value || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) walk(item, source, key);
      return;
    }
    const obj = value as Record<string, unknown>;
    const here = isSource(obj.source) ? { file: obj.source.file, line: obj.source.line, col: obj.source.col ?? 1 } : source;
    const nfs = nfsExport(key, obj);
    if (nfs && here) add('nfs', `${nfs.server}:${nfs.path}`, here);
    for (const [k, v] of Object.entries(obj)) if (k !== 'source') walk(v, here, k);
  };
  for (const [k, v] of Object.entries(model)) if (k !== 'files' && k !== 'findings') walk(v, null, k);
  return [...out.values()].sort(
    (a, b) => a.source.file.localeCompare(b.source.file) || a.source.line - b.source.line || a.value.localeCompare(b.value),
  );
}

/** NFS export paths in the model, longest first, for `maskPrivateText`. */
export function nfsPaths(addresses: readonly PrivateAddress[]): string[] {
  const paths = addresses.filter((a) => a.kind === 'nfs').map((a) => a.value.slice(a.value.indexOf(':') + 1));
  return [...new Set(paths.filter((p) => p.length > 1))].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

/**
 * One warning per location when the site is public and not masked: `file:line` plus what a page
 * would show there. With `maskPrivate` the pages are masked, so there is nothing to warn about.
 */
export function privacyCheck(model: RepoModel, options: { site: string | undefined; maskPrivate: boolean }): Finding[] {
  if (options.maskPrivate || !isPublicSiteUrl(options.site)) return [];
  const byPlace = new Map<string, PrivateAddress[]>();
  for (const a of findPrivateAddresses(model)) {
    const key = `${a.source.file}\0${a.source.line}`;
    byPlace.set(key, [...(byPlace.get(key) ?? []), a]);
  }
  const findings = [...byPlace.values()].map((list) => {
    const what = list.map((a) => (a.kind === 'nfs' ? `NFS export ${a.value}` : a.value)).join(', ');
    return finding(
      PRIVATE_ADDRESS_ON_PUBLIC_SITE,
      'warning',
      `The public site ${options.site} would show private addresses from here: ${what}. Set maskPrivate: true (or noindex, or a private URL) if that is not intended.`,
      list[0]!.source,
      { area: 'privacy' },
    );
  });
  return sortFindings(findings);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replace private IPs, internal host names and the given NFS paths in a text with masks. */
export function maskPrivateText(text: string, paths: readonly string[] = []): string {
  let out = text.replace(PRIVATE_IP, (ip) => {
    const [first, second] = ip.split('.');
    const cidr = ip.includes('/') ? ip.slice(ip.indexOf('/')) : '';
    // Keep the range (10/8, 172.16/12, 192.168/16) so that a reader still sees "a LAN address".
    return first === '10' ? `10.${IP_MASK.slice(2)}${cidr}` : `${first}.${second}.x.x${cidr}`;
  });
  out = out.replace(INTERNAL_HOST, (host) => (CLUSTER_LOCAL.test(host) ? host : HOST_MASK));
  for (const path of paths) {
    out = out.replace(new RegExp(`(?<![\\w/.-])${escapeRegExp(path)}(?![\\w.-])`, 'g'), NFS_PATH_MASK);
  }
  return out;
}

/** The mask over an HTML document: text and attribute values, but not inline scripts and styles. */
export function maskPrivateHtml(html: string, paths: readonly string[] = []): string {
  return html
    .split(/(<script\b[\s\S]*?<\/script>|<style\b[\s\S]*?<\/style>)/i)
    .map((part, i) => (i % 2 === 1 ? part : maskPrivateText(part, paths)))
    .join('');
}
