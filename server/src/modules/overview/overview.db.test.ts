import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '../../platform/auth/session.js';
import { fixedClock } from '../../platform/clock.js';
import { addAccessUsers, EXTRA_PASSWORD } from '../../test-support/access-users.js';
import { type Session, type TestApp, testApp, unitId } from '../../test-support/app.js';
import { backends } from '../../test-support/db.js';
import { clearFollowup, insertTestObligations } from '../../test-support/obligations.js';
import { OverviewService } from './overview.service.js';

/**
 * The monitor's overview and the progress roll-up on the demo's founding plan (owned by the
 * district Bắc Yên), with obligations for two quarters written straight into the table and
 * reports in every state. Today is 2026-05-20: Q1's deadline (20/3) has passed, Q2's (20/6) not.
 */
const Q1 = { key: '2026-Q1', start: '2025-12-15', end: '2026-03-14', due: '2026-03-20' };
const Q2 = { key: '2026-Q2', start: '2026-03-15', end: '2026-06-14', due: '2026-06-20' };

interface Row {
  obligationId: string;
  unit: { id: string; name: string };
  task: { id: string; label: string } | null;
  state: string;
  late: boolean;
  lateOriginal: boolean;
  dueOn: string;
  onTime: { expected: number; onTime: number; onTimeOriginal: number; rate: number | null };
}
interface Counts {
  total: number;
  units: number;
  overdue: number;
  returned: number;
  submitted: number;
  not_due: number;
  cannot_do: number;
  accepted: number;
  late: number;
  lateOriginal: number;
}
interface Overview {
  period: { key: string } | null;
  counts: Counts;
  byLevel: (Counts & { level: string; name: string })[];
  items: Row[];
  total: number;
}

describe.each(backends())('overview on %s', (kind) => {
  let t: TestApp;
  let monitor: Session;
  let planId: string;
  let q1Owed: number;
  const ob = new Map<string, string>(); // `${unitCode}|${taskLabel}|${period}` → obligation id
  const code = new Map<string, string>(); // unit id → code

  const get = async (s: Session, url: string) => {
    const res = await s.request({ method: 'GET', url });
    return res;
  };
  const overview = async (s: Session, query = '') => {
    const res = await get(s, `/api/v1/plans/${planId}/overview?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Overview;
  };
  const report = async (key: string, values: Record<string, unknown>) => {
    const id = ob.get(key);
    if (!id) throw new Error(`no obligation ${key}`);
    await t.db
      .insertInto('report')
      .values({ obligation_id: id, ...values })
      .execute();
  };

  beforeAll(async () => {
    t = await testApp(kind, 'demo', { clock: fixedClock('2026-05-20T03:00:00Z') });
    await addAccessUsers(t);
    monitor = await t.login('giamsat');
    planId = (await t.db.selectFrom('plan').select('id').executeTakeFirstOrThrow()).id;
    // The demo plays its own six-monthly periods on this plan; these tests count their own quarters.
    await clearFollowup(t.db);
    const rows = await insertTestObligations(t.db, planId, [Q1, Q2]);
    const units = await t.db.selectFrom('org_unit').select(['id', 'code']).execute();
    for (const u of units) code.set(u.id, u.code ?? '');
    const tasks = new Map(
      (await t.db.selectFrom('plan_node').select(['id', 'label']).where('plan_id', '=', planId).execute()).map((n) => [
        n.id,
        n.label,
      ]),
    );
    for (const r of rows) ob.set(`${code.get(r.unit_id)}|${tasks.get(r.task_id ?? '')}|${r.period_key}`, r.id);

    // Q1: every state once, and the deadline's day boundary in Vietnam.
    await report('xa-ta-xua-du|II.1|2026-Q1', {
      status: 'done',
      review_state: 'accepted',
      first_submitted_at: '2026-03-19T10:00:00Z',
    });
    // 20/3 18:00 UTC is 21/3 01:00 in Vietnam: one day late.
    await report('xa-ta-xua-du|III.1|2026-Q1', {
      status: 'in_progress',
      review_state: 'submitted',
      first_submitted_at: '2026-03-20T18:00:00Z',
    });
    await report('xa-ta-xua-hlhpn|II.1|2026-Q1', {
      status: 'done',
      review_state: 'returned',
      first_submitted_at: '2026-03-18T02:00:00Z',
    });
    await report('xa-hang-chu-du|II.1|2026-Q1', {
      status: 'cannot_do',
      cannot_reason: 'Thiếu kinh phí',
      review_state: 'submitted',
      first_submitted_at: '2026-03-20T16:59:00Z', // 23:59 on 20/3 in Vietnam: on time
    });
    // An extension to 31/3, submitted 25/3: late against the original deadline only.
    await t.db
      .updateTable('obligation')
      .set({ extended_due_on: '2026-03-31' })
      .where('id', '=', ob.get('xa-hang-chu-du|III.1|2026-Q1') as string)
      .execute();
    await report('xa-hang-chu-du|III.1|2026-Q1', {
      status: 'in_progress',
      review_state: 'submitted',
      first_submitted_at: '2026-03-25T03:00:00Z',
    });
    // A draft never submitted is still missing; an obligation ended before the cut-off is not owed.
    await report('xa-phieng-con-du|II.1|2026-Q1', { status: 'in_progress', review_state: 'draft' });
    await t.db
      .updateTable('obligation')
      .set({ ended_on: '2026-03-01' })
      .where('id', '=', ob.get('xa-hong-ngai-du|II.1|2026-Q1') as string)
      .execute();
    // Q2: one report already in, early.
    await report('xa-ta-xua-du|II.1|2026-Q2', {
      status: 'done',
      review_state: 'submitted',
      first_submitted_at: '2026-05-10T03:00:00Z',
    });
    q1Owed = rows.filter((r) => r.period_key === Q1.key).length - 1;
  }, 120_000);
  afterAll(() => t.close());

  it('counts one period by state, with late beside them, and by level', async () => {
    const body = await overview(monitor, `period=${Q1.key}&limit=500`);
    expect(body.period?.key).toBe(Q1.key);
    const c = body.counts;
    expect(c.total).toBe(q1Owed);
    expect(body.total).toBe(q1Owed);
    expect(body.items).toHaveLength(q1Owed);
    expect({
      accepted: c.accepted,
      submitted: c.submitted,
      returned: c.returned,
      cannot_do: c.cannot_do,
      not_due: c.not_due,
      overdue: c.overdue,
      late: c.late,
      lateOriginal: c.lateOriginal,
    }).toEqual({
      accepted: 1,
      submitted: 2,
      returned: 1,
      cannot_do: 1,
      not_due: 0,
      overdue: q1Owed - 5,
      late: 1,
      lateOriginal: 2,
    });
    // The states partition the total; the levels too.
    expect(c.accepted + c.submitted + c.returned + c.cannot_do + c.not_due + c.overdue).toBe(c.total);
    expect(body.byLevel.reduce((s, l) => s + l.total, 0)).toBe(c.total);
    expect(body.byLevel.map((l) => l.level)).toEqual(['district', 'commune', 'grassroots']);
    expect(body.byLevel.find((l) => l.level === 'commune')?.name).toBe('Xã');
    expect(body.byLevel.reduce((s, l) => s + l.units, 0)).toBe(c.units);
    // The ended obligation is not listed.
    expect(body.items.some((r) => r.obligationId === ob.get('xa-hong-ngai-du|II.1|2026-Q1'))).toBe(false);
    const one = (key: string) => body.items.find((r) => r.obligationId === ob.get(key));
    expect(one('xa-ta-xua-du|III.1|2026-Q1')).toMatchObject({ state: 'submitted', late: true, lateOriginal: true });
    expect(one('xa-hang-chu-du|II.1|2026-Q1')).toMatchObject({ state: 'cannot_do', late: false });
    expect(one('xa-hang-chu-du|III.1|2026-Q1')).toMatchObject({ late: false, lateOriginal: true });
    expect(one('xa-phieng-con-du|II.1|2026-Q1')?.state).toBe('overdue');
    expect(one('xa-ta-xua-hlhpn|II.1|2026-Q1')?.state).toBe('returned');
  });

  it('filters by each state to exactly the rows its count announces', async () => {
    const all = await overview(monitor, `period=${Q1.key}`);
    for (const state of ['overdue', 'returned', 'submitted', 'not_due', 'cannot_do', 'accepted', 'late'] as const) {
      const filtered = await overview(monitor, `period=${Q1.key}&state=${state}&limit=500`);
      const expected = state === 'late' ? all.counts.late : all.counts[state];
      expect(filtered.total, state).toBe(expected);
      expect(filtered.items, state).toHaveLength(expected);
      if (state !== 'late') expect(filtered.items.every((r) => r.state === state)).toBe(true);
      else expect(filtered.items.every((r) => r.late)).toBe(true);
    }
  });

  it('gives each unit its on-time rate over the periods so far (W21-QL01)', async () => {
    const body = await overview(monitor, `period=${Q1.key}&q=ta xua&limit=500`);
    const taXua = body.items.find((r) => r.obligationId === ob.get('xa-ta-xua-du|II.1|2026-Q1'));
    // Q1 II.1 on time, Q1 III.1 late, Q2 II.1 early (counted); Q2 III.1 not yet due (not counted).
    expect(taXua?.onTime).toEqual({ expected: 3, onTime: 2, onTimeOriginal: 2, rate: 2 / 3 });
    const hangChu = (await overview(monitor, `period=${Q1.key}&q=hang chu&limit=500`)).items.find(
      (r) => r.obligationId === ob.get('xa-hang-chu-du|II.1|2026-Q1'),
    );
    // II.1 cannot-do on time; III.1 on time against the granted deadline only.
    expect(hangChu?.onTime).toEqual({ expected: 2, onTime: 2, onTimeOriginal: 1, rate: 1 });
    // The returned report is not on time while it stands returned.
    const women = body.items.find((r) => r.obligationId === ob.get('xa-ta-xua-hlhpn|II.1|2026-Q1'));
    expect(women?.onTime.onTime).toBe(0);
  });

  it('filters by state, level, task and folded name; sorts by state, deadline, name and rate', async () => {
    const overdue = await overview(monitor, `period=${Q1.key}&state=overdue&limit=500`);
    expect(overdue.total).toBe(q1Owed - 5);
    expect(overdue.items.every((r) => r.state === 'overdue')).toBe(true);
    expect(overdue.counts.total).toBe(q1Owed - 5);
    const late = await overview(monitor, `period=${Q1.key}&state=late`);
    expect(late.items.map((r) => r.obligationId)).toEqual([ob.get('xa-ta-xua-du|III.1|2026-Q1')]);
    const communes = await overview(monitor, `period=${Q1.key}&level=commune&limit=500`);
    expect(communes.items.every((r) => code.get(r.unit.id)?.startsWith('xa-'))).toBe(true);
    const accented = await overview(monitor, `period=${Q1.key}&q=${encodeURIComponent('Tà Xùa')}&limit=500`);
    const folded = await overview(monitor, `period=${Q1.key}&q=TA%20XUA&limit=500`);
    expect(accented.items.map((r) => r.obligationId).sort()).toEqual(folded.items.map((r) => r.obligationId).sort());
    expect(new Set(accented.items.map((r) => code.get(r.unit.id)))).toEqual(
      new Set(['xa-ta-xua-du', 'xa-ta-xua-hlhpn']),
    );
    const task = communes.items[0]?.task?.id as string;
    const byTask = await overview(monitor, `period=${Q1.key}&task=${task}&limit=500`);
    expect(byTask.items.every((r) => r.task?.id === task)).toBe(true);

    const byState = await overview(monitor, `period=${Q1.key}&sort=state&limit=500`);
    const rank = ['overdue', 'returned', 'submitted', 'not_due', 'cannot_do', 'accepted'];
    const ranks = byState.items.map((r) => rank.indexOf(r.state));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const byStateDesc = await overview(monitor, `period=${Q1.key}&sort=state&order=desc&limit=1`);
    expect(byStateDesc.items[0]?.state).toBe('accepted');
    const byDeadline = await overview(monitor, `period=${Q1.key}&sort=deadline&order=desc&limit=1`);
    expect(byDeadline.items[0]?.obligationId).toBe(ob.get('xa-hang-chu-du|III.1|2026-Q1'));
    const byRate = await overview(monitor, `period=${Q1.key}&sort=rate&order=desc&limit=500`);
    const rates = byRate.items.map((r) => r.onTime.rate ?? -1);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    expect(byRate.items[0]?.onTime.rate).toBe(1);
    const page = await overview(monitor, `period=${Q1.key}&sort=rate&order=desc&limit=3&offset=0`);
    expect(page.items.map((r) => r.obligationId)).toEqual(byRate.items.slice(0, 3).map((r) => r.obligationId));
    expect(page.total).toBe(q1Owed);
    const byName = await overview(monitor, `period=${Q1.key}&sort=name&limit=500`);
    expect(byName.items.map((r) => r.obligationId).sort()).toEqual(byRate.items.map((r) => r.obligationId).sort());
  });

  it('shows each viewer only what it may read; drills down by a parent unit', async () => {
    const officer = await t.login('xa1-canbo');
    const own = await overview(officer, `period=${Q1.key}&limit=500`);
    expect(new Set(own.items.map((r) => code.get(r.unit.id)))).toEqual(new Set(['xa-ta-xua-du', 'xa-ta-xua-hlhpn']));
    expect(own.counts.total).toBe(own.items.length);
    const twoGrants = await t.login('hai-quyen', EXTRA_PASSWORD);
    const both = await overview(twoGrants, `period=${Q1.key}&limit=500`);
    expect(new Set(both.items.map((r) => code.get(r.unit.id)?.replace(/-(du|hlhpn)$/, '')))).toEqual(
      new Set(['xa-ta-xua', 'xa-hang-chu']),
    );
    const other = await t.login('giamsat-phu-yen', EXTRA_PASSWORD);
    const refused = await get(other, `/api/v1/plans/${planId}/overview`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('out_of_scope');
    expect((await get(other, `/api/v1/plans/${planId}/periods`)).statusCode).toBe(403);
    expect((await get(other, `/api/v1/plans/${planId}/progress`)).statusCode).toBe(403);

    const taXua = await unitId(t, 'xa-ta-xua');
    const drilled = await overview(monitor, `period=${Q1.key}&parent=${taXua}&limit=500`);
    expect(drilled.items.map((r) => r.obligationId).sort()).toEqual(own.items.map((r) => r.obligationId).sort());
    expect(drilled.counts.total).toBe(own.counts.total);
    const outside = await get(officer, `/api/v1/plans/${planId}/overview?parent=${await unitId(t, 'xa-hang-chu')}`);
    expect(outside.statusCode).toBe(403);
  });

  it('lists the periods with counts and picks the current one', async () => {
    const res = await get(monitor, `/api/v1/plans/${planId}/periods`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: { key: string; total: number; submitted: number }[]; current: string };
    expect(body.items.map((p) => p.key)).toEqual([Q1.key, Q2.key]);
    expect(body.current).toBe(Q2.key);
    expect(body.items[0]).toMatchObject({ total: q1Owed, submitted: 5 });
    expect(body.items[1]?.submitted).toBe(1);
    const current = await overview(monitor);
    expect(current.period?.key).toBe(Q2.key);
    expect(current.counts.not_due).toBe(current.counts.total - 1);
  });

  it('refuses bad input with a Vietnamese 4xx', async () => {
    const unknown = await get(monitor, `/api/v1/plans/${planId}/overview?period=2031-Q4`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toBe('Không tìm thấy kỳ báo cáo được yêu cầu.');
    expect((await get(monitor, `/api/v1/plans/${planId}/progress?period=2031-Q4`)).statusCode).toBe(404);
    expect((await get(monitor, `/api/v1/plans/${planId}/overview?state=done`)).statusCode).toBe(400);
    expect((await get(monitor, `/api/v1/plans/${planId}/overview?sort=evil`)).statusCode).toBe(400);
    expect((await get(monitor, `/api/v1/plans/${planId}/overview?limit=0`)).statusCode).toBe(400);
    expect((await get(monitor, `/api/v1/plans/${planId}/overview?period=a%20b`)).statusCode).toBe(400);
    expect((await get(monitor, `/api/v1/plans/${planId}/overview?task=${planId}`)).statusCode).toBe(404);
    expect((await get(monitor, `/api/v1/plans/${planId}/overview?parent=${planId}`)).statusCode).toBe(404);
    expect((await get(monitor, `/api/v1/plans/${crypto.randomUUID()}/overview`)).statusCode).toBe(404);
    expect((await get(monitor, `/api/v1/plans/${planId}/overview?q=%25`)).statusCode).toBe(200);
  });

  it('rolls progress up from units to tasks to sections and the plan, by counts and weighted tasks', async () => {
    const nodes = await t.db
      .selectFrom('plan_node')
      .select(['id', 'label', 'kind'])
      .where('plan_id', '=', planId)
      .execute();
    const idOf = (label: string) => nodes.find((n) => n.label === label)?.id as string;
    // Q2: task III.5 done by all its units and accepted; weight 3.
    const iii5 = [...ob.entries()].filter(([k]) => k.includes('|III.5|2026-Q2')).map(([, id]) => id);
    expect(iii5.length).toBeGreaterThan(1);
    await t.db
      .insertInto('report')
      .values(
        iii5.map((id) => ({
          obligation_id: id,
          status: 'done' as const,
          review_state: 'accepted' as const,
          first_submitted_at: '2026-05-01T03:00:00Z',
        })),
      )
      .execute();
    await t.db.updateTable('plan_node').set({ weight: 3 }).where('id', '=', idOf('III.5')).execute();

    type P = {
      state: string;
      owed: number;
      done: number;
      tasks: number;
      tasksDone: number;
      weight: number;
      weightDone: number;
    };
    const res = await get(monitor, `/api/v1/plans/${planId}/progress?period=${Q2.key}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as {
      period: string;
      plan: P;
      nodes: (P & { id: string; kind: string; parentId: string | null })[];
    };
    expect(body.period).toBe(Q2.key);
    const node = (label: string) => body.nodes.find((n) => n.id === idOf(label));
    expect(node('III.5')).toMatchObject({ state: 'done', owed: iii5.length, done: iii5.length, tasksDone: 1 });
    expect(node('II.1')?.state).toBe('in_progress'); // one unit submitted early, none overdue yet
    expect(node('II.4')?.state).toBe('not_started');
    const tasks = body.nodes.filter((n) => n.kind === 'task' && n.owed > 0);
    expect(body.plan.owed).toBe(tasks.reduce((s, n) => s + n.owed, 0));
    expect(body.plan.done).toBe(iii5.length);
    expect(body.plan.tasks).toBe(tasks.length);
    expect(body.plan.tasksDone).toBe(1);
    expect(body.plan.weightDone).toBe(3);
    expect(body.plan.weight).toBe(tasks.length - 1 + 3);
    // III.5's own sub-section is done with it; the section above sums every task below it.
    const own5 = body.nodes.find((n) => n.kind === 'section' && n.id === node('III.5')?.parentId);
    expect(own5).toMatchObject({ state: 'done', tasks: 1, tasksDone: 1, weight: 3, weightDone: 3 });
    const sectionIII = body.nodes.find((n) => n.id === own5?.parentId);
    const below = (id: string | undefined): typeof tasks =>
      body.nodes.filter((n) => n.parentId === id).flatMap((n) => (n.kind === 'task' ? [n] : below(n.id)));
    const inIII = below(sectionIII?.id).filter((n) => n.owed > 0);
    expect(inIII.length).toBeGreaterThan(1);
    expect(sectionIII).toMatchObject({
      state: 'in_progress',
      owed: inIII.reduce((s, n) => s + n.owed, 0),
      tasks: inIII.length,
      tasksDone: 1,
    });

    const q1 = (await get(monitor, `/api/v1/plans/${planId}/progress?period=${Q1.key}`)).json() as typeof body;
    expect(q1.plan.state).toBe('overdue');
    expect(q1.nodes.find((n) => n.id === idOf('II.1'))).toMatchObject({ state: 'overdue', done: 1 });
    // Without a period: the current one.
    expect(((await get(monitor, `/api/v1/plans/${planId}/progress`)).json() as typeof body).period).toBe(Q2.key);
    // The commune officer sees its own units' share only.
    const officer = await t.login('xa1-canbo');
    const own = (await get(officer, `/api/v1/plans/${planId}/progress?period=${Q1.key}`)).json() as typeof body;
    expect(own.plan.owed).toBe(4);
  });

  it('counts in SQL: the same few statements for a page of 4 rows as for the whole period', async () => {
    const counter: KyselyPlugin & { count: number } = {
      count: 0,
      // Counted on the results: one per statement executed (a query may be transformed more than once).
      transformQuery: (args) => args.node,
      async transformResult(args) {
        this.count++;
        return args.result;
      },
    };
    const actor = await loadActor(t.db, monitor.user.id);
    if (!actor) throw new Error('no actor');
    const service = new OverviewService(t.db.withPlugin(counter), fixedClock('2026-05-20T03:00:00Z'));
    const statements = async (query: Parameters<OverviewService['overview']>[2]) => {
      counter.count = 0;
      const body = await service.overview(actor, planId, query);
      return { n: counter.count, rows: body.items.length };
    };
    const base = { period: Q1.key, sort: 'state', order: 'asc', limit: 500, offset: 0 } as const;
    const small = await statements({ ...base, q: 'ta xua' });
    const whole = await statements(base);
    const byRate = await statements({ ...base, sort: 'rate' });
    expect(small.rows).toBe(4);
    expect(whole.rows).toBe(q1Owed);
    // plan, period, the overview statement, level names, the page's rates.
    expect(small.n).toBe(5);
    expect(whole.n).toBe(small.n);
    expect(byRate.n).toBe(small.n);
    counter.count = 0;
    await service.progress(actor, planId, Q1.key);
    expect(counter.count).toBe(4); // plan, period, tree, task counts
  });
});
