/**
 * Shared by the data-export tests: the computed atlas of a repository (as the CLI computes it),
 * ajv over the published JSON Schema, and Backstage's own validators over catalog entities.
 */
import { join } from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import {
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  componentEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  type Entity,
} from '@backstage/catalog-model';
import { loadConfig } from '../../src/config/load.ts';
import { computeAtlas, type Atlas } from '../../src/pipeline/atlas.ts';
import { atlasJsonSchema } from '../../src/lib/export/json-schema.ts';

export const EXAMPLE = join(import.meta.dirname, '../../examples/homelab');
export const CORPUS = join(import.meta.dirname, '../../../shared/corpus');

export function atlasOf(dir: string, overrides: Record<string, unknown> = {}): Promise<Atlas> {
  return computeAtlas(dir, loadConfig(dir, overrides));
}

/** ajv (draft 2020-12, strict) compiled once over `atlas.schema.json`. */
export function schemaValidator(schema: Record<string, unknown> = atlasJsonSchema()): (doc: unknown) => ErrorObject[] {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const validate = ajv.compile(schema);
  return (doc) => (validate(doc) ? [] : (validate.errors ?? [{ message: 'invalid' } as ErrorObject]));
}

const policy = EntityPolicies.allOf([new DefaultNamespaceEntityPolicy(), new NoForeignRootFieldsEntityPolicy(), new FieldFormatEntityPolicy(), new SchemaValidEntityPolicy()]);
const kindValidators = { Component: componentEntityV1alpha1Validator, System: systemEntityV1alpha1Validator, Location: locationEntityV1alpha1Validator };

/**
 * What the Backstage catalog does with an entity it reads: the envelope and field-format policies,
 * then the kind's own schema. Returns the error message, or null when the entity is accepted.
 */
export async function backstageError(entity: unknown): Promise<string | null> {
  try {
    const checked = (await policy.enforce(structuredClone(entity) as Entity)) as Entity;
    const validator = kindValidators[checked.kind as keyof typeof kindValidators];
    if (!validator) return `no validator for kind ${checked.kind}`;
    if (!(await validator.check(checked))) return `kind ${checked.kind} not recognised by its validator`;
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
