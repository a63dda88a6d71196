/**
 * Summarise a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self time, and
 * the same grouped by file, so the README can say where the time goes.
 *
 *   node scripts/bench/cpu-profile.ts FILE.cpuprofile [--top 20]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface SelfTime {
  name: string;
  ms: number;
  share: number;
}

/** Shorten a file URL to what identifies it: node_modules/<pkg>/..., src/..., or node:internal. */
export function shortUrl(url: string): string {
  if (!url) return '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length);
  const src = url.search(/\/(src|scripts)\//);
  return src >= 0 ? url.slice(src + 1) : url.replace(/^file:\/\//, '');
}

/** Self time per function and per file, from sample time deltas (accurate where hitCount is not). */
export function summarize(profile: Profile, top = 20): { total: number; functions: SelfTime[]; files: SelfTime[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const fn = new Map<string, number>();
  const file = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const n = byId.get(id);
    if (!n) return;
    total += dt;
    const url = shortUrl(n.callFrame.url);
    const name = `${n.callFrame.functionName || '(anonymous)'} ${url}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ''}`;
    fn.set(name, (fn.get(name) ?? 0) + dt);
    const f = url.replace(/:\d+$/, '');
    file.set(f, (file.get(f) ?? 0) + dt);
  });
  const list = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, ms]) => ({ name, ms: Math.round(ms), share: ms / total }));
  return { total: Math.round(total), functions: list(fn), files: list(file) };
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string' } } });
  const top = Number(values.top ?? 20);
  const s = summarize(JSON.parse(readFileSync(positionals[0]!, 'utf8')) as Profile, top);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  process.stdout.write(`total sampled: ${s.total} ms\n\n| self ms | share | function |\n|---:|---:|---|\n`);
  for (const f of s.functions) process.stdout.write(`| ${f.ms} | ${pct(f.share)} | \`${f.name}\` |\n`);
  process.stdout.write(`\n| self ms | share | file |\n|---:|---:|---|\n`);
  for (const f of s.files) process.stdout.write(`| ${f.ms} | ${pct(f.share)} | \`${f.name}\` |\n`);
}
