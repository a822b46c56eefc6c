import { z } from 'zod';
import { Name, SafeString, Text, Uuid } from '../../platform/schemas.js';

/** Request and response shapes of the catalogue administration (part A, docs/indicators.md "Catalogue"). */

const Version = z.number().int().min(1).max(2_147_483_647);
/** Codes as expressions read them (indicators/expr.ts): `CU_NU`, `OBLIG.ON_TIME`. */
export const ElementCode = z.string().regex(/^[A-Z][A-Z0-9_.]{0,39}$/, 'A–Z, 0–9, _ . (≤ 40)');
export const CategoryCode = z.string().regex(/^[A-Z][A-Z0-9_]{0,19}$/, 'A–Z, 0–9, _ (≤ 20)');
export const OptionCode = z.string().regex(/^[a-z0-9_]{1,40}$/, 'a–z, 0–9, _ (≤ 40)');
export const IndicatorCode = z.string().regex(/^[A-Z][A-Z0-9_-]{0,39}$/, 'A–Z, 0–9, _ - (≤ 40)');
export const RuleCode = z.string().regex(/^[A-Z][A-Z0-9_-]{0,39}$/, 'A–Z, 0–9, _ - (≤ 40)');
const KindCode = z.string().regex(/^[a-z][a-z0-9_]{0,59}$/);
/** An expression over data elements; parsed and checked by the service (400 with the reason). */
const Expression = SafeString.trim().min(1).max(2000);
const Limit = z.number().min(0).max(1_000_000_000_000).nullable();
const Area = z.enum(['LD', 'HV', 'BL', 'HT', 'CD', 'QL']);
const Period = z.enum(['T', 'Y', 'H']);
const Optional = (max: number) => Text(max).nullish();

export const CodeParams = z.object({ code: CategoryCode });
export const ArchiveParams = z.object({ entity: z.enum(['elements', 'indicators', 'rules']), id: Uuid });

const OptionBody = z.object({
  code: OptionCode,
  nameVi: Name(200),
  nameEn: Name(200),
  group: OptionCode.nullish(),
});

export const CategoryBody = z.object({
  nameVi: Name(200),
  nameEn: Name(200),
  /** The whole list: an option left out is removed (refused when a stored figure has it). */
  options: z.array(OptionBody).min(1).max(200),
});
export const NewCategoryBody = CategoryBody.extend({ code: CategoryCode });
export const EditCategoryBody = CategoryBody.extend({ version: Version });

const ElementFields = z.object({
  nameVi: Name(300),
  nameEn: Name(300),
  descriptionVi: Optional(4000),
  descriptionEn: Optional(4000),
  aggregation: z.enum(['sum', 'last']),
  categories: z.array(CategoryCode).max(4),
  reporterKinds: z.array(KindCode).min(1).max(50),
  frequency: z.enum(['annual', 'semiannual']),
  min: Limit,
  max: Limit,
  yoy: z.number().min(0).max(1000).nullable(),
  required: z.boolean(),
});
export const NewElementBody = ElementFields.extend({ code: ElementCode });
export const EditElementBody = ElementFields.extend({ version: Version });

const IndicatorFields = z.object({
  nameVi: Name(300),
  nameEn: Name(300),
  definitionVi: Text(4000).pipe(z.string().min(1)),
  definitionEn: Text(4000).pipe(z.string().min(1)),
  area: Area,
  numerator: Expression,
  denominator: Expression.nullable(),
  factor: z.number().int().min(1).max(1_000_000),
  direction: z.enum(['up', 'down']),
  amberRatio: z.number().min(0).max(1),
  disaggregations: z.array(z.union([CategoryCode, z.literal('LEVEL')])).max(10),
  reporterVi: Optional(500),
  reporterEn: Optional(500),
  periods: z.array(Period).min(1).max(3),
});
export const NewIndicatorBody = IndicatorFields.extend({ code: IndicatorCode });
export const EditIndicatorBody = IndicatorFields.extend({ version: Version });

const RuleFields = z.object({
  nameVi: Name(300),
  nameEn: Name(300),
  left: Expression,
  operator: z.enum(['<=', '<', '>=', '>', '==']),
  right: Expression,
  importance: z.enum(['error', 'warning']),
});
export const NewRuleBody = RuleFields.extend({ code: RuleCode });
export const EditRuleBody = RuleFields.extend({ version: Version });

export const ArchiveBody = z.object({ version: Version, archived: z.boolean() });

export const TargetBody = z.object({
  year: z.number().int().min(2000).max(2100),
  /** null: the national target; a unit: its own target for its subtree. */
  unitId: Uuid.nullable(),
  value: z.number().min(0).max(1_000_000_000),
  source: Name(500),
  note: Optional(1000),
  /** 0 to create; the version read to change one (409 stale_version otherwise). */
  version: z.number().int().min(0).max(2_147_483_647),
});
export const TargetParams = z.object({ id: Uuid });
export const DeleteTargetQuery = z.object({ version: z.coerce.number().int().min(1).max(2_147_483_647) });

// ── responses ──
export const Option = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  group: z.string().nullable(),
});
export const Category = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  options: z.array(Option),
  version: z.number().int(),
});
export const Element = z.object({
  id: Uuid,
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  descriptionVi: z.string().nullable(),
  descriptionEn: z.string().nullable(),
  aggregation: z.enum(['sum', 'last']),
  categories: z.array(z.string()),
  reporterKinds: z.array(z.string()),
  frequency: z.enum(['annual', 'semiannual']),
  min: z.number().nullable(),
  max: z.number().nullable(),
  yoy: z.number().nullable(),
  required: z.boolean(),
  computed: z.string().nullable(),
  archived: z.boolean(),
  /** Figures are stored for it: its categories no longer change. */
  hasValues: z.boolean(),
  version: z.number().int(),
});
export const Target = z.object({
  id: Uuid,
  year: z.number().int(),
  unit: z.object({ id: Uuid, name: z.string() }).nullable(),
  value: z.number(),
  source: z.string(),
  note: z.string().nullable(),
  version: z.number().int(),
});
export const Indicator = z.object({
  id: Uuid,
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  definitionVi: z.string(),
  definitionEn: z.string(),
  area: z.string(),
  numerator: z.string(),
  denominator: z.string().nullable(),
  factor: z.number(),
  direction: z.enum(['up', 'down']),
  amberRatio: z.number(),
  disaggregations: z.array(z.string()),
  reporterVi: z.string().nullable(),
  reporterEn: z.string().nullable(),
  periods: z.array(z.string()),
  archived: z.boolean(),
  targets: z.array(Target),
  version: z.number().int(),
});
export const Rule = z.object({
  id: Uuid,
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  left: z.string(),
  operator: z.enum(['<=', '<', '>=', '>', '==']),
  right: z.string(),
  importance: z.enum(['error', 'warning']),
  archived: z.boolean(),
  version: z.number().int(),
});
export const Kind = z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() });
export const Catalogue = z.object({
  categories: z.array(Category),
  elements: z.array(Element),
  indicators: z.array(Indicator),
  rules: z.array(Rule),
  /** The unit kinds an element may be reported by (the directory's). */
  kinds: z.array(Kind),
  /** `indicator.catalogue` when the caller may edit the catalogue and national targets. */
  actions: z.array(z.string()),
});
export const CatalogueQuery = z.object({
  /** Include archived elements, indicators and rules (administrators' view). */
  archived: z.enum(['true', 'false', '1', '0']).optional(),
});

export type CatalogueValue = z.infer<typeof Catalogue>;
export type ElementValue = z.infer<typeof Element>;
export type IndicatorValue = z.infer<typeof Indicator>;
export type RuleValue = z.infer<typeof Rule>;
export type CategoryValue = z.infer<typeof Category>;
export type TargetValue = z.infer<typeof Target>;
export type NewElementInput = z.infer<typeof NewElementBody>;
export type EditElementInput = z.infer<typeof EditElementBody>;
export type NewIndicatorInput = z.infer<typeof NewIndicatorBody>;
export type EditIndicatorInput = z.infer<typeof EditIndicatorBody>;
export type NewRuleInput = z.infer<typeof NewRuleBody>;
export type EditRuleInput = z.infer<typeof EditRuleBody>;
export type NewCategoryInput = z.infer<typeof NewCategoryBody>;
export type EditCategoryInput = z.infer<typeof EditCategoryBody>;
export type TargetInput = z.infer<typeof TargetBody>;
