/**
 * A pod reads a Secret from its own namespace only (envFrom, secretKeyRef, volumes; a chart's
 * existingSecret where it installs). The app facts counted a Secret as defined when any namespace made
 * one of that name (outside review: glance in `default` reads `recyclarr-secret`, which only media's
 * ExternalSecret makes; the export said `defined: true` and the page was silent). Defined now means
 * defined in the consumer's namespace; where another namespace makes it, the page, the README export
 * and atlas.json say "defined only in <namespace>". What a replicator copies is defined where it may land:
 * reflector and kubernetes-replicator annotations (on a Secret or an ExternalSecret's template),
 * a ClusterSecret, a Kyverno rule that generates the Secret; not known where a ClusterExternalSecret's
 * selector may pick the namespace.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { renderAppReadme } from '../../src/lib/export/app-readme.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const externalSecret = (name: string, target: string, template = '') =>
  `apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: ${name}\nspec:\n  refreshInterval: 1h\n  secretStoreRef:\n    kind: ClusterSecretStore\n    name: onepassword\n  target:\n    name: ${target}\n${template}  dataFrom:\n    - extract:\n        key: ${name}\n`;

const deployment = (name: string, secret: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - name: ${name}\n          image: ghcr.io/example/${name}:1.0.0\n          envFrom:\n            - secretRef:\n                name: ${secret}\n`;

/** An app-template release in `namespace` whose container reads `secret` with envFrom. */
const appTemplate = (name: string, secret: string) =>
  helmRelease({
    name,
    chart: 'app-template',
    values: `    controllers:\n      ${name}:\n        containers:\n          app:\n            image:\n              repository: ghcr.io/example/${name}\n              tag: 1.0.0\n            envFrom:\n              - secretRef:\n                  name: ${secret}\n`,
  });

describe("a Secret an app uses, judged in the app's namespace", () => {
  const repo = tempRepos(afterAll);

  const used = (model: Awaited<ReturnType<typeof scanRepo>>['model'], name: string) => {
    const app = model.apps.find((a) => a.name === name)!;
    return appFacts(model, app.id)!;
  };

  it('is not defined where only another namespace makes it: "defined only in media", on the facts and in the README export', async () => {
    const r = repo('secret-defined-namespace');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', [fluxKustomization('recyclarr', './apps/recyclarr', '  targetNamespace: media\n'), fluxKustomization('glance', './apps/glance', '  targetNamespace: default\n'), fluxKustomization('b', './apps/b', '  targetNamespace: default\n')].join('---\n'));
    r.put('apps/recyclarr/kustomization.yaml', 'resources:\n  - externalsecret.yaml\n  - helmrelease.yaml\n');
    r.put('apps/recyclarr/externalsecret.yaml', externalSecret('recyclarr', 'recyclarr-secret'));
    r.put('apps/recyclarr/helmrelease.yaml', appTemplate('recyclarr', 'recyclarr-secret'));
    r.put('apps/glance/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
    r.put('apps/glance/helmrelease.yaml', appTemplate('glance', 'recyclarr-secret'));
    r.put('apps/b/kustomization.yaml', 'resources:\n  - deploy.yaml\n');
    r.put('apps/b/deploy.yaml', deployment('b', 'recyclarr-secret'));
    const { model } = await scanRepo(r.root, parseConfig({}));

    const own = used(model, 'recyclarr').secrets.used.find((u) => u.name === 'recyclarr-secret')!;
    expect(own).toEqual({ name: 'recyclarr-secret', usedBy: ['envFrom'], defined: true });
    for (const app of ['glance', 'b']) {
      const f = used(model, app);
      expect(f.secrets.used).toEqual([{ name: 'recyclarr-secret', usedBy: ['envFrom'], defined: false, definedOnlyIn: ['media'] }]);
      const readme = renderAppReadme(f);
      expect(readme).toContain('**defined only in namespace media**');
      expect(readme).not.toContain('not defined in the repository');
    }
  });

  it('is defined where a replicator copies it, and nowhere else', async () => {
    const r = repo('secret-defined-replicated');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', ['certs', 'media', 'tools', 'other', 'registry'].map((n) => fluxKustomization(n, `./apps/${n}`, `  targetNamespace: ${n}\n`)).join('---\n'));
    // The source Secrets, in `certs`: a wildcard certificate reflector copies into media and tools-*,
    // an ExternalSecret whose Secret kubernetes-replicator pushes to every namespace a selector picks.
    r.put('apps/certs/kustomization.yaml', 'resources:\n  - secret.yaml\n  - externalsecret.yaml\n');
    r.put(
      'apps/certs/secret.yaml',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: wildcard-tls\n  annotations:\n    reflector.v1.k8s.emberstack.com/reflection-allowed: "true"\n    reflector.v1.k8s.emberstack.com/reflection-allowed-namespaces: "media,tools-.*"\n    reflector.v1.k8s.emberstack.com/reflection-auto-enabled: "true"\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${TLS_CRT}\n  tls.key: ${TLS_KEY}\n',
    );
    r.put('apps/certs/externalsecret.yaml', externalSecret('smtp', 'smtp-relay', '    template:\n      metadata:\n        annotations:\n          replicator.v1.mittwald.de/replicate-to-matching: mail=true\n'));
    // Made for every namespace by cluster-wide objects: a ClusterExternalSecret, a ClusterSecret, a Kyverno clone rule.
    r.put('apps/registry/kustomization.yaml', 'resources:\n  - cluster.yaml\n');
    r.put(
      'apps/registry/cluster.yaml',
      [
        'apiVersion: external-secrets.io/v1\nkind: ClusterExternalSecret\nmetadata:\n  name: pull-secret\nspec:\n  namespaceSelectors:\n    - matchLabels: {pull: "true"}\n  externalSecretSpec:\n    secretStoreRef: {kind: ClusterSecretStore, name: onepassword}\n    target:\n      name: ghcr-pull\n    dataFrom:\n      - extract: {key: ghcr}\n',
        'apiVersion: clustersecret.io/v1\nkind: ClusterSecret\nmetadata:\n  name: ca-bundle\nmatchNamespace:\n  - .*\ndata:\n  ca.crt: ${CA_CRT}\n',
        'apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n  name: sync-regcred\nspec:\n  generateExisting: true\n  rules:\n    - name: sync-image-pull-secret\n      match:\n        any:\n          - resources:\n              kinds: [Namespace]\n      generate:\n        apiVersion: v1\n        kind: Secret\n        name: regcred\n        namespace: "{{request.object.metadata.name}}"\n        synchronize: true\n        clone:\n          namespace: registry\n          name: regcred\n',
      ].join('---\n'),
    );
    const reader = (name: string, secrets: string[]) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - name: ${name}\n          image: ghcr.io/example/${name}:1.0.0\n          envFrom:\n${secrets.map((s) => `            - secretRef:\n                name: ${s}\n`).join('')}`;
    const all = ['wildcard-tls', 'smtp-relay', 'ghcr-pull', 'ca-bundle', 'regcred'];
    for (const n of ['media', 'tools', 'other']) {
      r.put(`apps/${n}/kustomization.yaml`, 'resources:\n  - deploy.yaml\n');
      r.put(`apps/${n}/deploy.yaml`, reader(n, all));
    }
    const { model } = await scanRepo(r.root, parseConfig({}));
    const defined = (app: string) => Object.fromEntries(used(model, app).secrets.used.map((u) => [u.name, u.definedOnlyIn ? `only in ${u.definedOnlyIn.join(', ')}` : u.defined]));
    // (The ClusterExternalSecret picks namespaces labelled `pull: "true"`, and no Namespace manifest of
    // the repository tells their labels: whether it makes `ghcr-pull` there is not known, neither
    // defined nor missing; cluster-external-and-push-secrets.test.ts.)
    const everywhere = { 'smtp-relay': true, 'ghcr-pull': null, 'ca-bundle': true, regcred: true };
    expect(defined('media')).toEqual({ ...everywhere, 'wildcard-tls': true });
    // `tools` is no `tools-.*`: the reflector's list is of regular expressions, matched whole.
    expect(defined('tools')).toEqual({ ...everywhere, 'wildcard-tls': 'only in certs' });
    expect(defined('other')).toEqual({ ...everywhere, 'wildcard-tls': 'only in certs' });
  });
});
