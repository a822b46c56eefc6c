import { scoreToken } from './syllables.js';
import { CP1252, cp1252Byte, fromCodeUnits } from './windows.js';

/**
 * TCVN3 (ABC), the 8-bit Vietnamese table of TCVN 5712:1993 behind the `.VnTime` fonts.
 *
 * Bytes 0xA0–0xFF hold the lowercase letters, the seven toneless capitals (Ă Â Ê Ô Ơ Ư Đ), the
 * five combining tone marks (0xB0–0xB4) and, in the slots the lowercase letters leave free, some
 * toned capitals. The full table (TCVN 5712 "VN1", glibc's `TCVN5712-1`) puts the other toned
 * capitals in 0x80–0x9F and in twelve C0 control codes. Most ABC files typed capitals with the
 * `.VnTimeH` fonts (lowercase codes drawn as capitals), and use 0x80–0x9F for Windows-1252
 * punctuation (“ ” – …). The control codes are read as capitals (no text has them otherwise);
 * 0x80–0x9F is ambiguous: each word that holds such a byte is read three ways (all punctuation;
 * punctuation at the ends and capitals inside; all capitals) and the reading that gives a
 * Vietnamese syllable wins, punctuation on a tie (so a lone byte stays punctuation).
 *
 * Checked byte by byte against glibc iconv's TCVN5712-1 (see read.test.ts).
 */

// 0xA0–0xFF, sixteen a row. Combining marks are written as escapes.
const HIGH_ROWS = [
  '\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ',
  '\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ',
  'ẮẦẨẪẤỀặầẩẫấậèỂẻẽ',
  'éẹềểễếệìỉỄẾỒĩíịò',
  'Ổỏõóọồổỗốộờởỡớợù',
  'ỖủũúụừửữứựỳỷỹýỵỐ',
];

// 0x80–0x9F in the full table: toned capitals.
const CAPITAL_ROWS = ['ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ', 'ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ'];

// C0 control codes that the full table uses for toned capitals.
const CONTROL_CAPITALS: ReadonlyArray<readonly [number, string]> = [
  [0x01, 'Ú'],
  [0x02, 'Ụ'],
  [0x04, 'Ừ'],
  [0x05, 'Ử'],
  [0x06, 'Ữ'],
  [0x11, 'Ứ'],
  [0x12, 'Ự'],
  [0x13, 'Ỳ'],
  [0x14, 'Ỷ'],
  [0x15, 'Ỹ'],
  [0x16, 'Ý'],
  [0x17, 'Ỵ'],
];

function rowChars(row: string): string[] {
  return Array.from(row);
}

/** What each byte means when it is not ambiguous (ASCII, Windows-1252 for 0x80–0x9F, TCVN3 above). */
const PLAIN: string[] = Array.from({ length: 256 }, (_, byte) => (byte < 0x80 ? String.fromCharCode(byte) : ''));
/** The toned capital an ambiguous byte stands for in the full table. */
const CAPITAL: (string | undefined)[] = new Array(256).fill(undefined);

for (let byte = 0x80; byte < 0xa0; byte++) PLAIN[byte] = CP1252[byte] as string;
HIGH_ROWS.forEach((row, r) => {
  rowChars(row).forEach((char, c) => {
    PLAIN[0xa0 + r * 16 + c] = char;
  });
});
CAPITAL_ROWS.forEach((row, r) => {
  rowChars(row).forEach((char, c) => {
    CAPITAL[0x80 + r * 16 + c] = char;
  });
});
for (const [byte, char] of CONTROL_CAPITALS) CAPITAL[byte] = char;

/** The TCVN3 table as glibc's TCVN5712-1 reads it (ambiguous bytes as capitals), for tests. */
export const TCVN3_FULL_TABLE: readonly string[] = PLAIN.map((char, byte) => CAPITAL[byte] ?? char);

function isSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

function isAmbiguous(byte: number): boolean {
  return byte >= 0x80 && byte < 0xa0;
}

/** Every byte's code unit with 0x80–0x9F as punctuation and the control codes as capitals. */
const BASE = Uint16Array.from(PLAIN, (char, byte) => (byte < 0x80 ? (CAPITAL[byte] ?? char) : char).charCodeAt(0));

/** Longer runs without a space are not words; their bytes keep the plain reading. */
const MAX_WORD_BYTES = 64;

type Reading = 'plain' | 'edges' | 'capitals';

/**
 * Code units of bytes [start, end) in one reading: a byte of 0x80–0x9F is punctuation in the
 * plain reading, a capital in the capitals reading, and in the edges reading punctuation at the
 * ends of the word and a capital inside (“HOẠCH”).
 */
function readToken(bytes: Uint8Array, start: number, end: number, reading: Reading): number[] {
  let first = start;
  let last = end - 1;
  if (reading === 'edges') {
    while (first < end && isAmbiguous(bytes[first] as number)) first++;
    while (last >= first && isAmbiguous(bytes[last] as number)) last--;
  }
  const out: number[] = [];
  for (let i = start; i < end; i++) {
    const byte = bytes[i] as number;
    const capital = isAmbiguous(byte) && (reading === 'capitals' || (reading === 'edges' && i >= first && i <= last));
    out.push(capital ? (CAPITAL[byte] as string).charCodeAt(0) : (BASE[byte] as number));
  }
  return out;
}

function text(units: number[]): string {
  return String.fromCharCode(...units).normalize('NFC');
}

/** Decodes TCVN3 bytes to Unicode (not yet NFC: the combining tone marks stay separate). */
export function decodeTcvn3(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) units[i] = BASE[bytes[i] as number] as number;
  // Words holding a byte of 0x80–0x9F: the reading that gives a Vietnamese syllable wins,
  // punctuation on a tie (so a lone byte stays punctuation: "–" is far more common than a
  // one-letter capital word).
  for (let i = 0; i < bytes.length; i++) {
    if (!isAmbiguous(bytes[i] as number)) continue;
    let start = i;
    while (start > 0 && !isSpace(bytes[start - 1] as number)) start--;
    let end = i + 1;
    while (end < bytes.length && !isSpace(bytes[end] as number)) end++;
    if (end - start > 1 && end - start <= MAX_WORD_BYTES) {
      let best = readToken(bytes, start, end, 'plain');
      let bestScore = scoreToken(text(best));
      for (const reading of ['edges', 'capitals'] as const) {
        const candidate = readToken(bytes, start, end, reading);
        const score = scoreToken(text(candidate));
        if (score > bestScore) {
          best = candidate;
          bestScore = score;
        }
      }
      units.set(best, start);
    }
    i = end;
  }
  return fromCodeUnits(units);
}

const ENCODE = new Map<string, number>();
for (let byte = 0xff; byte >= 0; byte--) {
  const capital = CAPITAL[byte];
  if (capital !== undefined) ENCODE.set(capital, byte);
}
for (let byte = 0xff; byte >= 0; byte--) {
  const char = PLAIN[byte] as string;
  if (char !== '' && !ENCODE.has(char) && (byte < 0x80 || byte >= 0xa0 || CAPITAL[byte] === undefined)) {
    ENCODE.set(char, byte);
  }
}

/**
 * Encodes NFC text to TCVN3 (full table: toned capitals use the 0x80–0x9F and control slots);
 * punctuation outside the table takes its Windows-1252 byte, anything else becomes "?". The
 * inverse of decodeTcvn3 for Vietnamese text; used by the tests to build legacy files.
 */
export function encodeTcvn3(text: string): Uint8Array {
  const chars = Array.from(text.normalize('NFC'));
  const out = new Uint8Array(chars.length);
  chars.forEach((char, i) => {
    out[i] = ENCODE.get(char) ?? cp1252Byte(char) ?? 0x3f;
  });
  return out;
}
