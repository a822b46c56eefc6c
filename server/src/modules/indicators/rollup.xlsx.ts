import ExcelJS from 'exceljs';
import type { RollupView, Status } from './rollup.js';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const STATUS_VI: Record<Status, string> = { green: 'Đạt', amber: 'Gần đạt', red: 'Chưa đạt', grey: 'Chưa đánh giá' };
const FILL: Record<Status, string> = { green: 'FFC6EFCE', amber: 'FFFFEB9C', red: 'FFFFC7CE', grey: 'FFEDEDED' };

/**
 * The roll-up table as a workbook: one row per unit, numbers as numbers; the total's numerator
 * and denominator are SUM formulas over the rows when they are exactly that sum (no value of the
 * root's own; an empty row adds nothing), and its value the ratio of those cells — a ratio of sums.
 */
export async function rollupWorkbook(view: RollupView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Triển Khai';
  const ws = wb.addWorksheet(view.indicator.code);
  ws.addRow([`${view.indicator.code} — ${view.indicator.name}`]).font = { bold: true, size: 13 };
  ws.addRow([`${view.root.name} · Kỳ ${view.period.label}`]);
  ws.addRow([]);
  const header = ws.addRow([
    'Đơn vị',
    'Tử số',
    'Mẫu số',
    `Giá trị${view.indicator.unit ? ` (${view.indicator.unit})` : ''}`,
    'Mục tiêu',
    'Trạng thái',
    'Đầy đủ (đã duyệt)',
    'Đầy đủ (đã nhập)',
  ]);
  header.font = { bold: true };
  const first = ws.rowCount + 1;
  for (const r of view.rows) {
    const row = ws.addRow([
      r.unit.name,
      r.numerator,
      r.denominator,
      r.value,
      r.target?.value ?? null,
      STATUS_VI[r.status],
      r.completeness.rate,
      r.completeness.enteredRate,
    ]);
    row.getCell(6).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[r.status] } };
  }
  const last = ws.rowCount;
  const t = view.total;
  const sumOf = (pick: (r: RollupView['rows'][number]) => number | null, total: number | null) =>
    view.rows.length > 0 &&
    total !== null &&
    Math.abs(view.rows.reduce((a, r) => a + (pick(r) ?? 0), 0) - total) < 1e-9;
  const numFormula = sumOf((r) => r.numerator, t.numerator);
  const denFormula = view.indicator.unit !== '' && sumOf((r) => r.denominator, t.denominator);
  const total = ws.addRow([
    `Tổng ${view.root.name}`,
    numFormula ? { formula: `SUM(B${first}:B${last})`, result: t.numerator ?? 0 } : t.numerator,
    denFormula ? { formula: `SUM(C${first}:C${last})`, result: t.denominator ?? 0 } : t.denominator,
    numFormula && denFormula && t.value !== null
      ? { formula: `IF(C${last + 1}>0,B${last + 1}/C${last + 1}*${view.indicator.factor},"")`, result: t.value }
      : t.value,
    t.target?.value ?? null,
    STATUS_VI[t.status],
    t.completeness.rate,
    t.completeness.enteredRate,
  ]);
  total.font = { bold: true };
  total.getCell(6).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[t.status] } };
  ws.getColumn(1).width = 40;
  for (const c of [2, 3, 5]) ws.getColumn(c).numFmt = '#,##0';
  ws.getColumn(4).numFmt = '0.0';
  for (const c of [7, 8]) ws.getColumn(c).numFmt = '0%';
  for (const c of [2, 3, 4, 5, 6, 7, 8]) ws.getColumn(c).width = 14;
  if (t.target) ws.addRow([`Mục tiêu: ${t.target.source}`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
