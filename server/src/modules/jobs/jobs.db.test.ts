import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_SCHEMA } from '../../platform/jobs.js';
import { type Session, type TestApp, testApp } from '../../test-support/app.js';
import { backends } from '../../test-support/db.js';

describe.each(backends())('the jobs page API on %s', (kind) => {
  let t: TestApp;
  let admin: Session;
  let failedId: string;
  let queuedId: string;

  beforeAll(async () => {
    t = await testApp(kind, 'demo', {
      jobs: [
        {
          name: 'test.report',
          retryLimit: 0,
          handler: async () => {
            throw new Error('report service unreachable');
          },
        },
      ],
    });
    admin = await t.login('admin');
    failedId = (await t.jobs.send('test.report', { n: 1 }, { key: 'report-1' })) as string;
    queuedId = (await t.jobs.send('test.report', { n: 2 }, { startAfter: new Date(Date.now() + 3_600_000) })) as string;
    await t.jobs.start({ pollingIntervalSeconds: 0.5, schedules: true });
    for (let i = 0; i < 100; i++) {
      const { rows } = await sql<{ state: string }>`select state::text as state from ${sql.raw(JOB_SCHEMA)}.job
        where id = ${failedId}::uuid`.execute(t.db);
      if (rows[0]?.state === 'failed') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await t.jobs.stop();
  }, 120_000);
  afterAll(() => t.close());

  it('lists queued and failed jobs with counts per state', async () => {
    const res = await admin.request({ method: 'GET', url: '/api/v1/jobs' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.counts).toMatchObject({ failed: 1, created: 1 });
    // Every module's scheduled job, as the manifests declare them, in Vietnam time.
    expect(body.schedules).toEqual(
      expect.arrayContaining([
        { queue: 'auth.purge-sessions', cron: '30 2 * * *', timezone: 'Asia/Ho_Chi_Minh' },
        { queue: 'followup.sync', cron: '15 0 * * *', timezone: 'Asia/Ho_Chi_Minh' },
        { queue: 'reminders.scan', cron: '*/15 6-21 * * *', timezone: 'Asia/Ho_Chi_Minh' },
      ]),
    );
    expect(body.schedules).toHaveLength(3);
    const failed = (await admin.request({ method: 'GET', url: '/api/v1/jobs?status=failed' })).json();
    expect(failed.items).toHaveLength(1);
    expect(failed.items[0]).toMatchObject({ id: failedId, queue: 'test.report', key: 'report-1', state: 'failed' });
    expect(JSON.stringify(failed.items[0].output)).toContain('report service unreachable');
    const queued = (await admin.request({ method: 'GET', url: '/api/v1/jobs?status=queued' })).json();
    expect(queued.items.map((j: { id: string }) => j.id)).toEqual([queuedId]);
  });

  it('retries a failed job and cancels a queued one, each with an audit row', async () => {
    const retried = await admin.request({ method: 'POST', url: `/api/v1/jobs/${failedId}/retry` });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json().state).toBe('retry');
    const cancelled = await admin.request({ method: 'POST', url: `/api/v1/jobs/${queuedId}/cancel` });
    expect(cancelled.json().state).toBe('cancelled');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity_type', '=', 'job')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'job.retry', entity_id: failedId },
      { action: 'job.cancel', entity_id: queuedId },
    ]);
  });

  it('answers 409 for an action the state does not allow, 404 for an unknown job, 400 for a malformed id', async () => {
    const again = await admin.request({ method: 'POST', url: `/api/v1/jobs/${queuedId}/cancel` });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('cancelled');
    const unknown = await admin.request({
      method: 'POST',
      url: '/api/v1/jobs/00000000-0000-4000-8000-000000000000/retry',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toContain('công việc nền');
    expect((await admin.request({ method: 'POST', url: '/api/v1/jobs/nope/retry' })).statusCode).toBe(400);
  });

  it('is for the system administrator only', async () => {
    for (const user of ['giamsat', 'xa1-canbo']) {
      const s = await t.login(user);
      expect((await s.request({ method: 'GET', url: '/api/v1/jobs' })).statusCode).toBe(403);
      expect((await s.request({ method: 'POST', url: `/api/v1/jobs/${failedId}/retry` })).statusCode).toBe(403);
    }
  });
});
