/**
 * Line scanning for roadmap Markdown: one pass that tells headings, rules and fenced code apart,
 * so that a `### H-1.1:` or `- [ ]` inside a YAML or shell example is never taken for structure.
 * Regexes are anchored and free of nested quantifiers, and lines longer than LONG_LINE are never
 * matched for structure at all, which keeps a 10 MB roadmap linear.
 */

const LONG_LINE = 4000;

type LineKind = 'blank' | 'heading' | 'rule' | 'fence' | 'code' | 'text';

export interface ScannedLine {
  /** 1-based line number. */
  n: number;
  text: string;
  kind: LineKind;
  /** Heading level (1..6) for headings, else 0. */
  level: number;
  /** Heading text without the `#` marks and closing hashes. */
  heading: string;
}

const HEADING_RE = /^ {0,3}(#{1,6})[ \t]+(.*)$/;
const FENCE_RE = /^ {0,3}(`{3,}|~{3,})/;
const RULE_RE = /^ {0,3}([-*_])[ \t]*\1[ \t]*\1[ \t]*$/;

/** Split on `\n`, drop the `\r` of CRLF endings, classify each line. */
export function scanLines(text: string): ScannedLine[] {
  const raw = text.split('\n');
  const out: ScannedLine[] = [];
  let fence: { char: string; length: number } | null = null;
  for (let i = 0; i < raw.length; i++) {
    let t = raw[i]!;
    if (t.endsWith('\r')) t = t.slice(0, -1);
    const n = i + 1;
    const long = t.length > LONG_LINE;
    if (fence) {
      const m = long ? null : FENCE_RE.exec(t);
      const closes = m !== null && m[1]![0] === fence.char && m[1]!.length >= fence.length && t.trim() === m[1];
      out.push({ n, text: t, kind: closes ? 'fence' : 'code', level: 0, heading: '' });
      if (closes) fence = null;
      continue;
    }
    if (t.trim() === '') {
      out.push({ n, text: t, kind: 'blank', level: 0, heading: '' });
      continue;
    }
    if (long) {
      out.push({ n, text: t, kind: 'text', level: 0, heading: '' });
      continue;
    }
    const f = FENCE_RE.exec(t);
    if (f) {
      fence = { char: f[1]![0]!, length: f[1]!.length };
      out.push({ n, text: t, kind: 'fence', level: 0, heading: '' });
      continue;
    }
    const h = HEADING_RE.exec(t);
    if (h) {
      const heading = h[2]!.replace(/[ \t]+#+[ \t]*$/, '').trim();
      out.push({ n, text: t, kind: 'heading', level: h[1]!.length, heading });
      continue;
    }
    out.push({ n, text: t, kind: RULE_RE.test(t) ? 'rule' : 'text', level: 0, heading: '' });
  }
  return out;
}

/** Line number of the first line `bodyOf` keeps (the line after `fallback` when none). */
export function bodyStart(lines: readonly ScannedLine[], fallback: number): number {
  const first = lines.find((l) => l.kind !== 'blank' && l.kind !== 'rule');
  return first ? first.n : fallback + 1;
}

/** Join lines back into Markdown, trimming blank lines and rules at both ends. */
export function bodyOf(lines: readonly ScannedLine[]): string {
  let a = 0;
  let b = lines.length;
  while (a < b && (lines[a]!.kind === 'blank' || lines[a]!.kind === 'rule')) a++;
  while (b > a && (lines[b - 1]!.kind === 'blank' || lines[b - 1]!.kind === 'rule')) b--;
  return lines
    .slice(a, b)
    .map((l) => l.text)
    .join('\n');
}

/** `**Key**: value` (also `**Key:** value` and `- **Key**: value`). */
const FIELD_RE = /^\s{0,3}(?:[-*+]\s+)?\*\*([^*]{1,80}?)(?::\*\*|\*\*\s*:)\s*(.*)$/;

export function fieldOf(text: string): { key: string; value: string } | null {
  if (text.length > LONG_LINE) return null;
  const m = FIELD_RE.exec(text);
  return m ? { key: m[1]!.trim(), value: m[2]!.trim() } : null;
}

/** `**Label**` at the start of a line followed by other text (`**Files to Update** (48 found):`). */
const LABEL_RE = /^\s{0,3}\*\*([^*]{1,80})\*\*(.*)$/;

export function labelOf(text: string): { label: string; rest: string } | null {
  if (text.length > LONG_LINE) return null;
  const m = LABEL_RE.exec(text);
  return m ? { label: m[1]!.trim(), rest: m[2]!.trim() } : null;
}

const CHECKBOX_RE = /^(\s*)[-*+]\s+\[([ xX])\]\s+(.*)$/;

export function checkboxOf(text: string): { indent: number; checked: boolean; text: string } | null {
  if (text.length > LONG_LINE) return null;
  const m = CHECKBOX_RE.exec(text);
  return m ? { indent: m[1]!.length, checked: m[2] !== ' ', text: m[3]!.trim() } : null;
}

const NUMBERED_RE = /^( {0,3})(\d{1,4})[.)]\s+(.*)$/;

/** A top-level numbered list entry (`1. text`); nested ones (indented 4+) are not actions. */
export function numberedOf(text: string): string | null {
  if (text.length > LONG_LINE) return null;
  const m = NUMBERED_RE.exec(text);
  return m ? m[3]!.trim() : null;
}

const BULLET_RE = /^(\s*)[-*+]\s+(.*)$/;

export function bulletOf(text: string): { indent: number; text: string } | null {
  if (text.length > LONG_LINE) return null;
  const m = BULLET_RE.exec(text);
  return m ? { indent: m[1]!.length, text: m[2]!.trim() } : null;
}

/** Backticked spans of a line: `a/b.yaml` and friends. */
export function backticks(text: string): string[] {
  if (text.length > LONG_LINE) return [];
  const out: string[] = [];
  for (const m of text.matchAll(/`([^`\n]{1,300})`/g)) out.push(m[1]!.trim());
  return out;
}

/** Whether a backticked span looks like a repo path (has a `/` or a file extension, no blanks). */
export function looksLikePath(span: string): boolean {
  if (/\s/.test(span) || span.startsWith('/') || span.includes('://')) return false;
  return span.includes('/') || /\.[A-Za-z0-9]{1,8}$/.test(span);
}

const DATE_RE = /\b(\d{4}-\d{2}-\d{2})\b/;

export function dateIn(text: string): string | null {
  return DATE_RE.exec(text.slice(0, 400))?.[1] ?? null;
}
