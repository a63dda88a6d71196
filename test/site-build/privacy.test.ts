import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  addressesIn,
  findPrivateAddresses,
  isPublicSiteUrl,
  maskPrivateHtml,
  maskPrivateText,
  nfsPaths,
  privacyCheck,
} from '../../src/analysis/privacy.ts';
import type { RepoModel } from '../../src/model/repo-model.ts';
import { buildExample } from './global-setup.ts';
import { listFiles } from './site-files.ts';

const src = (file: string, line: number) => ({ file, line, col: 1 });

/** Just enough of a model: the walker reads every field generically. */
const model = {
  files: [{ path: 'kubernetes/192.168.1.1.yaml', kind: 'yaml', size: 1 }],
  findings: [{ code: 'X', severity: 'info', message: 'saw 10.1.1.1', source: src('a.yaml', 1) }],
  helmReleases: [
    {
      id: 'HelmRelease/media/jellyfin',
      source: src('kubernetes/apps/media/jellyfin/app/helmrelease.yaml', 3),
      values: {
        service: { app: { annotations: { 'lbipam.cilium.io/ips': '192.168.20.70' } } },
        ingress: { app: { hosts: [{ host: 'jellyfin.home.arpa' }, { host: 'jellyfin.example.com' }] } },
        persistence: { media: { type: 'nfs', server: 'nas.lan', path: '/volume1/media' } },
        env: { DB: 'postgres.database.svc.cluster.local', VERSION: '10.10.7' },
      },
    },
  ],
  objects: [{ id: 'PersistentVolume//nfs', source: src('kubernetes/pv.yaml', 7), spec: { nfs: { server: '10.0.0.5', path: '/export/backup' } } }],
} as unknown as RepoModel;

describe('privacy: detection', () => {
  it('finds RFC 1918 addresses, internal host names and NFS exports with file and line', () => {
    const found = findPrivateAddresses(model).map((a) => `${a.source.file}:${a.source.line} ${a.kind} ${a.value}`);
    expect(found).toEqual([
      'kubernetes/apps/media/jellyfin/app/helmrelease.yaml:3 ip 192.168.20.70',
      'kubernetes/apps/media/jellyfin/app/helmrelease.yaml:3 host jellyfin.home.arpa',
      'kubernetes/apps/media/jellyfin/app/helmrelease.yaml:3 host nas.lan',
      'kubernetes/apps/media/jellyfin/app/helmrelease.yaml:3 nfs nas.lan:/volume1/media',
      'kubernetes/pv.yaml:7 ip 10.0.0.5',
      'kubernetes/pv.yaml:7 nfs 10.0.0.5:/export/backup',
    ]);
    expect(nfsPaths(findPrivateAddresses(model))).toEqual(['/export/backup', '/volume1/media']);
  });

  it('leaves public addresses, versions, cluster.local and non-private ranges alone', () => {
    expect(addressesIn('8.8.8.8 172.15.0.1 172.32.0.1 192.169.1.1 11.0.0.1 v10.1.2.3.4 image:10.10.7 a.svc.cluster.local example.com')).toEqual([]);
    expect(addressesIn('172.16.0.1 172.31.255.255 10.0.0.0/8 x.internal y.localdomain z.local')).toEqual([
      { kind: 'ip', value: '172.16.0.1' },
      { kind: 'ip', value: '172.31.255.255' },
      { kind: 'ip', value: '10.0.0.0/8' },
      { kind: 'host', value: 'x.internal' },
      { kind: 'host', value: 'y.localdomain' },
      { kind: 'host', value: 'z.local' },
    ]);
  });

  it('warns only for a public site that is not masked', () => {
    const warn = privacyCheck(model, { site: 'https://me.github.io', maskPrivate: false });
    expect(warn.map((f) => [f.code, f.severity, `${f.source.file}:${f.source.line}`])).toEqual([
      ['PRIVATE_ADDRESS_ON_PUBLIC_SITE', 'warning', 'kubernetes/apps/media/jellyfin/app/helmrelease.yaml:3'],
      ['PRIVATE_ADDRESS_ON_PUBLIC_SITE', 'warning', 'kubernetes/pv.yaml:7'],
    ]);
    expect(warn[0]!.message).toContain('192.168.20.70');
    expect(warn[0]!.message).toContain('NFS export nas.lan:/volume1/media');
    expect(privacyCheck(model, { site: 'https://me.github.io', maskPrivate: true })).toEqual([]);
    expect(privacyCheck(model, { site: undefined, maskPrivate: false })).toEqual([]);
    expect(privacyCheck(model, { site: 'https://atlas.home.arpa', maskPrivate: false })).toEqual([]);
    expect(isPublicSiteUrl('http://192.168.1.5:8080')).toBe(false);
    expect(isPublicSiteUrl('not a url')).toBe(false);
  });
});

describe('privacy: masking', () => {
  it('masks addresses in text and attributes, keeps scripts, and keeps the range visible', () => {
    const html =
      '<p title="nas.home.arpa">NFS 192.168.20.10:/volume1/media/tv and 10.42.0.0/16</p><a href="http://grafana.lan/">g</a><script>const ip="10.1.2.3"</script>';
    expect(maskPrivateHtml(html, ['/volume1/media'])).toBe(
      '<p title="‹internal host›">NFS 192.168.x.x:‹nfs path›/tv and 10.x.x.x/16</p><a href="http://‹internal host›/">g</a><script>const ip="10.1.2.3"</script>',
    );
  });

  it('leaves no private IP behind in any text (property)', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const ip = fc.oneof(
      fc.tuple(octet, octet, octet).map(([a, b, c]) => `10.${a}.${b}.${c}`),
      fc.tuple(fc.integer({ min: 16, max: 31 }), octet, octet).map(([a, b, c]) => `172.${a}.${b}.${c}`),
      fc.tuple(octet, octet).map(([a, b]) => `192.168.${a}.${b}`),
    );
    const filler = fc.string({ maxLength: 8 }).map((s) => s.replace(/[\w.]/g, ' '));
    fc.assert(
      fc.property(fc.array(fc.tuple(filler, ip)), (parts) => {
        const text = parts.map(([f, a]) => `${f} ${a} `).join('');
        const masked = maskPrivateText(text);
        expect(addressesIn(masked)).toEqual([]);
        expect(maskPrivateText(masked)).toBe(masked);
      }),
    );
  });
});

describe('privacy: the build', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'atlas-privacy-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('warns with file:line for a public site, and masks pages and the search index with maskPrivate', async () => {
    const repo = join(tmp, 'homelab');
    cpSync('examples/homelab', repo, { recursive: true });
    const masked = join(process.cwd(), 'artifacts/test-site-masked');
    const warnings = join(process.cwd(), 'artifacts/test-site-public');
    const [warnLog] = await Promise.all([
      buildExample(warnings, ['--quiet', '--site', 'https://me.github.io'], repo),
      (async () => {
        const maskedRepo = join(tmp, 'homelab-masked');
        cpSync(repo, maskedRepo, { recursive: true });
        writeFileSync(join(maskedRepo, 'atlas.config.yaml'), 'site: https://me.github.io\nmaskPrivate: true\n');
        return buildExample(masked, ['--quiet'], maskedRepo);
      })(),
    ]);
    expect(warnLog).toMatch(/warning PRIVATE_ADDRESS_ON_PUBLIC_SITE kubernetes\/apps\/media\/jellyfin\/app\/helmrelease\.yaml:\d+: .*192\.168\.20\.10/);
    expect(warnLog).toContain('NFS export 192.168.20.10:/volume1/media');

    // The unmasked public build shows the NFS server; the masked one nowhere, not even in Pagefind's fragments.
    // Pages that show an address in the public build show its mask in the masked one.
    const shown = listFiles(warnings).filter((f) => f.endsWith('.html') && readFileSync(join(warnings, f), 'utf8').includes('192.168.20.'));
    expect(shown.length).toBeGreaterThan(0);
    // (The public build also lists PRIVATE_ADDRESS_ON_PUBLIC_SITE findings, with the addresses, on the
    // health and home pages; the masked build has no such findings, so those pages differ in content.)
    for (const f of shown) expect(readFileSync(join(masked, f), 'utf8'), f).not.toContain('192.168.20.');
    expect(shown.filter((f) => readFileSync(join(masked, f), 'utf8').includes('192.168.x.x')).length).toBeGreaterThan(0);
    const leaks: string[] = [];
    for (const f of listFiles(masked)) {
      let text = readFileSync(join(masked, f));
      if (f.endsWith('.pf_fragment')) text = gunzipSync(text);
      const s = text.toString('utf8');
      for (const needle of ['192.168.20.10', '192.168.20.70', '/volume1/media', '10.42.0.0']) if (s.includes(needle)) leaks.push(`${f}: ${needle}`);
    }
    expect(leaks).toEqual([]);
  });
});
