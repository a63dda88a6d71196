/**
 * HELMREPOSITORY_TYPE_MISMATCH: a HelmRepository whose URL and `spec.type` disagree. An `oci://` URL
 * needs `type: oci` (without it source-controller fetches an index.yaml over a scheme it cannot speak:
 * `unsupported protocol scheme "oci"`); `type: oci` with an http(s) URL stalls ("the URL scheme is not
 * supported"). Either way no chart of it is ever fetched, and every HelmRelease of it fails (outside
 * review: a bitnamicharts OCI repository without its type). https://fluxcd.io/flux/components/source/helmrepositories/#type
 */
import { finding, type Finding } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { isLive } from './common.ts';

export function helmRepositoryTypeFindings(model: Pick<RepoModel, 'sources' | 'kustomizations'>): Finding[] {
  const out: Finding[] = [];
  for (const s of model.sources) {
    if (s.kind !== 'HelmRepository' || s.url === null || `${s.url}${s.type ?? ''}`.includes('${') || !isLive(s, model)) continue;
    const oci = /^oci:\/\//i.test(s.url);
    const http = /^https?:\/\//i.test(s.url);
    const typed = s.type === 'oci';
    if ((oci && !typed) || (http && typed)) {
      out.push(
        finding(
          'HELMREPOSITORY_TYPE_MISMATCH',
          'error',
          oci
            ? `HelmRepository ${s.namespace ?? 'default'}/${s.name} has an oci:// URL but no \`type: oci\`: source-controller reads it as an HTTP repository and cannot fetch it ("unsupported protocol scheme"), so no HelmRelease gets a chart from it. Add \`spec.type: oci\` (or use an OCIRepository with chartRef).`
            : `HelmRepository ${s.namespace ?? 'default'}/${s.name} has \`type: oci\` but an ${s.url.split(':')[0]} URL: source-controller refuses the URL scheme, so no HelmRelease gets a chart from it. Remove the type, or give its oci:// URL.`,
          s.source,
          { area: 'flux', objectId: s.id, ...(s.appId ? { appId: s.appId } : {}) },
        ),
      );
    }
  }
  return out;
}
