import { type Kysely, sql } from 'kysely';

/**
 * Text identity and file storage (issue 6). Unit codes are unique without regard to case ("HUYEN" and "huyen" are one code). Existing
 * case twins are kept, not lost: every twin but the first (by path) gets its id's first eight
 * characters appended, and an audit row says so.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ id: string; code: string; renamed: string }>`
    select id, code, code || '-' || substr(id::text, 1, 8) as renamed
    from (
      select id, code, row_number() over (partition by lower(code) order by path, id) as n
      from org_unit where code is not null
    ) twins
    where n > 1`.execute(db);
  for (const row of rows) {
    await sql`update org_unit set code = ${row.renamed} where id = ${row.id}`.execute(db);
    await sql`insert into audit_log (actor_name, action, entity_type, entity_id, before, after)
      values ('migration 0008', 'org_unit.code_deduplicated', 'org_unit', ${row.id},
              ${JSON.stringify({ code: row.code })}::jsonb, ${JSON.stringify({ code: row.renamed })}::jsonb)`.execute(
      db,
    );
  }
  await sql`create unique index org_unit_code_ci_idx on org_unit (lower(code)) where code is not null`.execute(db);
  // With PGlite the bytes of a file live on disk under their hash (docs/adr/0003-files-outside-pglite.md).
  await sql`alter table document_file alter column content drop not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists org_unit_code_ci_idx`.execute(db);
  await sql`alter table document_file alter column content set not null`.execute(db);
}
