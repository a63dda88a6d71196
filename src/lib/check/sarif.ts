/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per finding code, one result per finding with its
 * file and line. https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
import { findingInfo } from '../../model/finding-codes.ts';
import type { Finding, FindingCode, Severity } from '../../model/finding.ts';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: string; informationUri: string; rules: { id: string; name: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
      partialFingerprints?: Record<string, string>;
    }[];
  }[];
}

/** The registry's one-line summary, as plain text. */
const summaryOf = (code: FindingCode) => findingInfo(code).summary.replace(/`/g, '');

export function toSarif(findings: readonly Finding[], fingerprint?: (f: Finding) => string): SarifLog {
  const codes = [...new Set(findings.map((f) => f.code))].sort();
  const worst = (code: string) => {
    const sev = findings.filter((f) => f.code === code).map((f) => f.severity);
    return sev.includes('error') ? 'error' : sev.includes('warning') ? 'warning' : 'info';
  };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'gitops-atlas',
            informationUri: 'https://github.com/gitops-atlas/gitops-atlas',
            rules: codes.map((id) => ({ id, name: id, shortDescription: { text: summaryOf(id) }, defaultConfiguration: { level: LEVEL[worst(id)] } })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.code,
          ruleIndex: codes.indexOf(f.code),
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: f.source.file }, region: { startLine: f.source.line, startColumn: f.source.col } } }],
          ...(fingerprint ? { partialFingerprints: { atlasFingerprint: fingerprint(f) } } : {}),
        })),
      },
    ],
  };
}
