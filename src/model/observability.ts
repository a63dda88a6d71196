import { z } from 'zod';
import { KObjectBase } from './k8s-object.ts';
import { SelectorRequirementSchema } from './label-selector.ts';

/** ServiceMonitor, PodMonitor, PrometheusRule (monitoring.coreos.com), or a monitor enabled in Helm values. */
export const MonitorSchema = z.object({
  ...KObjectBase,
  monitorKind: z.enum(['ServiceMonitor', 'PodMonitor', 'PrometheusRule', 'values']),
  /** For 'values': the key path that enables it, e.g. `serviceMonitor.enabled`. */
  valuesPath: z.string().nullable(),
  rules: z.number().int(),
  /**
   * What a ServiceMonitor or PodMonitor manifest scrapes: the values of its selector's labels
   * (`labels`: matchLabels and `In` values, for matching names), the whole selector (`requirements`:
   * each matchLabels entry as `In [value]`, then matchExpressions as written), and the namespaces of its
   * namespaceSelector (null: its own namespace; `any: true`: every namespace).
   */
  selects: z
    .object({
      labels: z.array(z.object({ key: z.string(), value: z.string() })),
      requirements: z.array(SelectorRequirementSchema),
      namespaces: z.array(z.string()).nullable(),
      anyNamespace: z.boolean(),
    })
    .optional(),
  /**
   * A monitor an operator makes from a switch on its resource, not a manifest: the resource and the
   * switch (`Cluster postgres, spec.monitoring.enablePodMonitor`). Flux applies no such object, so it
   * needs no Prometheus CRDs upstream, says nothing of a Prometheus stack, and scrapes only that
   * resource's pods. Absent for manifests and values.
   */
  madeBy: z.string().optional(),
});
export type Monitor = z.output<typeof MonitorSchema>;
