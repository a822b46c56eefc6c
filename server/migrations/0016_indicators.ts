import { type Kysely, sql } from 'kysely';

/**
 * Indicators (issue 8, docs/indicators.md): the catalogue as data, the values units enter, their
 * history, and the figures a plan collects through the follow-through's obligations.
 *
 * - `indicator_category`: a disaggregation (ethnicity, age band, the directive's groups …) with its
 *   options. The unit's level is never a category: it is read from the directory.
 * - `data_element`: what a unit types (counts), with its aggregation (`sum` for flows, `last` for
 *   snapshots), the categories whose cross product makes its cells, the unit kinds that report
 *   it and its min-max and year-on-year warning limits.
 * - `indicator`: numerator ÷ denominator × factor over data-element expressions (indicators/expr.ts);
 *   never typed. `direction` says whether higher is better; `amber_ratio` the share of the target
 *   that is still amber (RAG thresholds, configurable per indicator).
 * - `indicator_target`: a target per indicator and year, national (unit null) or a unit's own for
 *   its subtree, with its source.
 * - `validation_rule`: left expression, operator, right expression; `error` blocks saving and
 *   submitting, `warning` needs a comment.
 * - `data_value`: one cell (unit, period, element, combo). A row is either a number ≥ 0 or "not
 *   available" (value null): zero and n/a are distinct, an absent row is an empty cell.
 * - `data_value_history`: append-only, every change of a cell (old → new, who, when, comment,
 *   reason; `supplement` for a correction after the period locked).
 * - `data_lock_exception`: an administrator reopens a locked period for one unit until a date.
 * - `figures_collection`: a plan that collects figures (period frequency, from which year); its
 *   units then owe a `figures` obligation per period, reviewed through the follow-through.
 * - `obligation.reviewer_unit_id`: the unit that reviews a `figures` obligation (the level above
 *   the reporting unit); null for the other roles, whose reviewer comes from the plan.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('indicator_category')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_vi', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    // [{ code, nameVi, nameEn, group? }] — group: e.g. 'dtts' for each ethnic-minority group.
    .addColumn('options', 'jsonb', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('data_element')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_vi', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('description_vi', 'text')
    .addColumn('description_en', 'text')
    .addColumn('aggregation', 'text', (c) => c.notNull().check(sql`aggregation in ('sum', 'last')`))
    .addColumn('categories', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('reporter_kinds', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('frequency', 'text', (c) => c.notNull().defaultTo('annual'))
    .addColumn('min_value', 'numeric')
    .addColumn('max_value', 'numeric')
    .addColumn('yoy_max_change', 'numeric')
    .addColumn('required', 'boolean', (c) => c.notNull().defaultTo(true))
    // Not typed but computed by the system (e.g. 'obligations.on_time'); null: typed by units.
    .addColumn('computed', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived_at', 'timestamptz')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('indicator')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_vi', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('definition_vi', 'text', (c) => c.notNull())
    .addColumn('definition_en', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('numerator', 'text', (c) => c.notNull())
    .addColumn('denominator', 'text')
    .addColumn('factor', 'integer', (c) => c.notNull().defaultTo(100))
    .addColumn('direction', 'text', (c) => c.notNull().defaultTo('up').check(sql`direction in ('up', 'down')`))
    .addColumn('amber_ratio', 'numeric', (c) => c.notNull().defaultTo(0.9))
    .addColumn('disaggregations', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('reporter_vi', 'text')
    .addColumn('reporter_en', 'text')
    .addColumn('periods', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{Y}'::text[]`))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived_at', 'timestamptz')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('indicator_target')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('indicator_id', 'uuid', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'uuid', (c) => c.references('org_unit.id'))
    .addColumn('value', 'numeric', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`create unique index indicator_target_identity on indicator_target (indicator_id, year, coalesce(unit_id, '00000000-0000-0000-0000-000000000000'::uuid))`.execute(
    db,
  );

  await db.schema
    .createTable('validation_rule')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_vi', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('left_expr', 'text', (c) => c.notNull())
    .addColumn('operator', 'text', (c) => c.notNull().check(sql`operator in ('<=', '<', '>=', '>', '==')`))
    .addColumn('right_expr', 'text', (c) => c.notNull())
    .addColumn('importance', 'text', (c) =>
      c.notNull().defaultTo('error').check(sql`importance in ('error', 'warning')`),
    )
    .addColumn('archived_at', 'timestamptz')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('data_value')
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('org_unit.id'))
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('element_id', 'uuid', (c) => c.notNull().references('data_element.id'))
    // Canonical option combination: 'AGE:lt40|ETH:kinh' (categories sorted by code), '' for no disaggregation.
    .addColumn('combo', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('value', 'numeric')
    .addColumn('not_available', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('comment', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('data_value_pk', ['unit_id', 'period_key', 'element_id', 'combo'])
    .addCheckConstraint(
      'data_value_value_or_na',
      sql`(not_available and value is null) or (not not_available and value is not null and value >= 0)`,
    )
    .execute();
  await sql`create index data_value_element_period_idx on data_value (element_id, period_key)`.execute(db);

  await db.schema
    .createTable('data_value_history')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('unit_id', 'uuid', (c) => c.notNull())
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('element_id', 'uuid', (c) => c.notNull())
    .addColumn('combo', 'text', (c) => c.notNull())
    .addColumn('old_value', 'numeric')
    .addColumn('old_not_available', 'boolean')
    .addColumn('new_value', 'numeric')
    .addColumn('new_not_available', 'boolean')
    .addColumn('comment', 'text')
    .addColumn('reason', 'text')
    .addColumn('supplement', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('form'))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('changed_by', 'uuid', (c) => c.references('app_user.id'))
    .execute();
  await sql`create index data_value_history_cell_idx on data_value_history (unit_id, period_key, element_id, combo)`.execute(
    db,
  );

  await db.schema
    .createTable('data_lock_exception')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('org_unit.id'))
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('open_until', 'date', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid', (c) => c.references('app_user.id'))
    .execute();
  await sql`create index data_lock_exception_unit_idx on data_lock_exception (unit_id, period_key)`.execute(db);

  await db.schema
    .createTable('figures_collection')
    .addColumn('plan_id', 'uuid', (c) => c.primaryKey().references('plan.id').onDelete('cascade'))
    .addColumn('frequency', 'text', (c) =>
      c.notNull().defaultTo('annual').check(sql`frequency in ('annual', 'semiannual')`),
    )
    .addColumn('from_year', 'integer', (c) => c.notNull())
    // Which indicators the plan collects (codes); empty: the whole catalogue.
    .addColumn('indicator_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    // Days after the deadline when a period locks for entry.
    .addColumn('lock_after_days', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  // Figures are a fourth kind of obligation, reviewed like a report by the level above the unit.
  await db.schema
    .alterTable('obligation')
    .addColumn('reviewer_unit_id', 'uuid', (c) => c.references('org_unit.id'))
    .execute();
  await sql`alter table obligation drop constraint if exists obligation_role_check`.execute(db);
  await sql`alter table obligation add constraint obligation_role_check check (role in ('lead', 'coordinate', 'plan', 'figures'))`.execute(
    db,
  );
  await sql`alter table obligation drop constraint obligation_plan_line`.execute(db);
  await sql`alter table obligation add constraint obligation_plan_line check ((task_id is null) = (role in ('plan', 'figures')))`.execute(
    db,
  );
  await sql`alter table obligation add constraint obligation_figures_reviewer check ((role = 'figures') = (reviewer_unit_id is not null))`.execute(
    db,
  );
  // A unit owes its plan line and its figures in the same period: the role joins the identity.
  await sql`drop index obligation_identity`.execute(db);
  await sql`create unique index obligation_identity on obligation (plan_id, coalesce(task_id, plan_id), unit_id, period_key, (role = 'figures'))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from obligation where role = 'figures'`.execute(db);
  await sql`drop index obligation_identity`.execute(db);
  await sql`create unique index obligation_identity on obligation (plan_id, coalesce(task_id, plan_id), unit_id, period_key)`.execute(
    db,
  );
  await sql`alter table obligation drop constraint obligation_figures_reviewer`.execute(db);
  await sql`alter table obligation drop constraint obligation_plan_line`.execute(db);
  await sql`alter table obligation add constraint obligation_plan_line check ((task_id is null) = (role = 'plan'))`.execute(
    db,
  );
  await sql`alter table obligation drop constraint obligation_role_check`.execute(db);
  await sql`alter table obligation add constraint obligation_role_check check (role in ('lead', 'coordinate', 'plan'))`.execute(
    db,
  );
  await db.schema.alterTable('obligation').dropColumn('reviewer_unit_id').execute();
  for (const t of [
    'figures_collection',
    'data_lock_exception',
    'data_value_history',
    'data_value',
    'validation_rule',
    'indicator_target',
    'indicator',
    'data_element',
    'indicator_category',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
