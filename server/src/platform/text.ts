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

/** Zero-width and invisible format characters that make two equal-looking names differ. */
// Unicode's Default_Ignorable_Code_Point: soft hyphen, zero-width space/joiners, bidi marks,
// word joiner, variation selectors, BOM, Hangul fillers.
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/** A UTF-16 surrogate without its pair (JSON can carry one; PostgreSQL cannot store it). */
const LONE_SURROGATE = /[\ud800-\udfff]/u; // in `u` mode a pair is one code point and does not match

/** True when the text can be stored as is: no NUL byte, no lone surrogate. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/**
 * The one normalisation of every stored name and title (units, documents, plans, tasks,
 * users): NFC, zero-width and control characters removed, runs of white space collapsed to
 * one space, trimmed. "Huyện\u200b ủy  Mường Tè" and "Huyện ủy Mường Tè" are one name.
 */
export function normalizeName(value: string): string {
  return value
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/[\s\p{Cc}]+/gu, ' ')
    .trim();
}

/**
 * Running text (task text, objectives): NFC, invisible characters removed, control
 * characters but line breaks and tabs removed, lines kept.
 */
export function normalizeText(value: string): string {
  return value
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\n\t]/gu, '')
    .trim();
}
