import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../../platform/access.js';
import { type Clock, systemClock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/schema.js';
import { notFound } from '../../platform/errors.js';
import { searchTerms } from '../../platform/text.js';
import { overviewPolicy as policy } from './overview.policy.js';
import * as repo from './overview.repository.js';
import type { OverviewQuery, PlanProgress, ProgressNode } from './overview.schemas.js';
import { rollUp } from './progress.js';

type Query = z.infer<typeof OverviewQuery>;
type PeriodRow = Awaited<ReturnType<typeof repo.periods>>[number];

/** A timestamp as ISO UTC (rows read through JSON carry it as PostgreSQL wrote it, with an offset). */
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function presentPeriod(p: PeriodRow) {
  return {
    key: p.period_key,
    start: p.period_start,
    end: p.period_end,
    firstDueOn: p.first_due_on,
    lastDueOn: p.last_due_on,
    total: p.total,
    submitted: p.submitted,
    accepted: p.accepted,
    overdue: p.overdue,
  };
}

/** The period shown when none is asked: the latest that has started, else the first. */
export function currentPeriod<P extends { period_start: string }>(periods: P[], today: string): P | null {
  const started = periods.filter((p) => p.period_start <= today);
  return started.at(-1) ?? periods[0] ?? null;
}

const emptyCounts = () => ({
  total: 0,
  units: 0,
  overdue: 0,
  returned: 0,
  submitted: 0,
  not_due: 0,
  cannot_do: 0,
  accepted: 0,
  late: 0,
  lateOriginal: 0,
});

export class OverviewService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
  ) {}

  private async place(actor: Actor, planId: string) {
    const plan = await repo.findPlanPlace(this.db, planId);
    if (!plan) throw notFound('plan');
    policy.assertCanRead(actor, plan);
    return { plan, scope: policy.scope(actor, plan) };
  }

  /** The periods in which the plan has obligations the viewer reads (the period selector). */
  async periods(actor: Actor, planId: string) {
    const { scope } = await this.place(actor, planId);
    const today = this.clock.today();
    const rows = await repo.periods(this.db, planId, scope, today);
    return { items: rows.map(presentPeriod), current: currentPeriod(rows, today)?.period_key ?? null };
  }

  /**
   * Per plan and period: counts by state and by level, and one page of obligations with each
   * unit's on-time rate over the plan's periods so far (W21-QL01). docs/followup.md "Overview".
   */
  async overview(actor: Actor, planId: string, query: Query) {
    const { scope } = await this.place(actor, planId);
    const today = this.clock.today();
    let parent: { id: string; name: string } | null = null;
    if (query.parent) {
      const unit = await repo.findUnit(this.db, query.parent);
      if (!unit) throw notFound('unit');
      policy.assertCanReadUnit(actor, unit.path);
      scope.under = unit.path;
      parent = { id: unit.id, name: unit.name };
    }
    if (query.task && !(await repo.findTask(this.db, planId, query.task))) throw notFound('task');
    const period = await this.period(planId, query.period, today);
    const base = { planId, today, parent, limit: query.limit, offset: query.offset };
    if (!period) return { ...base, period: null, counts: emptyCounts(), byLevel: [], items: [], total: 0 };

    const key = period.period_key;
    const filter: repo.Filter = {
      level: query.level,
      state: query.state,
      taskId: query.task,
      terms: query.q ? searchTerms(query.q) : [],
    };
    const order = { sort: query.sort, desc: query.order === 'desc', limit: query.limit, offset: query.offset };
    const [{ counts: cells, units, page: rows }, levelRows] = await Promise.all([
      repo.overview(this.db, planId, key, scope, filter, today, order),
      repo.levels(this.db),
    ]);
    const unitIds = [...new Set(rows.map((r) => r.unit_id))];
    const rates = new Map((await repo.ratesOf(this.db, planId, scope, today, unitIds)).map((r) => [r.unit_id, r]));

    const names = new Map(levelRows.map((l) => [l.code, l]));
    type LevelCounts = ReturnType<typeof emptyCounts> & { level: string; name: string; nameEn: string; rank: number };
    const counts = emptyCounts();
    const levels = new Map<string, LevelCounts>();
    for (const c of cells) {
      let l = levels.get(c.level);
      if (!l) {
        const n = names.get(c.level);
        l = {
          ...emptyCounts(),
          level: c.level,
          name: n?.name_vi ?? c.level,
          nameEn: n?.name_en ?? c.level,
          rank: n?.rank ?? 99,
        };
        levels.set(c.level, l);
      }
      for (const target of [counts, l]) {
        target.total += c.n;
        target[c.state as repo.State] += c.n;
        target.late += c.late;
        target.lateOriginal += c.late_original;
      }
    }
    for (const u of units) {
      const l = levels.get(u.level);
      if (l) l.units = u.units;
      counts.units += u.units; // a unit has one level, so the levels' units add up
    }
    return {
      ...base,
      period: {
        key,
        start: period.period_start,
        end: period.period_end,
        firstDueOn: period.first_due_on,
        lastDueOn: period.last_due_on,
      },
      counts,
      byLevel: [...levels.values()].sort((a, b) => a.rank - b.rank).map(({ rank: _, ...l }) => l),
      items: rows.map((r) => {
        const rate = rates.get(r.unit_id);
        const expected = rate?.expected ?? 0;
        const onTime = rate?.on_time ?? 0;
        return {
          obligationId: r.id,
          unit: { id: r.unit_id, name: r.unit_name },
          parent: r.parent_id && r.parent_name ? { id: r.parent_id, name: r.parent_name } : null,
          level: r.level,
          task: r.task_id ? { id: r.task_id, label: r.task_label ?? '', title: r.task_title ?? r.task_text } : null,
          role: r.role,
          state: r.state as repo.State,
          late: Boolean(r.late),
          lateOriginal: Boolean(r.late_original),
          dueOn: r.due_on,
          extendedDueOn: r.extended_due_on,
          firstSubmittedAt: iso(r.first_submitted_at),
          reviewState: r.review_state,
          reportStatus: r.report_status,
          progress: r.progress,
          onTime: {
            expected,
            onTime,
            onTimeOriginal: rate?.on_time_original ?? 0,
            rate: expected > 0 ? onTime / expected : null,
          },
        };
      }),
      total: counts.total, // the counts carry the same filters as the page
    };
  }

  /** The asked period (404 when the plan has none of that key), or the current one. */
  private async period(planId: string, key: string | undefined, today: string) {
    if (key !== undefined) {
      const [row] = await repo.periodDates(this.db, planId, key);
      if (!row) throw notFound('period');
      return row;
    }
    return currentPeriod(await repo.periodDates(this.db, planId), today);
  }

  /** A task's state across its units, a section's and the plan's across their tasks (progress.ts). */
  async progress(actor: Actor, planId: string, period: string | undefined): Promise<z.infer<typeof PlanProgress>> {
    const { scope } = await this.place(actor, planId);
    const today = this.clock.today();
    const chosen = await this.period(planId, period, today);
    const [nodes, counts] = await Promise.all([
      repo.nodesOf(this.db, planId),
      chosen ? repo.taskCounts(this.db, planId, chosen.period_key, scope, today) : Promise.resolve([]),
    ]);
    const { plan, nodes: rolled } = rollUp(nodes, counts);
    return {
      planId,
      period: chosen?.period_key ?? null,
      plan,
      nodes: rolled satisfies z.infer<typeof ProgressNode>[],
    };
  }
}
