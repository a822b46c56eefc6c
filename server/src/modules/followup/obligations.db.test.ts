import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.js';
import { type Session, type TestApp, testApp, unitId } from '../../test-support/app.js';
import { backends } from '../../test-support/db.js';
import { oneTaskPlan } from '../../test-support/plan-body.js';
import { syncJob } from './index.js';
import { syncAllPlans, syncPlan } from './obligations.sync.js';

/** The obligation rule, regime settings, what I owe and a leader's home (docs/followup.md). */
describe.each(backends())('obligations on %s', (kind) => {
  let t: TestApp;
  const clock = fixedClock('2026-12-01T03:00:00Z');
  let admin: Session;
  let monitor: Session;
  let officer: Session;
  let head: Session;

  const rows = (planId: string) =>
    t.db
      .selectFrom('obligation')
      .selectAll()
      .where('plan_id', '=', planId)
      .orderBy('period_start')
      .orderBy('unit_id')
      .execute();

  const createUnit = async (name: string, parentCode: string, validFrom?: string) => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/v1/org-units',
      payload: {
        parentId: await unitId(t, parentCode),
        kind: 'party_branch',
        level: 'grassroots',
        name,
        ...(validFrom ? { validFrom } : {}),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  const createPlan = async (who: Session, owner: string, unit: string, title: string) => {
    const organization = 'Đơn vị được giao';
    const res = await who.request({
      method: 'POST',
      url: '/api/v1/plans',
      payload: {
        plan: oneTaskPlan(organization, title),
        ownerUnitId: owner,
        organizations: { [organization]: { unitId: unit } },
      },
    });
    return res;
  };

  beforeAll(async () => {
    t = await testApp(kind, 'demo', { clock });
    admin = await t.login('admin');
    monitor = await t.login('giamsat');
    officer = await t.login('xa1-canbo');
    head = await t.login('xa1-truong');
  });
  afterAll(() => t.close());

  it('makes one obligation per task, unit and started period, with the deadline of the unit’s level', async () => {
    const unit = await createUnit('Chi bộ thôn Tà Xùa A', 'xa-ta-xua');
    const res = await createPlan(monitor, await unitId(t, 'huyen-uy-btv'), unit, 'Kế hoạch kiểm tra nghĩa vụ');
    expect(res.statusCode, res.body).toBe(201);
    const planId = res.json().id as string;
    const made = await rows(planId);
    // Dated 2019-05-01, six-monthly (the default), Decree 09 windows; at most two years back:
    // from the period holding 1/12/2024 to the one started 15/6/2026.
    expect(made.map((r) => r.period_key)).toEqual(['2024-H2', '2025-H1', '2025-H2', '2026-H1', '2026-H2']);
    const last = made.at(-1);
    expect(last).toMatchObject({ unit_id: unit, role: 'lead', period_start: '2026-06-15', period_end: '2026-12-14' });
    // A grassroots branch reports at the commune's deadline: the 14th + 3 days, a working day.
    expect(last?.level).toBe('commune');
    expect(last?.due_on).toBe('2026-12-17');
    // Idempotent: a second run makes nothing.
    expect(await syncPlan(t.db, planId, clock.today())).toEqual({ created: 0, ended: 0 });
  });

  it('two syncs of the same plan at once neither fail nor duplicate', async () => {
    const unit = await createUnit('Chi bộ thôn Tà Xùa B', 'xa-ta-xua');
    const res = await createPlan(monitor, await unitId(t, 'huyen-uy-btv'), unit, 'Kế hoạch đồng thời');
    const planId = res.json().id as string;
    await t.db.deleteFrom('obligation').where('plan_id', '=', planId).execute();
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => t.db.transaction().execute((trx) => syncPlan(trx, planId, clock.today()))),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const made = await rows(planId);
    expect(made).toHaveLength(5);
    expect(results.reduce((n, r) => n + (r.status === 'fulfilled' ? r.value.created : 0), 0)).toBe(5);
  });

  it('follows the directory: a closed unit ends from its date, its successor takes over; history stays', async () => {
    const a = await createUnit('Chi bộ thôn Tà Xùa C', 'xa-ta-xua');
    const planId = (await createPlan(monitor, await unitId(t, 'huyen-uy-btv'), a, 'Kế hoạch sáp nhập')).json()
      .id as string;
    const b = await createUnit('Chi bộ thôn Tà Xùa C mới', 'xa-ta-xua', '2026-10-01');
    const before = await rows(planId);
    const closed = await admin.request({
      method: 'POST',
      url: `/api/v1/org-units/${a}/close`,
      payload: { validTo: '2026-10-01', successorId: b },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const after = await rows(planId);
    const h2 = after.filter((r) => r.period_key === '2026-H2');
    expect(h2.find((r) => r.unit_id === a)?.ended_on).toBe('2026-10-01');
    expect(h2.find((r) => r.unit_id === b)).toMatchObject({ ended_on: null, role: 'lead' });
    // Earlier periods are never rewritten, and the successor owes nothing for them.
    const earlier = (list: typeof after) =>
      list.filter((r) => r.period_key !== '2026-H2').map((r) => [r.id, r.unit_id, r.ended_on, r.version]);
    expect(earlier(after)).toEqual(earlier(before));
  });

  it('a withdrawn plan: the periods running on its end date end there, earlier ones stay', async () => {
    const unit = await createUnit('Chi bộ thôn Tà Xùa F', 'xa-ta-xua');
    const planId = (await createPlan(monitor, await unitId(t, 'huyen-uy-btv'), unit, 'Kế hoạch thu hồi')).json()
      .id as string;
    const before = await rows(planId);
    // Part F withdraws plans; its change event arrives here as a sync from the end date.
    await t.db
      .updateTable('plan')
      .set({ status: 'withdrawn', ended_on: '2026-10-01' })
      .where('id', '=', planId)
      .execute();
    expect(await syncPlan(t.db, planId, clock.today(), '2026-10-01')).toEqual({ created: 0, ended: 1 });
    const after = await rows(planId);
    expect(after.find((r) => r.period_key === '2026-H2')?.ended_on).toBe('2026-10-01');
    const earlier = (list: typeof after) => list.filter((r) => r.period_key !== '2026-H2');
    expect(earlier(after)).toEqual(earlier(before));
    // The next period never comes for it.
    expect(await syncPlan(t.db, planId, '2026-12-20')).toEqual({ created: 0, ended: 0 });
  });

  it('a selector stays a rule: a unit added later owes from the period it opened in', async () => {
    const demo = await t.db.selectFrom('plan').select('id').orderBy('created_at').executeTakeFirstOrThrow();
    const selectorTasks = await t.db
      .selectFrom('assignment as a')
      .innerJoin('plan_node as n', 'n.id', 'a.task_id')
      .select('a.task_id')
      .distinct()
      .where('n.plan_id', '=', demo.id)
      .where('a.selector', '=', 'Các cấp ủy đảng')
      .execute();
    expect(selectorTasks.length).toBeGreaterThan(0);
    const unit = await createUnit('Chi bộ bản Mới', 'xa-ta-xua', '2026-07-01');
    const mine = await t.db
      .selectFrom('obligation')
      .select(['period_key', 'task_id'])
      .where('plan_id', '=', demo.id)
      .where('unit_id', '=', unit)
      .where('role', '<>', 'figures') // the plan's figures collection is annual: see approval.db.test.ts
      .execute();
    expect(new Set(mine.map((r) => r.period_key))).toEqual(new Set(['2026-H2']));
    expect(new Set(mine.map((r) => r.task_id))).toEqual(new Set(selectorTasks.map((r) => r.task_id)));
  });

  it('sets the regime from the next period not yet started, keeps what exists, and the plan’s own line', async () => {
    const unit = await createUnit('Chi bộ thôn Tà Xùa D', 'xa-ta-xua');
    const planId = (await createPlan(monitor, await unitId(t, 'huyen-uy-btv'), unit, 'Kế hoạch đổi chế độ')).json()
      .id as string;
    const url = `/api/v1/plans/${planId}/regime`;
    const got = await monitor.request({ method: 'GET', url });
    expect(got.statusCode, got.body).toBe(200);
    expect(got.json()).toMatchObject({ isDefault: true, regime: { frequency: 'semiannual' }, version: 1 });
    const quarterly = {
      frequency: 'quarterly',
      window: 'decree09',
      levels: ['commune', 'district', 'province'],
      deadlines: { commune: { afterCutoff: 3 }, district: { afterCutoff: 6 }, province: { dayOfMonth: 25 } },
    };
    // Bad input: a Vietnamese 400, nothing changed.
    const bad = await monitor.request({
      method: 'PUT',
      url,
      payload: {
        version: 1,
        regime: { ...quarterly, deadlines: { ...quarterly.deadlines, commune: { afterCutoff: 9 } } },
      },
    });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().detail).toMatch(/Hạn của cấp dưới/);
    const unknownLevel = await monitor.request({
      method: 'PUT',
      url,
      payload: { version: 1, regime: { ...quarterly, levels: ['hamlet'], deadlines: { hamlet: { afterCutoff: 3 } } } },
    });
    expect(unknownLevel.statusCode).toBe(400);
    expect(unknownLevel.json().detail).toMatch(/hamlet/);
    const forbidden = await officer.request({ method: 'PUT', url, payload: { version: 1, regime: quarterly } });
    expect(forbidden.statusCode).toBe(403);
    const ownReport = await monitor.request({
      method: 'PUT',
      url,
      payload: { version: 1, reportsToUnitId: await unitId(t, 'huyen-uy-btv') },
    });
    expect(ownReport.statusCode).toBe(400);
    expect(await rows(planId)).toHaveLength(5);

    const ok = await monitor.request({
      method: 'PUT',
      url,
      payload: { version: 1, regime: quarterly, reportsToUnitId: await unitId(t, 'tinh-uy-btv') },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ isDefault: false, version: 2, regime: { frequency: 'quarterly' } });
    expect(ok.json().history.map((h: { from: string | null }) => h.from)).toEqual([null, '2026-12-15']);
    const stale = await monitor.request({ method: 'PUT', url, payload: { version: 1, regime: quarterly } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');

    // The plan's own line: from the change on (the current period), the owner owes the province.
    const line = (await rows(planId)).filter((r) => r.task_id === null);
    expect(line.map((r) => r.period_key)).toEqual(['2026-H2']);
    expect(line.every((r) => r.role === 'plan' && r.level === 'district')).toBe(true);

    // The next quarter starts on 15/12: its obligations come, the six-monthly ones stay.
    clock.set('2026-12-20T03:00:00Z');
    try {
      await syncJob.handler({ db: t.db, clock, jobId: 'test', key: 'test', send: async () => null }, {});
      const keys = new Set((await rows(planId)).map((r) => r.period_key));
      expect(keys.has('2027-Q1')).toBe(true);
      expect(keys.has('2027-H1')).toBe(false);
      expect(keys.has('2026-H2')).toBe(true);
      const audit = await t.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', planId)
        .where('action', '=', 'plan.reporting')
        .execute();
      expect(audit).toHaveLength(1);
    } finally {
      clock.set('2026-12-01T03:00:00Z');
    }
  });

  it('a task’s own regime: GET, PUT with version, back to the plan’s', async () => {
    const unit = await createUnit('Chi bộ thôn Tà Xùa E', 'xa-ta-xua');
    const planId = (await createPlan(monitor, await unitId(t, 'huyen-uy-btv'), unit, 'Kế hoạch nhiệm vụ riêng')).json()
      .id as string;
    const task = await t.db
      .selectFrom('plan_node')
      .select('id')
      .where('plan_id', '=', planId)
      .where('kind', '=', 'task')
      .executeTakeFirstOrThrow();
    const url = `/api/v1/plans/${planId}/tasks/${task.id}/regime`;
    expect((await officer.request({ method: 'GET', url })).json()).toMatchObject({ inherited: true, version: 1 });
    const annual = {
      frequency: 'annual',
      window: 'calendar',
      levels: ['commune', 'district'],
      deadlines: { commune: { afterCutoff: 5 }, district: { afterCutoff: 10 } },
    };
    const put = await monitor.request({ method: 'PUT', url, payload: { version: 1, regime: annual } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ inherited: false, version: 2, regime: { frequency: 'annual' } });
    const forged = await monitor.request({
      method: 'PUT',
      url: `/api/v1/plans/${planId}/tasks/${planId}/regime`,
      payload: { version: 1, regime: annual },
    });
    expect(forged.statusCode).toBe(404);
    const back = await monitor.request({ method: 'PUT', url, payload: { version: 2, regime: null } });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().version).toBe(3);
  });

  it('what I owe: the unit’s obligations in deadline order, paged and filtered; a unit head issues its own plan', async () => {
    await syncAllPlans(t.db, clock.today());
    const res = await officer.request({ method: 'GET', url: '/api/v1/me/obligations?limit=20' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.total).toBeGreaterThan(20);
    expect(body.items).toHaveLength(20);
    const dues = body.items.map((i: { effectiveDueOn: string }) => i.effectiveDueOn);
    expect(dues).toEqual([...dues].sort());
    const taXua = await t.db
      .selectFrom('org_unit')
      .select('path')
      .where('code', '=', 'xa-ta-xua')
      .executeTakeFirstOrThrow();
    const paths = await t.db
      .selectFrom('org_unit')
      .select(['id', 'path'])
      .where(
        'id',
        'in',
        body.items.map((i: { unit: { id: string } }) => i.unit.id),
      )
      .execute();
    expect(paths.every((p) => p.path.startsWith(taXua.path))).toBe(true);
    expect(body.items[0]).toMatchObject({ state: 'overdue', overdue: true, reportState: 'none' });

    const returned = body.items[1];
    await t.db
      .insertInto('report')
      .values({ obligation_id: returned.id, review_state: 'returned', review_comment: 'Bổ sung số liệu' })
      .execute();
    const onlyReturned = (
      await officer.request({ method: 'GET', url: '/api/v1/me/obligations?state=returned' })
    ).json();
    expect(onlyReturned.items.map((i: { id: string }) => i.id)).toEqual([returned.id]);
    expect(onlyReturned.items[0]).toMatchObject({ reportState: 'returned', returnedComment: 'Bổ sung số liệu' });

    // With the demo's history (reports submitted and accepted over two periods), what is still owed
    // comes first in deadline order, then what was handed in, the latest first.
    const all = (await officer.request({ method: 'GET', url: '/api/v1/me/obligations?limit=200' })).json();
    expect(all.items).toHaveLength(all.total);
    type Item = { state: string; effectiveDueOn: string };
    const handedIn = (i: Item) => i.state === 'submitted' || i.state === 'accepted';
    const open = all.items.filter((i: Item) => !handedIn(i));
    const closed = all.items.filter(handedIn);
    expect(closed.length).toBeGreaterThan(0);
    expect(all.items).toEqual([...open, ...closed]);
    const openDues = open.map((i: Item) => i.effectiveDueOn);
    expect(openDues).toEqual([...openDues].sort());
    const closedDues = closed.map((i: Item) => i.effectiveDueOn);
    expect(closedDues).toEqual([...closedDues].sort().reverse());

    const bad = await officer.request({ method: 'GET', url: '/api/v1/me/obligations?state=late&limit=0' });
    expect(bad.statusCode).toBe(400);

    // The unit head registers the commune's own plan; not another commune's, not the district's.
    const own = await createPlan(head, await unitId(t, 'xa-ta-xua-du'), await unitId(t, 'xa-ta-xua-du'), 'Kế hoạch xã');
    expect(own.statusCode, own.body).toBe(201);
    const other = await createPlan(
      head,
      await unitId(t, 'xa-hang-chu-du'),
      await unitId(t, 'xa-hang-chu-du'),
      'Xã khác',
    );
    expect(other.statusCode).toBe(403);
    const district = await createPlan(head, await unitId(t, 'huyen-uy-btv'), await unitId(t, 'xa-ta-xua-du'), 'Huyện');
    expect(district.statusCode).toBe(403);
  });

  it('lists the cascade’s “issue your own implementing plan” for a unit that has not answered', async () => {
    const hangChu = await t.login('giamsat');
    // A Hang Chú unit head sees that its commune must still answer the district's plan.
    const user = await t.db
      .insertInto('app_user')
      .values({ username: 'hc-truong', display_name: 'Bí thư Hang Chú', password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('role_grant')
      .values({ user_id: user.id, unit_id: await unitId(t, 'xa-hang-chu'), role: 'unit_head' })
      .execute();
    const reset = await admin.request({
      method: 'POST',
      url: `/api/v1/users/${user.id}/password`,
      payload: { password: 'mat-khau-hang-chu' },
    });
    expect(reset.statusCode, reset.body).toBe(204);
    const hc = await t.login('hc-truong', 'mat-khau-hang-chu');
    const body = (await hc.request({ method: 'GET', url: '/api/v1/me/obligations' })).json();
    const hangChuDu = await unitId(t, 'xa-hang-chu-du');
    const item = body.plansToIssue.find((p: { unit: { id: string } }) => p.unit.id === hangChuDu);
    expect(item, JSON.stringify(body.plansToIssue)).toBeTruthy();
    expect(item.document.symbol).toBe('45-KH/HU');
    expect(item.status).toBe('overdue');
    // Tà Xùa answered (12-KH/ĐU): nothing for its officer.
    const taXua = (await officer.request({ method: 'GET', url: '/api/v1/me/obligations' })).json();
    expect(taXua.plansToIssue.filter((p: { unit: { id: string } }) => p.unit.id === (hangChuDu as string))).toEqual([]);
    expect(hangChu).toBeTruthy();
  });

  it('a leader’s home: counts by state and the most urgent across the scope', async () => {
    const res = await monitor.request({ method: 'GET', url: '/api/v1/me/home?limit=5' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.urgent).toHaveLength(5);
    expect(body.counts.overdue).toBeGreaterThan(0);
    expect(body.total).toBe(body.counts.due + body.counts.overdue + body.counts.returned);
    const other = (await (await t.login('admin')).request({ method: 'GET', url: '/api/v1/me/home' })).json();
    expect(other.counts.overdue).toBeGreaterThanOrEqual(body.counts.overdue);
  });
});
