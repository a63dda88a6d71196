import { describe, expect, it } from 'vitest';
import { parseYamlText } from '../../src/repo/read-yaml.ts';

const ksYaml = `---
# yaml-language-server: $schema=https://kubernetes-schemas.pages.dev/kustomize.toolkit.fluxcd.io/kustomization_v1.json
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: &app plex
  namespace: flux-system
spec:
  targetNamespace: media
  commonMetadata:
    labels:
      app.kubernetes.io/name: *app
  dependsOn:
    - name: longhorn
      namespace: storage
    - name: volsync
  path: ./kubernetes/apps/media/plex/app
---
# only a comment: parses as null and is dropped
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: plex-config
spec:
  dependsOn:
    - name: plex
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: plex
spec:
  values:
    controllers:
      main:
        containers:
          app:
            image:
              repository: ghcr.io/onedr0p/plex
`;

describe('parseYamlText positions', () => {
  const { docs, findings } = parseYamlText(ksYaml, { path: 'kubernetes/apps/media/plex/ks.yaml', kind: 'yaml' });

  it('keeps every object document and drops the comment-only one', () => {
    expect(findings).toEqual([]);
    expect(docs.map((d) => d.source)).toEqual([
      { file: 'kubernetes/apps/media/plex/ks.yaml', line: 3, col: 1, docIndex: 0 },
      { file: 'kubernetes/apps/media/plex/ks.yaml', line: 21, col: 1, docIndex: 2 },
      { file: 'kubernetes/apps/media/plex/ks.yaml', line: 29, col: 1, docIndex: 3 },
    ]);
    expect(docs.every((d) => d.disabled === null && d.sops === null)).toBe(true);
  });

  it('records the line of keys and sequence items', () => {
    const [first, second, third] = docs;
    expect(first?.lines['metadata.name']).toBe(6);
    expect(first?.lines['spec.dependsOn.0']).toBe(14);
    expect(first?.lines['spec.dependsOn.0.namespace']).toBe(15);
    expect(first?.lines['spec.dependsOn.1']).toBe(16);
    expect(second?.lines['spec.dependsOn.0']).toBe(27);
    expect(third?.lines['spec.values.controllers.main']).toBe(36);
    expect(third?.lines['spec.values.controllers.main.containers.app']).toBe(38);
    // Seven keys deep (an app-template container's image) is recorded too (up to ten).
    expect(third?.lines['spec.values.controllers.main.containers.app.image']).toBe(39);
  });

  it('resolves anchors and aliases into plain values', () => {
    const value = docs[0]?.value as { spec: { commonMetadata: { labels: Record<string, string> } } };
    expect(value.spec.commonMetadata.labels['app.kubernetes.io/name']).toBe('plex');
  });

  it('applies << merge keys', () => {
    const { docs: merged } = parseYamlText('base: &b {a: 1, b: 2}\nderived:\n  <<: *b\n  b: 3\n', { path: 'm.yaml', kind: 'yaml' });
    expect((merged[0]?.value as { derived: unknown }).derived).toEqual({ a: 1, b: 3 });
  });

  it('marks documents of a disabled file', () => {
    const { docs: dis } = parseYamlText('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n', { path: 'ks.yaml.dis', kind: 'disabled-yaml' });
    expect(dis[0]?.disabled).toBe('file');
  });

  it('reports a custom tag in a Kubernetes document as info and keeps the document', () => {
    const { docs: tagged, findings: notes } = parseYamlText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  file: !env_var FILE\n', { path: 'tag.yaml', kind: 'yaml' });
    expect(tagged).toHaveLength(1);
    expect(notes.map((f) => [f.code, f.severity, f.source.line])).toEqual([['YAML_UNKNOWN_TAG', 'info', 6]]);
  });

  it("leaves an application's own tag alone in a file that is no manifest (recyclarr's !env_var in a configMapGenerator input)", () => {
    const { docs: tagged, findings: notes } = parseYamlText('sonarr:\n  main:\n    api_key: !env_var SONARR_API_KEY\n', { path: 'app/config/recyclarr.yml', kind: 'yaml' });
    expect(tagged).toHaveLength(1);
    expect(notes).toEqual([]);
  });

  it('keeps the line of every key as the document\'s own, a top-level `__proto__:` too', () => {
    const { docs } = parseYamlText('__proto__:\n  a: 1\nkind: ConfigMap\napiVersion: v1\n', { path: 'odd.yaml', kind: 'yaml' });
    expect(Object.entries(docs[0]!.lines).sort()).toEqual([['__proto__', 1], ['__proto__.a', 2], ['apiVersion', 4], ['kind', 3]]);
    expect(Object.getPrototypeOf(docs[0]!.lines)).toBe(Object.prototype);
  });
});

describe('a document nested deeper than the parser can go', () => {
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`;
  /** Parse from `depth` more frames down the stack, as a reader called from deeper code would. */
  const from = (depth: number): ReturnType<typeof parseYamlText> => (depth === 0 ? parseYamlText(text, { path: 'deep.yaml', kind: 'yaml' }) : from(depth - 1));

  it('is skipped with one YAML_TOO_DEEP at its start, whatever stack the parse started with', () => {
    // yaml's composer catches its own stack overflow wherever the stack ends; the finding must not say where that was.
    const shallow = from(0);
    expect(shallow.docs).toEqual([]);
    expect(shallow.findings.map((f) => [f.code, f.source.line, f.source.col, f.message])).toEqual([
      ['YAML_TOO_DEEP', 1, 1, 'The document nests more than 256 levels deep; it was skipped.'],
    ]);
    expect(from(2_000).findings).toEqual(shallow.findings);
  });
});
