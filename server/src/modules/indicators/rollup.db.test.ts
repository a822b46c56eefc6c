import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.js';
import { type TestApp, testApp, unitId } from '../../test-support/app.js';
import { backends } from '../../test-support/db.js';
import { clearFigures } from '../../test-support/indicators.js';
import { statusOf } from './rollup.js';

/**
 * The roll-up on real SQL: values inserted straight into data_value (the save path has its own
 * tests), read back through the routes. Period 2024: the district Bắc Yên still exists then.
 */
describe.each(backends())('indicator roll-up on %s', (kind) => {
  let t: TestApp;
  const clock = fixedClock('2025-03-10T03:00:00Z');
  const element = new Map<string, string>();
  const put = async (unit: string, period: string, code: string, combo: string, value: number | null) =>
    t.db
      .insertInto('data_value')
      .values({
        unit_id: await unitId(t, unit),
        period_key: period,
        element_id: element.get(code) as string,
        combo,
        value,
        not_available: value === null,
      })
      .execute();
  const get = async (user: string, url: string) => {
    const s = await t.login(user);
    return s.request({ method: 'GET', url });
  };
  let huyen: string;
  let taXua: string;
  let hangChu: string;

  beforeAll(async () => {
    t = await testApp(kind, 'demo', { clock });
    await clearFigures(t.db);
    for (const e of await t.db.selectFrom('data_element').select(['id', 'code']).execute()) element.set(e.code, e.id);
    huyen = await unitId(t, 'huyen');
    taXua = await unitId(t, 'xa-ta-xua');
    hangChu = await unitId(t, 'xa-hang-chu');
    // Tà Xùa: 1 woman of 10 members (10 %); Hang Chú: 15 of 30 (50 %).
    // Ratio of sums 16 / 40 = 40 %; the average of the ratios would be 30 %.
    await put('xa-ta-xua-du', '2024', 'CU_TONG', '', 10);
    await put('xa-ta-xua-du', '2024', 'CU_NU', 'AGE:duoi40|ETH:thai', 1);
    await put('xa-hang-chu-du', '2024', 'CU_TONG', '', 30);
    await put('xa-hang-chu-du', '2024', 'CU_NU', 'AGE:duoi40|ETH:kinh', 5);
    await put('xa-hang-chu-du', '2024', 'CU_NU', 'AGE:tu40|ETH:mong', 10);
    await put('xa-hang-chu-du', '2024', 'CU_NU', 'AGE:tu50|ETH:kinh', null);
  });
  afterAll(() => t?.close());

  it('computes the total as Σ numerator ÷ Σ denominator, never the average of ratios', async () => {
    const r = await get('giamsat', `/api/v1/indicators/rollup?indicator=W21-LD01&period=2024&unitId=${huyen}`);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.total.numerator).toBe(16);
    expect(body.total.denominator).toBe(40);
    expect(body.total.value).toBeCloseTo(40, 9);
    const rows = new Map(body.rows.map((x: { unit: { id: string } }) => [x.unit.id, x]));
    expect(rows.get(taXua)).toMatchObject({ numerator: 1, denominator: 10, value: 10 });
    expect(rows.get(hangChu)).toMatchObject({ numerator: 15, denominator: 30, value: 50 });
    // The disaggregation of the total: by ethnicity, Kinh 5, Mông 10, Thái 1.
    const eth = body.breakdown.find((b: { category: string }) => b.category === 'ETH');
    const byOption = Object.fromEntries(
      eth.options.map((o: { code: string; value: number | null }) => [o.code, o.value]),
    );
    expect(byOption).toMatchObject({ kinh: 5, mong: 10, thai: 1 });
    // Drilling into a commune: its Party committee is a row, with the commune's figure as total.
    const down = (
      await get('giamsat', `/api/v1/indicators/rollup?indicator=W21-LD01&period=2024&unitId=${hangChu}`)
    ).json();
    expect(down.total.value).toBe(50);
    expect(down.trail.map((u: { id: string }) => u.id)).toEqual(expect.arrayContaining([huyen, hangChu]));
  });

  it('colours each row against the nearest target: the unit’s own, else the national one', async () => {
    const ind = await t.db
      .selectFrom('indicator')
      .select('id')
      .where('code', '=', 'W21-LD01')
      .executeTakeFirstOrThrow();
    const national = await t.db
      .selectFrom('indicator_target')
      .select('value')
      .where('indicator_id', '=', ind.id)
      .where('year', '=', 2024)
      .where('unit_id', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(national.value)).toBe(25);
    await t.db
      .insertInto('indicator_target')
      .values({ indicator_id: ind.id, year: 2024, unit_id: hangChu, value: 55, source: 'Nghị quyết xã' })
      .execute();
    const body = (
      await get('admin', `/api/v1/indicators/rollup?indicator=W21-LD01&period=2024&unitId=${huyen}`)
    ).json();
    const rows = new Map(body.rows.map((x: { unit: { id: string } }) => [x.unit.id, x]));
    // Tà Xùa 10 % < 25 × 0.9: red. Hang Chú 50 % against its own 55: ≥ 49.5, amber. Total 40 % ≥ 25: green.
    expect(rows.get(taXua)).toMatchObject({ status: 'red', target: { value: 25, unitId: null } });
    expect(rows.get(hangChu)).toMatchObject({ status: 'amber', target: { value: 55, unitId: hangChu } });
    expect(body.total.status).toBe('green');
    // No value: grey.
    const empty = body.rows.filter((x: { value: number | null }) => x.value === null);
    expect(empty.length).toBeGreaterThan(0);
    expect(empty.every((x: { status: string }) => x.status === 'grey')).toBe(true);
    expect(body.distribution).toMatchObject({ red: 1, amber: 1, green: 0 });
    expect(statusOf(9, 10, 'down', 0.9)).toBe('green');
    expect(statusOf(11, 10, 'down', 0.9)).toBe('amber');
    expect(statusOf(12, 10, 'down', 0.9)).toBe('red');
    expect(statusOf(5, null, 'up', 0.9)).toBe('grey');
    await t.db.deleteFrom('indicator_target').where('unit_id', '=', hangChu).execute();
  });

  it('keeps completeness at or below 100 %: only active reporting units, only their own cells', async () => {
    const cuNu = await t.db
      .selectFrom('indicator_category')
      .select('options')
      .where('code', 'in', ['AGE', 'ETH'])
      .execute();
    const cells = cuNu.reduce((n, c) => n * c.options.length, 1);
    const body = (
      await get('admin', `/api/v1/indicators/rollup?indicator=W21-LD01&period=2024&unitId=${hangChu}`)
    ).json();
    // Hang Chú's Party committee reports CU_TONG (1 cell) and CU_NU (AGE × ETH): 4 cells present.
    expect(body.total.completeness).toMatchObject({ expected: 1 + cells, entered: 4, accepted: 0, rate: 0 });
    // Values of a unit that does not report the element (its council) and a combo not on the form
    // are not counted; neither is a unit closed before the cut-off.
    await put('xa-hang-chu-hdnd', '2024', 'CU_TONG', '', 3);
    await put('xa-hang-chu-du', '2024', 'CU_NU', 'AGE:zz|ETH:kinh', 2);
    const closed = await addUnit(t, hangChu, 'party_branch', 'Chi bộ đã giải thể', null, '2024-06-01');
    await t.db
      .insertInto('data_value')
      .values({
        unit_id: closed,
        period_key: '2024',
        element_id: element.get('CU_TONG') as string,
        combo: '',
        value: 99,
      })
      .execute();
    const again = (
      await get('admin', `/api/v1/indicators/rollup?indicator=W21-LD01&period=2024&unitId=${hangChu}`)
    ).json();
    expect(again.total.completeness).toMatchObject({ expected: 1 + cells, entered: 4 });
    expect(again.total.completeness.enteredRate).toBeLessThanOrEqual(1);
    expect(again.total.denominator).toBe(30 + 3); // the council's stray CU_TONG is a value of the subtree…
    expect(again.total.numerator).toBe(15); // …but a combo that is not a cell never counts
    await t.db
      .deleteFrom('data_value')
      .where('unit_id', '=', await unitId(t, 'xa-hang-chu-hdnd'))
      .execute();
    await t.db.deleteFrom('data_value').where('combo', '=', 'AGE:zz|ETH:kinh').execute();
  });

  it('counts accepted figures in completeness', async () => {
    const du = await unitId(t, 'xa-hang-chu-du');
    const plan = await t.db.selectFrom('plan').select('id').executeTakeFirstOrThrow();
    const o = await t.db
      .insertInto('obligation')
      .values({
        plan_id: plan.id,
        task_id: null,
        unit_id: du,
        role: 'figures',
        period_key: '2024',
        period_start: '2023-12-15',
        period_end: '2024-12-14',
        level: 'commune',
        due_on: '2024-12-17',
        reviewer_unit_id: huyen,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db.insertInto('report').values({ obligation_id: o.id, review_state: 'accepted' }).execute();
    const body = (
      await get('admin', `/api/v1/indicators/rollup?indicator=W21-LD01&period=2024&unitId=${hangChu}`)
    ).json();
    expect(body.total.completeness.accepted).toBe(4);
    expect(body.total.completeness.rate).toBe(body.total.completeness.enteredRate);
    await t.db.deleteFrom('report').where('obligation_id', '=', o.id).execute();
    await t.db.deleteFrom('obligation').where('id', '=', o.id).execute();
  });

  it('gives a merged commune its predecessors’ history, and leaves closed units out of later years', async () => {
    // A commune formed on 2025-07-01 from Tà Xùa and Hang Chú (both closed that day).
    const tinh = await unitId(t, 'tinh');
    const merged = await addUnit(t, tinh, 'area', 'Xã Tà Xùa mới', '2025-07-01', null, 'commune');
    const mergedDu = await addUnit(
      t,
      merged,
      'party_committee',
      'Đảng ủy xã Tà Xùa mới',
      '2025-07-01',
      null,
      'commune',
    );
    for (const old of [taXua, hangChu]) {
      await t.db
        .insertInto('org_succession')
        .values({ predecessor_id: old, successor_id: merged, kind: 'merge', effective_on: '2025-07-01' })
        .execute();
    }
    const [taXuaPath, hangChuPath] = [await pathOf(t, taXua), await pathOf(t, hangChu)];
    const closing = await t.db
      .selectFrom('org_unit')
      .select('id')
      .where((eb) => eb.or([eb('path', 'like', `${taXuaPath}%`), eb('path', 'like', `${hangChuPath}%`)]))
      .where('valid_to', 'is', null)
      .execute();
    await t.db
      .updateTable('org_unit')
      .set({ valid_to: '2025-07-01' })
      .where(
        'id',
        'in',
        closing.map((c) => c.id),
      )
      .execute();
    // 2024: the new commune did not exist; its figure is its predecessors' (16 / 40).
    const past = (
      await get('admin', `/api/v1/indicators/rollup?indicator=W21-LD01&period=2024&unitId=${merged}`)
    ).json();
    expect(past.fromPredecessors).toBe(true);
    expect(past.rows.map((r: { unit: { id: string } }) => r.unit.id).sort()).toEqual([taXua, hangChu].sort());
    expect(past.total).toMatchObject({ numerator: 16, denominator: 40, value: 40 });
    // 2025: the old communes are closed; a value left on one of them is not counted anywhere.
    await put('xa-ta-xua-du', '2025', 'CU_TONG', '', 12);
    await t.db
      .insertInto('data_value')
      .values([
        { unit_id: mergedDu, period_key: '2025', element_id: element.get('CU_TONG') as string, combo: '', value: 20 },
        {
          unit_id: mergedDu,
          period_key: '2025',
          element_id: element.get('CU_NU') as string,
          combo: 'AGE:duoi40|ETH:kinh',
          value: 6,
        },
      ])
      .execute();
    const now = (
      await get('admin', `/api/v1/indicators/rollup?indicator=W21-LD01&period=2025&unitId=${merged}`)
    ).json();
    expect(now.fromPredecessors).toBe(false);
    expect(now.total).toMatchObject({ numerator: 6, denominator: 20, value: 30 });
    const province = (
      await get('admin', `/api/v1/indicators/rollup?indicator=W21-LD01&period=2025&unitId=${tinh}`)
    ).json();
    expect(province.total.denominator).toBe(20);
    // The trend of the new commune: 2024 from its predecessors, 2025 its own.
    const trend = (
      await get('admin', `/api/v1/indicators/trend?indicator=W21-LD01&unitId=${merged}&from=2023&to=2025`)
    ).json();
    expect(trend.points.map((p: { year: number; value: number | null }) => [p.year, p.value])).toEqual([
      [2023, null],
      [2024, 40],
      [2025, 30],
    ]);
  });

  it('answers the summary of every indicator and the table as .xlsx with formulas for the sums', async () => {
    const s = (await get('giamsat', `/api/v1/indicators/summary?period=2024&unitId=${huyen}`)).json();
    expect(s.items.length).toBeGreaterThanOrEqual(20);
    expect(s.items.find((i: { indicator: { code: string } }) => i.indicator.code === 'W21-LD01')).toMatchObject({
      value: 40,
      status: 'green',
    });
    const x = await get('giamsat', `/api/v1/indicators/rollup.xlsx?indicator=W21-LD01&period=2024&unitId=${huyen}`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const values: unknown[][] = [];
    ws.eachRow((row) => {
      values.push((row.values as unknown[]).slice(1));
    });
    const total = values.find((v) => String(v[0]).startsWith('Tổng')) as unknown[];
    expect(total[1]).toMatchObject({ result: 16 });
    expect((total[1] as { formula: string }).formula).toMatch(/^SUM\(B\d+:B\d+\)$/);
    expect(total[2]).toMatchObject({ result: 40 });
    const ta = values.find((v) => v[0] === 'Xã Tà Xùa') as unknown[];
    expect(ta.slice(1, 4)).toEqual([1, 10, 10]);
  });

  it('refuses a root outside the reader’s scope, an unknown indicator and a bad period', async () => {
    expect(
      (await get('xa1-canbo', `/api/v1/indicators/rollup?indicator=W21-LD01&period=2024&unitId=${hangChu}`)).statusCode,
    ).toBe(403);
    expect(
      (await get('xa1-canbo', `/api/v1/indicators/rollup?indicator=W21-LD01&period=2024&unitId=${huyen}`)).statusCode,
    ).toBe(403);
    const own = await get('xa1-canbo', '/api/v1/indicators/rollup?indicator=W21-LD01&period=2024');
    expect(own.statusCode).toBe(200);
    expect(own.json().root.id).toBe(taXua);
    expect(own.json().total.value).toBe(10);
    const unknown = await get('admin', '/api/v1/indicators/rollup?indicator=W21-XX99&period=2024');
    expect([unknown.statusCode, unknown.json().code]).toEqual([400, 'rollup_indicator_unknown']);
    expect((await get('admin', '/api/v1/indicators/rollup?indicator=W21-LD01&period=2024-Q1')).statusCode).toBe(400);
    expect((await get('admin', '/api/v1/indicators/trend?indicator=W21-LD01&from=2025&to=2020')).statusCode).toBe(400);
    expect((await get('admin', '/api/v1/indicators/summary?period=99999')).statusCode).toBe(400);
  });
});

async function pathOf(t: TestApp, id: string): Promise<string> {
  return (await t.db.selectFrom('org_unit').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;
}

async function addUnit(
  t: TestApp,
  parent: string,
  kind: string,
  name: string,
  from: string | null,
  to: string | null,
  level = 'grassroots',
): Promise<string> {
  const id = randomUUID();
  const parentPath = await pathOf(t, parent);
  await t.db
    .insertInto('org_unit')
    .values({
      id,
      parent_id: parent,
      path: `${parentPath}${id}/`,
      depth: parentPath.split('/').filter(Boolean).length,
      kind,
      level,
      name,
      search_text: name.toLowerCase(),
      valid_from: from,
      valid_to: to,
    })
    .execute();
  return id;
}
