import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { renderAppReadme } from '../../src/lib/export/app-readme.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { AppFactsSchema } from '../../src/lib/site/app-facts-schema.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * A Flux Kustomization's retryInterval and decryption, wherever its settings are listed (the app page's
 * facts, which atlas.json carries, and the README export): outside review, thirty-third round, both
 * were left out. Decryption by its provider and the name of the Secret its secretRef names, never a key.
 */
describe("a Kustomization's retryInterval and decryption", () => {
  const repo = tempRepos(afterAll);

  it('are in the facts and under the README table, and absent where unset', async () => {
    const r = repo('readme-kustomization-settings');
    bootstrap(r);
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web', '  targetNamespace: web\n  retryInterval: 2m\n  decryption:\n    provider: sops\n    secretRef:\n      name: sops-age\n'));
    r.put('clusters/prod/blog.yaml', fluxKustomization('blog', './apps/blog', '  targetNamespace: blog\n'));
    for (const app of ['web', 'blog']) r.put(`apps/${app}/config.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${app}\ndata:\n  LOG_LEVEL: info\n`);
    const { model } = await scanRepo(r.root, parseConfig({}));
    const web = appFacts(model, 'web/web')!;
    expect(() => AppFactsSchema.parse(web)).not.toThrow();
    expect(web.deployment.map((d) => [d.name, d.retryInterval, d.decryption])).toEqual([['web', '2m', { provider: 'sops', secret: 'sops-age' }]]);
    const readme = renderAppReadme(web, { repoUrl: null });
    const table = readme.indexOf('| Kustomization | Path |');
    const line = readme.indexOf('Flux settings of Kustomization web: retryInterval 2m; decryption: sops, keys from Secret sops-age.');
    expect(table).toBeGreaterThan(0);
    expect(line).toBeGreaterThan(table);

    const blog = appFacts(model, 'blog/blog')!;
    expect(blog.deployment.map((d) => [d.retryInterval, d.decryption])).toEqual([[null, null]]);
    expect(renderAppReadme(blog, { repoUrl: null })).not.toContain('Flux settings of Kustomization');
  });
});
