import { type Kysely, sql } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

export interface AuditFilter {
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

function filtered(db: Kysely<Database>, f: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.action) q = q.where('action', 'like', `${f.action.replace(/[\\%_]/g, '\\$&')}%`);
  if (f.actor) q = q.where('actor_name', '=', f.actor);
  if (f.from) q = q.where('at', '>=', new Date(`${f.from}T00:00:00+07:00`));
  if (f.to) q = q.where('at', '<', sql<Date>`${`${f.to}T00:00:00+07:00`}::timestamptz + interval '1 day'`);
  return q;
}

export function listAudit(db: Kysely<Database>, f: AuditFilter) {
  return filtered(db, f).selectAll().orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
}

export async function countAudit(db: Kysely<Database>, f: AuditFilter): Promise<number> {
  const row = await filtered(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}
