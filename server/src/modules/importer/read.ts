import { readDocx } from './docx.js';
import { cleanText, convertedWarning, decodeTextBytes, repairLegacyText } from './encodings/detect.js';
import { looksLikeZip, MAX_COMPRESSION_RATIO, MAX_UNCOMPRESSED_BYTES } from './zip.js';

/**
 * Reading an uploaded plan file into clean text (docs/importer.md): .txt and .md in UTF-8,
 * UTF-16 or a legacy Vietnamese 8-bit table (detected), or .docx. Never throws for bad input:
 * every refusal is a code and a short Vietnamese + English message.
 */

/** The largest file the importer reads. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export const IMPORT_ERROR_CODES = [
  'empty_file',
  'file_too_large',
  'binary_file',
  'invalid_docx',
  'zip_bomb',
  'unsupported_type',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

export interface ImportMessage {
  vi: string;
  en: string;
}

export type ImportFailure = { ok: false; code: ImportErrorCode; message: ImportMessage };
export type ReadResult = { ok: true; text: string; encoding: string; warnings: string[] } | ImportFailure;

const MB = 1024 * 1024;

const MESSAGES = {
  empty_file: { vi: 'Tệp rỗng, không có nội dung để nhập.', en: 'The file is empty: there is nothing to import.' },
  empty_docx: {
    vi: 'Tài liệu Word không có chữ nào để nhập.',
    en: 'The Word document has no text to import.',
  },
  file_too_large: {
    vi: `Tệp quá lớn: tối đa ${MAX_IMPORT_BYTES / MB} MB.`,
    en: `The file is too large: at most ${MAX_IMPORT_BYTES / MB} MB.`,
  },
  binary_file: {
    vi: 'Tệp không phải văn bản (có dữ liệu nhị phân).',
    en: 'The file is not text (it holds binary data).',
  },
  invalid_docx: {
    vi: 'Tệp .docx không phải tài liệu Word hợp lệ.',
    en: 'The .docx file is not a valid Word document.',
  },
  encrypted_docx: {
    vi: 'Tệp .docx có mật khẩu hoặc là tệp Word cũ (.doc); hãy lưu lại thành .docx không mật khẩu.',
    en: 'The .docx file is password-protected or an old Word file (.doc); save it again as .docx without a password.',
  },
  zip_bomb: {
    vi: `Tệp .docx bị nén bất thường (quá ${MAX_UNCOMPRESSED_BYTES / MB} MB hoặc quá ${MAX_COMPRESSION_RATIO} lần khi giải nén), không mở.`,
    en: `The .docx file is abnormally compressed (over ${MAX_UNCOMPRESSED_BYTES / MB} MB or ${MAX_COMPRESSION_RATIO} times its size when unpacked); it was not opened.`,
  },
  unsupported_type: {
    vi: 'Loại tệp không được hỗ trợ: chỉ nhận .txt, .md hoặc .docx.',
    en: 'Unsupported file type: only .txt, .md and .docx are accepted.',
  },
  pdf: {
    vi: 'Chưa đọc được tệp PDF: hãy lưu văn bản thành .docx hoặc .txt.',
    en: 'PDF files are not read yet: save the document as .docx or .txt.',
  },
  doc: {
    vi: 'Chưa đọc được tệp Word cũ (.doc): hãy lưu lại thành .docx.',
    en: 'Old Word files (.doc) are not read: save the document as .docx.',
  },
} satisfies Record<string, ImportMessage>;

function refuse(code: ImportErrorCode, message: ImportMessage): ImportFailure {
  return { ok: false, code, message };
}

/** The refusal for a code, with its usual message (e.g. for a file refused before it is read). */
export function importFailure(code: ImportErrorCode): ImportFailure {
  return refuse(code, MESSAGES[code]);
}

/** The one-line form of a message: "vi / en". */
export function messageLine(message: ImportMessage): string {
  return `${message.vi} / ${message.en}`;
}

const TEXT_EXTENSIONS = new Set(['txt', 'md']);

function extensionOf(fileName: string | null): string | null {
  if (fileName === null) return null;
  const base = fileName.split(/[/\\]/u).pop() ?? '';
  const match = /\.([^.]+)$/u.exec(base);
  return match?.[1] === undefined || match.index === 0 ? null : match[1].toLowerCase();
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // .doc, or an encrypted .docx

/** What the file is: by extension; without one, a ZIP is a .docx and anything else is text. */
function kindOf(bytes: Uint8Array, fileName: string | null): 'text' | 'docx' | ImportFailure {
  const extension = extensionOf(fileName);
  if (extension === 'docx') return 'docx';
  if (extension === 'pdf' || (extension === null && startsWith(bytes, PDF))) {
    return refuse('unsupported_type', MESSAGES.pdf);
  }
  if (extension === 'doc' || (extension === null && startsWith(bytes, OLE))) {
    return refuse('unsupported_type', MESSAGES.doc);
  }
  if (extension === null) return looksLikeZip(bytes) ? 'docx' : 'text';
  return TEXT_EXTENSIONS.has(extension) ? 'text' : refuse('unsupported_type', MESSAGES.unsupported_type);
}

async function readWord(bytes: Uint8Array): Promise<ReadResult> {
  if (startsWith(bytes, OLE)) return refuse('invalid_docx', MESSAGES.encrypted_docx);
  if (!looksLikeZip(bytes)) return refuse('invalid_docx', MESSAGES.invalid_docx);
  let docx: Awaited<ReturnType<typeof readDocx>>;
  try {
    docx = await readDocx(bytes);
  } catch {
    // Anything a damaged archive makes a parser throw means the same to the user.
    return refuse('invalid_docx', MESSAGES.invalid_docx);
  }
  if (!docx.ok) {
    if (docx.problem === 'bomb') return refuse('zip_bomb', MESSAGES.zip_bomb);
    if (docx.problem === 'encrypted') return refuse('invalid_docx', MESSAGES.encrypted_docx);
    return refuse('invalid_docx', MESSAGES.invalid_docx);
  }
  const warnings = [...docx.warnings];
  let encoding = docx.legacyEncoding ?? 'utf-8';
  if (docx.legacyEncoding !== null) warnings.push(convertedWarning(docx.legacyEncoding));
  // Legacy text whose font comes from a style, not from the run, is found line by line.
  const repaired = repairLegacyText(docx.text);
  if (repaired.encoding !== null && repaired.encoding !== docx.legacyEncoding) {
    if (docx.legacyEncoding === null) encoding = repaired.encoding;
    warnings.push(convertedWarning(repaired.encoding));
  }
  const text = cleanText(repaired.text);
  if (text.trim() === '') return refuse('empty_file', MESSAGES.empty_docx);
  return { ok: true, text, encoding, warnings };
}

function readText(bytes: Uint8Array): ReadResult {
  const decoded = decodeTextBytes(bytes);
  if (!decoded.ok) return refuse('binary_file', MESSAGES.binary_file);
  const text = cleanText(decoded.text);
  if (text.trim() === '') return refuse('empty_file', MESSAGES.empty_file);
  return { ok: true, text, encoding: decoded.encoding, warnings: decoded.warnings };
}

/**
 * Reads an uploaded file into NFC text with \n line endings (form feeds kept as page breaks).
 * `encoding` is the encoding found ("utf-8", "utf-16le", "utf-16be", "tcvn3", "vni-windows",
 * "windows-1258", "windows-1252"; a .docx is "utf-8" unless its text was in legacy fonts).
 */
export async function readDocument(bytes: Uint8Array, fileName: string | null): Promise<ReadResult> {
  if (bytes.length === 0) return refuse('empty_file', MESSAGES.empty_file);
  if (bytes.length > MAX_IMPORT_BYTES) return refuse('file_too_large', MESSAGES.file_too_large);
  const kind = kindOf(bytes, fileName);
  if (typeof kind !== 'string') return kind;
  return kind === 'docx' ? readWord(bytes) : readText(bytes);
}
