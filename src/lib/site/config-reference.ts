/**
 * The configuration reference of the guide, generated from the zod schema at build time
 * (z.toJSONSchema), so the documented fields, types, defaults and descriptions cannot drift
 * from what `loadConfig` accepts.
 */
import { z } from 'zod';
import { AtlasConfigSchema } from '../../config/schema.ts';

interface JsonSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minLength?: number;
  anyOf?: JsonSchema[];
}

/** One line of Markdown: no newlines; inline code for literal values. */
const cell = (s: string): string => s.replace(/\r?\n/g, ' ');
const code = (v: unknown): string => '`' + JSON.stringify(v).replace(/`/g, "'") + '`';

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (s.anyOf) return s.anyOf.map(typeOf).join(' | ');
  const t = Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? 'any');
  if (t === 'array') return `${s.items ? typeOf(s.items) : 'any'}[]`;
  if (t === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') {
    return `map of ${typeOf(s.additionalProperties)}`;
  }
  if (t === 'string' && s.format === 'uri') return 'URL';
  return t;
}

function constraints(s: JsonSchema): string {
  const out: string[] = [];
  if (s.pattern) out.push(`matches \`${s.pattern}\``);
  if (s.minLength) out.push(`at least ${s.minLength} character${s.minLength > 1 ? 's' : ''}`);
  return out.length ? ` (${out.join(', ')})` : '';
}

function rows(schema: JsonSchema, prefix: string): string[] {
  const out: string[] = [];
  for (const [key, s] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    const def = s.default === undefined ? '' : code(s.default);
    // One block per field rather than a table: descriptions and defaults are too long for columns.
    out.push(`### \`${path}\``, '', `Type: ${typeOf(s)}${def ? ` · default ${def}` : ''}`, '');
    const text = (s.description ?? '') + constraints(s);
    if (text.trim()) out.push(cell(text), '');
    const nested = s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object'));
    if (nested && s.properties) for (const r of rows(s, path)) out.push(r);
    if (s.type === 'array' && s.items?.properties) for (const r of rows(s.items, `${path}[]`)) out.push(r);
  }
  return out;
}

/** The whole reference page body (Markdown, without front matter). */
export function configReferenceMarkdown(): string {
  const schema = z.toJSONSchema(AtlasConfigSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return [
    'GitOps Atlas reads an optional `atlas.config.yaml` (or `.yml`) at the root of the repository it documents.',
    'Every field is optional. Command-line flags (`--title`, `--site`, `--base`, `--repo-url`, ...) override the file.',
    'Unknown fields are errors, and all mistakes are reported together in one message.',
    '',
    'This reference is generated from the schema the program validates with, so it is always current.',
    '',
    '## Fields',
    '',
    ...rows(schema, ''),
    '',
    '## Example',
    '',
    '```yaml',
    'title: Home Ops',
    'site: https://me.github.io',
    'base: /home-ops',
    'repoUrl: https://github.com/me/home-ops/blob/main/',
    'exclude: ["**/*.example.yaml"]',
    'archive: [".archive/**", "retired"]',
    'noindex: true',
    'silence:',
    '  - code: DEPENDED_ON_WITHOUT_WAIT',
    '    object: Kustomization/flux-system/cilium',
    '    reason: cilium is checked by its own health checks',
    '```',
    '',
  ].join('\n');
}
