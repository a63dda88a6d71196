/**
 * The scan hands yaml's alias resolution a list of the document's anchors and aliases that it makes
 * itself (primeAliasResolution, src/repo/doc-index.ts), instead of letting toJS collect them with
 * yaml's `visit`. What every alias resolves to must stay yaml's answer: the anchor defined last
 * before the alias, in the order `visit` walks (each key before its value, items in order).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Alias, parseAllDocuments, type Document } from 'yaml';
import { primeAliasResolution } from '../../src/repo/doc-index.ts';
import { parseYamlText } from '../../src/repo/read-yaml.ts';

const OPTIONS = { uniqueKeys: false, merge: true, prettyErrors: false, strict: false } as const;

/** yaml's own values, and the values after priming, of every document of `text`. */
function both(text: string): { plain: unknown[]; primed: unknown[] } {
  const plain = parseAllDocuments(text, OPTIONS).map((d) => (d as Document).toJS());
  const primed = parseAllDocuments(text, OPTIONS).map((d) => {
    const doc = d as Document;
    if (doc.contents) primeAliasResolution(doc.contents as never);
    return doc.toJS();
  });
  return { plain, primed };
}

/** Anchors defined again: which definition an alias gets depends on the order of the walk. */
const REDEFINED = `
first: &x 1
second: *x
nested:
  inner: &x 2
  after: *x
list:
  - &x 3
  - *x
  - {k: &x 4, v: *x}
key-order:
  ? &x key-anchor
  : *x
last: *x
`;

/** app-template values as home-ops repositories write them, with a merge key. */
const APP_TEMPLATE = `
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: &app plex
spec:
  values:
    defaults: &defaults
      probes: {liveness: {enabled: true}, readiness: {enabled: true}}
    controllers:
      *app :
        containers:
          app:
            image: {repository: ghcr.io/home-operations/plex, tag: 1.41.0}
            env:
              TZ: &tz Europe/Berlin
              PLEX_ADVERTISE_URL: https://plex.example.com
            <<: *defaults
    service:
      app:
        controller: *app
        ports:
          http: {port: &port 32400}
    route:
      app:
        hostnames: ["{{ .Release.Name }}.example.com"]
        rules: [{backendRefs: [{name: *app, port: *port}]}]
    persistence:
      config: {existingClaim: *app}
    timezone: *tz
`;

describe('primeAliasResolution', () => {
  it('resolves every alias to the anchor yaml itself picks, anchors defined again included', () => {
    const { plain, primed } = both(REDEFINED);
    expect(primed).toEqual(plain);
    // What yaml says, spelled out, so a change of yaml's rule shows here too.
    expect(primed[0]).toEqual({
      first: 1,
      second: 1,
      nested: { inner: 2, after: 2 },
      list: [3, 3, { k: 4, v: 4 }],
      'key-order': { 'key-anchor': 'key-anchor' },
      last: 'key-anchor',
    });
  });

  it('gives app-template values (aliases as keys, merge keys) the same values as yaml', () => {
    const { plain, primed } = both(APP_TEMPLATE);
    expect(primed).toEqual(plain);
    const values = (primed[0] as { spec: { values: Record<string, Record<string, unknown>> } }).spec.values;
    expect(values.controllers).toHaveProperty(['plex', 'containers', 'app', 'probes', 'liveness', 'enabled'], true);
    expect(values.route).toEqual({ app: { hostnames: ['{{ .Release.Name }}.example.com'], rules: [{ backendRefs: [{ name: 'plex', port: 32400 }] }] } });
  });

  it('hands toJS the list through the context yaml keeps it in', () => {
    const doc = parseAllDocuments(APP_TEMPLATE, OPTIONS)[0] as Document;
    primeAliasResolution(doc.contents as never);
    // The list toJS resolves with is ours: every anchor and alias, in the document's order (that the
    // prototype's resolve, which would walk the document, is never reached is the next test's).
    const alias = doc.getIn(['spec', 'values', 'timezone'], true) as Alias;
    const primed = alias.resolve;
    let list: unknown[] | undefined;
    Object.defineProperty(alias, 'resolve', {
      value(this: Alias, d: Parameters<Alias['resolve']>[0], ctx?: Parameters<Alias['resolve']>[1]) {
        const found = primed.call(this, d, ctx);
        list = ctx?.aliasResolveCache;
        return found;
      },
    });
    doc.toJS();
    expect(list?.length).toBe(11); // 4 anchors and 7 aliases
    expect(list?.at(-1)).toBe(alias);
  });

  it('is what the scan does, and keeps its scrub: a credential behind an alias is still wiped', () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata: {name: app}
data:
  DB_PASSWORD: &pw hunter2-hunter2
  OTHER_PASSWORD: *pw
  name: &n plain
  copy: *n
`;
    // The scan primes each document with aliases: yaml's resolve on the prototype (which would list
    // the nodes with visit) is never reached.
    let unprimed = 0;
    const own = Alias.prototype.resolve;
    Alias.prototype.resolve = function (this: Alias, d, ctx) {
      unprimed++;
      return own.call(this, d, ctx);
    };
    let docs: ReturnType<typeof parseYamlText>['docs'];
    try {
      docs = parseYamlText(text, { path: 'cm.yaml', kind: 'yaml' }).docs;
      parseYamlText(APP_TEMPLATE, { path: 'helmrelease.yaml', kind: 'yaml' });
    } finally {
      Alias.prototype.resolve = own;
    }
    expect(unprimed).toBe(0);
    const data = (docs[0]!.value as { data: Record<string, string> }).data;
    expect(JSON.stringify(docs)).not.toContain('hunter2');
    expect(data.copy).toBe('plain');
    expect(data.OTHER_PASSWORD).toBe(data.DB_PASSWORD);
  });

  it('calls a merge of a scalar (`<<: 1`) a document that cannot be converted, not an alias bomb', () => {
    const { docs, findings } = parseYamlText('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\ndata:\n  <<: 1\n', { path: 'merge.yaml', kind: 'yaml' });
    expect(docs).toEqual([]);
    expect(findings.map((f) => f.code)).toEqual(['YAML_PARSE_ERROR']);
  });
});

/**
 * An alias of an anchor set in an earlier `---` document: yaml (and kustomize) refuse it. The finding
 * said only "could not be converted" where the build's error sent the reader to it (outside review:
 * `server: *vaultServer` in a SecretStore file's second document).
 */
describe('an alias whose anchor is in another document', () => {
  it('is a YAML_PARSE_ERROR that names the alias and says anchors do not cross documents; kubectl agrees', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\ndata:\n  server: &vaultServer https://vault.example.org\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\ndata:\n  server: *vaultServer\n';
    const { docs, findings } = parseYamlText(text, { path: 'stores.yaml', kind: 'yaml' });
    expect(docs.map((d) => (d.value as { metadata: { name: string } }).metadata.name)).toEqual(['one']);
    expect(findings.map((f) => [f.code, f.source.line, f.message])).toEqual([
      ['YAML_PARSE_ERROR', 8, 'An alias (*vaultServer) names an anchor this document does not set before it; anchors do not reach across `---` documents, and kustomize stops at it too ("unknown anchor \'vaultServer\' referenced"). It was skipped.'],
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'atlas-anchor-'));
    try {
      writeFileSync(join(dir, 'kustomization.yaml'), 'resources:\n  - stores.yaml\n');
      writeFileSync(join(dir, 'stores.yaml'), text);
      const built = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
      if (!built.error) expect(built.stderr).toContain("unknown anchor 'vaultServer' referenced");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
