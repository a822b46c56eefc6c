import { type Kysely, sql } from 'kysely';

/**
 * Reminders and escalation (issue 7, item 5; docs/followup.md "Reminders and escalation").
 *
 * - `app_user.email`: where a person's reminders go by e-mail (null: in-app only).
 * - `reminder`: every reminder the ladder made, one row per (obligation, step, deadline, recipient,
 *   channel) — `key` is that identity and the job's idempotency key, so a step is never recorded
 *   twice. `outcome` pending (an e-mail recorded, not yet accepted by the SMTP server) → sent |
 *   failed | skipped (no address, no SMTP); `message_id` is derived from the key, the same on
 *   every attempt.
 * - `notification`: the in-app list of one user; `kind` + `params` are rendered by the web app.
 * - `explanation_letter`: the request for explanation (yêu cầu giải trình) drafted for the
 *   receiving level to edit, number and issue; one per (obligation, deadline).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('app_user').addColumn('email', 'text').execute();

  await db.schema
    .createTable('explanation_letter')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('obligation_id', 'uuid', (c) => c.notNull().references('obligation.id').onDelete('cascade'))
    .addColumn('deadline', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'issued')`))
    .addColumn('superior_body', 'text')
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('issuer_code', 'text', (c) => c.notNull())
    .addColumn('number', 'text')
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'date')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('addressees', 'jsonb', (c) => c.notNull())
    .addColumn('paragraphs', 'jsonb', (c) => c.notNull())
    .addColumn('recipients', 'jsonb', (c) => c.notNull())
    .addColumn('archive', 'text', (c) => c.notNull())
    .addColumn('signer_authority', 'text')
    .addColumn('signer_title', 'text', (c) => c.notNull())
    .addColumn('signer_name', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('issued_at', 'timestamptz')
    .addColumn('issued_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint(
      'explanation_letter_issued',
      sql`status <> 'issued' or (number is not null and issued_on is not null)`,
    )
    .execute();
  await sql`create unique index explanation_letter_identity on explanation_letter (obligation_id, deadline)`.execute(
    db,
  );

  await db.schema
    .createTable('reminder')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('obligation_id', 'uuid', (c) => c.notNull().references('obligation.id').onDelete('cascade'))
    .addColumn('step', 'text', (c) =>
      c.notNull().check(sql`step in ('remind', 'follow_up', 'explain', 'letter_issued')`),
    )
    .addColumn('deadline', 'date', (c) => c.notNull())
    .addColumn('recipient_user_id', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('recipient_email', 'text')
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('in_app', 'email')`))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('pending', 'sent', 'failed', 'skipped')`))
    .addColumn('error', 'text')
    .addColumn('message_id', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('letter_id', 'uuid', (c) => c.references('explanation_letter.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await sql`create index reminder_obligation_idx on reminder (obligation_id, created_at)`.execute(db);
  await sql`create index reminder_pending_idx on reminder (outcome) where outcome = 'pending'`.execute(db);

  await db.schema
    .createTable('notification')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('params', 'jsonb', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('obligation_id', 'uuid', (c) => c.references('obligation.id').onDelete('cascade'))
    .addColumn('letter_id', 'uuid', (c) => c.references('explanation_letter.id').onDelete('set null'))
    .addColumn('reminder_id', 'uuid', (c) => c.references('reminder.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('read_at', 'timestamptz')
    .execute();
  await sql`create index notification_user_idx on notification (user_id, created_at desc)`.execute(db);
  await sql`create index notification_unread_idx on notification (user_id) where read_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notification').execute();
  await db.schema.dropTable('reminder').execute();
  await db.schema.dropTable('explanation_letter').execute();
  await db.schema.alterTable('app_user').dropColumn('email').execute();
}
