import type { Kysely, Transaction } from 'kysely';
import type { Ctx } from './access.js';
import type { Database } from './db/schema.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Records one write. Call it with the transaction that makes the write, so the change and its
 * audit row commit or roll back together.
 */
export async function recordAudit(
  trx: Transaction<Database> | Kysely<Database>,
  ctx: Ctx,
  entry: AuditEntry,
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      actor_id: ctx.actor.userId || null,
      actor_name: ctx.actor.username,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      ip: ctx.ip ?? null,
    })
    .execute();
}
