import { z } from 'zod';
import { Uuid } from '../../platform/schemas.js';

/** Request and response schemas of the roll-up, trend, summary and their export (part D). */

const IndicatorCode = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9_.-]{0,39}$/)
  .meta({ description: 'Mã chỉ tiêu, ví dụ W21-LD01' });
/** '2025' or '2025-H1' / '2025-H2'; a well-formed key that is not a period is refused by the service. */
const PeriodKey = z
  .string()
  .regex(/^\d{4}(-H[12])?$/)
  .meta({ description: 'Kỳ số liệu: năm (2025) hoặc nửa năm (2025-H1)' });
const Year = z.coerce.number().int().min(2000).max(2100);

export const RollupQuery = z.object({ indicator: IndicatorCode, period: PeriodKey, unitId: Uuid.optional() });
export const TrendQuery = z.object({ indicator: IndicatorCode, unitId: Uuid.optional(), from: Year, to: Year });
export const SummaryQuery = z.object({ period: PeriodKey, unitId: Uuid.optional() });

const Status = z.enum(['green', 'amber', 'red', 'grey']);
const UnitBrief = z.object({ id: z.string(), name: z.string(), kind: z.string(), level: z.string() });
const Completeness = z.object({
  expected: z.number(),
  entered: z.number(),
  accepted: z.number(),
  rate: z.number().nullable(),
  enteredRate: z.number().nullable(),
});
const Target = z.object({
  value: z.number(),
  source: z.string(),
  note: z.string().nullable(),
  unitId: z.string().nullable(),
});
const Figure = z.object({
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  value: z.number().nullable(),
  target: Target.nullable(),
  status: Status,
  completeness: Completeness,
});
const IndicatorBrief = z.object({
  code: z.string(),
  name: z.string(),
  direction: z.enum(['up', 'down']),
  amberRatio: z.number(),
  factor: z.number(),
  unit: z.string(),
});

export const Rollup = z.object({
  indicator: IndicatorBrief,
  period: z.object({ key: z.string(), label: z.string(), start: z.string(), end: z.string() }),
  root: UnitBrief,
  fromPredecessors: z.boolean(),
  trail: z.array(UnitBrief),
  scope: z.array(UnitBrief),
  total: Figure,
  rows: z.array(Figure.extend({ unit: UnitBrief.extend({ hasChildren: z.boolean() }) })),
  breakdown: z.array(
    z.object({
      element: z.string(),
      elementName: z.string(),
      category: z.string(),
      categoryName: z.string(),
      options: z.array(z.object({ code: z.string(), name: z.string(), value: z.number().nullable() })),
    }),
  ),
  distribution: z.object({ green: z.number(), amber: z.number(), red: z.number(), grey: z.number() }),
});

export const Trend = z.object({
  indicator: IndicatorBrief,
  root: UnitBrief,
  points: z.array(Figure.extend({ year: z.number() })),
});

export const Summary = z.object({
  root: UnitBrief,
  period: z.object({ key: z.string(), label: z.string() }),
  items: z.array(Figure.extend({ indicator: IndicatorBrief.extend({ area: z.string() }) })),
});
