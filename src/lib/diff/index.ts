/**
 * `diffAtlases(base, head)`: the semantic diff of two computed atlases (computeAtlas at two
 * revisions), as the DiffReport of schema.ts. Pure: the revisions are checked out and computed by
 * the caller (scripts/commands/diff.ts with checkout.ts).
 */
import { diffApps } from './apps.ts';
import { diffAppContents } from './app-contents.ts';
import { diffCoverage } from './coverage.ts';
import { diffFindings } from './findings.ts';
import { diffGraph } from './graph.ts';
import { diffReleases, stableApps } from './releases.ts';
import { diffRoadmap } from './roadmap.ts';
import type { AppChange, DiffReport } from './schema.ts';
import { diffSecrets } from './secrets.ts';
import { byString, type DiffSide } from './side.ts';
import { verdictOf } from './verdict.ts';
import { diffVersions } from './versions.ts';

export interface Revisions {
  base: DiffReport['base'];
  head: DiffReport['head'];
}

export function diffAtlases(base: DiffSide, head: DiffSide, revisions: Revisions): DiffReport {
  const apps = diffApps(base, head);
  const stable = stableApps(base, head);
  const body = {
    apps,
    versions: diffVersions(base, head),
    changes: [...diffReleases(base, head, stable), ...diffAppContents(base, head, stable)].sort(byChange),
    dependsOn: diffGraph(base, head),
    secrets: diffSecrets(base, head, apps.moved),
    coverage: diffCoverage(base, head),
    findings: diffFindings(base, head, apps.moved),
    roadmap: diffRoadmap(base, head),
  };
  return { version: 1, ...revisions, verdict: verdictOf(body), ...body };
}

const AREAS: readonly AppChange['area'][] = ['chart', 'image', 'values', 'flux', 'endpoint', 'volume', 'object'];
const byChange = (a: AppChange, b: AppChange): number =>
  byString(a.appId ?? '', b.appId ?? '') || AREAS.indexOf(a.area) - AREAS.indexOf(b.area) || byString(a.subject, b.subject) || byString(a.change, b.change) || byString(a.detail, b.detail);

export type { DiffSide } from './side.ts';
