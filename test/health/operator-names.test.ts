/**
 * Which component a release is, for the monitoring matrix: tuppr (home-operations' Talos upgrade
 * controller) was named Rancher's system-upgrade-controller, another project (outside review:
 * "MONITORING_MISSING system-upgrade-controller (app system-upgrade/tuppr)").
 */
import { describe, expect, it } from 'vitest';
import { operatorOf } from '../../src/analysis/health/operators.ts';

describe('operatorOf', () => {
  it('names tuppr as tuppr, and system-upgrade-controller as itself', () => {
    expect(operatorOf('tuppr', 'tuppr')?.key).toBe('tuppr');
    expect(operatorOf(null, 'tuppr')?.key).toBe('tuppr');
    expect(operatorOf('system-upgrade-controller', 'suc')?.key).toBe('system-upgrade-controller');
  });
  it('takes the chart name before the release name', () => {
    expect(operatorOf('app-template', 'cilium')?.key).toBe('cilium');
    expect(operatorOf('cert-manager', 'tuppr')?.key).toBe('cert-manager');
  });
});
