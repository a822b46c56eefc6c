import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { type Insertable, type Kysely, sql } from 'kysely';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { insertPlan } from '../server/src/dev/national.js';
import { UsersService } from '../server/src/modules/users/users.service.js';
import { SYSTEM_ACTOR } from '../server/src/platform/access.js';
import type { DatabaseKind } from '../server/src/platform/db/database.js';
import type { Database } from '../server/src/platform/db/schema.js';
import { fold } from '../server/src/platform/text.js';
import { benchDatabase, type Figure, figure, sample } from './harness.js';

export const FOLLOWUP_DISTRICTS = 30;
export const FOLLOWUP_COMMUNES_PER_DISTRICT = 100;
export const FOLLOWUP_TASKS = 9;
/** Four quarters of 2026; the bench reads the third (every deadline passed, all states present). */
export const FOLLOWUP_PERIODS = [
  { key: '2026-Q1', start: '2025-12-15', end: '2026-03-14', due: '2026-03-20' },
  { key: '2026-Q2', start: '2026-03-15', end: '2026-06-14', due: '2026-06-20' },
  { key: '2026-Q3', start: '2026-06-15', end: '2026-09-14', due: '2026-09-20' },
  { key: '2026-Q4', start: '2026-09-15', end: '2026-12-14', due: '2026-12-20' },
];

/**
 * The follow-through at scale, on the demo: 30 new districts under the province, 100 commune
 * Party committees in each (3,000 units), one province plan of 9 tasks each assigned to every
 * commune, obligations for 4 quarters (108,000) and a report for most of them in every review
 * state, spread by a hash of the row. Obligations and reports are made by two INSERT … SELECT
 * statements. A province monitor (`giamsat-tinh`) is the top monitor of the plan.
 */
export async function buildFollowupDataset(db: Kysely<Database>, password: string) {
  const one = (code: string) =>
    db.selectFrom('org_unit').select(['id', 'path', 'depth']).where('code', '=', code).executeTakeFirstOrThrow();
  const tinh = await one('tinh');
  const owner = await one('tinh-uy-btv');
  const units: Insertable<Database['org_unit']>[] = [];
  const communes: string[] = [];
  for (let d = 0; d < FOLLOWUP_DISTRICTS; d++) {
    const id = randomUUID();
    const name = `Huyện Theo Dõi ${String(d + 1).padStart(2, '0')}`;
    const district = { id, path: `${tinh.path}${id}/`, depth: tinh.depth + 1 };
    units.push({
      id,
      code: `td-${d}`,
      parent_id: tinh.id,
      path: district.path,
      depth: district.depth,
      kind: 'area',
      level: 'district',
      name,
      search_text: fold(`${name} td-${d}`),
    });
    for (let c = 0; c < FOLLOWUP_COMMUNES_PER_DISTRICT; c++) {
      const cid = randomUUID();
      const cname = `Đảng ủy xã Theo Dõi ${d + 1}-${String(c + 1).padStart(3, '0')}`;
      communes.push(cid);
      units.push({
        id: cid,
        code: `td-${d}-${c}`,
        parent_id: id,
        path: `${district.path}${cid}/`,
        depth: district.depth + 1,
        kind: 'party_committee',
        level: 'commune',
        name: cname,
        search_text: fold(`${cname} td-${d}-${c}`),
      });
    }
  }
  for (let i = 0; i < units.length; i += 1000) {
    await db
      .insertInto('org_unit')
      .values(units.slice(i, i + 1000))
      .execute();
  }
  const document = await db
    .insertInto('document')
    .values({
      symbol: '99-KH/TU',
      issuer_unit_id: owner.id,
      scope_unit_id: tinh.id,
      issued_on: '2026-01-05',
      title: 'Kế hoạch theo dõi (dữ liệu đo)',
      addressees: JSON.stringify([]),
      search_text: fold('99-KH/TU Kế hoạch theo dõi'),
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  const plan = await insertPlan(db, {
    documentId: document.id,
    ownerUnitId: owner.id,
    scopeUnitId: tinh.id,
    objectives: [],
    tasks: Array.from({ length: FOLLOWUP_TASKS }, (_, t) => ({
      ref: `II.${t + 1}`,
      title: null,
      text: `Nhiệm vụ ${t + 1} của mọi xã`,
      deadline: null,
      assignments: communes.map((unitId) => ({
        organization: 'Các Đảng ủy xã',
        role: 'lead',
        unitId,
        selector: 'Các Đảng ủy xã',
      })),
    })),
  });
  const periods = sql.join(
    FOLLOWUP_PERIODS.map((p) => sql`(${p.key}, ${p.start}::date, ${p.end}::date, ${p.due}::date)`),
  );
  await sql`insert into obligation (plan_id, task_id, unit_id, role, period_key, period_start, period_end, level, due_on)
    select n.plan_id, a.task_id, a.unit_id, 'lead', p.k, p.s, p.e, 'commune', p.d
    from assignment a join plan_node n on n.id = a.task_id
    cross join (values ${periods}) as p(k, s, e, d)
    where n.plan_id = ${plan.id}`.execute(db);
  // Reports in every state, by a hash of the obligation: ~10 % none at all, the rest drafts,
  // submitted (on time or late), returned, accepted (done or in progress) and cannot-do.
  await sql`insert into report (obligation_id, status, cannot_reason, progress, review_state, first_submitted_at, submitted_at)
    select o.id,
      case when h % 10 = 9 then 'cannot_do' when h % 10 in (6, 7, 8) then 'done' else 'in_progress' end,
      case when h % 10 = 9 then 'Thiếu kinh phí' end,
      (h % 101),
      case when h % 10 in (1, 2) then 'draft' when h % 10 = 3 then 'returned' when h % 10 in (4, 5) then 'submitted' else 'accepted' end,
      case when h % 10 in (1, 2) then null else (o.due_on + ((h / 10) % 7 - 4) * interval '1 day')::timestamptz end,
      case when h % 10 in (1, 2) then null else (o.due_on + ((h / 10) % 7 - 4) * interval '1 day')::timestamptz end
    from (select id, due_on, abs(hashtext(id::text)) as h from obligation where plan_id = ${plan.id}) o
    where h % 10 <> 0`.execute(db);
  await sql`analyze`.execute(db);
  await new UsersService(db).create(
    { actor: SYSTEM_ACTOR },
    {
      username: 'giamsat-tinh',
      displayName: 'Giám sát tỉnh (đo)',
      password,
      grants: [{ role: 'monitor', unitId: tinh.id }],
    },
  );
  return { planId: plan.id, units: units.length, communes: communes.length };
}

/**
 * followup-overview: GET /api/v1/plans/{id}/overview?period=2026-Q3 for the whole scope as the
 * province's monitor (counts by state and level, the first page sorted by state, the page's
 * on-time rates, the total) beside the bare SQL count over the same rows (the period's
 * obligations joined to their reports) as the floor.
 *
 * report-save is measured through the real route in bench/report-save.ts.
 */
export async function followupBenches(kind: DatabaseKind, n: number): Promise<Figure[]> {
  const password = 'bench-password';
  const database = await benchDatabase(kind, password);
  const t0 = performance.now();
  const data = await buildFollowupDataset(database.db, password);
  const obligations = await sql<{ n: number }>`select count(*)::int as n from obligation`.execute(database.db);
  console.error(
    `bench: follow-up dataset on ${kind}: ${data.units} units, ${obligations.rows[0]?.n} obligations in ${Math.round(performance.now() - t0)} ms`,
  );
  const app = await buildApp({ config: { ...loadConfig({}), webDir: '/nonexistent' }, database, logger: false });
  const figures: Figure[] = [];
  try {
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'giamsat-tinh', password },
    });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const url = `/api/v1/plans/${data.planId}/overview?period=2026-Q3&limit=50`;
    const probe = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (probe.statusCode !== 200) throw new Error(`overview answered ${probe.statusCode}: ${probe.body}`);
    const total = (probe.json() as { counts: { total: number } }).counts.total;
    if (total !== data.communes * FOLLOWUP_TASKS) throw new Error(`overview counted ${total} obligations`);
    const full = await sample(() => app.inject({ method: 'GET', url, headers: { cookie } }), n);
    const floor = await sample(
      () =>
        // count(r.id), not count(*): the planner would drop an unused unique left join.
        sql`select count(*), count(r.id) from obligation o left join report r on r.obligation_id = o.id
            where o.plan_id = ${data.planId} and o.period_key = '2026-Q3'`.execute(database.db),
      n,
    );
    figures.push(figure('followup-overview', kind, full, floor));
  } finally {
    await app.close();
    await database.close();
  }
  return figures;
}
