/**
 * External Secrets' ClusterExternalSecret and PushSecret in the secrets inventory and the app facts.
 * A ClusterExternalSecret makes an ExternalSecret (`externalSecretName`, else its own name), and so
 * the Secret of its `externalSecretSpec.target.name`, in each namespace `spec.namespaces` names or its
 * `namespaceSelectors` pick: defined there, where the repository holds the namespace's labels (its
 * Namespace manifest) or the selector is on the name; elsewhere "the namespaces its selector picks",
 * neither defined nor missing. A PushSecret reads a Secret of its namespace (`selector.secret.name`):
 * used by it; and writes it to `secretStoreRefs`, each of which must exist as an ExternalSecret's store.
 * https://external-secrets.io/latest/api/clusterexternalsecret/, https://external-secrets.io/latest/api/pushsecret/
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { renderAppReadme } from '../../src/lib/export/app-readme.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const store = 'apiVersion: external-secrets.io/v1\nkind: ClusterSecretStore\nmetadata:\n  name: onepassword-connect\nspec:\n  provider:\n    onepassword:\n      connectHost: http://onepassword-connect.external-secrets.svc.cluster.local\n      vaults:\n        Kubernetes: 1\n      auth:\n        secretRef:\n          connectTokenSecretRef:\n            name: onepassword-connect-token\n            key: token\n            namespace: external-secrets\n';

const reader = (name: string, secret: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      imagePullSecrets:\n        - name: ${secret}\n      containers:\n        - name: ${name}\n          image: ghcr.io/example/${name}:1.0.0\n`;

describe('ClusterExternalSecrets', () => {
  const repo = tempRepos(afterAll);

  it('make their Secret in the namespaces named, and in those whose labels the repository holds and a selector matches; elsewhere not known', async () => {
    const r = repo('cluster-external-secrets');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', ['external-secrets', 'namespaces', 'media', 'tools', 'other', 'unlabelled'].map((n) => fluxKustomization(n, `./apps/${n}`)).join('---\n'));
    r.put('apps/external-secrets/kustomization.yaml', 'resources:\n  - store.yaml\n  - cluster.yaml\n');
    r.put('apps/external-secrets/store.yaml', store);
    r.put(
      'apps/external-secrets/cluster.yaml',
      [
        // By label: media is labelled, tools is not, `unlabelled` has no manifest in the repository.
        'apiVersion: external-secrets.io/v1\nkind: ClusterExternalSecret\nmetadata:\n  name: ghcr-pull\nspec:\n  externalSecretName: ghcr-pull-es\n  namespaceSelectors:\n    - matchLabels:\n        ghcr-pull: "true"\n  refreshTime: 1m\n  externalSecretSpec:\n    refreshInterval: 1h\n    secretStoreRef:\n      kind: ClusterSecretStore\n      name: onepassword-connect\n    target:\n      name: ghcr-pull\n      template:\n        type: kubernetes.io/dockerconfigjson\n        data:\n          .dockerconfigjson: "{{ .config }}"\n    data:\n      - secretKey: config\n        remoteRef:\n          key: ghcr\n          property: dockerconfigjson\n',
        // By name, and from a store nothing defines.
        'apiVersion: external-secrets.io/v1\nkind: ClusterExternalSecret\nmetadata:\n  name: smtp\nspec:\n  namespaces: [other]\n  externalSecretSpec:\n    secretStoreRef:\n      kind: ClusterSecretStore\n      name: vault\n    dataFrom:\n      - extract:\n          key: smtp\n',
      ].join('---\n'),
    );
    r.put('apps/namespaces/kustomization.yaml', 'resources:\n  - namespaces.yaml\n');
    r.put('apps/namespaces/namespaces.yaml', ['media', 'tools', 'other'].map((n) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${n}\n${n === 'media' ? '  labels:\n    ghcr-pull: "true"\n' : ''}`).join('---\n'));
    for (const n of ['media', 'tools', 'other', 'unlabelled']) {
      r.put(`apps/${n}/kustomization.yaml`, `namespace: ${n}\nresources:\n  - deploy.yaml\n`);
      r.put(`apps/${n}/deploy.yaml`, reader(n, n === 'other' ? 'smtp' : 'ghcr-pull'));
    }
    const { model, analysis } = await computeAtlas(r.root, parseConfig({}));
    const inventory = analysis.secrets;

    expect(inventory.clusterExternalSecrets.map((c) => ({ name: c.name, target: c.target, es: c.externalSecretName, namespaces: c.namespaces, every: c.everyNamespace, bySelector: c.bySelector, selectors: c.selectors, stores: c.stores, keys: c.keys }))).toEqual([
      { name: 'ghcr-pull', target: 'ghcr-pull', es: 'ghcr-pull-es', namespaces: ['media'], every: false, bySelector: true, selectors: ['ghcr-pull=true'], stores: [{ kind: 'ClusterSecretStore', name: 'onepassword-connect', found: true }], keys: ['.dockerconfigjson'] },
      { name: 'smtp', target: 'smtp', es: 'smtp', namespaces: ['other'], every: false, bySelector: false, selectors: [], stores: [{ kind: 'ClusterSecretStore', name: 'vault', found: false }], keys: [] },
    ]);
    expect(inventory.summary.clusterExternalSecrets).toBe(2);
    // The store it reads is used by it; one nothing defines is the ExternalSecret's finding.
    expect(inventory.secretStores.find((s) => s.name === 'onepassword-connect')!.usedBy).toEqual(['ClusterExternalSecret/_cluster/ghcr-pull']);
    const missing = model.findings.filter((f) => f.code === 'EXTERNALSECRET_STORE_MISSING');
    expect(missing.map((f) => [f.severity, f.message])).toEqual([['warning', 'ClusterExternalSecret "smtp" reads from ClusterSecretStore "vault", which is not defined in this repository; check the name, or that something else installs it.']]);

    const used = (app: string) => appFacts(model, model.apps.find((a) => a.name === app)!.id)!.secrets.used;
    expect(used('media')).toEqual([{ name: 'ghcr-pull', usedBy: ['imagePullSecrets'], defined: true }]);
    // tools has a manifest without the label: the selector does not pick it.
    expect(used('tools')).toEqual([{ name: 'ghcr-pull', usedBy: ['imagePullSecrets'], defined: false, definedOnlyIn: ['media'] }]);
    // Without a manifest its labels are not known: neither defined nor missing.
    expect(used('unlabelled')).toEqual([{ name: 'ghcr-pull', usedBy: ['imagePullSecrets'], defined: null, pickedBy: ['ghcr-pull'] }]);
    expect(renderAppReadme(appFacts(model, model.apps.find((a) => a.name === 'unlabelled')!.id)!)).toContain('made by ClusterExternalSecret ghcr-pull in the namespaces its selector picks');
    expect(used('other')).toEqual([{ name: 'smtp', usedBy: ['imagePullSecrets'], defined: true }]);

    const facts = appFacts(model, model.apps.find((a) => a.name === 'external-secrets')!.id)!.secrets;
    expect(facts.clusterExternalSecrets.map((c) => [c.name, c.target, c.namespaces, c.bySelector, c.storeFound])).toEqual([
      ['ghcr-pull', 'ghcr-pull', ['media'], true, true],
      ['smtp', 'smtp', ['other'], false, false],
    ]);
  });

  it('with an empty selector make it in every namespace, and on a selector of the name in those it names', async () => {
    const r = repo('cluster-external-secrets-every');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', ['external-secrets', 'media'].map((n) => fluxKustomization(n, `./apps/${n}`)).join('---\n'));
    r.put('apps/external-secrets/kustomization.yaml', 'resources:\n  - store.yaml\n  - cluster.yaml\n');
    r.put('apps/external-secrets/store.yaml', store);
    r.put(
      'apps/external-secrets/cluster.yaml',
      [
        'apiVersion: external-secrets.io/v1\nkind: ClusterExternalSecret\nmetadata:\n  name: everywhere\nspec:\n  namespaceSelectors:\n    - {}\n  externalSecretSpec:\n    refreshInterval: 1h\n    secretStoreRef: {kind: ClusterSecretStore, name: onepassword-connect}\n    dataFrom:\n      - extract: {key: everywhere}\n',
        'apiVersion: external-secrets.io/v1\nkind: ClusterExternalSecret\nmetadata:\n  name: by-name\nspec:\n  namespaceSelectors:\n    - matchExpressions:\n        - {key: kubernetes.io/metadata.name, operator: In, values: [media, tools]}\n  externalSecretSpec:\n    refreshInterval: 1h\n    secretStoreRef: {kind: ClusterSecretStore, name: onepassword-connect}\n    dataFrom:\n      - extract: {key: by-name}\n',
      ].join('---\n'),
    );
    r.put('apps/media/kustomization.yaml', 'namespace: media\nresources:\n  - deploy.yaml\n');
    r.put('apps/media/deploy.yaml', reader('media', 'everywhere').replace('        - name: everywhere\n', '        - name: everywhere\n        - name: by-name\n'));
    const { model, analysis } = await computeAtlas(r.root, parseConfig({}));
    expect(analysis.secrets.clusterExternalSecrets.map((c) => [c.name, c.namespaces, c.everyNamespace, c.bySelector])).toEqual([
      ['by-name', ['media', 'tools'], false, false],
      ['everywhere', [], true, false],
    ]);
    const media = appFacts(model, model.apps.find((a) => a.name === 'media')!.id)!.secrets.used;
    expect(media).toEqual([
      { name: 'by-name', usedBy: ['imagePullSecrets'], defined: true },
      { name: 'everywhere', usedBy: ['imagePullSecrets'], defined: true },
    ]);
  });
});

describe('PushSecrets', () => {
  const repo = tempRepos(afterAll);

  it('use the Secret of their namespace they push, and write to stores that must exist', async () => {
    const r = repo('push-secrets');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', ['external-secrets', 'certificates'].map((n) => fluxKustomization(n, `./apps/${n}`)).join('---\n'));
    r.put('apps/external-secrets/kustomization.yaml', 'resources:\n  - store.yaml\n');
    r.put('apps/external-secrets/store.yaml', store);
    r.put('apps/certificates/kustomization.yaml', 'namespace: network\nresources:\n  - certificate.yaml\n  - pushsecret.yaml\n');
    r.put('apps/certificates/certificate.yaml', 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: example-com\nspec:\n  secretName: example-com-tls\n  issuerRef: {name: letsencrypt-production, kind: ClusterIssuer}\n  dnsNames: ["example.com", "*.example.com"]\n');
    r.put(
      'apps/certificates/pushsecret.yaml',
      [
        // onedr0p's shape: the certificate's Secret pushed to 1Password, key by key.
        'apiVersion: external-secrets.io/v1alpha1\nkind: PushSecret\nmetadata:\n  name: example-com-tls\nspec:\n  secretStoreRefs:\n    - name: onepassword-connect\n      kind: ClusterSecretStore\n  selector:\n    secret:\n      name: example-com-tls\n  template:\n    data:\n      tls.crt: \'{{ index . "tls.crt" | b64enc }}\'\n  data:\n    - match:\n        secretKey: tls.crt\n        remoteRef:\n          remoteKey: example-com-tls\n          property: tls.crt\n',
        // A namespaced SecretStore nothing defines, and no store at all.
        'apiVersion: external-secrets.io/v1alpha1\nkind: PushSecret\nmetadata:\n  name: backup\nspec:\n  secretStoreRefs:\n    - name: vault-backend\n  selector:\n    secret:\n      name: backup-key\n  data:\n    - match:\n        remoteRef:\n          remoteKey: backup-key\n',
        'apiVersion: external-secrets.io/v1alpha1\nkind: PushSecret\nmetadata:\n  name: nowhere\nspec:\n  selector:\n    secret:\n      name: example-com-tls\n',
      ].join('---\n'),
    );
    const { model, analysis } = await computeAtlas(r.root, parseConfig({}));
    const inventory = analysis.secrets;
    expect(inventory.pushSecrets.map((p) => ({ name: p.name, namespace: p.namespace, secret: p.secret, stores: p.stores, storeFound: p.storeFound, data: p.data }))).toEqual([
      { name: 'backup', namespace: 'network', secret: 'backup-key', stores: [{ kind: 'SecretStore', name: 'vault-backend', found: false }], storeFound: false, data: [{ secretKey: null, remoteKey: 'backup-key', property: null }] },
      { name: 'example-com-tls', namespace: 'network', secret: 'example-com-tls', stores: [{ kind: 'ClusterSecretStore', name: 'onepassword-connect', found: true }], storeFound: true, data: [{ secretKey: 'tls.crt', remoteKey: 'example-com-tls', property: 'tls.crt' }] },
      { name: 'nowhere', namespace: 'network', secret: 'example-com-tls', stores: [], storeFound: false, data: [] },
    ]);
    expect(inventory.summary.pushSecrets).toBe(3);
    expect(inventory.secretStores.find((s) => s.name === 'onepassword-connect')!.usedBy).toEqual(['PushSecret/network/example-com-tls']);
    expect(model.findings.filter((f) => f.code === 'EXTERNALSECRET_STORE_MISSING').map((f) => [f.severity, f.message])).toEqual([
      ['warning', 'PushSecret "backup" writes to SecretStore "vault-backend", which is not defined in this repository; check the name, or that something else installs it.'],
      ['warning', 'PushSecret "nowhere" names no store in spec.secretStoreRefs: it writes nowhere.'],
    ]);

    // The Secret it pushes is used by it, in its namespace: the certificate's is defined, the other not.
    const facts = appFacts(model, model.pushSecrets[0]!.appId!)!.secrets;
    expect(facts.used).toEqual([
      { name: 'backup-key', usedBy: ['secretRef'], defined: false },
      { name: 'example-com-tls', usedBy: ['secretRef'], defined: true },
    ]);
    expect(facts.pushSecrets.map((p) => [p.name, p.secret, p.stores, p.storeFound, p.keys])).toEqual([
      ['backup', 'backup-key', ['SecretStore/vault-backend'], false, []],
      ['example-com-tls', 'example-com-tls', ['ClusterSecretStore/onepassword-connect'], true, ['tls.crt']],
      ['nowhere', 'example-com-tls', [], false, []],
    ]);
  });
});
