import dayjs, { type Dayjs } from 'dayjs';

/**
 * Reporting regime: periods, cut-off windows and deadlines per organisational level.
 * Source: Decree 09/2019/NĐ-CP Art. 8.5, 12 and 13 (see shared reference indicators.md §3 and
 * docs/reporting-periods.md). Dates only: every date is an ISO `YYYY-MM-DD` string; no time zones.
 */

export type Frequency = 'once' | 'monthly' | 'quarterly' | 'semiannual' | 'annual';
export const FREQUENCIES: readonly Frequency[] = ['once', 'monthly', 'quarterly', 'semiannual', 'annual'];

/** `decree09`: windows anchored on the 15th (Art. 12). `calendar`: plain calendar months/quarters/halves/years. */
export type WindowKind = 'decree09' | 'calendar';

/**
 * A deadline for one level: `afterCutoff` calendar days after the cut-off (window end), or the first
 * `dayOfMonth` (1–28) strictly after the cut-off (decree09: the 25th of the period's last month).
 * Either way the date is then moved forward to a working day, and kept at least one working day
 * after the cut-off and after the deadline of the level below.
 */
export type Deadline = { afterCutoff: number } | { dayOfMonth: number };

export interface Regime {
  frequency: Frequency;
  window: WindowKind;
  /** Level codes (data), lowest first: the lowest level reports first. */
  levels: string[];
  deadlines: Record<string, Deadline>;
  /** One-off reports only: the date the report covers up to (its cut-off), ISO. */
  date?: string;
}

export interface Period {
  frequency: Frequency;
  key: string;
  label_vi: string;
  label_en: string;
  windowStart: string;
  /** The cut-off day (ngày chốt số liệu), inclusive. */
  windowEnd: string;
}

export interface Reason {
  code: string;
  vi: string;
  en: string;
}

/** Thrown on input a caller should have validated (malformed date, unknown level, bad regime). */
export class PeriodError extends Error {
  constructor(
    readonly code: string,
    readonly vi: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'PeriodError';
  }
}

export const DEFAULT_LEVELS: readonly string[] = ['commune', 'district', 'province'];

/**
 * Defaults per level (decree09 windows, cut-off on the 14th): commune on the 17th, district on the
 * 20th, province on the 25th of the period's last month — Art. 13: "chậm nhất vào ngày 25 của tháng
 * cuối kỳ báo cáo". With calendar windows (cut-off at month end) the same rules give the 3rd, the
 * 6th and the 25th of the following month.
 */
export const DEFAULT_DEADLINES: Readonly<Record<string, Deadline>> = {
  commune: { afterCutoff: 3 },
  district: { afterCutoff: 6 },
  province: { dayOfMonth: 25 },
};

export function defaultRegime(frequency: Frequency, window: WindowKind = 'decree09', date?: string): Regime {
  return {
    frequency,
    window,
    levels: [...DEFAULT_LEVELS],
    deadlines: { ...DEFAULT_DEADLINES },
    ...(date ? { date } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Dates

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const fmt = (d: Dayjs) => d.format('YYYY-MM-DD');

export function isIsoDate(s: unknown): s is string {
  return typeof s === 'string' && ISO.test(s) && dayjs(s).isValid() && fmt(dayjs(s)) === s;
}

/** Dates outside 1900–2999 are refused: they are typing mistakes, and they would make ranges huge. */
function parse(s: string, what: string): Dayjs {
  if (!isIsoDate(s) || s < '1900-01-01' || s > '2999-12-31') {
    throw new PeriodError('period.bad_date', `Ngày không hợp lệ (${what}): ${String(s)}`, `Invalid date (${what})`);
  }
  return dayjs(s);
}

const addDays = (iso: string, n: number) => fmt(dayjs(iso).add(n, 'day'));
/** The later of two ISO dates (ISO dates compare as strings). */
const later = (a: string, b: string) => (a < b ? b : a);

// ---------------------------------------------------------------------------------------------
// Periods

const MONTHS_PER: Record<Exclude<Frequency, 'once'>, number> = { monthly: 1, quarterly: 3, semiannual: 6, annual: 12 };
const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const EN_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ROMAN = ['I', 'II', 'III', 'IV'];

/** The period of a periodic frequency whose calendar span starts at month index `m0` (0-based) of `year`. */
function makePeriod(frequency: Exclude<Frequency, 'once'>, window: WindowKind, year: number, m0: number): Period {
  const span = MONTHS_PER[frequency];
  const first = dayjs(new Date(year, m0, 1));
  const lastMonth = first.add(span - 1, 'month');
  const windowStart = window === 'calendar' ? first : first.subtract(1, 'month').date(15);
  const windowEnd = window === 'calendar' ? lastMonth.endOf('month') : lastMonth.date(14);
  const index = m0 / span; // 0-based within the year
  let key: string;
  let vi: string;
  let en: string;
  switch (frequency) {
    case 'monthly':
      key = `${year}-${String(m0 + 1).padStart(2, '0')}`;
      vi = `Tháng ${m0 + 1}/${year}`;
      en = `${EN_MONTHS[m0]} ${year}`;
      break;
    case 'quarterly':
      key = `${year}-Q${index + 1}`;
      vi = `Quý ${ROMAN[index]}/${year}`;
      en = `Q${index + 1} ${year}`;
      break;
    case 'semiannual':
      key = `${year}-H${index + 1}`;
      vi = index === 0 ? `6 tháng đầu năm ${year}` : `6 tháng cuối năm ${year}`;
      en = `H${index + 1} ${year}`;
      break;
    case 'annual':
      key = `${year}`;
      vi = `Năm ${year}`;
      en = `Year ${year}`;
      break;
  }
  return { frequency, key, label_vi: vi, label_en: en, windowStart: fmt(windowStart), windowEnd: fmt(windowEnd) };
}

function oncePeriod(date: string): Period {
  const d = dayjs(date);
  return {
    frequency: 'once',
    key: `once:${date}`,
    label_vi: `Báo cáo một lần, ngày ${d.date()}/${d.month() + 1}/${d.year()}`,
    label_en: `One-off report, ${d.date()} ${EN_SHORT[d.month()]} ${d.year()}`,
    windowStart: date,
    windowEnd: date,
  };
}

/** The (year, first month) of the periodic period containing `d`. */
function startContaining(frequency: Exclude<Frequency, 'once'>, window: WindowKind, d: Dayjs): Dayjs {
  // Under decree09 a day on or after the 15th belongs to the next month's window.
  const month = window === 'decree09' && d.date() >= 15 ? d.startOf('month').add(1, 'month') : d.startOf('month');
  const span = MONTHS_PER[frequency];
  return month.month(Math.floor(month.month() / span) * span);
}

/** The consecutive periods from the one containing `from` to the one containing `to`. */
function periodRange(frequency: Exclude<Frequency, 'once'>, window: WindowKind, from: Dayjs, to: string): Period[] {
  const out: Period[] = [];
  const span = MONTHS_PER[frequency];
  for (let m = startContaining(frequency, window, from); ; m = m.add(span, 'month')) {
    const p = makePeriod(frequency, window, m.year(), m.month());
    if (p.windowStart > to) return out;
    out.push(p);
  }
}

/** The periods whose window overlaps [from, to] (inclusive), in order. */
export function periodsBetween(regime: Regime, from: string, to: string): Period[] {
  const a = parse(from, 'from');
  const b = parse(to, 'to');
  if (b.isBefore(a)) {
    throw new PeriodError(
      'period.bad_range',
      'Ngày kết thúc trước ngày bắt đầu.',
      'The end date is before the start date.',
    );
  }
  assertValid(regime);
  if (regime.frequency === 'once') {
    const date = regime.date as string;
    return date >= from && date <= to ? [oncePeriod(date)] : [];
  }
  return periodRange(regime.frequency, regime.window, a, to);
}

/** The period identified by `key` under this regime (e.g. '2026-Q3'), or a PeriodError. */
export function periodByKey(regime: Regime, key: string): Period {
  assertValid(regime);
  const bad = () => new PeriodError('period.bad_key', `Kỳ báo cáo không hợp lệ: ${key}`, `Invalid period: ${key}`);
  if (regime.frequency === 'once') {
    if (key !== `once:${regime.date}`) throw bad();
    return oncePeriod(regime.date as string);
  }
  const m = /^(\d{4})(?:-(\d{2})|-Q([1-4])|-H([12]))?$/.exec(key);
  if (!m) throw bad();
  const year = Number(m[1]);
  const m0 =
    regime.frequency === 'monthly' && m[2]
      ? Number(m[2]) - 1
      : regime.frequency === 'quarterly' && m[3]
        ? (Number(m[3]) - 1) * 3
        : regime.frequency === 'semiannual' && m[4]
          ? (Number(m[4]) - 1) * 6
          : regime.frequency === 'annual' && !m[2] && !m[3] && !m[4]
            ? 0
            : -1;
  if (m0 < 0 || m0 > 11 || year < 1900) throw bad();
  return makePeriod(regime.frequency, regime.window, year, m0);
}

// ---------------------------------------------------------------------------------------------
// Working days

/**
 * Tết (1st day of the 1st lunar month) and the Hùng Kings' day (10th of the 3rd lunar month) as solar
 * dates, Vietnamese lunar calendar (UTC+7). Computed with Hồ Ngọc Đức's algorithm (the reference
 * Vietnamese lunar calendar, informatik.uni-leipzig.de/~duc/amlich) and checked against the dates
 * announced for 2020–2026. Note 2030: Tết is 2 February in Vietnam (3 February in China).
 */
export const LUNAR_HOLIDAYS: Readonly<Record<number, { tet: string; hungKings: string }>> = {
  2019: { tet: '2019-02-05', hungKings: '2019-04-14' },
  2020: { tet: '2020-01-25', hungKings: '2020-04-02' },
  2021: { tet: '2021-02-12', hungKings: '2021-04-21' },
  2022: { tet: '2022-02-01', hungKings: '2022-04-10' },
  2023: { tet: '2023-01-22', hungKings: '2023-04-29' },
  2024: { tet: '2024-02-10', hungKings: '2024-04-18' },
  2025: { tet: '2025-01-29', hungKings: '2025-04-07' },
  2026: { tet: '2026-02-17', hungKings: '2026-04-26' },
  2027: { tet: '2027-02-06', hungKings: '2027-04-16' },
  2028: { tet: '2028-01-26', hungKings: '2028-04-04' },
  2029: { tet: '2029-02-13', hungKings: '2029-04-23' },
  2030: { tet: '2030-02-02', hungKings: '2030-04-12' },
  2031: { tet: '2031-01-23', hungKings: '2031-04-01' },
  2032: { tet: '2032-02-11', hungKings: '2032-04-19' },
  2033: { tet: '2033-01-31', hungKings: '2033-04-09' },
  2034: { tet: '2034-02-19', hungKings: '2034-04-28' },
  2035: { tet: '2035-02-08', hungKings: '2035-04-17' },
  2036: { tet: '2036-01-28', hungKings: '2036-04-06' },
};

export interface CalendarOptions {
  /** Days off announced by the Government for a year (bridges, the chosen Tết days). ISO dates. */
  extraHolidays?: string[];
  /** Saturdays/Sundays announced as working days to make up for a bridge. ISO dates. */
  extraWorkingDays?: string[];
  /** Lunar holidays for years outside LUNAR_HOLIDAYS (or corrections). */
  lunar?: Record<number, { tet: string; hungKings: string }>;
}

export interface WorkingCalendar {
  isWorkingDay(iso: string): boolean;
  /** The public holidays of a year (Labour Code 2019 Art. 112 + Art. 111.3 compensatory days + extras). */
  holidays(year: number): string[];
}

const isWeekend = (iso: string) => {
  const dow = dayjs(iso).day();
  return dow === 0 || dow === 6;
};

/**
 * The statutory holidays of a year, Labour Code 2019 Art. 112.1: 1/1; Tết — 5 days, by default the
 * last day of the lunar year and the first four of the new one (the Government picks the exact days
 * each year: pass them as extraHolidays); Hùng Kings 10/3 lunar; 30/4; 1/5; 2/9 and one adjacent day
 * (by default 1/9). Art. 111.3: a holiday falling on a weekend is made up on the next working day.
 */
function statutoryHolidays(year: number, lunar: Record<number, { tet: string; hungKings: string }>): string[] {
  const l = lunar[year];
  if (!l) {
    throw new PeriodError(
      'period.no_lunar_calendar',
      `Chưa có lịch âm (Tết, Giỗ Tổ) cho năm ${year}.`,
      `No lunar holiday dates for ${year}.`,
    );
  }
  const y = String(year);
  const days = [
    `${y}-01-01`,
    addDays(l.tet, -1),
    l.tet,
    addDays(l.tet, 1),
    addDays(l.tet, 2),
    addDays(l.tet, 3),
    l.hungKings,
    `${y}-04-30`,
    `${y}-05-01`,
    `${y}-09-01`,
    `${y}-09-02`,
  ];
  const set = new Set(days);
  for (const d of days) {
    if (!isWeekend(d)) continue;
    let c = addDays(d, 1);
    while (isWeekend(c) || set.has(c)) c = addDays(c, 1);
    set.add(c);
  }
  return [...set].sort();
}

export function workingCalendar(options: CalendarOptions = {}): WorkingCalendar {
  const lunar = { ...LUNAR_HOLIDAYS, ...(options.lunar ?? {}) };
  for (const d of [...(options.extraHolidays ?? []), ...(options.extraWorkingDays ?? [])]) parse(d, 'calendar');
  const extraOff = new Set(options.extraHolidays ?? []);
  const extraOn = new Set(options.extraWorkingDays ?? []);
  const cache = new Map<number, Set<string>>();
  const yearSet = (year: number) => {
    let s = cache.get(year);
    if (!s) {
      s = new Set(statutoryHolidays(year, lunar));
      for (const d of extraOff) if (d.startsWith(`${year}-`)) s.add(d);
      cache.set(year, s);
    }
    return s;
  };
  return {
    isWorkingDay(iso) {
      parse(iso, 'day');
      if (extraOn.has(iso)) return true;
      return !isWeekend(iso) && !yearSet(Number(iso.slice(0, 4))).has(iso);
    },
    holidays(year) {
      return [...yearSet(year)].sort();
    },
  };
}

/** The first working day on or after `iso`. */
export function onOrAfterWorkingDay(iso: string, calendar: WorkingCalendar): string {
  let d = iso;
  while (!calendar.isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** The first working day strictly after `iso`. */
export function nextWorkingDay(iso: string, calendar: WorkingCalendar): string {
  return onOrAfterWorkingDay(addDays(iso, 1), calendar);
}

// ---------------------------------------------------------------------------------------------
// Deadlines

/** The nominal (unadjusted) deadline: calendar arithmetic from the cut-off. */
function nominalDeadline(deadline: Deadline, cutoff: string): string {
  if ('afterCutoff' in deadline) return addDays(cutoff, deadline.afterCutoff);
  const c = dayjs(cutoff);
  const same = c.date(deadline.dayOfMonth);
  return fmt(same.isAfter(c) ? same : c.startOf('month').add(1, 'month').date(deadline.dayOfMonth));
}

/**
 * The deadline of `level` for `period`: the nominal date moved forward to a working day, never
 * earlier than the first working day after the cut-off, and at least one working day after the
 * deadline of every lower level.
 */
export function deadlineFor(regime: Regime, period: Period, level: string, calendar: WorkingCalendar): string {
  assertValid(regime);
  const upTo = regime.levels.indexOf(level);
  if (upTo < 0) {
    throw new PeriodError(
      'period.unknown_level',
      `Cấp không có trong chế độ báo cáo: ${level}`,
      `Unknown level: ${level}`,
    );
  }
  let floor = nextWorkingDay(period.windowEnd, calendar);
  let result = floor;
  for (let i = 0; i <= upTo; i++) {
    const nominal = nominalDeadline(regime.deadlines[regime.levels[i] as string] as Deadline, period.windowEnd);
    result = onOrAfterWorkingDay(later(nominal, floor), calendar);
    floor = nextWorkingDay(result, calendar);
  }
  return result;
}

/** Every level's deadline for a period, lowest level first. */
export function deadlinesFor(regime: Regime, period: Period, calendar: WorkingCalendar): Record<string, string> {
  return Object.fromEntries(regime.levels.map((l) => [l, deadlineFor(regime, period, l, calendar)]));
}

// ---------------------------------------------------------------------------------------------
// Validation

function reason(code: string, vi: string, en: string): Reason {
  return { code, vi, en };
}

/** Reasons a regime cannot be used (empty when it is fine), in Vietnamese and English. */
export function validateRegime(regime: Regime): Reason[] {
  const out: Reason[] = [];
  const r = regime as Partial<Regime> | null | undefined;
  if (!r || typeof r !== 'object') return [reason('regime.invalid', 'Chế độ báo cáo không hợp lệ.', 'Invalid regime.')];
  if (!FREQUENCIES.includes(r.frequency as Frequency)) {
    out.push(
      reason(
        'regime.unknown_frequency',
        `Kỳ báo cáo không xác định: ${String(r.frequency)} (một lần, tháng, quý, 6 tháng, năm).`,
        `Unknown frequency: ${String(r.frequency)}.`,
      ),
    );
  }
  if (r.window !== 'decree09' && r.window !== 'calendar') {
    out.push(
      reason(
        'regime.unknown_window',
        `Cách tính kỳ không xác định: ${String(r.window)} (theo Nghị định 09 hoặc theo lịch).`,
        `Unknown window: ${String(r.window)}.`,
      ),
    );
  }
  if (r.frequency === 'once' && !isIsoDate(r.date)) {
    out.push(
      reason('regime.once_date', 'Báo cáo một lần cần ngày báo cáo hợp lệ.', 'A one-off report needs a valid date.'),
    );
  }
  const levels = Array.isArray(r.levels) ? r.levels : [];
  if (levels.length === 0) {
    out.push(reason('regime.no_levels', 'Chế độ báo cáo chưa có cấp nào.', 'The regime names no level.'));
  }
  if (new Set(levels).size !== levels.length) {
    out.push(reason('regime.duplicate_level', 'Một cấp được khai hai lần.', 'A level is listed twice.'));
  }
  const deadlines = r.deadlines && typeof r.deadlines === 'object' ? r.deadlines : {};
  let shapesOk = true;
  for (const level of levels) {
    const d = deadlines[level] as Partial<{ afterCutoff: unknown; dayOfMonth: unknown }> | undefined;
    const ok =
      d &&
      typeof d === 'object' &&
      (('afterCutoff' in d && Number.isInteger(d.afterCutoff) && !('dayOfMonth' in d)) ||
        ('dayOfMonth' in d &&
          Number.isInteger(d.dayOfMonth) &&
          (d.dayOfMonth as number) >= 1 &&
          (d.dayOfMonth as number) <= 28 &&
          !('afterCutoff' in d)));
    if (!ok) {
      shapesOk = false;
      out.push(
        reason(
          'regime.bad_deadline',
          `Hạn của cấp ${level} không hợp lệ (số ngày sau ngày chốt, hoặc ngày 1–28 trong tháng).`,
          `The deadline of level ${level} is invalid (days after the cut-off, or a day of month 1–28).`,
        ),
      );
    }
  }
  if (out.length > 0 || !shapesOk) return out;

  // Check the nominal dates over sample periods (two years, one of them leap, every month length).
  const sample: Period[] = r.frequency === 'once' ? [oncePeriod(r.date as string)] : sampleRange(r as Regime);
  const flagged = new Set<string>();
  const flag = (x: Reason) => {
    if (!flagged.has(x.code + x.en)) {
      flagged.add(x.code + x.en);
      out.push(x);
    }
  };
  for (const p of sample) {
    let previous: { level: string; date: string } | null = null;
    for (const level of levels) {
      const date = nominalDeadline(deadlines[level] as Deadline, p.windowEnd);
      if (date < p.windowStart) {
        flag(
          reason(
            'regime.deadline_before_period',
            `Hạn của cấp ${level} trước ngày bắt đầu kỳ báo cáo.`,
            `The deadline of level ${level} is before the period starts.`,
          ),
        );
      } else if (date <= p.windowEnd) {
        flag(
          reason(
            'regime.deadline_before_cutoff',
            `Hạn của cấp ${level} phải sau ngày chốt số liệu ít nhất một ngày làm việc.`,
            `The deadline of level ${level} must leave at least one working day after the cut-off.`,
          ),
        );
      }
      if (previous && date <= previous.date) {
        flag(
          reason(
            'regime.level_order',
            `Hạn của cấp dưới (${previous.level}) phải sớm hơn hạn của cấp trên (${level}).`,
            `The lower level (${previous.level}) must be due before the upper level (${level}).`,
          ),
        );
      }
      previous = { level, date };
    }
  }
  return out;
}

function sampleRange(regime: Regime): Period[] {
  return periodRange(regime.frequency as Exclude<Frequency, 'once'>, regime.window, dayjs('2027-01-01'), '2028-12-31');
}

function assertValid(regime: Regime): void {
  const reasons = validateRegime(regime);
  const first = reasons[0];
  if (first) throw new PeriodError(first.code, first.vi, first.en);
}
