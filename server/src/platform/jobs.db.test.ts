import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, templateName, testDatabase, throwawayDatabase } from '../test-support/db.js';
import { type DatabaseHandle, openDatabase } from './db/database.js';
import { JOB_SCHEMA, JobQueue } from './jobs.js';

const WORKER = join(import.meta.dirname, '../test-support/job-worker.ts');

async function until<T>(probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function jobState(db: DatabaseHandle['db'], id: string) {
  const { rows } = await sql<{ state: string; retry_count: number }>`
    select state::text as state, retry_count from ${sql.raw(JOB_SCHEMA)}.job where id = ${id}::uuid`.execute(db);
  return rows[0];
}

describe.each(backends())('durable jobs on %s', (kind) => {
  let database: DatabaseHandle;
  let jobs: JobQueue;
  const effects: string[] = [];
  let failOnce = true;

  beforeAll(async () => {
    database = await testDatabase(kind, 'empty');
    jobs = new JobQueue(database);
    jobs.define({
      name: 'test.effect',
      retryDelaySeconds: 1,
      handler: async (ctx, data: { fail?: boolean }) => {
        await ctx.db
          .insertInto('audit_log')
          .values({ actor_name: 'job', action: 'test.effect', entity_type: 'job', entity_id: ctx.key })
          .execute();
        if (data.fail && failOnce) {
          failOnce = false;
          throw new Error('first attempt fails');
        }
        effects.push(ctx.key);
      },
    });
    await jobs.start({ pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, schedules: false });
  }, 60_000);
  afterAll(async () => {
    await jobs.stop();
    await database.close();
  });

  const audits = async (key: string) =>
    (await database.db.selectFrom('audit_log').select('id').where('entity_id', '=', key).execute()).length;

  it('runs a job once per idempotency key, and a second send of the key adds nothing', async () => {
    const id = await jobs.send('test.effect', {}, { key: 'once' });
    expect(id).toBeTruthy();
    expect(await jobs.send('test.effect', {}, { key: 'once' })).toBeNull();
    await until(async () => ((await jobState(database.db, id as string))?.state === 'completed' ? true : undefined));
    expect(effects.filter((k) => k === 'once')).toHaveLength(1);
    expect(await audits('once')).toBe(1);
    // Archived or not, the receipt keeps a later job with the same key from repeating the effect.
    await sql`delete from ${sql.raw(JOB_SCHEMA)}.job where id = ${id}::uuid`.execute(database.db);
    const again = (await jobs.send('test.effect', {}, { key: 'once' })) as string;
    await until(async () => ((await jobState(database.db, again))?.state === 'completed' ? true : undefined));
    expect(effects.filter((k) => k === 'once')).toHaveLength(1);
    expect(await audits('once')).toBe(1);
  }, 60_000);

  it('retries a failed attempt; the failed attempt left no effect', async () => {
    const id = (await jobs.send('test.effect', { fail: true }, { key: 'retried' })) as string;
    const done = await until(async () => {
      const s = await jobState(database.db, id);
      return s?.state === 'completed' ? s : undefined;
    });
    expect(done.retry_count).toBe(1);
    expect(await audits('retried')).toBe(1);
  }, 60_000);

  it('waits for the time a job is scheduled at', async () => {
    const id = (await jobs.send(
      'test.effect',
      {},
      { key: 'later', startAfter: new Date(Date.now() + 3_000) },
    )) as string;
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await jobState(database.db, id))?.state).toBe('created');
    await until(async () => ((await jobState(database.db, id))?.state === 'completed' ? true : undefined));
    expect(effects).toContain('later');
  }, 60_000);
});

/** The worker is a real process, killed with SIGKILL inside the job's transaction. */
describe.each(backends())('a worker killed mid-job on %s', (kind) => {
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;
  const open = () =>
    openDatabase(kind === 'pglite' ? { dataDir: env.DATA_DIR as string } : { url: env.DATABASE_URL as string });

  beforeAll(async () => {
    if (kind === 'pglite') {
      const dir = mkdtempSync(join(tmpdir(), 'trienkhai-jobs-'));
      env = { ...process.env, DATA_DIR: dir, DATABASE_URL: '' };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const database = await throwawayDatabase(process.env.TEST_DATABASE_URL as string, {
        template: templateName('empty'),
      });
      env = { ...process.env, DATABASE_URL: database.url };
      cleanup = database.drop;
    }
  });
  afterAll(() => cleanup());

  const start = (mode: string, extra: NodeJS.ProcessEnv = {}) =>
    spawn(process.execPath, ['--import', 'tsx', WORKER, mode], { env: { ...env, ...extra }, stdio: 'pipe' });
  const output = (child: ChildProcess, text: string) =>
    new Promise<string>((resolve, reject) => {
      let seen = '';
      child.stdout?.on('data', (chunk) => {
        seen += chunk;
        if (seen.includes(text)) resolve(seen);
      });
      child.stderr?.on('data', (chunk) => {
        seen += chunk;
      });
      child.on('exit', (code) => (seen.includes(text) ? resolve(seen) : reject(new Error(`exit ${code}: ${seen}`))));
    });

  it('takes the job again after the lease and makes its effect exactly once', async () => {
    await output(start('send'), 'sent');
    const first = start('work', { PROBE_SLEEP_MS: '600000' });
    await output(first, 'effect probe-1'); // the effect is written, the transaction is open
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));

    const second = start('work', { PROBE_SLEEP_MS: '0' });
    const log = await output(second, 'completed');
    expect(log).toContain('effect probe-1');
    await new Promise((r) => second.once('exit', r));

    const database = await open();
    try {
      const { rows } = await sql<{ key: string; runs: number }>`select key, runs from job_probe`.execute(database.db);
      expect(rows).toEqual([{ key: 'probe-1', runs: 1 }]);
      const receipts = await database.db.selectFrom('job_receipt').select(['key', 'queue']).execute();
      expect(receipts).toEqual([{ key: 'test.probe:probe-1', queue: 'test.probe' }]);
      const job = await sql<{ state: string; retry_count: number }>`select state::text as state, retry_count
        from ${sql.raw(JOB_SCHEMA)}.job where name = 'test.probe'`.execute(database.db);
      expect(job.rows).toEqual([{ state: 'completed', retry_count: 1 }]);
    } finally {
      await database.close();
    }
  }, 120_000);
});
