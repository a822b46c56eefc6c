import type { Kysely } from 'kysely';

/**
 * Optimistic concurrency: every editable record carries a `version`, 1 when created and
 * incremented by every update. An edit names the version it was made from; a write whose
 * version no longer matches answers 409 `stale_version` instead of overwriting a change it
 * never saw (docs/ARCHITECTURE.md, "Concurrency").
 */
const TABLES = ['org_unit', 'org_level', 'document', 'app_user', 'plan'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    await db.schema
      .alterTable(table)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).dropColumn('version').execute();
}
