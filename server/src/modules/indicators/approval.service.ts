import type { Kysely } from 'kysely';
import type { z } from 'zod';
import {
  type Actor,
  authorize,
  type Ctx,
  can,
  type ObligationObject,
  readablePrefixes,
} from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { type Clock, systemClock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import { type GatedObligation, planChanged, type ReviewGate } from '../../platform/plan-events.js';
import { plansPolicy } from '../plans/plans.policy.js';
import * as repo from './approval.repository.js';
import type { FiguresApproval, FiguresCollection, FiguresCollectionUpdate, ReviewQueue } from './approval.schemas.js';
import { indicatorsPolicy } from './indicators.policy.js';
import { validateForm } from './validate.js';
import { figuresPeriod, ValuesService } from './values.service.js';

type Db = Kysely<Database>;

/**
 * Approval (docs/indicators.md "Approval"): a plan collects figures (its `figures_collection`);
 * the follow-through's sync makes one `figures` obligation per unit and period; the unit head
 * submits and the level above accepts or returns through the follow-through's review routes,
 * behind the two gates below.
 */

/** How many units a refusal names. */
const NAMED = 5;
/** The most rows a review queue answers. */
export const QUEUE_LIMIT = 500;

const obligationObject = (o: { unit_path: string; reviewer_path: string }): ObligationObject => ({
  type: 'obligation',
  unitPath: o.unit_path,
  reviewerPath: o.reviewer_path,
});

/** The form's problems a submission is refused for: errors, unexplained warnings, missing cells. */
async function readiness(db: Db, unitId: string, periodKey: string) {
  const state = await new ValuesService(db).formState(db, unitId, periodKey);
  const v = validateForm(state.catalogue, state.elements, state.cells, state.previous);
  return {
    errors: v.errors.length,
    warnings: v.warnings.filter((w) => !w.explained).length,
    missing: v.missing.length,
    validation: v,
  };
}

async function pendingBelow(db: Db, unitId: string, periodKey: string, limit = NAMED) {
  const place = await repo.unitPlace(db, unitId);
  if (!place) return { rows: [], count: 0 };
  return repo.childrenPending(db, place.area_path, place.rank, periodKey, limit);
}

/** The review gates of `figures` obligations (manifest `reviewGates`, platform/plan-events.ts). */
export const figuresGate: ReviewGate = {
  role: 'figures',
  async beforeSubmit(db, o: GatedObligation) {
    const r = await readiness(db, o.unitId, o.periodKey);
    if (r.errors + r.warnings + r.missing > 0) {
      throw new AppError(
        409,
        'figures_incomplete',
        { errors: r.errors, warnings: r.warnings, missing: r.missing },
        { validation: r.validation },
      );
    }
  },
  async beforeAccept(db, o: GatedObligation) {
    const pending = await pendingBelow(db, o.unitId, o.periodKey);
    if (pending.count > 0) {
      const names = pending.rows.map((r) => r.unit_name).join(', ');
      throw new AppError(
        409,
        'figures_children_pending',
        { count: pending.count, units: pending.count > pending.rows.length ? `${names}, …` : names },
        { pending: pending.rows.map((r) => ({ unitId: r.unit_id, unitName: r.unit_name, state: r.state })) },
      );
    }
  },
};

export class ApprovalService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {}

  private present(
    actor: Actor,
    planId: string,
    plan: { owner_path: string; scope_path: string; status: string },
    row: repo.CollectionRow | undefined,
  ): z.infer<typeof FiguresCollection> {
    const actions = plansPolicy
      .actions(actor, { ownerPath: plan.owner_path, scopePath: plan.scope_path }, plan.status)
      .filter((a) => a === 'plan.manage');
    return {
      planId,
      collects: row !== undefined,
      frequency: row?.frequency ?? 'annual',
      fromYear: row?.from_year ?? Number(this.clock.today().slice(0, 4)),
      indicatorCodes: row?.indicator_codes ?? [],
      lockAfterDays: row?.lock_after_days ?? 30,
      version: row?.version ?? 0,
      actions,
    };
  }

  async collection(actor: Actor, planId: string): Promise<z.infer<typeof FiguresCollection>> {
    const plan = await repo.planPlaced(this.db, planId);
    if (!plan) throw notFound('plan');
    plansPolicy.assertCanRead(actor, { ownerPath: plan.owner_path, scopePath: plan.scope_path });
    return this.present(actor, planId, plan, await repo.collectionOf(this.db, planId));
  }

  /** Sets what the plan collects; the obligations follow from today (earlier periods are history). */
  async setCollection(
    ctx: Ctx,
    planId: string,
    input: z.infer<typeof FiguresCollectionUpdate>,
  ): Promise<z.infer<typeof FiguresCollection>> {
    return this.db.transaction().execute(async (trx) => {
      const plan = await repo.planPlaced(trx, planId, true);
      if (!plan) throw notFound('plan');
      plansPolicy.assertCanManage(ctx.actor, { ownerPath: plan.owner_path, scopePath: plan.scope_path });
      if (plan.status !== 'active') throw new AppError(409, 'plan_ended');
      const codes = [...new Set(input.indicatorCodes)];
      const known = await repo.knownIndicatorCodes(trx, codes);
      const unknown = codes.find((c) => !known.has(c));
      if (unknown !== undefined) throw new AppError(400, 'figures_indicator_unknown', { code: unknown.slice(0, 40) });
      const before = await repo.collectionOf(trx, planId);
      const stale = () =>
        new AppError(
          409,
          'stale_version',
          { entity: 'figures_collection', current: before?.version ?? 0, given: input.version },
          { current: this.present(ctx.actor, planId, plan, before) },
        );
      if ((before?.version ?? 0) !== input.version) throw stale();
      const w: repo.CollectionWrite = {
        frequency: input.frequency,
        from_year: input.fromYear,
        indicator_codes: codes,
        lock_after_days: input.lockAfterDays,
      };
      const done = before
        ? await repo.updateCollection(trx, planId, before.version, w)
        : await repo.insertCollection(trx, planId, w);
      if (!done) throw stale();
      await recordAudit(trx, ctx, {
        action: 'indicator.collection',
        entityType: 'plan',
        entityId: planId,
        before: before
          ? {
              frequency: before.frequency,
              from_year: before.from_year,
              indicator_codes: before.indicator_codes,
              lock_after_days: before.lock_after_days,
            }
          : null,
        after: w,
      });
      await planChanged(trx, { planId, on: this.clock.today() });
      return this.present(ctx.actor, planId, plan, await repo.collectionOf(trx, planId));
    });
  }

  /** The approval state of a unit's figures for a period: what the form's review bar shows. */
  async approval(actor: Actor, unitId: string, periodKey: string): Promise<z.infer<typeof FiguresApproval>> {
    figuresPeriod(periodKey);
    const place = await repo.unitPlace(this.db, unitId);
    if (!place) throw notFound('unit');
    const o = await repo.figuresObligationOf(this.db, unitId, periodKey);
    if (o) authorize(actor, 'report.read', obligationObject(o));
    else indicatorsPolicy.assertCanRead(actor, place.path);
    const [r, pending] = await Promise.all([
      readiness(this.db, unitId, periodKey),
      repo.childrenPending(this.db, place.area_path, place.rank, periodKey, 50),
    ]);
    const actions: string[] = [];
    if (o) {
      const owed = o.ended_on === null || o.ended_on > o.period_end;
      const editable = owed && (o.review_state === 'draft' || o.review_state === 'returned');
      if (editable && can(actor, 'report.submit', obligationObject(o))) actions.push('report.submit');
      if (o.review_state === 'submitted' && can(actor, 'report.review', obligationObject(o))) {
        actions.push('report.review');
      }
    }
    return {
      unitId,
      periodKey,
      obligation: o
        ? {
            id: o.id,
            planId: o.plan_id,
            planTitle: o.plan_title,
            dueOn: o.due_on,
            extendedDueOn: o.extended_due_on,
            reviewerUnitId: o.reviewer_unit_id,
            reviewerUnitName: o.reviewer_unit_name,
            reviewState: o.review_state,
            reviewComment: o.review_comment,
            submittedAt: o.submitted_at ? new Date(o.submitted_at).toISOString() : null,
            reviewedAt: o.reviewed_at ? new Date(o.reviewed_at).toISOString() : null,
            version: o.report_version,
          }
        : null,
      readiness: { errors: r.errors, warnings: r.warnings, missing: r.missing },
      childrenPending: {
        count: pending.count,
        units: pending.rows.map((p) => ({
          obligationId: p.id,
          unitId: p.unit_id,
          unitName: p.unit_name,
          state: p.state,
        })),
      },
      actions,
    };
  }

  /** Figures the caller's levels receive, by period: those awaiting review first. */
  async queue(actor: Actor, period: string | undefined): Promise<z.infer<typeof ReviewQueue>> {
    if (period) figuresPeriod(period);
    const prefixes = readablePrefixes(actor);
    const periods = await repo.reviewPeriods(this.db, prefixes);
    const chosen = period ?? periods[0] ?? null;
    const rows = chosen ? await repo.figuresToReview(this.db, prefixes, chosen, QUEUE_LIMIT + 1) : [];
    const mine = rows.filter((r) => can(actor, 'report.review', obligationObject(r)));
    const today = this.clock.today();
    const counts = { draft: 0, submitted: 0, returned: 0, accepted: 0 };
    for (const r of mine.slice(0, QUEUE_LIMIT)) {
      const k = r.review_state as keyof typeof counts;
      if (k in counts) counts[k]++;
    }
    return {
      periods,
      period: chosen,
      counts,
      items: mine.slice(0, QUEUE_LIMIT).map((r) => ({
        obligationId: r.id,
        unitId: r.unit_id,
        unitName: r.unit_name,
        periodKey: r.period_key,
        dueOn: r.extended_due_on ?? r.due_on,
        reviewerUnitName: r.reviewer_unit_name,
        reviewState: r.review_state,
        overdue:
          (r.review_state === 'draft' || r.review_state === 'returned') && today > (r.extended_due_on ?? r.due_on),
        submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
      })),
      truncated: rows.length > QUEUE_LIMIT,
    };
  }
}
