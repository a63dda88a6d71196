/**
 * The floor of the scan: read every YAML file of a repository and parse it once with the `yaml`
 * package (parseAllDocuments + toJS), and, with --markdown, every Markdown file once with the
 * parser the site uses (satteri, CommonMark + GFM); nothing else. The scan cannot do less
 * than this, so its time over the floor's is what our model, positions, Flux semantics and
 * analyses cost.
 *
 *   node scripts/bench/floor.ts REPO [--markdown]   (prints {"files":N,"docs":N,"bytes":N,...} on stdout)
 *
 * It imports only node:fs, node:path and yaml (and the Markdown parser when asked), so that as a
 * child process it measures the same start-up a minimal scanner would pay.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

const YAML = /\.(ya?ml)$/i;
const MARKDOWN = /\.(md|markdown)$/i;

function filesOf(root: string, pattern: RegExp): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      if (d.name === '.git' || d.name === 'node_modules') continue;
      const p = join(dir, d.name);
      if (d.isDirectory()) walk(p);
      else if (d.isFile() && pattern.test(d.name)) out.push(p);
    }
  };
  walk(root);
  return out.sort();
}

/** YAML files under `root` (recursive, .git and node_modules skipped), sorted, absolute. */
export function yamlFilesOf(root: string): string[] {
  return filesOf(root, YAML);
}

/** Markdown files under `root`, the same way. */
export function markdownFilesOf(root: string): string[] {
  return filesOf(root, MARKDOWN);
}

/** Read and parse each Markdown file once (GFM: tables, autolinks); returns the bytes read. */
export async function readAndParseMarkdown(files: readonly string[]): Promise<number> {
  const { markdownToMdast } = await import('satteri');
  let bytes = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    bytes += text.length;
    markdownToMdast(text, { features: { gfm: true, frontmatter: false, math: false } });
  }
  return bytes;
}

export interface FloorResult {
  files: number;
  docs: number;
  bytes: number;
}

/** Read and parse each file once; the result only proves the work was done. */
export function readAndParse(files: readonly string[]): FloorResult {
  let docs = 0;
  let bytes = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    bytes += text.length;
    for (const doc of parseAllDocuments(text)) {
      if ('toJS' in doc) {
        doc.toJS();
        docs++;
      }
    }
  }
  return { files: files.length, docs, bytes };
}

if (import.meta.main) {
  const root = process.argv[2];
  if (!root) {
    process.stderr.write('Usage: node scripts/bench/floor.ts REPO [--markdown]\n');
    process.exit(2);
  }
  const yaml = readAndParse(yamlFilesOf(root));
  const markdown = process.argv.includes('--markdown') ? markdownFilesOf(root) : [];
  const markdownBytes = markdown.length ? await readAndParseMarkdown(markdown) : 0;
  process.stdout.write(JSON.stringify({ ...yaml, markdownFiles: markdown.length, markdownBytes }) + '\n');
}
