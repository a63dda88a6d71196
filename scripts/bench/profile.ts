/**
 * In-process CPU profile of a function with node:inspector (no --cpu-prof restart needed), summarised
 * by scripts/bench/cpu-profile.ts. The benchmark uses it to show where the time of a figure goes.
 */
import { Session } from 'node:inspector/promises';
import { summarize } from './cpu-profile.ts';

export async function profiled<T>(fn: () => Promise<T>, top = 15): Promise<{ value: T; profile: ReturnType<typeof summarize> }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    const value = await fn();
    const { profile } = await session.post('Profiler.stop');
    return { value, profile: summarize(profile as unknown as Parameters<typeof summarize>[0], top) };
  } finally {
    session.disconnect();
  }
}
