import { z } from 'zod';
import { Uuid } from '../../platform/schemas.js';
import { STATES } from './overview.repository.js';

const Text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => !v.includes('\u0000'), { message: 'NUL' });

/** A period key as the followup module writes it ("2026-Q1", "2026-03", "2026", "once"…). */
export const PeriodKey = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[0-9A-Za-z._-]+$/);

export const OVERVIEW_STATES = [...STATES, 'late', 'on_time'] as const;
export const SORTS = ['name', 'deadline', 'state', 'rate'] as const;

export const OverviewQuery = z
  .object({
    period: PeriodKey.optional(),
    level: Text(40).optional(),
    state: z.enum(OVERVIEW_STATES).optional(),
    task: Uuid.optional(),
    /** Only units inside this unit (a province drills down to one district's communes). */
    parent: Uuid.optional(),
    q: Text(200).optional(),
    sort: z.enum(SORTS).default('state'),
    order: z.enum(['asc', 'desc']).default('asc'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();

export const PeriodQuery = z.object({ period: PeriodKey.optional() }).strict();

const StateCounts = z.object({
  total: z.number().int(),
  units: z.number().int(),
  overdue: z.number().int(),
  returned: z.number().int(),
  submitted: z.number().int(),
  not_due: z.number().int(),
  cannot_do: z.number().int(),
  accepted: z.number().int(),
  /** Among the submitted ones (any state): first submitted after the granted deadline. */
  late: z.number().int(),
  /** …after the original deadline, whatever extension was granted. */
  lateOriginal: z.number().int(),
});

export const Period = z.object({
  key: z.string(),
  start: z.string(),
  end: z.string(),
  firstDueOn: z.string(),
  lastDueOn: z.string(),
  total: z.number().int(),
  submitted: z.number().int(),
  accepted: z.number().int(),
  overdue: z.number().int(),
});

/** A period's key and dates (the overview's answer names its period). */
export const PeriodDates = Period.pick({ key: true, start: true, end: true, firstDueOn: true, lastDueOn: true });

export const PeriodList = z.object({ items: z.array(Period), current: z.string().nullable() });

const Rate = z.object({
  /** Obligations of the plan expected so far (deadline passed, or already submitted). */
  expected: z.number().int(),
  /** …first submitted by the granted deadline and standing (submitted or accepted). */
  onTime: z.number().int(),
  /** …by the original deadline. */
  onTimeOriginal: z.number().int(),
  /** onTime ÷ expected, 0–1; null when nothing is expected yet. */
  rate: z.number().nullable(),
});

export const OverviewRow = z.object({
  obligationId: z.string(),
  unit: z.object({ id: z.string(), name: z.string() }),
  parent: z.object({ id: z.string(), name: z.string() }).nullable(),
  level: z.string(),
  task: z.object({ id: z.string(), label: z.string(), title: z.string().nullable() }).nullable(),
  role: z.string(),
  state: z.enum(STATES),
  late: z.boolean(),
  lateOriginal: z.boolean(),
  dueOn: z.string(),
  extendedDueOn: z.string().nullable(),
  firstSubmittedAt: z.string().nullable(),
  reviewState: z.string().nullable(),
  reportStatus: z.string().nullable(),
  progress: z.number().nullable(),
  onTime: Rate,
});

export const Overview = z.object({
  planId: z.string(),
  /** null: the plan has no obligations yet. */
  period: PeriodDates.nullable(),
  today: z.string(),
  parent: z.object({ id: z.string(), name: z.string() }).nullable(),
  counts: StateCounts,
  byLevel: z.array(StateCounts.extend({ level: z.string(), name: z.string(), nameEn: z.string() })),
  items: z.array(OverviewRow),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

const Progress = z.object({
  /** Roll-up state: done | in_progress | overdue | not_started | cancelled | none (nothing owed). */
  state: z.enum(['done', 'in_progress', 'overdue', 'not_started', 'cancelled', 'none']),
  /** Obligations (unit × task) owed in the period, and among them: */
  owed: z.number().int(),
  /** reported done and accepted by the level above; */
  done: z.number().int(),
  /** reported done, awaiting review; */
  doneAwaiting: z.number().int(),
  started: z.number().int(),
  cannotDo: z.number().int(),
  overdue: z.number().int(),
  returned: z.number().int(),
  /** Tasks below (a task counts itself) with something owed, not cancelled; done ones; and their weights. */
  tasks: z.number().int(),
  tasksDone: z.number().int(),
  weight: z.number(),
  weightDone: z.number(),
});

export const ProgressNode = Progress.extend({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.enum(['section', 'task']),
  label: z.string(),
});

export const PlanProgress = z.object({
  planId: z.string(),
  period: z.string().nullable(),
  plan: Progress,
  nodes: z.array(ProgressNode),
});
