import { scoreText } from './syllables.js';
import { decodeTcvn3 } from './tcvn3.js';
import { decodeVni } from './vni.js';
import { decodeCp1252, encodeCp1252 } from './windows.js';

/**
 * Finding the encoding of a text file and turning it into clean NFC Unicode.
 *
 * 1. A byte-order mark decides: UTF-8, UTF-16 LE, UTF-16 BE.
 * 2. Without one, NUL bytes mean UTF-16 when they sit at every other byte of an ASCII-heavy
 *    text, otherwise binary.
 * 3. Valid UTF-8 is UTF-8; a line whose characters all exist in Windows-1252 is checked for TCVN3
 *    or VNI text that went through Windows-1252 ("KÕ ho¹ch", "Keá hoaïch") and repaired.
 * 4. Invalid UTF-8 is decoded with each legacy table (TCVN3, VNI-Windows, Windows-1258,
 *    Windows-1252, and UTF-8 with replacement characters) and the reading with the best
 *    Vietnamese syllable score (syllables.ts) wins.
 */

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'tcvn3' | 'vni-windows' | 'windows-1258' | 'windows-1252';

export const ENCODING_NAMES: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  tcvn3: 'TCVN3 (ABC)',
  'vni-windows': 'VNI-Windows',
  'windows-1258': 'Windows-1258',
  'windows-1252': 'Windows-1252',
};

export function convertedWarning(encoding: Encoding): string {
  const name = ENCODING_NAMES[encoding];
  return `Đã chuyển từ bảng mã ${name} sang Unicode. / Converted from ${name} to Unicode.`;
}

export type DecodeResult = { ok: true; text: string; encoding: Encoding; warnings: string[] } | { ok: false };

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lossy = new TextDecoder('utf-8', { ignoreBOM: true });
const cp1258 = new TextDecoder('windows-1258');

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  const usable = bytes.subarray(0, bytes.length - (bytes.length % 2));
  return new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be', { ignoreBOM: true }).decode(usable);
}

/** Which byte of each pair holds the NULs of BOM-less UTF-16 text, if that is what this is. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.floor(bytes.length / 2);
  if (pairs < 2) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  if (oddNul >= pairs * 0.3 && evenNul <= pairs * 0.02) return 'utf-16le';
  if (evenNul >= pairs * 0.3 && oddNul <= pairs * 0.02) return 'utf-16be';
  return null;
}

/** Share of characters that no text has: C0/C1 controls other than tab, line breaks and form feed, and U+FFFD. */
export function garbageShare(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d) ||
      (c >= 0x7f && c <= 0x9f) ||
      c === 0xfffd
    ) {
      bad++;
    }
  }
  return bad / text.length;
}

/** Above this share of garbage characters a file is binary, not text. */
export const MAX_GARBAGE_SHARE = 0.1;

/**
 * Repairs TCVN3 or VNI text that reached Unicode through Windows-1252 (a text file saved from a
 * `.VnTime` or `VNI-Times` document, or such a Word document itself). Works line by line so that
 * a document mixing Unicode and legacy fonts keeps its Unicode lines. Returns the encoding found,
 * or null when nothing changed.
 */
export function repairLegacyText(text: string): { text: string; encoding: Encoding | null } {
  if (!/[^\p{ASCII}]/u.test(text)) return { text, encoding: null };
  const lines = text.split('\n');
  const decoders: Record<'tcvn3' | 'vni-windows', (bytes: Uint8Array) => string> = {
    tcvn3: (bytes) => decodeTcvn3(bytes).normalize('NFC'),
    'vni-windows': (bytes) => decodeVni(bytes).normalize('NFC'),
  };
  /** The line's bytes when it could be legacy text seen through Windows-1252. */
  const legacyBytes = (line: string): Uint8Array | null => (/[^\p{ASCII}]/u.test(line) ? encodeCp1252(line) : null);

  // Choose the table on the first candidate lines…
  const gains = { tcvn3: 0, 'vni-windows': 0 };
  let sampled = 0;
  for (const line of lines) {
    const bytes = legacyBytes(line);
    if (bytes === null) continue;
    const asIs = scoreText(line.normalize('NFC'));
    for (const encoding of ['tcvn3', 'vni-windows'] as const) {
      gains[encoding] += Math.max(0, scoreText(decoders[encoding](bytes)) - asIs);
    }
    if (++sampled >= REPAIR_SAMPLE_LINES) break;
  }
  const best = gains.tcvn3 >= gains['vni-windows'] ? 'tcvn3' : 'vni-windows';
  if (gains[best] < 2) return { text, encoding: null };

  // … then convert every line that reads better with it.
  let changed = false;
  const out = lines.map((line) => {
    const bytes = legacyBytes(line);
    if (bytes === null) return line;
    const decoded = decoders[best](bytes);
    if (scoreText(decoded) <= scoreText(line.normalize('NFC'))) return line;
    changed = true;
    return decoded;
  });
  return changed ? { text: out.join('\n'), encoding: best } : { text, encoding: null };
}

/** Lines looked at to choose between TCVN3 and VNI when repairing Unicode text. */
const REPAIR_SAMPLE_LINES = 2000;
/** Bytes looked at to choose the table of a file that is not UTF-8. */
const LEGACY_SAMPLE_BYTES = 64 * 1024;

function decodeLegacy(bytes: Uint8Array): { text: string; encoding: Encoding; warnings: string[] } {
  type Reading = { encoding: Encoding; decode: (bytes: Uint8Array) => string; warnings: (text: string) => string[] };
  const converted = (encoding: Encoding) => () => [convertedWarning(encoding)];
  const readings: Reading[] = [
    { encoding: 'tcvn3', decode: decodeTcvn3, warnings: converted('tcvn3') },
    { encoding: 'vni-windows', decode: decodeVni, warnings: converted('vni-windows') },
    { encoding: 'windows-1258', decode: (b) => cp1258.decode(b), warnings: converted('windows-1258') },
    {
      encoding: 'utf-8',
      decode: (b) => utf8Lossy.decode(b),
      warnings: (text) => {
        const invalid = (text.match(/\uFFFD/gu) ?? []).length;
        return [
          `Tệp có ${invalid} chỗ không đúng mã UTF-8, đã thay bằng ký tự �. / The file has ${invalid} invalid UTF-8 sequences, replaced with �.`,
        ];
      },
    },
    {
      encoding: 'windows-1252',
      decode: decodeCp1252,
      warnings: () => [
        'Không nhận ra bảng mã tiếng Việt; đã đọc theo Windows-1252, chữ có dấu có thể sai. / No Vietnamese encoding was recognised; the file was read as Windows-1252 and accented letters may be wrong.',
      ],
    },
  ];
  // Choose on a sample cut at a line break (or a space), so that no character is split.
  let sampleEnd = bytes.length;
  if (bytes.length > LEGACY_SAMPLE_BYTES) {
    const cut = bytes.lastIndexOf(0x0a, LEGACY_SAMPLE_BYTES);
    const space = bytes.lastIndexOf(0x20, LEGACY_SAMPLE_BYTES);
    sampleEnd = cut > 0 ? cut : space > 0 ? space : LEGACY_SAMPLE_BYTES;
  }
  const sample = bytes.subarray(0, sampleEnd);
  let best = readings[0] as Reading;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const reading of readings) {
    const score = scoreText(reading.decode(sample).normalize('NFC'));
    if (score > bestScore) {
      best = reading;
      bestScore = score;
    }
  }
  // No Vietnamese word in any reading (ASCII with a stray "–" or "é"): Windows-1252, the usual
  // 8-bit table, rather than the first table of the list.
  if (bestScore <= 0) best = readings.find((reading) => reading.encoding === 'windows-1252') ?? best;
  const text = best.decode(bytes).normalize('NFC');
  return { text, encoding: best.encoding, warnings: best.warnings(text) };
}

/** Decodes the bytes of a text file; `{ ok: false }` when they are binary, not text. */
export function decodeTextBytes(bytes: Uint8Array): DecodeResult {
  let text: string;
  let encoding: Encoding;
  const warnings: string[] = [];
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    text = utf8Lossy.decode(bytes.subarray(3));
    encoding = 'utf-8';
  } else if (startsWith(bytes, [0xff, 0xfe])) {
    text = decodeUtf16(bytes.subarray(2), true);
    encoding = 'utf-16le';
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    text = decodeUtf16(bytes.subarray(2), false);
    encoding = 'utf-16be';
  } else if (bytes.includes(0)) {
    const utf16 = sniffUtf16(bytes);
    if (utf16 === null) return { ok: false };
    text = decodeUtf16(bytes, utf16 === 'utf-16le');
    encoding = utf16;
  } else {
    let valid: string | null = null;
    try {
      valid = utf8Fatal.decode(bytes);
    } catch {
      valid = null;
    }
    if (valid !== null) {
      text = valid;
      encoding = 'utf-8';
    } else {
      const legacy = decodeLegacy(bytes);
      text = legacy.text;
      encoding = legacy.encoding;
      warnings.push(...legacy.warnings);
    }
  }
  if (garbageShare(text) > MAX_GARBAGE_SHARE) return { ok: false };
  if (encoding === 'utf-16le' || encoding === 'utf-16be') warnings.push(convertedWarning(encoding));
  if (encoding === 'utf-8' || encoding === 'utf-16le' || encoding === 'utf-16be') {
    const repaired = repairLegacyText(text);
    if (repaired.encoding !== null) {
      text = repaired.text;
      encoding = repaired.encoding;
      warnings.push(convertedWarning(repaired.encoding));
    }
  }
  return { ok: true, text, encoding, warnings };
}

/**
 * Line endings to \n; NUL and other control characters dropped except tab, line feed and form
 * feed (a page break); a vertical tab or Unicode line/paragraph separator (Word's manual line
 * break) becomes \n; stray byte-order marks dropped; NFC.
 */
export function cleanText(text: string): string {
  return (
    text
      .replace(/\r\n?/gu, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the vertical tab is the point
      .replace(/[\u000b\u2028\u2029]/gu, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping control characters is the point
      .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ufeff\ufffe]/gu, '')
      .normalize('NFC')
  );
}
