import { z } from 'zod';
import { KObjectBase } from './k8s-object.ts';

/** ServiceMonitor, PodMonitor, PrometheusRule (monitoring.coreos.com), or a monitor enabled in Helm values. */
export const MonitorSchema = z.object({
  ...KObjectBase,
  monitorKind: z.enum(['ServiceMonitor', 'PodMonitor', 'PrometheusRule', 'values']),
  /** For 'values': the key path that enables it, e.g. `serviceMonitor.enabled`. */
  valuesPath: z.string().nullable(),
  rules: z.number().int(),
});
export type Monitor = z.output<typeof MonitorSchema>;
