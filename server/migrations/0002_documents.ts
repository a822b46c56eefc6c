import { type Kysely, sql } from 'kysely';

/**
 * The document registry: searchable documents with an identity (symbol + issuer + date),
 * an attached file, links between documents (the cascade) and the territory they apply to.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('document')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('scope_unit_id', 'uuid', (c) => c.references('org_unit.id'))
    .addColumn('respond_within_days', 'integer')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Numbers restart every term or year and the same symbol comes from many provinces:
  // a document is its symbol, its issuer and its date together.
  await sql`create unique index document_identity_idx on document (
      lower(symbol), coalesce(issuer_unit_id::text, lower(issuer_name), ''), coalesce(issued_on, date '0001-01-01')
    ) where symbol is not null`.execute(db);
  await sql`create index document_symbol_idx on document (lower(symbol))`.execute(db);

  await db.schema
    .createTable('document_file')
    .addColumn('document_id', 'uuid', (c) => c.primaryKey().references('document.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('document_link')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('from_document_id', 'uuid', (c) => c.notNull().references('document.id').onDelete('cascade'))
    .addColumn('to_document_id', 'uuid', (c) => c.notNull().references('document.id').onDelete('cascade'))
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('document_link_unique', ['from_document_id', 'to_document_id', 'relation'])
    .execute();
  await db.schema
    .createIndex('document_link_to_idx')
    .on('document_link')
    .columns(['to_document_id', 'relation'])
    .execute();

  await db.schema.alterTable('assignment').addColumn('selector', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('assignment').dropColumn('selector').execute();
  await db.schema.dropTable('document_link').execute();
  await db.schema.dropTable('document_file').execute();
  await sql`drop index if exists document_symbol_idx`.execute(db);
  await sql`drop index if exists document_identity_idx`.execute(db);
  await db.schema
    .alterTable('document')
    .dropColumn('search_text')
    .dropColumn('scope_unit_id')
    .dropColumn('respond_within_days')
    .dropColumn('updated_at')
    .execute();
}
