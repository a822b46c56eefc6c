import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access.js';
import { fixedClock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { type TestApp, testApp, unitId } from '../../test-support/app.js';
import { backends } from '../../test-support/db.js';
import { actorOf, clearFigures } from '../../test-support/indicators.js';
import { type CellChange, ValuesService } from './values.service.js';

const cell = (element: string, combo: string, value: number | null, version = 0, extra: Partial<CellChange> = {}) => ({
  element,
  combo,
  value,
  notAvailable: false,
  version,
  ...extra,
});

describe.each(backends())('entering figures on %s (save core)', (kind) => {
  let t: TestApp;
  let officer: Actor;
  let du: string;
  const clock = fixedClock('2026-03-10T03:00:00Z');
  let service: ValuesService;
  const refusal = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      if (e instanceof AppError) return e;
      throw e;
    }
    throw new Error('expected a refusal');
  };
  const count = async () =>
    Number(
      (
        await t.db
          .selectFrom('data_value')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await testApp(kind, 'demo', { clock });
    service = new ValuesService(t.db, clock);
    officer = await actorOf(t.db, 'xa1-canbo');
    du = await unitId(t, 'xa-ta-xua-du');
    await clearFigures(t.db);
  });
  afterAll(() => t?.close());

  it('saves cells, keeps zero and "not available" apart, and writes history and audit', async () => {
    const r = await service.save({ actor: officer }, du, '2025', {
      changes: [
        cell('CU_TONG', '', 15),
        cell('CU_NU', 'AGE:duoi40|ETH:thai', 2),
        cell('CU_NU', 'AGE:tu40|ETH:kinh', 0),
        { ...cell('KN_TONG', '', null), notAvailable: true },
      ],
    });
    expect(r.saved).toBe(4);
    const rows = await t.db.selectFrom('data_value').selectAll().where('unit_id', '=', du).execute();
    expect(rows.find((x) => x.combo === 'AGE:tu40|ETH:kinh')).toMatchObject({ value: '0', not_available: false });
    expect(rows.filter((x) => x.not_available)).toHaveLength(1);
    const history = await t.db.selectFrom('data_value_history').selectAll().where('unit_id', '=', du).execute();
    expect(history).toHaveLength(4);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', du).execute();
    expect(audit.map((a) => a.action)).toContain('indicator.values.save');
  });

  it('refuses a rule broken, a negative count, a forged cell and a stale version — and saves nothing', async () => {
    const before = await count();
    const women = await refusal(
      service.save({ actor: officer }, du, '2025', {
        changes: [cell('CU_NU', 'AGE:tu50|ETH:mong', 30), cell('KN_TONG', '', 3, 1)],
      }),
    );
    expect(women.code).toBe('figures_invalid');
    const issues = (women.extra.validation as { errors: { rule?: string }[] }).errors;
    expect(issues.map((i) => i.rule)).toContain('V-CU-NU');
    expect(
      (await refusal(service.save({ actor: officer }, du, '2025', { changes: [cell('CU_TONG', '', -1, 1)] }))).code,
    ).toBe('figures_invalid');
    expect(
      (await refusal(service.save({ actor: officer }, du, '2025', { changes: [cell('CU_NU', 'ETH:xx', 1)] }))).code,
    ).toBe('figures_cell_unknown');
    expect(
      (await refusal(service.save({ actor: officer }, du, '2025', { changes: [cell('CU_TONG', '', 16, 0)] }))).code,
    ).toBe('stale_version');
    expect((await refusal(service.save({ actor: officer }, du, '2031', { changes: [] }))).code).toBe(
      'figures_period_not_open',
    );
    expect((await refusal(service.save({ actor: officer }, du, '2025-Q1', { changes: [] }))).code).toBe(
      'figures_period_invalid',
    );
    expect(await count()).toBe(before);
  });

  it('refuses another unit’s form', async () => {
    const other = await unitId(t, 'xa-hang-chu-du');
    expect(
      (await refusal(service.save({ actor: officer }, other, '2025', { changes: [cell('CU_TONG', '', 3)] }))).status,
    ).toBe(403);
  });
});
