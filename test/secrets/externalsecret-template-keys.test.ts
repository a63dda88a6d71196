/**
 * The Secret an ExternalSecret writes has the keys of its template, not those of `spec.data`, where
 * `target.template.data` or `templateFrom` is set: with mergePolicy Replace (the default) only the
 * template's, with Merge both. An outside review found the app page, the secrets page and
 * SECRETS.md list no key for ExternalSecrets that fetch with dataFrom and name every key in the
 * template. Key names only: a template's value (which may hold a literal host or password) is never
 * read into the model.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { secretsInventory } from '../../src/analysis/secrets/inventory.ts';
import { parseConfig } from '../../src/config/load.ts';
import { renderAppReadme } from '../../src/lib/export/app-readme.ts';
import { renderSecretsMarkdown } from '../../src/lib/export/secrets-md.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const es = (name: string, target: string, rest: string) =>
  `apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: ${name}\nspec:\n  refreshInterval: 1h\n  secretStoreRef:\n    kind: ClusterSecretStore\n    name: vault\n  target:\n    name: ${name}\n${target}${rest}`;

const MARKERS = ['zebra-db.internal', 'static-quokka-42'];

const documents = [
  // Replace (the default): the template's keys only; data[] and dataFrom feed the template.
  es('replace', '    template:\n      data:\n        DATABASE_URL: "postgres://{{ .user }}:{{ .pass }}@zebra-db.internal:5432/app"\n        SIGNING_KEY: "{{ .signing }}"\n', '  data:\n    - secretKey: user\n      remoteRef: {key: db, property: user}\n  dataFrom:\n    - extract: {key: app}\n'),
  // Merge: the fetched keys stay beside the template's; dataFrom's names are the store's.
  es('merge', '    template:\n      mergePolicy: Merge\n      data:\n        MODE: "static-quokka-42"\n', '  data:\n    - secretKey: TOKEN\n      remoteRef: {key: api, property: token}\n  dataFrom:\n    - extract: {key: extra}\n'),
  // templateFrom: an item rendered as Values writes its key; a literal writes keys its text makes.
  es('from', '    template:\n      templateFrom:\n        - configMap:\n            name: templates\n            items:\n              - key: config.yaml\n        - literal: "{{ .name }}: {{ .value }}"\n        - target: Labels\n          configMap:\n            name: labels\n            items:\n              - key: team\n', '  data:\n    - secretKey: name\n      remoteRef: {key: x}\n'),
  // A template that writes no data (metadata only): the fetched keys, as without one.
  es('typed', '    template:\n      type: kubernetes.io/basic-auth\n', '  data:\n    - secretKey: username\n      remoteRef: {key: y}\n'),
].join('---\n');

describe("an ExternalSecret's Secret keys", () => {
  const repo = tempRepos(afterAll);

  it('are the template keys with Replace, the union with Merge, and say where unnamed ones come from', async () => {
    const r = repo('es-template-keys');
    bootstrap(r, 'home');
    r.put('clusters/home/web.yaml', fluxKustomization('web', './apps/web', '  targetNamespace: web\n'));
    r.put('apps/web/kustomization.yaml', 'resources:\n  - externalsecret.yaml\n');
    r.put('apps/web/externalsecret.yaml', documents);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const keys = Object.fromEntries(model.externalSecrets.map((e) => [e.name, [e.keys, e.unnamedKeysFrom]]));
    expect(keys).toEqual({
      replace: [['DATABASE_URL', 'SIGNING_KEY'], []],
      merge: [['TOKEN', 'MODE'], ['dataFrom']],
      from: [['config.yaml'], ['templateFrom']],
      typed: [['username'], []],
    });

    const { result } = secretsInventory(model, config);
    const md = renderSecretsMarkdown(result);
    expect(md).toContain('| DATABASE\\_URL, SIGNING\\_KEY |');
    expect(md).toContain("| TOKEN, MODE + the store's keys (dataFrom) |");
    const app = model.apps.find((a) => a.name === 'web')!;
    const facts = appFacts(model, app.id)!;
    expect(facts.secrets.externalSecrets.map((e) => e.keys)).toEqual([['config.yaml'], ['TOKEN', 'MODE'], ['DATABASE_URL', 'SIGNING_KEY'], ['username']]);
    expect(renderAppReadme(facts)).toContain('| ExternalSecret | replace | DATABASE\\_URL, SIGNING\\_KEY |');

    // Names only: no template value reaches the model, the inventory, the app facts or the pages.
    for (const out of [JSON.stringify(model), JSON.stringify(result), JSON.stringify(facts), md, renderAppReadme(facts)]) {
      for (const marker of MARKERS) expect(out).not.toContain(marker);
    }
  });
});
