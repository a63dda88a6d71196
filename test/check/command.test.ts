/** `atlas check` as CI runs it: a child process over examples/homelab. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const run = (...args: string[]) => spawnSync(process.execPath, ['scripts/atlas.mjs', 'check', '--repo', 'examples/homelab', '--quiet', ...args], { cwd: ROOT, encoding: 'utf8' });

describe('atlas check over examples/homelab', () => {
  const text = run();

  it('exits 1 (the hard-coded Grafana password is an error) and prints one finding per line', () => {
    expect(text.status).toBe(1);
    const lines = text.stdout.trim().split('\n');
    expect(lines.every((l) => /^[^:\s]+:\d+:\d+ (error|warning|info) [A-Z_]+ /.test(l))).toBe(true);
    expect(text.stderr).toMatch(/findings \(\d+ errors/);
  });

  it('reports the EXPECTED.md health facts', () => {
    const out = text.stdout;
    expect(out).toContain('kubernetes/apps/observability/grafana/app/helmrelease.yaml:24:20 error HARDCODED_CREDENTIAL');
    expect(out).toContain('kubernetes/apps/productivity/n8n/app/pvc.yaml:2:1 warning BACKUP_MISSING PersistentVolumeClaim productivity/n8n-data');
    expect(out).toContain('kubernetes/apps/ai/ollama/app/pvc.yaml:3:1 warning BACKUP_MISSING PersistentVolumeClaim ai/ollama-models');
    expect(out).toContain('kubernetes/apps/media/namespace.yaml:2:1 info NETWORK_POLICY_MISSING Namespace media');
    expect(out).toMatch(/info MONITORING_MISSING kyverno \(app security\/kyverno\)/);
    expect(out).toMatch(/kube-prometheus-stack\/app\/helmrelease\.yaml:\d+:\d+ info RETENTION_UNDERUSES_VOLUME .*2GB.*12Gi/);
    // The claims the charts make from values: Prometheus's and Alertmanager's (the operator's StatefulSets) and Loki's.
    expect(out).toContain('kubernetes/apps/observability/kube-prometheus-stack/app/helmrelease.yaml:78:1 warning BACKUP_MISSING PersistentVolumeClaim observability/prometheus-kube-prometheus-stack-db-prometheus-kube-prometheus-stack-0 of StatefulSet prometheus-kube-prometheus-stack (12Gi)');
    expect(out).toContain('kubernetes/apps/observability/kube-prometheus-stack/app/helmrelease.yaml:41:1 warning BACKUP_MISSING PersistentVolumeClaim observability/alertmanager-kube-prometheus-stack-db-alertmanager-kube-prometheus-stack-0');
    expect(out).toContain('kubernetes/apps/observability/loki/app/helmrelease.yaml:49:1 warning BACKUP_MISSING PersistentVolumeClaim observability/storage-loki-0 of StatefulSet loki (20Gi)');
    expect(out.match(/ BACKUP_MISSING /g)).toHaveLength(5);
  });

  it('github and sarif formats carry the same findings', () => {
    const gh = run('--format', 'github');
    expect(gh.stdout).toContain('::warning file=kubernetes/apps/productivity/n8n/app/pvc.yaml,line=2,col=1,title=BACKUP_MISSING::');
    const sarif = JSON.parse(run('--format', 'sarif').stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBe(text.stdout.trim().split('\n').length);
  });

  it('--fail-on warning still fails; a baseline of today passes, and bad flags exit 2', () => {
    expect(run('--fail-on', 'warning').status).toBe(1);
    const dir = mkdtempSync(join(tmpdir(), 'atlas-check-'));
    const file = join(dir, 'baseline.json');
    const write = run('--write-baseline', file);
    expect([write.status, write.stdout]).toEqual([0, '']);
    expect(JSON.parse(readFileSync(file, 'utf8')).fingerprints.length).toBe(text.stdout.trim().split('\n').length);
    const again = run('--baseline', file, '--fail-on', 'info');
    expect([again.status, again.stdout]).toEqual([0, '']);
    expect(run('--format', 'xml').status).toBe(2);
    rmSync(dir, { recursive: true, force: true });
  });

  it('is deterministic', () => {
    const a = run('--format', 'json');
    expect(JSON.parse(a.stdout).findings.length).toBeGreaterThan(0);
    expect(a.stdout).toBe(run('--format', 'json').stdout);
  });
});
