import type { Kysely, Transaction } from 'kysely';
import type { Aggregation, CategoryOption, Database } from '../../platform/db/schema.js';
import { type CategoryDef, combosOf, type Expr, type Operator, parseCombo, parseExpr } from './expr.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The catalogue as the services read it: loaded from the database in one go (a few dozen rows),
 * expressions parsed once. Everything that validates, computes or lays out a form reads this.
 */
export interface Category extends CategoryDef {
  code: string;
  nameVi: string;
  nameEn: string;
  options: CategoryOption[];
}

export interface Element {
  id: string;
  code: string;
  nameVi: string;
  nameEn: string;
  aggregation: Aggregation;
  /** Category codes, sorted: the order of a combo's parts. */
  categories: string[];
  reporterKinds: string[];
  frequency: 'annual' | 'semiannual';
  min: number | null;
  max: number | null;
  yoy: number | null;
  required: boolean;
  computed: string | null;
  /** Every cell's combo ('' without categories). */
  combos: string[];
}

export interface Indicator {
  id: string;
  code: string;
  nameVi: string;
  nameEn: string;
  definitionVi: string;
  definitionEn: string;
  area: string;
  numerator: Expr;
  denominator: Expr | null;
  factor: number;
  direction: 'up' | 'down';
  amberRatio: number;
  disaggregations: string[];
  periods: string[];
}

export interface Rule {
  id: string;
  code: string;
  nameVi: string;
  nameEn: string;
  left: Expr;
  operator: Operator;
  right: Expr;
  importance: 'error' | 'warning';
}

export interface LoadedCatalogue {
  categories: Map<string, Category>;
  elements: Element[];
  elementsByCode: Map<string, Element>;
  elementsById: Map<string, Element>;
  indicators: Indicator[];
  rules: Rule[];
}

const num = (v: string | null): number | null => (v === null ? null : Number(v));

/** The live catalogue (archived rows left out). */
export async function loadCatalogue(db: Db): Promise<LoadedCatalogue> {
  const [cats, els, inds, rules] = await Promise.all([
    db.selectFrom('indicator_category').selectAll().orderBy('position').execute(),
    db.selectFrom('data_element').selectAll().where('archived_at', 'is', null).orderBy('position').execute(),
    db.selectFrom('indicator').selectAll().where('archived_at', 'is', null).orderBy('position').execute(),
    db.selectFrom('validation_rule').selectAll().where('archived_at', 'is', null).orderBy('code').execute(),
  ]);
  const categories = new Map<string, Category>(
    cats.map((c) => [c.code, { code: c.code, nameVi: c.name_vi, nameEn: c.name_en, options: c.options }]),
  );
  const elements: Element[] = els.map((e) => {
    const sorted = [...e.categories].sort();
    return {
      id: e.id,
      code: e.code,
      nameVi: e.name_vi,
      nameEn: e.name_en,
      aggregation: e.aggregation,
      categories: sorted,
      reporterKinds: e.reporter_kinds,
      frequency: e.frequency,
      min: num(e.min_value),
      max: num(e.max_value),
      yoy: num(e.yoy_max_change),
      required: e.required,
      computed: e.computed,
      combos: combosOf(sorted.map((c) => categories.get(c)).filter((c): c is Category => c !== undefined)),
    };
  });
  return {
    categories,
    elements,
    elementsByCode: new Map(elements.map((e) => [e.code, e])),
    elementsById: new Map(elements.map((e) => [e.id, e])),
    indicators: inds.map((i) => ({
      id: i.id,
      code: i.code,
      nameVi: i.name_vi,
      nameEn: i.name_en,
      definitionVi: i.definition_vi,
      definitionEn: i.definition_en,
      area: i.area,
      numerator: parseExpr(i.numerator),
      denominator: i.denominator === null ? null : parseExpr(i.denominator),
      factor: i.factor,
      direction: i.direction,
      amberRatio: Number(i.amber_ratio),
      disaggregations: i.disaggregations,
      periods: i.periods,
    })),
    rules: rules.map((r) => ({
      id: r.id,
      code: r.code,
      nameVi: r.name_vi,
      nameEn: r.name_en,
      left: parseExpr(r.left_expr),
      operator: r.operator,
      right: parseExpr(r.right_expr),
      importance: r.importance,
    })),
  };
}

/** The elements a unit of this kind types (computed ones are never typed). */
export function formElements(c: LoadedCatalogue, unitKind: string): Element[] {
  return c.elements.filter((e) => e.computed === null && e.reporterKinds.includes(unitKind));
}

/** A cell's label: its options' names joined ("Dưới 40 · Thái"), '' for a single-cell element. */
export function comboLabel(c: LoadedCatalogue, combo: string, lang: 'vi' | 'en' = 'vi'): string {
  const parts = parseCombo(combo);
  return Object.keys(parts)
    .sort()
    .map((cat) => {
      const o = c.categories.get(cat)?.options.find((x) => x.code === parts[cat]);
      return o ? (lang === 'vi' ? o.nameVi : o.nameEn) : (parts[cat] as string);
    })
    .join(' · ');
}

/** Is this combo one of the element's cells? (A forged combo is refused before anything is saved.) */
export function isCellOf(e: Element, combo: string): boolean {
  return e.combos.includes(combo);
}
