import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import type { RepoModel } from '../../src/model/repo-model.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * A `replacements:` source made by a generator, through the whole scan (outside review: an app's
 * Ingress host was `auth.DOMAIN` and its image tag `REPLACEME`, the text kustomize replaces, because
 * a configMapGenerator's `envs:` file was never read for its values). A ConfigMap's inputs are
 * configuration and are read; a Secret's never are, nor a value that looks like a credential: the
 * fields such a replacement sets show [redacted], never the placeholder, and REPLACEMENT_VALUE_UNKNOWN
 * (info) says so at the replacement entry. Values checked with `kubectl kustomize` 5.5.
 */
const OBJECTS = (host: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  tls:
    - hosts: [${host}]
      secretName: web-tls
  rules:
    - host: ${host}
      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations: {atlas/ref: PLACEHOLDER}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:REPLACEME
`;

/** Replacements from `kind` `name`: DOMAIN into the hosts (after the first dot), TAG into the image tag, TOKEN into an annotation. */
const REPLACEMENTS = (kind: string, name: string) => `replacements:
  - source: {kind: ${kind}, name: ${name}, fieldPath: data.DOMAIN}
    targets:
      - select: {kind: Ingress, name: web}
        fieldPaths: [spec.rules.0.host, spec.tls.0.hosts.0]
        options: {delimiter: ".", index: 1}
  - source: {kind: ${kind}, name: ${name}, fieldPath: data.TAG}
    targets:
      - select: {kind: Deployment, name: web}
        fieldPaths: ["spec.template.spec.containers.[name=web].image"]
        options: {delimiter: ":", index: 1}
`;
const TOKEN_REPLACEMENT = (kind: string, name: string) => `  - source: {kind: ${kind}, name: ${name}, fieldPath: data.TOKEN}
    targets:
      - select: {kind: Deployment, name: web}
        fieldPaths: [metadata.annotations.atlas/ref]
`;
/** A value the credential judge reports (random, under a credential's key). */
const TOKEN = 'Zq9xV4mT8kLw2RbN7cYe3HsJ';

const hostsOf = (model: RepoModel, ns: string) => model.endpoints.filter((e) => e.namespace === ns).flatMap((e) => e.hosts);
const imageOf = (model: RepoModel, ns: string) => model.objects.find((o) => o.kind === 'Deployment' && o.namespace === ns)?.images?.map((i) => `${i.repository}:${i.tag}`);
const annotationOf = (model: RepoModel, ns: string) => model.objects.find((o) => o.kind === 'Deployment' && o.namespace === ns)?.annotations;
const notes = (model: RepoModel) => model.findings.filter((f) => f.code === 'REPLACEMENT_VALUE_UNKNOWN').map((f) => `${f.severity} ${f.source.file}:${f.source.line} ${f.message}`);

describe('a replacement whose source a generator makes', () => {
  const repo = tempRepos(afterAll);

  it("takes the value of a Component's configMapGenerator env file (a shared config/domain), as kubectl kustomize does", async () => {
    const r = repo('repl-component');
    bootstrap(r);
    r.put('clusters/prod/auth.yaml', fluxKustomization('auth', './apps/auth'));
    r.put('config/domain/domain.env', 'DOMAIN=brewen.dev\n');
    r.put(
      'config/domain/kustomization.yaml',
      'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nconfigMapGenerator:\n  - name: domain\n    envs:\n      - domain.env\ngeneratorOptions:\n  disableNameSuffixHash: true\npatches:\n  - target: {kind: ConfigMap, name: domain}\n    patch: |\n      - op: add\n        path: /metadata/namespace\n        value: flux-system\n',
    );
    r.put('apps/auth/objects.yaml', `${OBJECTS('auth.DOMAIN')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pocketid-config\ndata:\n  APP_URL: https://auth.DOMAIN\n`);
    r.put(
      'apps/auth/kustomization.yaml',
      `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: auth\nresources:\n  - objects.yaml\ncomponents:\n  - ../../config/domain\nreplacements:\n  - source: {kind: ConfigMap, name: domain, fieldPath: data.DOMAIN}\n    targets:\n      - select: {kind: ConfigMap, name: pocketid-config}\n        fieldPaths: [data.APP_URL]\n        options: {delimiter: ".", index: 1}\n      - select: {kind: Ingress, name: web}\n        fieldPaths: [spec.rules.0.host, spec.tls.0.hosts.0]\n        options: {delimiter: ".", index: 1}\n`,
    );
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(hostsOf(model, 'auth')).toEqual(['auth.brewen.dev']);
    expect(notes(model)).toEqual([]);
    const built = spawnSync('kubectl', ['kustomize', join(r.root, 'apps/auth')], { encoding: 'utf8' });
    if (!built.error && built.status === 0) {
      expect(built.stdout).toContain('APP_URL: https://auth.brewen.dev');
      expect(built.stdout).toContain('- host: auth.brewen.dev');
    }
  });

  it("takes an env file's values into hosts and image tags, with a hashed name too", async () => {
    const r = repo('repl-env');
    bootstrap(r);
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/objects.yaml', OBJECTS('web.DOMAIN'));
    r.put('apps/web/domain.env', 'DOMAIN=example.org\nTAG=1.27.1\n');
    r.put('apps/web/kustomization.yaml', `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: web\nresources:\n  - objects.yaml\nconfigMapGenerator:\n  - name: domain\n    envs:\n      - domain.env\n${REPLACEMENTS('ConfigMap', 'domain')}`);
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(hostsOf(model, 'web')).toEqual(['web.example.org']);
    expect(imageOf(model, 'web')).toEqual(['nginx:1.27.1']);
    // Cited at the replacement that writes the tag, not at the line that says REPLACEME.
    expect(model.objects.find((o) => o.kind === 'Deployment' && o.namespace === 'web')?.images?.[0]?.source).toMatchObject({ file: 'apps/web/kustomization.yaml', line: 16 });
    expect(notes(model)).toEqual([]);
  });

  it("never reads a secretGenerator's values: the fields show [redacted], with a note at each replacement", async () => {
    const r = repo('repl-secret');
    bootstrap(r);
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/objects.yaml', OBJECTS('web.DOMAIN'));
    r.put('apps/web/creds.env', `DOMAIN=secret-host.internal\nTAG=9.9.9-secret\nTOKEN=${TOKEN}\n`);
    r.put(
      'apps/web/kustomization.yaml',
      `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: web\nresources:\n  - objects.yaml\nsecretGenerator:\n  - name: creds\n    envs:\n      - creds.env\n${REPLACEMENTS('Secret', 'creds')}${TOKEN_REPLACEMENT('Secret', 'creds')}`,
    );
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(hostsOf(model, 'web')).toEqual(['web.[redacted]']);
    expect(imageOf(model, 'web')).toEqual(['nginx:[redacted]']);
    expect(annotationOf(model, 'web')?.['atlas/ref']).toBe('[redacted]');
    expect(notes(model)).toEqual([
      "info apps/web/kustomization.yaml:11 This replacement copies Secret creds data.DOMAIN, whose value is not known here (a Secret's values are never read): the fields it sets (Ingress web spec.rules.0.host, Ingress web spec.tls.0.hosts.0) show [redacted] where kustomize writes that value.",
      "info apps/web/kustomization.yaml:16 This replacement copies Secret creds data.TAG, whose value is not known here (a Secret's values are never read): the fields it sets (Deployment web spec.template.spec.containers.[name=web].image) show [redacted] where kustomize writes that value.",
      "info apps/web/kustomization.yaml:21 This replacement copies Secret creds data.TOKEN, whose value is not known here (a Secret's values are never read): the fields it sets (Deployment web metadata.annotations.atlas/ref) show [redacted] where kustomize writes that value.",
    ]);
    expect(JSON.stringify(model)).not.toMatch(/secret-host|9\.9\.9-secret|Zq9xV4mT8kLw2RbN7cYe3HsJ|PLACEHOLDER|nginx:REPLACEME|web\.DOMAIN/);
  });

  it('keeps a ConfigMap value that looks like a credential as [redacted], and never reads a file a secretGenerator also reads', async () => {
    const r = repo('repl-credential');
    bootstrap(r);
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/objects.yaml', OBJECTS('web.DOMAIN'));
    r.put('apps/web/settings.env', `DOMAIN=example.org\nAPI_TOKEN=${TOKEN}\n`);
    r.put('apps/web/shared.env', 'TAG=7.7.7-shared\n');
    r.put(
      'apps/web/kustomization.yaml',
      `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: web\nresources:\n  - objects.yaml\nconfigMapGenerator:\n  - name: settings\n    envs:\n      - settings.env\n  - name: shared\n    envs:\n      - shared.env\nsecretGenerator:\n  - name: shared-secret\n    envs:\n      - shared.env\nreplacements:\n  - source: {kind: ConfigMap, name: settings, fieldPath: data.DOMAIN}\n    targets:\n      - select: {kind: Ingress, name: web}\n        fieldPaths: [spec.rules.0.host, spec.tls.0.hosts.0]\n        options: {delimiter: ".", index: 1}\n  - source: {kind: ConfigMap, name: shared, fieldPath: data.TAG}\n    targets:\n      - select: {kind: Deployment, name: web}\n        fieldPaths: ["spec.template.spec.containers.[name=web].image"]\n        options: {delimiter: ":", index: 1}\n  - source: {kind: ConfigMap, name: settings, fieldPath: data.API_TOKEN}\n    targets:\n      - select: {kind: Deployment, name: web}\n        fieldPaths: [metadata.annotations.atlas/ref]\n`,
    );
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(hostsOf(model, 'web')).toEqual(['web.example.org']);
    expect(imageOf(model, 'web')).toEqual(['nginx:[redacted]']);
    expect(annotationOf(model, 'web')?.['atlas/ref']).toBe('[redacted]');
    expect(notes(model).map((n) => n.slice(0, n.indexOf(' show ')))).toEqual([
      'info apps/web/kustomization.yaml:23 This replacement copies ConfigMap shared data.TAG, whose value is not known here (apps/web/shared.env is not read for its values (only a ConfigMap\'s plain env files and one-line files are)): the fields it sets (Deployment web spec.template.spec.containers.[name=web].image)',
      'info apps/web/kustomization.yaml:28 This replacement copies ConfigMap settings data.API_TOKEN, whose value is not known here (it was wiped when read, as a secret or a credential): the fields it sets (Deployment web metadata.annotations.atlas/ref)',
    ]);
    expect(JSON.stringify(model)).not.toMatch(/Zq9xV4mT8kLw2RbN7cYe3HsJ|7\.7\.7-shared|nginx:REPLACEME|PLACEHOLDER/);
  });

  it('shows [redacted] where the env file is not in the repository (kustomize stops there too)', async () => {
    const r = repo('repl-absent');
    bootstrap(r);
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/objects.yaml', OBJECTS('web.DOMAIN'));
    r.put('apps/web/other.txt', 'a file other than YAML, so the copy keeps such files\n');
    r.put('apps/web/kustomization.yaml', `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: web\nresources:\n  - objects.yaml\nconfigMapGenerator:\n  - name: domain\n    envs:\n      - domain.env\n    files:\n      - other.txt\n${REPLACEMENTS('ConfigMap', 'domain')}`);
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(hostsOf(model, 'web')).toEqual(['web.[redacted]']);
    expect(imageOf(model, 'web')).toEqual(['nginx:[redacted]']);
    expect(notes(model).map((n) => n.slice(0, n.indexOf(':', n.indexOf('(')) + 1))).toEqual([
      'info apps/web/kustomization.yaml:13 This replacement copies ConfigMap domain data.DOMAIN, whose value is not known here (apps/web/domain.env is not in the repository):',
      'info apps/web/kustomization.yaml:18 This replacement copies ConfigMap domain data.TAG, whose value is not known here (apps/web/domain.env is not in the repository):',
    ]);
    expect(model.findings.map((f) => f.code)).toContain('KUSTOMIZE_FILE_MISSING');
  });
});
