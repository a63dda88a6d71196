import { finding, type Finding } from '../../model/finding.ts';
import { applyPatch, patchTargets, type Patch } from './patches.ts';
import { metaName, type WorkDoc } from './work-doc.ts';

/** Apply one patch to every document it targets; problems become findings at the patch's line. */
/** Apply a patch to every target it selects; returns how many it selected. */
export function applyAll(read: { patch: Patch | null; error: string | null }, targets: WorkDoc[], file: string, line: number, findings: Finding[], mustMatch: boolean): number {
  if (!read.patch) {
    findings.push(finding('PATCH_NOT_APPLIED', 'warning', `Patch could not be read: ${read.error}.`, { file, line, col: 1 }, { area: 'flux' }));
    return 0;
  }
  let matched = 0;
  for (const d of targets) {
    if (!patchTargets(read.patch, d)) continue;
    matched++;
    const error = applyPatch(read.patch, d);
    if (error) {
      findings.push(finding('PATCH_NOT_APPLIED', 'warning', `Patch does not apply to ${d.kind} ${metaName(d) ?? '?'}: ${error}.`, { file, line, col: 1 }, { area: 'flux' }));
    }
  }
  if (matched === 0 && mustMatch) {
    findings.push(finding('PATCH_NO_TARGET', 'warning', 'Patch matches no object in this build (kustomize build would fail).', { file, line, col: 1 }, { area: 'flux' }));
  }
  return matched;
}
