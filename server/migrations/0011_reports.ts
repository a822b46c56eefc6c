import { type Kysely, sql } from 'kysely';

/**
 * Reports (issue 7, part B): the history of a report, its evidence files and extension requests.
 *
 * - `report_event`: every step of a report, in order — created, saved (autosaves of one person
 *   within a few minutes are one event: `last_at` moves on), submitted (with a snapshot of the
 *   content), returned (with the comment), accepted, file added/removed, extension asked /
 *   granted / refused. Keyed by the obligation so that an extension asked before any draft has
 *   its place too. Never updated except a saved event's `last_at`/`version`/`count`.
 * - `report_file`: evidence. Removing a file keeps its row (`removed_at`, `removed_by`): the
 *   history still names it. Bytes as `document_file` (ADR 0004): PostgreSQL in `content`,
 *   PGlite on disk under DATA_DIR/files by SHA-256 (`content` null).
 * - `extension_request`: a later deadline asked for one obligation; at most one pending.
 *   Granting sets `obligation.extended_due_on`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('report_event')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // The order of the steps (several can share one clock instant).
    .addColumn('seq', 'bigserial', (c) => c.notNull())
    .addColumn('obligation_id', 'uuid', (c) => c.notNull().references('obligation.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('created', 'saved', 'submitted', 'returned', 'accepted', 'file_added', 'file_removed', 'extension_requested', 'extension_granted', 'extension_refused')`,
        ),
    )
    .addColumn('actor_id', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_at', 'timestamptz', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer')
    .addColumn('comment', 'text')
    .addColumn('data', 'jsonb')
    .execute();
  await sql`create index report_event_obligation_idx on report_event (obligation_id, seq)`.execute(db);

  await db.schema
    .createTable('report_file')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('obligation_id', 'uuid', (c) => c.notNull().references('obligation.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea')
    .addColumn('added_at', 'timestamptz', (c) => c.notNull())
    .addColumn('added_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('removed_at', 'timestamptz')
    .addColumn('removed_by', 'uuid', (c) => c.references('app_user.id'))
    .execute();
  await sql`create index report_file_obligation_idx on report_file (obligation_id)`.execute(db);

  await db.schema
    .createTable('extension_request')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('obligation_id', 'uuid', (c) => c.notNull().references('obligation.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('requested_due_on', 'date', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`state in ('pending', 'granted', 'refused')`),
    )
    .addColumn('granted_due_on', 'date')
    .addColumn('decision_comment', 'text')
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('requested_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('extension_granted_date', sql`(state = 'granted') = (granted_due_on is not null)`)
    .execute();
  // At most one pending request per obligation (the service checks first, under a lock).
  await sql`create unique index extension_request_pending on extension_request (obligation_id) where state = 'pending'`.execute(
    db,
  );
  await sql`create index extension_request_obligation_idx on extension_request (obligation_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('extension_request').execute();
  await db.schema.dropTable('report_file').execute();
  await db.schema.dropTable('report_event').execute();
}
