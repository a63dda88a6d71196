/**
 * The GitHub Actions workflows the tests look at: the ones users copy (examples/workflows/) and this
 * repository's own (.github/workflows/), each parsed with its raw text kept (version comments live
 * in comments, which the parsed value drops).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

interface Job {
  permissions?: Record<string, string> | string;
  steps?: Step[];
  uses?: string;
  env?: Record<string, unknown>;
  environment?: unknown;
}

export interface Workflow {
  file: string;
  text: string;
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string> | string;
  env?: Record<string, string>;
  concurrency?: unknown;
  jobs: Record<string, Job>;
}

const WORKFLOW_DIRS = ['examples/workflows', '.github/workflows'];

export function workflowFiles(): string[] {
  return WORKFLOW_DIRS.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => join(dir, f)),
  );
}

export function readWorkflow(file: string): Workflow {
  const text = readFileSync(file, 'utf8');
  return { file, text, ...(parse(text) as Omit<Workflow, 'file' | 'text'>) };
}

export const allSteps = (wf: Workflow): Array<Step & { job: string }> =>
  Object.entries(wf.jobs).flatMap(([job, j]) => (j.steps ?? []).map((s) => ({ ...s, job })));

/** The step with this id (or name) in a workflow; throws so that a renamed step fails loudly. */
export function stepOf(wf: Workflow, key: string): Step {
  const step = allSteps(wf).find((s) => s.id === key || s.name === key);
  if (!step) throw new Error(`${wf.file}: no step ${key}`);
  return step;
}
