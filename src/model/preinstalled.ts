import { z } from 'zod';
import { SourceSchema } from './source.ts';

/**
 * Something installed before Flux runs (a bootstrap helmfile release, a `helm install` or
 * `kubectl apply` in a bootstrap script, CRDs under `bootstrap/`, or a comment saying so). Flux
 * cannot order against these, and need not: they exist before the first Kustomization is applied.
 */
const PreinstalledSchema = z.object({
  /** Release, chart or product name (`kube-prometheus-stack`, `coredns`), `crd:<group>` for CRDs, or `namespace:<name>` for a namespace the bootstrap creates. */
  name: z.string(),
  via: z.enum(['helmfile', 'script', 'manifest', 'comment']),
  source: SourceSchema,
});
export type Preinstalled = z.output<typeof PreinstalledSchema>;
