/**
 * The scalar fields of kustomize's Kustomization type that this build reads, by the Go type kustomize
 * decodes each into. kustomize turns the YAML into JSON first and decodes that with encoding/json
 * (api/types Kustomization.Unmarshal), so a YAML number or boolean where a string belongs stops the
 * build: `images: [{name: app, newTag: 1.10}]` is "json: cannot unmarshal number into Go struct field
 * Image.images.newTag of type string" (kubectl kustomize v5.5; outside review: the page showed the
 * tag as 1.1, the app deployed). So does a string where a number or a boolean belongs (`count: "3"`,
 * `includeSelectors: "true"`). Each field below was refused so by kubectl kustomize v5.5.
 *
 * The kustomization.yaml at a Flux Kustomization's own path is read first by Flux's generator
 * (fluxcd/pkg kustomize generator), with sigs.k8s.io/yaml's Unmarshal, which turns a number or boolean
 * into the string a string field wants (1.10 becomes "1.1") and writes the file back: there only a
 * number or boolean field of the wrong type stops the build. The build then reads "1.1", as this
 * emulation does (values.ts str).
 */
import { isObj } from '../../model/values.ts';

type Scalar = 'string' | 'int64' | 'bool';
type Spec = Scalar | { map: Scalar } | { list: Spec } | { fields: Readonly<Record<string, Spec>> };

const STRINGS: Spec = { map: 'string' };
const PATHS: Spec = { list: 'string' };
const SELECTOR: Spec = { fields: { group: 'string', version: 'string', kind: 'string', name: 'string', namespace: 'string', labelSelector: 'string', annotationSelector: 'string' } };
const PATCH: Spec = { list: { fields: { path: 'string', patch: 'string', target: SELECTOR, options: { map: 'bool' } } } };
const GENERATOR_OPTIONS: Spec = { fields: { labels: STRINGS, annotations: STRINGS, disableNameSuffixHash: 'bool', immutable: 'bool' } };
const GENERATOR = { name: 'string', namespace: 'string', behavior: 'string', literals: PATHS, files: PATHS, envs: PATHS, env: 'string', options: GENERATOR_OPTIONS } as const;

/** Go's names for the type kustomize wants and the JSON type it got, as its error says them. */
const GO_TYPE: Record<Scalar, string> = { string: 'string', int64: 'int64', bool: 'bool' };

const FIELDS: Readonly<Record<string, Spec>> = {
  namespace: 'string',
  namePrefix: 'string',
  nameSuffix: 'string',
  commonLabels: STRINGS,
  commonAnnotations: STRINGS,
  labels: { list: { fields: { pairs: STRINGS, includeSelectors: 'bool', includeTemplates: 'bool' } } },
  images: { list: { fields: { name: 'string', newName: 'string', newTag: 'string', digest: 'string' } } },
  replicas: { list: { fields: { name: 'string', count: 'int64' } } },
  patches: PATCH,
  patchesJson6902: PATCH,
  patchesStrategicMerge: PATHS,
  configMapGenerator: { list: { fields: GENERATOR } },
  secretGenerator: { list: { fields: { ...GENERATOR, type: 'string' } } },
  generatorOptions: GENERATOR_OPTIONS,
  resources: PATHS,
  bases: PATHS,
  components: PATHS,
  crds: PATHS,
  configurations: PATHS,
  generators: PATHS,
  transformers: PATHS,
  validators: PATHS,
};

/**
 * Fields whose value a message may repeat: an image, a replica count, a namespace or a name's prefix
 * or suffix. Never a generator's literal or an annotation, which may hold a credential.
 */
const SAYS_VALUE = /^(images\.\d+\.\w+|replicas\.\d+\.count|namespace|namePrefix|nameSuffix)$/;

export interface FieldTypeIssue {
  /** Key path in the kustomization (`images.0.newTag`), for its line. */
  path: string;
  message: string;
}

/** The JSON type a YAML value becomes, as Go's decoder names it; null for a value of the wanted type, a null, or a collection. */
function mismatch(v: unknown, want: Scalar): string | null {
  if (v === null || v === undefined || typeof v === 'object') return null;
  if (want === 'string') return typeof v === 'string' ? null : typeof v === 'boolean' ? 'bool' : 'number';
  if (want === 'bool') return typeof v === 'boolean' ? null : typeof v === 'string' ? 'string' : 'number';
  if (typeof v === 'number') return Number.isInteger(v) ? null : `number ${v}`;
  return typeof v === 'string' ? 'string' : 'bool';
}

/**
 * Every scalar of a field above whose YAML type kustomize cannot decode into the field's type: of the
 * string fields (`strings`), which stop kustomize only where it reads the file itself, not at a Flux
 * Kustomization's own path (see above); or of the number and boolean fields, which stop it everywhere.
 */
export function fieldTypeIssues(body: Readonly<Record<string, unknown>>, which: 'strings' | 'others'): FieldTypeIssue[] {
  const out: FieldTypeIssue[] = [];
  const walk = (v: unknown, spec: Spec, path: string) => {
    if (typeof spec === 'string') {
      const got = mismatch(v, spec);
      if (got === null || (spec === 'string') !== (which === 'strings')) return;
      const what = got === 'bool' ? 'a boolean' : got === 'string' ? 'a string' : 'a number';
      const value = SAYS_VALUE.test(path) ? ` (read as ${String(v)})` : '';
      const wanted = spec === 'string' ? 'a string' : spec === 'bool' ? 'true or false' : 'a whole number';
      const fix = spec === 'string' ? ` Quote it${typeof v === 'number' && !Number.isInteger(v) ? ' as written (unquoted, `1.10` is the number 1.1)' : ''}.` : spec === 'bool' ? ' Write true or false, unquoted.' : ' Write a whole number, unquoted.';
      const field = path.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
      out.push({ path, message: `${field} is ${what}${value}, where kustomize reads ${wanted} ("json: cannot unmarshal ${got} into Go struct field ... of type ${GO_TYPE[spec]}"), so it cannot read the file.${fix}` });
      return;
    }
    if ('map' in spec) {
      if (isObj(v)) for (const [k, x] of Object.entries(v)) walk(x, spec.map, `${path}.${k}`);
    } else if ('list' in spec) {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, spec.list, `${path}.${i}`));
    } else if (isObj(v)) {
      for (const [k, s] of Object.entries(spec.fields)) if (Object.hasOwn(v, k)) walk(v[k], s, `${path}.${k}`);
    }
  };
  for (const [key, spec] of Object.entries(FIELDS)) if (Object.hasOwn(body, key)) walk(body[key], spec, key);
  return out;
}
