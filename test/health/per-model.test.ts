/**
 * The health matrices are computed once per model: the pages read the scan's model with every
 * analysis' findings added (a new object of the same parts), and each matrix was computed a second
 * time for it. A model with other parts is computed afresh.
 */
import { describe, expect, it } from 'vitest';
import { backupMatrix } from '../../src/analysis/health/backup.ts';
import { monitoringMatrix } from '../../src/analysis/health/monitoring.ts';
import { networkMatrix } from '../../src/analysis/health/network.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';

describe('a matrix per model', async () => {
  const { model } = await scanRepo('examples/homelab', parseConfig({}));

  it.each([
    ['backup', backupMatrix],
    ['monitoring', monitoringMatrix],
    ['network', networkMatrix],
  ] as const)('%s: the same result for the model with other findings, a new one for other apps', (_, matrix) => {
    const first = matrix(model).result;
    expect(matrix({ ...model, findings: [...model.findings] }).result).toBe(first);
    const other = matrix({ ...model, apps: model.apps.slice(1) }).result;
    expect(other).not.toBe(first);
  });
});
