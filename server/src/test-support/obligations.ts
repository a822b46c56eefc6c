import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';

export interface TestPeriod {
  key: string;
  start: string;
  end: string;
  due: string;
}

/**
 * Obligations written straight into the table, for tests of the modules that READ obligations
 * (reports, reminders, overview, dissemination): one row per (task, assigned unit, period) of a
 * plan — `lead`/`responsible`/`advised` as lead, `coordinate` as coordinate, `report_to` none.
 * Not the product's rule: the followup module makes obligations from the plan's regime and the
 * directory; its own tests check that rule.
 */
export async function insertTestObligations(
  db: Kysely<Database>,
  planId: string,
  periods: TestPeriod[],
): Promise<{ id: string; task_id: string | null; unit_id: string; period_key: string; due_on: string }[]> {
  const assignments = await db
    .selectFrom('assignment as a')
    .innerJoin('plan_node as n', 'n.id', 'a.task_id')
    .innerJoin('org_unit as u', 'u.id', 'a.unit_id')
    .select(['a.task_id', 'a.unit_id', 'a.role', 'u.level'])
    .where('n.plan_id', '=', planId)
    .where('a.unit_id', 'is not', null)
    .where('a.role', '!=', 'report_to')
    .execute();
  const seen = new Set<string>();
  const rows = [];
  for (const period of periods) {
    for (const a of assignments) {
      const key = `${a.task_id}|${a.unit_id}|${period.key}`;
      if (seen.has(key) || a.unit_id === null) continue;
      seen.add(key);
      rows.push({
        plan_id: planId,
        task_id: a.task_id,
        unit_id: a.unit_id,
        role: a.role === 'coordinate' ? ('coordinate' as const) : ('lead' as const),
        period_key: period.key,
        period_start: period.start,
        period_end: period.end,
        level: a.level,
        due_on: period.due,
      });
    }
  }
  if (rows.length === 0) return [];
  return db
    .insertInto('obligation')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .returning(['id', 'task_id', 'unit_id', 'period_key', 'due_on'])
    .execute();
}

/**
 * Removes the demo's follow-through (obligations with their reports, events, files, extensions,
 * reminders and letters; notifications; dissemination sessions) for tests that count their own
 * rows on the demo plan. The demo plays two periods of it (modules/followup/demo.seed.ts).
 */
export async function clearFollowup(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('notification').execute();
  await db.deleteFrom('obligation').execute();
  await db.deleteFrom('dissemination_session').execute();
}
