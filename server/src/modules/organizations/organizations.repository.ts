import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Database, NewOrgUnit, OrgUnitUpdate } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** All SQL of the organisations module. */

const UNIT_COLUMNS = [
  'id',
  'code',
  'parent_id',
  'path',
  'depth',
  'kind',
  'level',
  'name',
  'short_name',
  'aliases',
  'valid_from',
  'valid_to',
  'version',
] as const;

export interface UnitFilter {
  /** Path prefixes the caller may read; null = all. */
  prefixes: string[] | null;
  terms?: string[];
  level?: string | undefined;
  kind?: string | undefined;
  parentId?: string | undefined;
  /** Units active on this ISO date; null = include closed units. */
  activeOn: string | null;
}

/** Counts stop here: a search that matches more tells "more than 10,000" instead of scanning on. */
export const COUNT_CAP = 10_000;

function filteredUnits(db: Db, filter: UnitFilter) {
  let q = db.selectFrom('org_unit');
  if (filter.prefixes) {
    const prefixes = filter.prefixes;
    q = q.where((eb) =>
      prefixes.length === 0 ? eb.val(false) : eb.or(prefixes.map((p) => eb('path', 'like', `${escapeLike(p)}%`))),
    );
  }
  // Each term is answered by the trigram index on search_text (migration 0006).
  for (const term of filter.terms ?? []) q = q.where('search_text', 'like', `%${escapeLike(term)}%`);
  if (filter.level) q = q.where('level', '=', filter.level);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.parentId) q = q.where('parent_id', '=', filter.parentId);
  if (filter.activeOn) {
    const on = filter.activeOn;
    q = q
      .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', on)]))
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', on)]));
  }
  return q;
}

/**
 * One page of units, in a stable order (the folded name, then the id): every unit is reachable
 * by paging, none is dropped silently.
 */
export function listUnits(db: Db, filter: UnitFilter & { limit: number; offset: number }) {
  return filteredUnits(db, filter)
    .select(UNIT_COLUMNS)
    .orderBy('search_text')
    .orderBy('id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

/** How many units match, counted up to COUNT_CAP + 1 (more than the cap reads as "at least"). */
export async function countUnitsMatching(db: Db, filter: UnitFilter): Promise<number> {
  const row = await db
    .selectFrom(
      filteredUnits(db, filter)
        .select(sql`1`.as('one'))
        .limit(COUNT_CAP + 1)
        .as('m'),
    )
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Every unit of a subtree (on the path index), for matching inside one province. */
export function unitsUnderPath(db: Db, prefix: string) {
  return db
    .selectFrom('org_unit')
    .select(UNIT_COLUMNS)
    .where('path', 'like', `${escapeLike(prefix)}%`)
    .execute();
}

/** Units by id, with every column the matcher needs. */
export function unitsWithIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('org_unit').select(UNIT_COLUMNS).where('id', 'in', ids).execute();
}

/**
 * Units whose folded names resemble any of the given folded names (pg_trgm word similarity on
 * the trigram index), at most `each` per name: candidates when a plan's territory is unknown.
 */
export async function unitsResembling(db: Db, folded: string[], each = 50) {
  if (folded.length === 0) return [];
  const names = sql.join(folded.map((f) => sql`(${f})`));
  const columns = sql.join(UNIT_COLUMNS.map((c) => sql.ref(`u.${c}`)));
  const { rows } = await sql<UnitRow>`
    select ${columns} from (values ${names}) as n(q)
    cross join lateral (
      select * from org_unit
      where n.q <% search_text
      order by word_similarity(n.q, search_text) desc, id
      limit ${each}
    ) u`.execute(db);
  return rows;
}

type UnitRow = Selectable<Pick<Database['org_unit'], (typeof UNIT_COLUMNS)[number]>>;

export function findUnit(db: Db, id: string) {
  return db.selectFrom('org_unit').select(UNIT_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/**
 * The unit, its row locked until the transaction ends: a concurrent edit of the same unit waits
 * and then reads what this one wrote, so no change is lost.
 */
export function findUnitForUpdate(db: Db, id: string) {
  return db.selectFrom('org_unit').select(UNIT_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
}

/**
 * Serialises every change to the shape of the tree (create under a parent, move, close) until
 * the transaction ends. Under PostgreSQL's READ COMMITTED each later statement then reads the
 * tree as the previous change left it, so the cycle check of a move cannot be outrun by a
 * concurrent move (A under B and B under A at once). One lock for the whole tree: such changes
 * are rare administrator actions, and a lock per row cannot see cycles through ancestors.
 */
export async function lockTree(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('trienkhai.org_unit.tree'))`.execute(db);
}

export function findUnitByCode(db: Db, code: string) {
  // Codes are unique without regard to case (migration 0008: unique index on lower(code)).
  return db
    .selectFrom('org_unit')
    .select(UNIT_COLUMNS)
    .where(sql`lower(code)`, '=', code.toLowerCase())
    .executeTakeFirst();
}

export function findUnitsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('org_unit').select(['id', 'name', 'path']).where('id', 'in', ids).execute();
}

export function listChildren(db: Db, parentId: string) {
  return db.selectFrom('org_unit').select(UNIT_COLUMNS).where('parent_id', '=', parentId).execute();
}

export async function countOpenChildren(db: Db, parentId: string, on: string): Promise<number> {
  const row = await db
    .selectFrom('org_unit')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('parent_id', '=', parentId)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', on)]))
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function insertUnit(db: Db, unit: NewOrgUnit) {
  return db.insertInto('org_unit').values(unit).returning(UNIT_COLUMNS).executeTakeFirstOrThrow();
}

export function updateUnit(db: Db, id: string, patch: OrgUnitUpdate, now: Date = new Date()) {
  return db
    .updateTable('org_unit')
    .set({ ...patch, version: sql`version + 1`, updated_at: now })
    .where('id', '=', id)
    .returning(UNIT_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Writes an edit made from `version`; undefined when the unit has changed since (stale). */
export function updateUnitAtVersion(db: Db, id: string, version: number, patch: OrgUnitUpdate, now: Date = new Date()) {
  return db
    .updateTable('org_unit')
    .set({ ...patch, version: sql`version + 1`, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(UNIT_COLUMNS)
    .executeTakeFirst();
}

/** Rewrites the materialized path of a moved subtree in one statement. */
export function rebaseSubtree(db: Db, oldPath: string, newPath: string, depthDelta: number, now: Date = new Date()) {
  return db
    .updateTable('org_unit')
    .set({
      path: sql`${newPath} || substr(path, ${oldPath.length + 1})`,
      depth: sql`depth + ${depthDelta}`,
      updated_at: now,
    })
    .where('path', 'like', `${escapeLike(oldPath)}%`)
    .execute();
}

export function successionsOf(db: Db, unitId: string) {
  return db
    .selectFrom('org_succession as s')
    .innerJoin('org_unit as p', 'p.id', 's.predecessor_id')
    .innerJoin('org_unit as n', 'n.id', 's.successor_id')
    .select([
      's.predecessor_id',
      's.successor_id',
      's.kind',
      's.effective_on',
      'p.name as predecessor_name',
      'p.kind as predecessor_kind',
      'n.name as successor_name',
      'n.kind as successor_kind',
    ])
    .where((eb) => eb.or([eb('s.predecessor_id', '=', unitId), eb('s.successor_id', '=', unitId)]))
    .execute();
}

export function insertSuccession(
  db: Db,
  row: { predecessor_id: string; successor_id: string; kind: string; effective_on: string; note: string | null },
) {
  return db.insertInto('org_succession').values(row).execute();
}

export function listLevels(db: Db) {
  return db.selectFrom('org_level').selectAll().orderBy('rank').execute();
}

export function findLevel(db: Db, code: string) {
  return db.selectFrom('org_level').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findLevelForUpdate(db: Db, code: string) {
  return db.selectFrom('org_level').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
}

export function upsertLevel(
  db: Db,
  level: {
    code: string;
    name_vi: string;
    name_en: string;
    rank: number;
    valid_from: string | null;
    valid_to: string | null;
  },
) {
  return db
    .insertInto('org_level')
    .values(level)
    .onConflict((oc) =>
      oc.column('code').doUpdateSet({
        name_vi: level.name_vi,
        name_en: level.name_en,
        rank: level.rank,
        valid_from: level.valid_from,
        valid_to: level.valid_to,
        version: sql`org_level.version + 1`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listKinds(db: Db) {
  return db.selectFrom('org_kind').selectAll().execute();
}

export function findKind(db: Db, code: string) {
  return db.selectFrom('org_kind').selectAll().where('code', '=', code).executeTakeFirst();
}

export function insertKindsIfMissing(
  db: Db,
  kinds: { code: string; name_vi: string; name_en: string; system: string }[],
) {
  return db
    .insertInto('org_kind')
    .values(kinds)
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

export function insertLevelsIfMissing(
  db: Db,
  levels: {
    code: string;
    name_vi: string;
    name_en: string;
    rank: number;
    valid_from: string | null;
    valid_to: string | null;
  }[],
) {
  return db
    .insertInto('org_level')
    .values(levels)
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

export async function countUnits(db: Db): Promise<number> {
  const row = await db.selectFrom('org_unit').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

/**
 * The territory a unit's documents and plans apply to: its nearest administrative area — or,
 * for a Party branch and the bodies inside it, the branch itself (a branch's plan concerns its
 * own members, not the whole district).
 */
export async function territoryOf(db: Db, path: string) {
  const ids = path.split('/').filter(Boolean);
  const chain = await db
    .selectFrom('org_unit')
    .select(['id', 'path', 'kind', 'depth'])
    .where('id', 'in', ids)
    .orderBy('depth', 'desc')
    .execute();
  for (const unit of chain) {
    if (unit.kind === 'party_branch' || unit.kind === 'area') return unit;
  }
  return undefined;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
