import mammoth from 'mammoth';
import { convertLegacyFontRuns } from './docx-legacy-fonts.js';
import { decodeXmlEntities, insertNumberingLabels, isWellFormedMarkup } from './docx-numbering.js';
import { readCentralDirectory, readEntry, writeStoredZip, type ZipProblem } from './zip.js';

/**
 * .docx → plain text, one paragraph a line.
 *
 * 1. zip.ts judges the central directory (size, ratio, entry count) before inflating anything,
 *    then inflates the XML parts with a cap at their declared sizes; each must pass a quick
 *    well-formedness check (mammoth's XML parser is very slow on some malformed input).
 * 2. docx-legacy-fonts.ts converts runs typed in TCVN3 (.VnTime, .VnTimeH) or VNI fonts to
 *    Unicode; docx-numbering.ts writes Word's automatic numbers ("I.", "1.", "a)") into the paragraphs,
 *    since mammoth drops them.
 * 3. mammoth converts the document (from a new archive of stored entries, so it inflates nothing)
 *    to HTML; htmlToText turns that into lines: headings, paragraphs and list items one a line,
 *    a table row one line with its cells joined by " | " (paragraphs inside a cell joined by a
 *    space), a manual line break a new line, a page break a form feed, footnote markers "[1]"
 *    kept and the footnotes listed at the end as "[1] …". Bold and italics are dropped.
 *    Images, headers, footers and comments are left out.
 */

export type DocxResult =
  | { ok: true; text: string; warnings: string[]; legacyEncoding: 'tcvn3' | 'vni-windows' | null }
  | { ok: false; problem: ZipProblem | 'not_word'; detail: string };

const utf8 = new TextDecoder('utf-8');
const utf16le = new TextDecoder('utf-16le');
const utf16be = new TextDecoder('utf-16be');

/** XML parts are UTF-8, or UTF-16 with a byte-order mark. */
function decodeXml(data: Uint8Array): string {
  if (data[0] === 0xff && data[1] === 0xfe) return utf16le.decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return utf16be.decode(data.subarray(2));
  return utf8.decode(data);
}

/** Parts mammoth may read: XML and relationships. Media and embedded files are left out. */
function isMarkup(name: string): boolean {
  return /\.(xml|rels)$/iu.test(name);
}

function mainDocumentPath(rels: string | null): string {
  if (rels !== null) {
    for (const match of rels.matchAll(/<Relationship\b([^<>]*)>/gu)) {
      const attrs = match[1] ?? '';
      if (/Type\s*=\s*["'][^"']*\/officeDocument["']/u.test(attrs)) {
        const target = /Target\s*=\s*["']([^"']+)["']/u.exec(attrs)?.[1];
        if (target !== undefined) return decodeXmlEntities(target).replace(/^\/+/u, '');
      }
    }
  }
  return 'word/document.xml';
}

function partPath(mainPath: string, name: string): string {
  const slash = mainPath.lastIndexOf('/');
  return `${slash >= 0 ? mainPath.slice(0, slash + 1) : ''}${name}`;
}

export async function readDocx(bytes: Uint8Array): Promise<DocxResult> {
  const directory = readCentralDirectory(bytes);
  if (!directory.ok) return directory;

  const parts = new Map<string, Uint8Array>();
  const files: Array<{ name: string; data: Uint8Array }> = [];
  const seen = new Set<string>();
  for (const entry of directory.entries) {
    if (seen.has(entry.name) || entry.name.endsWith('/')) continue;
    seen.add(entry.name);
    if (!isMarkup(entry.name)) {
      files.push({ name: entry.name, data: new Uint8Array() });
      continue;
    }
    const read = readEntry(bytes, entry);
    if (!read.ok) return read;
    if (!isWellFormedMarkup(decodeXml(read.data))) {
      return { ok: false, problem: 'corrupt', detail: `${entry.name} is not well-formed XML` };
    }
    parts.set(entry.name, read.data);
  }

  const relsData = parts.get('_rels/.rels');
  const mainPath = mainDocumentPath(relsData === undefined ? null : decodeXml(relsData));
  const main = parts.get(mainPath) ?? parts.get('word/document.xml');
  if (main === undefined || !parts.has('[Content_Types].xml')) {
    return { ok: false, problem: 'not_word', detail: 'no word/document.xml' };
  }

  const warnings: string[] = [];
  const numberingData = parts.get(partPath(mainPath, 'numbering.xml'));
  const stylesData = parts.get(partPath(mainPath, 'styles.xml'));
  const mainXml = decodeXml(main);
  const legacy = convertLegacyFontRuns(mainXml);
  let legacyEncoding: 'tcvn3' | 'vni-windows' | null = null;
  for (const [encoding, runs] of legacy.runs) {
    if (legacyEncoding === null || runs > (legacy.runs.get(legacyEncoding) ?? 0)) legacyEncoding = encoding;
  }
  const numbering = insertNumberingLabels(
    legacy.xml,
    numberingData === undefined ? null : decodeXml(numberingData),
    stylesData === undefined ? null : decodeXml(stylesData),
  );
  if (numbering.xml !== mainXml) parts.set(mainPath, new TextEncoder().encode(numbering.xml));
  if (numbering.numbered > 0) {
    warnings.push(
      `Văn bản dùng đánh số tự động của Word: đã dựng lại số thứ tự của ${numbering.numbered} đoạn, cần kiểm tra lại. / The document uses Word automatic numbering: the numbers of ${numbering.numbered} paragraphs were rebuilt and should be checked.`,
    );
  }
  for (const [name, data] of parts) files.push({ name, data });

  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: writeStoredZip(files) },
      {
        ignoreEmptyParagraphs: false,
        styleMap: ["br[type='page'] => hr"],
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
    html = result.value;
  } catch (error) {
    return { ok: false, problem: 'corrupt', detail: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, text: htmlToText(html), warnings, legacyEncoding };
}

const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'table', 'tr', 'td', 'th']);
const LINES = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li']);

/** mammoth's HTML (well formed, no whitespace between tags) → lines of text. */
export function htmlToText(html: string): string {
  const out: string[] = [];
  interface Table {
    cells: string[];
    cellParts: string[];
  }
  const tables: Table[] = [];
  let line = '';
  let pending = false; // a line element opened and nothing emitted inside it yet
  let skipDepth = 0; // inside a footnote back-link
  let notePrefix = ''; // "[n] " before the first line of footnote n

  const emit = (line: string): void => {
    const text = notePrefix + line;
    notePrefix = '';
    const table = tables[tables.length - 1];
    if (table !== undefined) {
      if (text.trim() !== '') table.cellParts.push(text.trim());
    } else {
      out.push(text);
    }
    pending = false;
  };
  const flush = (): void => {
    if (line !== '') emit(line);
    line = '';
  };

  for (const match of html.matchAll(/<(\/?)([a-z][a-z0-9]*)([^>]*?)\/?>|([^<]+)/giu)) {
    const text = match[4];
    if (text !== undefined) {
      if (skipDepth === 0) line += decodeXmlEntities(text);
      continue;
    }
    const closing = match[1] === '/';
    const name = (match[2] ?? '').toLowerCase();
    const attrs = match[3] ?? '';
    if (name === 'a') {
      if (closing) skipDepth = Math.max(0, skipDepth - 1);
      else if (/href="#(?:footnote|endnote)-ref-/u.test(attrs)) skipDepth += 1;
      continue;
    }
    if (name === 'br') {
      line += tables.length > 0 ? ' ' : '\n';
      continue;
    }
    if (name === 'hr') {
      line += '\f';
      continue;
    }
    if (!BLOCKS.has(name)) continue;
    if (!closing) {
      flush();
      if (name === 'table') tables.push({ cells: [], cellParts: [] });
      else if (name === 'td' || name === 'th') {
        const table = tables[tables.length - 1];
        if (table !== undefined) table.cellParts = [];
      } else if (name === 'tr') {
        const table = tables[tables.length - 1];
        if (table !== undefined) table.cells = [];
      }
      if (LINES.has(name)) {
        pending = true;
        const note = /id="(?:footnote|endnote)-(\d+)"/u.exec(attrs);
        if (name === 'li' && note !== null) notePrefix = `[${note[1]}] `;
      }
      continue;
    }
    if (LINES.has(name)) {
      if (line !== '' || pending) emit(line);
      line = '';
      continue;
    }
    flush();
    const table = tables[tables.length - 1];
    if (table === undefined) continue;
    if (name === 'td' || name === 'th') {
      table.cells.push(table.cellParts.join(' '));
      table.cellParts = [];
    } else if (name === 'tr') {
      const row = table.cells.join(' | ');
      table.cells = [];
      tables.pop();
      emit(row);
      tables.push(table);
    } else if (name === 'table') {
      tables.pop();
    }
  }
  flush();
  return out.join('\n');
}
