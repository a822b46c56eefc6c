import {
  defaultRegime,
  FREQUENCIES,
  type Frequency,
  type Period,
  PeriodError,
  periodsBetween,
  type Regime,
  validateRegime,
} from './periods.js';

/**
 * The pure part of the obligation rule (docs/followup.md "Obligations"): which regime applies to
 * a task and from when, which periods a span holds, which regime level a unit reports at.
 * No database here; obligations.service.ts reads the plan and the directory and writes rows.
 */

/**
 * A regime as stored in `plan.regime` / `plan_node.regime`: the regime, the first day it applies
 * from (`from`, absent: from the start of the reporting span) and the regime it replaced
 * (`previous`, which keeps applying to the periods that started before `from`).
 */
export interface StoredRegime extends Regime {
  from?: string;
  previous?: StoredRegime | null;
}

/** A regime and the dates it governs: the periods starting in [from, until). */
export interface RegimeSegment {
  regime: Regime;
  from: string | null;
  until: string | null;
}

/**
 * The default when neither the task nor the plan sets a regime (shared reference indicators.md §3):
 * the frequency the plan's text gives the task (the importer's `recurrence`: "hằng năm", "6 tháng"…),
 * otherwise six-monthly — the Party's practice of a review every six months and a year-end report
 * (sơ kết 6 tháng, tổng kết năm); windows of Decree 09/2019 Art. 12 (cut-off on the 14th), deadlines
 * per level from periods.ts `DEFAULT_DEADLINES` (commune, district, province; the province by the 25th,
 * Art. 13).
 */
export const DEFAULT_FREQUENCY: Frequency = 'semiannual';

export function defaultRegimeFor(recurrence: string | null): Regime {
  const f = FREQUENCIES.includes(recurrence as Frequency) && recurrence !== 'once' ? (recurrence as Frequency) : null;
  return defaultRegime(f ?? DEFAULT_FREQUENCY, 'decree09');
}

/** Only the regime's own fields (what periods.ts reads), without the history. */
export function bareRegime(r: StoredRegime | Regime): Regime {
  return {
    frequency: r.frequency,
    window: r.window,
    levels: [...r.levels],
    deadlines: { ...r.deadlines },
    ...(r.date ? { date: r.date } : {}),
  };
}

/**
 * The segments of a stored regime, oldest first. A history whose oldest regime has a `from` is
 * preceded by the fallback (the plan's segments for a task, the default for a plan), cut at that date.
 */
export function segmentsOf(stored: StoredRegime | null, fallback: RegimeSegment[]): RegimeSegment[] {
  if (!stored) return fallback;
  const chain: StoredRegime[] = [];
  for (let r: StoredRegime | null | undefined = stored; r; r = r.previous) chain.unshift(r);
  const out: RegimeSegment[] = [];
  const first = chain[0]?.from;
  if (first) {
    for (const s of fallback) {
      if (s.from && s.from >= first) continue;
      out.push({ ...s, until: s.until && s.until < first ? s.until : first });
    }
  }
  chain.forEach((r, i) => {
    out.push({ regime: bareRegime(r), from: r.from ?? null, until: chain[i + 1]?.from ?? null });
  });
  return out;
}

/**
 * The periods of a span under a regime history, started by `today`: each segment contributes the
 * periods whose window starts in [segment.from, segment.until). Periods are identified by key;
 * a key governed by two segments (the same frequency kept) is listed once, under the later one.
 */
export function periodsOf(
  segments: RegimeSegment[],
  spanFrom: string,
  spanUntil: string | null,
  today: string,
): { period: Period; regime: Regime }[] {
  const last = spanUntil && spanUntil < today ? spanUntil : today;
  if (last < spanFrom) return [];
  const byKey = new Map<string, { period: Period; regime: Regime }>();
  for (const s of segments) {
    for (const period of periodsBetween(s.regime, spanFrom, last)) {
      if (period.windowStart > today) continue;
      if (s.from && period.windowStart < s.from) continue;
      if (s.until && period.windowStart >= s.until) continue;
      byKey.set(period.key, { period, regime: s.regime });
    }
  }
  return [...byKey.values()].sort((a, b) => a.period.windowStart.localeCompare(b.period.windowStart));
}

/**
 * The first day a changed regime applies from: the start of its first period not yet started on
 * `today` (a one-off regime: its date, which must be after today).
 */
export function nextPeriodStart(regime: Regime, today: string): string {
  if (regime.frequency === 'once') {
    if (!regime.date || regime.date <= today) {
      throw new PeriodError(
        'regime.once_in_past',
        'Ngày báo cáo một lần phải sau hôm nay (thay đổi chỉ áp dụng từ kỳ chưa bắt đầu).',
        'A one-off report’s date must be after today (a change applies only to periods not yet started).',
      );
    }
    return regime.date;
  }
  const until = `${Number(today.slice(0, 4)) + 2}${today.slice(4)}`;
  const next = periodsBetween(regime, today, until).find((p) => p.windowStart > today);
  return next?.windowStart ?? today;
}

/**
 * A stored regime with its new value from the next period not yet started, keeping the old one
 * (`previous`; null: what applied before, the plan's or the default) for the periods already started.
 */
export function changeRegime(current: StoredRegime | null, _before: Regime, next: Regime, today: string): StoredRegime {
  const from = nextPeriodStart(next, today);
  return { ...bareRegime(next), from, previous: current };
}

/** Reasons a regime from a request cannot be used: periods.ts `validateRegime`. */
export function regimeProblems(regime: Regime) {
  return validateRegime(regime);
}

/**
 * The regime level a unit reports at. A unit whose directory level is one of the regime's levels
 * reports at it; otherwise at the regime level nearest in rank (org_level.rank; a tie goes to the
 * lower level, which is due earlier): a commune's Party branches and associations (`grassroots`)
 * report at the commune's deadline, a central body at the highest level's.
 */
export function regimeLevel(regime: Regime, unitLevel: string, ranks: ReadonlyMap<string, number>): string {
  if (regime.levels.includes(unitLevel)) return unitLevel;
  const rank = ranks.get(unitLevel);
  const known = regime.levels.filter((l) => ranks.has(l));
  if (rank === undefined || known.length === 0) return regime.levels[0] as string;
  let best = known[0] as string;
  for (const l of known) {
    const d = Math.abs((ranks.get(l) as number) - rank);
    const bestD = Math.abs((ranks.get(best) as number) - rank);
    if (d < bestD || (d === bestD && (ranks.get(l) as number) > (ranks.get(best) as number))) best = l;
  }
  return best;
}

/** Assignment roles → obligation roles: who owes a report. `report_to` owes none. */
export function obligationRole(assignmentRole: string): 'lead' | 'coordinate' | null {
  if (assignmentRole === 'coordinate') return 'coordinate';
  if (assignmentRole === 'report_to') return null;
  return 'lead'; // lead, responsible, advised
}

/** A period's name from its key (periods.ts keys: 2026-05, 2026-Q3, 2026-H1, 2026, once:2026-05-20). */
export function periodLabel(key: string): { vi: string; en: string } {
  let m = /^once:(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (m)
    return {
      vi: `Báo cáo một lần, ngày ${Number(m[3])}/${Number(m[2])}/${m[1]}`,
      en: `One-off report, ${m[1]}-${m[2]}-${m[3]}`,
    };
  m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) return { vi: `Tháng ${Number(m[2])}/${m[1]}`, en: `${m[1]}-${m[2]}` };
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return { vi: `Quý ${['I', 'II', 'III', 'IV'][Number(m[2]) - 1]}/${m[1]}`, en: `Q${m[2]} ${m[1]}` };
  m = /^(\d{4})-H([12])$/.exec(key);
  if (m) return { vi: `6 tháng ${m[2] === '1' ? 'đầu' : 'cuối'} năm ${m[1]}`, en: `H${m[2]} ${m[1]}` };
  m = /^(\d{4})$/.exec(key);
  if (m) return { vi: `Năm ${m[1]}`, en: `Year ${m[1]}` };
  return { vi: key, en: key };
}
