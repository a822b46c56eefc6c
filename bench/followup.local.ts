import type { DatabaseKind } from '../server/src/platform/db/database.js';
import { followupBenches } from './followup.js';

/** `npx tsx bench/followup.local.ts`: only the follow-up figures (BENCH_N runs, DATABASE_URL adds PostgreSQL). */
const n = Number(process.env.BENCH_N ?? 200);
const backends: DatabaseKind[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
for (const backend of backends) for (const r of await followupBenches(backend, n)) console.log(JSON.stringify(r));
