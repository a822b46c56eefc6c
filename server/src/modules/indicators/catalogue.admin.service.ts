import type { Kysely, Transaction } from 'kysely';
import type { Actor, Ctx } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { type Clock, systemClock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import * as repo from './catalogue.admin.repository.js';
import { type Catalogue, catalogueProblems } from './catalogue.load.js';
import { ExprError, parseExpr } from './expr.js';
import type * as s from './indicators.catalogue.schemas.js';
import { indicatorsPolicy as policy } from './indicators.policy.js';

type Trx = Transaction<Database>;

const num = (v: string | null): number | null => (v === null ? null : Number(v));

/** A catalogueProblems line ("W21-LD01: no element X") in Vietnamese. */
export function problemVi(p: string): string {
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^(\S+): no category (\S+)$/, (m) => `${m[1]}: không có phân tổ ${m[2]}`],
    [/^(\S+): no element (\S+)$/, (m) => `${m[1]}: không có mục số liệu ${m[2]} (chưa có hoặc đã lưu trữ)`],
    [/^(\S+): (\S+) has no category (\S+)$/, (m) => `${m[1]}: mục ${m[2]} không phân tổ theo ${m[3]}`],
    [/^(\S+): (\S+) has no option (\S+)$/, (m) => `${m[1]}: phân tổ ${m[2]} không có lựa chọn ${m[3]}`],
    [/^(\S+): reads no element$/, (m) => `${m[1]}: biểu thức không đọc mục số liệu nào`],
  ];
  for (const [re, f] of rules) {
    const m = re.exec(p);
    if (m) return f(m);
  }
  return p;
}

/** The live catalogue in the shape catalogueProblems reads. */
async function liveCatalogue(trx: Trx): Promise<Catalogue> {
  const [cats, els, inds, rules] = await Promise.all([
    repo.listCategories(trx),
    repo.listElements(trx, false),
    repo.listIndicators(trx, false),
    repo.listRules(trx, false),
  ]);
  return {
    categories: cats.map((c) => ({ code: c.code, nameVi: c.name_vi, nameEn: c.name_en, options: c.options })),
    elements: els.map((e) => ({
      code: e.code,
      nameVi: e.name_vi,
      nameEn: e.name_en,
      aggregation: e.aggregation,
      categories: e.categories,
      reporterKinds: e.reporter_kinds,
    })),
    indicators: inds.map((i) => ({
      code: i.code,
      nameVi: i.name_vi,
      nameEn: i.name_en,
      definitionVi: i.definition_vi,
      definitionEn: i.definition_en,
      area: i.area as 'LD',
      numerator: i.numerator,
      denominator: i.denominator,
      disaggregations: i.disaggregations,
      reporterVi: i.reporter_vi ?? '',
      reporterEn: i.reporter_en ?? '',
      periods: i.periods as ('T' | 'Y' | 'H')[],
      targets: [],
    })),
    rules: rules.map((r) => ({
      code: r.code,
      nameVi: r.name_vi,
      nameEn: r.name_en,
      left: r.left_expr,
      operator: r.operator,
      right: r.right_expr,
      importance: r.importance,
    })),
  };
}

function parseOrRefuse(field: string, source: string | null): void {
  if (source === null) return;
  try {
    parseExpr(source);
  } catch (e) {
    if (e instanceof ExprError)
      throw new AppError(
        400,
        'catalogue_expression_invalid',
        { field, reasonVi: e.vi, reasonEn: e.en },
        { fields: [field] },
      );
    throw e;
  }
}

function stale(entity: string, current: number, given: number): AppError {
  return new AppError(409, 'stale_version', { entity, current, given });
}

/**
 * The catalogue administration (docs/indicators.md "Catalogue"): everyone reads it; administrators
 * (indicator.catalogue) edit categories, elements, indicators, rules and national targets; a unit's
 * own target needs indicator.target on the unit. Every write checks the version it was made from,
 * runs catalogueProblems on the catalogue as it would be (400 with the problems, nothing saved) and
 * records an audit row in its transaction. Nothing is ever deleted but a target: rows are archived.
 */
export class CatalogueAdminService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
  ) {}

  async read(actor: Actor, includeArchived: boolean): Promise<s.CatalogueValue> {
    const manager = policy.canManageCatalogue(actor);
    const archived = includeArchived && manager;
    const [cats, els, inds, rules, targets, kinds] = await Promise.all([
      repo.listCategories(this.db),
      repo.listElements(this.db, archived),
      repo.listIndicators(this.db, archived),
      repo.listRules(this.db, archived),
      repo.listTargets(this.db),
      repo.listKinds(this.db),
    ]);
    const visible = targets.filter((t) => t.unit_path === null || policy.canRead(actor, t.unit_path));
    return {
      categories: cats.map(presentCategory),
      elements: els.map((e) => presentElement(e, Boolean(e.has_values))),
      indicators: inds.map((i) =>
        presentIndicator(
          i,
          visible.filter((t) => t.indicator_id === i.id),
        ),
      ),
      rules: rules.map(presentRule),
      kinds: kinds.map((k) => ({ code: k.code, nameVi: k.name_vi, nameEn: k.name_en })),
      actions: manager ? ['indicator.catalogue'] : [],
    };
  }

  /** A write of the catalogue: admin only, serialised, checked, audited; refused whole. */
  private async write<T>(ctx: Ctx, work: (trx: Trx) => Promise<T>): Promise<T> {
    policy.assertCanManageCatalogue(ctx.actor);
    return this.db.transaction().execute(async (trx) => {
      await repo.lockCatalogue(trx);
      const before = new Set(catalogueProblems(await liveCatalogue(trx)));
      const result = await work(trx);
      const added = catalogueProblems(await liveCatalogue(trx)).filter((p) => !before.has(p));
      if (added.length > 0) {
        throw new AppError(
          400,
          'catalogue_invalid',
          { count: added.length, problemsVi: added.map(problemVi).join('; '), problemsEn: added.join('; ') },
          { problems: added.map((p) => ({ vi: problemVi(p), en: p })) },
        );
      }
      return result;
    });
  }

  // ── categories ──

  createCategory(ctx: Ctx, input: s.NewCategoryInput): Promise<s.CategoryValue> {
    return this.write(ctx, async (trx) => {
      if (await repo.findCategory(trx, input.code))
        throw new AppError(409, 'catalogue_code_taken', { code: input.code });
      checkOptions(input.options);
      await trx
        .insertInto('indicator_category')
        .values({
          code: input.code,
          name_vi: input.nameVi,
          name_en: input.nameEn,
          position: await repo.nextPosition(trx, 'indicator_category'),
          options: JSON.stringify(options(input.options)),
        })
        .execute();
      const after = await repo.findCategory(trx, input.code);
      if (!after) throw new Error('catalogue: the category just written is missing');
      await recordAudit(trx, ctx, {
        action: 'indicator.category.create',
        entityType: 'indicator_category',
        entityId: null,
        after,
      });
      return presentCategory(after);
    });
  }

  editCategory(ctx: Ctx, code: string, input: s.EditCategoryInput): Promise<s.CategoryValue> {
    return this.write(ctx, async (trx) => {
      const before = await repo.findCategory(trx, code);
      if (!before) throw notFound('indicator_category');
      if (before.version !== input.version) throw stale('indicator_category', before.version, input.version);
      checkOptions(input.options);
      const kept = new Set(input.options.map((o) => o.code));
      for (const o of before.options) {
        if (!kept.has(o.code) && (await repo.optionHasValues(trx, code, o.code))) {
          throw new AppError(409, 'catalogue_option_in_use', { category: code, option: o.nameVi });
        }
      }
      await trx
        .updateTable('indicator_category')
        .set({
          name_vi: input.nameVi,
          name_en: input.nameEn,
          options: JSON.stringify(options(input.options)),
          version: before.version + 1,
        })
        .where('code', '=', code)
        .execute();
      const after = await repo.findCategory(trx, code);
      if (!after) throw new Error('catalogue: the category just written is missing');
      await recordAudit(trx, ctx, {
        action: 'indicator.category.edit',
        entityType: 'indicator_category',
        entityId: null,
        before,
        after,
      });
      return presentCategory(after);
    });
  }

  // ── elements ──

  createElement(ctx: Ctx, input: s.NewElementInput): Promise<s.ElementValue> {
    return this.write(ctx, async (trx) => {
      if (await repo.codeTaken(trx, 'data_element', input.code))
        throw new AppError(409, 'catalogue_code_taken', { code: input.code });
      await this.checkElement(trx, input);
      const row = await trx
        .insertInto('data_element')
        .values({ code: input.code, ...elementColumns(input), position: await repo.nextPosition(trx, 'data_element') })
        .returning('id')
        .executeTakeFirstOrThrow();
      const after = await repo.findElement(trx, row.id);
      if (!after) throw new Error('catalogue: the element just written is missing');
      await recordAudit(trx, ctx, {
        action: 'indicator.element.create',
        entityType: 'data_element',
        entityId: row.id,
        after,
      });
      return presentElement(after, false);
    });
  }

  editElement(ctx: Ctx, id: string, input: s.EditElementInput): Promise<s.ElementValue> {
    return this.write(ctx, async (trx) => {
      const before = await repo.findElement(trx, id);
      if (!before) throw notFound('data_element');
      if (before.version !== input.version) throw stale('data_element', before.version, input.version);
      await this.checkElement(trx, input);
      const hasValues = await repo.elementHasValues(trx, id);
      const same = [...before.categories].sort().join(',') === [...input.categories].sort().join(',');
      if (hasValues && !same) throw new AppError(409, 'catalogue_element_in_use', { code: before.code });
      if (before.computed !== null && !same) throw new AppError(409, 'catalogue_element_in_use', { code: before.code });
      await trx
        .updateTable('data_element')
        .set({ ...elementColumns(input), version: before.version + 1 })
        .where('id', '=', id)
        .execute();
      const after = await repo.findElement(trx, id);
      if (!after) throw new Error('catalogue: the element just written is missing');
      await recordAudit(trx, ctx, {
        action: 'indicator.element.edit',
        entityType: 'data_element',
        entityId: id,
        before,
        after,
      });
      return presentElement(after, hasValues);
    });
  }

  private async checkElement(trx: Trx, input: s.NewElementInput | s.EditElementInput): Promise<void> {
    if (input.min !== null && input.max !== null && input.min > input.max)
      throw new AppError(400, 'catalogue_limits_invalid', {}, { fields: ['min', 'max'] });
    if (new Set(input.categories).size !== input.categories.length)
      throw new AppError(
        400,
        'catalogue_category_unknown',
        { code: input.categories.join(', ') },
        { fields: ['categories'] },
      );
    const cats = new Set((await repo.listCategories(trx)).map((c) => c.code));
    const unknown = input.categories.find((c) => !cats.has(c));
    if (unknown) throw new AppError(400, 'catalogue_category_unknown', { code: unknown }, { fields: ['categories'] });
    const kinds = await repo.existingKinds(trx, input.reporterKinds);
    const badKind = input.reporterKinds.find((k) => !kinds.has(k));
    if (badKind) throw new AppError(400, 'catalogue_kind_unknown', { code: badKind }, { fields: ['reporterKinds'] });
  }

  // ── indicators ──

  createIndicator(ctx: Ctx, input: s.NewIndicatorInput): Promise<s.IndicatorValue> {
    return this.write(ctx, async (trx) => {
      if (await repo.codeTaken(trx, 'indicator', input.code))
        throw new AppError(409, 'catalogue_code_taken', { code: input.code });
      await this.checkIndicator(trx, input);
      const row = await trx
        .insertInto('indicator')
        .values({ code: input.code, ...indicatorColumns(input), position: await repo.nextPosition(trx, 'indicator') })
        .returning('id')
        .executeTakeFirstOrThrow();
      const after = await repo.findIndicator(trx, row.id);
      if (!after) throw new Error('catalogue: the indicator just written is missing');
      await recordAudit(trx, ctx, { action: 'indicator.create', entityType: 'indicator', entityId: row.id, after });
      return presentIndicator(after, []);
    });
  }

  editIndicator(ctx: Ctx, id: string, input: s.EditIndicatorInput): Promise<s.IndicatorValue> {
    return this.write(ctx, async (trx) => {
      const before = await repo.findIndicator(trx, id);
      if (!before) throw notFound('indicator');
      if (before.version !== input.version) throw stale('indicator', before.version, input.version);
      await this.checkIndicator(trx, input);
      await trx
        .updateTable('indicator')
        .set({ ...indicatorColumns(input), version: before.version + 1 })
        .where('id', '=', id)
        .execute();
      const after = await repo.findIndicator(trx, id);
      if (!after) throw new Error('catalogue: the indicator just written is missing');
      await recordAudit(trx, ctx, { action: 'indicator.edit', entityType: 'indicator', entityId: id, before, after });
      const targets = (await repo.listTargets(trx)).filter(
        (t) => t.indicator_id === id && (t.unit_path === null || policy.canRead(ctx.actor, t.unit_path)),
      );
      return presentIndicator(after, targets);
    });
  }

  private async checkIndicator(trx: Trx, input: s.NewIndicatorInput | s.EditIndicatorInput): Promise<void> {
    parseOrRefuse('numerator', input.numerator);
    parseOrRefuse('denominator', input.denominator);
    const cats = new Set((await repo.listCategories(trx)).map((c) => c.code));
    const unknown = input.disaggregations.find((d) => d !== 'LEVEL' && !cats.has(d));
    if (unknown)
      throw new AppError(400, 'catalogue_category_unknown', { code: unknown }, { fields: ['disaggregations'] });
  }

  // ── rules ──

  createRule(ctx: Ctx, input: s.NewRuleInput): Promise<s.RuleValue> {
    return this.write(ctx, async (trx) => {
      if (await repo.codeTaken(trx, 'validation_rule', input.code))
        throw new AppError(409, 'catalogue_code_taken', { code: input.code });
      parseOrRefuse('left', input.left);
      parseOrRefuse('right', input.right);
      const row = await trx
        .insertInto('validation_rule')
        .values({ code: input.code, ...ruleColumns(input) })
        .returning('id')
        .executeTakeFirstOrThrow();
      const after = await repo.findRule(trx, row.id);
      if (!after) throw new Error('catalogue: the rule just written is missing');
      await recordAudit(trx, ctx, {
        action: 'indicator.rule.create',
        entityType: 'validation_rule',
        entityId: row.id,
        after,
      });
      return presentRule(after);
    });
  }

  editRule(ctx: Ctx, id: string, input: s.EditRuleInput): Promise<s.RuleValue> {
    return this.write(ctx, async (trx) => {
      const before = await repo.findRule(trx, id);
      if (!before) throw notFound('validation_rule');
      if (before.version !== input.version) throw stale('validation_rule', before.version, input.version);
      parseOrRefuse('left', input.left);
      parseOrRefuse('right', input.right);
      await trx
        .updateTable('validation_rule')
        .set({ ...ruleColumns(input), version: before.version + 1 })
        .where('id', '=', id)
        .execute();
      const after = await repo.findRule(trx, id);
      if (!after) throw new Error('catalogue: the rule just written is missing');
      await recordAudit(trx, ctx, {
        action: 'indicator.rule.edit',
        entityType: 'validation_rule',
        entityId: id,
        before,
        after,
      });
      return presentRule(after);
    });
  }

  // ── archive ──

  /** Archives (or restores) an element, an indicator or a rule; never deletes. */
  archive(
    ctx: Ctx,
    entity: 'elements' | 'indicators' | 'rules',
    id: string,
    input: { version: number; archived: boolean },
  ): Promise<{ id: string; archived: boolean; version: number }> {
    const table = ({ elements: 'data_element', indicators: 'indicator', rules: 'validation_rule' } as const)[entity];
    return this.write(ctx, async (trx) => {
      const before = await trx
        .selectFrom(table)
        .select(['id', 'code', 'version', 'archived_at'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw notFound(table);
      if (before.version !== input.version) throw stale(table, before.version, input.version);
      const archivedAt = input.archived ? (before.archived_at ?? this.clock.now()) : null;
      await trx
        .updateTable(table)
        .set({ archived_at: archivedAt, version: before.version + 1 })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, ctx, {
        action: input.archived ? `${table}.archive` : `${table}.restore`,
        entityType: table,
        entityId: id,
        before: { code: before.code, archived: before.archived_at !== null },
        after: { code: before.code, archived: input.archived },
      });
      return { id, archived: input.archived, version: before.version + 1 };
    });
  }

  // ── targets ──

  /** Sets a target: national (administrators) or a unit's own for its subtree (indicator.target). */
  async setTarget(ctx: Ctx, indicatorId: string, input: s.TargetInput): Promise<s.TargetValue> {
    const unit = input.unitId === null ? null : await repo.findUnit(this.db, input.unitId);
    if (input.unitId !== null && !unit) throw notFound('unit');
    policy.assertCanSetTarget(ctx.actor, unit?.path ?? null);
    return this.db.transaction().execute(async (trx) => {
      const indicator = await repo.findIndicator(trx, indicatorId);
      if (!indicator) throw notFound('indicator');
      const before = await repo.findTargetByIdentity(trx, indicatorId, input.year, input.unitId);
      const values = { value: input.value, source: input.source, note: input.note?.trim() || null };
      let id: string;
      if (!before) {
        if (input.version !== 0) throw stale('indicator_target', 0, input.version);
        const row = await trx
          .insertInto('indicator_target')
          .values({ indicator_id: indicatorId, year: input.year, unit_id: input.unitId, ...values })
          .returning('id')
          .executeTakeFirstOrThrow();
        id = row.id;
      } else {
        if (before.version !== input.version) throw stale('indicator_target', before.version, input.version);
        id = before.id;
        await trx
          .updateTable('indicator_target')
          .set({ ...values, version: before.version + 1 })
          .where('id', '=', id)
          .execute();
      }
      const after = await repo.findTarget(trx, id);
      if (!after) throw new Error('catalogue: the target just written is missing');
      await recordAudit(trx, ctx, {
        action: before ? 'indicator.target.edit' : 'indicator.target.create',
        entityType: 'indicator_target',
        entityId: id,
        before: before ?? undefined,
        after: { ...after, indicator: indicator.code },
      });
      return presentTarget({ ...after, unit_name: unit?.name ?? null });
    });
  }

  async deleteTarget(ctx: Ctx, id: string, version: number): Promise<void> {
    const found = await this.db
      .selectFrom('indicator_target as t')
      .leftJoin('org_unit as u', 'u.id', 't.unit_id')
      .select(['t.id', 'u.path'])
      .where('t.id', '=', id)
      .executeTakeFirst();
    if (!found) throw notFound('indicator_target');
    policy.assertCanSetTarget(ctx.actor, found.path);
    await this.db.transaction().execute(async (trx) => {
      const before = await repo.findTarget(trx, id);
      if (!before) throw notFound('indicator_target');
      if (before.version !== version) throw stale('indicator_target', before.version, version);
      await trx.deleteFrom('indicator_target').where('id', '=', id).execute();
      await recordAudit(trx, ctx, {
        action: 'indicator.target.delete',
        entityType: 'indicator_target',
        entityId: id,
        before,
      });
    });
  }
}

function checkOptions(list: { code: string }[]): void {
  const seen = new Set<string>();
  for (const o of list) {
    if (seen.has(o.code))
      throw new AppError(400, 'catalogue_option_duplicate', { option: o.code }, { fields: ['options'] });
    seen.add(o.code);
  }
}

const options = (list: s.NewCategoryInput['options']) =>
  list.map((o) => ({ code: o.code, nameVi: o.nameVi, nameEn: o.nameEn, ...(o.group ? { group: o.group } : {}) }));

const elementColumns = (i: s.NewElementInput | s.EditElementInput) => ({
  name_vi: i.nameVi,
  name_en: i.nameEn,
  description_vi: i.descriptionVi?.trim() || null,
  description_en: i.descriptionEn?.trim() || null,
  aggregation: i.aggregation,
  categories: [...i.categories].sort(),
  reporter_kinds: [...new Set(i.reporterKinds)],
  frequency: i.frequency,
  min_value: i.min,
  max_value: i.max,
  yoy_max_change: i.yoy,
  required: i.required,
});

const indicatorColumns = (i: s.NewIndicatorInput | s.EditIndicatorInput) => ({
  name_vi: i.nameVi,
  name_en: i.nameEn,
  definition_vi: i.definitionVi,
  definition_en: i.definitionEn,
  area: i.area,
  numerator: i.numerator,
  denominator: i.denominator,
  factor: i.factor,
  direction: i.direction,
  amber_ratio: i.amberRatio,
  disaggregations: [...new Set(i.disaggregations)],
  reporter_vi: i.reporterVi?.trim() || null,
  reporter_en: i.reporterEn?.trim() || null,
  periods: [...new Set(i.periods)],
});

const ruleColumns = (i: s.NewRuleInput | s.EditRuleInput) => ({
  name_vi: i.nameVi,
  name_en: i.nameEn,
  left_expr: i.left,
  operator: i.operator,
  right_expr: i.right,
  importance: i.importance,
});

type CategoryRow = Awaited<ReturnType<typeof repo.listCategories>>[number];
type ElementRow = Omit<Awaited<ReturnType<typeof repo.listElements>>[number], 'has_values'>;
type IndicatorRow = Awaited<ReturnType<typeof repo.listIndicators>>[number];
type RuleRow = Awaited<ReturnType<typeof repo.listRules>>[number];
type TargetRow = Omit<Awaited<ReturnType<typeof repo.listTargets>>[number], 'unit_path'>;

function presentCategory(c: CategoryRow): s.CategoryValue {
  return {
    code: c.code,
    nameVi: c.name_vi,
    nameEn: c.name_en,
    options: c.options.map((o) => ({ code: o.code, nameVi: o.nameVi, nameEn: o.nameEn, group: o.group ?? null })),
    version: c.version,
  };
}

function presentElement(e: ElementRow, hasValues: boolean): s.ElementValue {
  return {
    id: e.id,
    code: e.code,
    nameVi: e.name_vi,
    nameEn: e.name_en,
    descriptionVi: e.description_vi,
    descriptionEn: e.description_en,
    aggregation: e.aggregation,
    categories: [...e.categories].sort(),
    reporterKinds: e.reporter_kinds,
    frequency: e.frequency,
    min: num(e.min_value),
    max: num(e.max_value),
    yoy: num(e.yoy_max_change),
    required: e.required,
    computed: e.computed,
    archived: e.archived_at !== null,
    hasValues,
    version: e.version,
  };
}

function presentTarget(t: TargetRow): s.TargetValue {
  return {
    id: t.id,
    year: t.year,
    unit: t.unit_id === null ? null : { id: t.unit_id, name: t.unit_name ?? '' },
    value: Number(t.value),
    source: t.source,
    note: t.note,
    version: t.version,
  };
}

function presentIndicator(i: IndicatorRow, targets: TargetRow[]): s.IndicatorValue {
  return {
    id: i.id,
    code: i.code,
    nameVi: i.name_vi,
    nameEn: i.name_en,
    definitionVi: i.definition_vi,
    definitionEn: i.definition_en,
    area: i.area,
    numerator: i.numerator,
    denominator: i.denominator,
    factor: i.factor,
    direction: i.direction,
    amberRatio: Number(i.amber_ratio),
    disaggregations: i.disaggregations,
    reporterVi: i.reporter_vi,
    reporterEn: i.reporter_en,
    periods: i.periods,
    archived: i.archived_at !== null,
    targets: targets.map(presentTarget),
    version: i.version,
  };
}

function presentRule(r: RuleRow): s.RuleValue {
  return {
    id: r.id,
    code: r.code,
    nameVi: r.name_vi,
    nameEn: r.name_en,
    left: r.left_expr,
    operator: r.operator,
    right: r.right_expr,
    importance: r.importance,
    archived: r.archived_at !== null,
    version: r.version,
  };
}
