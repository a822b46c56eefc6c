import { inflateRawSync } from 'node:zlib';
import { AppError } from '../../platform/errors.js';

/**
 * A look at an uploaded .xlsx before any spreadsheet library opens it (docs/indicators.md
 * "Spreadsheet round-trip"). An .xlsx is a zip; the guard reads the zip's own directory and
 * inflates every entry with a hard cap on the output, so that a file that is not a zip, a Word
 * document renamed, an encrypted or zip64 archive, a truncated file or a "zip bomb" is refused
 * with a 400/413 before exceljs sees it (exceljs inflates everything in memory and throws plain
 * errors on odd zips).
 */
export const MAX_SHEET_BYTES = 2 * 1024 * 1024;
/** The inflated size of all entries together (a template of a few hundred cells is ~50 kB). */
export const MAX_UNZIPPED_BYTES = 20 * 1024 * 1024;
const MAX_ENTRIES = 500;

const notXlsx = () => new AppError(400, 'sheet_not_xlsx');
const unreadable = () => new AppError(400, 'sheet_unreadable');
const tooBig = () => new AppError(413, 'sheet_unzipped_too_large', { max: MAX_UNZIPPED_BYTES / 1024 / 1024 });

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressed: number;
  size: number;
  offset: number;
}

function endOfDirectory(bytes: Buffer): number {
  const from = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= from; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) return i;
  }
  return -1;
}

function entriesOf(bytes: Buffer): Entry[] {
  const end = endOfDirectory(bytes);
  if (end < 0) throw unreadable();
  const count = bytes.readUInt16LE(end + 10);
  const directorySize = bytes.readUInt32LE(end + 12);
  const directoryOffset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw unreadable(); // zip64: never a template
  if (count === 0 || count > MAX_ENTRIES) throw unreadable();
  if (directoryOffset + directorySize > end) throw unreadable();
  const entries: Entry[] = [];
  let p = directoryOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > end || bytes.readUInt32LE(p) !== 0x02014b50) throw unreadable();
    const nameLength = bytes.readUInt16LE(p + 28);
    const extraLength = bytes.readUInt16LE(p + 30);
    const commentLength = bytes.readUInt16LE(p + 32);
    if (p + 46 + nameLength > end) throw unreadable();
    entries.push({
      flags: bytes.readUInt16LE(p + 8),
      method: bytes.readUInt16LE(p + 10),
      compressed: bytes.readUInt32LE(p + 20),
      size: bytes.readUInt32LE(p + 24),
      name: bytes.subarray(p + 46, p + 46 + nameLength).toString('utf8'),
      offset: bytes.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Throws a 400/413 AppError unless `bytes` is a readable, bounded .xlsx package. */
export function assertXlsxPackage(bytes: Buffer): void {
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== 0x04034b50) throw notXlsx();
  const entries = entriesOf(bytes);
  const names = new Set(entries.map((e) => e.name));
  if (names.has('word/document.xml')) throw new AppError(400, 'sheet_is_docx');
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) throw notXlsx();
  let total = 0;
  for (const e of entries) {
    if (e.flags & 0x1) throw unreadable(); // encrypted
    total += e.size;
    if (total > MAX_UNZIPPED_BYTES) throw tooBig();
    const at = e.offset;
    if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) throw unreadable();
    const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
    if (start + e.compressed > bytes.length) throw unreadable();
    const data = bytes.subarray(start, start + e.compressed);
    let inflated: number;
    if (e.method === 0) inflated = data.length;
    else if (e.method === 8) {
      try {
        // The declared size may lie: the cap is on what inflating really produces.
        inflated = inflateRawSync(data, { maxOutputLength: MAX_UNZIPPED_BYTES }).length;
      } catch (error) {
        if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooBig();
        throw unreadable();
      }
    } else throw unreadable();
    if (inflated !== e.size) throw unreadable();
  }
}
