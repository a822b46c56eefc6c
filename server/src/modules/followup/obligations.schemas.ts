import { z } from 'zod';
import { IsoDate, Uuid } from '../../platform/schemas.js';
import { STATES } from './obligations.repository.js';
import { FREQUENCIES } from './periods.js';

const LevelCode = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9_]+$/);
const Deadline = z.union([
  z.strictObject({ afterCutoff: z.number().int().min(0).max(366) }),
  z.strictObject({ dayOfMonth: z.number().int().min(1).max(28) }),
]);

/** A reporting regime (followup/periods.ts `Regime`); its rules are checked by `validateRegime`. */
export const RegimeBody = z.strictObject({
  frequency: z.enum(FREQUENCIES as unknown as [string, ...string[]]),
  window: z.enum(['decree09', 'calendar']),
  levels: z.array(LevelCode).min(1).max(10),
  deadlines: z.record(LevelCode, Deadline),
  date: IsoDate.optional(),
});

const RegimeOut = z.object({
  frequency: z.string(),
  window: z.string(),
  levels: z.array(z.string()),
  deadlines: z.record(
    z.string(),
    z.union([z.object({ afterCutoff: z.number() }), z.object({ dayOfMonth: z.number() })]),
  ),
  date: z.string().optional(),
});

/** One regime of a history: what it is and the first day it applies from (null: from the start). */
const RegimeStep = z.object({ regime: RegimeOut, from: z.string().nullable() });

export const PlanRegimeParams = z.object({ id: Uuid });
export const TaskRegimeParams = z.object({ id: Uuid, taskId: Uuid });

export const PlanRegime = z.object({
  planId: Uuid,
  /** The regime in force for periods starting from now on (the default when none is set). */
  regime: RegimeOut,
  /** True when the plan sets no regime of its own (the default of docs/followup.md applies). */
  isDefault: z.boolean(),
  /** Every regime that applied, oldest first (a change applies from its first period not yet started). */
  history: z.array(RegimeStep),
  reportsTo: z.object({ id: Uuid, name: z.string() }).nullable(),
  reportingFrom: z.string().nullable(),
  reportingUntil: z.string().nullable(),
  version: z.number().int(),
  actions: z.array(z.string()),
});

export const PlanRegimeUpdate = z.strictObject({
  /** null: back to the default (from the next period not yet started). Absent: unchanged. */
  regime: RegimeBody.nullable().optional(),
  reportsToUnitId: Uuid.nullable().optional(),
  reportingFrom: IsoDate.nullable().optional(),
  reportingUntil: IsoDate.nullable().optional(),
  /** The version the edit was made from; without it the edit applies to the latest row (locked). */
  version: z.number().int().min(1).optional(),
});

export const TaskRegime = z.object({
  planId: Uuid,
  taskId: Uuid,
  regime: RegimeOut,
  /** True when the task follows the plan's regime. */
  inherited: z.boolean(),
  history: z.array(RegimeStep),
  version: z.number().int(),
  actions: z.array(z.string()),
});

export const TaskRegimeUpdate = z.strictObject({
  /** null: follow the plan's regime again (from the next period not yet started). */
  regime: RegimeBody.nullable(),
  version: z.number().int().min(1).optional(),
});

export const OwedQuery = z.object({
  state: z.enum(STATES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const Obligation = z.object({
  id: Uuid,
  planId: Uuid,
  planSymbol: z.string().nullable(),
  planTitle: z.string(),
  task: z.object({ id: Uuid, label: z.string(), text: z.string().nullable() }).nullable(),
  unit: z.object({ id: Uuid, name: z.string() }),
  role: z.string(),
  period: z.object({ key: z.string(), labelVi: z.string(), labelEn: z.string(), start: z.string(), end: z.string() }),
  level: z.string(),
  dueOn: z.string(),
  extendedDueOn: z.string().nullable(),
  /** The deadline that counts now: the granted extension, or the deadline. */
  effectiveDueOn: z.string(),
  overdue: z.boolean(),
  state: z.enum(STATES),
  /** The report's review state, or `none` when no report was started. */
  reportState: z.enum(['none', 'draft', 'submitted', 'returned', 'accepted']),
  reportStatus: z.string().nullable(),
  /** The reviewer's comment when the report was returned. */
  returnedComment: z.string().nullable(),
});

/** "Issue your own implementing plan": a document a unit must answer and has not. */
export const PlanToIssue = z.object({
  document: z.object({ id: Uuid, symbol: z.string().nullable(), title: z.string(), issuedOn: z.string().nullable() }),
  unit: z.object({ id: Uuid, name: z.string() }),
  status: z.enum(['missing', 'overdue']),
  dueOn: z.string().nullable(),
});

export const OwedPage = z.object({
  units: z.array(z.object({ id: Uuid, name: z.string() })),
  items: z.array(Obligation),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  plansToIssue: z.array(PlanToIssue),
});

export const HomeQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const Home = z.object({
  counts: z.object(
    Object.fromEntries(STATES.map((s) => [s, z.number().int()])) as Record<(typeof STATES)[number], z.ZodNumber>,
  ),
  /** Obligations still owed (due, overdue, returned) across the scope, most urgent first. */
  urgent: z.array(Obligation),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
