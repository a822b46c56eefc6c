import type { Element, LoadedCatalogue } from './catalogue.js';
import { type CellValue, compare, elementsOf, evaluate } from './expr.js';

/**
 * Validation of one unit's form for one period (docs/indicators.md "Validation"). Pure: the
 * entry service, the "validate as you type" route and the spreadsheet import all call it on the
 * form as it would be after the change, so what the user sees on a cell is what saving enforces.
 *
 * - errors: a negative or fractional count; a rule of importance `error` broken (e.g. women
 *   members above all members). Saving and submitting are refused while any remains.
 * - warnings: min-max limits, a change from the same period a year before beyond the element's
 *   `yoy` share, and rules of importance `warning`. Each needs a comment on one of its cells.
 * - missing: required cells with neither a number nor "not available" (submitting needs none).
 * Rules whose sides read an element outside the form, or a side with no data, are skipped (a
 * missing value is never taken for zero).
 */
export interface CellRef {
  element: string;
  combo: string;
}

export interface Issue {
  level: 'error' | 'warning';
  /** 'negative' | 'not_integer' | 'rule' | 'above_max' | 'below_min' | 'year_on_year' */
  kind: string;
  /** The rule's code for `rule`. */
  rule?: string;
  messageVi: string;
  messageEn: string;
  cells: CellRef[];
  /** Warnings: true once one of the cells carries a comment. */
  explained: boolean;
}

export interface FormCell extends CellValue {
  comment?: string | null;
}

export interface ValidationResult {
  errors: Issue[];
  warnings: Issue[];
  missing: CellRef[];
  /** Every warning has a comment on one of its cells. */
  explained: boolean;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

export function validateForm(
  catalogue: LoadedCatalogue,
  elements: readonly Element[],
  cells: ReadonlyMap<string, readonly FormCell[]>,
  /** The element totals of the same period a year before (for year-on-year), by element code. */
  previous: ReadonlyMap<string, number> = new Map(),
): ValidationResult {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const missing: CellRef[] = [];
  const inForm = new Set(elements.map((e) => e.code));
  const cellsOf = (code: string) => cells.get(code) ?? [];
  const commented = (refs: CellRef[]) =>
    refs.some((r) => cellsOf(r.element).some((c) => c.combo === r.combo && (c.comment ?? '').trim() !== ''));
  const allCells = (e: Element): CellRef[] => e.combos.map((combo) => ({ element: e.code, combo }));

  for (const e of elements) {
    const present = cellsOf(e.code);
    for (const combo of e.combos) {
      const c = present.find((x) => x.combo === combo);
      if (!c || (c.value === null && !c.notAvailable)) {
        if (e.required) missing.push({ element: e.code, combo });
        continue;
      }
      if (c.value === null) continue;
      const ref = [{ element: e.code, combo }];
      if (c.value < 0) {
        errors.push({
          level: 'error',
          kind: 'negative',
          messageVi: `${e.nameVi}: số lượng không được âm (${fmt(c.value)}).`,
          messageEn: `${e.nameEn}: a count cannot be negative (${fmt(c.value)}).`,
          cells: ref,
          explained: false,
        });
      } else if (!Number.isInteger(c.value)) {
        errors.push({
          level: 'error',
          kind: 'not_integer',
          messageVi: `${e.nameVi}: số lượng phải là số nguyên (${fmt(c.value)}).`,
          messageEn: `${e.nameEn}: a count must be a whole number (${fmt(c.value)}).`,
          cells: ref,
          explained: false,
        });
      }
    }
    // Limits and year-on-year change apply to the element's total (one unit's total is small).
    const total = present.reduce((s, c) => s + (c.value ?? 0), 0);
    const anyNumber = present.some((c) => c.value !== null);
    if (!anyNumber) continue;
    const refs = allCells(e);
    if (e.max !== null && total > e.max) {
      warnings.push({
        level: 'warning',
        kind: 'above_max',
        messageVi: `${e.nameVi}: ${fmt(total)} vượt mức thường gặp tối đa ${fmt(e.max)}; hãy kiểm tra và ghi chú.`,
        messageEn: `${e.nameEn}: ${fmt(total)} is above the usual maximum ${fmt(e.max)}; check it and add a comment.`,
        cells: refs,
        explained: commented(refs),
      });
    }
    if (e.min !== null && total < e.min) {
      warnings.push({
        level: 'warning',
        kind: 'below_min',
        messageVi: `${e.nameVi}: ${fmt(total)} thấp hơn mức thường gặp tối thiểu ${fmt(e.min)}; hãy kiểm tra và ghi chú.`,
        messageEn: `${e.nameEn}: ${fmt(total)} is below the usual minimum ${fmt(e.min)}; check it and add a comment.`,
        cells: refs,
        explained: commented(refs),
      });
    }
    const before = previous.get(e.code);
    if (e.yoy !== null && before !== undefined && before > 0 && Math.abs(total - before) / before > e.yoy) {
      const pct = Math.round(((total - before) / before) * 100);
      warnings.push({
        level: 'warning',
        kind: 'year_on_year',
        messageVi: `${e.nameVi}: thay đổi ${pct > 0 ? '+' : ''}${pct}% so với cùng kỳ năm trước (${fmt(before)} → ${fmt(total)}); hãy ghi chú lý do.`,
        messageEn: `${e.nameEn}: ${pct > 0 ? '+' : ''}${pct}% on the same period a year before (${fmt(before)} → ${fmt(total)}); explain in a comment.`,
        cells: refs,
        explained: commented(refs),
      });
    }
  }

  for (const r of catalogue.rules) {
    const codes = [...elementsOf(r.left), ...elementsOf(r.right)];
    if (!codes.every((c) => inForm.has(c))) continue;
    const left = evaluate(r.left, cellsOf, catalogue.categories);
    const right = evaluate(r.right, cellsOf, catalogue.categories);
    if (left === null || right === null || compare(left, r.operator, right)) continue;
    const refs = codes.flatMap((code) => {
      const e = catalogue.elementsByCode.get(code);
      return e ? allCells(e) : [];
    });
    const issue: Issue = {
      level: r.importance,
      kind: 'rule',
      rule: r.code,
      messageVi: `${r.nameVi} (${fmt(left)} ${r.operator} ${fmt(right)} không thỏa).`,
      messageEn: `${r.nameEn} (${fmt(left)} ${r.operator} ${fmt(right)} does not hold).`,
      cells: refs,
      explained: r.importance === 'warning' ? commented(refs) : false,
    };
    (r.importance === 'error' ? errors : warnings).push(issue);
  }

  return { errors, warnings, missing, explained: warnings.every((w) => w.explained) };
}
