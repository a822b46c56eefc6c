import { Document, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { evidenceType } from './evidence.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0, 0, 1, 0, 1, 0, 0,
]);

async function zip(files: Record<string, string>): Promise<Buffer> {
  const z = new JSZip();
  for (const [name, text] of Object.entries(files)) z.file(name, text);
  return z.generateAsync({ type: 'nodebuffer' });
}

const refused = async (name: string, bytes: Buffer) => {
  const error = await evidenceType(name, bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ status: 415, code: 'file_type_not_allowed' });
};

describe('evidence files are typed from their content', () => {
  it('takes PDF, DOCX, XLSX, JPEG and PNG whatever their names', async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Biên bản')] }] }));
    const xlsx = await zip({
      '[Content_Types].xml':
        '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
      'xl/workbook.xml': '<workbook/>',
    });
    expect(await evidenceType('a.txt', Buffer.from('%PDF-1.7\n%%EOF\n'))).toMatchObject({ mime: 'application/pdf' });
    expect((await evidenceType('bien-ban', docx)).ext).toBe('docx');
    expect((await evidenceType('so-lieu.pdf', xlsx)).ext).toBe('xlsx');
    expect(await evidenceType('anh.pdf', PNG)).toEqual({ ext: 'png', mime: 'image/png' });
    expect(await evidenceType('anh.png', JPEG)).toEqual({ ext: 'jpg', mime: 'image/jpeg' });
  });

  it('refuses a renamed text, HTML, a plain zip, an old .doc, a GIF and an empty file', async () => {
    await refused('bao-cao.pdf', Buffer.from('Báo cáo kết quả'));
    await refused('bao-cao.pdf', Buffer.from('<!doctype html><html><body>x</body></html>'));
    await refused('bao-cao.docx', await zip({ 'a.txt': 'x' }));
    await refused('bao-cao.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Array(504).fill(0)]));
    await refused('anh.png', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'));
    await refused('rong.pdf', Buffer.alloc(0));
  });
});
