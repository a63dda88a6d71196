/**
 * IMAGE_AUTOMATION_NO_MARKERS: a Flux ImageUpdateAutomation whose `spec.update.path` holds no setter
 * marker (`# {"$imagepolicy": "<namespace>:<policy>"}`) in any YAML file of this repository.
 * image-automation-controller rewrites only the fields those markers sit on, so it commits nothing:
 * the image policies' new tags never reach the cluster (outside review: a staging automation whose
 * path `./apps/staging` had no marker, the markers all in `apps/base`).
 * https://fluxcd.io/flux/guides/image-update/#configure-image-update-for-custom-resources
 *
 * Only for an automation of this repository (its GitRepository is the one a cluster root builds from)
 * that a Flux build applies, with a path that holds no variable; the default path is the root.
 */
import { finding, type Finding } from '../../model/finding.ts';
import type { FluxKustomization } from '../../model/flux.ts';
import type { RawDoc } from '../../model/raw-doc.ts';
import { obj, str } from '../../model/values.ts';
import { isUnder, resolveFluxPath } from './paths.ts';
import type { WorkDoc } from './work-doc.ts';

export function imageAutomationFindings(objects: readonly WorkDoc[], docs: readonly RawDoc[], kustomizations: readonly FluxKustomization[]): Finding[] {
  const automations = objects.filter((w) => w.group === 'image.toolkit.fluxcd.io' && w.kind === 'ImageUpdateAutomation' && !w.raw.disabled && w.owners.length > 0);
  if (automations.length === 0) return [];
  // The repository's own GitRepositories: those its cluster roots build from.
  const own = new Set(kustomizations.filter((k) => k.isRoot && !k.disabled && !k.externalSource && k.sourceRef && (k.sourceRef.kind ?? 'GitRepository') === 'GitRepository').map((k) => `${k.sourceRef!.namespace ?? ''}/${k.sourceRef!.name}`));
  const marked = [...new Set(docs.filter((d) => d.imagePolicies !== undefined && Object.keys(d.imagePolicies).length > 0).map((d) => d.source.file))];
  const out: Finding[] = [];
  const seen = new Set<WorkDoc>();
  for (const w of automations) {
    const d = w.instanceOf ?? w;
    if (seen.has(d)) continue;
    seen.add(d);
    const spec = obj(w.body.spec);
    const ref = obj(obj(spec.sourceRef));
    const name = str(ref.name);
    const namespace = str(ref.namespace) ?? w.ns;
    if (!name || (str(ref.kind) ?? 'GitRepository') !== 'GitRepository' || !own.has(`${namespace ?? ''}/${name}`)) continue;
    const update = obj(spec.update);
    const written = str(update.path) ?? './';
    if (written.includes('${') || (str(update.strategy) ?? 'Setters') !== 'Setters') continue;
    const path = resolveFluxPath(written);
    if (path === null || marked.some((file) => isUnder(file, path))) continue;
    const elsewhere = marked.length > 0 ? ` (the repository's markers are in ${[...new Set(marked.map((f) => f.split('/').slice(0, -1).join('/') || '.'))].slice(0, 3).join(', ')}${marked.length > 3 ? ', ...' : ''})` : '';
    out.push(
      finding(
        'IMAGE_AUTOMATION_NO_MARKERS',
        'warning',
        `ImageUpdateAutomation ${w.ns ?? 'default'}/${str(obj(w.body.metadata).name) ?? '?'} updates the files under ${written}, and no YAML file there has an image policy marker (\`# {"$imagepolicy": "<namespace>:<policy>"}\`)${elsewhere}: it commits nothing, so new image tags never reach the cluster. Put the markers on the image fields under that path, or point spec.update.path at the files that have them.`,
        { file: w.file, line: w.raw.lines['spec.update.path'] ?? w.raw.lines['spec.update'] ?? w.raw.source.line, col: 1 },
        { area: 'flux' },
      ),
    );
  }
  return out;
}
