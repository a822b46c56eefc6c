/**
 * Windows-1252 helpers. Legacy Vietnamese texts (TCVN3, VNI) are 8-bit: their bytes are often
 * met as Windows-1252 characters, either because a program read the file that way or because a
 * Word document typed in a `.VnTime` / `VNI-Times` font stores each byte as its Windows-1252
 * character. These helpers go between the two views without losing a byte.
 */

// 0x80–0x9F; the five undefined bytes keep their C1 code points, as WHATWG's decoder does.
// (Node 20's TextDecoder('windows-1252') decodes as ISO-8859-1, so the table is written out.)
const HIGH_CONTROLS = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** The character Windows-1252 gives each byte. */
export const CP1252: readonly string[] = Array.from({ length: 256 }, (_, byte) =>
  String.fromCharCode(byte >= 0x80 && byte < 0xa0 ? (HIGH_CONTROLS[byte - 0x80] as number) : byte),
);

const BYTE_OF = new Map<string, number>(CP1252.map((char, byte) => [char, byte]));

const UNITS = Uint16Array.from(CP1252, (char) => char.charCodeAt(0));
const utf16 = new TextDecoder('utf-16le');

/** A string from UTF-16 code units (native speed for large texts). */
export function fromCodeUnits(units: Uint16Array): string {
  return utf16.decode(units);
}

export function decodeCp1252(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) units[i] = UNITS[bytes[i] as number] as number;
  return fromCodeUnits(units);
}

/** The bytes of `text` in Windows-1252, or null when a character has no byte there. */
export function encodeCp1252(text: string): Uint8Array | null {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const byte = BYTE_OF.get(text[i] as string);
    if (byte === undefined) return null;
    out[i] = byte;
  }
  return out;
}

/** The byte of one character in Windows-1252, or undefined. */
export function cp1252Byte(char: string): number | undefined {
  return BYTE_OF.get(char);
}
