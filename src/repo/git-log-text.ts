import type { FileChange, RawCommit } from '../model/changelog-entry.ts';
import { finding, type Finding } from '../model/finding.ts';
import { fileSource } from '../model/source.ts';

/**
 * Parser of the corpus `git-log.txt` format (commit / Date: / Subject: / blank / name-status lines).
 * It exists so that the classifier is measured on thousands of real subjects; it returns the same
 * RawCommit structure as the git CLI reader. Lines it cannot read become findings, not exceptions.
 */
export function parseGitLogText(
  text: string,
  file = 'git-log.txt',
): { commits: RawCommit[]; findings: Finding[] } {
  const commits: RawCommit[] = [];
  const findings: Finding[] = [];
  let current: RawCommit | null = null;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line === '' || line.startsWith('#')) return;
    const commit = /^commit ([0-9a-f]{7,64})$/.exec(line);
    if (commit) {
      current = { sha: commit[1]!, date: '', subject: '', files: [] };
      commits.push(current);
      return;
    }
    if (!current) {
      findings.push(unreadable(file, index + 1, 'before the first "commit" line'));
      return;
    }
    const c: RawCommit = current;
    if (line.startsWith('Date: ')) {
      c.date = line.slice(6).trim();
      return;
    }
    if (line.startsWith('Subject: ') || line === 'Subject:') {
      c.subject = line.slice(9);
      return;
    }
    const change = parseNameStatus(line.split('\t'));
    if (change) c.files.push(change);
    else findings.push(unreadable(file, index + 1, 'not a name-status line'));
  });
  return { commits, findings };
}

/** One `--name-status` record split into fields: [status, path] or [Rnnn, old, new]. */
export function parseNameStatus(fields: readonly string[]): FileChange | null {
  const [raw, first, second] = fields;
  if (!raw || !first) return null;
  const letter = raw[0];
  if (!letter || !'AMDRCTUX'.includes(letter)) return null;
  const status = letter as FileChange['status'];
  if (status === 'R' || status === 'C') {
    if (!second) return null;
    return { status, path: second, oldPath: first };
  }
  return { status, path: first };
}

function unreadable(file: string, line: number, why: string): Finding {
  return finding(
    'GIT_LOG_LINE_UNREADABLE',
    'warning',
    `Line ${line} of ${file} is ${why}; it was skipped.`,
    fileSource(file, line),
    { area: 'changelog' },
  );
}
