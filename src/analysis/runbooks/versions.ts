/**
 * Platform versions the repository pins, with the file and line to change: Talos, Kubernetes,
 * k3s/RKE2 and Flux. Read from scrubbed RawDocs (the model keeps neither ConfigMap data nor Plan
 * specs) and from file headers (gotk-components.yaml). Values that are `${VARS}` are followed to
 * the ConfigMap key that defines them where the repository has one.
 */
import type { RawDoc } from '../../model/raw-doc.ts';
import { at, isObj, str } from './raw-docs.ts';

export type Component = 'talos' | 'kubernetes' | 'k3s' | 'rke2' | 'flux';

export interface VersionFact {
  component: Component;
  version: string;
  /** Where the literal lives (the line to change). */
  file: string;
  line: number;
  /** How it was found, e.g. `ConfigMap cluster-settings data.TALOS_VERSION`. */
  via: string;
  /** `${VAR}` the value is used through, for a Plan or FluxInstance that reads a variable. */
  variable: string | null;
  /**
   * For a `${VAR}` whose value the manifests do not hold (a SOPS-encrypted Secret or talenv file,
   * or nothing in the repository): the file that sets it, or null when none does. `version` then
   * stays `${VAR}`; pages say "set in <file>" instead of showing it (versionText).
   */
  setIn?: string | null;
}

const VAR_REF = /^\$\{([A-Za-z0-9_]+)(:=[^}]*)?\}$/;

/** The version as a reader should see it: the literal, or where a variable's value is set. */
export function versionText(f: Pick<VersionFact, 'version' | 'variable' | 'setIn'>): string {
  if (!VAR_REF.test(f.version)) return f.version;
  const name = VAR_REF.exec(f.version)![1]!;
  return f.setIn ? `set in ${f.setIn}` : `set outside the repository (${name})`;
}

const VAR_KEYS: [RegExp, Component][] = [
  [/^TALOS_VERSION$/i, 'talos'],
  [/^(KUBERNETES|K8S|KUBE)_VERSION$/i, 'kubernetes'],
  [/^K3S_VERSION$/i, 'k3s'],
  [/^RKE2_VERSION$/i, 'rke2'],
  [/^FLUX_VERSION$/i, 'flux'],
];

const lineOf = (d: RawDoc, path: string): number => d.lines[path] ?? d.source.line;
const groupOf = (apiVersion: unknown): string => (str(apiVersion) ?? '').split('/').slice(0, -1).join('/');

export function findVersions(docs: readonly RawDoc[], headers: readonly { file: string; text: string }[] = []): VersionFact[] {
  const out: VersionFact[] = [];
  const vars = new Map<string, VersionFact>();
  /** Variables defined outside ConfigMaps: talhelper's talenv.yaml (kind-less), Secret keys (values wiped). */
  const elsewhere = new Map<string, { value: string | null; file: string; line: number; via: string }>();
  const define = (key: string, value: string | null, d: RawDoc, path: string, via: string) => {
    if (value !== null && VAR_REF.test(value)) return;
    const prev = elsewhere.get(key);
    if (!prev || (prev.value === null && value !== null)) elsewhere.set(key, { value, file: d.source.file, line: lineOf(d, path), via });
  };
  for (const d of docs) {
    if (d.disabled || !isObj(d.value)) continue;
    const v = d.value;
    const kind = str(v.kind);
    const group = groupOf(v.apiVersion);
    const name = str(at(v, 'metadata.name')) ?? '?';
    if (kind === 'ConfigMap' && group === '') {
      for (const [key, value] of Object.entries(isObj(v.data) ? v.data : {})) {
        const hit = VAR_KEYS.find(([re]) => re.test(key));
        const s = str(value);
        if (!hit || !s) continue;
        const fact: VersionFact = { component: hit[1], version: s, file: d.source.file, line: lineOf(d, `data.${key}`), via: `ConfigMap ${name} data.${key}`, variable: null };
        vars.set(key, fact);
        out.push(fact);
      }
    } else if (kind === 'Plan' && group === 'upgrade.cattle.io') {
      const version = str(at(v, 'spec.version'));
      const image = str(at(v, 'spec.upgrade.image')) ?? '';
      const component = planComponent(name, image);
      if (version) out.push({ component, version, file: d.source.file, line: lineOf(d, 'spec.version'), via: `Plan ${name} spec.version`, variable: null });
    } else if (kind === 'FluxInstance' && group === 'fluxcd.controlplane.io') {
      const version = str(at(v, 'spec.distribution.version'));
      if (version) out.push({ component: 'flux', version, file: d.source.file, line: lineOf(d, 'spec.distribution.version'), via: `FluxInstance ${name} spec.distribution.version`, variable: null });
    } else if (kind === 'HelmRelease' && group === 'helm.toolkit.fluxcd.io') {
      const version = str(at(v, 'spec.values.instance.distribution.version'));
      if (version) out.push({ component: 'flux', version, file: d.source.file, line: lineOf(d, 'spec.values.instance.distribution.version'), via: `HelmRelease ${name} (flux-instance values) instance.distribution.version`, variable: null });
    } else if (kind === 'Secret' && group === '') {
      for (const field of ['data', 'stringData']) {
        for (const key of Object.keys(isObj(v[field]) ? (v[field] as Record<string, unknown>) : {})) define(key, null, d, `${field}.${key}`, `Secret ${name} ${field}.${key}`);
      }
    } else if (!kind) {
      // talhelper's talconfig.yaml
      for (const [key, component] of [['talosVersion', 'talos'], ['kubernetesVersion', 'kubernetes']] as const) {
        const s = str(v[key]);
        const wiped = d.sops !== null || d.redactions.some((r) => r.path === key);
        if (s && !wiped) out.push({ component, version: s, file: d.source.file, line: lineOf(d, key), via: `${key}`, variable: null });
      }
      // ... and its talenv.yaml / talenv.sops.yaml: top-level keys (an encrypted value was wiped).
      for (const [key, value] of Object.entries(v)) {
        if (key === 'sops' || isObj(value) || Array.isArray(value)) continue;
        const text = d.sops || d.redactions.some((r) => r.path === key) ? null : str(value);
        define(key, text ?? null, d, key, key);
      }
    }
  }
  for (const h of headers) {
    const lines = h.text.split('\n').slice(0, 20);
    const i = lines.findIndex((l) => /^#\s*Flux Version:\s*\S+/i.test(l));
    if (i >= 0) out.push({ component: 'flux', version: /Flux Version:\s*(\S+)/i.exec(lines[i]!)![1]!, file: h.file, line: i + 1, via: 'gotk-components.yaml header', variable: null });
  }
  // A `${VAR}` value points at the ConfigMap key that holds the literal.
  // A `${VAR}` value points at the ConfigMap key that holds the literal, else at the file that sets it.
  const resolved = out.map((f): VersionFact => {
    const m = VAR_REF.exec(f.version);
    if (!m) return f;
    const name = m[1]!;
    const target = vars.get(name);
    if (target) return { ...f, version: target.version, variable: name, file: target.file, line: target.line, via: `${f.via} → ${target.via}` };
    const other = elsewhere.get(name);
    if (other?.value) return { ...f, version: other.value, variable: name, file: other.file, line: other.line, via: `${f.via} → ${other.file} ${other.via}` };
    if (other) return { ...f, variable: name, file: other.file, line: other.line, via: `${f.via} → ${other.file} ${other.via} (encrypted)`, setIn: other.file };
    return { ...f, variable: name, setIn: null };
  });
  const seen = new Set<string>();
  return resolved
    .filter((f) => {
      const k = `${f.component}|${f.file}|${f.line}|${f.via}`;
      return seen.has(k) ? false : (seen.add(k), true);
    })
    .sort((a, b) => a.component.localeCompare(b.component) || a.file.localeCompare(b.file) || a.line - b.line);
}

/** A Plan's component by its name first (a `kubernetes` Plan on Talos runs the talosctl image), then its image. */
function planComponent(name: string, image: string): Component {
  for (const text of [name, image]) {
    if (/k3s/i.test(text)) return 'k3s';
    if (/rke2/i.test(text)) return 'rke2';
    if (/kube|k8s/i.test(text)) return 'kubernetes';
    if (/talos/i.test(text)) return 'talos';
  }
  return 'kubernetes';
}
