import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  type Actor,
  type Capability,
  can,
  type Grant,
  ROLE_DEFINITIONS,
  ROLES,
  type Role,
} from '../../platform/access.js';
import { type Clock, fixedClock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/schema.js';
import type { JobDefinition } from '../../platform/types.js';
import { draftLetter, vnDate } from './letter.js';
import { currentMailer, messageIdFor } from './mail.js';
import { type ObligationContext, remindersRepository as repo } from './reminders.repository.js';
import { dueSteps, LOOK_AHEAD_DAYS, LOOK_BACK_DAYS, type Step, settingsOf } from './settings.js';

/**
 * The reminder ladder on the durable jobs (platform/jobs.ts, ADR 0003); docs/followup.md
 * "Reminders and escalation".
 *
 *   reminders.scan     (cron, and runRemindersAt) finds the steps due now and enqueues, in its own
 *                      transaction, one `reminders.deliver` per (obligation, step, deadline,
 *                      recipient, channel) — the job's idempotency key is that identity.
 *   reminders.deliver  writes the `reminder` row (and the in-app `notification`) in the transaction
 *                      that holds its receipt; for e-mail it records the attempt as `pending` with
 *                      a Message-ID derived from the key and enqueues `reminders.mail` in the same
 *                      transaction.
 *   reminders.mail     sends one pending e-mail (SMTP) and marks it sent — in the transaction that
 *                      holds its receipt. A crash after the SMTP server accepted the message and
 *                      before the commit sends it again on the retry, with the same Message-ID.
 */
export const SCAN_QUEUE = 'reminders.scan';
export const DELIVER_QUEUE = 'reminders.deliver';
export const MAIL_QUEUE = 'reminders.mail';
export const MAX_MAIL_ATTEMPTS = 3;

export type DeliveryStep = Step | 'letter_issued';
export type Channel = 'in_app' | 'email';

export interface Delivery {
  obligationId: string;
  step: DeliveryStep;
  /** The effective deadline the step was computed from: an extension starts a new ladder. */
  deadline: string;
  userId: string;
  channel: Channel;
  /** For `letter_issued`: the letter. */
  letterId?: string;
}

export const deliveryKey = (d: Delivery) =>
  `${d.obligationId}:${d.step}${d.letterId ? `:${d.letterId}` : ''}:${d.deadline}:${d.userId}:${d.channel}`;

const rolesWith = (capabilities: Capability[]): Role[] =>
  ROLES.filter((r) => capabilities.some((c) => ROLE_DEFINITIONS[r].can.has(c)));

interface UnitGrant {
  userId: string;
  role: string;
  path: string;
  depth: number;
}

const actorOfGrant = (g: UnitGrant): Actor => ({
  userId: g.userId,
  username: '',
  displayName: '',
  homeUnitId: null,
  grants: [{ role: g.role as Role, unitId: 'x', unitPath: g.path, unitName: null } satisfies Grant],
});

const objectOf = (c: ObligationContext) => ({
  type: 'obligation' as const,
  unitPath: c.unitPath,
  reviewerPath: c.reviewerPath ?? c.unitPath,
});

/** The users of the deepest grants among `able`: the people nearest the unit, not every level above. */
function nearest(able: UnitGrant[]): string[] {
  const deepest = Math.max(...able.map((g) => g.depth));
  return [...new Set(able.filter((g) => g.depth === deepest).map((g) => g.userId))];
}

/**
 * Who owes the report (officer, head): the nearest unit grants that may write or submit it — a
 * head whose grant covers a whole district is not reminded of every commune's reports.
 */
export function owers(c: ObligationContext, grants: UnitGrant[]): string[] {
  const o = objectOf(c);
  return nearest(
    grants.filter((g) => can(actorOfGrant(g), 'report.write', o) || can(actorOfGrant(g), 'report.submit', o)),
  );
}

/** The monitors of the receiving level: the deepest unit grants that may review the report. */
export function reviewers(c: ObligationContext, grants: UnitGrant[]): string[] {
  if (!c.reviewerPath) return [];
  const o = objectOf(c);
  return nearest(grants.filter((g) => can(actorOfGrant(g), 'report.review', o)));
}

const CONCERNED_ROLES = rolesWith(['reports.write', 'reports.submit', 'reports.review']);

/** What is due now and not yet recorded: deliveries to make, and e-mails still pending. */
export async function dueDeliveries(db: Kysely<Database>, clock: Clock): Promise<Delivery[]> {
  const today = clock.today();
  const candidates = await repo.candidates(db, today, LOOK_BACK_DAYS, LOOK_AHEAD_DAYS);
  if (candidates.length === 0) return [];
  const grants = await repo.grantsOfRoles(db, CONCERNED_ROLES);
  const recorded = await repo.recordedKeys(
    db,
    candidates.map((c) => c.id),
  );
  const out: Delivery[] = [];
  for (const c of candidates) {
    const settings = settingsOf(c.settings);
    const channels: Channel[] = [
      ...(settings.channels.inApp ? (['in_app'] as const) : []),
      ...(settings.channels.email ? (['email'] as const) : []),
    ];
    for (const step of dueSteps(settings, c.deadline, today)) {
      const users = step === 'explain' ? reviewers(c, grants) : owers(c, grants);
      for (const userId of users) {
        for (const channel of channels) {
          const d: Delivery = { obligationId: c.id, step, deadline: c.deadline, userId, channel };
          if (!recorded.has(deliveryKey(d))) out.push(d);
        }
      }
    }
  }
  return out;
}

const STEP_SUBJECT: Record<DeliveryStep, string> = {
  remind: 'Nhắc báo cáo',
  follow_up: 'Đôn đốc báo cáo quá hạn',
  explain: 'Dự thảo công văn yêu cầu giải trình',
  letter_issued: 'Công văn yêu cầu giải trình',
};

function taskText(c: ObligationContext): string {
  if (c.role === 'figures') return 'số liệu chỉ tiêu';
  return c.taskLabel
    ? `nhiệm vụ ${c.taskLabel}${c.taskTitle ? ` "${c.taskTitle.slice(0, 200)}"` : ''}`
    : 'báo cáo kế hoạch';
}

/** The e-mail of one reminder (Vietnamese: its readers are Vietnamese officials). */
export function composeMail(c: ObligationContext, step: DeliveryStep, deadline: string, link: string | null) {
  const plan = c.planSymbol ? `Kế hoạch số ${c.planSymbol}` : c.planTitle.slice(0, 200);
  const subject = `[Triển Khai] ${STEP_SUBJECT[step]}: ${plan} — kỳ ${c.periodKey}, hạn ${vnDate(deadline)}`;
  const lines = {
    remind: `${c.unitName} cần gửi báo cáo ${taskText(c)} (${plan}), kỳ ${c.periodKey}, chậm nhất ngày ${vnDate(deadline)}.`,
    follow_up: `Đã quá hạn ${vnDate(deadline)}, ${c.unitName} chưa gửi báo cáo ${taskText(c)} (${plan}), kỳ ${c.periodKey}. Đề nghị khẩn trương hoàn thành và gửi báo cáo.`,
    explain: `${c.unitName} chưa gửi báo cáo ${taskText(c)} (${plan}), kỳ ${c.periodKey}, hạn ${vnDate(deadline)}. Hệ thống đã soạn dự thảo công văn yêu cầu giải trình để đồng chí xem, sửa và ký.`,
    letter_issued: `${c.reviewerName ?? c.ownerName} đã ban hành công văn yêu cầu ${c.unitName} giải trình việc chậm báo cáo ${taskText(c)} (${plan}), kỳ ${c.periodKey}.`,
  } satisfies Record<DeliveryStep, string>;
  const text = [
    lines[step],
    '',
    link ? `Xem trên Triển Khai: ${link}` : '',
    '',
    'Thư này do hệ thống Triển Khai gửi tự động.',
  ]
    .filter((l, i, all) => l !== '' || all[i - 1] !== '')
    .join('\n');
  return { subject, text };
}

const linkOf = (c: ObligationContext, step: DeliveryStep, letterId: string | null) =>
  step === 'explain' && letterId ? `/explanation-letters/${letterId}` : `/obligations/${c.id}`;

/**
 * One delivery, inside the caller's transaction (the job's, with its receipt): the reminder row,
 * the in-app notification, the letter for `explain`. An e-mail is recorded `pending` and handed
 * to `enqueueMail` (a job sent in the same transaction).
 */
export async function deliver(
  db: Kysely<Database>,
  clock: Clock,
  d: Delivery,
  enqueueMail: (reminderId: string, attempt: number) => Promise<unknown>,
): Promise<void> {
  const c = await repo.context(db, d.obligationId);
  if (!c) return;
  const now = clock.now();
  const today = clock.today();
  const key = deliveryKey(d);
  const base = {
    key,
    obligation_id: c.id,
    step: d.step,
    deadline: d.deadline,
    recipient_user_id: d.userId,
    channel: d.channel,
    created_at: now,
  };
  const owed =
    d.step === 'letter_issued' ||
    (c.submittedAt === null &&
      (c.endedOn === null || c.endedOn > today) &&
      c.planStatus === 'active' &&
      c.deadline === d.deadline);
  if (!owed) {
    // Submitted, ended or extended since the scan: recorded, not sent.
    await repo.insertReminder(db, { ...base, outcome: 'skipped', error: 'no_longer_owed' });
    return;
  }
  const letterId =
    d.step === 'explain' ? await repo.ensureLetter(db, draftLetter(c, today), c.id, c.deadline) : (d.letterId ?? null);
  const link = linkOf(c, d.step, letterId);
  if (d.channel === 'in_app') {
    const row = await repo.insertReminder(db, {
      ...base,
      letter_id: letterId,
      outcome: 'sent',
      attempts: 1,
      sent_at: now,
    });
    if (!row) return;
    await repo.insertNotification(db, {
      user_id: d.userId,
      kind: d.step,
      params: {
        plan: c.planSymbol ?? '',
        planTitle: c.planTitle.slice(0, 300),
        task: c.taskLabel ?? '',
        taskTitle: (c.taskTitle ?? '').slice(0, 300),
        ...(c.role === 'figures' ? { figures: '1' } : {}),
        unit: c.unitName,
        period: c.periodKey,
        deadline: d.deadline,
      },
      link,
      obligation_id: c.id,
      letter_id: letterId,
      reminder_id: row.id,
      created_at: now,
    });
    return;
  }
  const user = await repo.userEmail(db, d.userId);
  const { mailer, from } = currentMailer();
  if (!user?.email || !mailer) {
    await repo.insertReminder(db, {
      ...base,
      letter_id: letterId,
      recipient_email: user?.email ?? null,
      outcome: 'skipped',
      error: user?.email ? 'smtp_not_configured' : 'no_email_address',
    });
    return;
  }
  const row = await repo.insertReminder(db, {
    ...base,
    letter_id: letterId,
    recipient_email: user.email,
    outcome: 'pending',
    message_id: messageIdFor(key, from),
  });
  if (row) await enqueueMail(row.id, 1);
}

/**
 * Attempt `attempt` of one pending e-mail, inside the caller's transaction (the job's): sent →
 * `sent`; an SMTP error → `pending` with the error and a later attempt, or `failed` after
 * MAX_MAIL_ATTEMPTS. Runs only when the row is pending and `attempt` is the next one.
 */
export async function sendPendingMail(
  db: Kysely<Database>,
  clock: Clock,
  reminderId: string,
  attempt: number,
  retry: (reminderId: string, attempt: number, startAfter: Date) => Promise<unknown>,
): Promise<'sent' | 'failed' | 'retry' | 'skipped' | 'nothing'> {
  const r = await repo.reminderForUpdate(db, reminderId);
  if (r?.outcome !== 'pending' || r.channel !== 'email' || r.attempts !== attempt - 1) return 'nothing';
  const c = await repo.context(db, r.obligation_id);
  const { mailer } = currentMailer();
  if (!c || !mailer || !r.recipient_email || !r.message_id) {
    await repo.updateReminder(db, r.id, { outcome: 'skipped', error: 'smtp_not_configured', attempts: attempt });
    return 'skipped';
  }
  const { subject, text } = composeMail(c, r.step, r.deadline, linkOf(c, r.step, r.letter_id));
  try {
    await mailer.send({ to: r.recipient_email, subject, text, messageId: r.message_id });
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    if (attempt >= MAX_MAIL_ATTEMPTS) {
      await repo.updateReminder(db, r.id, { outcome: 'failed', error: message, attempts: attempt });
      return 'failed';
    }
    await repo.updateReminder(db, r.id, { outcome: 'pending', error: message, attempts: attempt });
    await retry(r.id, attempt + 1, new Date(clock.now().getTime() + 60_000 * 2 ** attempt));
    return 'retry';
  }
  await repo.updateReminder(db, r.id, { outcome: 'sent', error: null, attempts: attempt, sent_at: clock.now() });
  return 'sent';
}

const mailKey = (reminderId: string, attempt: number) => `${reminderId}:${attempt}`;

export const scanJob: JobDefinition = {
  name: SCAN_QUEUE,
  // Every 15 minutes in office hours, Vietnam time: a step due today goes out from 06:00.
  schedule: { cron: '*/15 6-21 * * *' },
  retryDelaySeconds: 60,
  expireInSeconds: 300,
  handler: async (ctx) => {
    for (const d of await dueDeliveries(ctx.db, ctx.clock)) {
      await ctx.send(DELIVER_QUEUE, d, { key: deliveryKey(d) });
    }
    // E-mails recorded but whose job is gone (a letter issued from a request, a lost retry).
    for (const p of await repo.pendingMail(ctx.db)) {
      await ctx.send(MAIL_QUEUE, { reminderId: p.id, attempt: p.attempts + 1 }, { key: mailKey(p.id, p.attempts + 1) });
    }
  },
};

export const deliverJob: JobDefinition<Delivery> = {
  name: DELIVER_QUEUE,
  retryDelaySeconds: 30,
  expireInSeconds: 300,
  // One poll every 2 s would deliver 1,800 reminders an hour; a province's step-day has more.
  batchSize: 50,
  handler: (ctx, d) =>
    deliver(ctx.db, ctx.clock, d, (id, attempt) =>
      ctx.send(MAIL_QUEUE, { reminderId: id, attempt }, { key: mailKey(id, attempt) }),
    ),
};

export const mailJob: JobDefinition<{ reminderId: string; attempt: number }> = {
  name: MAIL_QUEUE,
  retryDelaySeconds: 60,
  // Up to 10 SMTP exchanges of at most ~40 s each (nodemailer timeouts) inside the lease.
  expireInSeconds: 600,
  batchSize: 10,
  handler: async (ctx, data) => {
    await sendPendingMail(ctx.db, ctx.clock, data.reminderId, data.attempt, (id, attempt, startAfter) =>
      ctx.send(MAIL_QUEUE, { reminderId: id, attempt }, { key: mailKey(id, attempt), startAfter }),
    );
  },
};

/** A receipt like the job queue's: true the first time a (queue, key) is claimed. */
async function claim(db: Kysely<Database>, queue: string, key: string): Promise<boolean> {
  const row = await db
    .insertInto('job_receipt')
    .values({ key: `${queue}:${key}`, queue, job_id: randomUUID() })
    .onConflict((c) => c.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Runs the ladder at a given time, synchronously, without the job queue (the demo, tests, a
 * command): the same deliveries the scan would enqueue, each in its own transaction under the
 * same receipt the job would take, then every pending e-mail once. Running it again at the same
 * time — or the jobs after it — adds nothing.
 */
export async function runRemindersAt(
  db: Kysely<Database>,
  at: Clock | Date | string,
): Promise<{ delivered: number; mailed: number }> {
  const clock = typeof at === 'string' || at instanceof Date ? fixedClock(at) : at;
  let delivered = 0;
  for (const d of await dueDeliveries(db, clock)) {
    await db.transaction().execute(async (trx) => {
      if (!(await claim(trx, DELIVER_QUEUE, deliveryKey(d)))) return;
      await deliver(trx, clock, d, async () => {});
      delivered++;
    });
  }
  let mailed = 0;
  for (const p of await repo.pendingMail(db)) {
    await db.transaction().execute(async (trx) => {
      const attempt = p.attempts + 1;
      if (!(await claim(trx, MAIL_QUEUE, mailKey(p.id, attempt)))) return;
      if ((await sendPendingMail(trx, clock, p.id, attempt, async () => {})) === 'sent') mailed++;
    });
  }
  return { delivered, mailed };
}
