import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Actor, Ctx } from '../../platform/access.js';
import { type Clock, systemClock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { type Locale, type MessageCode, translate } from '../../platform/i18n.js';
import { isStorableText } from '../../platform/text.js';
import { indicatorsPolicy } from './indicators.policy.js';
import {
  buildTemplate,
  COL,
  checksum,
  DATA_SHEET,
  FIRST_ROW,
  FORMAT,
  HEADER_ROW,
  META_SHEET,
  NA_MARK,
  type TemplateMeta,
  type TemplateRow,
} from './spreadsheet.template.js';
import { assertXlsxPackage } from './spreadsheet.zip.js';
import { validateForm } from './validate.js';
import { type CellChange, type FormState, ValuesService } from './values.service.js';

type Db = Kysely<Database>;

/**
 * The spreadsheet round-trip (docs/indicators.md "Spreadsheet round-trip"): a unit's form as an
 * .xlsx template, and the filled template read back. Reading refuses the whole file when it is
 * not this form's template (another unit or period, an edited layout, unknown codes); otherwise
 * each cell is checked on its own (a number, whole, not negative; "x"; a storable comment), the
 * form as it would be is validated like the app's form, and cells changed in the app since the
 * export are conflicts. Nothing is saved while any problem remains, unless the caller accepts the
 * valid part; saving goes through ValuesService.save (source 'spreadsheet'), the one save path.
 */
export const MAX_COMMENT = 1000;
export const MAX_VALUE = 1_000_000_000;

export interface SheetProblem {
  /** The sheet's row and column letter of the cell at fault ('E12'). */
  row: number;
  column: string;
  cell: string;
  element: string;
  combo: string;
  label: string;
  kind: 'error' | 'warning' | 'conflict';
  code: string;
  message: string;
}

export interface ImportReport {
  /** Rows read from the sheet. */
  rows: number;
  /** Cells that differ from the stored form. */
  changed: number;
  /** Changed cells without a problem (saved, or savable). */
  valid: number;
  problems: SheetProblem[];
  saved: number;
  supplement: boolean;
}

const letter = (col: number) => String.fromCharCode(64 + col);

/** A cell's value as plain data: formulas give their result, rich text its text. */
function plain(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && !(v instanceof Date)) {
    if ('result' in v) return plain((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof (v as { text: unknown }).text === 'string') return (v as { text: string }).text;
    if ('error' in v) return { error: true };
  }
  return v;
}

const text = (v: ExcelJS.CellValue): string => {
  const p = plain(v);
  return p === null ? '' : typeof p === 'string' ? p.trim() : typeof p === 'number' ? String(p) : '\u0001';
};

type Parsed<T> = { ok: true; value: T } | { ok: false; code: MessageCode; params?: Record<string, string | number> };

function parseValue(v: ExcelJS.CellValue): Parsed<number | null> {
  const p = plain(v);
  if (p === null) return { ok: true, value: null };
  let n: number;
  if (typeof p === 'number') n = p;
  else if (typeof p === 'string') {
    const s = p.trim();
    if (s === '') return { ok: true, value: null };
    if (!/^[-+]?\d{1,12}([.,]\d{1,6})?$/.test(s)) return { ok: false, code: 'sheet_cell_not_number' };
    n = Number(s.replace(',', '.'));
  } else return { ok: false, code: 'sheet_cell_not_number' };
  if (!Number.isFinite(n)) return { ok: false, code: 'sheet_cell_not_number' };
  if (n < 0) return { ok: false, code: 'sheet_cell_negative' };
  if (!Number.isInteger(n)) return { ok: false, code: 'sheet_cell_not_integer' };
  if (n > MAX_VALUE) return { ok: false, code: 'sheet_cell_too_large', params: { max: MAX_VALUE } };
  return { ok: true, value: n };
}

function parseNa(v: ExcelJS.CellValue): Parsed<boolean> {
  const s = text(v);
  if (s === '') return { ok: true, value: false };
  if (s.toLowerCase() === NA_MARK) return { ok: true, value: true };
  return { ok: false, code: 'sheet_cell_na_invalid' };
}

function parseComment(v: ExcelJS.CellValue): Parsed<string | null> {
  const p = plain(v);
  if (p === null) return { ok: true, value: null };
  const s = typeof p === 'string' ? p.trim() : typeof p === 'number' ? String(p) : null;
  if (s === null || !isStorableText(s)) return { ok: false, code: 'sheet_cell_comment_invalid' };
  if (s.length > MAX_COMMENT) return { ok: false, code: 'sheet_cell_comment_too_long', params: { max: MAX_COMMENT } };
  return { ok: true, value: s === '' ? null : s };
}

/** The metadata sheet read back and checked against its checksum (else the layout was edited). */
function readMeta(wb: ExcelJS.Workbook): TemplateMeta & { checksum: string } {
  const ms = wb.getWorksheet(META_SHEET);
  if (!ms) throw new AppError(400, 'sheet_not_template');
  const cell = (r: number, c: number) => text(ms.getRow(r).getCell(c).value);
  if (cell(1, 1) !== 'format' || cell(1, 2) !== FORMAT) throw new AppError(400, 'sheet_not_template');
  const headers: string[] = [];
  for (let c = 2; c <= 20 && cell(6, c) !== ''; c++) headers.push(cell(6, c));
  const rows: TemplateRow[] = [];
  for (let r = 8; r <= ms.rowCount; r++) {
    if (r - 8 > 5000) throw new AppError(400, 'sheet_layout_changed', { where: META_SHEET });
    const row = Number(cell(r, 1));
    const version = Number(cell(r, 4));
    if (cell(r, 1) === '') break;
    if (!Number.isSafeInteger(row) || !Number.isSafeInteger(version)) {
      throw new AppError(400, 'sheet_layout_changed', { where: META_SHEET });
    }
    rows.push({ row, element: cell(r, 2), combo: cell(r, 3), version, label: cell(r, 5) });
  }
  const meta = {
    format: FORMAT,
    unitId: cell(2, 2),
    periodKey: cell(3, 2),
    exportedAt: cell(4, 2),
    checksum: cell(5, 2),
    headers,
    rows,
  };
  if (checksum(meta) !== meta.checksum) throw new AppError(400, 'sheet_layout_changed', { where: META_SHEET });
  return meta;
}

export class SpreadsheetService {
  private readonly values: ValuesService;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {
    this.values = new ValuesService(db, clock);
  }

  /** The template of a unit's form (anyone who may read the unit's figures). */
  async template(actor: Actor, unitId: string, periodKey: string, locale: Locale) {
    const state = await this.values.formState(this.db, unitId, periodKey);
    indicatorsPolicy.assertCanRead(actor, state.unit.path);
    if (state.elements.length === 0) throw new AppError(400, 'figures_no_form');
    const bytes = await buildTemplate(state, locale, this.clock.now());
    return { bytes, fileName: `so-lieu-chi-tieu-${periodKey}.xlsx`, unitName: state.unit.name };
  }

  async import(
    ctx: Ctx,
    unitId: string,
    periodKey: string,
    bytes: Buffer,
    options: { acceptValidPart: boolean; reason?: string | null | undefined; locale: Locale },
  ): Promise<ImportReport> {
    const state = await this.values.formState(this.db, unitId, periodKey);
    indicatorsPolicy.assertCanEnter(ctx.actor, state.unit.path);
    assertXlsxPackage(bytes);
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw new AppError(400, 'sheet_unreadable');
    }
    const meta = readMeta(wb);
    if (meta.unitId !== unitId || meta.periodKey !== periodKey) {
      const other = /^[0-9a-f-]{36}$/i.test(meta.unitId)
        ? await this.db.selectFrom('org_unit').select('name').where('id', '=', meta.unitId).executeTakeFirst()
        : undefined;
      throw new AppError(400, 'sheet_other_form', {
        unit: other?.name ?? '?',
        period: meta.periodKey.slice(0, 20),
        targetUnit: state.unit.name,
        targetPeriod: periodKey,
      });
    }
    const ws = wb.getWorksheet(DATA_SHEET);
    if (!ws) throw new AppError(400, 'sheet_layout_changed', { where: DATA_SHEET });
    this.assertLayout(ws, meta, state);
    const { changes, problems } = this.readCells(ws, meta, state, options.locale);
    return this.apply(ctx, state, changes, problems, { ...options, rows: meta.rows.length });
  }

  /** Headers, rows and codes as exported and still on the unit's form; else the whole file is refused. */
  private assertLayout(ws: ExcelJS.Worksheet, meta: TemplateMeta, state: FormState) {
    const head = ws.getRow(HEADER_ROW);
    meta.headers.forEach((h, i) => {
      if (text(head.getCell(i + 1).value) !== h) {
        throw new AppError(400, 'sheet_layout_changed', { where: `${letter(i + 1)}${HEADER_ROW}` });
      }
    });
    if (text(head.getCell(meta.headers.length + 1).value) !== '') {
      throw new AppError(400, 'sheet_layout_changed', { where: `${letter(meta.headers.length + 1)}${HEADER_ROW}` });
    }
    let expected = FIRST_ROW;
    for (const r of meta.rows) {
      if (r.row !== expected++) throw new AppError(400, 'sheet_layout_changed', { where: META_SHEET });
      const row = ws.getRow(r.row);
      if (text(row.getCell(COL.code).value) !== r.element || text(row.getCell(COL.combo).value) !== r.label) {
        throw new AppError(400, 'sheet_layout_changed', { where: `${letter(COL.code)}${r.row}` });
      }
      const e = state.catalogue.elementsByCode.get(r.element);
      if (!e || !state.elements.includes(e) || !e.combos.includes(r.combo)) {
        throw new AppError(400, 'sheet_unknown_cell', { element: r.element.slice(0, 60), row: r.row });
      }
    }
    const last = Math.min(ws.rowCount, expected + 1000);
    for (let r = expected; r <= last; r++) {
      const row = ws.getRow(r);
      for (let c = 1; c <= 7; c++) {
        if (text(row.getCell(c).value) !== '')
          throw new AppError(400, 'sheet_layout_changed', { where: `${letter(c)}${r}` });
      }
    }
  }

  /** Each row parsed on its own; cells equal to the stored form are not changes. */
  private readCells(ws: ExcelJS.Worksheet, meta: TemplateMeta, state: FormState, locale: Locale) {
    const changes: (CellChange & { row: number; label: string })[] = [];
    const problems: SheetProblem[] = [];
    for (const r of meta.rows) {
      const e = state.catalogue.elementsByCode.get(r.element);
      if (!e) continue;
      const row = ws.getRow(r.row);
      const label = r.label ? `${e.nameVi} — ${r.label}` : e.nameVi;
      const problem = (col: number, kind: SheetProblem['kind'], code: MessageCode, params = {}) =>
        problems.push({
          row: r.row,
          column: letter(col),
          cell: `${letter(col)}${r.row}`,
          element: r.element,
          combo: r.combo,
          label: locale === 'vi' ? label : `${e.nameEn}${r.label ? ` — ${r.label}` : ''}`,
          kind,
          code,
          message: translate(code, locale, params),
        });
      const value = parseValue(row.getCell(COL.value).value);
      const na = parseNa(row.getCell(COL.na).value);
      const comment = parseComment(row.getCell(COL.comment).value);
      for (const [col, p] of [
        [COL.value, value],
        [COL.na, na],
        [COL.comment, comment],
      ] as const) {
        if (!p.ok) {
          problem(col, 'error', p.code, p.params);
        }
      }
      if (!value.ok || !na.ok || !comment.ok) continue;
      if (value.value !== null && na.value) {
        problem(COL.na, 'error', 'sheet_cell_value_and_na');
        continue;
      }
      const stored = state.stored.find((s) => s.element_id === e.id && s.combo === r.combo);
      const same =
        (stored?.value ?? null) === (na.value ? null : value.value) &&
        (stored?.not_available ?? false) === na.value &&
        (stored?.comment ?? null) === comment.value;
      if (same) continue;
      if ((stored?.version ?? 0) !== r.version) {
        problem(COL.value, 'conflict', 'sheet_cell_conflict', {
          value: stored ? (stored.not_available ? NA_MARK : String(stored.value ?? '')) : '—',
          by: stored?.updated_by_name ?? '?',
        });
        continue;
      }
      changes.push({
        row: r.row,
        label,
        element: r.element,
        combo: r.combo,
        value: na.value ? null : value.value,
        notAvailable: na.value,
        comment: comment.value,
        version: r.version,
      });
    }
    return { changes, problems };
  }

  /**
   * The form's rules on the changed cells; then save all (no problem) or the valid part (asked
   * for): a cell of a broken rule or of a warning without comment is left out, until the rest
   * validates on its own.
   */
  private async apply(
    ctx: Ctx,
    state: FormState,
    parsed: (CellChange & { row: number; label: string })[],
    problems: SheetProblem[],
    options: { acceptValidPart: boolean; reason?: string | null | undefined; locale: Locale; rows: number },
  ): Promise<ImportReport> {
    let kept = parsed;
    const ruleProblems: SheetProblem[] = [];
    for (let round = 0; round <= parsed.length; round++) {
      const after = new Map([...state.cells].map(([code, list]) => [code, list.map((c) => ({ ...c }))] as const));
      for (const c of kept) {
        const list = (after.get(c.element) ?? []).filter((x) => x.combo !== c.combo);
        if (c.value !== null || c.notAvailable) {
          list.push({ combo: c.combo, value: c.value, notAvailable: c.notAvailable, comment: c.comment ?? null });
        }
        after.set(c.element, list);
      }
      const validation = validateForm(state.catalogue, state.elements, after, state.previous);
      const keys = new Set(kept.map((c) => `${c.element}\u0000${c.combo}`));
      const blocked = new Set<string>();
      const issues = [
        ...validation.errors.map((i) => ({ i, kind: 'error' as const })),
        ...validation.warnings.filter((w) => !w.explained).map((i) => ({ i, kind: 'warning' as const })),
      ];
      for (const { i, kind } of issues) {
        const touched = i.cells.filter((c) => keys.has(`${c.element}\u0000${c.combo}`));
        for (const t of touched) {
          const key = `${t.element}\u0000${t.combo}`;
          if (blocked.has(key)) continue;
          blocked.add(key);
          const c = kept.find((x) => x.element === t.element && x.combo === t.combo) as (typeof kept)[number];
          const message =
            kind === 'error'
              ? options.locale === 'vi'
                ? i.messageVi
                : i.messageEn
              : `${options.locale === 'vi' ? i.messageVi : i.messageEn} ${translate('sheet_cell_comment_required', options.locale)}`;
          ruleProblems.push({
            row: c.row,
            column: letter(COL.value),
            cell: `${letter(COL.value)}${c.row}`,
            element: c.element,
            combo: c.combo,
            label: c.label,
            kind,
            code: i.rule ?? i.kind,
            message,
          });
        }
      }
      // Without acceptValidPart the first round is the report (nothing is saved anyway).
      if (blocked.size === 0 || !options.acceptValidPart) break;
      kept = kept.filter((c) => !blocked.has(`${c.element}\u0000${c.combo}`));
    }
    const refused = new Set(ruleProblems.map((p) => `${p.element}\u0000${p.combo}`));
    kept = kept.filter((c) => !refused.has(`${c.element}\u0000${c.combo}`));
    const all = [...problems, ...ruleProblems].sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
    const report: ImportReport = {
      rows: options.rows,
      changed: parsed.length + problems.filter((p) => p.kind === 'conflict').length,
      valid: kept.length,
      problems: all,
      saved: 0,
      supplement: false,
    };
    if (all.length > 0 && !options.acceptValidPart) {
      throw new AppError(400, 'sheet_has_problems', { count: all.length }, { report });
    }
    if (kept.length > 0) {
      const result = await this.values.save(ctx, state.unit.id, state.period.key, {
        changes: kept.map(({ row: _row, label: _label, ...c }) => c),
        reason: options.reason,
        source: 'spreadsheet',
      });
      report.saved = result.saved;
      report.supplement = result.supplement;
    }
    return report;
  }
}
