import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.js';
import { type Session, type TestApp, testApp } from '../../test-support/app.js';
import { backends } from '../../test-support/db.js';
import { clearFollowup, insertTestObligations } from '../../test-support/obligations.js';
import { runRemindersAt } from './ladder.js';
import { setMailer, smtpMailer } from './mail.js';
import { remindersRepository } from './reminders.repository.js';
import { startTestSmtp } from './test-smtp.js';

/** 2026-Q1: cut-off 15 March, deadline 20 March (the ladder: nhắc 17th, đôn đốc 21st, giải trình 27th). */
const PERIOD = { key: '2026-Q1', start: '2026-01-01', end: '2026-03-15', due: '2026-03-20' };
const at = (date: string) => `${date}T02:00:00Z`; // 09:00 in Vietnam

describe.each(backends())('reminders and escalation on %s', (kind) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
  /** The app's clock (sessions, reads, the letter's issue); the ladder runs at its own times. */
  const clock = fixedClock(at('2026-03-30'));
  let planId: string;
  /** An obligation of a unit inside Tà Xùa (xa1-canbo and xa1-truong owe it). */
  let taXua: string;
  let alsoTaXua: string[];
  let officer: Session;
  let head: Session;
  let monitor: Session;
  let otherMonitor: Session;
  const users: Record<string, string> = {};

  beforeAll(async () => {
    smtp = await startTestSmtp();
    setMailer({
      mailer: smtpMailer(smtp.url, 'Triển Khai <nhacviec@trienkhai.test>'),
      from: 'Triển Khai <nhacviec@trienkhai.test>',
    });
    t = await testApp(kind, 'demo', { clock });
    planId = (await t.db.selectFrom('plan').select('id').executeTakeFirstOrThrow()).id;
    // The demo follows this plan over its own periods (modules/followup/demo.seed.ts); the test
    // counts every reminder, notification and letter, so it starts from none and owns them all.
    await clearFollowup(t.db);
    expect(await count('reminder')).toBe(0);
    expect((await insertTestObligations(t.db, planId, [PERIOD])).length).toBeGreaterThan(2);
    for (const u of await t.db.selectFrom('app_user').select(['id', 'username']).execute()) users[u.username] = u.id;
    for (const name of ['xa1-canbo', 'xa1-truong', 'giamsat']) {
      await t.db
        .updateTable('app_user')
        .set({ email: `${name}@trienkhai.test` })
        .where('username', '=', name)
        .execute();
    }
    const taXuaPath = (
      await t.db.selectFrom('org_unit').select('path').where('code', '=', 'xa-ta-xua').executeTakeFirstOrThrow()
    ).path;
    const inside = await t.db
      .selectFrom('obligation as o')
      .innerJoin('org_unit as u', 'u.id', 'o.unit_id')
      .select('o.id')
      .where('u.path', 'like', `${taXuaPath}%`)
      .orderBy('o.id')
      .execute();
    expect(inside.length).toBeGreaterThan(0);
    taXua = (inside[0] as { id: string }).id;
    alsoTaXua = inside.slice(1).map((r) => r.id);
    officer = await t.login('xa1-canbo');
    head = await t.login('xa1-truong');
    monitor = await t.login('giamsat');
    const { addAccessUsers, EXTRA_PASSWORD } = await import('../../test-support/access-users.js');
    await addAccessUsers(t);
    otherMonitor = await t.login('giamsat-phu-yen', EXTRA_PASSWORD);
  }, 120_000);
  afterAll(async () => {
    setMailer(undefined);
    await t.close();
    await smtp.close();
  });

  const count = async (table: 'reminder' | 'notification' | 'explanation_letter') =>
    Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(t.db)).rows[0]?.n);

  it('lets the administrator set and clear a person’s e-mail address (users API)', async () => {
    const admin = await t.login('admin');
    const id = users.thuongtruc as string;
    const user = (await admin.request({ method: 'GET', url: `/api/v1/users/${id}` })).json();
    expect(user.email).toBeNull();
    const bad = await admin.request({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      payload: { email: 'khong-phai-thu' },
    });
    expect(bad.statusCode).toBe(400);
    const set = await admin.request({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      payload: { email: 'thuongtruc@trienkhai.test', version: user.version },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().email).toBe('thuongtruc@trienkhai.test');
    const cleared = await admin.request({ method: 'PATCH', url: `/api/v1/users/${id}`, payload: { email: null } });
    expect(cleared.json().email).toBeNull();
    const audit = await t.db
      .selectFrom('audit_log')
      .select('after')
      .where('entity_id', '=', id)
      .where('action', '=', 'user.update')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('reads the recorded reminders of more obligations than one statement takes parameters', async () => {
    const ids = Array.from({ length: 70_000 }, () => randomUUID());
    expect((await remindersRepository.recordedKeys(t.db, ids)).size).toBe(0);
  });

  it('sends nothing before the first step', async () => {
    expect(await runRemindersAt(t.db, at('2026-03-16'))).toEqual({ delivered: 0, mailed: 0 });
    expect(await count('reminder')).toBe(0);
  });

  it('reminds the officer and the head 3 days before the deadline, in-app and by e-mail, once', async () => {
    const first = await runRemindersAt(t.db, at('2026-03-17'));
    expect(first.delivered).toBeGreaterThan(0);
    const rows = await t.db.selectFrom('reminder').selectAll().where('obligation_id', '=', taXua).execute();
    const who = (channel: string) =>
      rows
        .filter((r) => r.channel === channel)
        .map((r) => r.recipient_user_id)
        .sort();
    expect(who('in_app')).toEqual([users['xa1-canbo'], users['xa1-truong']].sort());
    expect(who('email')).toEqual([users['xa1-canbo'], users['xa1-truong']].sort());
    expect(rows.every((r) => r.step === 'remind' && r.outcome === 'sent' && r.deadline === PERIOD.due)).toBe(true);
    // Every e-mail reminder reached the SMTP server once, with its own Message-ID.
    const emailed = await t.db
      .selectFrom('reminder')
      .select(['message_id', 'recipient_email'])
      .where('channel', '=', 'email')
      .where('outcome', '=', 'sent')
      .execute();
    expect(first.mailed).toBe(emailed.length);
    expect(smtp.received.map((m) => m.messageId).sort()).toEqual(emailed.map((e) => e.message_id).sort());
    expect(smtp.received.find((m) => m.to.includes('xa1-canbo@trienkhai.test'))?.subject).toBeTruthy();
    // Users without an address: recorded as skipped, never sent.
    const skipped = await t.db.selectFrom('reminder').select('error').where('outcome', '=', 'skipped').execute();
    expect(skipped.every((s) => s.error === 'no_email_address')).toBe(true);

    const before = {
      reminders: await count('reminder'),
      notifications: await count('notification'),
      mails: smtp.received.length,
    };
    expect(await runRemindersAt(t.db, at('2026-03-17'))).toEqual({ delivered: 0, mailed: 0 });
    expect(await runRemindersAt(t.db, at('2026-03-19'))).toEqual({ delivered: 0, mailed: 0 });
    expect({
      reminders: await count('reminder'),
      notifications: await count('notification'),
      mails: smtp.received.length,
    }).toEqual(before);
  });

  it('lists one’s own notifications with the unread count, and marks them read', async () => {
    const list = await officer.request({ method: 'GET', url: '/api/v1/notifications' });
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.unread).toBeGreaterThan(0);
    expect(body.items.every((n: { kind: string }) => n.kind === 'remind')).toBe(true);
    const mine = body.items[0];
    expect(mine.link).toMatch(/^\/obligations\//);
    // Another user's notification is not found, and stays unread.
    const other = await monitor.request({ method: 'POST', url: `/api/v1/notifications/${mine.id}/read` });
    expect(other.statusCode).toBe(404);
    expect(other.json().detail).toContain('thông báo');
    const read = await officer.request({ method: 'POST', url: `/api/v1/notifications/${mine.id}/read` });
    expect(read.statusCode).toBe(200);
    const after = (await officer.request({ method: 'GET', url: '/api/v1/notifications?unread=true' })).json();
    expect(after.unread).toBe(body.unread - 1);
    expect(after.items.some((n: { id: string }) => n.id === mine.id)).toBe(false);
    const all = await officer.request({ method: 'POST', url: '/api/v1/notifications/read-all' });
    expect(all.json()).toEqual({ updated: body.unread - 1 });
    expect((await officer.request({ method: 'GET', url: '/api/v1/notifications' })).json().unread).toBe(0);
    // The head's are untouched.
    expect((await head.request({ method: 'GET', url: '/api/v1/notifications' })).json().unread).toBeGreaterThan(0);
  });

  it('shows the reminder log to the unit and the receiving level, not to another district', async () => {
    const log = await officer.request({ method: 'GET', url: `/api/v1/obligations/${taXua}/reminders` });
    expect(log.statusCode).toBe(200);
    expect(log.json().items).toHaveLength(4);
    expect((await monitor.request({ method: 'GET', url: `/api/v1/obligations/${taXua}/reminders` })).statusCode).toBe(
      200,
    );
    const refused = await otherMonitor.request({ method: 'GET', url: `/api/v1/obligations/${taXua}/reminders` });
    expect(refused.statusCode).toBe(403);
    const unknown = await officer.request({ method: 'GET', url: `/api/v1/obligations/${planId}/reminders` });
    expect(unknown.statusCode).toBe(404);
  });

  it('follows up after the deadline, except where a report was submitted', async () => {
    const submitted = { id: alsoTaXua[1] as string };
    expect(submitted.id).toBeDefined();
    await t.db
      .insertInto('report')
      .values({ obligation_id: submitted.id, review_state: 'submitted', first_submitted_at: '2026-03-20T03:00:00Z' })
      .execute();
    await runRemindersAt(t.db, at('2026-03-21'));
    const steps = async (id: string) =>
      (await t.db.selectFrom('reminder').select('step').where('obligation_id', '=', id).execute()).map((r) => r.step);
    expect(await steps(taXua)).toContain('follow_up');
    expect(await steps(submitted.id)).not.toContain('follow_up');
  });

  it('drafts one letter at the explanation step and tells the district monitor', async () => {
    await runRemindersAt(t.db, at('2026-03-27'));
    await runRemindersAt(t.db, at('2026-03-28'));
    const letters = await t.db.selectFrom('explanation_letter').select(['id', 'obligation_id']).execute();
    expect(letters.filter((l) => l.obligation_id === taXua)).toHaveLength(1);
    const explain = await t.db
      .selectFrom('reminder')
      .select(['recipient_user_id', 'channel', 'letter_id'])
      .where('obligation_id', '=', taXua)
      .where('step', '=', 'explain')
      .execute();
    expect(explain.map((r) => r.recipient_user_id)).toEqual([users.giamsat, users.giamsat]);
    const note = await t.db
      .selectFrom('notification')
      .select(['link', 'kind'])
      .where('user_id', '=', users.giamsat as string)
      .where('obligation_id', '=', taXua)
      .executeTakeFirstOrThrow();
    expect(note).toEqual({ kind: 'explain', link: `/explanation-letters/${explain[0]?.letter_id}` });
    const listed = (await monitor.request({ method: 'GET', url: '/api/v1/notifications?limit=5' })).json();
    expect(listed.items).toHaveLength(5);
    expect(listed.unread).toBe(listed.total);
  });

  it('edits, downloads and issues the letter; the unit is told; nobody else writes it', async () => {
    const letter = (
      await t.db
        .selectFrom('explanation_letter')
        .select('id')
        .where('obligation_id', '=', taXua)
        .executeTakeFirstOrThrow()
    ).id;
    const got = await monitor.request({ method: 'GET', url: `/api/v1/explanation-letters/${letter}` });
    expect(got.statusCode).toBe(200);
    const view = got.json();
    expect(view.status).toBe('draft');
    expect(view.number).toBeNull();
    expect(view.addressees).toHaveLength(1);
    expect(view.paragraphs.join(' ')).toContain('20/03/2026');
    expect(view.actions).toEqual(['letter.edit', 'letter.issue']);
    // A draft is the receiving level's: the unit and another district cannot read or write it.
    expect((await officer.request({ method: 'GET', url: `/api/v1/explanation-letters/${letter}` })).statusCode).toBe(
      403,
    );
    expect(
      (await otherMonitor.request({ method: 'GET', url: `/api/v1/explanation-letters/${letter}` })).statusCode,
    ).toBe(403);
    const {
      id,
      obligationId,
      deadline,
      status,
      number,
      issuedOn,
      issuedAt,
      version,
      unitName,
      planId: p,
      planTitle,
      periodKey,
      actions,
      ...fields
    } = view;
    const edit = { ...fields, signerName: 'Nguyễn Văn A', version };
    expect(
      (await head.request({ method: 'PUT', url: `/api/v1/explanation-letters/${letter}`, payload: edit })).statusCode,
    ).toBe(403);
    const bad = await monitor.request({
      method: 'PUT',
      url: `/api/v1/explanation-letters/${letter}`,
      payload: { ...edit, paragraphs: [] },
    });
    expect(bad.statusCode).toBe(400);
    const saved = await monitor.request({ method: 'PUT', url: `/api/v1/explanation-letters/${letter}`, payload: edit });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().signerName).toBe('Nguyễn Văn A');
    const stale = await monitor.request({ method: 'PUT', url: `/api/v1/explanation-letters/${letter}`, payload: edit });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');

    const docx = await monitor.request({ method: 'GET', url: `/api/v1/explanation-letters/${letter}/docx` });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    const unreadBefore = (await officer.request({ method: 'GET', url: '/api/v1/notifications' })).json().unread;
    const issueBody = { number: '15', issuedOn: '2026-03-30', version: saved.json().version };
    expect(
      (
        await officer.request({
          method: 'POST',
          url: `/api/v1/explanation-letters/${letter}/issue`,
          payload: issueBody,
        })
      ).statusCode,
    ).toBe(403);
    const issued = await monitor.request({
      method: 'POST',
      url: `/api/v1/explanation-letters/${letter}/issue`,
      payload: issueBody,
    });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json()).toMatchObject({ status: 'issued', number: '15', issuedOn: '2026-03-30', actions: [] });
    const again = await monitor.request({
      method: 'POST',
      url: `/api/v1/explanation-letters/${letter}/issue`,
      payload: { ...issueBody, version: issued.json().version },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('letter_already_issued');
    // The unit is told, and may now read the letter.
    const notes = (await officer.request({ method: 'GET', url: '/api/v1/notifications' })).json();
    expect(notes.unread).toBe(unreadBefore + 1);
    expect(notes.items[0].kind).toBe('letter_issued');
    expect((await officer.request({ method: 'GET', url: `/api/v1/explanation-letters/${letter}` })).statusCode).toBe(
      200,
    );
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', letter).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['letter.issue', 'letter.update']);
    // The e-mail of the issued letter goes with the next run.
    const mails = smtp.received.length;
    await runRemindersAt(t.db, at('2026-03-30'));
    expect(smtp.received.length).toBe(mails + 2);
  });

  it('starts a new ladder against a granted extension, and skips ended obligations', async () => {
    const extended = { id: taXua };
    const ended = { id: alsoTaXua[0] as string };
    expect(ended.id).toBeDefined();
    await t.db
      .updateTable('obligation')
      .set({ extended_due_on: '2026-04-10' })
      .where('id', '=', (extended as { id: string }).id)
      .execute();
    await t.db
      .updateTable('obligation')
      .set({ ended_on: '2026-04-01' })
      .where('id', '=', (ended as { id: string }).id)
      .execute();
    await runRemindersAt(t.db, at('2026-04-08'));
    const rows = await t.db
      .selectFrom('reminder')
      .select(['step', 'deadline'])
      .where('obligation_id', '=', (extended as { id: string }).id)
      .where('deadline', '=', '2026-04-10')
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.step === 'remind')).toBe(true);
    await runRemindersAt(t.db, at('2026-04-20'));
    const endedLater = await t.db
      .selectFrom('reminder')
      .select('id')
      .where('obligation_id', '=', (ended as { id: string }).id)
      .where('created_at', '>=', new Date('2026-04-01T00:00:00Z'))
      .execute();
    expect(endedLater).toEqual([]);
  });

  it('retries an e-mail the SMTP server refused, then records it failed', async () => {
    await t.db
      .updateTable('app_user')
      .set({ email: 'thuongtruc@trienkhai.test' })
      .where('username', '=', 'giamsat')
      .execute();
    smtp.failNext(100);
    const ob = { id: alsoTaXua[1] as string };
    await t.db.deleteFrom('report').where('obligation_id', '=', ob.id).execute();
    await runRemindersAt(t.db, at('2026-04-21'));
    const pending = await t.db
      .selectFrom('reminder')
      .select(['id', 'outcome', 'attempts', 'error'])
      .where('channel', '=', 'email')
      .where('outcome', 'in', ['pending', 'failed'])
      .execute();
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((p) => p.attempts === 1 && p.outcome === 'pending' && /451/.test(p.error ?? ''))).toBe(true);
    await runRemindersAt(t.db, at('2026-04-21'));
    await runRemindersAt(t.db, at('2026-04-21'));
    const failed = await t.db
      .selectFrom('reminder')
      .select(['outcome', 'attempts'])
      .where(
        'id',
        'in',
        pending.map((p) => p.id),
      )
      .execute();
    expect(failed.every((f) => f.outcome === 'failed' && f.attempts === 3)).toBe(true);
    smtp.failNext(0);
  });

  it('reads and writes the plan’s ladder: defaults, validation, 403, 409, audit', async () => {
    const got = await monitor.request({ method: 'GET', url: `/api/v1/plans/${planId}/followup-settings` });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({
      isDefault: true,
      settings: { remind: { daysBefore: 3 }, followUp: { daysAfter: 1 }, explain: { daysAfter: 7 } },
      actions: ['plan.manage'],
    });
    expect(
      (await officer.request({ method: 'GET', url: `/api/v1/plans/${planId}/followup-settings` })).json().actions,
    ).toEqual([]);
    const settings = {
      ...got.json().settings,
      remind: { enabled: true, daysBefore: 5 },
      channels: { inApp: true, email: false },
    };
    const body = { settings, version: got.json().version };
    expect(
      (await officer.request({ method: 'PUT', url: `/api/v1/plans/${planId}/followup-settings`, payload: body }))
        .statusCode,
    ).toBe(403);
    const wrong = await monitor.request({
      method: 'PUT',
      url: `/api/v1/plans/${planId}/followup-settings`,
      payload: { ...body, settings: { ...settings, explain: { enabled: true, daysAfter: 1 } } },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().detail).toMatch(/\S/);
    const put = await monitor.request({
      method: 'PUT',
      url: `/api/v1/plans/${planId}/followup-settings`,
      payload: body,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ isDefault: false, settings: { remind: { daysBefore: 5 } } });
    const stale = await monitor.request({
      method: 'PUT',
      url: `/api/v1/plans/${planId}/followup-settings`,
      payload: body,
    });
    expect(stale.statusCode).toBe(409);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', planId)
      .where('action', '=', 'plan.followup_settings')
      .execute();
    expect(audit).toHaveLength(1);
    // The next period follows the new ladder: nhắc 5 days before, in-app only.
    const [next] = await insertTestObligations(t.db, planId, [
      { key: '2026-Q2', start: '2026-04-01', end: '2026-06-15', due: '2026-06-20' },
    ]);
    expect(next).toBeDefined();
    await runRemindersAt(t.db, at('2026-06-15'));
    const q2 = await t.db
      .selectFrom('reminder as r')
      .innerJoin('obligation as o', 'o.id', 'r.obligation_id')
      .select(['r.channel', 'r.step'])
      .where('o.period_key', '=', '2026-Q2')
      .execute();
    expect(q2.length).toBeGreaterThan(0);
    expect(q2.every((r) => r.channel === 'in_app' && r.step === 'remind')).toBe(true);
    const unknown = await monitor.request({ method: 'GET', url: `/api/v1/plans/${taXua}/followup-settings` });
    expect(unknown.statusCode).toBe(404);
  });
});
