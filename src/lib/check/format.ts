/**
 * Output formats of `atlas check`: text for people (`file:line:col severity CODE message`), JSON for
 * scripts, and GitHub workflow commands that annotate the pull request diff.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
 */
import type { Finding, Severity } from '../../model/finding.ts';
import type { SilencedFinding } from '../../analysis/silence.ts';
import { fingerprint } from './baseline.ts';
import { toSarif } from './sarif.ts';
import { needsTerminalEscape, terminalText } from '../terminal-text.ts';

export const FORMATS = ['text', 'json', 'github', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * Messages are one line; a stray newline from user data would break line-based output, and other
 * control characters (an ANSI escape in a manifest name) must not reach a terminal as such:
 * everything printed goes through terminalText (src/lib/terminal-text.ts).
 */
const oneLine = (s: string) => terminalText(s.replace(/\r?\n|\r/g, ' '));

/**
 * A path with a newline, another control character, a quote or a leading `::` (a workflow
 * command, when the text format is printed in a CI log) is quoted with escapes, as git quotes it.
 */
const textPath = (file: string) => (needsTerminalEscape(file) || file.includes('"') ? terminalText(JSON.stringify(file)) : file);

/** One line per finding and nothing else, so that the output greps and diffs; the summary goes to stderr. */
export function formatText(findings: readonly Finding[]): string {
  return findings.map((f) => `${textPath(f.source.file)}:${f.source.line}:${f.source.col} ${f.severity} ${f.code} ${oneLine(f.message)}\n`).join('');
}

export function summary(findings: readonly Finding[]): string {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return `${findings.length} finding${findings.length === 1 ? '' : 's'} (${count('error')} errors, ${count('warning')} warnings, ${count('info')} info)`;
}

function formatJson(findings: readonly Finding[], silenced: readonly SilencedFinding[] = []): string {
  return JSON.stringify({ findings, silenced: silenced.map((s) => ({ ...s.finding, silenced: s.reason })) }, null, 2) + '\n';
}

/** Escaping of a workflow command's message (data): % CR LF. */
export function escapeGithubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a workflow command's property value: % CR LF, and also : and , which separate properties. */
export function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITHUB_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

export function formatGithub(findings: readonly Finding[]): string {
  return findings
    .map((f) => {
      const props = [`file=${escapeGithubProperty(terminalText(f.source.file))}`, `line=${f.source.line}`, `col=${f.source.col}`, `title=${escapeGithubProperty(f.code)}`].join(',');
      // Line breaks stay (GitHub shows them in the annotation); every other control character is escaped.
      const message = f.message.split(/\r\n|\r|\n/).map(terminalText).join('\n');
      return `::${GITHUB_LEVEL[f.severity]} ${props}::${escapeGithubData(message)}\n`;
    })
    .join('');
}

export function formatFindings(format: Format, findings: readonly Finding[], silenced: readonly SilencedFinding[] = []): string {
  switch (format) {
    case 'text':
      return formatText(findings);
    case 'json':
      return formatJson(findings, silenced);
    case 'github':
      return formatGithub(findings);
    case 'sarif':
      return JSON.stringify(toSarif(findings, fingerprint), null, 2) + '\n';
  }
}
