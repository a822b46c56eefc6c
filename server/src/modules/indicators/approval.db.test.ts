import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access.js';
import { fixedClock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { type Session, type TestApp, testApp, unitId } from '../../test-support/app.js';
import { backends } from '../../test-support/db.js';
import { clearCollections, clearFigures } from '../../test-support/indicators.js';
import { syncPlan } from '../followup/obligations.sync.js';
import { runRemindersAt } from '../reminders/ladder.js';
import { ReportsService } from '../reports/reports.service.js';
import { ValuesService } from './values.service.js';

/**
 * Approval (docs/indicators.md "Approval"): a plan's figures collection makes `figures`
 * obligations through the follow-through's sync; the gates refuse an incomplete submission and a
 * level's acceptance while a level below is pending.
 */
describe.each(backends())('approval of figures on %s', (kind) => {
  let t: TestApp;
  const clock = fixedClock('2026-03-10T03:00:00Z');
  let planId: string;
  let monitor: Session;
  let head: Session;
  let admin: Session;
  const ids: Record<string, string> = {};
  let values: ValuesService;
  let reports: ReportsService;

  const refusal = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      if (e instanceof AppError) return e;
      throw e;
    }
    throw new Error('expected a refusal');
  };
  const figures = (unitCode: string, period = '2025') =>
    t.db
      .selectFrom('obligation')
      .selectAll()
      .where('unit_id', '=', ids[unitCode] as string)
      .where('period_key', '=', period)
      .where('role', '=', 'figures')
      .where('plan_id', '=', planId)
      .executeTakeFirst();
  /** A head of one unit (no demo user heads the district's committee). */
  const headOf = async (code: string): Promise<Actor> => {
    const u = await t.db
      .selectFrom('org_unit')
      .select(['id', 'path', 'name'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    return {
      userId: '',
      username: `head-${code}`,
      displayName: `Trưởng ${u.name}`,
      homeUnitId: u.id,
      grants: [{ role: 'unit_head', unitId: u.id, unitPath: u.path, unitName: u.name }],
    };
  };
  /** Every cell of the unit's form marked "not available": complete, nothing to validate. */
  const fillNotAvailable = async (unitCode: string, period = '2025') => {
    const unit = ids[unitCode] as string;
    const state = await values.formState(t.db, unit, period);
    const changes = state.elements.flatMap((e) =>
      e.combos.map((combo) => ({ element: e.code, combo, value: null, notAvailable: true, version: 0 })),
    );
    await values.save({ actor: await headOf(unitCode) }, unit, period, { changes });
  };

  beforeAll(async () => {
    t = await testApp(kind, 'demo', { clock });
    values = new ValuesService(t.db, clock);
    reports = new ReportsService(t.db, clock);
    await clearFigures(t.db);
    // The demo's founding plan collects figures; these cases start from a plan that does not.
    await clearCollections(t.db);
    for (const code of [
      'huyen-uy',
      'huyen-hdnd',
      'tinh-uy',
      'tinh-uy-btv',
      'xa-ta-xua-du',
      'xa-ta-xua-hdnd',
      'xa-ta-xua-mttq',
      'xa-ta-xua-hlhpn',
      'xa-hang-chu-du',
    ]) {
      ids[code] = await unitId(t, code);
    }
    // The demo's founding plan: owned by the district, reporting to the province.
    const plan = await t.db
      .selectFrom('plan')
      .select(['id', 'owner_unit_id'])
      .orderBy('created_at')
      .executeTakeFirstOrThrow();
    planId = plan.id;
    ids.owner = plan.owner_unit_id;
    monitor = await t.login('giamsat');
    head = await t.login('xa1-truong');
    admin = await t.login('admin');
  }, 120_000);
  afterAll(() => t?.close());

  it('reads a plan that collects nothing, refuses a stranger, a stale version and an unknown indicator', async () => {
    const read = await monitor.request({ method: 'GET', url: `/api/v1/plans/${planId}/figures` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ collects: false, version: 0, actions: ['plan.manage'] });
    const body = { frequency: 'annual', fromYear: 2025, indicatorCodes: [], lockAfterDays: 3650, version: 0 };
    // A commune's head manages plans of the commune only.
    const commune = await head.request({ method: 'PUT', url: `/api/v1/plans/${planId}/figures`, payload: body });
    expect(commune.statusCode).toBe(403);
    const unknown = await monitor.request({
      method: 'PUT',
      url: `/api/v1/plans/${planId}/figures`,
      payload: { ...body, indicatorCodes: ['W21-KHONG-CO'] },
      headers: { 'accept-language': 'en' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'figures_indicator_unknown' });
    expect(unknown.json().detail).toContain('W21-KHONG-CO');
    const stale = await monitor.request({
      method: 'PUT',
      url: `/api/v1/plans/${planId}/figures`,
      payload: { ...body, version: 3 },
    });
    expect(stale.statusCode).toBe(409);
    expect(await t.db.selectFrom('figures_collection').selectAll().execute()).toHaveLength(0);
    expect(await t.db.selectFrom('obligation').selectAll().where('role', '=', 'figures').execute()).toHaveLength(0);
  });

  it('makes one figures obligation per reporting unit and period, reviewed by the level above', async () => {
    const planLine = async () =>
      (
        await t.db
          .selectFrom('obligation')
          .select('id')
          .where('plan_id', '=', planId)
          .where('role', '<>', 'figures')
          .execute()
      )
        .map((r) => r.id)
        .sort();
    const before = await planLine();
    const res = await monitor.request({
      method: 'PUT',
      url: `/api/v1/plans/${planId}/figures`,
      payload: { frequency: 'annual', fromYear: 2025, indicatorCodes: [], lockAfterDays: 3650, version: 0 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ collects: true, version: 1, fromYear: 2025, lockAfterDays: 3650 });
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', planId).execute();
    expect(audit.map((a) => a.action)).toContain('indicator.collection');

    // A commune's Party committee: reviewed by the plan's owner (a district body), with
    // the commune's deadline of the 2025 window (cut-off 14/12/2025).
    const du = await figures('xa-ta-xua-du');
    expect(du).toMatchObject({
      reviewer_unit_id: ids.owner,
      task_id: null,
      level: 'commune',
      period_start: '2024-12-15',
      period_end: '2025-12-14',
      ended_on: null,
    });
    expect(du?.due_on).toBe('2025-12-17');
    // The district's own units: reviewed by the plan's reports_to (the province).
    const plan = await t.db
      .selectFrom('plan')
      .select('reports_to_unit_id')
      .where('id', '=', planId)
      .executeTakeFirstOrThrow();
    expect(plan.reports_to_unit_id).not.toBeNull();
    expect((await figures('huyen-uy'))?.reviewer_unit_id).toBe(plan.reports_to_unit_id);
    expect((await figures('huyen-hdnd'))?.reviewer_unit_id).toBe(plan.reports_to_unit_id);
    // The Fatherland Front types no element of the catalogue; the province is outside the plan.
    expect(await figures('xa-ta-xua-mttq')).toBeUndefined();
    expect(await figures('tinh-uy')).toBeUndefined();
    expect(await figures('xa-ta-xua-hlhpn')).toBeDefined();
    // The running year too, nothing before the first year.
    expect(await figures('xa-ta-xua-du', '2026')).toBeDefined();
    expect(await figures('xa-ta-xua-du', '2024')).toBeUndefined();
    // The plan's own and its tasks' obligations are left as they were; a second sync adds nothing.
    expect(await planLine()).toEqual(before);
    const count = async () =>
      (
        await t.db
          .selectFrom('obligation')
          .select('id')
          .where('plan_id', '=', planId)
          .where('role', '=', 'figures')
          .execute()
      ).length;
    const made = await count();
    expect(await syncPlan(t.db, planId, '2026-03-10')).toEqual({ created: 0, ended: 0 });
    expect(await count()).toBe(made);
  });

  it('narrows the collection from today: periods already closed keep their obligations', async () => {
    const current = (await monitor.request({ method: 'GET', url: `/api/v1/plans/${planId}/figures` })).json();
    // W21-LD01 reads Party committee figures only: councils no longer owe the running year.
    const narrowed = await monitor.request({
      method: 'PUT',
      url: `/api/v1/plans/${planId}/figures`,
      payload: { ...current, indicatorCodes: ['W21-LD01'], planId: undefined, collects: undefined, actions: undefined },
    });
    expect(narrowed.statusCode).toBe(200);
    expect((await figures('xa-ta-xua-hdnd', '2026'))?.ended_on).toBe('2026-03-10');
    expect((await figures('xa-ta-xua-hdnd', '2025'))?.ended_on).toBeNull();
    expect((await figures('xa-ta-xua-du', '2026'))?.ended_on).toBeNull();
    // Back to every indicator: the council owes the running year again (a new row would clash with
    // the ended one's identity, so the ended row stays ended and the form shows no obligation).
    const back = await monitor.request({
      method: 'PUT',
      url: `/api/v1/plans/${planId}/figures`,
      payload: { frequency: 'annual', fromYear: 2025, indicatorCodes: [], lockAfterDays: 3650, version: 2 },
    });
    expect(back.statusCode).toBe(200);
    expect(back.json().version).toBe(3);
  });

  it('takes one of two simultaneous changes of the collection; the other is told it is stale', async () => {
    const current = (await monitor.request({ method: 'GET', url: `/api/v1/plans/${planId}/figures` })).json();
    const body = (lockAfterDays: number) => ({
      frequency: 'annual',
      fromYear: 2025,
      indicatorCodes: [],
      lockAfterDays,
      version: current.version,
    });
    const [a, b] = await Promise.all([
      monitor.request({ method: 'PUT', url: `/api/v1/plans/${planId}/figures`, payload: body(3650) }),
      admin.request({ method: 'PUT', url: `/api/v1/plans/${planId}/figures`, payload: body(3000) }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().code).toBe('stale_version');
    const row = await t.db
      .selectFrom('figures_collection')
      .select(['version', 'lock_after_days'])
      .where('plan_id', '=', planId)
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(current.version + 1);
    expect(row.lock_after_days).toBe(a.statusCode === 200 ? 3650 : 3000);
  });

  it('refuses to submit incomplete figures, with the counts; accepts the submission once complete', async () => {
    const du = (await figures('xa-ta-xua-du')) as { id: string };
    const ctx = { actor: await headOf('xa-ta-xua-du') };
    const incomplete = await refusal(reports.submit(ctx, du.id, { version: 0 }));
    expect(incomplete.status).toBe(409);
    expect(incomplete.code).toBe('figures_incomplete');
    expect(Number(incomplete.params.missing)).toBeGreaterThan(0);
    const state = await t.db.selectFrom('report').select('review_state').where('obligation_id', '=', du.id).execute();
    expect(state.every((r) => r.review_state === 'draft')).toBe(true);

    // Through the route, the commune's head sees the same reason.
    const approval = await head.request({
      method: 'GET',
      url: `/api/v1/indicators/forms/${ids['xa-ta-xua-du']}/2025/approval`,
    });
    expect(approval.statusCode).toBe(200);
    expect(approval.json()).toMatchObject({
      obligation: { id: du.id, reviewState: 'draft', reviewerUnitId: ids.owner },
      actions: ['report.submit'],
    });
    expect(approval.json().readiness.missing).toBe(Number(incomplete.params.missing));

    await fillNotAvailable('xa-ta-xua-du');
    const version = (
      await t.db.selectFrom('report').select('version').where('obligation_id', '=', du.id).executeTakeFirst()
    )?.version;
    const sent = await head.request({
      method: 'POST',
      url: `/api/v1/obligations/${du.id}/report/submit`,
      payload: { version: version ?? 0 },
    });
    expect(sent.statusCode).toBe(200);
    const row = await t.db
      .selectFrom('report')
      .select('review_state')
      .where('obligation_id', '=', du.id)
      .executeTakeFirst();
    expect(row?.review_state).toBe('submitted');
    // Under review: the form takes no change.
    const locked = await refusal(
      values.save(ctx, ids['xa-ta-xua-du'] as string, '2025', {
        changes: [{ element: 'CU_TONG', combo: '', value: 3, notAvailable: false, version: 1 }],
      }),
    );
    expect(locked.code).toBe('figures_under_review');
  });

  it('lets the district accept the commune; the province cannot accept the district while a commune is pending', async () => {
    const du = (await figures('xa-ta-xua-du')) as { id: string };
    const queue = await monitor.request({ method: 'GET', url: '/api/v1/indicators/review?period=2025' });
    expect(queue.statusCode).toBe(200);
    const mine = queue.json().items as { obligationId: string; reviewState: string }[];
    expect(mine.find((i) => i.obligationId === du.id)?.reviewState).toBe('submitted');
    // The district monitor reviews communes, not the district's own figures (the province does).
    const district = (await figures('huyen-uy')) as { id: string };
    expect(mine.some((i) => i.obligationId === district.id)).toBe(false);
    expect(queue.json().counts.submitted).toBeGreaterThanOrEqual(1);

    const v = (
      await t.db.selectFrom('report').select('version').where('obligation_id', '=', du.id).executeTakeFirstOrThrow()
    ).version;
    const accepted = await monitor.request({
      method: 'POST',
      url: `/api/v1/obligations/${du.id}/report/accept`,
      payload: { version: v },
    });
    expect(accepted.statusCode).toBe(200);
    expect(
      (await t.db.selectFrom('report').select('review_state').where('obligation_id', '=', du.id).executeTakeFirst())
        ?.review_state,
    ).toBe('accepted');

    // The district committee submits its own figures; the province reviews them.
    await fillNotAvailable('huyen-uy');
    const dctx = { actor: await headOf('huyen-uy') };
    await reports.submit(dctx, district.id, { version: 0 });
    const dv = (
      await t.db
        .selectFrom('report')
        .select('version')
        .where('obligation_id', '=', district.id)
        .executeTakeFirstOrThrow()
    ).version;
    const pending = await admin.request({
      method: 'POST',
      url: `/api/v1/obligations/${district.id}/report/accept`,
      payload: { version: dv },
    });
    expect(pending.statusCode).toBe(409);
    expect(pending.json().code).toBe('figures_children_pending');
    // The accepted commune is not named; a pending one (Hang Chú) is counted.
    const names = pending.json().detail as string;
    expect(names).not.toContain('Đảng ủy xã Tà Xùa');
    const approval = await admin.request({
      method: 'GET',
      url: `/api/v1/indicators/forms/${ids['huyen-uy']}/2025/approval`,
    });
    expect(approval.json()).toMatchObject({ actions: ['report.review'], obligation: { reviewState: 'submitted' } });
    const pendingCount = approval.json().childrenPending.count as number;
    expect(pendingCount).toBeGreaterThan(10);
    expect(
      (approval.json().childrenPending.units as { unitId: string }[]).some((u) => u.unitId === ids['xa-ta-xua-du']),
    ).toBe(false);
    expect(
      (
        await t.db
          .selectFrom('report')
          .select('review_state')
          .where('obligation_id', '=', district.id)
          .executeTakeFirst()
      )?.review_state,
    ).toBe('submitted');

    // Once every commune's figures are accepted (here: written directly), the province accepts.
    const below = await t.db
      .selectFrom('obligation as o')
      .innerJoin('org_unit as u', 'u.id', 'o.unit_id')
      .select('o.id')
      .where('o.role', '=', 'figures')
      .where('o.period_key', '=', '2025')
      .where('u.level', 'in', ['commune', 'grassroots'])
      .where('o.ended_on', 'is', null)
      .where('o.id', '<>', du.id)
      .execute();
    expect(below).toHaveLength(pendingCount);
    await t.db
      .insertInto('report')
      .values(below.map((b) => ({ obligation_id: b.id, review_state: 'accepted' as const })))
      .onConflict((oc) => oc.column('obligation_id').doUpdateSet({ review_state: 'accepted' }))
      .execute();
    const ok = await admin.request({
      method: 'POST',
      url: `/api/v1/obligations/${district.id}/report/accept`,
      payload: { version: dv },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('refuses a stranger the approval state, a period that does not exist, and a forged unit', async () => {
    const { addAccessUsers, EXTRA_PASSWORD } = await import('../../test-support/access-users.js');
    await addAccessUsers(t);
    const other = await t.login('giamsat-phu-yen', EXTRA_PASSWORD);
    const url = `/api/v1/indicators/forms/${ids['xa-hang-chu-du']}/2025/approval`;
    expect((await other.request({ method: 'GET', url })).statusCode).toBe(403);
    expect((await monitor.request({ method: 'GET', url })).statusCode).toBe(200);
    const bad = await monitor.request({
      method: 'GET',
      url: `/api/v1/indicators/forms/${ids['xa-hang-chu-du']}/2025-Q7/approval`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('figures_period_invalid');
    const forged = await monitor.request({
      method: 'GET',
      url: '/api/v1/indicators/forms/00000000-0000-4000-8000-000000000000/2025/approval',
    });
    expect(forged.statusCode).toBe(404);
    const queue = await other.request({ method: 'GET', url: '/api/v1/indicators/review' });
    expect(queue.statusCode).toBe(200);
    expect(queue.json().items).toHaveLength(0);
  });

  it('lists figures in what the commune owes and in the plan overview', async () => {
    const owed = await head.request({ method: 'GET', url: '/api/v1/me/obligations?limit=200' });
    expect(owed.statusCode).toBe(200);
    const rows = owed.json().items as { role: string; unit: { id: string }; period: { key: string }; task: unknown }[];
    // The Women's Union's running year ended when the collection narrowed; its 2025 stays owed.
    const women = rows.filter((r) => r.role === 'figures' && r.unit.id === ids['xa-ta-xua-hlhpn']);
    expect(women.map((r) => r.period.key)).toEqual(['2025']);
    const mine = rows.filter((r) => r.role === 'figures' && r.unit.id === ids['xa-ta-xua-du']);
    expect(mine.map((r) => r.period.key).sort()).toEqual(['2025', '2026']);
    expect(mine.every((r) => r.task === null)).toBe(true);
    const overview = await monitor.request({
      method: 'GET',
      url: `/api/v1/plans/${planId}/overview?period=2025&limit=500`,
    });
    expect(overview.statusCode).toBe(200);
    const items = overview.json().items as { role: string; unit: { id: string } }[];
    expect(items.some((i) => i.role === 'figures' && i.unit.id === ids['xa-ta-xua-du'])).toBe(true);
  });

  it('reminds the unit of overdue figures, naming them as figures', async () => {
    const hdnd = (await figures('xa-ta-xua-hdnd')) as { id: string; due_on: string };
    expect(hdnd.due_on < '2026-03-10').toBe(true);
    await runRemindersAt(t.db, '2026-03-10T02:00:00Z');
    const rows = await t.db.selectFrom('reminder').selectAll().where('obligation_id', '=', hdnd.id).execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.outcome === 'sent')).toBe(true);
    const notes = await t.db.selectFrom('notification').selectAll().where('obligation_id', '=', hdnd.id).execute();
    expect(notes.length).toBeGreaterThan(0);
    expect(notes[0]?.params).toMatchObject({ figures: '1', period: '2025' });
  });
});
