import { type Kysely, sql } from 'kysely';

/**
 * The follow-through core (issue 7): what each unit owes and the report it gives.
 *
 * - `plan` gains its reporting regime, its reporting line upward (the unit its own report goes
 *   to), the span over which periods run, the follow-up settings (reminder ladder, channels) and a
 *   life cycle (active → withdrawn | replaced) that keeps history instead of deleting.
 * - `plan_node.regime` overrides the plan's regime for one task (null: the plan's).
 * - `obligation`: one row per (task, unit, period) — or (plan, owner, period) for the plan's own
 *   report upward (task_id null). Rows are never deleted when the directory or the plan changes:
 *   `ended_on` says from when an obligation stopped applying. The deadline is computed when the
 *   row is made (`due_on`) and kept; a granted extension is `extended_due_on`.
 * - `report`: at most one per obligation, its current content and review state. Its history
 *   (events, submitted versions, files) lives in later tables.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('plan')
    .addColumn('regime', 'jsonb')
    .addColumn('reports_to_unit_id', 'uuid', (c) => c.references('org_unit.id'))
    .addColumn('reporting_from', 'date')
    .addColumn('reporting_until', 'date')
    .addColumn('followup_settings', 'jsonb')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('active').check(sql`status in ('active', 'withdrawn', 'replaced')`),
    )
    .addColumn('ended_on', 'date')
    .addColumn('replaced_by_plan_id', 'uuid', (c) => c.references('plan.id'))
    .execute();
  await db.schema.alterTable('plan_node').addColumn('regime', 'jsonb').execute();

  await db.schema
    .createTable('obligation')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('task_id', 'uuid', (c) => c.references('plan_node.id').onDelete('cascade'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('org_unit.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('lead', 'coordinate', 'plan')`))
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('period_end', 'date', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('extended_due_on', 'date')
    .addColumn('ended_on', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('obligation_due_after_start', sql`due_on >= period_start`)
    .addCheckConstraint('obligation_plan_line', sql`(task_id is null) = (role = 'plan')`)
    .execute();
  // One obligation per (task, unit, period); the plan's own line uses the plan id in the task's place.
  await sql`create unique index obligation_identity on obligation (plan_id, coalesce(task_id, plan_id), unit_id, period_key)`.execute(
    db,
  );
  await sql`create index obligation_unit_due_idx on obligation (unit_id, due_on)`.execute(db);
  await sql`create index obligation_plan_period_idx on obligation (plan_id, period_key)`.execute(db);
  await sql`create index obligation_task_idx on obligation (task_id)`.execute(db);

  await db.schema
    .createTable('report')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('obligation_id', 'uuid', (c) => c.notNull().unique().references('obligation.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('not_started').check(sql`status in ('not_started', 'in_progress', 'done', 'cannot_do')`),
    )
    .addColumn('cannot_reason', 'text')
    .addColumn('progress', 'integer', (c) => c.check(sql`progress between 0 and 100`))
    .addColumn('narrative', 'text')
    .addColumn('results', 'text')
    .addColumn('difficulties', 'text')
    .addColumn('proposals', 'text')
    .addColumn('review_state', 'text', (c) =>
      c.notNull().defaultTo('draft').check(sql`review_state in ('draft', 'submitted', 'returned', 'accepted')`),
    )
    .addColumn('review_comment', 'text')
    .addColumn('first_submitted_at', 'timestamptz')
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('submitted_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('reviewed_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('report_cannot_reason', sql`status <> 'cannot_do' or cannot_reason is not null`)
    .execute();
  await sql`create index report_review_state_idx on report (review_state)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('report').execute();
  await db.schema.dropTable('obligation').execute();
  await db.schema.alterTable('plan_node').dropColumn('regime').execute();
  await db.schema
    .alterTable('plan')
    .dropColumn('regime')
    .dropColumn('reports_to_unit_id')
    .dropColumn('reporting_from')
    .dropColumn('reporting_until')
    .dropColumn('followup_settings')
    .dropColumn('status')
    .dropColumn('ended_on')
    .dropColumn('replaced_by_plan_id')
    .execute();
}
