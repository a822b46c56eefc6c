import { describe, expect, it } from 'vitest';
import { draftLetter, initials, placeOf, vnDate } from './letter.js';
import type { ObligationContext } from './reminders.repository.js';

const obligation: ObligationContext = {
  id: 'o1',
  planId: 'p1',
  planTitle: 'Kế hoạch triển khai thực hiện Chỉ thị số 21-CT/TW',
  planSymbol: '45-KH/HU',
  planIssuedOn: '2018-06-01',
  planIssuerCode: 'HU',
  planStatus: 'active',
  settings: null,
  ownerName: 'Ban Thường vụ Huyện ủy Bắc Yên',
  taskLabel: 'II.1',
  taskTitle: 'Nâng cao nhận thức',
  unitId: 'u1',
  unitName: 'Đảng ủy xã Tà Xùa',
  unitPath: '/a/b/c/',
  reviewerId: 'r1',
  reviewerName: 'Ban Thường vụ Huyện ủy Bắc Yên',
  reviewerPath: '/a/b/',
  reviewerParentName: 'Huyện ủy Bắc Yên',
  periodKey: '2026-Q1',
  periodStart: '2026-01-01',
  periodEnd: '2026-03-15',
  deadline: '2026-03-20',
  endedOn: null,
  submittedAt: null,
};

describe('the drafted request for explanation', () => {
  it('writes dates, places and codes the way Party letters do', () => {
    expect(vnDate('2026-03-05')).toBe('05/03/2026');
    expect(placeOf('Huyện ủy Bắc Yên')).toBe('Bắc Yên');
    expect(initials('Ban Dân vận Huyện ủy')).toBe('BDVHU');
  });

  it('takes the plan owner’s code from the plan’s symbol, names plan, task, period and deadline, leaves the number blank', () => {
    const letter = draftLetter(obligation, '2026-03-27');
    expect(letter).toMatchObject({
      issuer: 'BAN THƯỜNG VỤ HUYỆN ỦY BẮC YÊN',
      superior_body: 'HUYỆN ỦY BẮC YÊN',
      issuer_code: 'HU',
      type_code: 'CV',
      place: 'Bắc Yên',
      number: null,
      issued_on: null,
      signer_authority: 'T/M BAN THƯỜNG VỤ',
      archive: 'Lưu VT, HU',
    });
    const body = JSON.parse(letter.paragraphs as string).join(' ');
    expect(body).toContain('Kế hoạch số 45-KH/HU ngày 01/06/2018');
    expect(body).toContain('nhiệm vụ II.1 "Nâng cao nhận thức"');
    expect(body).toContain('kỳ báo cáo 2026-Q1 (từ ngày 01/01/2026 đến ngày 15/03/2026)');
    expect(body).toContain('chậm nhất ngày 20/03/2026');
    expect(body).toContain('quá thời hạn 7 ngày');
    expect(JSON.parse(letter.addressees as string)).toEqual(['Đảng ủy xã Tà Xùa']);
  });

  it('uses the initials of the name without its place for the plan’s own report upward', () => {
    const letter = draftLetter(
      {
        ...obligation,
        taskLabel: null,
        taskTitle: null,
        reviewerName: 'Ban Dân vận Tỉnh ủy Sơn La',
        reviewerParentName: 'Tỉnh ủy Sơn La',
      },
      '2026-03-27',
    );
    expect(letter.issuer_code).toBe('BDVTU');
    expect(letter.signer_title).toBe('TRƯỞNG BAN');
  });
});
