import dayjs from 'dayjs';
import type { Kysely } from 'kysely';
import type { Actor, Ctx } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { type Clock, systemClock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import { type Element, isCellOf, type LoadedCatalogue, loadCatalogue } from './catalogue.js';
import * as entryRepo from './entry.repository.js';
import { comboKey, elementsOf } from './expr.js';
import { indicatorsPolicy } from './indicators.policy.js';
import type { ValidationResult } from './validate.js';
import { validateForm } from './validate.js';
import { type CellChange, type FormState, figuresPeriod, type SaveInput, ValuesService } from './values.service.js';

type Db = Kysely<Database>;

/**
 * Part B — data entry (docs/indicators.md "Entry"): the form laid out for people (sections by the
 * indicators' areas, each element a grid: rows = its first category's options, columns = the
 * others'), validation as you type, saving through `ValuesService.save` (the one save path), a
 * cell's history, the forms of the caller's scope with their state, and an administrator's
 * reopening of a locked period for one unit.
 */

export interface Option {
  key: string;
  nameVi: string;
  nameEn: string;
}

export interface CellView {
  combo: string;
  row: string;
  column: string;
  value: number | null;
  notAvailable: boolean;
  comment: string | null;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface ElementView {
  code: string;
  nameVi: string;
  nameEn: string;
  aggregation: string;
  required: boolean;
  min: number | null;
  max: number | null;
  yoy: number | null;
  /** The sum of the element's numbers (derived, never typed); null without any number. */
  total: number | null;
  previousTotal: number | null;
  rowCategory: Option | null;
  columnCategory: Option | null;
  rows: Option[];
  columns: Option[];
  cells: CellView[];
}

export interface SectionView {
  area: string;
  indicators: { code: string; nameVi: string; nameEn: string }[];
  elements: ElementView[];
}

export type EntryState = 'empty' | 'partial' | 'complete' | 'submitted' | 'accepted' | 'returned';

const AREA_ORDER = ['LD', 'HV', 'BL', 'HT', 'CD', 'QL', 'OTHER'];

/** The cross product of categories as options ('' for none), in the combo's key order. */
function crossOptions(c: LoadedCatalogue, codes: string[]): { parts: Record<string, string>; option: Option }[] {
  let out: { parts: Record<string, string>; option: Option }[] = [
    { parts: {}, option: { key: '', nameVi: '', nameEn: '' } },
  ];
  for (const code of codes) {
    const cat = c.categories.get(code);
    if (!cat) continue;
    out = out.flatMap((prev) =>
      cat.options.map((o) => {
        const parts = { ...prev.parts, [code]: o.code };
        return {
          parts,
          option: {
            key: comboKey(parts),
            nameVi: prev.option.nameVi ? `${prev.option.nameVi} · ${o.nameVi}` : o.nameVi,
            nameEn: prev.option.nameEn ? `${prev.option.nameEn} · ${o.nameEn}` : o.nameEn,
          },
        };
      }),
    );
  }
  return out;
}

function categoryOption(c: LoadedCatalogue, codes: string[]): Option | null {
  if (codes.length === 0) return null;
  const cats = codes.map((code) => c.categories.get(code));
  return {
    key: codes.join('|'),
    nameVi: cats.map((x, i) => x?.nameVi ?? codes[i]).join(' · '),
    nameEn: cats.map((x, i) => x?.nameEn ?? codes[i]).join(' · '),
  };
}

export class EntryService {
  readonly values: ValuesService;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {
    this.values = new ValuesService(db, clock);
  }

  /** The form as people read it, with its validation, lock, obligation and the caller's actions. */
  async form(actor: Actor, unitId: string, periodKey: string) {
    const state = await this.values.formState(this.db, unitId, periodKey);
    indicatorsPolicy.assertCanRead(actor, state.unit.path);
    return this.view(actor, state);
  }

  view(actor: Actor, state: FormState) {
    const c = state.catalogue;
    const validation = validateForm(c, state.elements, state.cells, state.previous);
    // Each element goes under the area of the first indicator that reads it.
    const areaOf = new Map<string, string>();
    const indicatorsOf = new Map<string, { code: string; nameVi: string; nameEn: string }[]>();
    for (const ind of c.indicators) {
      const codes = [...elementsOf(ind.numerator), ...(ind.denominator ? elementsOf(ind.denominator) : [])];
      for (const code of codes) if (!areaOf.has(code)) areaOf.set(code, ind.area);
    }
    const sections = new Map<string, SectionView>();
    for (const e of state.elements) {
      const area = areaOf.get(e.code) ?? 'OTHER';
      let section = sections.get(area);
      if (!section) {
        section = { area, indicators: [], elements: [] };
        sections.set(area, section);
      }
      section.elements.push(this.elementView(c, e, state));
    }
    for (const ind of c.indicators) {
      const section = sections.get(ind.area);
      if (!section) continue;
      const codes = [...elementsOf(ind.numerator), ...(ind.denominator ? elementsOf(ind.denominator) : [])];
      if (codes.some((code) => section.elements.some((e) => e.code === code))) {
        const list = indicatorsOf.get(ind.area) ?? [];
        list.push({ code: ind.code, nameVi: ind.nameVi, nameEn: ind.nameEn });
        indicatorsOf.set(ind.area, list);
        section.indicators = list;
      }
    }
    const lock = state.lock;
    const canEnter = indicatorsPolicy.canEnter(actor, state.unit.path);
    const actions: ('enter' | 'reopen')[] = [];
    if (canEnter && lock.state !== 'under_review' && state.elements.length > 0) actions.push('enter');
    if (indicatorsPolicy.canReopen(actor, state.unit.path) && lock.state === 'locked') actions.push('reopen');
    const o = state.obligation;
    return {
      unit: { id: state.unit.id, name: state.unit.name, kind: state.unit.kind, level: state.unit.level },
      period: {
        key: state.period.key,
        labelVi: state.period.label_vi,
        labelEn: state.period.label_en,
        start: state.period.windowStart,
        end: state.period.windowEnd,
        open: state.period.windowStart <= this.clock.today(),
      },
      sections: [...sections.values()].sort((a, b) => AREA_ORDER.indexOf(a.area) - AREA_ORDER.indexOf(b.area)),
      validation,
      lock: {
        state: lock.state,
        locksOn: lock.state === 'open' ? lock.locksOn : null,
        lockedOn: lock.state === 'locked' ? lock.lockedOn : null,
        until: lock.state === 'reopened' ? lock.until : null,
        reason: lock.state === 'reopened' ? lock.reason : null,
      },
      /** A change now is a supplement and needs a reason. */
      supplement: lock.state === 'locked' || lock.state === 'accepted',
      obligation: o
        ? {
            id: o.id,
            reviewState: o.review_state ?? 'draft',
            dueOn: o.extended_due_on ?? o.due_on,
            reviewerUnitId: o.reviewer_unit_id,
          }
        : null,
      actions,
    };
  }

  private elementView(c: LoadedCatalogue, e: Element, state: FormState): ElementView {
    const [first, ...rest] = e.categories;
    const rows = first ? crossOptions(c, [first]) : crossOptions(c, []);
    const columns = crossOptions(c, rest);
    const stored = new Map(state.stored.filter((s) => s.element_id === e.id).map((s) => [s.combo, s]));
    const cells: CellView[] = [];
    let total: number | null = null;
    for (const r of rows) {
      for (const col of columns) {
        const combo = comboKey({ ...r.parts, ...col.parts });
        if (!isCellOf(e, combo)) continue;
        const s = stored.get(combo);
        if (s?.value !== null && s?.value !== undefined) total = (total ?? 0) + s.value;
        cells.push({
          combo,
          row: r.option.key,
          column: col.option.key,
          value: s?.value ?? null,
          notAvailable: s?.not_available ?? false,
          comment: s?.comment ?? null,
          version: s?.version ?? 0,
          updatedAt: s ? new Date(s.updated_at).toISOString() : null,
          updatedBy: s?.updated_by_name ?? null,
        });
      }
    }
    return {
      code: e.code,
      nameVi: e.nameVi,
      nameEn: e.nameEn,
      aggregation: e.aggregation,
      required: e.required,
      min: e.min,
      max: e.max,
      yoy: e.yoy,
      total,
      previousTotal: state.previous.get(e.code) ?? null,
      rowCategory: categoryOption(c, first ? [first] : []),
      columnCategory: categoryOption(c, rest),
      rows: rows.map((r) => r.option),
      columns: columns.map((x) => x.option),
      cells,
    };
  }

  /** Validation as the form would be with the changes (nothing saved). */
  async validate(actor: Actor, unitId: string, periodKey: string, changes: CellChange[]): Promise<ValidationResult> {
    const state = await this.values.formState(this.db, unitId, periodKey);
    indicatorsPolicy.assertCanRead(actor, state.unit.path);
    const byCode = new Map(state.elements.map((e) => [e.code, e]));
    for (const ch of changes) {
      const e = byCode.get(ch.element);
      if (!e || !isCellOf(e, ch.combo)) {
        throw new AppError(400, 'figures_cell_unknown', {
          element: ch.element.slice(0, 60),
          combo: ch.combo.slice(0, 80),
        });
      }
    }
    return this.values.check(actor, unitId, periodKey, changes);
  }

  /** Saves through the one save path and answers the saved form. */
  async save(ctx: Ctx, unitId: string, periodKey: string, input: SaveInput) {
    const result = await this.values.save(ctx, unitId, periodKey, { ...input, source: 'form' });
    const state = await this.values.formState(this.db, unitId, periodKey);
    return { saved: result.saved, supplement: result.supplement, form: this.view(ctx.actor, state) };
  }

  /** Every change of one cell, newest first. */
  async history(actor: Actor, unitId: string, periodKey: string, element: string, combo: string) {
    const state = await this.values.formState(this.db, unitId, periodKey);
    indicatorsPolicy.assertCanRead(actor, state.unit.path);
    const e = state.elements.find((x) => x.code === element);
    if (!e || !isCellOf(e, combo)) {
      throw new AppError(400, 'figures_cell_unknown', { element: element.slice(0, 60), combo: combo.slice(0, 80) });
    }
    const rows = await entryRepo.historyOf(this.db, unitId, periodKey, e.id, combo);
    return {
      element: e.code,
      combo,
      items: rows.map((r) => ({
        id: r.id,
        oldValue: r.old_value,
        oldNotAvailable: r.old_not_available,
        newValue: r.new_value,
        newNotAvailable: r.new_not_available,
        comment: r.comment,
        reason: r.reason,
        supplement: r.supplement,
        source: r.source,
        changedAt: new Date(r.changed_at).toISOString(),
        changedBy: r.changed_by_name,
      })),
    };
  }

  /** The forms the caller may fill or read for a period, with their state and missing cells. */
  async entryList(actor: Actor, periodKey: string) {
    const period = figuresPeriod(periodKey);
    const frequency = periodKey.includes('-H') ? 'semiannual' : 'annual';
    const catalogue = await loadCatalogue(this.db);
    const typed = catalogue.elements.filter((e) => e.computed === null && e.frequency === frequency);
    const kinds = [...new Set(typed.flatMap((e) => e.reporterKinds))];
    const paths = actor.grants.map((g) => g.unitPath);
    const units = (await entryRepo.unitsInScope(this.db, paths, kinds, period.windowEnd)).filter((u) =>
      indicatorsPolicy.canRead(actor, u.path),
    );
    const ids = units.map((u) => u.id);
    const counts = await entryRepo.filledCounts(this.db, ids, periodKey);
    const filled = new Map<string, Map<string, number>>();
    for (const r of counts) {
      const m = filled.get(r.unit_id) ?? new Map<string, number>();
      m.set(r.element_id, Number(r.n));
      filled.set(r.unit_id, m);
    }
    const obligations = new Map<string, Awaited<ReturnType<typeof entryRepo.obligationsOf>>[number]>();
    for (const o of await entryRepo.obligationsOf(this.db, ids, periodKey)) {
      if (!obligations.has(o.unit_id)) obligations.set(o.unit_id, o);
    }
    const items = units.map((u) => {
      const elements = typed.filter((e) => e.reporterKinds.includes(u.kind));
      const mine = filled.get(u.id) ?? new Map<string, number>();
      let expected = 0;
      let present = 0;
      let any = 0;
      for (const e of elements) {
        const n = Math.min(mine.get(e.id) ?? 0, e.combos.length);
        any += n;
        if (!e.required) continue;
        expected += e.combos.length;
        present += n;
      }
      const o = obligations.get(u.id);
      const review = o?.review_state ?? null;
      const missing = expected - present;
      const state: EntryState =
        review === 'submitted' || review === 'accepted' || review === 'returned'
          ? review
          : any === 0
            ? 'empty'
            : missing === 0
              ? 'complete'
              : 'partial';
      return {
        unitId: u.id,
        unitName: u.name,
        kind: u.kind,
        level: u.level,
        state,
        expected,
        filled: present,
        missing,
        obligationId: o?.id ?? null,
        dueOn: o ? (o.extended_due_on ?? o.due_on) : null,
        canEnter: indicatorsPolicy.canEnter(actor, u.path),
      };
    });
    return {
      period: {
        key: period.key,
        labelVi: period.label_vi,
        labelEn: period.label_en,
        start: period.windowStart,
        end: period.windowEnd,
      },
      items,
    };
  }

  /** An administrator reopens a locked period for one unit until a date, with a reason. */
  async reopen(ctx: Ctx, input: { unitId: string; periodKey: string; openUntil: string; reason: string }) {
    const state = await this.values.formState(this.db, input.unitId, input.periodKey);
    indicatorsPolicy.assertCanReopen(ctx.actor, state.unit.path);
    if (state.elements.length === 0) throw new AppError(400, 'figures_no_form');
    const today = this.clock.today();
    if (input.openUntil < today) throw new AppError(400, 'figures_reopen_past', { date: input.openUntil, today });
    const latest = dayjs(today).add(1, 'year').format('YYYY-MM-DD');
    if (input.openUntil > latest) throw new AppError(400, 'figures_reopen_too_long', { date: input.openUntil, latest });
    const reason = input.reason.trim();
    return this.db.transaction().execute(async (trx) => {
      const row = await entryRepo.insertException(trx, {
        unit_id: input.unitId,
        period_key: state.period.key,
        open_until: input.openUntil,
        reason,
        created_by: ctx.actor.userId || null,
        at: this.clock.now(),
      });
      await recordAudit(trx, ctx, {
        action: 'indicator.lock.reopen',
        entityType: 'org_unit',
        entityId: input.unitId,
        after: { period: state.period.key, openUntil: input.openUntil, reason },
      });
      const [item] = (
        await entryRepo.exceptions(trx as unknown as Db, { unitId: input.unitId, periodKey: state.period.key })
      ).filter((x) => x.id === row.id);
      if (!item) throw notFound('unit');
      return this.exceptionView(item, today);
    });
  }

  /** Reopenings the caller may read (optionally of one unit or period), newest first. */
  async reopenings(actor: Actor, filter: { unitId?: string | undefined; periodKey?: string | undefined }) {
    if (filter.periodKey) figuresPeriod(filter.periodKey);
    const today = this.clock.today();
    const rows = await entryRepo.exceptions(this.db, filter);
    return {
      items: rows.filter((r) => indicatorsPolicy.canRead(actor, r.unit_path)).map((r) => this.exceptionView(r, today)),
    };
  }

  private exceptionView(r: Awaited<ReturnType<typeof entryRepo.exceptions>>[number], today: string) {
    return {
      id: r.id,
      unitId: r.unit_id,
      unitName: r.unit_name,
      periodKey: r.period_key,
      openUntil: r.open_until,
      reason: r.reason,
      active: r.open_until >= today,
      createdAt: new Date(r.created_at).toISOString(),
      createdBy: r.created_by_name,
    };
  }
}
