/** The health report's areas, one page each (/health/<area>/): a leaf module, so the pages import no analysis. */
export const HEALTH_AREAS = ['backup', 'monitoring', 'network', 'policy', 'flux', 'versions', 'vpa', 'dashboards', 'retention'] as const;
export type HealthArea = (typeof HEALTH_AREAS)[number];
