import { describe, expect, it } from 'vitest';
import {
  canonicalSymbol,
  DOCUMENT_TYPES,
  findReferences,
  parseSymbol,
  parseVietnameseDate,
  typeCodeOf,
  typeNameOf,
} from './symbol.js';

describe('parseSymbol: §1 grammar', () => {
  it.each([
    ['21-CT/TW', 'party', '21', 'CT', 'TW', '21-CT/TW'],
    ['57-CTr/TU', 'party', '57', 'CTr', 'TU', '57-CTr/TU'],
    ['Số 36-HD/VPTW', 'party', '36', 'HD', 'VPTW', '36-HD/VPTW'],
    ['Số: 123/KH-UBND', 'state', '123', 'KH', 'UBND', '123/KH-UBND'],
    ['30/2020/NĐ-CP', 'state', '30', 'NĐ', 'CP', '30/2020/NĐ-CP'],
    ['28/2018/QĐ-TTg', 'state', '28', 'QĐ', 'TTg', '28/2018/QĐ-TTg'],
    ['1234/UBND-VP', 'state', '1234', null, 'UBND', '1234/UBND-VP'],
    ['56/UBND-NC', 'state', '56', null, 'UBND', '56/UBND-NC'],
    ['197/STTTT', 'state', '197', null, 'STTTT', '197/STTTT'],
    ['01-KH/TU', 'party', '01', 'KH', 'TU', '01-KH/TU'],
    ['08-QĐi/TW', 'party', '08', 'QĐi', 'TW', '08-QĐi/TW'],
    ['24-BS/UBKTTU', 'party', '24', 'BS', 'UBKTTU', '24-BS/UBKTTU'],
    ['62-KH/BDVTU', 'party', '62', 'KH', 'BDVTU', '62-KH/BDVTU'],
    ['59-CV/BCĐ', 'party', '59', 'CV', 'BCĐ', '59-CV/BCĐ'],
  ])('%s', (text, system, number, typeCode, issuerCode, symbol) => {
    const p = parseSymbol(text);
    expect(p).not.toBeNull();
    expect(p?.system).toBe(system);
    expect(p?.number).toBe(number);
    expect(p?.typeCode).toBe(typeCode);
    expect(p?.issuerCode).toBe(issuerCode);
    expect(p?.symbol).toBe(symbol);
  });

  it('keeps a year and unit codes', () => {
    expect(parseSymbol('30/2020/NĐ-CP')?.year).toBe('2020');
    expect(parseSymbol('123/KH-UBND-VX1')?.unitCodes).toEqual(['VX1']);
    expect(parseSymbol('29-CV/TC-NV')).toMatchObject({ issuerCode: 'TC', unitCodes: ['NV'], symbol: '29-CV/TC-NV' });
    expect(parseSymbol('367-QĐ/TWĐTN-VP')).toMatchObject({ issuerCode: 'TWĐTN', unitCodes: ['VP'] });
  });
});

describe('parseSymbol: the variant table of documents.md', () => {
  it('space before the hyphen: 23 -CT/HU', () => {
    expect(parseSymbol('23 -CT/HU')?.symbol).toBe('23-CT/HU');
  });
  it('spaces around every separator', () => {
    expect(parseSymbol('416/QĐ- TTg')?.symbol).toBe('416/QĐ-TTg');
    expect(parseSymbol('37- CT/TW')?.symbol).toBe('37-CT/TW');
    expect(parseSymbol('5973 /UBND-KT')?.symbol).toBe('5973/UBND-KT');
  });
  it('all-caps title, so all-caps codes: 45-CTR/TU → 45-CTr/TU', () => {
    expect(parseSymbol('45-CTR/TU')?.symbol).toBe('45-CTr/TU');
    expect(parseSymbol('08-QĐI/TW')?.symbol).toBe('08-QĐi/TW');
    expect(parseSymbol('12/TTR-UBND')?.symbol).toBe('12/TTr-UBND');
    expect(parseSymbol('28/2018/QĐ-TTG')?.symbol).toBe('28/2018/QĐ-TTg');
  });
  it('slash and hyphen swapped (Party symbol written state-style)', () => {
    expect(parseSymbol('22/CT-TW')).toMatchObject({ system: 'party', symbol: '22-CT/TW' });
    expect(parseSymbol('24/KH-BTGTU')).toMatchObject({ system: 'party', symbol: '24-KH/BTGTU' });
  });
  it('Ư for U in codes (TƯ, ƯBND)', () => {
    expect(parseSymbol('11-NQ/TƯ')?.symbol).toBe('11-NQ/TW');
    expect(parseSymbol('12/KH-ƯBND')?.symbol).toBe('12/KH-UBND');
    expect(parseSymbol('45-KH/HƯ')?.symbol).toBe('45-KH/HU');
  });
  it('line break inside a reference', () => {
    expect(parseSymbol('10-\n\nNQ/TW')?.symbol).toBe('10-NQ/TW');
    expect(findReferences('Nghị quyết số\n12-NQ/TW ngày 16/01/2012')[0]?.parsed.symbol).toBe('12-NQ/TW');
  });
  it('blank number in a draft: Số:        /KH-UBND', () => {
    expect(parseSymbol('Số:        /KH-UBND')).toMatchObject({
      number: null,
      symbol: null,
      typeCode: 'KH',
      issuerCode: 'UBND',
      system: 'state',
    });
    expect(parseSymbol('Số -KH/ĐU')).toMatchObject({ number: null, symbol: null, typeCode: 'KH', issuerCode: 'ĐU' });
  });
  it.each([
    '0214.3840.123',
    '0219/3866.124',
    '(0214) 3840 123',
    'd:\\2011\\CV\\ke hoach.doc',
    'd:/2011/CV/abc',
    '20/01/2018',
    '21-02-2018',
    '| 1 | 2 | 3 |',
    'Quý II/2020',
    '2021–2030',
    '',
  ])('look-alike that is not a reference: %j', (text) => {
    expect(parseSymbol(text)).toBeNull();
  });
  it('phone numbers and paths are not mentions', () => {
    expect(findReferences('Điện thoại: 0219.3866.123 - Fax 0219/3866.124; File: d:\\2011\\CV\\45.doc')).toEqual([]);
  });
  it('split letters in headings do not break the parser', () => {
    expect(parseSymbol('K ÉT LUẬN')).toBeNull();
  });
});

describe('type table (§2)', () => {
  it('maps type words and codes per system', () => {
    expect(typeNameOf('KẾ HOẠCH')).toBe('Kế hoạch');
    expect(typeNameOf('Văn bản')).toBe('Công văn');
    expect(typeNameOf('chương trình hành động')).toBe('Chương trình hành động');
    expect(typeCodeOf('Kế hoạch', 'party')).toBe('KH');
    expect(typeCodeOf('Quy định', 'state')).toBe('QyĐ');
    expect(typeCodeOf('Quy định', 'party')).toBe('QĐ');
    expect(typeCodeOf('Công văn', 'party')).toBe('CV');
    expect(typeCodeOf('Công văn', 'state')).toBeNull();
    expect(typeCodeOf('Kết luận', 'party')).toBe('KL');
    expect(DOCUMENT_TYPES.find((t) => t.name === 'Chương trình hành động')?.partyCodes).toEqual(['CTr']);
  });
  it('canonicalSymbol builds both styles', () => {
    const base = { unitCodes: [], year: null };
    expect(canonicalSymbol({ ...base, number: '21', typeCode: 'CT', issuerCode: 'TW', system: 'party' })).toBe(
      '21-CT/TW',
    );
    expect(
      canonicalSymbol({ ...base, number: '30', typeCode: 'NĐ', issuerCode: 'CP', system: 'state', year: '2020' }),
    ).toBe('30/2020/NĐ-CP');
    expect(
      canonicalSymbol({
        number: '1234',
        typeCode: null,
        issuerCode: 'UBND',
        unitCodes: ['VP'],
        year: null,
        system: 'state',
      }),
    ).toBe('1234/UBND-VP');
    expect(canonicalSymbol({ ...base, number: null, typeCode: 'KH', issuerCode: 'UBND', system: 'state' })).toBeNull();
  });
});

describe('findReferences', () => {
  it('reads type, symbol, date and issuer (§1 REFERENCE)', () => {
    const [r] = findReferences(
      'triển khai thực hiện Chỉ thị số 21-CT/TW, ngày 20/01/2018  \ncủa Ban Bí thư về tiếp tục',
    );
    expect(r).toMatchObject({
      asWritten: 'Chỉ thị số 21-CT/TW, ngày 20/01/2018 của Ban Bí thư',
      typeName: 'Chỉ thị',
      date: '2018-01-20',
      issuerPhrase: 'Ban Bí thư',
    });
    expect(r?.parsed.symbol).toBe('21-CT/TW');
  });
  it('without "số", with a spaced hyphen, dates in words and older dashes', () => {
    const refs = findReferences(
      'Nghị quyết 11-NQ/TW, Chỉ thị số 23 -CT/HU, ngày 29/4/2009 của Huyện ủy; Chỉ thị số 37-CT/TW ngày 03 tháng 9 năm 2019 của Ban Bí thư; Chương trình số 53-CTr/TU ngày 21-02-2018 của Ban Chấp hành Đảng bộ tỉnh khóa XV',
    );
    expect(refs.map((r) => r.parsed.symbol)).toEqual(['11-NQ/TW', '23-CT/HU', '37-CT/TW', '53-CTr/TU']);
    expect(refs.map((r) => r.date)).toEqual([null, '2009-04-29', '2019-09-03', '2018-02-21']);
    expect(refs[3]?.asWritten).toBe('Chương trình số 53-CTr/TU ngày 21-02-2018 của Ban Chấp hành Đảng bộ tỉnh khóa XV');
    expect(refs[3]?.issuerPhrase).toBe('Ban Chấp hành Đảng bộ tỉnh');
  });
  it('all-caps mentions, "Văn bản", glued words, extra words before "số"', () => {
    const caps = findReferences(
      'KẾ HOẠCH SỐ 119-KH/TU NGÀY 18 THÁNG 12 NĂM 2019 CỦA BAN THƯỜNG VỤ TỈNH ỦY VỀ THỰC HIỆN',
    );
    expect(caps[0]).toMatchObject({ typeName: 'Kế hoạch', date: '2019-12-18', issuerPhrase: 'BAN THƯỜNG VỤ TỈNH ỦY' });
    const vb = findReferences('Văn bản số 4250/BNNMT-ĐCKS ngày 29/4/2026 của Bộ Nông nghiệp và Môi trường về việc');
    expect(vb[0]).toMatchObject({ typeName: 'Công văn', issuerPhrase: 'Bộ Nông nghiệp và Môi trường' });
    expect(vb[0]?.parsed).toMatchObject({ typeCode: null, issuerCode: 'BNNMT', unitCodes: ['ĐCKS'] });
    expect(findReferences('Chỉ thịsố46-CT/TW, ngày 16/5/2025 của Bộ Chính trị vềlãnh đạo')[0]?.issuerPhrase).toBe(
      'Bộ Chính trị',
    );
    expect(findReferences('báo cáo thẩm tra số 03- BC/BXDĐ ngày 13/10/2025')[0]?.parsed.symbol).toBe('03-BC/BXDĐ');
  });
  it('two mentions joined by "và" stay two', () => {
    const refs = findReferences(
      'Kết luận số 150-KL/TW, ngày 14/4/2025 của Bộ Chính trị và Hướng dẫn số 31-HD/BTCTW, ngày 23/4/2025 của Ban Tổ chức Trung ương',
    );
    expect(refs.map((r) => r.issuerPhrase)).toEqual(['Bộ Chính trị', 'Ban Tổ chức Trung ương']);
  });
  it('skips a blank draft number', () => {
    expect(findReferences('(Kèm theo Kế hoạch số:           /KH-UBND ngày        tháng      năm 2026)')).toEqual([]);
  });
});

describe('dates', () => {
  it.each([
    ['ngày 20/01/2018', '2018-01-20'],
    ['ngày 6 tháng 4 năm 2011', '2011-04-06'],
    ['01-10-1997', '1997-10-01'],
    ['ngày 31/02/2020', null],
  ])('%s', (text, iso) => {
    expect(parseVietnameseDate(text)).toBe(iso);
  });
});
