import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlanImportObject } from '../plans/plan-format.js';
import { findDeadline, findRecurrence } from './extract/body.js';
import { orgItems } from './extract/orgs.js';
import { fixGlue, orgCase } from './extract/text.js';
import { extractPlan } from './extract.js';

const here = new URL('.', import.meta.url).pathname;
const FIXTURES = join(here, 'fixtures');
const FOUNDING_FIXTURE = join(here, '../plans/fixtures/founding-plan.plan.json');
const SEED = join(here, '../plans/fixtures/founding-plan.txt');
const source = { fileName: 'x.txt', encoding: 'utf-8', warnings: [] };

describe('founding plan (seed)', () => {
  const expected = JSON.parse(readFileSync(FOUNDING_FIXTURE, 'utf8'));
  const text = (() => {
    try {
      return readFileSync(SEED, 'utf8');
    } catch {
      return null;
    }
  })();
  it('extracts exactly the founding fixture (except source)', () => {
    const got = extractPlan(text ?? '', expected.source);
    const { source: _a, ...rest } = got;
    const { source: _b, ...want } = expected;
    expect(rest).toEqual(want);
  });
});

describe('own fixtures (fixtures/*.txt)', () => {
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.txt'))) {
    it(file, () => {
      const expected = JSON.parse(readFileSync(join(FIXTURES, file.replace(/\.txt$/, '.expected.json')), 'utf8'));
      const got = extractPlan(readFileSync(join(FIXTURES, file), 'utf8'), expected.source);
      expect(got).toEqual(expected);
    });
  }
});

describe('extractPlan: contract shape', () => {
  it.each(['', '   \n\n', '\u0000\u0001binary', 'x', '1.', 'I. ', 'Nơi nhận:', 'T/M'])('never throws on %j', (t) => {
    const got = extractPlan(t, source);
    expect(PlanImportObject.parse(got)).toEqual(got);
    expect(got.source).toEqual(source);
  });
  it('tolerates a bad source object', () => {
    // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
    const got = extractPlan('KẾ HOẠCH\nabc', null as any);
    expect(got.source).toEqual({ fileName: null, encoding: null, warnings: [] });
  });
  it('a letter without items gives one "body" task', () => {
    const t = [
      'ỦY BAN NHÂN DÂN',
      'HUYỆN BẢO YÊN',
      'Số: 12/UBND-VP',
      'Bảo Yên, ngày 02 tháng 3 năm 2024',
      'V/v báo cáo kết quả',
      '',
      'Kính gửi: Phòng Nội vụ huyện.',
      '',
      'Ủy ban nhân dân huyện nhận được Văn bản số 5/SNV-CCVC ngày 01/3/2024 của Sở Nội vụ, ý kiến như sau:',
      'Giao Phòng Nội vụ huyện chủ trì, báo cáo Ủy ban nhân dân huyện trước ngày 10/3/2024.',
      'Nơi nhận:',
      '- Như trên;',
      '- Lưu: VT.',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Trần Văn B',
    ].join('\n');
    const got = extractPlan(t, source);
    expect(got.document).toMatchObject({
      typeName: 'Công văn',
      symbol: '12/UBND-VP',
      date: '2024-03-02',
      place: 'Bảo Yên',
    });
    expect(got.addressees).toEqual(['Phòng Nội vụ huyện']);
    expect(got.references[0]).toMatchObject({ symbol: '5/SNV-CCVC', relation: 'basis', typeName: 'Công văn' });
    expect(got.tasks).toEqual([
      {
        ref: 'body',
        title: null,
        text: 'Giao Phòng Nội vụ huyện chủ trì, báo cáo Ủy ban nhân dân huyện trước ngày 10/3/2024.',
        assignments: [
          { organization: 'Phòng Nội vụ huyện', role: 'lead' },
          { organization: 'Ủy ban nhân dân huyện', role: 'report_to' },
        ],
        deadline: '2024-03-10',
        recurrence: null,
      },
    ]);
    expect(got.signer).toEqual({ authority: 'KT.', onBehalfOf: 'CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Trần Văn B' });
  });
});

describe('deadlines and recurrence', () => {
  it.each([
    ['báo cáo về Sở Nội vụ trước ngày 15/4/2026.', '2026-04-15'],
    ['hoàn thành chậm nhất đến ngày 01 tháng 7 năm 2028', '2028-07-01'],
    ['trước ngày 15/11 hằng năm', null],
    ['hoàn thành trong tháng 01/2026', null],
    ['trước ngày 20 của tháng cuối quý', null],
    ['Đại hội ngày 03/11/2025.', null],
  ])('deadline of %j', (text, iso) => {
    expect(findDeadline(text)).toBe(iso);
  });
  it.each([
    ['Định kỳ hằng năm, cấp ủy chủ trì', 'annual'],
    ['định kỳ 6 tháng, hằng năm báo cáo', 'semiannual'],
    ['định kỳhàng quý, năm báo cáo', 'quarterly'],
    ['báo cáo hằng tháng', 'monthly'],
    ['thường xuyên', null],
    ['kiểm tra định kỳ và đột xuất', null],
    ['tiêu chí đánh giá, xếp loại tổ chức đảng hàng tháng, quý và năm', null],
  ])('recurrence of %j', (text, r) => {
    expect(findRecurrence(text)).toBe(r);
  });
});

describe('organisation names', () => {
  it('splits lists, keeps named classes, drops catch-alls, distributes a shared level word', () => {
    expect(orgItems('Hội Liên hiệp Phụ nữ, Ban vì sự tiến bộ Phụ nữ huyện')).toEqual([
      'Hội Liên hiệp Phụ nữ huyện',
      'Ban vì sự tiến bộ Phụ nữ huyện',
    ]);
    expect(orgItems('Công an tỉnh, các sở, ban, ngành, đoàn thể tỉnh và Ủy ban nhân dân các xã, phường')).toEqual([
      'Công an tỉnh',
      'các sở, ban, ngành, đoàn thể tỉnh',
      'Ủy ban nhân dân các xã, phường',
    ]);
    expect(orgItems('Liên đoàn Lao động tỉnh; các sở, ngành liên quan; UBND các huyện, thành phố')).toEqual([
      'Liên đoàn Lao động tỉnh',
      'Ủy ban nhân dân các huyện, thành phố',
    ]);
    expect(orgItems('Sở Lao động - Thương binh và Xã hội, Ủy ban nhân dân tỉnh')).toEqual([
      'Sở Lao động - Thương binh và Xã hội',
      'Ủy ban nhân dân tỉnh',
    ]);
    expect(orgItems('Ủy ban MTTQ Việt Nam và các tổ chức chính trị xã hội tỉnh')).toEqual([
      'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh',
      'các tổ chức chính trị xã hội tỉnh',
    ]);
    expect(orgItems('các cơ quan, đơn vị có liên quan')).toEqual([]);
  });
  it('restores spaces lost in extraction', () => {
    expect(fixGlue('Ban Thường vụĐảng uỷ')).toBe('Ban Thường vụ Đảng uỷ');
    expect(fixGlue('Ban Chỉhuy Quân sựxã')).toBe('Ban Chỉ huy Quân sự xã');
    expect(fixGlue('Hội Liên hiệp phụnữ')).toBe('Hội Liên hiệp phụ nữ');
  });
  it('normal case for header names', () => {
    expect(orgCase('ỦY BAN NHÂN DÂN TỈNH LÀO CAI')).toBe('Ủy ban nhân dân tỉnh Lào Cai');
    expect(orgCase('ĐẢNG UỶ XÃ CÔNG HẢI')).toBe('Đảng uỷ xã Công Hải');
    expect(orgCase('HUYỆN ỦY PHONG THỔ')).toBe('Huyện ủy Phong Thổ');
  });
});
