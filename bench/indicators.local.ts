import type { DatabaseKind } from '../server/src/platform/db/database.js';
import { indicatorBenches } from './indicators.js';

/** `npx tsx bench/indicators.local.ts`: only the indicator figures (BENCH_N runs, DATABASE_URL adds PostgreSQL, BENCH_BACKENDS=postgres picks). */
const n = Number(process.env.BENCH_N ?? 200);
const backends = (process.env.BENCH_BACKENDS?.split(',') ??
  (process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'])) as DatabaseKind[];
for (const backend of backends) for (const r of await indicatorBenches(backend, n)) console.log(JSON.stringify(r));
