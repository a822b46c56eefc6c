import dayjs from 'dayjs';
import type { Kysely } from 'kysely';
import { systemClock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/schema.js';
import type { DirectoryChange, PlanChange } from '../../platform/plan-events.js';
import { loadCatalogue } from '../indicators/catalogue.js';
import { elementsOf } from '../indicators/expr.js';
import { type MatchableUnit, matchSelector } from '../organizations/matching.js';
import * as repo from './obligations.repository.js';
import {
  defaultRegimeFor,
  obligationRole,
  periodsOf,
  type RegimeSegment,
  regimeLevel,
  type StoredRegime,
  segmentsOf,
} from './obligations.rule.js';
import {
  deadlineFor,
  defaultRegime,
  type Period,
  PeriodError,
  periodByKey,
  type Regime,
  type WorkingCalendar,
  workingCalendar,
} from './periods.js';

/**
 * The rule that makes obligations (docs/followup.md "Obligations"), run inside the caller's
 * transaction: by the plan and directory change events (platform/plan-events.ts), by the daily
 * job `followup.sync`, and by `syncAllPlans` for the demo. Idempotent: what exists is left alone
 * (`ON CONFLICT DO NOTHING` on the obligation's identity), so two syncs at once make each row once.
 */

type Db = Kysely<Database>;
type Unit = Awaited<ReturnType<typeof repo.unitsByIds>>[number];

/**
 * The working calendar of periods.ts, with the lunar holidays of 2015–2018 (plans of those years
 * are still followed: Tết 19/2/2015, 8/2/2016, 28/1/2017, 16/2/2018; Giỗ Tổ 28/4/2015, 16/4/2016,
 * 6/4/2017, 25/4/2018). A year the table does not know counts weekends only, so that an old or
 * far-off period never stops a plan from being saved.
 */
const known = workingCalendar({
  lunar: {
    2015: { tet: '2015-02-19', hungKings: '2015-04-28' },
    2016: { tet: '2016-02-08', hungKings: '2016-04-16' },
    2017: { tet: '2017-01-28', hungKings: '2017-04-06' },
    2018: { tet: '2018-02-16', hungKings: '2018-04-25' },
  },
});
const calendar: WorkingCalendar = {
  isWorkingDay(iso) {
    try {
      return known.isWorkingDay(iso);
    } catch (e) {
      if (!(e instanceof PeriodError)) throw e;
      const dow = dayjs(iso).day();
      return dow !== 0 && dow !== 6;
    }
  },
  holidays: (year) => known.holidays(year),
};
const dayBefore = (iso: string) => dayjs(iso).subtract(1, 'day').format('YYYY-MM-DD');
const activeOn = (u: { valid_from: string | null; valid_to: string | null }, d: string) =>
  (u.valid_from === null || u.valid_from <= d) && (u.valid_to === null || u.valid_to > d);

const matchable = (u: Unit): MatchableUnit => ({
  id: u.id,
  parentId: u.parent_id,
  path: u.path,
  name: u.name,
  shortName: u.short_name,
  aliases: u.aliases,
  kind: u.kind,
  level: u.level,
  validFrom: u.valid_from,
  validTo: u.valid_to,
});

/** How far back a plan's periods are made (docs/followup.md). */
export const MAX_YEARS_BACK = 2;

export interface SyncResult {
  created: number;
  ended: number;
}

/** Segments of a task: its own regime history over the plan's (itself over the default). */
function taskSegments(planRegime: StoredRegime | null, taskRegime: StoredRegime | null, recurrence: string | null) {
  const plan = segmentsOf(planRegime, [{ regime: defaultRegimeFor(recurrence), from: null, until: null }]);
  return taskRegime ? segmentsOf(taskRegime, plan) : plan;
}

export function planSegments(planRegime: StoredRegime | null): RegimeSegment[] {
  return segmentsOf(planRegime, [{ regime: defaultRegimeFor(null), from: null, until: null }]);
}

/**
 * Makes the obligations of one plan as of `today`, and ends (from `on`) those that no longer
 * apply. Periods whose cut-off is before `on` are never changed; rows are only inserted for
 * them when the plan has never had any (its first sync) or when they come after every period
 * already made (a new period).
 */
export async function syncPlan(db: Db, planId: string, today: string, on: string = today): Promise<SyncResult> {
  const plan = await repo.planForSync(db, planId);
  if (!plan) return { created: 0, ended: 0 };
  const ranks = await repo.levelRanks(db);
  const [tasks, assignments, planLast, figures, figuresLast] = await Promise.all([
    repo.tasksOf(db, planId),
    repo.assignmentsOfPlan(db, planId),
    repo.lastPeriodStart(db, planId),
    repo.figuresCollectionOf(db, planId),
    repo.lastPeriodStart(db, planId, true),
  ]);

  // The report_to organisation of the plan's tasks is where the plan's own report goes, unless set.
  let reportsTo = plan.reports_to_unit_id;
  if (!reportsTo) {
    const target = assignments.find((a) => a.role === 'report_to' && a.unit_id !== null);
    if (target?.unit_id) {
      reportsTo = target.unit_id;
      await repo.fillReportsTo(db, planId, reportsTo);
    }
  }

  // At most two years back: periods long past when a plan is entered can no longer be reported,
  // they would only be counted missing (and a mistyped 1900 would make hundreds per unit).
  const earliest = `${Number(today.slice(0, 4)) - MAX_YEARS_BACK}${today.slice(4)}`;
  const declared = plan.reporting_from ?? plan.issued_on ?? plan.created_on;
  const spanFrom = declared < earliest ? earliest : declared;
  const ended = plan.status !== 'active' && plan.ended_on ? plan.ended_on : null;
  // Only periods a sync may change are computed: all of them at the plan's first sync; later,
  // those whose cut-off is on or after `on`, and the new ones (after every period made).
  const open = (p: { windowStart: string; windowEnd: string }) =>
    planLast === null || p.windowStart > planLast || p.windowEnd >= on;
  const endingFrom = ended && ended < on ? ended : on;
  const existing =
    planLast === null && figuresLast === null ? [] : await repo.obligationsOfPlan(db, planId, endingFrom);
  const spanUntil = [plan.reporting_until, ended ? dayBefore(ended) : null]
    .filter((d): d is string => d !== null)
    .sort()[0];

  // The directory as the rule needs it: the plan's territory (for selectors), the units named.
  const territory = (await repo.unitsUnder(db, plan.scope_path)).map((u) => u as Unit);
  const units = new Map<string, Unit>(territory.map((u) => [u.id, u]));
  const named = [
    ...new Set([...assignments.flatMap((a) => (a.unit_id ? [a.unit_id] : [])), plan.owner_unit_id]),
  ].filter((id) => !units.has(id));
  for (const u of await repo.unitsByIds(db, named)) units.set(u.id, u);
  const area = units.get(plan.scope_unit_id);
  const pool = territory.map(matchable);
  const areaUnit = area ? matchable(area) : null;
  const expansions = new Map<string, ReturnType<typeof matchSelector>>();

  // Successors of closed units (followed transitively, loaded as needed).
  const successors = new Map<string, { successor_id: string; effective_on: string }[]>();
  const loadSuccessors = async (ids: string[]) => {
    let frontier = ids.filter((id) => !successors.has(id));
    while (frontier.length > 0) {
      const rows = await repo.successorsOf(db, frontier);
      for (const id of frontier) successors.set(id, []);
      for (const r of rows) successors.get(r.predecessor_id)?.push(r);
      const next = [...new Set(rows.map((r) => r.successor_id))].filter((id) => !successors.has(id));
      const missing = next.filter((id) => !units.has(id));
      for (const u of await repo.unitsByIds(db, missing)) units.set(u.id, u);
      frontier = next;
    }
  };
  const closed = [...units.values()].filter((u) => u.valid_to !== null).map((u) => u.id);
  await loadSuccessors(closed);

  /** The unit itself when it is active on `d`; when closed by then, its successors (transitively). */
  const holderOn = (unitId: string, d: string, seen = new Set<string>()): string[] => {
    const u = units.get(unitId);
    if (!u || seen.has(unitId)) return [];
    seen.add(unitId);
    if (activeOn(u, d)) return [u.id];
    if (u.valid_to === null || u.valid_to > d) return []; // not yet open
    return (successors.get(unitId) ?? []).flatMap((s) => holderOn(s.successor_id, d, seen));
  };

  const byTask = new Map<string, typeof assignments>();
  for (const a of assignments) {
    const list = byTask.get(a.task_id) ?? [];
    list.push(a);
    byTask.set(a.task_id, list);
  }

  /** Who owes a report on a task for a period, judged on day `d`, with their role (lead first). */
  const owedOn = (taskAssignments: typeof assignments, d: string): Map<string, 'lead' | 'coordinate'> => {
    const out = new Map<string, 'lead' | 'coordinate'>();
    const add = (unitId: string, role: 'lead' | 'coordinate') => {
      if (out.get(unitId) !== 'lead') out.set(unitId, role);
    };
    const selectors = new Map<string, typeof assignments>();
    for (const a of taskAssignments) {
      const role = obligationRole(a.role);
      if (!role) continue;
      if (a.selector) {
        const list = selectors.get(a.selector) ?? [];
        list.push(a);
        selectors.set(a.selector, list);
      } else if (a.unit_id) {
        for (const id of holderOn(a.unit_id, d)) add(id, role);
      }
    }
    for (const [phrase, rows] of selectors) {
      const role = obligationRole(rows[0]?.role ?? 'lead') ?? 'lead';
      // A selector stays a rule: expanded against the directory as it is on the day.
      const cacheKey = `${phrase}|${d}`;
      let match = expansions.get(cacheKey);
      if (match === undefined) {
        match = areaUnit ? matchSelector(phrase, pool, { area: areaUnit, date: d }) : null;
        expansions.set(cacheKey, match);
      }
      if (match) for (const u of match.units) add(u.id, role);
      else for (const a of rows) if (a.unit_id) for (const id of holderOn(a.unit_id, d)) add(id, role);
    }
    return out;
  };

  // A deadline depends only on the regime, the period and the level: computed once each.
  const deadlines = new Map<string, string>();
  const deadlineOf = (regime: Regime, period: Period, level: string) => {
    const k = `${JSON.stringify(regime)}|${period.key}|${level}`;
    let due = deadlines.get(k);
    if (due === undefined) {
      due = deadlineFor(regime, period, level, calendar);
      deadlines.set(k, due);
    }
    return due;
  };
  const levels = new Map<string, string>();
  const levelOf = (regime: Regime, unitLevel: string) => {
    const k = `${regime.levels.join(',')}|${unitLevel}`;
    let level = levels.get(k);
    if (level === undefined) {
      level = regimeLevel(regime, unitLevel, ranks);
      levels.set(k, level);
    }
    return level;
  };
  const wanted = new Map<string, repo.NewObligation>();
  // A figures obligation shares the plan line's (null task, unit, period): its key says "figures".
  const keyOf = (taskId: string | null, unitId: string, periodKey: string, role?: string) =>
    `${taskId ?? (role === 'figures' ? 'figures' : '-')}|${unitId}|${periodKey}`;
  const want = (
    taskId: string | null,
    unitId: string,
    role: repo.NewObligation['role'],
    period: ReturnType<typeof periodsOf>[number],
  ) => {
    const unit = units.get(unitId);
    if (!unit) return;
    const level = levelOf(period.regime, unit.level);
    wanted.set(keyOf(taskId, unitId, period.period.key), {
      plan_id: planId,
      task_id: taskId,
      unit_id: unitId,
      role,
      period_key: period.period.key,
      period_start: period.period.windowStart,
      period_end: period.period.windowEnd,
      level,
      due_on: deadlineOf(period.regime, period.period, level),
    });
  };

  for (const task of tasks) {
    if (task.status === 'cancelled') continue;
    const segments = taskSegments(
      plan.regime as StoredRegime | null,
      task.regime as StoredRegime | null,
      task.recurrence,
    );
    for (const p of periodsOf(segments, spanFrom, spanUntil ?? null, today)) {
      if (!open(p.period) || (ended && p.period.windowEnd >= ended)) continue;
      const d = p.period.windowEnd < today ? p.period.windowEnd : today;
      for (const [unitId, role] of owedOn(byTask.get(task.id) ?? [], d)) want(task.id, unitId, role, p);
    }
  }
  // The plan's own reporting line: the owner owes its report to the unit above, every period.
  if (reportsTo) {
    for (const p of periodsOf(planSegments(plan.regime as StoredRegime | null), spanFrom, spanUntil ?? null, today)) {
      if (!open(p.period) || (ended && p.period.windowEnd >= ended)) continue;
      const d = p.period.windowEnd < today ? p.period.windowEnd : today;
      for (const unitId of holderOn(plan.owner_unit_id, d)) want(null, unitId, 'plan', p);
    }
  }

  // Figures (docs/indicators.md "Approval"): the units of the territory that type the collected
  // figures owe them every period of the collection, reviewed by the level above.
  if (figures) {
    const kinds = await figuresKinds(db, figures);
    const regime = defaultRegime(figures.frequency, 'decree09');
    const first = periodByKey(
      regime,
      figures.frequency === 'annual' ? `${figures.from_year}` : `${figures.from_year}-H1`,
    );
    const from = first.windowStart < earliest ? earliest : first.windowStart;
    const figuresOpen = (p: Period) => figuresLast === null || p.windowStart > figuresLast || p.windowEnd >= on;
    const owner = units.get(plan.owner_unit_id);
    const ownerRank = owner ? ranks.get(owner.level) : undefined;
    const segment = [{ regime, from: null, until: null }];
    for (const p of periodsOf(segment, from, spanUntil ?? null, today)) {
      if (!figuresOpen(p.period) || (ended && p.period.windowEnd >= ended)) continue;
      if (!owner || ownerRank === undefined) break;
      const d = p.period.windowEnd < today ? p.period.windowEnd : today;
      for (const u of territory) {
        if (!kinds.has(u.kind) || !activeOn(u, d)) continue;
        const rank = ranks.get(u.level);
        if (rank === undefined || rank < ownerRank) continue;
        const reviewer = rank > ownerRank ? owner.id : reportsTo;
        if (!reviewer || reviewer === u.id) continue;
        const level = levelOf(regime, u.level);
        wanted.set(keyOf(null, u.id, p.period.key, 'figures'), {
          plan_id: planId,
          task_id: null,
          unit_id: u.id,
          role: 'figures',
          period_key: p.period.key,
          period_start: p.period.windowStart,
          period_end: p.period.windowEnd,
          level,
          due_on: deadlineOf(regime, p.period, level),
          reviewer_unit_id: reviewer,
        });
      }
    }
  }

  const have = new Set(existing.map((r) => keyOf(r.task_id, r.unit_id, r.period_key, r.role)));
  const inserts = [...wanted.entries()].filter(([k]) => !have.has(k)).map(([, row]) => row);
  const created = await repo.insertObligations(db, inserts);

  // Rows that no longer apply, from the change's date on; earlier periods are history.
  const endings = new Map<string, string[]>();
  for (const r of existing) {
    if (r.ended_on !== null) continue;
    let endOn: string | null = null;
    if (ended && r.period_end >= ended) endOn = ended;
    else if (r.period_end >= on && !wanted.has(keyOf(r.task_id, r.unit_id, r.period_key, r.role))) {
      const u = units.get(r.unit_id);
      endOn = u?.valid_to && u.valid_to <= r.period_end ? u.valid_to : on;
      if (endOn < r.period_start) endOn = r.period_start;
    }
    if (endOn) endings.set(endOn, [...(endings.get(endOn) ?? []), r.id]);
  }
  let endedCount = 0;
  for (const [date, ids] of endings) endedCount += await repo.endObligations(db, ids, date);
  return { created, ended: endedCount };
}

/**
 * The unit kinds that owe a collection's figures: those that type (not computed) at least one
 * element, of the collection's frequency, that its indicators read (no codes: every indicator).
 */
async function figuresKinds(
  db: Db,
  figures: { frequency: 'annual' | 'semiannual'; indicator_codes: string[] },
): Promise<Set<string>> {
  const catalogue = await loadCatalogue(db);
  const wantedCodes = new Set(figures.indicator_codes);
  const codes = new Set<string>();
  for (const i of catalogue.indicators) {
    if (wantedCodes.size > 0 && !wantedCodes.has(i.code)) continue;
    for (const c of elementsOf(i.numerator)) codes.add(c);
    if (i.denominator) for (const c of elementsOf(i.denominator)) codes.add(c);
  }
  const kinds = new Set<string>();
  for (const code of codes) {
    const e = catalogue.elementsByCode.get(code);
    if (!e || e.computed !== null || e.frequency !== figures.frequency) continue;
    for (const k of e.reporterKinds) kinds.add(k);
  }
  return kinds;
}

/** Every plan, as of `today`: what the daily job and the demo call. */
export async function syncAllPlans(db: Db, today: string, on: string = today): Promise<SyncResult> {
  const total = { created: 0, ended: 0 };
  for (const id of await repo.planIds(db)) {
    const r = await syncPlan(db, id, today, on);
    total.created += r.created;
    total.ended += r.ended;
  }
  return total;
}

/** The day the change handlers take as "today" (set from the app's clock by the manifest). */
let handlerToday: () => string = () => systemClock.today();
export function setHandlerClock(today: () => string): void {
  handlerToday = today;
}

export async function onPlanChanged(db: Db, change: PlanChange): Promise<void> {
  await syncPlan(db, change.planId, handlerToday(), change.on);
}

/**
 * A unit created, moved, closed or merged: the plans it can concern (territory, assignments,
 * owner, reporting line) are synced from the change's date.
 */
export async function onDirectoryChanged(db: Db, change: DirectoryChange): Promise<void> {
  const today = handlerToday();
  for (const id of await repo.plansConcerning(db, change.unitIds)) await syncPlan(db, id, today, change.on);
}
