/**
 * The /secrets/ rotation table's "Last commit" column was "–" on every site: no caller passed the
 * dates. The site's Atlas reads each SOPS file's last commit date now (computeAtlas secretDates);
 * scan and check do not, nor SECRETS.md (a committed one would be out of date with the commit
 * that changes a SOPS file, so the export has no such column).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { renderSecretsMarkdown } from '../../src/lib/export/secrets-md.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { gitWorkTree, hasGit } from '../support/git-repo.ts';
import { fluxKustomization } from '../support/temp-repo.ts';

const top = mkdtempSync(join(tmpdir(), 'atlas-rotation-dates-'));
afterAll(() => rmSync(top, { recursive: true, force: true }));

const sops = (date: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: web\nstringData:\n  password: ENC[AES256_GCM,data:abc,iv:x,tag:y,type:str]\nsops:\n  age:\n    - recipient: age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq\n  lastmodified: "${date}"\n  mac: ENC[AES256_GCM,data:m,iv:x,tag:y,type:str]\n  version: 3.9.1\n`;

describe.skipIf(!hasGit)('the rotation table’s last commit dates', () => {
  it('are read for the site, each SOPS file’s own, and left out of scan and the SECRETS.md export', async () => {
    const { git, write, commit } = gitWorkTree(top);
    git(['init', '-q', '-b', 'main']);
    write('clusters/main/apps.yaml', fluxKustomization('apps', './apps'));
    write('apps/kustomization.yaml', 'resources:\n  - db.sops.yaml\n  - cache.sops.yaml\n');
    write('apps/db.sops.yaml', sops('2024-01-01T00:00:00Z'));
    write('apps/cache.sops.yaml', sops('2024-01-01T00:00:00Z').replace('name: db', 'name: cache'));
    commit('first', '2024-01-02T10:00:00Z');
    write('apps/cache.sops.yaml', sops('2024-06-01T00:00:00Z').replace('name: db', 'name: cache'));
    commit('rotate cache', '2024-06-02T10:00:00Z');
    const config = parseConfig({});
    const site = await computeAtlas(top, config, { secretDates: true });
    const dates = Object.fromEntries(site.analysis.secrets.rotation.map((r) => [r.file, r.gitChanged?.slice(0, 10)]));
    expect(dates).toEqual({ 'apps/db.sops.yaml': '2024-01-02', 'apps/cache.sops.yaml': '2024-06-02' });
    const scan = await computeAtlas(top, config);
    expect(scan.analysis.secrets.rotation.map((r) => r.gitChanged)).toEqual([null, null]);
    const md = renderSecretsMarkdown(site.analysis.secrets);
    expect(md).not.toContain('2024-06-02');
    expect(md).not.toContain('Last commit');
  });
});
