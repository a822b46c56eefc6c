import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { modules } from './modules/index.js';
import { bootstrap } from './platform/bootstrap.js';
import { systemClock } from './platform/clock.js';
import { openDatabase } from './platform/db/database.js';
import { JobQueue } from './platform/jobs.js';

/** config → database → app → listen */
export async function serve(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    connectTimeoutMs: config.dbConnectTimeoutMs,
    statementTimeoutMs: config.dbStatementTimeoutMs,
  });
  const result = await bootstrap(database.db, { demo: config.demo, demoPassword: config.demoPassword, modules });
  const jobs = new JobQueue(database, modules, systemClock);
  const app = await buildApp({ config, database, clock: systemClock, jobs });
  app.log.info(
    { database: database.kind, migration: result.migration, demoLoaded: result.demoLoaded },
    result.demoLoaded
      ? 'demo loaded (tài khoản demo: admin, giamsat, thuongtruc, xa1-truong, xa1-canbo)'
      : 'database ready',
  );
  if (config.jobs) await jobs.start();
  const shutdown = async () => {
    await jobs.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
}
