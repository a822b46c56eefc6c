import { crc32, inflateRawSync } from 'node:zlib';

/**
 * Just enough ZIP for reading .docx safely: the central directory is read and judged BEFORE any
 * byte is inflated, every inflation is capped at the size the directory declares, and the parts a
 * reader needs are handed on in a new archive of stored (uncompressed) entries, so that no other
 * library ever inflates attacker-controlled data.
 */

/** Refuse an archive that declares more than this, uncompressed, in total. */
export const MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;
/** Refuse an entry that inflates more than this many times its compressed size … */
export const MAX_COMPRESSION_RATIO = 100;
/** … when it declares more than this (small files of repeated XML may compress better). */
export const RATIO_GRACE_BYTES = 1024 * 1024;
/** Refuse an archive with more entries than this. */
export const MAX_ENTRIES = 10_000;

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export type ZipProblem = 'not_zip' | 'corrupt' | 'encrypted' | 'bomb';
export type ZipFailure = { ok: false; problem: ZipProblem; detail: string };
export type CentralDirectory = { ok: true; entries: ZipEntry[] } | ZipFailure;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

function fail(problem: ZipProblem, detail: string): ZipFailure {
  return { ok: false, problem, detail };
}

/** The file starts like a ZIP archive (local file header, or the end record of an empty archive). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return (
    bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6)
  );
}

function u64(view: DataView, offset: number): number {
  const value = view.getBigUint64(offset, true);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

/** Reads and judges the central directory; inflates nothing. */
export function readCentralDirectory(bytes: Uint8Array): CentralDirectory {
  if (bytes.length < 22) return fail('not_zip', 'too short for a ZIP archive');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return fail('not_zip', 'no end of central directory record');
  let count = view.getUint16(eocd + 10, true);
  let cdSize = view.getUint32(eocd + 12, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR) {
      return fail('corrupt', 'ZIP64 locator missing');
    }
    const record = u64(view, locator + 8);
    if (record + 56 > bytes.length || view.getUint32(record, true) !== ZIP64_EOCD) {
      return fail('corrupt', 'ZIP64 end record missing');
    }
    count = u64(view, record + 32);
    cdSize = u64(view, record + 40);
    cdOffset = u64(view, record + 48);
  }
  if (count > MAX_ENTRIES) return fail('bomb', `${count} entries`);
  if (cdOffset + cdSize > bytes.length) return fail('corrupt', 'central directory outside the file');

  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  const names = new TextDecoder('utf-8');
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL_HEADER) {
      return fail('corrupt', 'bad central directory entry');
    }
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    let compressedSize = view.getUint32(p + 20, true);
    let uncompressedSize = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    let localHeaderOffset = view.getUint32(p + 42, true);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > bytes.length) return fail('corrupt', 'central directory entry outside the file');
    const name = names.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    // ZIP64 extended information: the 64-bit values of the fields set to 0xFFFFFFFF, in order.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = view.getUint16(e, true);
      const size = view.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        const next = (): number => {
          if (q + 8 > e + 4 + size) return 0;
          const value = u64(view, q);
          q += 8;
          return value;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
      }
      e += 4 + size;
    }
    if (flags & 0x1) return fail('encrypted', `${name} is encrypted`);
    total += uncompressedSize;
    if (total > MAX_UNCOMPRESSED_BYTES) return fail('bomb', `declares over ${MAX_UNCOMPRESSED_BYTES} bytes`);
    if (
      uncompressedSize > RATIO_GRACE_BYTES &&
      (compressedSize === 0 || uncompressedSize / compressedSize > MAX_COMPRESSION_RATIO)
    ) {
      return fail('bomb', `${name} compresses ${Math.round(uncompressedSize / Math.max(1, compressedSize))}:1`);
    }
    if (method !== 0 && method !== 8) return fail('corrupt', `${name} uses compression method ${method}`);
    if (method === 0 && compressedSize !== uncompressedSize) return fail('corrupt', `${name} stored with two sizes`);
    entries.push({ name, flags, method, compressedSize, uncompressedSize, localHeaderOffset });
    p = end;
  }
  return { ok: true, entries };
}

/**
 * The bytes of one entry, inflated with a hard cap at its declared size: an entry whose data
 * inflates to more than it declared is a bomb, one that inflates to less is corrupt.
 */
export function readEntry(bytes: Uint8Array, entry: ZipEntry): { ok: true; data: Uint8Array } | ZipFailure {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_HEADER) {
    return fail('corrupt', `${entry.name}: bad local header`);
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) return fail('corrupt', `${entry.name}: data outside the file`);
  const raw = bytes.subarray(start, end);
  if (entry.method === 0) return { ok: true, data: raw };
  let data: Uint8Array;
  try {
    data = inflateRawSync(raw, { maxOutputLength: entry.uncompressedSize + 1 });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      return fail('bomb', `${entry.name} inflates past its declared size`);
    }
    return fail('corrupt', `${entry.name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (data.length > entry.uncompressedSize) return fail('bomb', `${entry.name} inflates past its declared size`);
  if (data.length < entry.uncompressedSize) return fail('corrupt', `${entry.name} is shorter than declared`);
  return { ok: true, data };
}

/** A ZIP archive of stored (uncompressed) entries. */
export function writeStoredZip(files: ReadonlyArray<{ name: string; data: Uint8Array }>): Buffer {
  const encoder = new TextEncoder();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = encoder.encode(file.name);
    const crc = crc32(file.data);
    const local = Buffer.alloc(30 + name.length);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(file.data.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    local.set(name, 30);
    const central = Buffer.alloc(46 + name.length);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(file.data.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    central.set(name, 46);
    locals.push(local, Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength));
    centrals.push(central);
    offset += local.length + file.data.length;
  }
  const cdSize = centrals.reduce((sum, c) => sum + c.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
