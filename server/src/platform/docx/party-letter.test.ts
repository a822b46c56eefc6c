import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { numberAndSymbol, PAGE_MM, type PartyLetter, renderPartyLetter, vietnameseDateLine } from './party-letter.js';

/** The demo's request for explanation: Ban Dân vận Huyện ủy Bắc Yên to Đảng ủy xã Tà Xùa. */
function explanationRequest(): PartyLetter {
  return {
    superiorBody: 'Huyện ủy Bắc Yên',
    issuer: 'Ban Dân vận',
    number: '47',
    typeCode: 'CV',
    issuerCode: 'BDVHU',
    place: 'Bắc Yên',
    date: '2026-11-05',
    subject: 'yêu cầu giải trình việc chậm báo cáo quý III năm 2026',
    addressees: ['Đảng ủy xã Tà Xùa'],
    paragraphs: [
      'Thực hiện Kế hoạch số 128-KH/HU của Ban Thường vụ Huyện ủy về triển khai thực hiện Chỉ thị số 21-CT/TW, ngày 20/01/2018 của Ban Bí thư (khóa XII) về tiếp tục đẩy mạnh công tác phụ nữ trong tình hình mới, các đảng ủy xã, thị trấn báo cáo kết quả thực hiện quý III năm 2026 về Ban Dân vận Huyện ủy trước ngày 15/10/2026.',
      'Đến nay, Ban Dân vận Huyện ủy đã hai lần nhắc và đôn đốc (ngày 12/10/2026 và ngày 20/10/2026) nhưng Đảng ủy xã Tà Xùa chưa gửi báo cáo.',
      'Ban Dân vận Huyện ủy đề nghị Đảng ủy xã Tà Xùa giải trình bằng văn bản lý do chậm báo cáo, đồng thời hoàn thiện và gửi báo cáo quý III năm 2026 về Ban Dân vận Huyện ủy trước ngày 12/11/2026 để tổng hợp, báo cáo Ban Thường vụ Huyện ủy./.',
    ],
    recipients: [
      { text: 'Như kính gửi' },
      { text: 'Thường trực Huyện ủy', purpose: 'b/c' },
      { text: 'Hội LHPN huyện', purpose: 'p/h' },
    ],
    archive: 'Lưu VT, BDVHU',
    signer: { authority: 'K/T Trưởng ban', title: 'Phó Trưởng ban', name: 'Lò Thị Hương' },
  };
}

async function rawText(buffer: Buffer): Promise<string> {
  return (await mammoth.extractRawText({ buffer })).value;
}

async function documentXml(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const file = zip.file('word/document.xml');
  if (!file) throw new Error('no word/document.xml');
  return file.async('string');
}

/** Asserts that every needle occurs in text, each after the previous one. */
function expectInOrder(text: string, needles: string[]): void {
  let at = 0;
  for (const needle of needles) {
    const found = text.indexOf(needle, at);
    expect(found, `"${needle}" after position ${at}`).toBeGreaterThanOrEqual(0);
    at = found + needle.length;
  }
}

/** The <w:p> elements whose text contains needle. */
function paragraphsWith(xml: string, needle: string): string[] {
  return (xml.match(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/gs) ?? []).filter((p) => p.includes(needle));
}

const twip = (mm: number) => Math.round((mm / 25.4) * 1440);

describe('renderPartyLetter', () => {
  it('renders a request for explanation with every part of the Party format, in order', async () => {
    const letter = explanationRequest();
    const buffer = await renderPartyLetter(letter);
    const dir = resolve('test-output/letters');
    mkdirSync(dir, { recursive: true });
    writeFileSync(resolve(dir, 'giai-trinh.docx'), buffer);

    const text = await rawText(buffer);
    expectInOrder(text, [
      'HUYỆN ỦY BẮC YÊN',
      'BAN DÂN VẬN',
      '*',
      'Số 47-CV/BDVHU',
      'V/v yêu cầu giải trình việc chậm báo cáo quý III năm 2026',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'Bắc Yên, ngày 05 tháng 11 năm 2026',
      'Kính gửi: Đảng ủy xã Tà Xùa',
      'Thực hiện Kế hoạch số 128-KH/HU',
      'Chỉ thị số 21-CT/TW',
      'chưa gửi báo cáo.',
      'trước ngày 12/11/2026',
      'Nơi nhận:',
      '- Như kính gửi;',
      '- Thường trực Huyện ủy (b/c);',
      '- Hội LHPN huyện (p/h);',
      '- Lưu VT, BDVHU.',
      'K/T TRƯỞNG BAN',
      'PHÓ TRƯỞNG BAN',
      'Lò Thị Hương',
    ]);
  });

  it('sets the font, sizes, A4 page, margins, justified body and a borderless header table', async () => {
    const xml = await documentXml(await renderPartyLetter(explanationRequest()));

    expect(xml).toContain(`<w:pgSz w:w="${twip(210)}" w:h="${twip(297)}"`);
    const margin = /<w:pgMar ([^>]*)\/>/.exec(xml)?.[1] ?? '';
    expect(margin).toContain(`w:top="${twip(PAGE_MM.top)}"`);
    expect(margin).toContain(`w:bottom="${twip(PAGE_MM.bottom)}"`);
    expect(margin).toContain(`w:left="${twip(PAGE_MM.left)}"`);
    expect(margin).toContain(`w:right="${twip(PAGE_MM.right)}"`);
    // HD 36: top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
    expect(PAGE_MM.top).toBeGreaterThanOrEqual(20);
    expect(PAGE_MM.top).toBeLessThanOrEqual(25);
    expect(PAGE_MM.bottom).toBeGreaterThanOrEqual(20);
    expect(PAGE_MM.bottom).toBeLessThanOrEqual(25);
    expect(PAGE_MM.left).toBeGreaterThanOrEqual(30);
    expect(PAGE_MM.left).toBeLessThanOrEqual(35);
    expect(PAGE_MM.right).toBeGreaterThanOrEqual(15);
    expect(PAGE_MM.right).toBeLessThanOrEqual(20);

    // Every run in Times New Roman; no other font named anywhere.
    const fonts = new Set([...xml.matchAll(/w:ascii="([^"]+)"/g)].map((m) => m[1]));
    expect([...fonts]).toEqual(['Times New Roman']);

    // Body paragraphs: justified, first-line indent, 14 pt (28 half-points).
    for (const needle of ['Thực hiện Kế hoạch số 128-KH/HU', 'Đến nay, Ban Dân vận', 'đề nghị Đảng ủy xã Tà Xùa']) {
      const [p] = paragraphsWith(xml, needle);
      expect(p, needle).toBeDefined();
      expect(p).toContain('<w:jc w:val="both"/>');
      expect(p).toMatch(/<w:ind [^>]*w:firstLine="\d+"/);
      expect(p).toContain('<w:sz w:val="28"/>');
    }

    // The title: bold, underlined, 15 pt; the date line italic.
    const [title] = paragraphsWith(xml, 'ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(title).toContain('<w:b/>');
    expect(title).toContain('<w:u w:val="single"/>');
    expect(title).toContain('<w:sz w:val="30"/>');
    const [dateLine] = paragraphsWith(xml, 'ngày 05 tháng 11 năm 2026');
    expect(dateLine).toContain('<w:i/>');
    const [issuer] = paragraphsWith(xml, 'BAN DÂN VẬN');
    expect(issuer).toContain('<w:b/>');
    const [received] = paragraphsWith(xml, 'Nơi nhận:');
    expect(received).toContain('<w:u w:val="single"/>');
    const [name] = paragraphsWith(xml, 'Lò Thị Hương');
    expect(name).toContain('<w:b/>');

    // The header table (the first table) has no visible border, on the table nor its cells.
    const table = /<w:tbl>.*?<\/w:tbl>/s.exec(xml)?.[0] ?? '';
    expect(table).toContain('BAN DÂN VẬN');
    expect(table).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    const borders = [...table.matchAll(/<w:(top|bottom|left|right|start|end|insideH|insideV) w:val="([^"]+)"/g)];
    expect(borders.length).toBeGreaterThan(0);
    for (const b of borders) expect(['none', 'nil'], `${b[1]} border`).toContain(b[2]);
  });

  it('renders a draft with no number and no date as blanks to fill in', async () => {
    const draft = { ...explanationRequest(), number: null, date: null, draftYear: 2026 };
    draft.signer = { ...draft.signer, name: null };
    const text = await rawText(await renderPartyLetter(draft));
    expect(text).toMatch(/Số {4,}-CV\/BDVHU/);
    expect(text).toMatch(/Bắc Yên, ngày {4}tháng {4}năm 2026/);
    expect(text).not.toContain('null');
    expect(numberAndSymbol(null, 'CV', 'HU')).toBe('Số     -CV/HU');
  });

  it('writes header dates as real documents do', () => {
    expect(vietnameseDateLine('Bắc Yên', '2026-11-05')).toBe('Bắc Yên, ngày 05 tháng 11 năm 2026');
    expect(vietnameseDateLine('Bắc Yên', '2026-02-20')).toBe('Bắc Yên, ngày 20 tháng 02 năm 2026');
    expect(vietnameseDateLine('Bắc Yên', '2026-03-09')).toBe('Bắc Yên, ngày 09 tháng 3 năm 2026');
    expect(vietnameseDateLine('Bắc Yên', '2026-01-01')).toBe('Bắc Yên, ngày 01 tháng 01 năm 2026');
    expect(numberAndSymbol('5', 'CV', 'BDVHU')).toBe('Số 05-CV/BDVHU');
    expect(() => vietnameseDateLine('Bắc Yên', '5/11/2026')).toThrow(RangeError);
  });

  it('strips NUL, control characters and lone surrogates instead of failing', async () => {
    const letter = explanationRequest();
    letter.issuer = 'Ban\u0000 Dân\u0007 vận';
    letter.addressees = ['Đảng ủy xã\u0001 Tà\u200b Xùa\ud800'];
    letter.paragraphs = ['Đề nghị\u0000 giải trình\u001b trước ngày 12/11/2026.\uffff'];
    letter.recipients = [{ text: 'Thường trực\u000b Huyện ủy', purpose: 'b/c\u0000' }];
    letter.signer = { title: 'Trưởng\u0000 ban', name: 'Lò Thị\u0008 Hương' };
    const buffer = await renderPartyLetter(letter);
    const xml = await documentXml(buffer);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the point of the test
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\uffff]/u);
    const text = await rawText(buffer);
    expectInOrder(text, [
      'BAN DÂN VẬN',
      'Kính gửi: Đảng ủy xã Tà Xùa',
      'Đề nghị giải trình trước ngày 12/11/2026.',
      '- Thường trực Huyện ủy (b/c);',
      'TRƯỞNG BAN',
      'Lò Thị Hương',
    ]);
  });

  it('writes several addressees as a dash list, however long', async () => {
    const letter = explanationRequest();
    letter.addressees = Array.from({ length: 300 }, (_, i) => `Đảng ủy xã số ${i + 1}`);
    const text = await rawText(await renderPartyLetter(letter));
    expect(text).toContain('Kính gửi:');
    expect(text).not.toContain('Kính gửi: Đảng ủy');
    const dashes = [...text.matchAll(/^- Đảng ủy xã số (\d+),$/gm)].map((m) => Number(m[1]));
    expect(dashes).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expectInOrder(text, ['Kính gửi:', '- Đảng ủy xã số 1,', '- Đảng ủy xã số 300,', 'Thực hiện Kế hoạch', 'Nơi nhận:']);
  });

  it('renders a report with its type name centred above the trích yếu (issue 10)', async () => {
    const report: PartyLetter = {
      ...explanationRequest(),
      documentType: 'Báo cáo',
      typeCode: 'BC',
      number: '12',
      subject: 'kết quả thực hiện Chỉ thị 21-CT/TW quý III năm 2026',
      addressees: [],
      signer: { authority: 'T/M Ban Thường vụ', title: 'Phó Bí thư', name: 'Cầm Văn Minh' },
    };
    const text = await rawText(await renderPartyLetter(report));
    expect(text).not.toContain('V/v');
    expect(text).not.toContain('Kính gửi');
    expectInOrder(text, [
      'Số 12-BC/BDVHU',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'BÁO CÁO',
      'kết quả thực hiện Chỉ thị 21-CT/TW quý III năm 2026',
      'Nơi nhận:',
      'T/M BAN THƯỜNG VỤ',
      'PHÓ BÍ THƯ',
      'Cầm Văn Minh',
    ]);
  });
});
