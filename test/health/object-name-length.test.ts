/**
 * OBJECT_NAME_INVALID by length and by deployment: an object name is a DNS-1123 subdomain of at most
 * 253 characters (the API server checks the whole name, not 63-character labels), so a 100-character
 * name and a 253-character one are fine and a 254-character one is refused, the message giving its
 * length. An object no build applies (a folder no Kustomization reaches, a document commented out)
 * is not judged: it is never sent to the API server.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { objectNameFindings } from '../../src/analysis/health/object-name.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\ndata:\n  a: b\n`;

async function invalid(root: string) {
  const config = parseConfig({});
  const { model } = await scanRepo(root, config);
  return analyse(model, config).findings.filter((f) => f.code === 'OBJECT_NAME_INVALID');
}

describe('an object name by its length', () => {
  const repo = tempRepos(afterAll);

  it('is an error past 253 characters only, saying how long it is', async () => {
    const r = repo('object-name-length');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./hundred.yaml\n  - ./most.yaml\n  - ./over.yaml\n');
    r.put('apps/hundred.yaml', configMap(`cfg-${'a'.repeat(96)}`));
    r.put('apps/most.yaml', configMap(`cfg-${'b'.repeat(249)}`));
    r.put('apps/over.yaml', configMap(`cfg-${'c'.repeat(250)}`));
    const found = await invalid(r.root);
    expect(found.map((f) => `${f.severity} ${f.source.file}`)).toEqual(['error apps/over.yaml']);
    expect(found[0]!.message).toContain('is 254 characters long (at most 253)');
  });

  it('is not judged in a folder no build applies, nor in a document commented out', async () => {
    const r = repo('object-name-undeployed');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./good.yaml\n');
    // A live document, then an old one switched off by commenting it out.
    r.put('apps/good.yaml', `${configMap('good')}# ---\n${configMap('Old_Config').replace(/^/gm, '# ')}`);
    // An old copy, not listed by any kustomization.yaml nor reached by a Kustomization.
    r.put('archive/old/bad.yaml', configMap('Radarr_Config'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    expect(analyse(model, config).findings.filter((f) => f.code === 'OBJECT_NAME_INVALID')).toEqual([]);
    // (The check itself leaves them out, not only the report's filter of undeployed apps.)
    expect(objectNameFindings(model)).toEqual([]);
    // The same name where a build applies it is refused.
    r.put('apps/kustomization.yaml', 'resources:\n  - ./good.yaml\n  - ./bad.yaml\n');
    r.put('apps/bad.yaml', configMap('Radarr_Config'));
    expect((await invalid(r.root)).map((f) => f.source.file)).toEqual(['apps/bad.yaml']);
  });
});
