import { type Expression, type Kysely, type SqlBool, sql, type Transaction } from 'kysely';
import type { Database, Signer } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** All SQL of the documents module. */

const DOCUMENT_COLUMNS = [
  'd.id',
  'd.system',
  'd.type_name',
  'd.type_code',
  'd.number',
  'd.symbol',
  'd.issuer_code',
  'd.issuer_name',
  'd.issuer_unit_id',
  'd.scope_unit_id',
  'd.place',
  'd.issued_on',
  'd.title',
  'd.respond_within_days',
  'd.version',
] as const;

function withJoins(db: Db) {
  return db
    .selectFrom('document as d')
    .leftJoin('org_unit as iu', 'iu.id', 'd.issuer_unit_id')
    .leftJoin('org_unit as su', 'su.id', 'd.scope_unit_id')
    .leftJoin('plan as p', 'p.document_id', 'd.id')
    .leftJoin('document_file as f', 'f.document_id', 'd.id')
    .select([
      ...DOCUMENT_COLUMNS,
      'iu.name as issuer_unit_name',
      'iu.path as issuer_path',
      'su.path as scope_path',
      'p.id as plan_id',
      'f.file_name',
      'f.size as file_size',
      'f.content_type as file_type',
    ]);
}

export type DocumentRow = Awaited<ReturnType<typeof findDocument>> & {};

export interface DocumentFilter {
  /** Path prefixes the caller may read; null = all. */
  prefixes: string[] | null;
  terms: string[];
  system?: string | undefined;
  typeCode?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

function filtered(db: Db, f: DocumentFilter) {
  let q = withJoins(db);
  if (f.prefixes) {
    const prefixes = f.prefixes;
    // Readable: no issuer unit (central documents), the issuer in scope, or a territory containing the scope.
    q = q.where((eb) =>
      eb.or([
        eb('d.issuer_unit_id', 'is', null),
        ...prefixes.flatMap((prefix): Expression<SqlBool>[] => [
          eb('iu.path', 'like', `${prefix}%`),
          eb(sql.val(prefix), 'like', sql<string>`su.path || '%'`),
        ]),
      ]),
    );
  }
  // Each term is answered by the trigram index on search_text (migration 0006).
  for (const term of f.terms) q = q.where('d.search_text', 'like', `%${term.replace(/[\\%_]/g, '\\$&')}%`);
  if (f.system) q = q.where('d.system', '=', f.system);
  if (f.typeCode) q = q.where(sql`lower(d.type_code)`, '=', f.typeCode.toLowerCase());
  if (f.from) q = q.where('d.issued_on', '>=', f.from);
  if (f.to) q = q.where('d.issued_on', '<=', f.to);
  return q;
}

export function searchDocuments(db: Db, f: DocumentFilter) {
  return filtered(db, f)
    .orderBy(sql`d.issued_on desc nulls last`)
    .orderBy('d.created_at', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}

/** Counts stop here: a search matching more reads "more than 10,000" instead of counting on. */
export const DOCUMENT_COUNT_CAP = 10_000;

/** How many documents match, counted up to DOCUMENT_COUNT_CAP + 1. */
export async function countDocuments(db: Db, f: DocumentFilter): Promise<number> {
  const matching = filtered(db, f)
    .clearSelect()
    .select(sql`1`.as('one'))
    .limit(DOCUMENT_COUNT_CAP + 1)
    .as('m');
  const row = await db.selectFrom(matching).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

export function findDocument(db: Db, id: string) {
  return withJoins(db).where('d.id', '=', id).executeTakeFirst();
}

export function findDocumentsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return withJoins(db).where('d.id', 'in', ids).execute();
}

/** Registered documents with this canonical symbol (any issuer, any date). */
export function findBySymbol(db: Db, symbol: string) {
  return withJoins(db).where(sql`lower(d.symbol)`, '=', symbol.toLowerCase()).execute();
}

export function findIdentical(
  db: Db,
  identity: { symbol: string; issuerUnitId: string | null; issuerName: string | null; issuedOn: string | null },
) {
  let q = db.selectFrom('document').select('id').where(sql`lower(symbol)`, '=', identity.symbol.toLowerCase());
  q = identity.issuerUnitId
    ? q.where('issuer_unit_id', '=', identity.issuerUnitId)
    : q
        .where('issuer_unit_id', 'is', null)
        .where(sql`lower(coalesce(issuer_name, ''))`, '=', (identity.issuerName ?? '').toLowerCase());
  q = identity.issuedOn ? q.where('issued_on', '=', identity.issuedOn) : q.where('issued_on', 'is', null);
  return q.executeTakeFirst();
}

export interface DocumentValues {
  system: string | null;
  type_name: string | null;
  type_code: string | null;
  number: string | null;
  symbol: string | null;
  issuer_code: string | null;
  issuer_name: string | null;
  issuer_unit_id: string | null;
  scope_unit_id: string | null;
  place: string | null;
  issued_on: string | null;
  title: string;
  search_text: string;
  respond_within_days?: number | null;
}

export async function insertDocument(
  db: Db,
  values: DocumentValues & { addressees?: string[]; signer?: Signer | null },
): Promise<string> {
  const { addressees, signer, ...rest } = values;
  const row = await db
    .insertInto('document')
    .values({
      ...rest,
      addressees: JSON.stringify(addressees ?? []),
      signer: signer ? JSON.stringify(signer) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Locks the document's row until the transaction ends (a concurrent edit waits, then reads this one's result). */
export async function lockDocument(db: Db, id: string): Promise<void> {
  await db.selectFrom('document').select('id').where('id', '=', id).forUpdate().execute();
}

/** Writes an edit made from `version`; false when the document has changed since (stale). */
export async function updateDocument(
  db: Db,
  id: string,
  version: number,
  values: Partial<DocumentValues>,
  now: Date = new Date(),
) {
  const result = await db
    .updateTable('document')
    .set({ ...values, version: sql`version + 1`, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export function referencesOf(db: Db, documentId: string) {
  return db
    .selectFrom('document_reference')
    .selectAll()
    .where('document_id', '=', documentId)
    .orderBy('position')
    .execute();
}

export function setReferenceTarget(db: Db, referenceId: string, targetId: string) {
  return db
    .updateTable('document_reference')
    .set({ target_document_id: targetId })
    .where('id', '=', referenceId)
    .execute();
}

export function linksFrom(db: Db, documentId: string) {
  return db.selectFrom('document_link').selectAll().where('from_document_id', '=', documentId).execute();
}

export function linksTo(db: Db, documentIds: string[], relations: string[]) {
  if (documentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('document_link')
    .selectAll()
    .where('to_document_id', 'in', documentIds)
    .where('relation', 'in', relations)
    .execute();
}

/** The links a cascade follows: a document implements another, or takes it as its basis. */
export const CASCADE_RELATIONS = ['implements', 'basis'] as const;

/** Walks the cascade's links downwards from a document, in SQL; UNION stops at cycles. */
const walk = (rootId: string) => sql`with recursive walk(from_id, to_id, relation) as (
    select l.from_document_id, l.to_document_id, l.relation from document_link l
    where l.to_document_id = ${rootId} and l.relation in (${sql.join([...CASCADE_RELATIONS])})
  union
    select l.from_document_id, l.to_document_id, l.relation from document_link l
    join walk w on l.to_document_id = w.from_id
    where l.relation in (${sql.join([...CASCADE_RELATIONS])})
  )`;

/** Every link of the cascade below a document (at most `limit`): one query, whatever the depth. */
export async function cascadeLinks(db: Db, rootId: string, limit: number) {
  const { rows } = await sql<{
    from_id: string;
    to_id: string;
    relation: string;
  }>`${walk(rootId)} select from_id, to_id, relation from walk limit ${limit}`.execute(db);
  return rows;
}

/**
 * Every document of the cascade below a document (at most `limit`), with what a node shows,
 * what its policy asks (issuer and territory paths) and its issuer unit as the territory
 * needs it (kind, dates): one query.
 */
export async function cascadeDocuments(db: Db, rootId: string, limit: number) {
  const { rows } = await sql<CascadeRow>`${walk(rootId)}
    select d.id, d.system, d.type_name, d.symbol, d.issuer_name, d.issuer_unit_id, d.scope_unit_id,
      d.issued_on, d.title, d.respond_within_days,
      iu.name as issuer_unit_name, iu.path as issuer_path, iu.kind as issuer_kind,
      iu.valid_from as issuer_valid_from, iu.valid_to as issuer_valid_to,
      su.path as scope_path, p.id as plan_id
    from document d
    join (select distinct from_id from walk) x on x.from_id = d.id
    left join org_unit iu on iu.id = d.issuer_unit_id
    left join org_unit su on su.id = d.scope_unit_id
    left join plan p on p.document_id = d.id
    limit ${limit}`.execute(db);
  return rows;
}

/** A document as the cascade reads it (cascadeDocuments). */
export interface CascadeRow {
  id: string;
  system: string | null;
  type_name: string | null;
  symbol: string | null;
  issuer_name: string | null;
  issuer_unit_id: string | null;
  scope_unit_id: string | null;
  issued_on: string | null;
  title: string;
  respond_within_days: number | null;
  issuer_unit_name: string | null;
  issuer_path: string | null;
  issuer_kind: string | null;
  issuer_valid_from: string | null;
  issuer_valid_to: string | null;
  scope_path: string | null;
  plan_id: string | null;
}

export function findLink(db: Db, id: string) {
  return db.selectFrom('document_link').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertLink(db: Db, link: { from_document_id: string; to_document_id: string; relation: string }) {
  const row = await db
    .insertInto('document_link')
    .values(link)
    .onConflict((oc) => oc.columns(['from_document_id', 'to_document_id', 'relation']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export function deleteLink(db: Db, id: string) {
  return db.deleteFrom('document_link').where('id', '=', id).execute();
}

/** The file's name, type, size and hash, without its bytes. */
export function findFileMeta(db: Db, documentId: string) {
  return db
    .selectFrom('document_file')
    .select(['document_id', 'file_name', 'content_type', 'size', 'sha256'])
    .where('document_id', '=', documentId)
    .executeTakeFirst();
}

/** The bytes kept in the database (PostgreSQL); null when they live in the file store. */
export async function findFileContent(db: Db, documentId: string): Promise<Buffer | null> {
  const row = await db
    .selectFrom('document_file')
    .select('content')
    .where('document_id', '=', documentId)
    .executeTakeFirst();
  return row?.content ?? null;
}

export function upsertFile(
  db: Db,
  file: {
    document_id: string;
    file_name: string;
    content_type: string;
    size: number;
    sha256: string;
    content: Buffer | null;
  },
  now: Date = new Date(),
) {
  return db
    .insertInto('document_file')
    .values(file)
    .onConflict((oc) =>
      oc.column('document_id').doUpdateSet({
        file_name: file.file_name,
        content_type: file.content_type,
        size: file.size,
        sha256: file.sha256,
        content: file.content,
        uploaded_at: now,
      }),
    )
    .execute();
}

/**
 * Units of these kinds in the subtrees at these paths, or with these ids, in one query: the
 * areas and leading bodies the cascade's coverage reads, and the answers' issuers. Each subtree
 * is a range of the path index (`path ~>=~ '/a/' and path ~<~ '/a0'`): a few subtrees are
 * index ranges, the whole country one scan — never a query per subtree.
 */
export async function unitsUnder(db: Db, paths: string[], kinds: readonly string[], ids: string[] = []) {
  if (paths.length === 0 && ids.length === 0) return [];
  const columns = sql.join(['id', 'path', 'name', 'kind', 'valid_from', 'valid_to'].map((c) => sql.ref(`u.${c}`)));
  // The range's end: the prefix with its last character ('/') raised by one ('0').
  const end = (p: string) => `${p.slice(0, -1)}${String.fromCharCode(p.charCodeAt(p.length - 1) + 1)}`;
  const kindList = sql.join([...kinds]);
  // Up to a hundred subtrees: OR-ed ranges (index ranges, or one scan); more: a join on a list.
  const inRanges =
    paths.length <= 100
      ? sql`select ${columns} from org_unit u where u.kind in (${kindList}) and (${sql.join(
          paths.map((p) => sql`(u.path ~>=~ ${p} and u.path ~<~ ${end(p)})`),
          sql` or `,
        )})`
      : sql`select ${columns} from (values ${sql.join(paths.map((p) => sql`(${p}, ${end(p)})`))}) as r(lo, hi)
          join org_unit u on u.path ~>=~ r.lo and u.path ~<~ r.hi where u.kind in (${kindList})`;
  const byId = sql`select ${columns} from org_unit u where u.id in (${sql.join(ids)})`;
  const query =
    paths.length > 0 && ids.length > 0 ? sql`${inRanges} union ${byId}` : paths.length > 0 ? inRanges : byId;
  const { rows } = await sql<{
    id: string;
    path: string;
    name: string;
    kind: string;
    valid_from: string | null;
    valid_to: string | null;
  }>`${query}`.execute(db);
  return rows;
}

/**
 * Units of `kinds` at or below each path down to a depth (org_unit.depth), one query: an index
 * range per path (LATERAL), so a small area costs a small read whatever the size of the country.
 */
export async function unitsNear(db: Db, ranges: { path: string; maxDepth: number }[], kinds: readonly string[]) {
  if (ranges.length === 0) return [];
  const end = (p: string) => `${p.slice(0, -1)}${String.fromCharCode(p.charCodeAt(p.length - 1) + 1)}`;
  const { rows } = await sql<{
    id: string;
    path: string;
    name: string;
    kind: string;
    valid_from: string | null;
    valid_to: string | null;
  }>`select distinct x.id, x.path, x.name, x.kind, x.valid_from, x.valid_to
    from (values ${sql.join(ranges.map((r) => sql`(${r.path}, ${end(r.path)}, ${r.maxDepth}::int)`))}) as r(lo, hi, d)
    cross join lateral (
      select u.id, u.path, u.name, u.kind, u.valid_from, u.valid_to from org_unit u
      where u.path ~>=~ r.lo and u.path ~<~ r.hi and u.depth <= r.d and u.kind in (${sql.join([...kinds])})
    ) x`.execute(db);
  return rows;
}

export function unitById(db: Db, id: string) {
  return db.selectFrom('org_unit').select(['id', 'path', 'name', 'kind']).where('id', '=', id).executeTakeFirst();
}
