import dayjs from 'dayjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LEVELS,
  type Deadline,
  deadlineFor,
  deadlinesFor,
  defaultRegime,
  type Frequency,
  nextWorkingDay,
  PeriodError,
  periodByKey,
  periodsBetween,
  type Regime,
  validateRegime,
  workingCalendar,
} from './periods.js';

const cal = workingCalendar();
const windows = (r: Regime, from: string, to: string) =>
  periodsBetween(r, from, to).map((p) => [p.key, p.windowStart, p.windowEnd]);

describe('Decree 09 windows (Art. 12: anchored on the 15th)', () => {
  it('monthly: 15th of the previous month to the 14th, across the year boundary', () => {
    expect(windows(defaultRegime('monthly'), '2025-12-20', '2026-02-14')).toEqual([
      ['2026-01', '2025-12-15', '2026-01-14'],
      ['2026-02', '2026-01-15', '2026-02-14'],
    ]);
    // The 14th still belongs to its own month, the 15th to the next.
    expect(windows(defaultRegime('monthly'), '2026-03-14', '2026-03-14')).toEqual([
      ['2026-03', '2026-02-15', '2026-03-14'],
    ]);
    expect(windows(defaultRegime('monthly'), '2026-03-15', '2026-03-15')).toEqual([
      ['2026-04', '2026-03-15', '2026-04-14'],
    ]);
  });

  it('quarterly: Q1 starts 15/12 of the previous year', () => {
    expect(windows(defaultRegime('quarterly'), '2026-01-01', '2026-12-31')).toEqual([
      ['2026-Q1', '2025-12-15', '2026-03-14'],
      ['2026-Q2', '2026-03-15', '2026-06-14'],
      ['2026-Q3', '2026-06-15', '2026-09-14'],
      ['2026-Q4', '2026-09-15', '2026-12-14'],
      ['2027-Q1', '2026-12-15', '2027-03-14'],
    ]);
  });

  it('six-monthly: 15/12–14/6 and 15/6–14/12', () => {
    expect(windows(defaultRegime('semiannual'), '2026-06-14', '2026-06-15')).toEqual([
      ['2026-H1', '2025-12-15', '2026-06-14'],
      ['2026-H2', '2026-06-15', '2026-12-14'],
    ]);
  });

  it('annual: 15/12 of the previous year to 14/12', () => {
    expect(windows(defaultRegime('annual'), '2026-12-15', '2027-01-01')).toEqual([
      ['2027', '2026-12-15', '2027-12-14'],
    ]);
  });

  it('February of a leap year sits inside the window unchanged', () => {
    expect(windows(defaultRegime('monthly'), '2028-02-29', '2028-02-29')).toEqual([
      ['2028-03', '2028-02-15', '2028-03-14'],
    ]);
  });

  it('labels in Vietnamese and English', () => {
    const [q] = periodsBetween(defaultRegime('quarterly'), '2026-07-01', '2026-07-01');
    expect(q).toMatchObject({ key: '2026-Q3', label_vi: 'Quý III/2026', label_en: 'Q3 2026' });
    const [h] = periodsBetween(defaultRegime('semiannual'), '2026-01-01', '2026-01-01');
    expect(h).toMatchObject({ key: '2026-H1', label_vi: '6 tháng đầu năm 2026', label_en: 'H1 2026' });
    const [m] = periodsBetween(defaultRegime('monthly'), '2026-06-01', '2026-06-01');
    expect(m).toMatchObject({ key: '2026-06', label_vi: 'Tháng 6/2026', label_en: 'June 2026' });
  });
});

describe('calendar windows', () => {
  it('plain months, quarters, halves and years, leap February included', () => {
    expect(windows(defaultRegime('monthly', 'calendar'), '2028-02-10', '2028-03-01')).toEqual([
      ['2028-02', '2028-02-01', '2028-02-29'],
      ['2028-03', '2028-03-01', '2028-03-31'],
    ]);
    expect(windows(defaultRegime('monthly', 'calendar'), '2027-02-10', '2027-02-10')).toEqual([
      ['2027-02', '2027-02-01', '2027-02-28'],
    ]);
    expect(windows(defaultRegime('quarterly', 'calendar'), '2026-03-31', '2026-04-01')).toEqual([
      ['2026-Q1', '2026-01-01', '2026-03-31'],
      ['2026-Q2', '2026-04-01', '2026-06-30'],
    ]);
    expect(windows(defaultRegime('semiannual', 'calendar'), '2026-12-31', '2026-12-31')).toEqual([
      ['2026-H2', '2026-07-01', '2026-12-31'],
    ]);
    expect(windows(defaultRegime('annual', 'calendar'), '2026-05-05', '2026-05-05')).toEqual([
      ['2026', '2026-01-01', '2026-12-31'],
    ]);
  });
});

describe('one-off reports', () => {
  it('one period on its date, inside the range or none', () => {
    const r = defaultRegime('once', 'decree09', '2026-09-30');
    expect(periodsBetween(r, '2026-01-01', '2026-12-31')).toEqual([
      {
        frequency: 'once',
        key: 'once:2026-09-30',
        label_vi: 'Báo cáo một lần, ngày 30/9/2026',
        label_en: 'One-off report, 30 Sep 2026',
        windowStart: '2026-09-30',
        windowEnd: '2026-09-30',
      },
    ]);
    expect(periodsBetween(r, '2026-10-01', '2026-12-31')).toEqual([]);
  });
});

describe('periodByKey', () => {
  it('finds the same period as periodsBetween', () => {
    for (const f of ['monthly', 'quarterly', 'semiannual', 'annual'] as const) {
      for (const p of periodsBetween(defaultRegime(f), '2025-11-01', '2027-02-01')) {
        expect(periodByKey(defaultRegime(f), p.key)).toEqual(p);
      }
    }
    expect(() => periodByKey(defaultRegime('quarterly'), '2026-06')).toThrow(PeriodError);
    expect(() => periodByKey(defaultRegime('monthly'), '2026-13')).toThrow(PeriodError);
  });
});

describe('working days (Labour Code 2019 Art. 111–112)', () => {
  it('the statutory holidays of 2026: Tết around 17/2, Hùng Kings 26/4, 30/4, 1/5, 1–2/9', () => {
    expect(cal.holidays(2026)).toEqual([
      '2026-01-01',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-26',
      '2026-04-27', // Hùng Kings on a Sunday: made up on Monday (Art. 111.3)
      '2026-04-30',
      '2026-05-01',
      '2026-09-01',
      '2026-09-02',
    ]);
  });

  it('Tết in the table matches the announced dates 2020–2026; 2030 is Vietnamese, not Chinese', () => {
    const tet: Record<number, string> = {
      2020: '2020-01-25',
      2021: '2021-02-12',
      2022: '2022-02-01',
      2023: '2023-01-22',
      2024: '2024-02-10',
      2025: '2025-01-29',
      2026: '2026-02-17',
      2030: '2030-02-02',
    };
    for (const [y, d] of Object.entries(tet)) expect(cal.holidays(Number(y))).toContain(d);
  });

  it('weekends, holidays, announced extras and working Saturdays', () => {
    expect(cal.isWorkingDay('2026-02-17')).toBe(false); // Tết
    expect(cal.isWorkingDay('2026-02-14')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2026-02-23')).toBe(true);
    const announced = workingCalendar({ extraHolidays: ['2026-02-23'], extraWorkingDays: ['2026-02-28'] });
    expect(announced.isWorkingDay('2026-02-23')).toBe(false);
    expect(announced.isWorkingDay('2026-02-28')).toBe(true);
    expect(nextWorkingDay('2026-02-14', cal)).toBe('2026-02-23');
  });

  it('refuses years it has no lunar dates for, unless given', () => {
    expect(() => cal.isWorkingDay('2040-03-01')).toThrow(PeriodError);
    const withLunar = workingCalendar({ lunar: { 2040: { tet: '2040-02-12', hungKings: '2040-04-21' } } });
    expect(withLunar.isWorkingDay('2040-02-13')).toBe(false);
  });
});

describe('deadlines per level', () => {
  it('defaults: commune 17th, district 20th, province 25th of the last month (on working days)', () => {
    const r = defaultRegime('quarterly');
    const q3 = periodByKey(r, '2026-Q3'); // cut-off Mon 14/9/2026
    expect(deadlinesFor(r, q3, cal)).toEqual({
      commune: '2026-09-17', // Thu
      district: '2026-09-21', // 20th is a Sunday
      province: '2026-09-25', // Fri
    });
  });

  it('a deadline falling on Tết 2026 or a weekend moves forward, levels stay one working day apart', () => {
    const r = defaultRegime('monthly');
    const feb = periodByKey(r, '2026-02'); // cut-off Sat 14/2/2026, Tết 16–20/2
    expect(deadlinesFor(r, feb, cal)).toEqual({
      commune: '2026-02-23', // 17/2 is Tết → Mon 23/2
      district: '2026-02-24', // 20/2 is Tết → 23/2 taken by the commune → 24/2
      province: '2026-02-25',
    });
  });

  it('calendar windows: the 3rd, 6th and 25th of the following month', () => {
    const r = defaultRegime('monthly', 'calendar');
    expect(deadlinesFor(r, periodByKey(r, '2026-06'), cal)).toEqual({
      commune: '2026-07-03',
      district: '2026-07-06',
      province: '2026-07-27', // 25/7 is a Saturday
    });
  });

  it('one-off reports count from their date', () => {
    const r = defaultRegime('once', 'decree09', '2026-09-30');
    expect(deadlinesFor(r, periodByKey(r, 'once:2026-09-30'), cal)).toEqual({
      commune: '2026-10-05', // 3/10 is a Saturday
      district: '2026-10-06',
      province: '2026-10-26', // 25/10 is a Sunday
    });
  });

  it('an unknown level is refused', () => {
    const r = defaultRegime('monthly');
    expect(() => deadlineFor(r, periodByKey(r, '2026-06'), 'hamlet', cal)).toThrow(PeriodError);
  });
});

describe('validateRegime', () => {
  const codes = (r: unknown) => validateRegime(r as Regime).map((x) => x.code);
  const withDeadlines = (d: Record<string, Deadline>, f: Frequency = 'monthly'): Regime => ({
    ...defaultRegime(f),
    deadlines: d,
  });

  it('accepts the defaults for every frequency and window', () => {
    for (const f of ['monthly', 'quarterly', 'semiannual', 'annual'] as const) {
      expect(validateRegime(defaultRegime(f))).toEqual([]);
      expect(validateRegime(defaultRegime(f, 'calendar'))).toEqual([]);
    }
    expect(validateRegime(defaultRegime('once', 'decree09', '2026-09-30'))).toEqual([]);
  });

  it('a deadline before the period starts', () => {
    const r = withDeadlines({
      commune: { afterCutoff: -40 },
      district: { afterCutoff: 6 },
      province: { dayOfMonth: 25 },
    });
    expect(codes(r)).toContain('regime.deadline_before_period');
    const [first] = validateRegime(r);
    expect(first?.vi).toBe('Hạn của cấp commune trước ngày bắt đầu kỳ báo cáo.');
    expect(first?.en).toBe('The deadline of level commune is before the period starts.');
  });

  it('a lower level not earlier than the upper one', () => {
    expect(
      codes(withDeadlines({ commune: { afterCutoff: 6 }, district: { afterCutoff: 6 }, province: { dayOfMonth: 25 } })),
    ).toEqual(['regime.level_order']);
    // Day 12 of the month comes after the cut-off (14th) only in the next month: later than the province's 25th.
    expect(
      codes(withDeadlines({ commune: { afterCutoff: 3 }, district: { afterCutoff: 6 }, province: { dayOfMonth: 12 } })),
    ).toEqual([]);
    expect(
      codes(withDeadlines({ commune: { afterCutoff: 3 }, district: { dayOfMonth: 12 }, province: { dayOfMonth: 25 } })),
    ).toEqual(['regime.level_order']);
  });

  it('no working day after the cut-off', () => {
    expect(
      codes(withDeadlines({ commune: { afterCutoff: 0 }, district: { afterCutoff: 6 }, province: { dayOfMonth: 25 } })),
    ).toEqual(['regime.deadline_before_cutoff']);
    expect(
      codes(
        withDeadlines({ commune: { afterCutoff: -3 }, district: { afterCutoff: 6 }, province: { dayOfMonth: 25 } }),
      ),
    ).toEqual(['regime.deadline_before_cutoff']);
  });

  it('an unknown frequency or window, a missing or malformed deadline, no levels, a one-off without date', () => {
    expect(codes({ ...defaultRegime('monthly'), frequency: 'weekly' })).toEqual(['regime.unknown_frequency']);
    expect(validateRegime({ ...defaultRegime('monthly'), frequency: 'weekly' as Frequency })[0]?.vi).toMatch(
      /^Kỳ báo cáo không xác định: weekly/,
    );
    expect(codes({ ...defaultRegime('monthly'), window: 'lunar' })).toEqual(['regime.unknown_window']);
    expect(codes({ ...defaultRegime('monthly'), levels: [...DEFAULT_LEVELS, 'hamlet'] })).toEqual([
      'regime.bad_deadline',
    ]);
    expect(
      codes(withDeadlines({ commune: { dayOfMonth: 31 }, district: { afterCutoff: 6 }, province: { dayOfMonth: 25 } })),
    ).toEqual(['regime.bad_deadline']);
    expect(codes({ ...defaultRegime('monthly'), levels: [] })).toEqual(['regime.no_levels']);
    expect(codes({ ...defaultRegime('monthly'), levels: ['commune', 'commune'] })).toContain('regime.duplicate_level');
    expect(codes(defaultRegime('once', 'decree09', '2026-02-30'))).toEqual(['regime.once_date']);
    expect(codes(null)).toEqual(['regime.invalid']);
  });

  it('functions refuse a bad regime with the reason, and malformed dates', () => {
    const bad = { ...defaultRegime('monthly'), frequency: 'weekly' as Frequency };
    expect(() => periodsBetween(bad, '2026-01-01', '2026-02-01')).toThrow(PeriodError);
    expect(() => periodsBetween(defaultRegime('monthly'), '2026-02-30', '2026-03-01')).toThrow(PeriodError);
    expect(() => periodsBetween(defaultRegime('monthly'), '2026-03-01', '2026-02-01')).toThrow(PeriodError);
    expect(() => periodsBetween(defaultRegime('monthly'), '1000-01-01', '2026-02-01')).toThrow(PeriodError);
    expect(() => periodsBetween(defaultRegime('monthly'), '2026-01-01', '9999-12-31')).toThrow(PeriodError);
  });
});

describe('properties (fast-check)', () => {
  const day = fc.integer({ min: 0, max: 365 * 14 }).map((n) => dayjs('2021-01-01').add(n, 'day').format('YYYY-MM-DD'));
  const frequency = fc.constantFrom('monthly', 'quarterly', 'semiannual', 'annual') as fc.Arbitrary<Frequency>;
  const windowKind = fc.constantFrom('decree09', 'calendar') as fc.Arbitrary<'decree09' | 'calendar'>;
  const range = fc.tuple(day, fc.integer({ min: 0, max: 800 })).map(([a, n]) => {
    const b = dayjs(a).add(n, 'day').format('YYYY-MM-DD');
    return [a, b] as const;
  });

  it('periods tile [from, to]: no gap, no overlap, the first covers from, the last covers to', () => {
    fc.assert(
      fc.property(frequency, windowKind, range, (f, w, [from, to]) => {
        const ps = periodsBetween(defaultRegime(f, w), from, to);
        expect((ps[0]?.windowStart as string) <= from && from <= (ps[0]?.windowEnd as string)).toBe(true);
        const last = ps[ps.length - 1];
        expect((last?.windowStart as string) <= to && to <= (last?.windowEnd as string)).toBe(true);
        for (let i = 1; i < ps.length; i++) {
          expect(
            dayjs(ps[i - 1]?.windowEnd)
              .add(1, 'day')
              .format('YYYY-MM-DD'),
          ).toBe(ps[i]?.windowStart);
        }
        expect(new Set(ps.map((p) => p.key)).size).toBe(ps.length);
      }),
    );
  });

  // Valid regimes with 1–4 levels: increasing day offsets, some of them given as a day of month.
  const regime = fc
    .tuple(
      frequency,
      windowKind,
      fc.array(fc.tuple(fc.integer({ min: 1, max: 8 }), fc.boolean(), fc.integer({ min: 1, max: 28 })), {
        minLength: 1,
        maxLength: 4,
      }),
    )
    .map(([f, w, steps]): Regime => {
      const levels = steps.map((_, i) => `level${i}`);
      let offset = 0;
      const deadlines = steps.map(([gap, asDay, dayOfMonth]): Deadline => {
        offset += gap;
        return asDay ? { dayOfMonth } : { afterCutoff: offset };
      });
      return {
        frequency: f,
        window: w,
        levels,
        deadlines: Object.fromEntries(levels.map((l, i) => [l, deadlines[i] as Deadline])),
      };
    })
    .filter((r) => validateRegime(r).length === 0);

  it('every deadline is a working day at least one working day after the cut-off; lower levels strictly earlier', () => {
    fc.assert(
      fc.property(regime, day, (r, d) => {
        const [p] = periodsBetween(r, d, d);
        if (!p) throw new Error('no period');
        let previous: string | null = null;
        for (const level of r.levels) {
          const due = deadlineFor(r, p, level, cal);
          expect(cal.isWorkingDay(due)).toBe(true);
          expect(due >= nextWorkingDay(p.windowEnd, cal)).toBe(true);
          if (previous) expect(due >= nextWorkingDay(previous, cal)).toBe(true);
          previous = due;
        }
      }),
    );
  });

  it('a valid regime never sets a deadline earlier than its nominal date', () => {
    fc.assert(
      fc.property(day, (d) => {
        const r = defaultRegime('monthly');
        const [p] = periodsBetween(r, d, d);
        if (!p) throw new Error('no period');
        expect(deadlineFor(r, p, 'province', cal) >= dayjs(p.windowEnd).date(25).format('YYYY-MM-DD')).toBe(true);
      }),
    );
  });
});
