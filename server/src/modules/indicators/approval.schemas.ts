import { z } from 'zod';
import { SafeString, Uuid } from '../../platform/schemas.js';

/** Request and answer shapes of approval (docs/indicators.md "Approval"). */

export const PlanParams = z.object({ id: Uuid });

const IndicatorCode = SafeString.min(1).max(40);
const Frequency = z.enum(['annual', 'semiannual']);

export const FiguresCollection = z.object({
  planId: Uuid,
  /** False: the plan collects no figures (the other fields are the defaults a first PUT would use). */
  collects: z.boolean(),
  frequency: Frequency,
  fromYear: z.number().int(),
  /** Empty: every indicator of the catalogue. */
  indicatorCodes: z.array(z.string()),
  lockAfterDays: z.number().int(),
  /** 0 while the plan collects nothing. */
  version: z.number().int(),
  actions: z.array(z.string()),
});

export const FiguresCollectionUpdate = z.strictObject({
  frequency: Frequency,
  fromYear: z.number().int().min(2000).max(2100),
  indicatorCodes: z.array(IndicatorCode).max(200),
  lockAfterDays: z.number().int().min(0).max(3650),
  /** The version read (0: the plan collected nothing yet). */
  version: z.number().int().min(0).max(2_147_483_647),
});

export const FormParams = z.object({
  unitId: Uuid,
  periodKey: SafeString.min(4).max(20),
});

const PendingUnit = z.object({ obligationId: Uuid, unitId: Uuid, unitName: z.string(), state: z.string() });

export const FiguresApproval = z.object({
  unitId: Uuid,
  periodKey: z.string(),
  /** null: the unit owes no figures for the period (nothing to submit or review). */
  obligation: z
    .object({
      id: Uuid,
      planId: Uuid,
      planTitle: z.string(),
      dueOn: z.string(),
      extendedDueOn: z.string().nullable(),
      reviewerUnitId: Uuid,
      reviewerUnitName: z.string(),
      /** draft | submitted | returned | accepted */
      reviewState: z.string(),
      reviewComment: z.string().nullable(),
      submittedAt: z.string().nullable(),
      reviewedAt: z.string().nullable(),
      /** The report version the submit / accept / return routes take. */
      version: z.number().int(),
    })
    .nullable(),
  /** What a submission would be refused for (the form's own validation). */
  readiness: z.object({ errors: z.number().int(), warnings: z.number().int(), missing: z.number().int() }),
  /** Figures of units below this unit's level in its territory not yet accepted. */
  childrenPending: z.object({ count: z.number().int(), units: z.array(PendingUnit) }),
  /** report.submit, report.review when allowed now. */
  actions: z.array(z.string()),
});

export const ReviewQuery = z.object({ period: SafeString.max(20).optional() });

export const ReviewQueue = z.object({
  /** Periods with figures the caller's levels receive, latest first. */
  periods: z.array(z.string()),
  period: z.string().nullable(),
  counts: z.object({
    draft: z.number().int(),
    submitted: z.number().int(),
    returned: z.number().int(),
    accepted: z.number().int(),
  }),
  items: z.array(
    z.object({
      obligationId: Uuid,
      unitId: Uuid,
      unitName: z.string(),
      periodKey: z.string(),
      dueOn: z.string(),
      reviewerUnitName: z.string(),
      reviewState: z.string(),
      overdue: z.boolean(),
      submittedAt: z.string().nullable(),
    }),
  ),
  truncated: z.boolean(),
});
