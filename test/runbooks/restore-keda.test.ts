/**
 * A restore scales the app to 0; a KEDA ScaledObject that scales the app's workload would scale it
 * back up mid-restore (outside review). The runbook pauses it before the scale-down and lifts the
 * pause at the end, only where the repository has one: the app's own, or one naming its workload.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { code, load } from './load.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';
import type { Runbook } from '../../src/analysis/runbooks/types.ts';

const repo = tempRepos(afterAll);

const claim = (name: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n`;
const deployment = (name: string, kind = 'Deployment') => `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n`;
const scaledObject = (name: string, target: string, kind?: string) =>
  `apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: ${name}\nspec:\n  minReplicaCount: 0\n  scaleTargetRef:\n${kind ? `    kind: ${kind}\n` : ''}    name: ${target}\n  triggers:\n    - type: cron\n      metadata:\n        timezone: UTC\n        start: 0 8 * * *\n        end: 0 20 * * *\n        desiredReplicas: "1"\n`;
const ks = (name: string, extra = '') => fluxKustomization(name, `./apps/${name}`, `  targetNamespace: work\n${extra}`);

async function scanned() {
  const r = repo('restore-keda');
  r.put('clusters/home/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/home'));
  r.put('clusters/home/apps.yaml', [ks('web'), ks('scalers'), ks('chat', '  postBuild:\n    substitute:\n      APP: chat\n'), ks('db'), ks('plain')].join('---\n'));
  // web: a plain Deployment that a ScaledObject of another app (scalers) names.
  r.put('apps/web/app.yaml', [deployment('web'), claim('web-data')].join('---\n'));
  // db: a StatefulSet; the ScaledObject naming `db` defaults to kind Deployment, so it is not db's.
  r.put('apps/db/app.yaml', [deployment('db', 'StatefulSet'), claim('db-data')].join('---\n'));
  r.put('apps/scalers/scalers.yaml', [scaledObject('web-scaler', 'web'), scaledObject('db-scaler', 'db'), `# ${scaledObject('web-old', 'web').split('\n').join('\n# ')}`].join('---\n'));
  // chat: a chart's Deployment, and a ScaledObject the app's own Kustomization applies.
  r.put('apps/chat/release.yaml', [helmRelease({ name: 'chat' }), claim('chat-data'), scaledObject('${APP}-scaler', '${APP}')].join('---\n'));
  r.put('apps/plain/app.yaml', [deployment('plain'), claim('plain-data')].join('---\n'));
  return load(r.root);
}

const restoreOf = (runbooks: Runbook[], name: string): Runbook => runbooks.find((x) => x.kind === 'restore' && x.id.endsWith(`/${name}`))!;
const lines = (rb: Runbook) => code(rb).split('\n');

describe('the restore runbook of an app KEDA scales', () => {
  it('pauses the ScaledObject before the scale-down and lifts the pause after the restore', async () => {
    const { runbooks } = await scanned();
    for (const [app, scaler] of [['web', 'web-scaler'], ['chat', 'chat-scaler']] as const) {
      const rb = restoreOf(runbooks, app);
      const l = lines(rb);
      const pause = l.indexOf(`kubectl -n work annotate scaledobject ${scaler} autoscaling.keda.sh/paused=true --overwrite`);
      const unpause = l.indexOf(`kubectl -n work annotate scaledobject ${scaler} autoscaling.keda.sh/paused-`);
      const down = l.findIndex((x) => x.startsWith('kubectl scale') && x.endsWith('--replicas=0'));
      const resume = l.findIndex((x) => x.startsWith('flux resume'));
      expect(pause, app).toBeGreaterThan(-1);
      expect(pause, app).toBeLessThan(down);
      expect(unpause, app).toBeGreaterThan(resume);
      const scaleDown = rb.sections.find((s) => s.slug === 'scale-down')!;
      expect(scaleDown.blocks.some((b) => b.type === 'refs' && b.refs.some((x) => x.file.startsWith('apps/'))), app).toBe(true);
    }
  });

  it('adds no step where no live ScaledObject scales the app', async () => {
    const { runbooks } = await scanned();
    for (const app of ['db', 'plain']) expect(code(restoreOf(runbooks, app)), app).not.toContain('scaledobject');
    // Only web's own: not the commented-out one, nor db's.
    expect(code(restoreOf(runbooks, 'web')).match(/paused=true/g)).toHaveLength(1);
  });
});
