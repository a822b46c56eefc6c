import { z } from 'zod';
import { IsoDate, SafeString, Text, Uuid } from '../../platform/schemas.js';

/** Request and response shapes of part B (entry): every number and string bounded. */

export const FormParams = z.object({ unitId: Uuid, periodKey: SafeString.min(1).max(20) });

const Count = z.number().gte(-1e12).lte(1e12);

export const CellChange = z.object({
  element: SafeString.min(1).max(60),
  combo: SafeString.max(200),
  /** null with notAvailable false: the cell is emptied. */
  value: Count.nullable(),
  notAvailable: z.boolean().default(false),
  comment: Text(1000).nullish(),
  /** The version the cell was read at; 0 for an empty cell. */
  version: z.number().int().min(0).max(2_147_483_647),
});

export const ValidateBody = z.object({ changes: z.array(CellChange).max(5000) });

export const SaveBody = z.object({
  changes: z.array(CellChange).min(1).max(5000),
  /** Required when the period is locked or the figures were accepted (a supplement). */
  reason: Text(1000).nullish(),
});

export const HistoryQuery = z.object({ element: SafeString.min(1).max(60), combo: SafeString.max(200).default('') });

export const EntryQuery = z.object({ period: SafeString.min(1).max(20) });

export const ReopenBody = z.object({
  unitId: Uuid,
  periodKey: SafeString.min(1).max(20),
  openUntil: IsoDate,
  reason: Text(1000).refine((s) => s.trim().length > 0, { message: 'bắt buộc / required' }),
});

export const LocksQuery = z.object({
  unitId: Uuid.optional(),
  period: SafeString.min(1).max(20).optional(),
});

const CellRef = z.object({ element: z.string(), combo: z.string() });
const Issue = z.object({
  level: z.enum(['error', 'warning']),
  kind: z.string(),
  rule: z.string().optional(),
  messageVi: z.string(),
  messageEn: z.string(),
  cells: z.array(CellRef),
  explained: z.boolean(),
});
export const Validation = z.object({
  errors: z.array(Issue),
  warnings: z.array(Issue),
  missing: z.array(CellRef),
  explained: z.boolean(),
});

const Option = z.object({ key: z.string(), nameVi: z.string(), nameEn: z.string() });
const Cell = z.object({
  combo: z.string(),
  row: z.string(),
  column: z.string(),
  value: z.number().nullable(),
  notAvailable: z.boolean(),
  comment: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
const ElementView = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  aggregation: z.string(),
  required: z.boolean(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  yoy: z.number().nullable(),
  total: z.number().nullable(),
  previousTotal: z.number().nullable(),
  rowCategory: Option.nullable(),
  columnCategory: Option.nullable(),
  rows: z.array(Option),
  columns: z.array(Option),
  cells: z.array(Cell),
});
const PeriodView = z.object({
  key: z.string(),
  labelVi: z.string(),
  labelEn: z.string(),
  start: z.string(),
  end: z.string(),
});

export const Form = z.object({
  unit: z.object({ id: z.string(), name: z.string(), kind: z.string(), level: z.string() }),
  period: PeriodView.extend({ open: z.boolean() }),
  sections: z.array(
    z.object({
      area: z.string(),
      indicators: z.array(z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() })),
      elements: z.array(ElementView),
    }),
  ),
  validation: Validation,
  lock: z.object({
    state: z.enum(['open', 'reopened', 'locked', 'accepted', 'under_review']),
    locksOn: z.string().nullable(),
    lockedOn: z.string().nullable(),
    until: z.string().nullable(),
    reason: z.string().nullable(),
  }),
  supplement: z.boolean(),
  obligation: z
    .object({ id: z.string(), reviewState: z.string(), dueOn: z.string(), reviewerUnitId: z.string().nullable() })
    .nullable(),
  actions: z.array(z.enum(['enter', 'reopen'])),
});

export const Saved = z.object({ saved: z.number(), supplement: z.boolean(), form: Form });

export const History = z.object({
  element: z.string(),
  combo: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      oldValue: z.number().nullable(),
      oldNotAvailable: z.boolean().nullable(),
      newValue: z.number().nullable(),
      newNotAvailable: z.boolean().nullable(),
      comment: z.string().nullable(),
      reason: z.string().nullable(),
      supplement: z.boolean(),
      source: z.string(),
      changedAt: z.string(),
      changedBy: z.string().nullable(),
    }),
  ),
});

export const EntryList = z.object({
  period: PeriodView,
  items: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      kind: z.string(),
      level: z.string(),
      state: z.enum(['empty', 'partial', 'complete', 'submitted', 'accepted', 'returned']),
      expected: z.number(),
      filled: z.number(),
      missing: z.number(),
      obligationId: z.string().nullable(),
      dueOn: z.string().nullable(),
      canEnter: z.boolean(),
    }),
  ),
});

export const Reopening = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  periodKey: z.string(),
  openUntil: z.string(),
  reason: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export const Reopenings = z.object({ items: z.array(Reopening) });
