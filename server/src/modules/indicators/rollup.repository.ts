import { type Kysely, type SqlBool, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The SQL of the roll-up (docs/indicators.md "Roll-up"). Everything is summed by the database:
 * one aggregate statement over the values of the subtree's units as they were at the period's
 * cut-off, grouped by the row each unit falls in (a direct child of the root, found from the
 * materialized path) and by cell; one more for completeness. No value row reaches JavaScript.
 */

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Active at the cut-off: valid_from ≤ end < valid_to (open ends allowed). */
const activeAt = (end: string) =>
  sql<SqlBool>`(u.valid_from is null or u.valid_from <= ${end}::date) and (u.valid_to is null or u.valid_to > ${end}::date)`;

export interface UnitRef {
  id: string;
  name: string;
  path: string;
  kind: string;
  level: string;
  parent_id: string | null;
  valid_from: string | null;
  valid_to: string | null;
}

const UNIT_COLUMNS = ['id', 'name', 'path', 'kind', 'level', 'parent_id', 'valid_from', 'valid_to'] as const;

export function findUnit(db: Db, id: string): Promise<UnitRef | undefined> {
  return db.selectFrom('org_unit').select(UNIT_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export function unitsByIds(db: Db, ids: string[]): Promise<UnitRef[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('org_unit').select(UNIT_COLUMNS).where(sql<SqlBool>`id = any(${ids}::uuid[])`).execute();
}

/** The top units of the directory (no parent), for a whole-directory reader. */
export function topUnits(db: Db): Promise<UnitRef[]> {
  return db.selectFrom('org_unit').select(UNIT_COLUMNS).where('parent_id', 'is', null).orderBy('name').execute();
}

/** The direct children of a unit that were active at the cut-off, by name. */
export function childrenAt(db: Db, parentId: string, end: string): Promise<UnitRef[]> {
  return db
    .selectFrom('org_unit as u')
    .select(UNIT_COLUMNS.map((c) => `u.${c}` as const))
    .where('u.parent_id', '=', parentId)
    .where(activeAt(end))
    .orderBy('u.path')
    .execute();
}

/**
 * The units a unit replaced, through every step of the successions (a commune merged from three,
 * one of which was itself merged earlier): predecessors first, with the date they were replaced.
 */
export async function predecessorsOf(db: Db, id: string): Promise<{ id: string; effective_on: string }[]> {
  const rows = await sql<{ id: string; effective_on: string }>`
    with recursive chain(id, effective_on, hops) as (
      select s.predecessor_id, s.effective_on, 1 from org_succession s where s.successor_id = ${id}
      union
      select s.predecessor_id, s.effective_on, c.hops + 1
        from org_succession s join chain c on s.successor_id = c.id where c.hops < 20
    )
    select distinct id, effective_on::text as effective_on from chain`.execute(db);
  return rows.rows;
}

/** One aggregated cell of one row: Σ values and how many cells gave a number. */
export interface CellSum {
  key: string;
  element_id: string;
  combo: string;
  total: number | null;
  /** Cells with a number (computed elements: obligations considered). */
  cells: number;
}

/** A group of the roll-up: the rows' paths (a direct child each) under the scanned prefixes. */
export interface RollupScope {
  /** Subtrees scanned (the root, or its predecessors when it did not exist then). */
  prefixes: string[];
  /** The rows' paths; a unit falls in the row whose path starts its own. */
  groups: string[];
  /** Cut-off day of the period: who was active then. */
  end: string;
}

/** `u.path` starts with one of the prefixes (on the path index). */
const under = (prefixes: string[]) =>
  sql<SqlBool>`(${sql.join(
    prefixes.map((p) => sql`u.path like ${`${escapeLike(p)}%`}`),
    sql` or `,
  )})`;

/**
 * The row a unit falls in. When every row's path has the same length (the direct children of one
 * root), the row is the path's prefix of that length, an equality the database hashes; else (a
 * merged root's predecessors) the longest row path starting the unit's path. A unit outside every
 * row (the root's own values) gets its own path as the key; the caller counts it in the total.
 * Without rows (a total only), every unit has the same key.
 */
function rowKey(groups: string[]) {
  const lengths = new Set(groups.map((g) => g.length));
  if (groups.length > 0 && lengths.size === 1) {
    const len = [...lengths][0] as number;
    return sql<string>`case when length(u.path) >= ${len} and left(u.path, ${len}) = any(${groups}::text[]) then left(u.path, ${len}) else u.path end`;
  }
  if (groups.length === 0) return sql<string>`''::text`;
  return sql<string>`coalesce((select g from unnest(${groups}::text[]) g where u.path like g || '%' order by length(g) desc limit 1), u.path)`;
}

export interface TermSpec {
  elementId: string;
  /** Periods whose values count ('2025', or '2025-H1' and '2025-H2' for semiannual data in a year). */
  periods: string[];
  /** `last` over several periods: only the latest period with a value of each cell counts. */
  last: boolean;
  /** The cells that count (a filter on categories), null: every cell. */
  combos: string[] | null;
  /** Computed from the follow-through: 'obligations.on_time' | 'obligations.expected'. */
  computed: string | null;
}

/**
 * THE aggregate: per row and cell, Σ value and the number of cells that gave a number, over the
 * values of units inside the prefixes active at the cut-off. Typed elements come from data_value
 * (filtered by element and period on its index); computed ones are counted from the obligations
 * whose period closes inside the figures period (W21-QL01, the overview's rules).
 */
export async function sums(
  db: Db,
  scope: RollupScope,
  specs: TermSpec[],
  window: { start: string; end: string },
  today: string,
): Promise<CellSum[]> {
  const typed = specs.filter((s) => s.computed === null);
  const computed = specs.filter((s) => s.computed !== null);
  if (scope.prefixes.length === 0 || specs.length === 0) return [];
  const key = rowKey(scope.groups);
  const parts = [];
  for (const s of typed) {
    const combos = s.combos === null ? sql`true` : sql`dv.combo = any(${s.combos}::text[])`;
    const source =
      s.last && s.periods.length > 1
        ? sql`(select distinct on (x.unit_id, x.combo) x.unit_id, x.combo, x.value
             from data_value x
             where x.element_id = ${s.elementId} and x.period_key = any(${s.periods}::text[]) and x.value is not null
             order by x.unit_id, x.combo, x.period_key desc)`
        : sql`(select x.unit_id, x.combo, x.value from data_value x
             where x.element_id = ${s.elementId} and x.period_key = any(${s.periods}::text[]) and x.value is not null)`;
    parts.push(sql`
      select ${key} as key, ${s.elementId}::uuid as element_id, dv.combo as combo,
             sum(dv.value)::float8 as total, count(*)::int as cells
      from ${source} dv
      join org_unit u on u.id = dv.unit_id
      where ${under(scope.prefixes)} and ${activeAt(scope.end)} and ${combos}
      group by 1, 3`);
  }
  for (const s of computed) {
    const deadline = sql`coalesce(o.extended_due_on, o.due_on)`;
    const submittedOn = sql`((r.first_submitted_at at time zone 'UTC') + interval '7 hours')::date`;
    const counted =
      s.computed === 'obligations.on_time'
        ? sql`r.first_submitted_at is not null and ${submittedOn} <= ${deadline} and r.review_state in ('submitted', 'accepted')`
        : sql`(${deadline} < ${today}::date or r.first_submitted_at is not null)`;
    parts.push(sql`
      select ${key} as key, ${s.elementId}::uuid as element_id, '' as combo,
             count(*) filter (where ${counted})::float8 as total, count(*)::int as cells
      from obligation o
      left join report r on r.obligation_id = o.id
      join org_unit u on u.id = o.unit_id
      where o.period_end between ${window.start}::date and ${window.end}::date
        and o.role <> 'figures'
        and (o.ended_on is null or o.ended_on > o.period_end)
        and ${under(scope.prefixes)} and ${activeAt(scope.end)}
      group by 1`);
  }
  const result = await sql<CellSum>`${sql.join(parts, sql` union all `)}`.execute(db);
  return result.rows;
}

/** Per row: units that reported at least one number of the elements given (COUNT(x)). */
export async function unitCounts(
  db: Db,
  scope: RollupScope,
  elementId: string,
  periods: string[],
): Promise<{ key: string; units: number }[]> {
  if (scope.prefixes.length === 0) return [];
  const key = rowKey(scope.groups);
  const result = await sql<{ key: string; units: number }>`
    select ${key} as key, count(distinct dv.unit_id)::int as units
    from data_value dv join org_unit u on u.id = dv.unit_id
    where dv.element_id = ${elementId} and dv.period_key = any(${periods}::text[]) and dv.value is not null
      and ${under(scope.prefixes)} and ${activeAt(scope.end)}
    group by 1`.execute(db);
  return result.rows;
}

export interface CompletenessSpec {
  elementId: string;
  periods: string[];
  combos: string[];
  kinds: string[];
}

export interface CompletenessRow {
  key: string;
  element_id: string;
  /** Units active at the cut-off whose kind reports the element. */
  reporters: number;
  /** Cells present (number or n/a) among the element's cells, in those units. */
  present: number;
  /** …of which in units whose figures obligation for the period was accepted. */
  accepted: number;
}

/**
 * Completeness per row and element in one statement: the reporting units (active at the cut-off,
 * of a kind that reports the element) joined to their present cells — only the element's own
 * cells and periods, each at most once (the primary key) — so present ≤ expected by construction.
 */
export async function completeness(
  db: Db,
  scope: RollupScope,
  specs: CompletenessSpec[],
  periodKey: string,
): Promise<CompletenessRow[]> {
  if (scope.prefixes.length === 0 || specs.length === 0) return [];
  const key = rowKey(scope.groups);
  const parts = specs.map(
    (s) => sql`
      select ${key} as key, ${s.elementId}::uuid as element_id,
             count(distinct u.id)::int as reporters,
             count(dv.unit_id)::int as present,
             (count(dv.unit_id) filter (where acc.unit_id is not null))::int as accepted
      from org_unit u
      left join data_value dv on dv.unit_id = u.id and dv.element_id = ${s.elementId}
        and dv.period_key = any(${s.periods}::text[]) and dv.combo = any(${s.combos}::text[])
      left join (
        select distinct o.unit_id from obligation o join report r on r.obligation_id = o.id
        where o.role = 'figures' and o.period_key = ${periodKey} and r.review_state = 'accepted'
      ) acc on acc.unit_id = u.id
      where u.kind = any(${s.kinds}::text[]) and ${under(scope.prefixes)} and ${activeAt(scope.end)}
      group by 1`,
  );
  const result = await sql<CompletenessRow>`${sql.join(parts, sql` union all `)}`.execute(db);
  return result.rows;
}

/** Targets of an indicator for a year: national (unit null) and units' own. */
export function targets(db: Db, indicatorId: string, years: number[]) {
  return db
    .selectFrom('indicator_target')
    .select(['unit_id', 'year', sql<number>`value::float8`.as('value'), 'source', 'note'])
    .where('indicator_id', '=', indicatorId)
    .where('year', 'in', years)
    .execute();
}

/** Path of a key (a row path) → the unit, for rows found in the data but not among the children. */
export function unitsByPaths(db: Db, paths: string[]): Promise<UnitRef[]> {
  if (paths.length === 0) return Promise.resolve([]);
  return db.selectFrom('org_unit').select(UNIT_COLUMNS).where(sql<SqlBool>`path = any(${paths}::text[])`).execute();
}

/** Which of the units had children active at the cut-off (drill-down). */
export async function unitsWithChildren(db: Db, ids: string[], end: string): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('org_unit as u')
    .select('u.parent_id')
    .distinct()
    .where(sql<SqlBool>`u.parent_id = any(${ids}::uuid[])`)
    .where(activeAt(end))
    .execute();
  return new Set(rows.map((r) => r.parent_id as string));
}
