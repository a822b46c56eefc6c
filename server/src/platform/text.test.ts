import { describe, expect, it } from 'vitest';
import { compareVi, fold, nfc, searchTerms, sortVi } from './text.js';

describe('Vietnamese text', () => {
  it('folds diacritics, đ and case so "hoi lhpn" matches "Hội LHPN"', () => {
    expect(fold('Hội LHPN huyện')).toBe('hoi lhpn huyen');
    expect(fold('ĐẢNG ỦY xã Tà Xùa')).toBe('dang uy xa ta xua');
    expect(searchTerms('  hoi   LHPN ')).toEqual(['hoi', 'lhpn']);
  });

  it('treats decomposed (NFD) input like composed text', () => {
    const decomposed = 'Hội'.normalize('NFD');
    expect(nfc(decomposed)).toBe('Hội');
    expect(fold(decomposed)).toBe('hoi');
  });

  it('sorts by Vietnamese collation: a < ă < â < b, d < đ < e', () => {
    const names = ['Đảng ủy', 'Ban Tổ chức', 'Âu', 'Ăn', 'An', 'Dân vận', 'Em'];
    expect(sortVi(names, (n) => n)).toEqual(['An', 'Ăn', 'Âu', 'Ban Tổ chức', 'Dân vận', 'Đảng ủy', 'Em']);
    expect(compareVi('xã 2', 'xã 10')).toBeLessThan(0);
  });
});
