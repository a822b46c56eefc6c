import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Locale } from '../../platform/i18n.js';
import { comboLabel } from './catalogue.js';
import type { FormState } from './values.service.js';

/**
 * The layout of a unit's figures template (docs/indicators.md "Spreadsheet round-trip"): one
 * sheet for people — a title block, then a row per cell (code, element, disaggregation, value,
 * "x" for not available, comment), protected except the three input columns, whole numbers ≥ 0
 * enforced by Excel's data validation — and a very hidden metadata sheet that names the unit, the
 * period, every row's element and combo with the cell's version at export, and a checksum of it
 * all so that an edited layout is recognised on import.
 */
export const FORMAT = 'trienkhai-figures/1';
export const DATA_SHEET = 'So lieu';
export const META_SHEET = 'trienkhai-meta';
export const HEADER_ROW = 6;
export const FIRST_ROW = HEADER_ROW + 1;
/** Input columns (1-based): value, not available, comment. */
export const COL = { no: 1, code: 2, element: 3, combo: 4, value: 5, na: 6, comment: 7 } as const;
export const NA_MARK = 'x';

const HEADERS: Record<Locale, string[]> = {
  vi: ['STT', 'Mã', 'Chỉ tiêu thành phần', 'Phân tổ', 'Giá trị', 'Không có số liệu (x)', 'Ghi chú'],
  en: ['No.', 'Code', 'Data element', 'Disaggregation', 'Value', 'Not available (x)', 'Comment'],
};

export interface TemplateRow {
  row: number;
  element: string;
  combo: string;
  /** The cell's version when the template was made (0: empty). */
  version: number;
  label: string;
}

export interface TemplateMeta {
  format: string;
  unitId: string;
  periodKey: string;
  exportedAt: string;
  headers: string[];
  rows: TemplateRow[];
}

/** The checksum of what the import relies on: the form's identity, headers and rows. */
export function checksum(m: Omit<TemplateMeta, 'exportedAt'>): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        m.format,
        m.unitId,
        m.periodKey,
        m.headers,
        m.rows.map((r) => [r.row, r.element, r.combo, r.version, r.label]),
      ]),
    )
    .digest('hex');
}

/** The template of the unit's form for the period, filled with the stored cells. */
export async function buildTemplate(state: FormState, locale: Locale, exportedAt: Date): Promise<Buffer> {
  const vi = locale === 'vi';
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Triển Khai';
  wb.created = exportedAt;
  const ws = wb.addWorksheet(DATA_SHEET, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 6 }, { width: 12 }, { width: 50 }, { width: 34 }, { width: 12 }, { width: 14 }, { width: 40 }];
  const title = ws.getCell('A1');
  title.value = vi ? 'BIỂU SỐ LIỆU CHỈ TIÊU' : 'INDICATOR FIGURES';
  title.font = { bold: true, size: 14 };
  ws.mergeCells('A1:G1');
  ws.getCell('A2').value = `${vi ? 'Đơn vị' : 'Unit'}: ${state.unit.name}`;
  ws.getCell('A3').value =
    `${vi ? 'Kỳ số liệu' : 'Period'}: ${vi ? state.period.label_vi : state.period.label_en} (${state.period.key})`;
  ws.getCell('A4').value = vi
    ? 'Chỉ nhập vào các cột Giá trị (số nguyên ≥ 0), Không có số liệu (ghi "x") và Ghi chú. Không sửa tiêu đề, không thêm, xóa hay đổi thứ tự dòng.'
    : 'Type only in Value (whole numbers ≥ 0), Not available (type "x") and Comment. Do not change headers, add, remove or reorder rows.';
  ws.getCell('A4').font = { italic: true };
  ws.mergeCells('A4:G4');
  const headers = HEADERS[locale];
  const head = ws.getRow(HEADER_ROW);
  head.values = headers;
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  head.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    c.border = { bottom: { style: 'thin' } };
  });

  const rows: TemplateRow[] = [];
  let r = FIRST_ROW;
  for (const e of state.elements) {
    for (const combo of e.combos) {
      const stored = state.stored.find((s) => s.element_id === e.id && s.combo === combo);
      const label = comboLabel(state.catalogue, combo, locale);
      const row = ws.getRow(r);
      row.getCell(COL.no).value = r - HEADER_ROW;
      row.getCell(COL.code).value = e.code;
      row.getCell(COL.element).value = vi ? e.nameVi : e.nameEn;
      row.getCell(COL.combo).value = label;
      row.getCell(COL.value).value = stored && !stored.not_available ? stored.value : null;
      row.getCell(COL.na).value = stored?.not_available ? NA_MARK : null;
      row.getCell(COL.comment).value = stored?.comment ?? null;
      row.getCell(COL.element).alignment = { wrapText: true, vertical: 'top' };
      for (const col of [COL.value, COL.na, COL.comment]) {
        const cell = row.getCell(col);
        cell.protection = { locked: false };
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFBE6' } };
        cell.border = { bottom: { style: 'hair' } };
      }
      row.getCell(COL.value).dataValidation = {
        type: 'whole',
        operator: 'greaterThanOrEqual',
        formulae: [0],
        allowBlank: true,
        showErrorMessage: true,
        errorTitle: vi ? 'Giá trị không hợp lệ' : 'Invalid value',
        error: vi ? 'Nhập số nguyên không âm.' : 'Type a whole number, zero or more.',
      };
      row.getCell(COL.na).dataValidation = {
        type: 'list',
        formulae: [`"${NA_MARK}"`],
        allowBlank: true,
        showErrorMessage: true,
        error: vi ? 'Ghi "x" nếu không có số liệu, hoặc để trống.' : 'Type "x" when not available, or leave empty.',
      };
      rows.push({ row: r, element: e.code, combo, version: stored?.version ?? 0, label });
      r++;
    }
  }
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });

  const meta: TemplateMeta = {
    format: FORMAT,
    unitId: state.unit.id,
    periodKey: state.period.key,
    exportedAt: exportedAt.toISOString(),
    headers,
    rows,
  };
  const ms = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  ms.addRow(['format', meta.format]);
  ms.addRow(['unitId', meta.unitId]);
  ms.addRow(['periodKey', meta.periodKey]);
  ms.addRow(['exportedAt', meta.exportedAt]);
  ms.addRow(['checksum', checksum(meta)]);
  ms.addRow(['headers', ...headers]);
  ms.addRow(['row', 'element', 'combo', 'version', 'label']);
  for (const x of rows) ms.addRow([x.row, x.element, x.combo, x.version, x.label]);
  await ms.protect('', {});
  return Buffer.from(await wb.xlsx.writeBuffer());
}
