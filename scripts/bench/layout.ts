/**
 * The synthetic repository as data: which apps exist, where, what they depend on, and the files
 * that describe them (a path -> text map, so the git history can replay versions of the same files).
 * Deterministic: the same options give the same bytes.
 */
import {
  configMap, externalSecret, infraExtras, fluxKustomization, helmRelease, kustomizeFile, namespaceDoc, ociRepository, pvc, sopsSecret, valuesFile,
  type AppSpec, type AppVersions,
} from './manifests.ts';
import { roadmapMarkdown } from './roadmap.ts';

/** A small LCG: fast, seedable, and the same on every machine. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export const NAMESPACES = [
  'kube-system', 'flux-system', 'network', 'cert-manager', 'security', 'database', 'observability', 'storage',
  'media', 'productivity', 'ai', 'default', 'home-automation', 'downloads', 'games', 'dev', 'ci', 'backup',
  'auth', 'vpn', 'mail', 'web', 'docs', 'finance', 'iot', 'sync', 'photos', 'music', 'books', 'chat',
  'search', 'analytics', 'registry', 'build', 'tools', 'kiosk', 'printing', 'dns', 'edge', 'lab',
];

/** Infrastructure every other app may depend on: name, namespace, and the infrastructure it needs (a tree, at most 4 deep). */
const INFRA: [string, string, string | null][] = [
  ['cilium', 'kube-system', null], ['coredns', 'kube-system', 'cilium'], ['cert-manager', 'cert-manager', 'coredns'],
  ['longhorn', 'storage', 'cilium'], ['external-secrets', 'security', 'cert-manager'], ['onepassword-connect', 'security', 'external-secrets'],
  ['cloudnative-pg', 'database', 'longhorn'], ['kube-prometheus-stack', 'observability', 'longhorn'],
  ['ingress-nginx', 'network', 'cert-manager'], ['volsync', 'storage', 'longhorn'],
];

const WORDS = ['atlas', 'beacon', 'cinder', 'delta', 'ember', 'falcon', 'garnet', 'harbor', 'iris', 'juniper', 'kestrel', 'lumen', 'maple', 'nova', 'orbit', 'pike', 'quartz', 'raven', 'sable', 'tundra'];

export interface SyntheticOptions {
  apps: number;
  seed: number;
}

export interface SyntheticLayout {
  apps: AppSpec[];
  versions: Map<string, AppVersions>;
  /** Namespaces whose apps use one group ks.yaml (the flat part). */
  groupNamespaces: Set<string>;
}

/** Longest dependsOn chain from an app down to a root, counted in apps (the app included). */
const MAX_DEPTH = 8;

export function planApps(options: SyntheticOptions): SyntheticLayout {
  const rand = rng(options.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const groupNamespaces = new Set(NAMESPACES.filter((_, i) => i >= 12 && i % 5 === 0)); // 6 flat namespaces
  const apps: AppSpec[] = [];
  const versions = new Map<string, AppVersions>();
  const depth = new Map<string, number>();
  for (let i = 0; i < options.apps; i++) {
    const infra = INFRA[i];
    const namespace = infra ? infra[1] : NAMESPACES[2 + Math.floor(rand() ** 1.3 * (NAMESPACES.length - 2))]!;
    const name = infra ? infra[0] : `${pick(WORDS)}-${String(i).padStart(4, '0')}`;
    const deps = new Set<string>();
    if (infra) {
      if (infra[2]) deps.add(infra[2]);
    } else {
      deps.add(INFRA[Math.floor(rand() * INFRA.length)]![0]);
      // Chains: an earlier app, if that keeps the chain within MAX_DEPTH (earlier only: no cycles).
      for (let tries = 0; tries < 2; tries++) {
        if (rand() < 0.45 && apps.length > INFRA.length) {
          const target = apps[INFRA.length + Math.floor(rand() * (apps.length - INFRA.length))]!;
          if ((depth.get(target.name) ?? 1) < MAX_DEPTH) deps.add(target.name);
        }
      }
    }
    depth.set(name, 1 + Math.max(0, ...[...deps].map((x) => depth.get(x)!)));
    const layout = groupNamespaces.has(namespace) ? 'group' : rand() < 0.2 ? 'home-config' : 'home';
    const r = rand();
    apps.push({
      name,
      namespace,
      layout,
      dependsOn: [...deps],
      secret: r < 0.45 ? 'external' : r < 0.6 ? 'sops' : null,
      pvc: rand() < 0.5,
      backup: rand() < 0.5,
      valuesFile: rand() < 0.3,
      image: `ghcr.io/${pick(WORDS)}-labs/${name}`,
    });
    versions.set(name, { chart: `4.${Math.floor(rand() * 4)}.0`, tag: `1.${Math.floor(rand() * 20)}.${Math.floor(rand() * 10)}` });
  }
  return { apps, versions, groupNamespaces };
}

/** Folder of an app's manifests, relative to the repository root. */
export function appDir(a: AppSpec): string {
  return a.layout === 'group' ? `kubernetes/apps/${a.namespace}/${a.name}` : `kubernetes/apps/${a.namespace}/${a.name}/app`;
}

/** Files of one app that depend on its versions (rewritten by the git history). */
export function versionedFiles(a: AppSpec, v: AppVersions): [string, string][] {
  const dir = appDir(a);
  const out: [string, string][] = [[`${dir}/helmrelease.yaml`, helmRelease(a, v)], [`${dir}/ocirepository.yaml`, ociRepository(a, v)]];
  if (a.valuesFile) out.push([`${dir}/values.yaml`, valuesFile(a, v)]);
  return out;
}

function appFiles(a: AppSpec, v: AppVersions, files: Map<string, string>): void {
  const dir = appDir(a);
  const resources = ['./ocirepository.yaml', './helmrelease.yaml'];
  for (const [p, t] of versionedFiles(a, v)) files.set(p, t);
  if (a.secret === 'external') (files.set(`${dir}/externalsecret.yaml`, externalSecret(a)), resources.push('./externalsecret.yaml'));
  if (a.secret === 'sops') (files.set(`${dir}/secret.sops.yaml`, sopsSecret(`${a.name}-secret`, null, ['API_KEY', 'ADMIN_PASSWORD'])), resources.push('./secret.sops.yaml'));
  if (a.pvc) (files.set(`${dir}/pvc.yaml`, pvc(a)), resources.push('./pvc.yaml'));
  const extra = infraExtras(a.name);
  if (extra) (files.set(`${dir}/${extra[0]}`, extra[1]), resources.push(`./${extra[0]}`));
  files.set(`${dir}/kustomization.yaml`, kustomizeFile(resources, a.valuesFile ? a.name : null));
  if (a.layout === 'group') return;
  const base = `kubernetes/apps/${a.namespace}/${a.name}`;
  let ks = fluxKustomization(a.name, a.namespace, `./${dir}`, a.dependsOn, true);
  if (a.layout === 'home-config') {
    ks += fluxKustomization(`${a.name}-config`, a.namespace, `./${base}/config`, [a.name], false);
    files.set(`${base}/config/configmap.yaml`, configMap(`${a.name}-config`, { LOG_FORMAT: 'json', FEATURE_FLAGS: 'metrics,tracing' }));
    files.set(`${base}/config/kustomization.yaml`, kustomizeFile(['./configmap.yaml'], null));
  }
  files.set(`${base}/ks.yaml`, ks);
}

/** Every file of the repository at its final state. */
export function repoFiles(layout: SyntheticLayout): Map<string, string> {
  const files = new Map<string, string>();
  const byNs = new Map<string, AppSpec[]>();
  for (const a of layout.apps) {
    appFiles(a, layout.versions.get(a.name)!, files);
    byNs.set(a.namespace, [...(byNs.get(a.namespace) ?? []), a]);
  }
  for (const [ns, apps] of [...byNs].sort(([a], [b]) => a.localeCompare(b))) {
    const dir = `kubernetes/apps/${ns}`;
    files.set(`${dir}/namespace.yaml`, namespaceDoc(ns));
    if (layout.groupNamespaces.has(ns)) {
      files.set(`${dir}/ks.yaml`, apps.map((a) => fluxKustomization(a.name, ns, `./${dir}/${a.name}`, a.dependsOn, true)).join(''));
      files.set(`${dir}/kustomization.yaml`, kustomizeFile(['./namespace.yaml', './ks.yaml'], null));
    } else {
      files.set(`${dir}/kustomization.yaml`, kustomizeFile(['./namespace.yaml', ...apps.map((a) => `./${a.name}/ks.yaml`)], null));
    }
  }
  files.set('kubernetes/flux/cluster/ks.yaml', fluxKustomization('cluster-apps', null, './kubernetes/apps', [], false));
  files.set('kubernetes/flux/vars/cluster-settings.yaml', configMap('cluster-settings', { TIMEZONE: 'Europe/Zurich', POSTGRES_HOST: 'postgres-rw.database.svc.cluster.local', CLUSTER_NAME: 'bench' }, 'flux-system'));
  files.set('kubernetes/flux/vars/cluster-secrets.sops.yaml', sopsSecret('cluster-secrets', 'flux-system', ['SECRET_DOMAIN', 'SECRET_ACME_EMAIL']));
  files.set('kubernetes/flux/vars/kustomization.yaml', kustomizeFile(['./cluster-settings.yaml', './cluster-secrets.sops.yaml'], null));
  files.set('.sops.yaml', `---\ncreation_rules:\n  - path_regex: kubernetes/.*\\.sops\\.ya?ml\n    encrypted_regex: "^(data|stringData)$"\n    key_groups:\n      - age:\n          - "age1styn76g8vkuk0mg7durea6fzd34g057ex3mzy6keczuxqntqv489nqvhjq"\n          - "age1muq7xl9nts2gk7lklxvrqcgrz0lwcj8zm7sjucgpdz7qyqgd4xqppu9p53"\n`);
  files.set('ROADMAP.md', roadmapMarkdown(layout.apps));
  files.set('README.md', `# bench\n\nA synthetic GitOps repository of ${layout.apps.length} apps, generated by scripts/bench/generate.ts.\n`);
  return files;
}
