import { type Kysely, sql } from 'kysely';

/**
 * Search at national scale: trigram indexes (pg_trgm) so that `search_text LIKE '%term%'` on
 * units and documents is answered from an index instead of a scan of the whole table.
 * pg_trgm is a trusted extension (PostgreSQL ≥ 13): the database owner may create it; PGlite
 * ships it (passed in platform/db/database.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create index org_unit_search_trgm_idx on org_unit using gin (search_text gin_trgm_ops)`.execute(db);
  await sql`create index document_search_trgm_idx on document using gin (search_text gin_trgm_ops)`.execute(db);
  // The cascade and the listing walk documents by scope and issuer, units by kind inside a subtree.
  await sql`create index document_scope_idx on document (scope_unit_id)`.execute(db);
  await sql`create index document_issuer_unit_idx on document (issuer_unit_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists document_issuer_unit_idx`.execute(db);
  await sql`drop index if exists document_scope_idx`.execute(db);
  await sql`drop index if exists document_search_trgm_idx`.execute(db);
  await sql`drop index if exists org_unit_search_trgm_idx`.execute(db);
}
