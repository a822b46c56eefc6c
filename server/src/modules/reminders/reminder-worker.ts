/**
 * A reminder worker in its own process, for the crash test (reminders.crash.db.test.ts).
 *   tsx reminder-worker.ts setup — bootstrap the demo, clear its follow-through, add one period of
 *                                  obligations, e-mail addresses
 *   tsx reminder-worker.ts work  — run the reminder jobs at NOW (a fixed clock) until none is left
 * Database: DATABASE_URL, or DATA_DIR (PGlite). SMTP_URL: the test's SMTP server.
 * CRASH_AT: scan | deliver | mail-before | mail-after — where the worker stops (prints
 * "crash-point …" and sleeps inside the job's transaction) so that the test can kill it there.
 * RUN: distinguishes the scan jobs of successive starts (cron would send a new one each time).
 */
import { sql } from 'kysely';
import { bootstrap } from '../../platform/bootstrap.js';
import { fixedClock } from '../../platform/clock.js';
import { openDatabase } from '../../platform/db/database.js';
import { JOB_SCHEMA, JobQueue } from '../../platform/jobs.js';
import type { JobDefinition } from '../../platform/types.js';
import { clearFollowup, insertTestObligations } from '../../test-support/obligations.js';
import { modules } from '../index.js';
import { deliverJob, mailJob, SCAN_QUEUE, scanJob } from './ladder.js';
import { setMailer, smtpMailer } from './mail.js';

const database = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR });
const crashAt = process.env.CRASH_AT ?? '';
let crashed = false;
async function crashPoint(name: string) {
  if (crashAt !== name || crashed) return;
  crashed = true;
  console.log(`crash-point ${name}`);
  await new Promise(() => {}); // the test kills the process here
}

const mode = process.argv[2];
if (mode === 'setup') {
  await bootstrap(database.db, { demo: true, demoPassword: 'crash-test', modules });
  // The demo's own follow-through (its periods, reminders, notifications) is not this test's:
  // every row counted afterwards is one this worker made.
  await clearFollowup(database.db);
  const plan = await database.db.selectFrom('plan').select('id').executeTakeFirstOrThrow();
  const rows = await insertTestObligations(database.db, plan.id, [
    { key: '2026-Q1', start: '2026-01-01', end: '2026-03-15', due: '2026-03-20' },
  ]);
  for (const name of ['xa1-canbo', 'xa1-truong', 'giamsat']) {
    await database.db
      .updateTable('app_user')
      .set({ email: `${name}@trienkhai.test` })
      .where('username', '=', name)
      .execute();
  }
  console.log(`ready ${rows.length}`);
  await database.close();
} else {
  const smtp = smtpMailer(process.env.SMTP_URL as string, 'Triển Khai <nhacviec@trienkhai.test>');
  setMailer({
    from: 'Triển Khai <nhacviec@trienkhai.test>',
    mailer: {
      async send(mail) {
        await crashPoint('mail-before');
        await smtp.send(mail);
        console.log(`mailed ${mail.messageId}`);
        await crashPoint('mail-after');
      },
    },
  });
  const jobs = new JobQueue(database, modules, fixedClock(process.env.NOW as string));
  const short = { expireInSeconds: 5, retryDelaySeconds: 1, retryLimit: 20 };
  const withCrash = <T extends object>(job: JobDefinition<T>, point: string): JobDefinition<T> => ({
    ...job,
    ...short,
    handler: async (ctx, data) => {
      await job.handler(ctx, data);
      await crashPoint(point);
    },
  });
  jobs.define({ ...withCrash(scanJob, 'scan'), schedule: undefined } as JobDefinition);
  jobs.define(withCrash(deliverJob, 'deliver'));
  jobs.define({ ...mailJob, ...short });
  await jobs.start({ pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, schedules: false });
  await jobs.send(SCAN_QUEUE, {}, { key: `scan-${process.env.NOW}-${process.env.RUN}` });
  console.log('worker started');
  let quiet = 0;
  while (quiet < 3) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.raw(JOB_SCHEMA)}.job
      where name like 'reminders.%' and state in ('created', 'retry', 'active')`.execute(database.db);
    quiet = rows[0]?.n === 0 ? quiet + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  console.log('idle');
  await jobs.stop();
  await database.close();
}
