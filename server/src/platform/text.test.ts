import { describe, expect, it } from 'vitest';
import { compareVi, fold, isStorableText, nfc, normalizeName, normalizeText, searchTerms, sortVi } from './text.js';

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

describe('one normalisation for stored names', () => {
  it('NFC, zero-width and control characters removed, white space collapsed, trimmed', () => {
    const want = 'Huyện ủy Mường Tè';
    for (const twin of [
      'Huyện ủy  Mường Tè',
      'Huyện\u200b ủy Mường Tè',
      ' Huyện ủy\tMường\u00a0Tè\ufeff',
      'Huyện ủy Mường Tè'.normalize('NFD'),
      'Huyện\u0000 ủy\u2060 Mường\u00ad Tè\n',
    ]) {
      expect(normalizeName(twin)).toBe(want);
    }
    expect(normalizeName('\u200b\u200c\u200d\ufeff')).toBe('');
  });

  it('keeps the lines of running text, drops invisible and control characters', () => {
    expect(normalizeText('Dòng 1\r\nDòng\u200b 2\u0007\n\tmục')).toBe('Dòng 1\nDòng 2\n\tmục');
  });

  it('tells storable text from NUL and unpaired surrogates', () => {
    expect(isStorableText('Hà Nội 😀')).toBe(true);
    expect(isStorableText('a\u0000b')).toBe(false);
    expect(isStorableText('a\ud800b')).toBe(false);
    expect(isStorableText('\udc00')).toBe(false);
  });
});
