import type { DatabaseKind } from '../server/src/platform/db/database.js';
import { followupBenches } from './followup.js';
import { importPer10kb } from './import.js';
import { indicatorBenches } from './indicators.js';
import { nationalBenches } from './national.js';
import { planPage } from './plan-page.js';
import { reportSave } from './report-save.js';

/**
 * `npm run bench`: one JSON line per figure, on PGlite always and on PostgreSQL when
 * DATABASE_URL is set. Compare ratios within one run, not milliseconds across machines.
 */
const n = Number(process.env.BENCH_N ?? 200);
const backends: DatabaseKind[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
const benches = [planPage, importPer10kb, reportSave];

for (const backend of backends) {
  for (const bench of benches) {
    const result = await bench(backend, n);
    if (result) console.log(JSON.stringify(result));
  }
  if (process.env.BENCH_FOLLOWUP !== 'off')
    for (const r of await followupBenches(backend, n)) console.log(JSON.stringify(r));
  if (process.env.BENCH_INDICATORS !== 'off')
    for (const r of await indicatorBenches(backend, n)) console.log(JSON.stringify(r));
  // The national directory (npm run gen) once per backend, its four figures on it.
  if (process.env.BENCH_NATIONAL !== 'off') {
    for (const result of await nationalBenches(backend, n)) console.log(JSON.stringify(result));
  }
}
