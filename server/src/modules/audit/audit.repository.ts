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
  let q = db.selectFrom('audit_log as a');
  if (f.entityType) q = q.where('a.entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('a.entity_id', '=', f.entityId);
  if (f.action) q = q.where('a.action', 'like', `${f.action.replace(/[\\%_]/g, '\\$&')}%`);
  if (f.actor) q = q.where('a.actor_name', '=', f.actor);
  if (f.from) q = q.where('a.at', '>=', new Date(`${f.from}T00:00:00+07:00`));
  if (f.to) q = q.where('a.at', '<', sql<Date>`${`${f.to}T00:00:00+07:00`}::timestamptz + interval '1 day'`);
  return q;
}

/**
 * One page of rows with the names a reader needs: the actor's display name and the entity's
 * name or title as it is now (each looked up by primary key, only for the rows of the page).
 */
export function listAudit(db: Kysely<Database>, f: AuditFilter) {
  return filtered(db, f)
    .selectAll('a')
    .select([
      sql<string | null>`(select u.display_name from app_user u where u.id = a.actor_id)`.as('actor_display_name'),
      sql<string | null>`case when a.entity_id !~ '^[0-9a-fA-F-]{36}$' and a.entity_type <> 'org_level' then null
        else case a.entity_type
        when 'user' then (select coalesce(u.display_name || ' (' || u.username || ')', u.username)
                          from app_user u where u.id = a.entity_id::uuid)
        when 'org_unit' then (select o.name from org_unit o where o.id = a.entity_id::uuid)
        when 'org_level' then (select l.name_vi from org_level l where l.code = a.entity_id)
        when 'document' then (select concat_ws(' — ', d.symbol, d.title) from document d where d.id = a.entity_id::uuid)
        when 'plan' then (select concat_ws(' — ', d.symbol, d.title) from plan p join document d on d.id = p.document_id
                          where p.id = a.entity_id::uuid)
        end end`.as('entity_name'),
    ])
    .orderBy('a.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}

/** Names of the units whose ids appear in a page's before/after values. */
export async function unitNames(db: Kysely<Database>, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('org_unit').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function countAudit(db: Kysely<Database>, f: AuditFilter): Promise<number> {
  const row = await filtered(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}
