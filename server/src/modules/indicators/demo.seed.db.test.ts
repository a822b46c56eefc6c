import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.js';
import { type TestApp, testApp } from '../../test-support/app.js';
import { backends } from '../../test-support/db.js';
import { formElements, loadCatalogue } from './catalogue.js';
import { DEMO_ABOVE, DEMO_BELOW, DEMO_FIGURE_YEARS, DEMO_MISSING_2025, seedIndicatorsDemo } from './demo.seed.js';
import { evaluate } from './expr.js';
import { validateForm } from './validate.js';
import { ValuesService } from './values.service.js';

describe.each(backends())('the demo figures on %s', (kind) => {
  let t: TestApp;
  const clock = fixedClock('2026-03-10T03:00:00Z');

  beforeAll(async () => {
    t = await testApp(kind, 'demo', { clock });
  });
  afterAll(() => t?.close());

  const units = async () => {
    const district = await t.db
      .selectFrom('org_unit')
      .select('path')
      .where('code', '=', 'huyen')
      .executeTakeFirstOrThrow();
    return t.db
      .selectFrom('org_unit')
      .select(['id', 'code', 'kind'])
      .where('kind', 'in', ['party_committee', 'party_branch', 'council', 'people_committee', 'womens_union'])
      .where('path', 'like', `${district.path}%`)
      .orderBy('code')
      .execute();
  };

  it('fills every required cell of every reporting unit of the district, 2021–2025, with no error or warning', async () => {
    const service = new ValuesService(t.db, clock);
    const list = await units();
    // 16 communes × 4 bodies and the district's committee, council, People's Committee,
    // Women's Union and its four Party branches.
    expect(list.length).toBe(16 * 4 + 8);
    let forms = 0;
    let cells = 0;
    for (const u of list) {
      for (const year of DEMO_FIGURE_YEARS) {
        const state = await service.formState(t.db, u.id, String(year));
        expect(state.elements.length).toBeGreaterThan(0);
        const result = validateForm(state.catalogue, state.elements, state.cells, state.previous);
        const where = `${u.code} ${year}`;
        if (year === 2025 && u.code?.startsWith(`${DEMO_MISSING_2025}-`)) {
          expect(state.stored, where).toEqual([]);
          expect(result.missing.length, where).toBe(state.elements.reduce((s, e) => s + e.combos.length, 0));
          continue;
        }
        expect(result.errors, where).toEqual([]);
        expect(result.warnings, where).toEqual([]);
        expect(result.missing, where).toEqual([]);
        // Nothing outside the form, and nothing "not available": every cell a whole number.
        expect(state.stored.length, where).toBe(state.elements.reduce((s, e) => s + e.combos.length, 0));
        expect(state.stored.every((c) => c.value !== null && Number.isInteger(c.value) && c.value >= 0)).toBe(true);
        forms++;
        cells += state.stored.length;
      }
    }
    expect(forms).toBe(list.length * 5 - 4);
    const total = await t.db
      .selectFrom('data_value')
      .select((e) => e.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(cells);
  }, 120_000);

  it('has a commune below the targets and one above, a ratio of sums per commune', async () => {
    const catalogue = await loadCatalogue(t.db);
    const ratio = async (areaCode: string, suffix: string, indicator: string) => {
      const unit = await t.db
        .selectFrom('org_unit')
        .select(['id', 'kind'])
        .where('code', '=', `${areaCode}-${suffix}`)
        .executeTakeFirstOrThrow();
      const state = await new ValuesService(t.db, clock).formState(t.db, unit.id, '2025');
      const ind = catalogue.indicators.find((i) => i.code === indicator);
      if (!ind?.denominator) throw new Error(indicator);
      const cellsOf = (code: string) => state.cells.get(code) ?? [];
      const num = evaluate(ind.numerator, cellsOf, catalogue.categories);
      const den = evaluate(ind.denominator, cellsOf, catalogue.categories);
      expect(formElements(catalogue, unit.kind).length).toBeGreaterThan(0);
      return ((num ?? Number.NaN) / (den ?? Number.NaN)) * 100;
    };
    // Targets 2025: women in committees 25 %, deputies 35 %, Women's Union members 70 %.
    expect(await ratio(DEMO_BELOW, 'du', 'W21-LD01')).toBeLessThan(25);
    expect(await ratio(DEMO_ABOVE, 'du', 'W21-LD01')).toBeGreaterThanOrEqual(25);
    expect(await ratio(DEMO_BELOW, 'hdnd', 'W21-LD03')).toBeLessThan(35);
    expect(await ratio(DEMO_ABOVE, 'hdnd', 'W21-LD03')).toBeGreaterThanOrEqual(35);
    expect(await ratio(DEMO_BELOW, 'hlhpn', 'W21-HV01')).toBeLessThan(70);
    expect(await ratio(DEMO_ABOVE, 'hlhpn', 'W21-HV01')).toBeGreaterThanOrEqual(70);
  });

  it('collects figures yearly from 2025 on the founding plan, which reports to the province', async () => {
    const row = await t.db
      .selectFrom('figures_collection as f')
      .innerJoin('plan as p', 'p.id', 'f.plan_id')
      .innerJoin('document as d', 'd.id', 'p.document_id')
      .innerJoin('org_unit as r', 'r.id', 'p.reports_to_unit_id')
      .select(['f.frequency', 'f.from_year', 'f.indicator_codes', 'f.lock_after_days', 'r.code', 'r.level'])
      .where('d.symbol', '=', '45-KH/HU')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ frequency: 'annual', from_year: 2025, indicator_codes: [], lock_after_days: 30 });
    expect(row.level).toBe('province');
  });

  it('adds little to the demo load (measured: the seed run again on a cleared copy)', async () => {
    await t.db.deleteFrom('data_value').execute();
    await t.db.deleteFrom('figures_collection').execute();
    const t0 = performance.now();
    await t.db
      .transaction()
      .execute(async (trx) => seedIndicatorsDemo({ db: trx, clock, demoPassword: 'x', shared: new Map() }));
    const ms = performance.now() - t0;
    console.log(`indicators demo seed on ${kind}: ${Math.round(ms)} ms`);
    const n = await t.db
      .selectFrom('data_value')
      .select((e) => e.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBeGreaterThan(10_000);
    // A bound that catches a row-by-row regression (hundreds of statements), not a timing claim.
    expect(ms).toBeLessThan(15_000);
  });
});
