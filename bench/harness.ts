import { performance } from 'node:perf_hooks';
import { modules } from '../server/src/modules/index.js';
import { bootstrap } from '../server/src/platform/bootstrap.js';
import { type DatabaseHandle, type DatabaseKind, openDatabase } from '../server/src/platform/db/database.js';
import { openThrowaway } from '../server/src/test-support/db.js';

/** One line per figure: the operation's median and p95, the floor underneath it and their ratio. */
export interface Figure {
  bench: string;
  backend: DatabaseKind;
  median_ms: number;
  p95_ms: number;
  floor_ms: number | null;
  ratio: number | null;
  n: number;
}

export async function sample(fn: () => Promise<unknown>, n: number, warmup = Math.min(20, n)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const round = (x: number) => Math.round(x * 1000) / 1000;

export function figure(bench: string, backend: DatabaseKind, times: number[], floor: number[] | null): Figure {
  const median = quantile(times, 0.5);
  const floorMedian = floor ? quantile(floor, 0.5) : null;
  return {
    bench,
    backend,
    median_ms: round(median),
    p95_ms: round(quantile(times, 0.95)),
    floor_ms: floorMedian === null ? null : round(floorMedian),
    ratio: floorMedian ? round(median / floorMedian) : null,
    n: times.length,
  };
}

/** A demo database on each backend: PGlite in memory, and a throwaway database on DATABASE_URL's server. */
export async function benchDatabase(kind: DatabaseKind, password: string): Promise<DatabaseHandle> {
  if (kind === 'pglite') {
    const handle = await openDatabase({});
    await bootstrap(handle.db, { demo: true, demoPassword: password, modules });
    return handle;
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const handle = await openThrowaway(url, { prefix: 'tk_bench_' });
  await bootstrap(handle.db, { demo: true, demoPassword: password, modules });
  return handle;
}
