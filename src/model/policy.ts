import { z } from 'zod';
import { KObjectBase } from './k8s-object.ts';

/** A Kyverno ClusterPolicy/Policy. https://kyverno.io/docs/writing-policies/ */
export const KyvernoPolicySchema = z.object({
  ...KObjectBase,
  action: z.string().nullable(),
  background: z.boolean().nullable(),
  rules: z.array(z.object({ name: z.string(), type: z.string(), excludeNamespaces: z.array(z.string()) })),
});
export type KyvernoPolicy = z.output<typeof KyvernoPolicySchema>;

/** A Kyverno PolicyException: which policies/rules it waives. */
export const PolicyExceptionSchema = z.object({
  ...KObjectBase,
  policies: z.array(z.string()),
});
export type PolicyException = z.output<typeof PolicyExceptionSchema>;

/** A VerticalPodAutoscaler and its update mode. */
export const VpaSchema = z.object({
  ...KObjectBase,
  target: z.string().nullable(),
  updateMode: z.string().nullable(),
});
export type Vpa = z.output<typeof VpaSchema>;
