/**
 * A small Flux repository with one commit per kind of change `atlas diff` reports, built with the
 * shared git helpers (test/support/git-repo.ts). Each commit's subject names the change; tests diff
 * a commit against its parent. The secrets carry canary strings that must never reach an output.
 */
import { gitWorkTree } from '../support/git-repo.ts';

/** Values that exist only inside secrets of the fixture: none may appear in any diff output. */
export const CANARIES = {
  baseCipher: 'CANARYBASECIPHERTEXTdGhpcyBpcyBub3Q',
  headCipher: 'CANARYHEADCIPHERTEXTc2VjcmV0IHZhbHVl',
  baseMac: 'CANARYBASEMACYWJjZGVmZ2hpamtsbW5vcA',
  headMac: 'CANARYHEADMACcXJzdHV2d3h5ejAxMjM0NQ',
  basePlain: 'canary-plain-base-hunter2',
  headPlain: 'canary-plain-head-correcthorse',
};

const root = `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: cluster-apps
  namespace: flux-system
spec:
  interval: 1h
  path: ./kubernetes/apps
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
`;

const ks = (name: string, ns: string, dependsOn: string[] = []) => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${name}
  namespace: flux-system
spec:
  targetNamespace: ${ns}
${dependsOn.length ? `  dependsOn:\n${dependsOn.map((d) => `    - name: ${d}\n`).join('')}` : ''}  path: ./kubernetes/apps/${ns}/${name}/app
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
    namespace: flux-system
  interval: 1h
`;

const helmRelease = (name: string, chart: string, version: string, image: string, tag: string) => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: ${name}
spec:
  interval: 1h
  chart:
    spec:
      chart: ${chart}
      version: ${version}
      sourceRef:
        kind: HelmRepository
        name: charts
        namespace: flux-system
  values:
    image:
      repository: ${image}
      tag: ${tag}
`;

// (A folder left with no resources says `resources: []`: with `resources:` alone kustomize calls the file
// empty and stops the parent's build, "kustomization.yaml is empty".)
const kustomization = (resources: string[], comments: string[] = []) =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:${resources.length === 0 ? ' []' : ''}\n${resources.map((r) => `  - ${r}\n`).join('')}${comments.map((c) => `  # - ${c}\n`).join('')}`;

const sops = (cipher: string, mac: string, date: string) => `apiVersion: v1
kind: Secret
metadata:
  name: plex-secret
stringData:
  PLEX_TOKEN: ENC[AES256_GCM,data:${cipher},iv:aXZpdml2aXZpdml2aXZpdg==,tag:dGFndGFndGFndGFndGFnPQ==,type:str]
sops:
  age:
    - recipient: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p
      enc: |
        -----BEGIN AGE ENCRYPTED FILE-----
        YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBzb21ldGhpbmcK
        -----END AGE ENCRYPTED FILE-----
  lastmodified: "${date}"
  mac: ENC[AES256_GCM,data:${mac},iv:bWFjaXZtYWNpdm1hY2l2bQ==,tag:bWFjdGFnbWFjdGFnbWFjdA==,type:str]
  encrypted_regex: ^(data|stringData)$
  version: 3.9.0
`;

const plainSecret = (value: string) => `apiVersion: v1
kind: Secret
metadata:
  name: echo-env
stringData:
  GREETING_TEXT: ${value}
`;

const serviceMonitor = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: plex
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: plex
  endpoints:
    - port: http
`;

const repositories = `apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata:
  name: charts
  namespace: flux-system
spec:
  interval: 1h
  url: https://charts.example.org
`;

/** The commits, oldest first; `history[i].subject` is the commit subject. */
export const SUBJECTS = [
  'initial',
  'bump plex chart and image',
  'rotate the plex secret',
  'disable sonarr',
  'move echo to network',
  'typo in a dependsOn',
  'drop the plex ServiceMonitor and add an app',
  'add a network policy to media',
] as const;

const roadmap = `# Roadmap

## High priority

### H-1: Network policies in every namespace
**Status**: In Progress
**Priority**: HIGH
**Check**: network-policy-coverage

Every namespace gets a default-deny policy.
`;

const networkPolicy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
spec:
  podSelector: {}
  policyTypes:
    - Ingress
`;

/** Build the fixture history in `top` (an empty folder). */
export function buildFixtureRepo(top: string): void {
  const { git, write, commit } = gitWorkTree(top);
  git(['init', '-q', '-b', 'main']);
  const rm = (p: string) => git(['rm', '-q', '-r', p]);
  write('kubernetes/flux/cluster/ks.yaml', root);
  write('ROADMAP.md', roadmap);
  write('kubernetes/flux/repositories.yaml', repositories);
  write('kubernetes/apps/kustomization.yaml', kustomization(['./media', './default']));
  write('kubernetes/apps/media/kustomization.yaml', kustomization(['./plex/ks.yaml', './sonarr/ks.yaml']));
  write('kubernetes/apps/default/kustomization.yaml', kustomization(['./echo/ks.yaml']));
  write('kubernetes/apps/media/plex/ks.yaml', ks('plex', 'media', ['echo']));
  write('kubernetes/apps/media/plex/app/kustomization.yaml', kustomization(['./helmrelease.yaml', './secret.sops.yaml', './servicemonitor.yaml']));
  write('kubernetes/apps/media/plex/app/helmrelease.yaml', helmRelease('plex', 'plex', '1.2.3', 'ghcr.io/example/plex', 'v1.40.0'));
  write('kubernetes/apps/media/plex/app/secret.sops.yaml', sops(CANARIES.baseCipher, CANARIES.baseMac, '2024-01-01T00:00:00Z'));
  write('kubernetes/apps/media/plex/app/servicemonitor.yaml', serviceMonitor);
  write('kubernetes/apps/media/sonarr/ks.yaml', ks('sonarr', 'media'));
  write('kubernetes/apps/media/sonarr/app/kustomization.yaml', kustomization(['./helmrelease.yaml']));
  write('kubernetes/apps/media/sonarr/app/helmrelease.yaml', helmRelease('sonarr', 'sonarr', '4.0.0', 'ghcr.io/example/sonarr', '4.0.0'));
  write('kubernetes/apps/default/echo/ks.yaml', ks('echo', 'default'));
  write('kubernetes/apps/default/echo/app/kustomization.yaml', kustomization(['./helmrelease.yaml', './secret.yaml']));
  write('kubernetes/apps/default/echo/app/helmrelease.yaml', helmRelease('echo', 'echo-server', '0.5.0', 'ghcr.io/example/echo', '0.5.0'));
  write('kubernetes/apps/default/echo/app/secret.yaml', plainSecret(CANARIES.basePlain));
  commit(SUBJECTS[0], '2024-01-01T00:00:00Z');

  write('kubernetes/apps/media/plex/app/helmrelease.yaml', helmRelease('plex', 'plex', '2.0.0', 'ghcr.io/example/plex', 'v1.40.1'));
  commit(SUBJECTS[1], '2024-01-02T00:00:00Z');

  write('kubernetes/apps/media/plex/app/secret.sops.yaml', sops(CANARIES.headCipher, CANARIES.headMac, '2024-02-01T00:00:00Z'));
  write('kubernetes/apps/default/echo/app/secret.yaml', plainSecret(CANARIES.headPlain));
  commit(SUBJECTS[2], '2024-01-03T00:00:00Z');

  git(['mv', 'kubernetes/apps/media/sonarr/ks.yaml', 'kubernetes/apps/media/sonarr/ks.dis']);
  write('kubernetes/apps/media/kustomization.yaml', kustomization(['./plex/ks.yaml'], ['./sonarr/ks.yaml']));
  commit(SUBJECTS[3], '2024-01-04T00:00:00Z');

  rm('kubernetes/apps/default/echo');
  write('kubernetes/apps/network/echo/ks.yaml', ks('echo', 'network'));
  write('kubernetes/apps/network/echo/app/kustomization.yaml', kustomization(['./helmrelease.yaml', './secret.yaml']));
  write('kubernetes/apps/network/echo/app/helmrelease.yaml', helmRelease('echo', 'echo-server', '0.5.0', 'ghcr.io/example/echo', '0.5.0'));
  write('kubernetes/apps/network/echo/app/secret.yaml', plainSecret(CANARIES.headPlain));
  write('kubernetes/apps/default/kustomization.yaml', kustomization([]));
  write('kubernetes/apps/network/kustomization.yaml', kustomization(['./echo/ks.yaml']));
  write('kubernetes/apps/kustomization.yaml', kustomization(['./media', './default', './network']));
  commit(SUBJECTS[4], '2024-01-05T00:00:00Z');

  write('kubernetes/apps/media/plex/ks.yaml', ks('plex', 'media', ['ecoh']));
  commit(SUBJECTS[5], '2024-01-06T00:00:00Z');

  rm('kubernetes/apps/media/plex/app/servicemonitor.yaml');
  write('kubernetes/apps/media/plex/app/kustomization.yaml', kustomization(['./helmrelease.yaml', './secret.sops.yaml']));
  write('kubernetes/apps/media/kustomization.yaml', kustomization(['./plex/ks.yaml', './bazarr/ks.yaml'], ['./sonarr/ks.yaml']));
  write('kubernetes/apps/media/bazarr/ks.yaml', ks('bazarr', 'media'));
  write('kubernetes/apps/media/bazarr/app/kustomization.yaml', kustomization(['./helmrelease.yaml']));
  write('kubernetes/apps/media/bazarr/app/helmrelease.yaml', helmRelease('bazarr', 'bazarr', '1.0.0', 'ghcr.io/example/bazarr', '1.0.0'));
  commit(SUBJECTS[6], '2024-01-07T00:00:00Z');

  write('kubernetes/apps/media/plex/app/networkpolicy.yaml', networkPolicy);
  write('kubernetes/apps/media/plex/app/kustomization.yaml', kustomization(['./helmrelease.yaml', './secret.sops.yaml', './networkpolicy.yaml']));
  commit(SUBJECTS[7], '2024-01-08T00:00:00Z');
}
