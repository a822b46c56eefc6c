import dayjs from 'dayjs';
import type { Kysely, Transaction } from 'kysely';
import type { Actor, Ctx } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { type Clock, systemClock } from '../../platform/clock.js';
import { staleVersion } from '../../platform/db/conflicts.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import { defaultRegime, type Period, PeriodError, periodByKey } from '../followup/periods.js';
import { type Element, formElements, isCellOf, type LoadedCatalogue, loadCatalogue } from './catalogue.js';
import { indicatorsPolicy } from './indicators.policy.js';
import { type FormCell, type ValidationResult, validateForm } from './validate.js';
import * as repo from './values.repository.js';

type Db = Kysely<Database>;

/**
 * Entering a unit's figures (docs/indicators.md "Entry"): the form's state, validation as you
 * type, and the one save path every writer uses (the form, the spreadsheet import, the demo).
 *
 * A save is all or nothing: each changed cell carries the version it was read at (0: empty), the
 * whole form is validated as it would be after the change, and an error — or a warning without a
 * comment — on a changed cell refuses the save with every issue listed per cell. The cells, their
 * history rows and one audit row commit together, under a lock on (unit, period) so that two
 * saves cannot each pass a rule the pair breaks.
 *
 * Locks: the period locks `lock_after_days` after the figures obligation's deadline (without an
 * obligation: 90 days after the cut-off); an administrator's reopening for the unit lifts it until
 * its date. After the lock, or once the figures were accepted, a change is a supplement and needs
 * a reason. While submitted and awaiting review, nothing changes until the reviewer returns them.
 */

export interface CellChange {
  element: string;
  combo: string;
  value: number | null;
  notAvailable: boolean;
  comment?: string | null | undefined;
  /** The version the cell was read at; 0 for an empty cell. */
  version: number;
}

export interface SaveInput {
  changes: CellChange[];
  /** Required for a supplement (after the lock or the acceptance). */
  reason?: string | null | undefined;
  source?: 'form' | 'spreadsheet' | 'seed';
}

export type LockState =
  | { state: 'open'; locksOn: string }
  | { state: 'reopened'; until: string; reason: string }
  | { state: 'locked'; lockedOn: string }
  | { state: 'accepted' }
  | { state: 'under_review' };

export interface FormState {
  unit: NonNullable<Awaited<ReturnType<typeof repo.findUnit>>>;
  period: Period;
  elements: Element[];
  cells: Map<string, FormCell[]>;
  stored: repo.StoredCell[];
  previous: Map<string, number>;
  lock: LockState;
  obligation: Awaited<ReturnType<typeof repo.figuresObligations>>[number] | null;
  catalogue: LoadedCatalogue;
}

export const NO_OBLIGATION_LOCK_DAYS = 90;

/** '2025' (annual) or '2025-H1' / '2025-H2' (six-monthly), Decree 09 windows; else 400. */
export function figuresPeriod(key: string): Period {
  const frequency = /^\d{4}$/.test(key) ? 'annual' : /^\d{4}-H[12]$/.test(key) ? 'semiannual' : null;
  try {
    if (frequency) return periodByKey(defaultRegime(frequency), key);
  } catch (e) {
    if (!(e instanceof PeriodError)) throw e;
  }
  throw new AppError(400, 'figures_period_invalid', { period: key.slice(0, 40) });
}

/** The same period a year before ('2025' → '2024', '2025-H1' → '2024-H1'). */
export function yearBefore(key: string): string {
  return `${Number(key.slice(0, 4)) - 1}${key.slice(4)}`;
}

const frequencyOf = (key: string) => (key.includes('-H') ? 'semiannual' : 'annual');

export class ValuesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {}

  /** The unit's form for the period with every cell, the previous year's totals and the lock. */
  async formState(db: Db | Transaction<Database>, unitId: string, periodKey: string): Promise<FormState> {
    const period = figuresPeriod(periodKey);
    const unit = await repo.findUnit(db, unitId);
    if (!unit) throw notFound('unit');
    const catalogue = await loadCatalogue(db);
    const elements = formElements(catalogue, unit.kind).filter((e) => e.frequency === frequencyOf(periodKey));
    const stored = await repo.cellsOf(db, unitId, periodKey);
    const cells = new Map<string, FormCell[]>();
    for (const s of stored) {
      const e = catalogue.elementsById.get(s.element_id);
      if (!e) continue;
      const list = cells.get(e.code) ?? [];
      list.push({ combo: s.combo, value: s.value, notAvailable: s.not_available, comment: s.comment });
      cells.set(e.code, list);
    }
    const before = await repo.totalsOf(db, unitId, yearBefore(periodKey));
    const previous = new Map<string, number>();
    for (const [id, total] of before) {
      const e = catalogue.elementsById.get(id);
      if (e) previous.set(e.code, total);
    }
    const obligations = await repo.figuresObligations(db, unitId, periodKey);
    const obligation = obligations[0] ?? null;
    const lock = await this.lockState(db, unitId, period, obligation);
    return { unit, period, elements, cells, stored, previous, lock, obligation, catalogue };
  }

  private async lockState(
    db: Db | Transaction<Database>,
    unitId: string,
    period: Period,
    obligation: FormState['obligation'],
  ): Promise<LockState> {
    if (obligation?.review_state === 'submitted') return { state: 'under_review' };
    if (obligation?.review_state === 'accepted') return { state: 'accepted' };
    const today = this.clock.today();
    const due = obligation ? (obligation.extended_due_on ?? obligation.due_on) : period.windowEnd;
    const days = obligation ? (obligation.lock_after_days ?? 30) : NO_OBLIGATION_LOCK_DAYS;
    const locksOn = dayjs(due).add(days, 'day').format('YYYY-MM-DD');
    if (today <= locksOn) return { state: 'open', locksOn };
    const exception = await repo.openException(db, unitId, period.key, today);
    if (exception) return { state: 'reopened', until: exception.open_until, reason: exception.reason };
    return { state: 'locked', lockedOn: locksOn };
  }

  /** Validation of the form as it would be with `changes` (nothing saved): "as you type". */
  async check(actor: Actor, unitId: string, periodKey: string, changes: CellChange[]): Promise<ValidationResult> {
    const state = await this.formState(this.db, unitId, periodKey);
    indicatorsPolicy.assertCanRead(actor, state.unit.path);
    return validateForm(state.catalogue, state.elements, merged(state, changes), state.previous);
  }

  /** Saves changed cells, all or nothing; answers the validation of the saved form. */
  async save(
    ctx: Ctx,
    unitId: string,
    periodKey: string,
    input: SaveInput,
  ): Promise<{ saved: number; supplement: boolean; validation: ValidationResult }> {
    const first = await this.formState(this.db, unitId, periodKey);
    indicatorsPolicy.assertCanEnter(ctx.actor, first.unit.path);
    if (first.period.windowStart > this.clock.today()) {
      throw new AppError(400, 'figures_period_not_open', { period: periodKey, start: first.period.windowStart });
    }
    return this.db.transaction().execute(async (trx) => {
      await repo.lockForm(trx, unitId, periodKey);
      const state = await this.formState(trx, unitId, periodKey);
      if (state.elements.length === 0) throw new AppError(400, 'figures_no_form');
      if (state.lock.state === 'under_review') throw new AppError(409, 'figures_under_review');
      const supplement = state.lock.state === 'locked' || state.lock.state === 'accepted';
      const reason = input.reason?.trim() || null;
      if (supplement && !reason) {
        const date = state.lock.state === 'locked' ? state.lock.lockedOn : this.clock.today();
        throw new AppError(409, 'figures_locked_reason_required', { date });
      }
      const byCode = new Map(state.elements.map((e) => [e.code, e]));
      const seen = new Set<string>();
      for (const c of input.changes) {
        const e = byCode.get(c.element);
        if (!e || !isCellOf(e, c.combo)) {
          throw new AppError(400, 'figures_cell_unknown', {
            element: c.element.slice(0, 60),
            combo: c.combo.slice(0, 80),
          });
        }
        const key = `${c.element}\u0000${c.combo}`;
        if (seen.has(key)) {
          throw new AppError(400, 'figures_cell_unknown', {
            element: c.element.slice(0, 60),
            combo: c.combo.slice(0, 80),
          });
        }
        seen.add(key);
        const current = state.stored.find((s) => s.element_id === e.id && s.combo === c.combo);
        if ((current?.version ?? 0) !== c.version) {
          throw staleVersion('data_value', c.version, {
            version: current?.version ?? 0,
            ...{ element: c.element, combo: c.combo, value: current?.value ?? null },
          });
        }
      }
      const after = merged(state, input.changes);
      const validation = validateForm(state.catalogue, state.elements, after, state.previous);
      const touches = (refs: { element: string; combo: string }[]) =>
        refs.some((r) => seen.has(`${r.element}\u0000${r.combo}`));
      const blocking = validation.errors.filter((i) => touches(i.cells));
      if (blocking.length > 0) {
        throw new AppError(400, 'figures_invalid', { count: blocking.length }, { validation });
      }
      const unexplained = validation.warnings.filter((w) => !w.explained && touches(w.cells));
      if (unexplained.length > 0) {
        throw new AppError(400, 'figures_comment_required', { count: unexplained.length }, { validation });
      }
      const now = this.clock.now();
      const actorId = ctx.actor.userId || null;
      const history: Parameters<typeof repo.insertHistory>[1] = [];
      let saved = 0;
      for (const c of input.changes) {
        const e = byCode.get(c.element) as Element;
        const current = state.stored.find((s) => s.element_id === e.id && s.combo === c.combo);
        const comment = c.comment === undefined ? (current?.comment ?? null) : c.comment?.trim() || null;
        const empty = c.value === null && !c.notAvailable;
        const unchanged =
          current !== undefined &&
          current.value === c.value &&
          current.not_available === c.notAvailable &&
          current.comment === comment;
        if (unchanged || (empty && !current)) continue;
        if (empty) await repo.deleteCell(trx, unitId, periodKey, e.id, c.combo);
        else
          await repo.upsertCell(
            trx,
            unitId,
            periodKey,
            {
              element_id: e.id,
              combo: c.combo,
              value: c.notAvailable ? null : c.value,
              not_available: c.notAvailable,
              comment,
            },
            actorId,
            now,
          );
        saved++;
        history.push({
          unit_id: unitId,
          period_key: periodKey,
          element_id: e.id,
          combo: c.combo,
          old_value: current?.value ?? null,
          old_not_available: current ? current.not_available : null,
          new_value: empty || c.notAvailable ? null : c.value,
          new_not_available: empty ? null : c.notAvailable,
          comment,
          reason,
          supplement,
          source: input.source ?? 'form',
          changed_at: now,
          changed_by: actorId,
        });
      }
      await repo.insertHistory(trx, history);
      if (saved > 0) {
        await recordAudit(trx, ctx, {
          action: supplement ? 'indicator.values.supplement' : 'indicator.values.save',
          entityType: 'org_unit',
          entityId: unitId,
          after: { period: periodKey, cells: saved, source: input.source ?? 'form', reason },
        });
      }
      return { saved, supplement, validation };
    });
  }
}

/** The form's cells with the changes applied (an emptied cell disappears). */
function merged(state: FormState, changes: CellChange[]): Map<string, FormCell[]> {
  const out = new Map<string, FormCell[]>();
  for (const [code, list] of state.cells)
    out.set(
      code,
      list.map((c) => ({ ...c })),
    );
  for (const c of changes) {
    const list = (out.get(c.element) ?? []).filter((x) => x.combo !== c.combo);
    const before = state.cells.get(c.element)?.find((x) => x.combo === c.combo);
    if (c.value !== null || c.notAvailable) {
      list.push({
        combo: c.combo,
        value: c.notAvailable ? null : c.value,
        notAvailable: c.notAvailable,
        comment: c.comment === undefined ? (before?.comment ?? null) : c.comment,
      });
    }
    out.set(c.element, list);
  }
  return out;
}
