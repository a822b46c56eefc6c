import { type Kysely, sql, type Transaction, type Updateable } from 'kysely';
import type { Database, ReportEventKind, ReportTable } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** An obligation with the names a report page shows and the paths its access rules read. */
export function findObligation(db: Db, id: string) {
  return (
    db
      .selectFrom('obligation as o')
      .innerJoin('plan as p', 'p.id', 'o.plan_id')
      .innerJoin('document as d', 'd.id', 'p.document_id')
      .innerJoin('org_unit as u', 'u.id', 'o.unit_id')
      .leftJoin('plan_node as n', 'n.id', 'o.task_id')
      // The level that receives: the plan's owner for a task; the plan's reports_to for its own line;
      // the obligation's own reviewer for figures (the level above the reporting unit).
      .innerJoin('org_unit as r', (j) =>
        j.on(
          'r.id',
          '=',
          sql<string>`coalesce(o.reviewer_unit_id, case when o.task_id is null then coalesce(p.reports_to_unit_id, p.owner_unit_id) else p.owner_unit_id end)`,
        ),
      )
      .select([
        'o.id',
        'o.plan_id',
        'o.task_id',
        'o.unit_id',
        'o.role',
        'o.period_key',
        'o.period_start',
        'o.period_end',
        'o.level',
        'o.due_on',
        'o.extended_due_on',
        'o.ended_on',
        'o.version',
        'd.title as plan_title',
        'd.symbol as plan_symbol',
        'n.label as task_label',
        'n.title as task_title',
        'n.text as task_text',
        'u.name as unit_name',
        'u.path as unit_path',
        'r.id as reviewer_unit_id',
        'r.name as reviewer_unit_name',
        'r.path as reviewer_path',
      ])
      .where('o.id', '=', id)
      .executeTakeFirst()
  );
}
export type ObligationRow = NonNullable<Awaited<ReturnType<typeof findObligation>>>;

export function lockObligation(trx: Transaction<Database>, id: string) {
  return trx
    .selectFrom('obligation')
    .select(['id', 'due_on', 'extended_due_on', 'period_start', 'version'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

const REPORT_COLUMNS = [
  'r.id',
  'r.obligation_id',
  'r.status',
  'r.cannot_reason',
  'r.progress',
  'r.narrative',
  'r.results',
  'r.difficulties',
  'r.proposals',
  'r.review_state',
  'r.review_comment',
  'r.first_submitted_at',
  'r.submitted_at',
  'r.reviewed_at',
  'r.updated_at',
  'r.version',
] as const;

export function findReport(db: Db, obligationId: string) {
  return db
    .selectFrom('report as r')
    .leftJoin('app_user as a', 'a.id', 'r.updated_by')
    .select([...REPORT_COLUMNS, 'a.display_name as updated_by_name'])
    .where('r.obligation_id', '=', obligationId)
    .executeTakeFirst();
}
export type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>;

/** Makes the report row if there is none (version 0 until the first save); true when it was made. */
export async function ensureReport(trx: Transaction<Database>, obligationId: string, now: Date): Promise<boolean> {
  const made = await trx
    .insertInto('report')
    .values({ obligation_id: obligationId, version: 0, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('obligation_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return made !== undefined;
}

/** The report row, locked for the rest of the transaction. */
export function lockReport(trx: Transaction<Database>, obligationId: string) {
  return trx
    .selectFrom('report as r')
    .leftJoin('app_user as a', 'a.id', 'r.updated_by')
    .select([...REPORT_COLUMNS, 'a.display_name as updated_by_name'])
    .where('r.obligation_id', '=', obligationId)
    .forUpdate('r')
    .executeTakeFirst();
}

export function updateReport(
  trx: Transaction<Database>,
  id: string,
  changes: Omit<Updateable<ReportTable>, 'version' | 'id' | 'obligation_id'>,
) {
  return trx
    .updateTable('report')
    .set({ ...changes, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .returning('version')
    .executeTakeFirstOrThrow();
}

export interface EventInput {
  obligationId: string;
  kind: ReportEventKind;
  actorId: string | null;
  actorName: string;
  at: Date;
  version?: number | null;
  comment?: string | null;
  data?: unknown;
}

export function insertEvent(trx: Transaction<Database>, e: EventInput) {
  return trx
    .insertInto('report_event')
    .values({
      obligation_id: e.obligationId,
      kind: e.kind,
      actor_id: e.actorId,
      actor_name: e.actorName,
      at: e.at,
      last_at: e.at,
      version: e.version ?? null,
      comment: e.comment ?? null,
      data: e.data === undefined ? null : JSON.stringify(e.data),
    })
    .execute();
}

/**
 * Folds an autosave into the obligation's latest event when that is a `saved` by the same person
 * no older than `since`: one statement; false when there is nothing to fold into.
 */
export async function foldSave(
  trx: Transaction<Database>,
  e: { obligationId: string; actorId: string | null; since: Date; at: Date; version: number },
): Promise<boolean> {
  const latest = trx
    .selectFrom('report_event')
    .select('id')
    .where('obligation_id', '=', e.obligationId)
    .orderBy('seq', 'desc')
    .limit(1);
  const folded = await trx
    .updateTable('report_event')
    .set({ last_at: e.at, version: e.version, count: sql<number>`count + 1` })
    .where('id', '=', latest)
    .where('kind', '=', 'saved')
    .where('actor_id', e.actorId === null ? 'is' : '=', e.actorId)
    .where('last_at', '>=', e.since)
    .returning('id')
    .executeTakeFirst();
  return folded !== undefined;
}

export function listEvents(db: Db, obligationId: string) {
  return db
    .selectFrom('report_event')
    .select(['id', 'kind', 'actor_name', 'at', 'last_at', 'count', 'version', 'comment', 'data'])
    .where('obligation_id', '=', obligationId)
    .orderBy('seq')
    .execute();
}

// ── files ──

export function listFiles(db: Db, obligationId: string) {
  return db
    .selectFrom('report_file as f')
    .leftJoin('app_user as a', 'a.id', 'f.added_by')
    .select(['f.id', 'f.file_name', 'f.content_type', 'f.size', 'f.added_at', 'a.display_name as added_by_name'])
    .where('f.obligation_id', '=', obligationId)
    .where('f.removed_at', 'is', null)
    .orderBy('f.added_at')
    .orderBy('f.id')
    .execute();
}

export function insertFile(
  trx: Transaction<Database>,
  row: {
    obligation_id: string;
    file_name: string;
    content_type: string;
    size: number;
    sha256: string;
    content: Buffer | null;
    added_at: Date;
    added_by: string | null;
  },
) {
  return trx.insertInto('report_file').values(row).returning('id').executeTakeFirstOrThrow();
}

export function findFile(db: Db, obligationId: string, fileId: string) {
  return db
    .selectFrom('report_file')
    .select(['id', 'file_name', 'content_type', 'size', 'sha256', 'removed_at'])
    .where('obligation_id', '=', obligationId)
    .where('id', '=', fileId)
    .executeTakeFirst();
}

export async function fileContent(db: Db, fileId: string): Promise<Buffer | null> {
  const row = await db.selectFrom('report_file').select('content').where('id', '=', fileId).executeTakeFirst();
  return row?.content ?? null;
}

export function removeFile(trx: Transaction<Database>, fileId: string, at: Date, by: string | null) {
  return trx
    .updateTable('report_file')
    .set({ removed_at: at, removed_by: by })
    .where('id', '=', fileId)
    .where('removed_at', 'is', null)
    .returning('file_name')
    .executeTakeFirst();
}

// ── extensions ──

export function listExtensions(db: Db, obligationId: string) {
  return db
    .selectFrom('extension_request as e')
    .leftJoin('app_user as q', 'q.id', 'e.requested_by')
    .leftJoin('app_user as d', 'd.id', 'e.decided_by')
    .select([
      'e.id',
      'e.reason',
      'e.requested_due_on',
      'e.state',
      'e.granted_due_on',
      'e.decision_comment',
      'e.requested_at',
      'e.decided_at',
      'q.display_name as requested_by_name',
      'd.display_name as decided_by_name',
    ])
    .where('e.obligation_id', '=', obligationId)
    .orderBy('e.requested_at')
    .orderBy('e.id')
    .execute();
}

export function pendingExtension(trx: Transaction<Database>, obligationId: string) {
  return trx
    .selectFrom('extension_request')
    .select('id')
    .where('obligation_id', '=', obligationId)
    .where('state', '=', 'pending')
    .executeTakeFirst();
}

export function insertExtension(
  trx: Transaction<Database>,
  row: {
    obligation_id: string;
    reason: string;
    requested_due_on: string;
    requested_at: Date;
    requested_by: string | null;
  },
) {
  return trx.insertInto('extension_request').values(row).returning('id').executeTakeFirstOrThrow();
}

export function findExtension(db: Db, id: string) {
  return db
    .selectFrom('extension_request')
    .select(['id', 'obligation_id', 'state', 'requested_due_on'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function lockExtension(trx: Transaction<Database>, id: string) {
  return trx
    .selectFrom('extension_request')
    .select(['id', 'obligation_id', 'state', 'requested_due_on'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function decideExtension(
  trx: Transaction<Database>,
  id: string,
  decision: {
    state: 'granted' | 'refused';
    granted_due_on: string | null;
    comment: string;
    at: Date;
    by: string | null;
  },
) {
  return trx
    .updateTable('extension_request')
    .set({
      state: decision.state,
      granted_due_on: decision.granted_due_on,
      decision_comment: decision.comment,
      decided_at: decision.at,
      decided_by: decision.by,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .execute();
}

export function setExtendedDue(trx: Transaction<Database>, obligationId: string, dueOn: string) {
  return trx
    .updateTable('obligation')
    .set({ extended_due_on: dueOn, version: sql<number>`version + 1` })
    .where('id', '=', obligationId)
    .execute();
}
