import { type Kysely, sql } from 'kysely';

/**
 * Dissemination (quán triệt, issue 7 item 7): the sessions at which a unit made a plan known —
 * date, form, participants by group, materials. A session is never deleted: withdrawing it keeps
 * the row with who withdrew it and when, and the roll-up leaves it out.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dissemination_session')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plan.id'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('org_unit.id'))
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('form', 'text', (c) =>
      c.notNull().check(sql`form in ('conference', 'online', 'loudspeaker', 'printed', 'other')`),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('cadres', 'integer', (c) => c.notNull().defaultTo(0).check(sql`cadres >= 0`))
    .addColumn('party_members', 'integer', (c) => c.notNull().defaultTo(0).check(sql`party_members >= 0`))
    .addColumn('association_members', 'integer', (c) => c.notNull().defaultTo(0).check(sql`association_members >= 0`))
    .addColumn('people', 'integer', (c) => c.notNull().defaultTo(0).check(sql`people >= 0`))
    .addColumn('materials', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('withdrawn_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('withdraw_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint(
      'dissemination_session_someone',
      sql`cadres > 0 or party_members > 0 or association_members > 0 or people > 0`,
    )
    .execute();
  await sql`create index dissemination_session_plan_unit_idx on dissemination_session (plan_id, unit_id)`.execute(db);
  await sql`create index dissemination_session_unit_idx on dissemination_session (unit_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('dissemination_session').execute();
}
