import { performance } from 'node:perf_hooks';
import { loadConfig } from '../config.js';
import { modules } from '../modules/index.js';
import { bootstrap } from '../platform/bootstrap.js';
import { openDatabase } from '../platform/db/database.js';
import { generateNational } from './national.js';
import { generateNationalFigures } from './national-figures.js';

/**
 * `npm run gen`: the demo plus a synthetic country (server/src/dev/national.ts) in the database
 * of DATABASE_URL, or PGlite in DATA_DIR. Refuses a database that already holds the country.
 * GEN_SEED changes the country; GEN_COMMUNES makes a smaller one. Indicator values follow for
 * 2021–2025 (national-figures.ts; GEN_YEARS=2024,2025 picks years, GEN_FIGURES=off none).
 */
const config = loadConfig(process.env);
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  const t0 = performance.now();
  await bootstrap(database.db, { demo: true, demoPassword: config.demoPassword, modules });
  const existing = await database.db
    .selectFrom('org_unit')
    .select('id')
    .where('code', '=', 'tw-bbt')
    .executeTakeFirst();
  if (existing) {
    console.error('gen: this database already holds the national directory; nothing changed.');
    process.exitCode = 1;
  } else {
    const result = await generateNational(database.db, {
      seed: process.env.GEN_SEED ? Number(process.env.GEN_SEED) : undefined,
      communes: process.env.GEN_COMMUNES ? Number(process.env.GEN_COMMUNES) : undefined,
    });
    const t1 = performance.now();
    const figures =
      process.env.GEN_FIGURES === 'off'
        ? { values: 0 }
        : await generateNationalFigures(database.db, {
            years: process.env.GEN_YEARS ? process.env.GEN_YEARS.split(',').map(Number) : undefined,
          });
    const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
    console.log(
      `gen: ${result.units} units (${result.communes} communes and wards), ${result.documents} documents, ` +
        `${result.plans} plan with ${result.assignments} assignments, ${figures.values} indicator values ` +
        `(${Math.round(performance.now() - t1)} ms) into ${where} in ${Math.round(performance.now() - t0)} ms`,
    );
  }
} finally {
  await database.close();
}
