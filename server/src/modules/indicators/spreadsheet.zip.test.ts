import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { assertXlsxPackage } from './spreadsheet.zip.js';

const codeOf = (bytes: Buffer) => {
  try {
    assertXlsxPackage(bytes);
    return 'ok';
  } catch (e) {
    if (e instanceof AppError) return `${e.status} ${e.code}`;
    throw e;
  }
};

const zip = (files: Record<string, string | Buffer>) => {
  const z = new JSZip();
  for (const [name, content] of Object.entries(files)) z.file(name, content);
  return z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
};

describe('the .xlsx package guard', () => {
  it('lets a real workbook through', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('A').getCell('A1').value = 1;
    expect(codeOf(Buffer.from(await wb.xlsx.writeBuffer()))).toBe('ok');
  });

  it('refuses what is not a workbook, with 400 or 413 and never a plain error', async () => {
    expect(codeOf(Buffer.from('PK'))).toBe('400 sheet_not_xlsx');
    expect(codeOf(Buffer.from('%PDF-1.7 '.repeat(10)))).toBe('400 sheet_not_xlsx');
    expect(codeOf(await zip({ '[Content_Types].xml': '<T/>', 'word/document.xml': '<w/>' }))).toBe('400 sheet_is_docx');
    expect(codeOf(await zip({ 'a.txt': 'a' }))).toBe('400 sheet_not_xlsx');
    const bomb = await zip({
      '[Content_Types].xml': '<T/>',
      'xl/workbook.xml': '<w/>',
      'xl/big.xml': Buffer.alloc(25 * 1024 * 1024, 0x41),
    });
    expect(codeOf(bomb)).toBe('413 sheet_unzipped_too_large');
  });

  it('does not trust the sizes a zip declares', async () => {
    const bytes = await zip({
      '[Content_Types].xml': '<T/>',
      'xl/workbook.xml': 'x'.repeat(5000),
    });
    // Declare a smaller size for every entry in the central directory: inflating tells the truth.
    const lying = Buffer.from(bytes);
    for (let p = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); p >= 0; ) {
      lying.writeUInt32LE(1, p + 24);
      p = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 4);
    }
    expect(codeOf(lying)).toBe('400 sheet_unreadable');
    // Cut anywhere: refused, never thrown as a plain error.
    for (const cut of [30, 100, bytes.length - 30, bytes.length - 1]) {
      expect(codeOf(bytes.subarray(0, cut))).not.toBe('ok');
    }
  });
});
