import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { encodeTcvn3, TCVN3_FULL_TABLE } from './encodings/tcvn3.js';
import { encodeVni } from './encodings/vni.js';
import { decodeCp1252 } from './encodings/windows.js';
import { importFile, NO_STRUCTURE_WARNING } from './import-file.js';
import { MAX_IMPORT_BYTES, type ReadResult, readDocument } from './read.js';

const SEED_PATH = new URL('../plans/fixtures/founding-plan.txt', import.meta.url);
const SEED_BYTES = readFileSync(SEED_PATH);
const SEED = SEED_BYTES.toString('utf8');

const TCVN3_WARNING = 'Đã chuyển từ bảng mã TCVN3 (ABC) sang Unicode. / Converted from TCVN3 (ABC) to Unicode.';
const VNI_WARNING = 'Đã chuyển từ bảng mã VNI-Windows sang Unicode. / Converted from VNI-Windows to Unicode.';

function ok(result: ReadResult): Extract<ReadResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected text, got ${result.code}: ${result.message.en}`);
  return result;
}

function utf16(text: string, littleEndian: boolean, bom = true): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  const body = littleEndian ? le : Buffer.from(le).swap16();
  return Buffer.concat([bom ? Buffer.from(littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]) : Buffer.alloc(0), body]);
}

describe('readDocument: text encodings', () => {
  it('reads the founding plan (UTF-8) unchanged, without warnings', async () => {
    const result = ok(await readDocument(SEED_BYTES, '000.txt'));
    expect(result.encoding).toBe('utf-8');
    expect(result.warnings).toEqual([]);
    expect(result.text).toBe(SEED);
  });

  it('drops a UTF-8 byte-order mark', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), SEED_BYTES]);
    const result = ok(await readDocument(bytes, 'plan.md'));
    expect(result.encoding).toBe('utf-8');
    expect(result.text).toBe(SEED);
    expect(result.warnings).toEqual([]);
  });

  it.each([
    ['utf-16le', true, 'UTF-16 LE'],
    ['utf-16be', false, 'UTF-16 BE'],
  ] as const)('reads %s with a byte-order mark and names it', async (encoding, littleEndian, name) => {
    const result = ok(await readDocument(utf16(SEED, littleEndian), 'plan.txt'));
    expect(result.encoding).toBe(encoding);
    expect(result.text).toBe(SEED);
    expect(result.warnings).toEqual([
      `Đã chuyển từ bảng mã ${name} sang Unicode. / Converted from ${name} to Unicode.`,
    ]);
  });

  it('recognises UTF-16 LE without a byte-order mark', async () => {
    const result = ok(await readDocument(utf16(SEED, true, false), 'plan.txt'));
    expect(result.encoding).toBe('utf-16le');
    expect(result.text).toBe(SEED);
  });

  it('round-trips the founding plan through TCVN3 (ABC), with the warning', async () => {
    const bytes = encodeTcvn3(SEED);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    const result = ok(await readDocument(bytes, 'plan.txt'));
    expect(result.encoding).toBe('tcvn3');
    expect(result.warnings).toEqual([TCVN3_WARNING]);
    expect(result.text).toBe(SEED);
  });

  it('round-trips the founding plan through VNI-Windows, with the warning', async () => {
    const bytes = encodeVni(SEED);
    const result = ok(await readDocument(bytes, 'plan.txt'));
    expect(result.encoding).toBe('vni-windows');
    expect(result.warnings).toEqual([VNI_WARNING]);
    expect(result.text).toBe(SEED);
  });

  it.each([
    ['TCVN3', encodeTcvn3, 'tcvn3', TCVN3_WARNING],
    ['VNI', encodeVni, 'vni-windows', VNI_WARNING],
  ] as const)(
    'repairs %s text that went through Windows-1252 into valid UTF-8',
    async (_, encode, encoding, warning) => {
      const mojibake = decodeCp1252(encode(SEED)); // "KÕ ho¹ch", "Keá hoaïch"
      expect(mojibake).not.toBe(SEED);
      const result = ok(await readDocument(Buffer.from(mojibake, 'utf8'), 'plan.txt'));
      expect(result.encoding).toBe(encoding);
      expect(result.warnings).toEqual([warning]);
      expect(result.text).toBe(SEED);
    },
  );

  it('keeps TCVN3 quotes and dashes in the Windows-1252 slots apart from capitals', async () => {
    const text = 'KẾ HOẠCH “Về công tác” – ‘Ý KIẾN’ … ỦY BAN • ĐỜI SỐNG';
    expect(ok(await readDocument(encodeTcvn3(text), 'a.txt')).text).toBe(text);
    // A capital standing alone as a word reads as the punctuation of its byte (documented limit).
    expect(ok(await readDocument(encodeTcvn3('Ở đâu'), 'a.txt')).text).toBe('™ đâu');
  });

  it('reads Windows-1258 (Vietnamese Windows code page)', async () => {
    // "Việt Nam đổi mới" in Windows-1258: base letters and combining tone bytes.
    const bytes = Uint8Array.from([
      0x56, 0x69, 0xea, 0xf2, 0x74, 0x20, 0x4e, 0x61, 0x6d, 0x20, 0xf0, 0xf4, 0xd2, 0x69, 0x20, 0x6d, 0xf5, 0xec, 0x69,
    ]);
    const result = ok(await readDocument(bytes, 'a.txt'));
    expect(result.encoding).toBe('windows-1258');
    expect(result.text).toBe('Việt Nam đổi mới');
  });

  it('reads 8-bit text with no Vietnamese word as Windows-1252, with a warning', async () => {
    const bytes = Buffer.from([...Buffer.from('Plan 2018 '), 0x96, ...Buffer.from(' caf'), 0xe9, 0x0a]);
    const result = ok(await readDocument(bytes, 'a.txt'));
    expect(result.encoding).toBe('windows-1252');
    expect(result.text).toBe('Plan 2018 – café\n');
    expect(result.warnings[0]).toMatch(/read as Windows-1252/u);
  });

  it('leaves plain ASCII and Latin-1 Vietnamese alone', async () => {
    for (const text of ['Plan 21-CT/TW\n', 'Tôi là ai, Công tác cán bộ\n']) {
      const result = ok(await readDocument(Buffer.from(text, 'utf8'), 'a.txt'));
      expect(result).toEqual({ ok: true, text, encoding: 'utf-8', warnings: [] });
    }
  });

  it('turns NFD into NFC', async () => {
    const nfd = SEED.normalize('NFD');
    expect(nfd).not.toBe(SEED);
    expect(ok(await readDocument(Buffer.from(nfd, 'utf8'), 'plan.txt')).text).toBe(SEED);
  });

  it('normalises line endings and drops control characters but keeps tab and form feed', async () => {
    const bytes = Buffer.from('Dòng 1\r\nDòng 2\rDòng\t3\f\nTrang 2\u0007\u001b\u000b\u0085cuối\n', 'utf8');
    expect(ok(await readDocument(bytes, 'a.txt')).text).toBe('Dòng 1\nDòng 2\nDòng\t3\f\nTrang 2\ncuối\n');
  });

  it('reads UTF-8 with a few broken bytes, with a warning', async () => {
    const at = SEED_BYTES.indexOf(0x0a, 200) + 1; // after a line feed: no character is cut
    const bytes = Buffer.concat([SEED_BYTES.subarray(0, at), Buffer.from([0xff]), SEED_BYTES.subarray(at)]);
    const result = ok(await readDocument(bytes, 'a.txt'));
    expect(result.encoding).toBe('utf-8');
    expect(result.text).toContain('\uFFFD');
    expect(result.warnings[0]).toMatch(/^Tệp có 1 chỗ không đúng mã UTF-8/u);
  });

  it('matches glibc iconv TCVN5712-1 byte for byte', () => {
    let iconv: Buffer;
    try {
      iconv = execFileSync('iconv', ['-f', 'TCVN5712-1', '-t', 'UTF-16LE'], {
        input: Buffer.from(Array.from({ length: 224 }, (_, i) => i + 32)),
      });
    } catch {
      return; // no glibc iconv here: the table is still covered by the round trips above
    }
    const expected = iconv.toString('utf16le');
    const table = TCVN3_FULL_TABLE.slice(32).join('');
    expect(table.normalize('NFC')).toBe(expected.normalize('NFC'));
    const controls = execFileSync('iconv', ['-f', 'TCVN5712-1', '-t', 'UTF-16LE'], {
      input: Buffer.from([1, 2, 4, 5, 6, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17]),
    }).toString('utf16le');
    expect([1, 2, 4, 5, 6, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17].map((b) => TCVN3_FULL_TABLE[b]).join('')).toBe(
      controls,
    );
  });
});

describe('readDocument: refusals', () => {
  it('refuses an empty file and a file of blanks', async () => {
    expect(await readDocument(new Uint8Array(), 'a.txt')).toMatchObject({ ok: false, code: 'empty_file' });
    expect(await readDocument(Buffer.from(' \r\n\t\n', 'utf8'), 'a.txt')).toMatchObject({
      ok: false,
      code: 'empty_file',
    });
    expect(await readDocument(Buffer.from([0xef, 0xbb, 0xbf]), 'a.txt')).toMatchObject({ code: 'empty_file' });
  });

  it('refuses a file over 20 MB before reading it', async () => {
    expect(MAX_IMPORT_BYTES).toBe(20 * 1024 * 1024);
    const result = await readDocument(new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61), 'a.txt');
    expect(result).toMatchObject({ ok: false, code: 'file_too_large' });
    if (!result.ok)
      expect(result.message).toEqual({ vi: 'Tệp quá lớn: tối đa 20 MB.', en: 'The file is too large: at most 20 MB.' });
  });

  it('refuses binary garbage: NUL bytes, or mostly control characters', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(await readDocument(png, 'image.txt')).toMatchObject({ ok: false, code: 'binary_file' });
    const noNul = Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x01 + (i % 8) : 0x41 + (i % 26))));
    expect(await readDocument(noNul, 'a.txt')).toMatchObject({ ok: false, code: 'binary_file' });
    let seed = 7;
    const random = Buffer.from(
      Array.from({ length: 4096 }, () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed >> 23;
      }),
    );
    expect(await readDocument(random, null)).toMatchObject({ ok: false, code: 'binary_file' });
  });

  it('refuses types it does not read', async () => {
    const text = Buffer.from('Kế hoạch', 'utf8');
    for (const name of ['plan.pdf', 'plan.xlsx', 'plan.doc', 'plan.odt', 'plan.rtf']) {
      expect(await readDocument(text, name)).toMatchObject({ ok: false, code: 'unsupported_type' });
    }
    const pdf = await readDocument(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj', 'latin1'), null);
    expect(pdf).toMatchObject({ ok: false, code: 'unsupported_type' });
    if (!pdf.ok) expect(pdf.message.en).toMatch(/PDF/u);
  });

  it('takes .TXT, .Md and paths, and sniffs a name without extension', async () => {
    for (const name of ['KE HOACH.TXT', 'notes.Md', 'C:\\Users\\a\\plan.txt', '/tmp/x/plan', null, '.profile']) {
      expect(ok(await readDocument(SEED_BYTES, name)).text).toBe(SEED);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// .docx built in the test

/** The founding plan as Word paragraphs: headings as headings, "**…**" lines bold. */
function seedParagraphs(): Paragraph[] {
  return SEED.split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const heading = /^(#{2,4}) (.*)$/u.exec(line);
      if (heading) {
        const level = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3][
          (heading[1] as string).length - 2
        ];
        return new Paragraph({ heading: level, children: [new TextRun({ text: heading[2] as string, bold: true })] });
      }
      const bold = /^\*\*(.*)\*\*$/u.exec(line);
      if (bold) return new Paragraph({ children: [new TextRun({ text: bold[1] as string, bold: true })] });
      return new Paragraph({ children: [new TextRun(line)] });
    });
}

function seedLines(): string[] {
  return SEED.split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.replace(/^#{2,4} /u, '').replace(/^\*\*(.*)\*\*$/u, '$1'));
}

function cell(text: string): TableCell {
  return new TableCell({ children: text === '' ? [] : [new Paragraph(text)] });
}

async function docxOf(children: Array<Paragraph | Table>, numbering = false): Promise<Buffer> {
  const document = new Document({
    numbering: numbering
      ? {
          config: [
            {
              reference: 'plan',
              levels: [
                { level: 0, format: LevelFormat.UPPER_ROMAN, text: '%1.', alignment: AlignmentType.LEFT },
                { level: 1, format: LevelFormat.DECIMAL, text: '%2.', alignment: AlignmentType.LEFT },
                { level: 2, format: LevelFormat.LOWER_LETTER, text: '%3)', alignment: AlignmentType.LEFT },
              ],
            },
          ],
        }
      : undefined,
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

describe('readDocument: .docx', () => {
  it('reads the founding plan built as a Word document: one paragraph a line, a table row a line', async () => {
    const table = new Table({
      rows: [
        new TableRow({ children: [cell('Nhiệm vụ'), cell('Chủ trì'), cell('Thời gian')] }),
        new TableRow({ children: [cell('Tuyên truyền Chỉ thị 21'), cell(''), cell('Quý III/2018')] }),
      ],
    });
    const bytes = await docxOf([...seedParagraphs(), table, new Paragraph('Hết.')]);
    const result = ok(await readDocument(bytes, 'ke-hoach.docx'));
    expect(result.encoding).toBe('utf-8');
    expect(result.warnings).toEqual([]);
    const lines = result.text.split('\n').filter((line) => line !== '');
    expect(lines).toEqual([
      ...seedLines(),
      'Nhiệm vụ | Chủ trì | Thời gian',
      'Tuyên truyền Chỉ thị 21 |  | Quý III/2018',
      'Hết.',
    ]);
  });

  it('writes Word automatic numbering back into the text, with a warning', async () => {
    const numbered = (text: string, level: number) =>
      new Paragraph({ numbering: { reference: 'plan', level }, children: [new TextRun(text)] });
    const bytes = await docxOf(
      [
        new Paragraph({ children: [new TextRun({ text: 'KẾ HOẠCH', bold: true })] }),
        numbered('MỤC ĐÍCH, YÊU CẦU', 0),
        numbered('Mục đích', 1),
        numbered('quán triệt', 2),
        numbered('thực hiện', 2),
        numbered('Yêu cầu', 1),
        numbered('NỘI DUNG', 0),
        numbered('Tuyên truyền', 1),
        new Paragraph({ children: [new PageBreak(), new TextRun('Nơi nhận:')] }),
      ],
      true,
    );
    const result = ok(await readDocument(bytes, 'plan.docx'));
    expect(result.text.split('\n')).toEqual([
      'KẾ HOẠCH',
      'I. MỤC ĐÍCH, YÊU CẦU',
      '1. Mục đích',
      'a) quán triệt',
      'b) thực hiện',
      '2. Yêu cầu',
      'II. NỘI DUNG',
      '1. Tuyên truyền',
      '\fNơi nhận:',
    ]);
    expect(result.warnings).toEqual([
      'Văn bản dùng đánh số tự động của Word: đã dựng lại số thứ tự của 7 đoạn, cần kiểm tra lại. / The document uses Word automatic numbering: the numbers of 7 paragraphs were rebuilt and should be checked.',
    ]);
  });

  it('converts runs typed in .VnTime / .VnTimeH (TCVN3) fonts, capitals included', async () => {
    const legacy = (line: string) => {
      const capitals = line === line.toUpperCase();
      const text = decodeCp1252(encodeTcvn3(capitals ? line.toLowerCase() : line)); // "KÕ ho¹ch"
      return new Paragraph({ children: [new TextRun({ text, font: capitals ? '.VnTimeH' : '.VnTime' })] });
    };
    const result = ok(await readDocument(await docxOf(seedLines().map(legacy)), 'cu.docx'));
    expect(result.encoding).toBe('tcvn3');
    expect(result.warnings).toEqual([TCVN3_WARNING]);
    expect(result.text.split('\n')).toEqual(seedLines());
  });

  it('converts runs typed in VNI-Times fonts', async () => {
    const legacy = (line: string) =>
      new Paragraph({ children: [new TextRun({ text: decodeCp1252(encodeVni(line)), font: 'VNI-Times' })] });
    const result = ok(await readDocument(await docxOf(seedLines().map(legacy)), 'cu.docx'));
    expect(result.encoding).toBe('vni-windows');
    expect(result.warnings).toEqual([VNI_WARNING]);
    expect(result.text.split('\n')).toEqual(seedLines());
  });

  it('repairs legacy text whose font is not on the run, line by line', async () => {
    const lines = seedLines().filter((line) => line !== line.toUpperCase());
    const mixed = lines.map(
      (line, i) => new Paragraph(i % 2 === 0 ? line : decodeCp1252(encodeTcvn3(line))), // Unicode and legacy lines
    );
    const result = ok(await readDocument(await docxOf(mixed), 'cu.docx'));
    expect(result.encoding).toBe('tcvn3');
    expect(result.warnings).toEqual([TCVN3_WARNING]);
    expect(result.text.split('\n')).toEqual(lines);
  });

  it('sniffs a .docx without extension by its ZIP signature', async () => {
    const bytes = await docxOf([new Paragraph('Kế hoạch số 45-KH/HU')]);
    expect(ok(await readDocument(bytes, null)).text).toBe('Kế hoạch số 45-KH/HU');
    expect(ok(await readDocument(bytes, 'PLAN.DOCX')).text).toBe('Kế hoạch số 45-KH/HU');
  });

  it('refuses a .docx that is not a Word document', async () => {
    expect(await readDocument(SEED_BYTES, 'plan.docx')).toMatchObject({ ok: false, code: 'invalid_docx' });
    const zip = new JSZip();
    zip.file('hello.txt', 'xin chào');
    const notWord = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(await readDocument(notWord, 'plan.docx')).toMatchObject({ ok: false, code: 'invalid_docx' });
    const real = await docxOf([new Paragraph('Kế hoạch')]);
    expect(await readDocument(real.subarray(0, real.length / 2), 'plan.docx')).toMatchObject({
      ok: false,
      code: 'invalid_docx',
    });
    const broken = new JSZip();
    broken.file('[Content_Types].xml', '<Types/>');
    broken.file('word/document.xml', '<w:document><w:body><w:p>');
    const brokenBytes = await broken.generateAsync({ type: 'uint8array' });
    expect((await readDocument(brokenBytes, 'plan.docx')).ok).toBe(false);
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const encrypted = await readDocument(ole, 'plan.docx');
    expect(encrypted).toMatchObject({ ok: false, code: 'invalid_docx' });
    if (!encrypted.ok) expect(encrypted.message.en).toMatch(/password/u);
  });

  /** Offsets of the central directory entry of `name`. */
  function centralEntry(bytes: Uint8Array, name: string): number {
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = view.length - 46; i >= 0; i--) {
      if (
        view.readUInt32LE(i) === 0x02014b50 &&
        view.toString('utf8', i + 46, i + 46 + view.readUInt16LE(i + 28)) === name
      ) {
        return i;
      }
    }
    throw new Error(`no entry ${name}`);
  }

  it('refuses a zip bomb from its central directory: compression ratio over 100:1', async () => {
    const real = await JSZip.loadAsync(await docxOf([new Paragraph('Kế hoạch')]));
    real.file('word/media/zeros.bin', new Uint8Array(8 * 1024 * 1024));
    const bomb = await real.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(bomb.length).toBeLessThan(100_000);
    expect(await readDocument(bomb, 'plan.docx')).toMatchObject({ ok: false, code: 'zip_bomb' });
  });

  it('refuses a zip bomb from its central directory: declared size over 100 MB', async () => {
    const bytes = new Uint8Array(await docxOf([new Paragraph('Kế hoạch')]));
    const at = centralEntry(bytes, 'word/styles.xml');
    new DataView(bytes.buffer).setUint32(at + 24, 0xfffffffe, true); // uncompressed size ~4 GB
    expect(await readDocument(bytes, 'plan.docx')).toMatchObject({ ok: false, code: 'zip_bomb' });
  });

  it('refuses a zip bomb from its central directory: too many entries', async () => {
    const bytes = new Uint8Array(await docxOf([new Paragraph('Kế hoạch')]));
    const view = new DataView(bytes.buffer);
    const eocd = bytes.length - 22;
    expect(view.getUint32(eocd, true)).toBe(0x06054b50);
    view.setUint16(eocd + 8, 60_000, true);
    view.setUint16(eocd + 10, 60_000, true);
    expect(await readDocument(bytes, 'plan.docx')).toMatchObject({ ok: false, code: 'zip_bomb' });
  });

  it('caps what it inflates: an entry that lies about its size is a bomb', async () => {
    const zip = await JSZip.loadAsync(await docxOf([new Paragraph('Kế hoạch')]));
    const body = `<w:p><w:r><w:t>${'a'.repeat(3 * 1024 * 1024)}</w:t></w:r></w:p>`;
    const original = await zip.file('word/document.xml')?.async('string');
    zip.file('word/document.xml', (original ?? '').replace('<w:body>', `<w:body>${body}`));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const at = centralEntry(bytes, 'word/document.xml');
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(at + 24, 50_000, true); // declares 50 kB
    expect(await readDocument(bytes, 'plan.docx')).toMatchObject({ ok: false, code: 'zip_bomb' });
  });
});

describe('readDocument: hostile input finishes quickly', () => {
  it('reads hostile XML and long words in linear time', async () => {
    const zip = await JSZip.loadAsync(await docxOf([new Paragraph('Kế hoạch')]));
    let random = 1;
    const noise = Array.from({ length: 200_000 }, () => {
      random = (random * 48271) % 2147483647;
      return '<!-"= a'[random % 7];
    }).join('');
    zip.file('word/document.xml', `<w:document><w:body><w:p ${'a'.repeat(200_000)}<w:pPr a="${noise}`);
    zip.file('word/numbering.xml', `<w:numbering><w:num ${'a=a'.repeat(100_000)}/><!--${noise}`);
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const started = performance.now();
    const result = await readDocument(bytes, 'plan.docx');
    expect(result.ok === false || typeof result.text === 'string').toBe(true);
    const word = Buffer.concat([Buffer.from('-'.repeat(1_000_000)), encodeTcvn3('kế hoạch'), Buffer.from([0x93])]);
    expect(ok(await readDocument(word, 'a.txt')).text.length).toBeGreaterThan(1_000_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('importFile', () => {
  it('reads, then extracts with the source (file name, encoding, warnings)', async () => {
    const result = await importFile(encodeVni(SEED), 'plan.txt');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.format).toBe('trienkhai.plan/1');
    expect(result.plan.source).toEqual({ fileName: 'plan.txt', encoding: 'vni-windows', warnings: [VNI_WARNING] });
    expect(result.plan.tasks.map((t) => t.ref)).toEqual([
      'II.1',
      'II.2',
      'II.3',
      'II.4',
      'III.1',
      'III.2',
      'III.3',
      'III.4',
      'III.5',
    ]);
  });

  it('gives a text without plan structure a mostly empty plan and a warning', async () => {
    const result = await importFile(Buffer.from('Xin chào, đây là một ghi chú.\n', 'utf8'), 'note.txt');
    expect(result).toMatchObject({ ok: true });
    if (result.ok) expect(result.plan.source.warnings).toEqual([NO_STRUCTURE_WARNING]);
  });

  it('passes refusals through', async () => {
    expect(await importFile(new Uint8Array(), 'a.txt')).toMatchObject({
      ok: false,
      code: 'empty_file',
      message: { vi: 'Tệp rỗng, không có nội dung để nhập.', en: 'The file is empty: there is nothing to import.' },
    });
  });
});
