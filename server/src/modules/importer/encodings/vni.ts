import { CP1252, encodeCp1252, fromCodeUnits } from './windows.js';

/**
 * VNI-Windows, the table behind the `VNI-Times` fonts. It is Windows-1252 with a convention: a
 * vowel is written as its base letter followed by one byte for the diacritics, and a few letters
 * have a byte of their own.
 *
 *   plain vowel + tone:        ù sắc, ø huyền, û hỏi, õ ngã, ï nặng        (aù = á)
 *   circumflex (â ê ô):        â alone, á sắc, à huyền, å hỏi, ã ngã, ä nặng (aâ = â, eá = ế)
 *   breve (ă):                 ê alone, é sắc, è huyền, ú hỏi, ü ngã, ë nặng (aê = ă, aé = ắ)
 *   own bytes:                 ô ơ, ö ư, ñ đ, í í, ì ì, æ ỉ, ó ĩ, ò ị, î ỵ
 *   ơ and ư take the plain tones after their own byte (ôù = ớ, öï = ự).
 * Capitals use the capital forms of the same bytes (AÙ = Á, Ô = Ơ, Ñ = Đ).
 *
 * Because every VNI byte is a Windows-1252 character, VNI text also turns up as "valid" Unicode
 * (copied out of a VNI-Times document: "Keá hoaïch"); decodeVniString repairs that form.
 */

const TONES = ['\u0301', '\u0300', '\u0309', '\u0303', '\u0323'] as const; // sắc huyền hỏi ngã nặng
const PLAIN_TONE_BYTES = ['ù', 'ø', 'û', 'õ', 'ï'];
const CIRCUMFLEX_BYTES = ['á', 'à', 'å', 'ã', 'ä']; // after the base: circumflex + tone
const BREVE_BYTES = ['é', 'è', 'ú', 'ü', 'ë'];

/** Two-character sequences (lowercase form): VNI → Unicode. */
const PAIRS = new Map<string, string>();
/** Single characters (lowercase form): VNI → Unicode. */
const SINGLES = new Map<string, string>([
  ['ô', 'ơ'],
  ['ö', 'ư'],
  ['ñ', 'đ'],
  ['í', 'í'],
  ['ì', 'ì'],
  ['æ', 'ỉ'],
  ['ó', 'ĩ'],
  ['ò', 'ị'],
  ['î', 'ỵ'],
]);

function nfc(text: string): string {
  return text.normalize('NFC');
}

for (const base of ['a', 'e', 'o', 'u', 'y', 'ô', 'ö']) {
  const letter = SINGLES.get(base) ?? base;
  PLAIN_TONE_BYTES.forEach((byte, t) => {
    if (base === 'y' && t === 4) return; // ỵ has its own byte (î)
    PAIRS.set(base + byte, nfc(letter + TONES[t]));
  });
}
for (const base of ['a', 'e', 'o']) {
  PAIRS.set(`${base}â`, nfc(`${base}\u0302`));
  CIRCUMFLEX_BYTES.forEach((byte, t) => {
    PAIRS.set(base + byte, nfc(`${base}\u0302${TONES[t]}`));
  });
}
PAIRS.set('aê', 'ă');
BREVE_BYTES.forEach((byte, t) => {
  PAIRS.set(`a${byte}`, nfc(`a\u0306${TONES[t]}`));
});

function upper(text: string): string {
  return text.toUpperCase();
}

/** Every VNI sequence in both cases (the case of a letter follows its base), longest first. */
const DECODE = new Map<string, string>();
for (const [vni, unicode] of PAIRS) {
  const [base, mark] = [vni[0] as string, vni[1] as string];
  for (const b of [base, upper(base)]) {
    for (const m of [mark, upper(mark)]) DECODE.set(b + m, b === base ? unicode : upper(unicode));
  }
}
for (const [vni, unicode] of SINGLES) {
  DECODE.set(vni, unicode);
  DECODE.set(upper(vni), upper(unicode));
}
const MARKS = 'ùøûõïâáàåãäêéèúüë';
// A base vowel and a mark byte, or a letter with a byte of its own.
const SEQUENCE = new RegExp(`[aeouyôö][${MARKS}]|[${[...SINGLES.keys()].join('')}]`, 'giu');

// The same tables by byte, for decoding bytes in one pass: every VNI letter is one code unit.
const PAIR_UNITS = new Uint16Array(65536);
const SINGLE_UNITS = Uint16Array.from(CP1252, (char) => char.charCodeAt(0));
for (const [vni, unicode] of DECODE) {
  const bytes = encodeCp1252(vni);
  if (bytes === null || unicode.length !== 1) continue;
  if (bytes.length === 2) PAIR_UNITS[((bytes[0] as number) << 8) | (bytes[1] as number)] = unicode.charCodeAt(0);
  else SINGLE_UNITS[bytes[0] as number] = unicode.charCodeAt(0);
}

/** Decodes VNI-Windows bytes to Unicode (NFC). */
export function decodeVni(bytes: Uint8Array): string {
  const out = new Uint16Array(bytes.length);
  let j = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    const pair = i + 1 < bytes.length ? (PAIR_UNITS[(byte << 8) | (bytes[i + 1] as number)] as number) : 0;
    if (pair !== 0) {
      out[j++] = pair;
      i++;
    } else {
      out[j++] = SINGLE_UNITS[byte] as number;
    }
  }
  return fromCodeUnits(out.subarray(0, j));
}

/** Repairs a string whose characters are VNI bytes read as Windows-1252. */
export function decodeVniString(text: string): string {
  const bytes = encodeCp1252(text);
  if (bytes !== null) return decodeVni(bytes);
  // Mixed with characters outside Windows-1252: sequence by sequence. A base and a mark that do
  // not combine (yï, uâ): the mark cannot start a sequence itself.
  return text.replace(
    SEQUENCE,
    (sequence) => DECODE.get(sequence) ?? (DECODE.get(sequence[0] as string) ?? sequence[0]) + sequence.slice(1),
  );
}

const ENCODE = new Map<string, string>();
for (const [vni, unicode] of PAIRS) {
  ENCODE.set(unicode, vni);
  ENCODE.set(upper(unicode), upper(vni));
}
for (const [vni, unicode] of SINGLES) {
  if (vni === unicode) continue;
  ENCODE.set(unicode, vni);
  ENCODE.set(upper(unicode), upper(vni));
}

/**
 * Encodes NFC text to VNI-Windows bytes; characters outside Windows-1252 become "?". The inverse
 * of decodeVni for Vietnamese text; used by the tests to build legacy files.
 */
export function encodeVni(text: string): Uint8Array {
  let vni = '';
  for (const char of text.normalize('NFC')) {
    const mapped = ENCODE.get(char) ?? char;
    vni += encodeCp1252(mapped) === null ? '?' : mapped;
  }
  return encodeCp1252(vni) ?? new Uint8Array();
}
