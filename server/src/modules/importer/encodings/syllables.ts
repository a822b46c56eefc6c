/**
 * How Vietnamese a text looks: the score that chooses between candidate decodings of a legacy
 * 8-bit file. Each whitespace-separated word that holds a non-ASCII character counts +1 when it
 * is one well-formed Vietnamese syllable (initial consonant, vowel group, final consonant, at most
 * one tone mark, consistent case) and −1 otherwise (a wrong table gives symbols inside words,
 * two tone marks, impossible vowel groups). Pure-ASCII words count 0: every candidate agrees on
 * them.
 */

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/gu;

const VOWEL_GROUPS = [
  'a',
  'ă',
  'â',
  'e',
  'ê',
  'i',
  'o',
  'ô',
  'ơ',
  'u',
  'ư',
  'y',
  'ai',
  'ao',
  'au',
  'ay',
  'âu',
  'ây',
  'eo',
  'êu',
  'ia',
  'iê',
  'iu',
  'oa',
  'oă',
  'oe',
  'oi',
  'oo',
  'ôi',
  'ơi',
  'ua',
  'uâ',
  'uê',
  'ui',
  'uô',
  'uơ',
  'uy',
  'ưa',
  'ưi',
  'ươ',
  'ưu',
  'yê',
  'iêu',
  'yêu',
  'oai',
  'oay',
  'oao',
  'oeo',
  'uây',
  'uôi',
  'ươi',
  'ươu',
  'uya',
  'uyê',
  'uyu',
];

const SYLLABLE = new RegExp(
  `^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?(?:${VOWEL_GROUPS.sort((a, b) => b.length - a.length).join('|')})(?:ch|ng|nh|[cmnpt])?$`,
  'u',
);

const LETTERS_ONLY = /^[\p{L}\p{M}]+$/u;
const WORD_CHARACTER = /[\p{L}\p{M}\p{N}]/u;
const NON_ASCII = /[^\p{ASCII}]/u;

/** True when `word` (letters only, any case, NFC or NFD) is one Vietnamese syllable. */
export function isVietnameseSyllable(word: string): boolean {
  if (!LETTERS_ONLY.test(word)) return false;
  const nfc = word.normalize('NFC');
  const lower = nfc.toLowerCase();
  if (nfc !== lower && nfc !== nfc.toUpperCase() && nfc !== (lower[0] ?? '').toUpperCase() + lower.slice(1)) {
    return false; // mixed case inside a word: a wrong table
  }
  const decomposed = lower.normalize('NFD');
  const tones = decomposed.match(TONE_MARKS)?.length ?? 0;
  if (tones > 1) return false;
  const base = decomposed.replace(TONE_MARKS, '').normalize('NFC');
  return SYLLABLE.test(base);
}

const cache = new Map<string, number>();
const CACHE_LIMIT = 100_000;
const MAX_TOKEN = 64;

/** Score of one whitespace-free token: +1, −1 or 0 (see the module comment). */
export function scoreToken(token: string): number {
  if (token.length > MAX_TOKEN) return NON_ASCII.test(token) ? -1 : 0; // no syllable is that long
  const cached = cache.get(token);
  if (cached !== undefined) return cached;
  // The word without the punctuation around it.
  let from = 0;
  let to = token.length;
  while (from < to && !WORD_CHARACTER.test(token[from] as string)) from++;
  while (to > from && !WORD_CHARACTER.test(token[to - 1] as string)) to--;
  const core = token.slice(from, to);
  const score = core === '' || !NON_ASCII.test(core) ? 0 : isVietnameseSyllable(core) ? 1 : -1;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(token, score);
  return score;
}

/**
 * Score of a text. `limit` caps the number of scored (non-ASCII) words, so choosing a table for a
 * 20 MB file looks at its first words only.
 */
export function scoreText(text: string, limit = 20_000): number {
  let score = 0;
  let scored = 0;
  for (const match of text.matchAll(/\S+/gu)) {
    const s = scoreToken(match[0]);
    if (s !== 0) {
      score += s;
      scored += 1;
      if (scored >= limit) break;
    }
  }
  return score;
}
