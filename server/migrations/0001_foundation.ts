import { type Kysely, sql } from 'kysely';

/**
 * Foundation schema: organisations (effective-dated tree), users and grants, sessions,
 * audit log, documents with their references and recipients, plans with sections, tasks and
 * assignments. One dialect: PostgreSQL (PGlite embedded or a server).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('org_level')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_vi', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('valid_from', 'date')
    .addColumn('valid_to', 'date')
    .execute();

  await db.schema
    .createTable('org_kind')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_vi', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('system', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('org_unit')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.unique())
    .addColumn('parent_id', 'uuid', (c) => c.references('org_unit.id'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().references('org_kind.code'))
    .addColumn('level', 'text', (c) => c.notNull().references('org_level.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text')
    .addColumn('aliases', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'date')
    .addColumn('valid_to', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('org_unit_parent_idx').on('org_unit').column('parent_id').execute();
  await sql`create index org_unit_path_idx on org_unit (path text_pattern_ops)`.execute(db);

  await db.schema
    .createTable('org_succession')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('predecessor_id', 'uuid', (c) => c.notNull().references('org_unit.id'))
    .addColumn('successor_id', 'uuid', (c) => c.notNull().references('org_unit.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('effective_on', 'date', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();

  await db.schema
    .createTable('app_user')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('home_unit_id', 'uuid', (c) => c.references('org_unit.id'))
    .addColumn('is_active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('role_grant')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('unit_id', 'uuid', (c) => c.references('org_unit.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('role_grant_user_idx').on('role_grant').column('user_id').execute();

  await db.schema
    .createTable('user_session')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_id', 'uuid')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_type', 'entity_id']).execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();

  await db.schema
    .createTable('document')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('system', 'text')
    .addColumn('type_name', 'text')
    .addColumn('type_code', 'text')
    .addColumn('number', 'text')
    .addColumn('symbol', 'text')
    .addColumn('issuer_code', 'text')
    .addColumn('issuer_name', 'text')
    .addColumn('issuer_unit_id', 'uuid', (c) => c.references('org_unit.id'))
    .addColumn('place', 'text')
    .addColumn('issued_on', 'date')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('addressees', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('signer', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('document_reference')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('document.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('as_written', 'text', (c) => c.notNull())
    .addColumn('system', 'text')
    .addColumn('type_name', 'text')
    .addColumn('type_code', 'text')
    .addColumn('number', 'text')
    .addColumn('symbol', 'text')
    .addColumn('issuer_code', 'text')
    .addColumn('issuer_name', 'text')
    .addColumn('issued_on', 'date')
    .addColumn('target_document_id', 'uuid', (c) => c.references('document.id'))
    .execute();

  await db.schema
    .createTable('document_recipient')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('document.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('as_written', 'text', (c) => c.notNull())
    .addColumn('organization', 'text')
    .addColumn('purpose', 'text')
    .addColumn('is_archive', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('unit_id', 'uuid', (c) => c.references('org_unit.id'))
    .execute();

  await db.schema
    .createTable('plan')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('document_id', 'uuid', (c) => c.notNull().unique().references('document.id'))
    .addColumn('owner_unit_id', 'uuid', (c) => c.notNull().references('org_unit.id'))
    // The territory the plan applies to: the owner's nearest administrative area.
    .addColumn('scope_unit_id', 'uuid', (c) => c.notNull().references('org_unit.id'))
    .addColumn('parent_plan_id', 'uuid', (c) => c.references('plan.id'))
    .addColumn('objectives', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('plan_section')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('parent_id', 'uuid', (c) => c.references('plan_section.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .execute();

  await db.schema
    .createTable('task')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('deadline', 'date')
    .addColumn('recurrence', 'text')
    .execute();
  await db.schema.createIndex('task_plan_idx').on('task').column('plan_id').execute();

  await db.schema
    .createTable('assignment')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('task_id', 'uuid', (c) => c.notNull().references('task.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('organization', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'uuid', (c) => c.references('org_unit.id'))
    .execute();
  await db.schema.createIndex('assignment_task_idx').on('assignment').column('task_id').execute();
  await db.schema.createIndex('assignment_unit_idx').on('assignment').column('unit_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'assignment',
    'task',
    'plan_section',
    'plan',
    'document_recipient',
    'document_reference',
    'document',
    'audit_log',
    'user_session',
    'role_grant',
    'app_user',
    'org_succession',
    'org_unit',
    'org_kind',
    'org_level',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
