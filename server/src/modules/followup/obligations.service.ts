import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Actor, Ctx } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { type Clock, systemClock } from '../../platform/clock.js';
import { staleVersion } from '../../platform/db/conflicts.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import { planChanged } from '../../platform/plan-events.js';
import { addDays } from '../documents/cascade.js';
import { DocumentsService } from '../documents/documents.service.js';
import { obligationsPolicy as policy } from './obligations.policy.js';
import * as repo from './obligations.repository.js';
import {
  bareRegime,
  changeRegime,
  defaultRegimeFor,
  periodLabel,
  type RegimeSegment,
  type StoredRegime,
  segmentsOf,
} from './obligations.rule.js';
import type {
  HomeQuery,
  Obligation,
  OwedQuery,
  PlanRegimeUpdate,
  PlanToIssue,
  TaskRegimeUpdate,
} from './obligations.schemas.js';
import { planSegments } from './obligations.sync.js';
import { PeriodError, type Regime, validateRegime } from './periods.js';

type Db = Kysely<Database>;
type OwedRow = Awaited<ReturnType<typeof repo.owedPage>>[number];

const history = (segments: RegimeSegment[]) => segments.map((s) => ({ regime: s.regime, from: s.from }));
const current = (segments: RegimeSegment[]) => (segments.at(-1) as RegimeSegment).regime;
const sameRegime = (a: Regime, b: Regime) => JSON.stringify(bareRegime(a)) === JSON.stringify(bareRegime(b));

export function presentObligation(r: OwedRow, today: string): z.infer<typeof Obligation> {
  const effective = r.extended_due_on ?? r.due_on;
  return {
    id: r.id,
    planId: r.plan_id,
    planSymbol: r.plan_symbol,
    planTitle: r.plan_title,
    task: r.task_id ? { id: r.task_id, label: r.task_label ?? '', text: r.task_text ?? null } : null,
    unit: { id: r.unit_id, name: r.unit_name },
    role: r.role,
    period: {
      key: r.period_key,
      labelVi: periodLabel(r.period_key).vi,
      labelEn: periodLabel(r.period_key).en,
      start: r.period_start,
      end: r.period_end,
    },
    level: r.level,
    dueOn: r.due_on,
    extendedDueOn: r.extended_due_on,
    effectiveDueOn: effective,
    overdue: r.state === 'overdue' || (r.state === 'returned' && today > effective),
    state: r.state,
    reportState: r.review_state ?? 'none',
    reportStatus: r.report_status ?? null,
    returnedComment: r.review_state === 'returned' ? (r.review_comment ?? null) : null,
  };
}

/**
 * Regime settings of plans and tasks, "what I owe" and a leader's home (docs/followup.md
 * "Obligations"). The obligations themselves are made by obligations.sync.ts.
 */
export class ObligationsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {}

  // ── regime of a plan ──

  private async loadPlan(db: Db, id: string) {
    const plan = await repo.planForUpdate(db, id);
    if (!plan) throw notFound('plan');
    return plan;
  }

  private presentPlan(actor: Actor, plan: Awaited<ReturnType<ObligationsService['loadPlan']>>) {
    const placed = { ownerPath: plan.owner_path, scopePath: plan.scope_path };
    const segments = planSegments(plan.regime as StoredRegime | null);
    return {
      planId: plan.id,
      regime: current(segments),
      isDefault: plan.regime === null,
      history: history(segments),
      reportsTo:
        plan.reports_to_unit_id && plan.reports_to_name
          ? { id: plan.reports_to_unit_id, name: plan.reports_to_name }
          : null,
      reportingFrom: plan.reporting_from,
      reportingUntil: plan.reporting_until,
      version: plan.version,
      actions: policy.actions(actor, placed),
    };
  }

  async planRegime(actor: Actor, id: string) {
    return this.db.transaction().execute(async (trx) => {
      const plan = await this.loadPlan(trx, id);
      policy.assertCanRead(actor, { ownerPath: plan.owner_path, scopePath: plan.scope_path });
      return this.presentPlan(actor, plan);
    });
  }

  /** A regime from a request: the rules of periods.ts, and levels the directory knows. */
  private async checkRegime(db: Db, regime: Regime): Promise<void> {
    const [reason] = validateRegime(regime);
    if (reason) throw new AppError(400, 'regime_invalid', { reason: reason.vi, reasonEn: reason.en });
    const ranks = await repo.levelRanks(db);
    const unknown = regime.levels.find((l) => !ranks.has(l));
    if (unknown) {
      throw new AppError(400, 'regime_invalid', {
        reason: `Cấp "${unknown}" không có trong danh mục cấp.`,
        reasonEn: `Level "${unknown}" is not in the list of levels.`,
      });
    }
    const extra = Object.keys(regime.deadlines).find((l) => !regime.levels.includes(l));
    if (extra) {
      throw new AppError(400, 'regime_invalid', {
        reason: `Có hạn cho cấp "${extra}" nhưng cấp này không có trong danh sách cấp.`,
        reasonEn: `A deadline is given for level "${extra}", which is not listed.`,
      });
    }
  }

  private changed(stored: StoredRegime | null, before: Regime, next: Regime): StoredRegime | null {
    if (sameRegime(before, next)) return stored;
    try {
      return changeRegime(stored, before, next, this.clock.today());
    } catch (e) {
      if (e instanceof PeriodError) throw new AppError(400, 'regime_invalid', { reason: e.vi, reasonEn: e.en });
      throw e;
    }
  }

  async updatePlanRegime(ctx: Ctx, id: string, input: z.infer<typeof PlanRegimeUpdate>) {
    return this.db.transaction().execute(async (trx) => {
      const plan = await this.loadPlan(trx, id);
      policy.assertCanManage(ctx.actor, { ownerPath: plan.owner_path, scopePath: plan.scope_path });
      if (input.version !== undefined && input.version !== plan.version) {
        throw staleVersion('plan', input.version, this.presentPlan(ctx.actor, plan));
      }
      const stored = plan.regime as StoredRegime | null;
      let regime = stored;
      if (input.regime !== undefined) {
        const next = (input.regime ?? defaultRegimeFor(null)) as Regime;
        if (input.regime) await this.checkRegime(trx, next);
        regime = this.changed(stored, current(planSegments(stored)), next);
      }
      let reportsTo = plan.reports_to_unit_id;
      if (input.reportsToUnitId !== undefined) {
        reportsTo = input.reportsToUnitId;
        if (reportsTo) {
          const unit = await repo.unitPath(trx, reportsTo);
          if (!unit) throw new AppError(400, 'unknown_reference', { entity: 'unit', value: reportsTo });
          // The plan's report goes up or across, never to its own owner or a unit under it.
          if (unit.path.startsWith(plan.owner_path)) throw new AppError(400, 'reports_to_invalid');
        }
      }
      const from = input.reportingFrom !== undefined ? input.reportingFrom : plan.reporting_from;
      const until = input.reportingUntil !== undefined ? input.reportingUntil : plan.reporting_until;
      if (from && until && until < from) throw new AppError(400, 'invalid_dates');
      const after = {
        regime: regime === null ? null : JSON.stringify(regime),
        reports_to_unit_id: reportsTo,
        reporting_from: from,
        reporting_until: until,
      };
      if (!(await repo.updatePlanReporting(trx, id, plan.version, after))) {
        throw staleVersion('plan', plan.version, this.presentPlan(ctx.actor, plan));
      }
      await recordAudit(trx, ctx, {
        action: 'plan.reporting',
        entityType: 'plan',
        entityId: id,
        before: {
          regime: plan.regime,
          reports_to_unit_id: plan.reports_to_unit_id,
          reporting_from: plan.reporting_from,
          reporting_until: plan.reporting_until,
        },
        after: { ...after, regime },
      });
      await planChanged(trx, { planId: id, on: this.clock.today() });
      return this.presentPlan(ctx.actor, await this.loadPlan(trx, id));
    });
  }

  // ── regime of a task ──

  private async loadTask(db: Db, planId: string, taskId: string) {
    const plan = await this.loadPlan(db, planId);
    const task = await repo.taskForUpdate(db, planId, taskId);
    if (!task) throw notFound('task');
    return { plan, task };
  }

  private presentTask(actor: Actor, loaded: Awaited<ReturnType<ObligationsService['loadTask']>>) {
    const { plan, task } = loaded;
    const planSegs = segmentsOf(plan.regime as StoredRegime | null, [
      { regime: defaultRegimeFor(task.recurrence), from: null, until: null },
    ]);
    const segments = task.regime ? segmentsOf(task.regime as StoredRegime, planSegs) : planSegs;
    return {
      planId: plan.id,
      taskId: task.id,
      regime: current(segments),
      inherited: task.regime === null,
      history: history(segments),
      version: task.version,
      actions: policy.actions(actor, { ownerPath: plan.owner_path, scopePath: plan.scope_path }),
    };
  }

  async taskRegime(actor: Actor, planId: string, taskId: string) {
    return this.db.transaction().execute(async (trx) => {
      const loaded = await this.loadTask(trx, planId, taskId);
      policy.assertCanRead(actor, { ownerPath: loaded.plan.owner_path, scopePath: loaded.plan.scope_path });
      return this.presentTask(actor, loaded);
    });
  }

  async updateTaskRegime(ctx: Ctx, planId: string, taskId: string, input: z.infer<typeof TaskRegimeUpdate>) {
    return this.db.transaction().execute(async (trx) => {
      const loaded = await this.loadTask(trx, planId, taskId);
      const { plan, task } = loaded;
      policy.assertCanManage(ctx.actor, { ownerPath: plan.owner_path, scopePath: plan.scope_path });
      if (input.version !== undefined && input.version !== task.version) {
        throw new AppError(
          409,
          'stale_version',
          { entity: 'task', current: task.version, given: input.version },
          { current: this.presentTask(ctx.actor, loaded) },
        );
      }
      const before = this.presentTask(ctx.actor, loaded).regime as Regime;
      let stored: StoredRegime | null;
      if (input.regime === null) {
        // Back to the plan's regime: the plan's current regime, from the next period not yet started.
        const planNow = current(
          segmentsOf(plan.regime as StoredRegime | null, [
            { regime: defaultRegimeFor(task.recurrence), from: null, until: null },
          ]),
        );
        stored = task.regime === null ? null : this.changed(task.regime as StoredRegime, before, planNow);
      } else {
        await this.checkRegime(trx, input.regime as Regime);
        stored = this.changed(task.regime as StoredRegime | null, before, input.regime as Regime);
      }
      const value = stored === null ? null : JSON.stringify(stored);
      if (!(await repo.updateTaskRegime(trx, taskId, task.version, value))) {
        throw new AppError(409, 'stale_version', { entity: 'task', current: task.version + 1, given: task.version });
      }
      await recordAudit(trx, ctx, {
        action: 'plan_node.regime',
        entityType: 'plan_node',
        entityId: taskId,
        before: { regime: task.regime },
        after: { regime: stored },
      });
      await planChanged(trx, { planId, on: this.clock.today() });
      return this.presentTask(ctx.actor, await this.loadTask(trx, planId, taskId));
    });
  }

  // ── what I owe ──

  /** The units the actor answers for: those a grant carrying reports.write covers, or the home unit. */
  private async owingUnits(actor: Actor) {
    const prefixes = policy.owingPrefixes(actor);
    if (prefixes === null) return { filter: { prefixes: null } as const, units: [] };
    if (prefixes.length > 0) {
      const units = await repo.unitsCovered(this.db, prefixes);
      return { filter: { prefixes }, units, top: prefixes };
    }
    if (!actor.homeUnitId) return { filter: { prefixes: [] as string[] }, units: [] };
    const home = await repo.unitsByIds(this.db, [actor.homeUnitId]);
    return { filter: { prefixes: null, unitIds: [actor.homeUnitId] }, units: home };
  }

  async owed(actor: Actor, query: z.infer<typeof OwedQuery>) {
    const today = this.clock.today();
    const { filter, units } = await this.owingUnits(actor);
    const f: repo.OwedFilter = { ...filter, state: query.state, today };
    const [rows, total] = await Promise.all([
      repo.owedPage(this.db, f, query.limit, query.offset),
      repo.owedCount(this.db, f),
    ]);
    const heads = units.filter((u) => !units.some((o) => o.id !== u.id && u.path.startsWith(o.path)));
    return {
      units: heads.map((u) => ({ id: u.id, name: u.name })),
      items: rows.map((r) => presentObligation(r, today)),
      total,
      limit: query.limit,
      offset: query.offset,
      plansToIssue:
        query.state && query.state !== 'due' && query.state !== 'overdue'
          ? []
          : await this.plansToIssue(actor, units, query.state),
    };
  }

  /**
   * The cascade's "issue your own implementing plan": documents with a plan, issued for an area
   * above one of the actor's units, that expect one of those units to answer and have no answer
   * from it (documents/cascade.ts coverage, computed by the documents module).
   */
  private async plansToIssue(
    actor: Actor,
    units: { id: string; path: string }[],
    state: 'due' | 'overdue' | undefined,
  ): Promise<z.infer<typeof PlanToIssue>[]> {
    if (units.length === 0) return [];
    const mine = new Set(units.map((u) => u.id));
    const areas = new Set<string>();
    for (const u of units) for (const id of u.path.split('/').filter(Boolean)) areas.add(id);
    const documents = await repo.plannedDocumentsAbove(this.db, [...areas]);
    const documentsService = new DocumentsService(this.db, this.clock);
    const out: z.infer<typeof PlanToIssue>[] = [];
    for (const doc of documents) {
      const cover = await documentsService.coverage(actor, doc.id, { limit: 100_000, offset: 0 });
      for (const item of cover.items) {
        if (!mine.has(item.unit.id)) continue;
        if (item.status !== 'missing' && item.status !== 'overdue') continue;
        const status = item.status;
        if (state === 'overdue' && status !== 'overdue') continue;
        if (state === 'due' && status !== 'missing') continue;
        out.push({
          document: { id: doc.id, symbol: doc.symbol, title: doc.title, issuedOn: doc.issued_on },
          unit: item.unit,
          status,
          dueOn: doc.issued_on && cover.dueDays !== null ? addDays(doc.issued_on, cover.dueDays) : null,
        });
      }
    }
    return out.sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
  }

  // ── a leader's home ──

  async home(actor: Actor, query: z.infer<typeof HomeQuery>) {
    const today = this.clock.today();
    const f: repo.OwedFilter = { prefixes: policy.homePrefixes(actor), today };
    const [counts, rows, total] = await Promise.all([
      repo.owedCountsByState(this.db, f),
      repo.owedPage(this.db, f, query.limit, query.offset, true),
      repo.owedCount(this.db, f, true),
    ]);
    return {
      counts,
      urgent: rows.map((r) => presentObligation(r, today)),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }
}

export type { HomeQuery };
