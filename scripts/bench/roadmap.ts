/** A ROADMAP.md in the seed's format (status overview, items with Status/Priority/Check lines). */
import type { AppSpec } from './manifests.ts';

const AREAS: [string, string, string][] = [
  ['H', 'HIGH', 'Add a PVC backup for'],
  ['M', 'MEDIUM', 'Move the inline values of'],
  ['L', 'LOW', 'Document the runbook of'],
];

export function roadmapMarkdown(apps: readonly AppSpec[]): string {
  const items: string[] = [];
  const step = Math.max(1, Math.floor(apps.length / 30));
  for (let i = 0, n = 0; i < apps.length; i += step, n++) {
    const [letter, priority, verb] = AREAS[n % AREAS.length]!;
    const a = apps[i]!;
    const status = n % 4 === 0 ? 'Completed' : n % 4 === 1 ? 'In Progress' : 'Not Started';
    items.push(`### ${letter}-${1 + Math.floor(n / 3)}.${1 + (n % 3)}: ${verb} ${a.name}
**Status**: ${status}
**Priority**: ${priority}
**Effort**: 1-2 hours

**Action Items**:
1. Update \`kubernetes/apps/${a.namespace}/${a.name}\`
`);
  }
  return `# Homelab Improvement Roadmap

**Last Updated**: 2025-09-20
**Total Issues Identified**: ${items.length}

---

## HIGH PRIORITY (Next 1-2 Weeks)

${items.join('\n')}`;
}
