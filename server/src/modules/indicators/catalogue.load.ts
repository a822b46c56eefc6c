import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import {
  CATEGORIES,
  type CategorySeed,
  ELEMENTS,
  type ElementSeed,
  INDICATORS,
  type IndicatorSeed,
  RULES,
  type RuleSeed,
} from './catalogue.reference.js';
import { elementsOf, parseExpr } from './expr.js';

export interface Catalogue {
  categories: CategorySeed[];
  elements: ElementSeed[];
  indicators: IndicatorSeed[];
  rules: RuleSeed[];
}

export const REFERENCE_CATALOGUE: Catalogue = {
  categories: CATEGORIES,
  elements: ELEMENTS,
  indicators: INDICATORS,
  rules: RULES,
};

/**
 * What is wrong with a catalogue: expressions that do not parse, elements or categories that do
 * not exist, filters on categories an element does not have. Empty: sound. Tested on the shipped
 * catalogue; the admin routes run it before saving an edit.
 */
export function catalogueProblems(c: Catalogue): string[] {
  const problems: string[] = [];
  const categories = new Map(c.categories.map((x) => [x.code, x]));
  const elements = new Map(c.elements.map((e) => [e.code, e]));
  for (const e of c.elements) {
    for (const cat of e.categories ?? []) if (!categories.has(cat)) problems.push(`${e.code}: no category ${cat}`);
  }
  const check = (owner: string, source: string | null) => {
    if (source === null) return;
    try {
      const expr = parseExpr(source);
      for (const t of expr.terms) {
        if (t.kind === 'constant') continue;
        const el = elements.get(t.element);
        if (!el) {
          problems.push(`${owner}: no element ${t.element}`);
          continue;
        }
        if (t.kind !== 'element') continue;
        for (const [cat, opts] of Object.entries(t.filter)) {
          if (!(el.categories ?? []).includes(cat)) problems.push(`${owner}: ${t.element} has no category ${cat}`);
          const def = categories.get(cat);
          for (const o of opts) {
            const ok = o.startsWith('@')
              ? def?.options.some((x) => x.group === o.slice(1))
              : def?.options.some((x) => x.code === o);
            if (!ok) problems.push(`${owner}: ${cat} has no option ${o}`);
          }
        }
      }
      if (elementsOf(expr).length === 0 && owner.startsWith('W21')) problems.push(`${owner}: reads no element`);
    } catch (e) {
      problems.push(`${owner}: ${(e as Error).message}`);
    }
  };
  for (const i of c.indicators) {
    check(i.code, i.numerator);
    check(i.code, i.denominator);
  }
  for (const r of c.rules) {
    check(r.code, r.left);
    check(r.code, r.right);
  }
  return problems;
}

/**
 * Loads the catalogue rows that are missing (by code); a row that exists — shipped earlier and
 * perhaps edited by an administrator since — is never overwritten. Runs at every start.
 */
export async function ensureCatalogue(db: Kysely<Database>, c: Catalogue = REFERENCE_CATALOGUE): Promise<void> {
  await db
    .insertInto('indicator_category')
    .values(
      c.categories.map((x, position) => ({
        code: x.code,
        name_vi: x.nameVi,
        name_en: x.nameEn,
        position,
        options: JSON.stringify(x.options),
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  await db
    .insertInto('data_element')
    .values(
      c.elements.map((e, position) => ({
        code: e.code,
        name_vi: e.nameVi,
        name_en: e.nameEn,
        description_vi: e.descriptionVi ?? null,
        description_en: e.descriptionEn ?? null,
        aggregation: e.aggregation,
        categories: [...(e.categories ?? [])].sort(),
        reporter_kinds: e.reporterKinds,
        frequency: e.frequency ?? 'annual',
        min_value: e.min ?? null,
        max_value: e.max ?? null,
        yoy_max_change: e.yoy ?? null,
        required: e.required ?? true,
        computed: e.computed ?? null,
        position,
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const inserted = await db
    .insertInto('indicator')
    .values(
      c.indicators.map((i, position) => ({
        code: i.code,
        name_vi: i.nameVi,
        name_en: i.nameEn,
        definition_vi: i.definitionVi,
        definition_en: i.definitionEn,
        area: i.area,
        numerator: i.numerator,
        denominator: i.denominator,
        factor: i.factor ?? 100,
        direction: i.direction ?? 'up',
        disaggregations: i.disaggregations,
        reporter_vi: i.reporterVi,
        reporter_en: i.reporterEn,
        periods: i.periods,
        position,
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .returning(['id', 'code'])
    .execute();
  // Targets only for indicators created now: an administrator's later edits stand.
  const targets = inserted.flatMap((row) => {
    const seed = c.indicators.find((i) => i.code === row.code);
    return (seed?.targets ?? []).flatMap((t) =>
      Array.from({ length: t.to - t.from + 1 }, (_, k) => ({
        indicator_id: row.id,
        year: t.from + k,
        unit_id: null,
        value: t.value,
        source: t.source,
        note: t.note ?? null,
      })),
    );
  });
  if (targets.length > 0) await db.insertInto('indicator_target').values(targets).execute();
  await db
    .insertInto('validation_rule')
    .values(
      c.rules.map((r) => ({
        code: r.code,
        name_vi: r.nameVi,
        name_en: r.nameEn,
        left_expr: r.left,
        operator: r.operator,
        right_expr: r.right,
        importance: r.importance,
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}
