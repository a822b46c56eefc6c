import type { Kysely } from 'kysely';
import { type Actor, readablePrefixes } from '../../platform/access.js';
import { type Clock, systemClock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Period } from '../followup/periods.js';
import { type Element, type Indicator, type LoadedCatalogue, loadCatalogue } from './catalogue.js';
import { comboMatches, type Expr, elementsOf, parseCombo } from './expr.js';
import { indicatorsPolicy } from './indicators.policy.js';
import * as repo from './rollup.repository.js';
import { figuresPeriod } from './values.service.js';

type Db = Kysely<Database>;

/**
 * The roll-up (docs/indicators.md "Roll-up", "Targets and status"): an indicator for a period and
 * a root unit, as Σ numerator ÷ Σ denominator over the units of the subtree as they were at the
 * period's cut-off — never an average of ratios —, per direct child and for the root, with
 * completeness, the target that applies and the red / amber / green status.
 */

export type Status = 'green' | 'amber' | 'red' | 'grey';

/**
 * Green: the target is met. Amber: within `amberRatio` of it (up: value ≥ target × ratio; down:
 * value ≤ target ÷ ratio). Red: further. Grey: no target, or no value.
 */
export function statusOf(
  value: number | null,
  target: number | null,
  direction: 'up' | 'down',
  amberRatio: number,
): Status {
  if (value === null || target === null) return 'grey';
  const eps = 1e-9;
  if (direction === 'up') {
    if (value + eps >= target) return 'green';
    return value + eps >= target * amberRatio ? 'amber' : 'red';
  }
  if (value <= target + eps) return 'green';
  return amberRatio > 0 && value <= target / amberRatio + eps ? 'amber' : 'red';
}

export interface UnitBrief {
  id: string;
  name: string;
  kind: string;
  level: string;
}

export interface Completeness {
  /** Required cells expected: units active then, of a kind reporting the element, × its cells. */
  expected: number;
  /** Present (a number or "not available"), whatever the approval. */
  entered: number;
  /** Present in units whose figures were accepted. */
  accepted: number;
  /** accepted ÷ expected, 0–1 (null: nothing expected). */
  rate: number | null;
  /** entered ÷ expected, 0–1. */
  enteredRate: number | null;
}

export interface TargetView {
  value: number;
  source: string;
  note: string | null;
  /** The unit whose own target applies; null: the national target. */
  unitId: string | null;
}

export interface Figure {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  target: TargetView | null;
  status: Status;
  completeness: Completeness;
}

export interface RollupRow extends Figure {
  unit: UnitBrief & { hasChildren: boolean };
}

export interface Breakdown {
  element: string;
  elementName: string;
  category: string;
  categoryName: string;
  options: { code: string; name: string; value: number | null }[];
}

export interface RollupView {
  indicator: { code: string; name: string; direction: 'up' | 'down'; amberRatio: number; factor: number; unit: string };
  period: { key: string; label: string; start: string; end: string };
  root: UnitBrief;
  /** The root did not exist at the cut-off: its rows are the units it was formed from. */
  fromPredecessors: boolean;
  trail: UnitBrief[];
  scope: UnitBrief[];
  total: Figure;
  rows: RollupRow[];
  breakdown: Breakdown[];
  distribution: Record<Status, number>;
}

const MAX_TREND_YEARS = 15;

interface Plan {
  elements: Element[];
  /** Element id → periods of its values in this view. */
  periods: Map<string, string[]>;
}

/** Which periods hold an element's values in a view: a year sums (or takes the last of) its halves. */
function periodsOf(e: Element, periodKey: string): string[] {
  const annual = /^\d{4}$/.test(periodKey);
  if (e.computed !== null) return [periodKey];
  if (e.frequency === 'semiannual') return annual ? [`${periodKey}-H1`, `${periodKey}-H2`] : [periodKey];
  return annual ? [periodKey] : [];
}

function planOf(c: LoadedCatalogue, ind: Indicator, periodKey: string): Plan {
  const codes = new Set([...elementsOf(ind.numerator), ...(ind.denominator ? elementsOf(ind.denominator) : [])]);
  const elements = [...codes].map((code) => c.elementsByCode.get(code)).filter((e): e is Element => !!e);
  return { elements, periods: new Map(elements.map((e) => [e.id, periodsOf(e, periodKey)])) };
}

/** Per row key: per element id: per combo: [Σ, cells]. */
type Sums = Map<string, Map<string, Map<string, { total: number; cells: number }>>>;

function add(
  into: Map<string, Map<string, { total: number; cells: number }>>,
  el: string,
  combo: string,
  total: number,
  cells: number,
) {
  const byCombo = into.get(el) ?? new Map<string, { total: number; cells: number }>();
  const cur = byCombo.get(combo) ?? { total: 0, cells: 0 };
  byCombo.set(combo, { total: cur.total + total, cells: cur.cells + cells });
  into.set(el, byCombo);
}

/** The value of an expression over aggregated cells: null when a term has no number (expr.ts). */
function evaluateSums(
  expr: Expr,
  c: LoadedCatalogue,
  cells: Map<string, Map<string, { total: number; cells: number }>>,
  counts: Map<string, number>,
): number | null {
  let total = 0;
  for (const t of expr.terms) {
    if (t.kind === 'constant') {
      total += t.sign * t.value;
      continue;
    }
    const e = c.elementsByCode.get(t.element);
    if (!e) return null;
    if (t.kind === 'count') {
      total += t.sign * (counts.get(e.id) ?? 0);
      continue;
    }
    let sum = 0;
    let seen = false;
    for (const [combo, v] of cells.get(e.id) ?? []) {
      if (v.cells === 0 || !comboMatches(combo, t.filter, c.categories)) continue;
      sum += v.total;
      seen = true;
    }
    if (!seen) return null;
    total += t.sign * sum;
  }
  return total;
}

const rate = (part: number, whole: number) => (whole > 0 ? Math.min(1, part / whole) : null);

export class RollupService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {}

  private async indicator(code: string): Promise<{ c: LoadedCatalogue; ind: Indicator }> {
    const c = await loadCatalogue(this.db);
    const ind = c.indicators.find((i) => i.code === code);
    if (!ind) throw new AppError(400, 'rollup_indicator_unknown', { code: code.slice(0, 40) });
    return { c, ind };
  }

  /** The units a reader starts from: the tops of the directory, or the units of the grants. */
  async scopeOf(actor: Actor): Promise<UnitBrief[]> {
    const prefixes = readablePrefixes(actor);
    const units =
      prefixes === null
        ? await repo.topUnits(this.db)
        : await repo.unitsByIds(
            this.db,
            actor.grants.map((g) => g.unitId).filter((x): x is string => x !== null),
          );
    // A grant inside another grant's subtree adds nothing: keep the outermost.
    const outer = units.filter((u) => !units.some((o) => o.id !== u.id && u.path.startsWith(o.path)));
    return outer.sort((a, b) => a.path.length - b.path.length || a.name.localeCompare(b.name)).map(brief);
  }

  private async rootOf(actor: Actor, unitId: string | undefined) {
    const id = unitId ?? (await this.scopeOf(actor))[0]?.id;
    if (!id) throw notFound('unit');
    const root = await repo.findUnit(this.db, id);
    if (!root) throw notFound('unit');
    indicatorsPolicy.assertCanRead(actor, root.path);
    return root;
  }

  /** The roll-up of one indicator for a period under a unit (default: the top of the reader's scope). */
  async rollup(
    actor: Actor,
    q: { indicator: string; period: string; unitId?: string | undefined },
  ): Promise<RollupView> {
    const period = figuresPeriod(q.period);
    const { c, ind } = await this.indicator(q.indicator);
    const root = await this.rootOf(actor, q.unitId);
    const [computed, scope] = await Promise.all([this.compute(c, ind, period, root, true), this.scopeOf(actor)]);
    const trailIds = root.path.split('/').filter(Boolean);
    const trailUnits = await repo.unitsByIds(this.db, trailIds);
    const trail = trailIds
      .map((id) => trailUnits.find((u) => u.id === id))
      .filter((u): u is repo.UnitRef => !!u && indicatorsPolicy.canRead(actor, u.path))
      .map(brief);
    const distribution: Record<Status, number> = { green: 0, amber: 0, red: 0, grey: 0 };
    // Units the indicator concerns: a value, or cells expected from them.
    for (const r of computed.rows) {
      if (r.value !== null || r.completeness.expected > 0) distribution[r.status]++;
    }
    return {
      indicator: indicatorBrief(ind),
      period: { key: period.key, label: period.label_vi, start: period.windowStart, end: period.windowEnd },
      root: brief(root),
      fromPredecessors: computed.fromPredecessors,
      trail,
      scope,
      total: computed.total,
      rows: computed.rows,
      breakdown: computed.breakdown,
      distribution,
    };
  }

  /** Yearly values of the root against its targets, `from`–`to` (at most 15 years). */
  async trend(actor: Actor, q: { indicator: string; unitId?: string | undefined; from: number; to: number }) {
    if (q.to < q.from || q.to - q.from >= MAX_TREND_YEARS) {
      throw new AppError(400, 'rollup_trend_range', { max: MAX_TREND_YEARS });
    }
    const { c, ind } = await this.indicator(q.indicator);
    const root = await this.rootOf(actor, q.unitId);
    const points = [];
    for (let y = q.from; y <= q.to; y++) {
      const period = figuresPeriod(String(y));
      const { total } = await this.compute(c, ind, period, root, false);
      points.push({ year: y, ...total });
    }
    return { indicator: indicatorBrief(ind), root: brief(root), points };
  }

  /** Every indicator of the catalogue for a unit and period: value, target, status, completeness. */
  async summary(actor: Actor, q: { period: string; unitId?: string | undefined }) {
    const period = figuresPeriod(q.period);
    const c = await loadCatalogue(this.db);
    const root = await this.rootOf(actor, q.unitId);
    const half = period.key.includes('-H');
    const items = [];
    for (const ind of c.indicators) {
      if (half && !ind.periods.includes('H')) continue;
      const { total } = await this.compute(c, ind, period, root, false);
      items.push({ indicator: { ...indicatorBrief(ind), area: ind.area }, ...total });
    }
    return { root: brief(root), period: { key: period.key, label: period.label_vi }, items };
  }

  /**
   * The figures of the root and, with `rows`, of each direct child as it was at the cut-off.
   * A root that did not exist at the cut-off (a commune formed by a merger) is the sum of the
   * units it was formed from, through the successions: they are its rows.
   */
  async compute(c: LoadedCatalogue, ind: Indicator, period: Period, root: repo.UnitRef, rows: boolean) {
    const end = period.windowEnd;
    const existed =
      (root.valid_from === null || root.valid_from <= end) && (root.valid_to === null || root.valid_to > end);
    let rowUnits: repo.UnitRef[] = [];
    let prefixes: string[] = [];
    let fromPredecessors = false;
    const preds = existed
      ? []
      : await repo.unitsByIds(
          this.db,
          (await repo.predecessorsOf(this.db, root.id)).map((p) => p.id),
        );
    const active = preds.filter(
      (u) => (u.valid_from === null || u.valid_from <= end) && (u.valid_to === null || u.valid_to > end),
    );
    if (active.length === 0) {
      // The root then (or a root that ended without successor history: its units active then).
      prefixes = [root.path];
      if (rows) rowUnits = await repo.childrenAt(this.db, root.id, end);
    } else {
      // A predecessor inside another's subtree is already counted there.
      rowUnits = active.filter((u) => !active.some((o) => o.id !== u.id && u.path.startsWith(o.path)));
      prefixes = rowUnits.map((u) => u.path);
      fromPredecessors = true;
    }
    const scope: repo.RollupScope = { prefixes, groups: rowUnits.map((u) => u.path), end };
    const plan = planOf(c, ind, period.key);
    const specs: repo.TermSpec[] = plan.elements
      .filter((e) => (plan.periods.get(e.id) ?? []).length > 0)
      .map((e) => ({
        elementId: e.id,
        periods: plan.periods.get(e.id) ?? [],
        last: e.aggregation === 'last',
        combos: e.computed === null ? e.combos : null,
        computed: e.computed,
      }));
    const countEls = new Set(
      [...ind.numerator.terms, ...(ind.denominator?.terms ?? [])].flatMap((t) =>
        t.kind === 'count' ? [t.element] : [],
      ),
    );
    const required = plan.elements.filter(
      (e) => e.computed === null && e.required && (plan.periods.get(e.id) ?? []).length > 0,
    );
    const [sums, counts, complete, targets, withChildren] = await Promise.all([
      repo.sums(this.db, scope, specs, { start: period.windowStart, end }, this.clock.today()),
      Promise.all(
        [...countEls].map(async (code) => {
          const e = c.elementsByCode.get(code);
          if (!e) return [];
          const rows2 = await repo.unitCounts(this.db, scope, e.id, plan.periods.get(e.id) ?? []);
          return rows2.map((r) => ({ ...r, element_id: e.id }));
        }),
      ),
      repo.completeness(
        this.db,
        scope,
        required.map((e) => ({
          elementId: e.id,
          periods: plan.periods.get(e.id) ?? [],
          combos: e.combos,
          kinds: e.reporterKinds,
        })),
        period.key,
      ),
      repo.targets(this.db, ind.id, [Number(period.key.slice(0, 4))]),
      rows
        ? repo.unitsWithChildren(
            this.db,
            rowUnits.map((u) => u.id),
            end,
          )
        : Promise.resolve(new Set<string>()),
    ]);

    const byKey: Sums = new Map();
    const all = new Map<string, Map<string, { total: number; cells: number }>>();
    for (const s of sums) {
      const k = byKey.get(s.key) ?? new Map();
      add(k, s.element_id, s.combo, Number(s.total ?? 0), Number(s.cells));
      byKey.set(s.key, k);
      add(all, s.element_id, s.combo, Number(s.total ?? 0), Number(s.cells));
    }
    const countsByKey = new Map<string, Map<string, number>>();
    const countsAll = new Map<string, number>();
    for (const r of counts.flat()) {
      const m = countsByKey.get(r.key) ?? new Map<string, number>();
      m.set(r.element_id, (m.get(r.element_id) ?? 0) + r.units);
      countsByKey.set(r.key, m);
      countsAll.set(r.element_id, (countsAll.get(r.element_id) ?? 0) + r.units);
    }
    const cellsOf = (e: Element) => e.combos.length;
    const completenessOf = (keyFilter: ((k: string) => boolean) | null): Completeness => {
      let expected = 0;
      let entered = 0;
      let accepted = 0;
      for (const r of complete) {
        if (keyFilter && !keyFilter(r.key)) continue;
        const e = c.elementsById.get(r.element_id);
        if (!e) continue;
        expected += r.reporters * cellsOf(e) * (plan.periods.get(e.id)?.length ?? 1);
        entered += r.present;
        accepted += r.accepted;
      }
      return { expected, entered, accepted, rate: rate(accepted, expected), enteredRate: rate(entered, expected) };
    };
    const targetFor = (path: string): TargetView | null => {
      const ids = path.split('/').filter(Boolean).reverse();
      for (const id of ids) {
        const t = targets.find((x) => x.unit_id === id);
        if (t) return { value: Number(t.value), source: t.source, note: t.note, unitId: id };
      }
      const national = targets.find((x) => x.unit_id === null);
      return national
        ? { value: Number(national.value), source: national.source, note: national.note, unitId: null }
        : null;
    };
    const figure = (
      cells: Map<string, Map<string, { total: number; cells: number }>>,
      cnt: Map<string, number>,
      path: string,
      comp: Completeness,
    ): Figure => {
      const numerator = evaluateSums(ind.numerator, c, cells, cnt);
      const denominator = ind.denominator ? evaluateSums(ind.denominator, c, cells, cnt) : null;
      const value =
        numerator === null
          ? null
          : ind.denominator === null
            ? numerator
            : denominator !== null && denominator > 0
              ? (numerator / denominator) * ind.factor
              : null;
      const target = targetFor(path);
      return {
        numerator,
        denominator,
        value,
        target,
        status: statusOf(value, target?.value ?? null, ind.direction, ind.amberRatio),
        completeness: comp,
      };
    };
    const total = figure(all, countsAll, root.path, completenessOf(null));
    const rowViews: RollupRow[] = rowUnits.map((u) => ({
      unit: { ...brief(u), hasChildren: withChildren.has(u.id) },
      ...figure(
        byKey.get(u.path) ?? new Map(),
        countsByKey.get(u.path) ?? new Map(),
        u.path,
        completenessOf((k) => k === u.path),
      ),
    }));
    return { fromPredecessors, total, rows: rowViews, breakdown: rows ? breakdownOf(c, ind, all) : [] };
  }
}

/** The numerator's elements split by each of their categories (the total's disaggregation). */
function breakdownOf(
  c: LoadedCatalogue,
  ind: Indicator,
  all: Map<string, Map<string, { total: number; cells: number }>>,
): Breakdown[] {
  const out: Breakdown[] = [];
  for (const t of ind.numerator.terms) {
    if (t.kind !== 'element') continue;
    const e = c.elementsByCode.get(t.element);
    if (!e || e.categories.length === 0) continue;
    const cells = all.get(e.id) ?? new Map();
    for (const cat of e.categories) {
      const def = c.categories.get(cat);
      if (!def) continue;
      const options = def.options.map((o) => {
        let value: number | null = null;
        for (const [combo, v] of cells) {
          if (v.cells === 0 || !comboMatches(combo, t.filter, c.categories)) continue;
          if (parseCombo(combo)[cat] !== o.code) continue;
          value = (value ?? 0) + v.total;
        }
        return { code: o.code, name: o.nameVi, value };
      });
      out.push({ element: e.code, elementName: e.nameVi, category: cat, categoryName: def.nameVi, options });
    }
  }
  return out;
}

function brief(u: repo.UnitRef): UnitBrief {
  return { id: u.id, name: u.name, kind: u.kind, level: u.level };
}

function indicatorBrief(ind: Indicator) {
  return {
    code: ind.code,
    name: ind.nameVi,
    direction: ind.direction,
    amberRatio: ind.amberRatio,
    factor: ind.factor,
    unit: ind.denominator === null ? '' : ind.factor === 100 ? '%' : `/${ind.factor}`,
  };
}
