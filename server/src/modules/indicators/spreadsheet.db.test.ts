import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.js';
import { multipartFile, type Session, type TestApp, testApp, unitId } from '../../test-support/app.js';
import { backends } from '../../test-support/db.js';
import { actorOf, clearFigures } from '../../test-support/indicators.js';
import { COL, DATA_SHEET, FIRST_ROW, HEADER_ROW, META_SHEET } from './spreadsheet.template.js';
import { ValuesService } from './values.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function open(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}
const sheet = (wb: ExcelJS.Workbook) => wb.getWorksheet(DATA_SHEET) as ExcelJS.Worksheet;

/** The sheet row of a cell, from the hidden metadata sheet (element code, combo). */
function rowsOf(wb: ExcelJS.Workbook): { row: number; element: string; combo: string; version: number }[] {
  const ms = wb.getWorksheet(META_SHEET) as ExcelJS.Worksheet;
  const out: { row: number; element: string; combo: string; version: number }[] = [];
  for (let r = 8; r <= ms.rowCount; r++) {
    const row = ms.getRow(r);
    if (row.getCell(1).value === null) break;
    out.push({
      row: Number(row.getCell(1).value),
      element: String(row.getCell(2).value ?? ''),
      combo: String(row.getCell(3).value ?? ''),
      version: Number(row.getCell(4).value),
    });
  }
  return out;
}

function rowOf(wb: ExcelJS.Workbook, element: string, nth = 0): number {
  const found = rowsOf(wb).filter((r) => r.element === element)[nth];
  if (!found) throw new Error(`no row for ${element}`);
  return found.row;
}

function comboOf(wb: ExcelJS.Workbook, row: number): string {
  return rowsOf(wb).find((r) => r.row === row)?.combo ?? '';
}

const bytesOf = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

describe.each(backends())('spreadsheet round-trip on %s', (kind) => {
  let t: TestApp;
  let officer: Session;
  let viewer: Session;
  let du: string;
  let ubnd: string;
  const clock = fixedClock('2026-03-10T03:00:00Z');

  const download = async (s: Session, unit: string, period = '2025') => {
    const res = await s.request({ method: 'GET', url: `/api/v1/indicators/forms/${unit}/${period}/template.xlsx` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX);
    return open(res.rawPayload);
  };
  const upload = (s: Session, unit: string, bytes: Buffer, query = '', period = '2025', name = 'so-lieu.xlsx') =>
    s.request({
      method: 'POST',
      url: `/api/v1/indicators/forms/${unit}/${period}/import${query}`,
      ...multipartFile(name, bytes, XLSX),
    });
  const stored = async () =>
    (
      await t.db
        .selectFrom('data_value as v')
        .innerJoin('data_element as e', 'e.id', 'v.element_id')
        .select(['e.code', 'v.combo', 'v.value', 'v.not_available', 'v.comment', 'v.version'])
        .where('v.unit_id', '=', du)
        .where('v.period_key', '=', '2025')
        .orderBy('e.code')
        .orderBy('v.combo')
        .execute()
    ).map((r) => ({ ...r, value: r.value === null ? null : Number(r.value) }));
  const counts = async () => {
    const n = async (table: 'data_value' | 'data_value_history' | 'audit_log') =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return [await n('data_value'), await n('data_value_history'), await n('audit_log')];
  };
  /** A template of Tà Xùa's Party committee with consistent figures typed in. */
  const filled = async () => {
    const wb = await download(officer, du);
    const ws = sheet(wb);
    ws.getCell(rowOf(wb, 'CU_TONG'), COL.value).value = 15;
    ws.getCell(rowOf(wb, 'CU_NU'), COL.value).value = 2;
    ws.getCell(rowOf(wb, 'CU_NU', 1), COL.value).value = 1;
    ws.getCell(rowOf(wb, 'CU_NU_LLCT'), COL.value).value = 3;
    ws.getCell(rowOf(wb, 'KN_TONG'), COL.na).value = 'x';
    ws.getCell(rowOf(wb, 'KN_TONG'), COL.comment).value = 'Chưa tổng hợp';
    return wb;
  };

  beforeAll(async () => {
    t = await testApp(kind, 'demo', { clock });
    officer = await t.login('xa1-canbo');
    viewer = await t.login('thuongtruc');
    du = await unitId(t, 'xa-ta-xua-du');
    ubnd = await unitId(t, 'xa-ta-xua-ubnd');
  });
  beforeEach(() => clearFigures(t.db));
  afterAll(() => t?.close());

  it('exports a protected template for people with a hidden metadata sheet, read back with exceljs', async () => {
    const service = new ValuesService(t.db, clock);
    await service.save({ actor: await actorOf(t.db, 'xa1-canbo') }, du, '2025', {
      changes: [{ element: 'CU_TONG', combo: '', value: 12, notAvailable: false, version: 0, comment: 'Đầu nhiệm kỳ' }],
    });
    const wb = await download(viewer, du);
    const ws = sheet(wb);
    expect(String(ws.getCell('A2').value)).toContain('Tà Xùa');
    expect(String(ws.getCell('A3').value)).toContain('2025');
    expect(ws.getRow(HEADER_ROW).getCell(COL.value).value).toBe('Giá trị');
    expect(ws.getRow(HEADER_ROW).getCell(COL.na).value).toBe('Không có số liệu (x)');
    const rows = rowsOf(wb);
    const form = (
      await t.db
        .selectFrom('data_element')
        .select(['code', 'reporter_kinds'])
        .where('computed', 'is', null)
        .where('frequency', '=', 'annual')
        .where('archived_at', 'is', null)
        .execute()
    ).filter((e) => e.reporter_kinds.includes('party_committee'));
    expect(new Set(rows.map((r) => r.element))).toEqual(new Set(form.map((f) => f.code)));
    expect(rows[0]?.row).toBe(FIRST_ROW);
    // A row per cell: CU_NU has one row per age × ethnicity.
    expect(rows.filter((r) => r.element === 'CU_NU').length).toBeGreaterThan(4);
    const tong = rowOf(wb, 'CU_TONG');
    expect(ws.getCell(tong, COL.code).value).toBe('CU_TONG');
    expect(ws.getCell(tong, COL.value).value).toBe(12);
    expect(ws.getCell(tong, COL.comment).value).toBe('Đầu nhiệm kỳ');
    expect(rows.find((r) => r.row === tong)?.version).toBe(1);
    expect(ws.getCell(rowOf(wb, 'CU_NU'), COL.combo).value).toMatch(/·/);
    // Input columns open, the rest locked; whole numbers ≥ 0 enforced by Excel.
    expect(ws.getCell(tong, COL.value).protection?.locked).toBe(false);
    expect(ws.getCell(tong, COL.comment).protection?.locked).toBe(false);
    expect(ws.getCell(tong, COL.code).protection?.locked).not.toBe(false);
    expect(ws.getCell(tong, COL.value).dataValidation).toMatchObject({
      type: 'whole',
      operator: 'greaterThanOrEqual',
    });
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    const meta = wb.getWorksheet(META_SHEET) as ExcelJS.Worksheet;
    expect(meta.state).toBe('veryHidden');
    expect(meta.getCell('B2').value).toBe(du);
    expect(meta.getCell('B3').value).toBe('2025');
    expect(String(meta.getCell('B5').value)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('round-trip: export → fill → import saves every cell through the one save path', async () => {
    const wb = await filled();
    const combo = comboOf(wb, rowOf(wb, 'CU_NU'));
    const res = await upload(officer, du, await bytesOf(wb));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ saved: 5, valid: 5, problems: [] });
    const values = await stored();
    expect(values.find((v) => v.code === 'CU_TONG')).toMatchObject({ value: 15, version: 1 });
    expect(values.find((v) => v.code === 'CU_NU' && v.combo === combo)).toMatchObject({ value: 2 });
    expect(values.filter((v) => v.code === 'CU_NU').reduce((s, v) => s + (v.value ?? 0), 0)).toBe(3);
    expect(values.find((v) => v.code === 'KN_TONG')).toMatchObject({
      value: null,
      not_available: true,
      comment: 'Chưa tổng hợp',
    });
    const history = await t.db.selectFrom('data_value_history').select('source').where('unit_id', '=', du).execute();
    expect(history).toHaveLength(5);
    expect(new Set(history.map((h) => h.source))).toEqual(new Set(['spreadsheet']));
    const audit = await t.db
      .selectFrom('audit_log')
      .select('after')
      .where('entity_id', '=', du)
      .where('action', '=', 'indicator.values.save')
      .execute();
    expect(JSON.stringify(audit.at(-1)?.after)).toContain('spreadsheet');
    // The same file again changes nothing; a fresh template shows the saved figures.
    const again = await upload(officer, du, await bytesOf(wb));
    expect(again.json()).toMatchObject({ saved: 0, changed: 0 });
    const fresh = await download(officer, du);
    expect(sheet(fresh).getCell(rowOf(fresh, 'CU_TONG'), COL.value).value).toBe(15);
    expect(sheet(fresh).getCell(rowOf(fresh, 'KN_TONG'), COL.na).value).toBe('x');
  });

  it('reports text, negative, decimal, a bad "x" and a broken rule by cell — and saves nothing', async () => {
    const wb = await filled();
    const ws = sheet(wb);
    const tong = rowOf(wb, 'CU_TONG');
    ws.getCell(rowOf(wb, 'CU_NU', 2), COL.value).value = 'năm';
    ws.getCell(rowOf(wb, 'CU_NU', 3), COL.value).value = -2;
    ws.getCell(rowOf(wb, 'CU_NU', 4), COL.value).value = 1.5;
    ws.getCell(rowOf(wb, 'KN_NU'), COL.na).value = 'không';
    const before = await counts();
    const res = await upload(officer, du, await bytesOf(wb));
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json();
    expect(body.code).toBe('sheet_has_problems');
    expect(body.detail).toMatch(/chưa lưu/);
    const problems = body.report.problems as { cell: string; code: string; kind: string }[];
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ cell: `E${rowOf(wb, 'CU_NU', 2)}`, code: 'sheet_cell_not_number' }),
        expect.objectContaining({ cell: `E${rowOf(wb, 'CU_NU', 3)}`, code: 'sheet_cell_negative' }),
        expect.objectContaining({ cell: `E${rowOf(wb, 'CU_NU', 4)}`, code: 'sheet_cell_not_integer' }),
        expect.objectContaining({ cell: `F${rowOf(wb, 'KN_NU')}`, code: 'sheet_cell_na_invalid' }),
      ]),
    );
    expect(await counts()).toEqual(before);
    expect(await stored()).toEqual([]);

    // Women above all members: the rule V-CU-NU on the cells typed.
    const rule = await filled();
    sheet(rule).getCell(tong, COL.value).value = 2;
    const broken = await upload(officer, du, await bytesOf(rule));
    expect(broken.statusCode).toBe(400);
    const ruleProblems = broken.json().report.problems as { code: string; kind: string; cell: string }[];
    expect(ruleProblems.some((p) => p.code === 'V-CU-NU' && p.kind === 'error' && p.cell === `E${tong}`)).toBe(true);
    expect(broken.json().report.valid).toBe(2); // members and the two women's cells are the rule's
    expect(await counts()).toEqual(before);
  });

  it('saves only the valid part when asked (acceptValidPart=true), reporting the rest', async () => {
    const wb = await filled();
    const bad = rowOf(wb, 'CU_NU', 2);
    sheet(wb).getCell(bad, COL.value).value = 'mười';
    const res = await upload(officer, du, await bytesOf(wb), '?acceptValidPart=true');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.saved).toBe(5);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ cell: `E${bad}`, code: 'sheet_cell_not_number' });
    const values = await stored();
    expect(values).toHaveLength(5);
    expect(values.find((v) => v.code === 'CU_NU' && v.combo === comboOf(wb, bad))).toBeUndefined();

    // A broken rule's cells are left out; the rest is saved.
    await clearFigures(t.db);
    const rule = await filled();
    sheet(rule).getCell(rowOf(rule, 'CU_TONG'), COL.value).value = 1; // women 3 > members 1
    const part = await upload(officer, du, await bytesOf(rule), '?acceptValidPart=true');
    expect(part.statusCode, part.body).toBe(200);
    const saved = await stored();
    expect(saved.map((v) => v.code)).toContain('KN_TONG');
    const women = saved.filter((v) => v.code === 'CU_NU').reduce((s, v) => s + (v.value ?? 0), 0);
    const members = saved.find((v) => v.code === 'CU_TONG')?.value;
    expect(members === undefined || women <= (members ?? 0)).toBe(true);
    expect(part.json().problems.some((p: { code: string }) => p.code === 'V-CU-NU')).toBe(true);
    expect(part.json()).toMatchObject({ saved: 2, valid: 2 });
    expect(saved.map((v) => v.code).sort()).toEqual(['CU_NU_LLCT', 'KN_TONG']);
  });

  it('reports a cell changed in the app since the export as a conflict and never overwrites it', async () => {
    const wb = await filled();
    const service = new ValuesService(t.db, clock);
    await service.save({ actor: await actorOf(t.db, 'xa1-truong') }, du, '2025', {
      changes: [{ element: 'CU_TONG', combo: '', value: 20, notAvailable: false, version: 0 }],
    });
    const res = await upload(officer, du, await bytesOf(wb));
    expect(res.statusCode).toBe(400);
    const problems = res.json().report.problems as { kind: string; element: string; message: string }[];
    expect(problems).toEqual([expect.objectContaining({ kind: 'conflict', element: 'CU_TONG' })]);
    expect(problems[0]?.message).toContain('20');
    const part = await upload(officer, du, await bytesOf(wb), '?acceptValidPart=true');
    expect(part.statusCode, part.body).toBe(200);
    const values = await stored();
    expect(values.find((v) => v.code === 'CU_TONG')).toMatchObject({ value: 20, version: 1 });
    expect(values.filter((v) => v.code === 'CU_NU')).toHaveLength(2);
  });

  it('refuses the whole file: changed headers or rows, another unit’s or period’s sheet', async () => {
    const before = await counts();
    const refusal = async (wb: ExcelJS.Workbook, code: string, unit = du, period = '2025') => {
      const res = await upload(officer, unit, await bytesOf(wb), '?acceptValidPart=true', period);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe(code);
      return res.json().detail as string;
    };
    const header = await filled();
    sheet(header).getCell(HEADER_ROW, COL.value).value = 'Số lượng';
    expect(await refusal(header, 'sheet_layout_changed')).toContain(`E${HEADER_ROW}`);
    const code = await filled();
    sheet(code).getCell(rowOf(code, 'CU_NU'), COL.code).value = 'CU_TONG';
    await refusal(code, 'sheet_layout_changed');
    const extra = await filled();
    const last = rowsOf(extra).at(-1)?.row ?? 0;
    sheet(extra).getCell(last + 1, COL.code).value = 'CU_TONG';
    sheet(extra).getCell(last + 1, COL.value).value = 4;
    await refusal(extra, 'sheet_layout_changed');
    const forged = await filled();
    (forged.getWorksheet(META_SHEET) as ExcelJS.Worksheet).getCell('B8').value = 'XX_GIA';
    await refusal(forged, 'sheet_layout_changed');
    const noMeta = await filled();
    noMeta.removeWorksheet((noMeta.getWorksheet(META_SHEET) as ExcelJS.Worksheet).id);
    await refusal(noMeta, 'sheet_not_template');
    // Another unit's template (Tà Xùa's people's committee) into the Party committee's form.
    const other = await download(officer, ubnd);
    const detail = await refusal(other, 'sheet_other_form');
    expect(detail).toContain('Ủy ban');
    // The 2024 template into 2025, and the 2025 template into 2024.
    await refusal(await download(officer, du, '2024'), 'sheet_other_form');
    await refusal(await filled(), 'sheet_other_form', du, '2024');
    expect(await counts()).toEqual(before);
  });

  it('answers a malformed file with 400/413, never 500, and saves nothing', async () => {
    const before = await counts();
    const zip = async (files: Record<string, string | Buffer>) => {
      const z = new JSZip();
      for (const [name, content] of Object.entries(files)) z.file(name, content);
      return z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    };
    const template = await bytesOf(await filled());
    const cases: [string, Buffer, number, string][] = [
      ['text', Buffer.from('Giá trị;15\n'), 400, 'sheet_not_xlsx'],
      ['empty', Buffer.alloc(0), 400, 'sheet_not_xlsx'],
      [
        'docx renamed',
        await zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }),
        400,
        'sheet_is_docx',
      ],
      ['truncated', template.subarray(0, Math.floor(template.length / 2)), 400, 'sheet_unreadable'],
      [
        'garbage inside',
        await zip({ '[Content_Types].xml': 'không phải XML', 'xl/workbook.xml': '\u0000\u0001' }),
        400,
        '',
      ],
      [
        'zip bomb',
        await zip({
          '[Content_Types].xml': '<Types/>',
          'xl/workbook.xml': '<workbook/>',
          'xl/worksheets/sheet1.xml': Buffer.alloc(40 * 1024 * 1024, 0x20),
        }),
        413,
        'sheet_unzipped_too_large',
      ],
      ['too big', Buffer.alloc(3 * 1024 * 1024, 0x50), 413, 'file_too_large'],
    ];
    for (const [name, bytes, status, code] of cases) {
      const res = await upload(officer, du, bytes, '?acceptValidPart=true');
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      expect(res.headers['content-type'], name).toContain('application/problem+json');
      if (code) expect(res.json().code, name).toBe(code);
      expect(res.json().detail, name).toMatch(/\S/);
    }
    const file = multipartFile('a.xlsx', Buffer.from('x'), XLSX);
    const en = await officer.request({
      method: 'POST',
      url: `/api/v1/indicators/forms/${du}/2025/import`,
      payload: file.payload,
      headers: { ...file.headers, 'accept-language': 'en' },
    });
    expect(en.json().detail).toMatch(/not an Excel workbook/);
    expect(await counts()).toEqual(before);
  });

  it('lets readers download and only the unit’s writers import', async () => {
    const wb = await filled();
    const bytes = await bytesOf(wb);
    expect((await upload(viewer, du, bytes)).statusCode).toBe(403);
    const hangChu = await unitId(t, 'xa-hang-chu-du');
    const res = await officer.request({
      method: 'GET',
      url: `/api/v1/indicators/forms/${hangChu}/2025/template.xlsx`,
    });
    expect(res.statusCode).toBe(403);
    expect((await upload(officer, hangChu, bytes)).statusCode).toBe(403);
    expect(
      (await officer.request({ method: 'GET', url: `/api/v1/indicators/forms/${du}/2025-Q3/template.xlsx` })).json()
        .code,
    ).toBe('figures_period_invalid');
    expect(await stored()).toEqual([]);
  });

  it('a locked period takes the sheet only as a supplement with a reason', async () => {
    const wb = await download(officer, du, '2024');
    sheet(wb).getCell(rowOf(wb, 'CU_TONG'), COL.value).value = 14;
    const bytes = await bytesOf(wb);
    const locked = await upload(officer, du, bytes, '', '2024');
    expect(locked.statusCode, locked.body).toBe(409);
    expect(locked.json().code).toBe('figures_locked_reason_required');
    const reason = encodeURIComponent('Bổ sung theo rà soát');
    const res = await upload(officer, du, bytes, `?reason=${reason}`, '2024');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ saved: 1, supplement: true });
    const history = await t.db
      .selectFrom('data_value_history')
      .select(['supplement', 'reason', 'source', 'new_value'])
      .where('unit_id', '=', du)
      .where('period_key', '=', '2024')
      .execute();
    expect(history).toEqual([
      { supplement: true, reason: 'Bổ sung theo rà soát', source: 'spreadsheet', new_value: expect.anything() },
    ]);
    expect(Number(history[0]?.new_value)).toBe(14);
  });

  it.runIf(kind === 'postgres')('two imports of the same cell at once: one saves, the other is refused', async () => {
    const a = await filled();
    const b = await filled();
    sheet(b).getCell(rowOf(b, 'CU_TONG'), COL.value).value = 16;
    const [ra, rb] = await Promise.all([upload(officer, du, await bytesOf(a)), upload(officer, du, await bytesOf(b))]);
    const statuses = [ra.statusCode, rb.statusCode].sort();
    expect(statuses[0]).toBe(200);
    expect([400, 409]).toContain(statuses[1]);
    const winner = ra.statusCode === 200 ? 15 : 16;
    const values = await stored();
    expect(values.find((v) => v.code === 'CU_TONG')).toMatchObject({ value: winner, version: 1 });
    expect(values).toHaveLength(5);
  });
});
