import { describe, expect, it } from 'vitest';
import {
  changeRegime,
  defaultRegimeFor,
  obligationRole,
  periodLabel,
  periodsOf,
  regimeLevel,
  segmentsOf,
} from './obligations.rule.js';
import { defaultRegime } from './periods.js';

const RANKS = new Map([
  ['central', 10],
  ['province', 20],
  ['district', 30],
  ['commune', 40],
  ['grassroots', 50],
]);

describe('the obligation rule, pure parts', () => {
  it('defaults to the task’s own recurrence, else six-monthly under Decree 09', () => {
    expect(defaultRegimeFor(null)).toMatchObject({ frequency: 'semiannual', window: 'decree09' });
    expect(defaultRegimeFor('annual').frequency).toBe('annual');
    expect(defaultRegimeFor('weekly').frequency).toBe('semiannual');
  });

  it('maps roles: lead, responsible and advised lead; coordinate coordinates; report_to owes nothing', () => {
    expect(['lead', 'responsible', 'advised', 'coordinate', 'report_to'].map(obligationRole)).toEqual([
      'lead',
      'lead',
      'lead',
      'coordinate',
      null,
    ]);
  });

  it('reports at the unit’s level, or the nearest level of the regime (ties: the lower)', () => {
    const r = defaultRegime('quarterly');
    expect(regimeLevel(r, 'district', RANKS)).toBe('district');
    expect(regimeLevel(r, 'grassroots', RANKS)).toBe('commune');
    expect(regimeLevel(r, 'central', RANKS)).toBe('province');
    const gap = {
      ...r,
      levels: ['commune', 'province'],
      deadlines: { commune: { afterCutoff: 3 }, province: { dayOfMonth: 25 } },
    };
    expect(regimeLevel(gap, 'district', RANKS)).toBe('commune');
    expect(regimeLevel(r, 'unknown', RANKS)).toBe('commune');
  });

  it('lists the periods started by today, within the span', () => {
    const segs = segmentsOf(null, [{ regime: defaultRegime('quarterly'), from: null, until: null }]);
    const keys = periodsOf(segs, '2026-03-20', null, '2026-09-15').map((p) => p.period.key);
    expect(keys).toEqual(['2026-Q2', '2026-Q3', '2026-Q4']);
    expect(periodsOf(segs, '2026-03-20', '2026-06-01', '2026-09-15').map((p) => p.period.key)).toEqual(['2026-Q2']);
    expect(periodsOf(segs, '2026-10-01', null, '2026-09-15')).toEqual([]);
  });

  it('a change applies from the next period not yet started; the old regime keeps the earlier ones', () => {
    const fallback = [{ regime: defaultRegime('semiannual'), from: null, until: null }];
    const changed = changeRegime(null, defaultRegime('semiannual'), defaultRegime('quarterly'), '2026-08-01');
    expect(changed.from).toBe('2026-09-15');
    const keys = periodsOf(segmentsOf(changed, fallback), '2026-01-01', null, '2027-01-10').map((p) => p.period.key);
    expect(keys).toEqual(['2026-H1', '2026-H2', '2026-Q4', '2027-Q1']);
    const again = changeRegime(changed, defaultRegime('quarterly'), defaultRegime('annual'), '2026-10-01');
    expect(segmentsOf(again, fallback).map((s) => [s.regime.frequency, s.from, s.until])).toEqual([
      ['semiannual', null, '2026-09-15'],
      ['quarterly', '2026-09-15', '2026-12-15'],
      ['annual', '2026-12-15', null],
    ]);
    expect(() =>
      changeRegime(null, defaultRegime('semiannual'), defaultRegime('once', 'decree09', '2026-01-01'), '2026-08-01'),
    ).toThrow(/after today/);
  });

  it('names periods from their keys', () => {
    expect(periodLabel('2026-H1').vi).toBe('6 tháng đầu năm 2026');
    expect(periodLabel('2026-Q4').vi).toBe('Quý IV/2026');
    expect(periodLabel('2026-05').vi).toBe('Tháng 5/2026');
    expect(periodLabel('2026').en).toBe('Year 2026');
    expect(periodLabel('once:2026-05-20').vi).toBe('Báo cáo một lần, ngày 20/5/2026');
  });
});
