import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.js';
import { type Session, type TestApp, testApp, unitId } from '../../test-support/app.js';
import { backends } from '../../test-support/db.js';
import { clearFigures } from '../../test-support/indicators.js';

/** Part B's routes: the form, validation as you type, saving, history, the entry list, reopening. */

interface CellView {
  combo: string;
  row: string;
  column: string;
  value: number | null;
  notAvailable: boolean;
  comment: string | null;
  version: number;
}
interface ElementView {
  code: string;
  total: number | null;
  rows: { key: string }[];
  columns: { key: string }[];
  cells: CellView[];
}
interface FormView {
  sections: { area: string; elements: ElementView[] }[];
  lock: { state: string; lockedOn: string | null; until: string | null };
  supplement: boolean;
  actions: string[];
  validation: { errors: { kind: string; rule?: string; cells: { element: string; combo: string }[] }[] };
}

const change = (element: string, combo: string, value: number | null, version = 0, extra: object = {}) => ({
  element,
  combo,
  value,
  notAvailable: false,
  version,
  ...extra,
});

describe.each(backends())('entering figures through the routes on %s', (kind) => {
  let t: TestApp;
  const clock = fixedClock('2026-03-10T03:00:00Z');
  let officer: Session;
  let viewer: Session;
  let admin: Session;
  let du: string;
  let hangChu: string;
  const url = (unit = du, period = '2025') => `/api/v1/indicators/forms/${unit}/${period}`;
  const elementOf = (form: FormView, code: string) =>
    form.sections.flatMap((s) => s.elements).find((e) => e.code === code) as ElementView;
  const cellOf = (form: FormView, code: string, combo: string) =>
    elementOf(form, code).cells.find((c) => c.combo === combo) as CellView;
  const read = async (s: Session = officer, unit = du, period = '2025') => {
    const res = await s.request({ method: 'GET', url: url(unit, period) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as FormView;
  };
  const snapshot = async () => {
    const values = await t.db
      .selectFrom('data_value')
      .select(['element_id', 'combo', 'value', 'not_available', 'version', 'comment'])
      .orderBy('element_id')
      .orderBy('combo')
      .execute();
    const history = await t.db.selectFrom('data_value_history').select('id').execute();
    return JSON.stringify({ values, history: history.length });
  };

  beforeAll(async () => {
    t = await testApp(kind, 'demo', { clock });
    await clearFigures(t.db);
    officer = await t.login('xa1-canbo');
    viewer = await t.login('thuongtruc');
    admin = await t.login('admin');
    du = await unitId(t, 'xa-ta-xua-du');
    hangChu = await unitId(t, 'xa-hang-chu-du');
  }, 300_000);
  afterAll(() => t?.close());

  it('lays a form out as grids: rows the first category, columns the second, single cells without one', async () => {
    const form = await read();
    expect(form.sections.map((s) => s.area)).toContain('LD');
    const women = elementOf(form, 'CU_NU');
    expect(women.rows.map((r) => r.key)).toEqual(['AGE:duoi40', 'AGE:tu40', 'AGE:tu50']);
    expect(women.columns).toHaveLength(7);
    expect(women.cells).toHaveLength(21);
    expect(women.cells.every((c) => c.version === 0 && c.value === null)).toBe(true);
    const members = elementOf(form, 'CU_TONG');
    expect(members.cells.map((c) => c.combo)).toEqual(['']);
    expect(form.actions).toEqual(['enter']);
    expect(form.lock.state).toBe('open');
    // The district's viewer reads it but cannot type.
    expect((await read(viewer)).actions).toEqual([]);
  });

  it('saves cells, answers the form with the derived total, and keeps every change in the history', async () => {
    const res = await officer.request({
      method: 'PUT',
      url: url(),
      payload: {
        changes: [
          change('CU_TONG', '', 15),
          change('CU_NU', 'AGE:duoi40|ETH:thai', 2),
          change('CU_NU', 'AGE:tu40|ETH:kinh', 3),
          { ...change('KN_TONG', '', null), notAvailable: true },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().saved).toBe(4);
    const form = res.json().form as FormView;
    expect(elementOf(form, 'CU_NU').total).toBe(5);
    expect(cellOf(form, 'KN_TONG', '')).toMatchObject({ value: null, notAvailable: true, version: 1 });
    // Read back from the database, not from the answer.
    const stored = await t.db
      .selectFrom('data_value')
      .select(['combo', 'value'])
      .where('unit_id', '=', du)
      .where('combo', '=', 'AGE:tu40|ETH:kinh')
      .executeTakeFirstOrThrow();
    expect(Number(stored.value)).toBe(3);
    const again = await officer.request({
      method: 'PUT',
      url: url(),
      payload: { changes: [change('CU_NU', 'AGE:tu40|ETH:kinh', 4, 1, { comment: 'Bầu bổ sung' })] },
    });
    expect(again.statusCode, again.body).toBe(200);
    const history = await officer.request({
      method: 'GET',
      url: `${url()}/history?element=CU_NU&combo=${encodeURIComponent('AGE:tu40|ETH:kinh')}`,
    });
    expect(history.statusCode, history.body).toBe(200);
    const items = history.json().items as { oldValue: number | null; newValue: number; comment: string | null }[];
    expect(items.map((i) => [i.oldValue, i.newValue])).toEqual([
      [3, 4],
      [null, 3],
    ]);
    expect(items[0]?.comment).toBe('Bầu bổ sung');
  });

  it('validates as you type without saving: the broken rule is on the cells', async () => {
    const before = await snapshot();
    const res = await officer.request({
      method: 'POST',
      url: `${url()}/validate`,
      payload: { changes: [change('CU_NU', 'AGE:tu50|ETH:mong', 30)] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const rule = (res.json().errors as FormView['validation']['errors']).find((e) => e.rule === 'V-CU-NU');
    expect(rule?.cells).toContainEqual({ element: 'CU_NU', combo: 'AGE:tu50|ETH:mong' });
    expect(await snapshot()).toBe(before);
  });

  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const before = await snapshot();
    const put = (payload: unknown, target = url(), headers: Record<string, string> = {}) =>
      officer.request({ method: 'PUT', url: target, payload: payload as object, headers });
    const negative = await put({ changes: [change('CU_TONG', '', -1, 1)] });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().code).toBe('figures_invalid');
    expect(negative.json().validation.errors[0]).toMatchObject({ kind: 'negative' });
    expect(negative.json().detail).toMatch(/không ô nào được lưu/);
    const above = await put({ changes: [change('CU_NU', 'AGE:tu50|ETH:mong', 30)] });
    expect(above.json().code).toBe('figures_invalid');
    const text = await put({ changes: [{ ...change('CU_TONG', '', 1, 1), value: 'mười' }] });
    expect(text.statusCode).toBe(400);
    const nul = await put({ changes: [change('CU_TONG', '', 16, 1, { comment: 'a\u0000b' })] });
    expect(nul.statusCode).toBe(400);
    const huge = await put({ changes: [change('CU_TONG', '', 1e300, 1)] });
    expect(huge.statusCode).toBe(400);
    const forgedElement = await put({ changes: [change('KHONG_CO', '', 1)] });
    expect(forgedElement.json().code).toBe('figures_cell_unknown');
    const forgedCombo = await put({ changes: [change('CU_NU', 'AGE:duoi40|ETH:xx', 1)] });
    expect(forgedCombo.json().code).toBe('figures_cell_unknown');
    const councilCell = await put({ changes: [change('HDND_TONG', '', 1)] });
    expect(councilCell.json().code).toBe('figures_cell_unknown');
    const otherUnit = await put({ changes: [change('CU_TONG', '', 3)] }, url(hangChu));
    expect(otherUnit.statusCode).toBe(403);
    const noPeriod = await put({ changes: [change('CU_TONG', '', 3)] }, url(du, '2025-Q3'));
    expect(noPeriod.statusCode).toBe(400);
    expect(noPeriod.json().code).toBe('figures_period_invalid');
    const english = await put({ changes: [change('CU_TONG', '', 3)] }, url(du, '2025-Q3'), {
      'accept-language': 'en',
    });
    expect(english.json().detail).toMatch(/does not exist/);
    const future = await put({ changes: [change('CU_TONG', '', 3)] }, url(du, '2031'));
    expect(future.json().code).toBe('figures_period_not_open');
    const noUnit = await put({ changes: [change('CU_TONG', '', 3)] }, url('00000000-0000-4000-8000-000000000000'));
    expect(noUnit.statusCode).toBe(404);
    const stale = await put({ changes: [change('CU_TONG', '', 16, 0)] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
    const history = await officer.request({ method: 'GET', url: `${url()}/history?element=CU_NU&combo=ETH:kinh` });
    expect(history.json().code).toBe('figures_cell_unknown');
    // The viewer reads but cannot write.
    expect(
      (await viewer.request({ method: 'PUT', url: url(), payload: { changes: [change('CU_TONG', '', 1, 1)] } }))
        .statusCode,
    ).toBe(403);
    expect(await snapshot()).toBe(before);
  });

  it('asks a comment for a warning and saves once it is given', async () => {
    const form = await read();
    const btv = cellOf(form, 'BTV_CO', '');
    const refused = await officer.request({
      method: 'PUT',
      url: url(),
      payload: { changes: [change('BTV_CO', '', 2, btv.version)] },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('figures_comment_required');
    const saved = await officer.request({
      method: 'PUT',
      url: url(),
      payload: { changes: [change('BTV_CO', '', 2, btv.version, { comment: 'Hai ban thường vụ trong nhiệm kỳ' })] },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(cellOf(saved.json().form, 'BTV_CO', '')).toMatchObject({
      value: 2,
      comment: 'Hai ban thường vụ trong nhiệm kỳ',
    });
  });

  it('lists the forms of the caller’s scope with their state and missing cells', async () => {
    const res = await officer.request({ method: 'GET', url: '/api/v1/indicators/entry?period=2025' });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as {
      unitId: string;
      unitName: string;
      state: string;
      missing: number;
      expected: number;
      canEnter: boolean;
    }[];
    expect(items.every((i) => i.unitName.includes('Tà Xùa'))).toBe(true);
    const mine = items.find((i) => i.unitId === du);
    expect(mine).toMatchObject({ state: 'partial', canEnter: true });
    expect(mine?.missing).toBeGreaterThan(0);
    expect(mine?.missing).toBeLessThan(mine?.expected ?? 0);
    expect(items.filter((i) => i.unitId !== du).every((i) => i.state === 'empty')).toBe(true);
    const district = (await viewer.request({ method: 'GET', url: '/api/v1/indicators/entry?period=2025' })).json();
    expect((district.items as { unitId: string; canEnter: boolean }[]).some((i) => i.unitId === hangChu)).toBe(true);
    expect((district.items as { canEnter: boolean }[]).every((i) => !i.canEnter)).toBe(true);
    const bad = await officer.request({ method: 'GET', url: '/api/v1/indicators/entry?period=2025-13' });
    expect(bad.statusCode).toBe(400);
  });

  it('after the lock a change is a supplement with a reason; the administrator reopens the period', async () => {
    clock.set('2026-04-01T03:00:00Z');
    // Sessions follow the clock: sign in again after the jump.
    officer = await t.login('xa1-canbo');
    admin = await t.login('admin');
    try {
      const form = await read();
      expect(form.lock).toMatchObject({ state: 'locked', lockedOn: '2026-03-14' });
      expect(form.supplement).toBe(true);
      expect((await read(admin)).actions).toContain('reopen');
      const members = cellOf(form, 'CU_TONG', '');
      const before = await snapshot();
      const noReason = await officer.request({
        method: 'PUT',
        url: url(),
        payload: { changes: [change('CU_TONG', '', 16, members.version)] },
      });
      expect(noReason.statusCode).toBe(409);
      expect(noReason.json().code).toBe('figures_locked_reason_required');
      expect(await snapshot()).toBe(before);
      const withReason = await officer.request({
        method: 'PUT',
        url: url(),
        payload: { changes: [change('CU_TONG', '', 16, members.version)], reason: 'Bổ sung theo Nghị quyết đại hội' },
      });
      expect(withReason.statusCode, withReason.body).toBe(200);
      expect(withReason.json().supplement).toBe(true);
      const history = await officer.request({ method: 'GET', url: `${url()}/history?element=CU_TONG` });
      expect(history.json().items[0]).toMatchObject({
        supplement: true,
        reason: 'Bổ sung theo Nghị quyết đại hội',
        newValue: 16,
      });

      // Only the administrator reopens; not in the past.
      const body = { unitId: du, periodKey: '2025', openUntil: '2026-04-30', reason: 'Đơn vị xin nhập bổ sung' };
      expect(
        (await officer.request({ method: 'POST', url: '/api/v1/indicators/locks', payload: body })).statusCode,
      ).toBe(403);
      const past = await admin.request({
        method: 'POST',
        url: '/api/v1/indicators/locks',
        payload: { ...body, openUntil: '2026-03-01' },
      });
      expect(past.json().code).toBe('figures_reopen_past');
      const reopened = await admin.request({ method: 'POST', url: '/api/v1/indicators/locks', payload: body });
      expect(reopened.statusCode, reopened.body).toBe(201);
      expect(reopened.json()).toMatchObject({ openUntil: '2026-04-30', active: true });
      const open = await read();
      expect(open.lock).toMatchObject({ state: 'reopened', until: '2026-04-30' });
      expect(open.supplement).toBe(false);
      const plain = await officer.request({
        method: 'PUT',
        url: url(),
        payload: { changes: [change('CU_TONG', '', 17, cellOf(open, 'CU_TONG', '').version)] },
      });
      expect(plain.statusCode, plain.body).toBe(200);
      expect(plain.json().supplement).toBe(false);
      const list = await officer.request({ method: 'GET', url: `/api/v1/indicators/locks?unitId=${du}` });
      expect(list.json().items).toHaveLength(1);
      const other = await (await t.login('xa1-truong')).request({
        method: 'GET',
        url: `/api/v1/indicators/locks?unitId=${hangChu}`,
      });
      expect(other.json().items).toHaveLength(0);
      clock.set('2026-05-02T03:00:00Z');
      officer = await t.login('xa1-canbo');
      expect((await read()).lock.state).toBe('locked');
    } finally {
      clock.set('2026-03-10T03:00:00Z');
    }
  });
});
