/**
 * Kubernetes label selectors, as a ServiceMonitor, a PodMonitor or a NetworkPolicy writes them:
 * `matchLabels` and `matchExpressions`, all of which must hold.
 * https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#resources-that-support-set-based-requirements
 */
import { z } from 'zod';
import { arr, obj, str } from './values.ts';

/** One matchExpressions requirement of a label selector (`key`, `operator`: In, NotIn, Exists, DoesNotExist). */
export const SelectorRequirementSchema = z.object({ key: z.string(), operator: z.string(), values: z.array(z.string()) });
export type SelectorRequirement = z.output<typeof SelectorRequirementSchema>;

/**
 * Whether an object with these labels is selected: every requirement holds (none: everything is, as an
 * empty selector selects every Service or pod of a monitor's namespaces). An operator Kubernetes does
 * not know makes the API server refuse the object, which then selects nothing.
 */
export function selectorMatches(requirements: readonly SelectorRequirement[], labels: Readonly<Record<string, string>>): boolean {
  return requirements.every((r) => {
    const value = Object.hasOwn(labels, r.key) ? labels[r.key] : undefined;
    if (r.operator === 'In') return value !== undefined && r.values.includes(value);
    if (r.operator === 'NotIn') return value === undefined || !r.values.includes(value);
    if (r.operator === 'Exists') return value !== undefined;
    if (r.operator === 'DoesNotExist') return value === undefined;
    return false;
  });
}

/**
 * A `metav1.LabelSelector` as written (`matchLabels` and `matchExpressions`) as requirements: each
 * matchLabels pair is an `In` of one value. A requirement without a key or an operator is left out.
 */
export function selectorRequirements(selector: unknown): SelectorRequirement[] {
  const s = obj(selector);
  const labels = Object.entries(obj(s.matchLabels)).flatMap(([key, v]) => (str(v) !== null ? [{ key, operator: 'In', values: [str(v)!] }] : []));
  const expressions = arr(s.matchExpressions).flatMap((e) => {
    const key = str(obj(e).key);
    const operator = str(obj(e).operator);
    return key && operator ? [{ key, operator, values: arr(obj(e).values).flatMap((v) => (str(v) !== null ? [str(v)!] : [])) }] : [];
  });
  return [...labels, ...expressions];
}
