import type { DatabaseKind } from '../server/src/platform/db/database.js';
import { indicatorBenches } from './indicators.js';

/** `npx tsx bench/indicators.local.ts`: only the indicator figures (BENCH_N runs, DATABASE_URL adds PostgreSQL). */
const n = Number(process.env.BENCH_N ?? 200);
const backends: DatabaseKind[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
for (const backend of backends) for (const r of await indicatorBenches(backend, n)) console.log(JSON.stringify(r));
