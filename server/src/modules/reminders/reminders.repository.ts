import type { Insertable } from 'kysely';
import { type Kysely, sql } from 'kysely';
import type { Database, ExplanationLetterTable, ReminderTable } from '../../platform/db/schema.js';

type Db = Kysely<Database>;

/** An obligation as the ladder and the letter see it: who owes what to whom, and by when. */
export interface ObligationContext {
  id: string;
  planId: string;
  planTitle: string;
  planSymbol: string | null;
  planIssuedOn: string | null;
  /** The issuer code of the plan's symbol ("HU" in 45-KH/HU). */
  planIssuerCode: string | null;
  planStatus: string;
  settings: unknown;
  ownerName: string;
  taskLabel: string | null;
  taskTitle: string | null;
  /** lead | coordinate | plan | figures (indicator figures: docs/indicators.md "Approval"). */
  role?: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  reviewerId: string | null;
  reviewerName: string | null;
  reviewerPath: string | null;
  reviewerParentName: string | null;
  periodKey: string;
  periodStart: string;
  periodEnd: string;
  deadline: string;
  endedOn: string | null;
  submittedAt: Date | null;
}

function contextQuery(db: Db) {
  return db
    .selectFrom('obligation as o')
    .innerJoin('plan as p', 'p.id', 'o.plan_id')
    .innerJoin('document as d', 'd.id', 'p.document_id')
    .innerJoin('org_unit as owner', 'owner.id', 'p.owner_unit_id')
    .innerJoin('org_unit as u', 'u.id', 'o.unit_id')
    .leftJoin('plan_node as t', 't.id', 'o.task_id')
    .leftJoin('org_unit as r', (j) =>
      j.on(
        sql<boolean>`r.id = coalesce(o.reviewer_unit_id, case when o.task_id is null then p.reports_to_unit_id else p.owner_unit_id end)`,
      ),
    )
    .leftJoin('org_unit as rp', 'rp.id', 'r.parent_id')
    .leftJoin('report as rep', 'rep.obligation_id', 'o.id')
    .select([
      'o.id',
      'o.plan_id as planId',
      'd.title as planTitle',
      'd.symbol as planSymbol',
      'd.issued_on as planIssuedOn',
      'd.issuer_code as planIssuerCode',
      'p.status as planStatus',
      'p.followup_settings as settings',
      'owner.name as ownerName',
      't.label as taskLabel',
      sql<string | null>`coalesce(t.title, t.text)`.as('taskTitle'),
      'o.role',
      'u.id as unitId',
      'u.name as unitName',
      'u.path as unitPath',
      'r.id as reviewerId',
      'r.name as reviewerName',
      'r.path as reviewerPath',
      'rp.name as reviewerParentName',
      'o.period_key as periodKey',
      'o.period_start as periodStart',
      'o.period_end as periodEnd',
      sql<string>`coalesce(o.extended_due_on, o.due_on)`.as('deadline'),
      'o.ended_on as endedOn',
      'rep.first_submitted_at as submittedAt',
    ]);
}

export const remindersRepository = {
  /**
   * Obligations the ladder may still act on at `today`: plan active, not ended, nothing submitted,
   * effective deadline within [today − lookBack, today + lookAhead].
   */
  candidates(db: Db, today: string, lookBack: number, lookAhead: number): Promise<ObligationContext[]> {
    return contextQuery(db)
      .where('p.status', '=', 'active')
      .where((eb) => eb.or([eb('o.ended_on', 'is', null), eb('o.ended_on', '>', today)]))
      .where('rep.first_submitted_at', 'is', null)
      .where(
        sql<boolean>`coalesce(o.extended_due_on, o.due_on) between ${today}::date - ${lookBack}::int and ${today}::date + ${lookAhead}::int`,
      )
      .orderBy('o.id')
      .execute() as Promise<ObligationContext[]>;
  },

  context(db: Db, obligationId: string): Promise<ObligationContext | undefined> {
    return contextQuery(db).where('o.id', '=', obligationId).executeTakeFirst() as Promise<
      ObligationContext | undefined
    >;
  },

  /** Keys of the reminders already recorded for these obligations. */
  async recordedKeys(db: Db, obligationIds: string[]): Promise<Set<string>> {
    const keys = new Set<string>();
    // In slices: a statement takes at most 65,535 parameters, a country has more obligations.
    for (let i = 0; i < obligationIds.length; i += 5_000) {
      const slice = obligationIds.slice(i, i + 5_000);
      const rows = await db.selectFrom('reminder').select('key').where('obligation_id', 'in', slice).execute();
      for (const r of rows) keys.add(r.key);
    }
    return keys;
  },

  /** Active users' unit grants of these roles, with the unit's path (recipients are chosen in the service). */
  grantsOfRoles(db: Db, roles: string[]) {
    if (roles.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('role_grant as g')
      .innerJoin('app_user as a', 'a.id', 'g.user_id')
      .innerJoin('org_unit as u', 'u.id', 'g.unit_id')
      .select(['a.id as userId', 'a.email', 'g.role', 'u.path', 'u.depth'])
      .where('a.is_active', '=', true)
      .where('g.role', 'in', roles)
      .orderBy('a.id')
      .execute();
  },

  userEmail(db: Db, userId: string) {
    return db.selectFrom('app_user').select(['email', 'is_active']).where('id', '=', userId).executeTakeFirst();
  },

  insertReminder(db: Db, row: Insertable<ReminderTable>) {
    return db
      .insertInto('reminder')
      .values(row)
      .onConflict((c) => c.column('key').doNothing())
      .returning(['id'])
      .executeTakeFirst();
  },

  insertNotification(
    db: Db,
    row: {
      user_id: string;
      kind: string;
      params: Record<string, string>;
      link: string | null;
      obligation_id: string | null;
      letter_id: string | null;
      reminder_id: string | null;
      created_at: Date;
    },
  ) {
    return db
      .insertInto('notification')
      .values({ ...row, params: JSON.stringify(row.params) })
      .execute();
  },

  reminderForUpdate(db: Db, id: string) {
    return db.selectFrom('reminder').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  pendingMail(db: Db) {
    return db
      .selectFrom('reminder')
      .select(['id', 'attempts'])
      .where('outcome', '=', 'pending')
      .where('channel', '=', 'email')
      .orderBy('created_at')
      .execute();
  },

  updateReminder(
    db: Db,
    id: string,
    set: { outcome: 'pending' | 'sent' | 'failed' | 'skipped'; error: string | null; attempts: number; sent_at?: Date },
  ) {
    return db.updateTable('reminder').set(set).where('id', '=', id).execute();
  },

  /** The letter of (obligation, deadline): made once; a second call returns the same id. */
  async ensureLetter(
    db: Db,
    values: Insertable<ExplanationLetterTable>,
    obligationId: string,
    deadline: string,
  ): Promise<string> {
    await db
      .insertInto('explanation_letter')
      .values(values)
      .onConflict((c) => c.columns(['obligation_id', 'deadline']).doNothing())
      .execute();
    const row = await db
      .selectFrom('explanation_letter')
      .select('id')
      .where('obligation_id', '=', obligationId)
      .where('deadline', '=', deadline)
      .executeTakeFirstOrThrow();
    return row.id;
  },

  // ── reads for the routes ──

  remindersOf(db: Db, obligationId: string) {
    return db
      .selectFrom('reminder as r')
      .leftJoin('app_user as a', 'a.id', 'r.recipient_user_id')
      .select([
        'r.id',
        'r.step',
        'r.deadline',
        'r.channel',
        'r.outcome',
        'r.error',
        'r.created_at',
        'r.sent_at',
        'r.attempts',
        'r.letter_id',
        'r.recipient_user_id',
        'a.display_name as recipient_name',
        'r.recipient_email',
      ])
      .where('r.obligation_id', '=', obligationId)
      .orderBy('r.created_at')
      .orderBy('r.step')
      .orderBy('r.id')
      .execute();
  },

  async notificationsOf(db: Db, userId: string, filter: { unread: boolean; limit: number; offset: number }) {
    let q = db.selectFrom('notification').where('user_id', '=', userId);
    if (filter.unread) q = q.where('read_at', 'is', null);
    const items = await q
      .select(['id', 'kind', 'params', 'link', 'obligation_id', 'letter_id', 'created_at', 'read_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const unread = await db
      .selectFrom('notification')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return { items, total: Number(total.n), unread: Number(unread.n) };
  },

  markRead(db: Db, userId: string, id: string, at: Date) {
    return db
      .updateTable('notification')
      .set({ read_at: sql<Date>`coalesce(read_at, ${at})` })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .returning(['id', 'read_at'])
      .executeTakeFirst();
  },

  async markAllRead(db: Db, userId: string, at: Date): Promise<number> {
    const r = await db
      .updateTable('notification')
      .set({ read_at: at })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows ?? 0);
  },

  letter(db: Db, id: string, forUpdate = false) {
    const q = db.selectFrom('explanation_letter').selectAll().where('id', '=', id);
    return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
  },

  updateLetter(db: Db, id: string, set: Record<string, unknown>) {
    return db
      .updateTable('explanation_letter')
      .set({ ...set, version: sql<number>`version + 1` } as never)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  planForSettings(db: Db, planId: string, forUpdate = false) {
    const q = db
      .selectFrom('plan as p')
      .innerJoin('org_unit as o', 'o.id', 'p.owner_unit_id')
      .innerJoin('org_unit as s', 's.id', 'p.scope_unit_id')
      .select(['p.id', 'p.followup_settings', 'p.version', 'o.path as ownerPath', 's.path as scopePath'])
      .where('p.id', '=', planId);
    return (forUpdate ? q.forUpdate('p') : q).executeTakeFirst();
  },

  assigneePaths(db: Db, planId: string) {
    return db
      .selectFrom('assignment as a')
      .innerJoin('plan_node as n', 'n.id', 'a.task_id')
      .innerJoin('org_unit as u', 'u.id', 'a.unit_id')
      .select('u.path')
      .distinct()
      .where('n.plan_id', '=', planId)
      .execute();
  },

  saveSettings(db: Db, planId: string, settings: unknown) {
    return db
      .updateTable('plan')
      .set({ followup_settings: JSON.stringify(settings), version: sql<number>`version + 1` })
      .where('id', '=', planId)
      .returning(['version'])
      .executeTakeFirstOrThrow();
  },
};
