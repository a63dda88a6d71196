/**
 * `diffAtlases(base, head)`: the semantic diff of two computed atlases (computeAtlas at two
 * revisions), as the DiffReport of schema.ts. Pure: the revisions are checked out and computed by
 * the caller (scripts/commands/diff.ts with checkout.ts).
 */
import { diffApps } from './apps.ts';
import { diffCoverage } from './coverage.ts';
import { diffFindings } from './findings.ts';
import { diffGraph } from './graph.ts';
import { diffRoadmap } from './roadmap.ts';
import type { DiffReport } from './schema.ts';
import { diffSecrets } from './secrets.ts';
import type { DiffSide } from './side.ts';
import { verdictOf } from './verdict.ts';
import { diffVersions } from './versions.ts';

export interface Revisions {
  base: DiffReport['base'];
  head: DiffReport['head'];
}

export function diffAtlases(base: DiffSide, head: DiffSide, revisions: Revisions): DiffReport {
  const apps = diffApps(base, head);
  const body = {
    apps,
    versions: diffVersions(base, head),
    dependsOn: diffGraph(base, head),
    secrets: diffSecrets(base, head, apps.moved),
    coverage: diffCoverage(base, head),
    findings: diffFindings(base, head, apps.moved),
    roadmap: diffRoadmap(base, head),
  };
  return { version: 1, ...revisions, verdict: verdictOf(body), ...body };
}

export type { DiffSide } from './side.ts';
