/**
 * Vietnamese text helpers: NFC at the edge, diacritic- and case-insensitive folding for search,
 * and Vietnamese collation for sorting.
 */

export function nfc(value: string): string {
  return value.normalize('NFC');
}

/** "Hội LHPN Huyện" → "hoi lhpn huyen"; đ → d; whitespace collapsed. */
export function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Folded search terms; "hoi  LHPN" → ["hoi", "lhpn"]. */
export function searchTerms(query: string): string[] {
  return fold(query)
    .split(' ')
    .filter((t) => t.length > 0);
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

export function compareVi(a: string, b: string): number {
  return collator.compare(a, b);
}

export function sortVi<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((x, y) => collator.compare(key(x), key(y)));
}
