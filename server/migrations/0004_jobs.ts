import { type Kysely, sql } from 'kysely';

/**
 * Durable jobs. The queue itself is pg-boss's schema `pgboss`, which pg-boss installs and
 * upgrades when the job queue starts (platform/jobs.ts). Ours is the receipt: one row per
 * idempotency key, written in the transaction that makes the job's effect and completes the job,
 * so an effect happens once even when the same key is sent again after the job was archived.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_receipt')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('queue', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('done_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('job_receipt').execute();
}
