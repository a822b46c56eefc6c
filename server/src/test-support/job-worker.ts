/**
 * A job worker in its own process, for the crash test (platform/jobs.db.test.ts).
 *   tsx job-worker.ts send   — bootstrap the database, enqueue one probe job with key "probe-1"
 *   tsx job-worker.ts work   — run the worker until the probe job is completed, then exit
 * Database: DATABASE_URL, or DATA_DIR (PGlite). PROBE_SLEEP_MS: how long the probe sleeps after
 * its effect, inside the transaction, before the job completes (the test kills it there).
 */
import { sql } from 'kysely';
import { modules } from '../modules/index.js';
import { bootstrap } from '../platform/bootstrap.js';
import { openDatabase } from '../platform/db/database.js';
import { JOB_SCHEMA, JobQueue } from '../platform/jobs.js';

const database = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR });
const jobs = new JobQueue(database, modules);
jobs.define({
  name: 'test.probe',
  expireInSeconds: 2,
  retryDelaySeconds: 1,
  retryLimit: 5,
  handler: async (ctx) => {
    await sql`insert into job_probe (key, runs) values (${ctx.key}, 1)
      on conflict (key) do update set runs = job_probe.runs + 1`.execute(ctx.db);
    console.log(`effect ${ctx.key}`);
    await new Promise((resolve) => setTimeout(resolve, Number(process.env.PROBE_SLEEP_MS ?? 0)));
  },
});

const mode = process.argv[2];
if (mode === 'send') {
  await bootstrap(database.db, { demo: false, demoPassword: '', modules });
  await sql`create table if not exists job_probe (key text primary key, runs int not null)`.execute(database.db);
  console.log(`sent ${await jobs.send('test.probe', {}, { key: 'probe-1' })}`);
  await jobs.stop();
  await database.close();
} else {
  await jobs.start({ pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, schedules: false });
  console.log('worker started');
  for (;;) {
    const { rows } = await sql<{ state: string }>`select state::text as state from ${sql.raw(JOB_SCHEMA)}.job
      where name = 'test.probe'`.execute(database.db);
    if (rows[0]?.state === 'completed') break;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  console.log('completed');
  await jobs.stop();
  await database.close();
}
