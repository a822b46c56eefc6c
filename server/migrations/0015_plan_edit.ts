import { type Kysely, sql } from 'kysely';

/**
 * Plans stay editable (issue 7, item 9).
 *
 * - `assignment.ended_on`: an assignment removed from a task is kept, with the date from which
 *   it no longer applies (obligations end from that date; earlier periods keep theirs).
 *   `assignment.version`: optimistic concurrency for a role change, a late link or an end.
 * - `plan.end_reason`: why a plan was withdrawn (or replaced), kept with its history.
 * - `plan_node.cancelled_on`: when a task was cancelled (status `cancelled`; never deleted).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('assignment')
    .addColumn('ended_on', 'date')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('plan').addColumn('end_reason', 'text').execute();
  await db.schema.alterTable('plan_node').addColumn('cancelled_on', 'date').execute();
  // The plan page and the follow-through read the assignments that still apply.
  await sql`create index assignment_active_task_idx on assignment (task_id) where ended_on is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists assignment_active_task_idx`.execute(db);
  await db.schema.alterTable('plan_node').dropColumn('cancelled_on').execute();
  await db.schema.alterTable('plan').dropColumn('end_reason').execute();
  await db.schema.alterTable('assignment').dropColumn('ended_on').dropColumn('version').execute();
}
