import type { AppFacts } from './app-facts-schema.ts';

/**
 * Which sections an app page shows, in order: each only where the repo says something. Shared by
 * the page (headings and table of contents) and the README export, so both agree.
 */
export interface SectionHead {
  slug: string;
  text: string;
}

export function appSections(f: AppFacts): SectionHead[] {
  const m = f.monitoring;
  const s = f.secrets;
  const out: SectionHead[] = [{ slug: 'purpose', text: 'Purpose' }];
  if (f.deployment.length) out.push({ slug: 'deployment', text: 'Deployment' });
  if (f.charts.length || f.images.length) out.push({ slug: 'chart-and-images', text: 'Chart and images' });
  if (f.dependsOn.length || f.dependedOnBy.length) out.push({ slug: 'dependencies', text: 'Dependencies' });
  // The graph section is always rendered (it says "no dependencies declared" where there are none).
  out.push({ slug: 'dependency-graph', text: 'Dependency graph' });
  if (f.endpoints.length) out.push({ slug: 'endpoints', text: 'Endpoints' });
  if (f.storage.length) out.push({ slug: 'storage', text: 'Storage' });
  if (s.sops.length || s.externalSecrets.length || s.clusterExternalSecrets.length || s.pushSecrets.length || s.sealed.length || s.plain.length || s.referenced.length || s.used.some((u) => u.defined === false)) out.push({ slug: 'secrets', text: 'Secrets' });
  if (f.storage.some((v) => !v.sharedFrom) || f.backup.objects.length) out.push({ slug: 'backup', text: 'Backup' });
  if (m.monitors.length || m.networkPolicies.length || m.policyExceptions.length || m.resources.length || m.securityContext.length) {
    out.push({ slug: 'monitoring-and-security', text: 'Monitoring and security' });
  }
  if (f.notes.length) out.push({ slug: 'known-issues-and-notes', text: 'Known issues and notes' });
  if (f.findings.length) out.push({ slug: 'findings', text: 'Findings' });
  out.push({ slug: 'recent-changes', text: 'Recent changes' });
  return out;
}
