/**
 * Vietnamese "số và ký hiệu" (number and symbol) of Party and State documents
 * (../shared/reference/documents.md §1–§3).
 *
 * - Party: `{number}-{TYPE}/{ISSUER}` — `21-CT/TW`, `57-CTr/TU`, `29-CV/TC-NV`.
 * - State: `{number}/[{year}/]{TYPE}-{ISSUER}[-{UNIT}]` — `123/KH-UBND`, `30/2020/NĐ-CP`.
 * - State công văn: `{number}/{ISSUER}[-{UNIT}]` — `1234/UBND-VP`, `197/STTTT`.
 *
 * Tolerant of the variants of real texts: spaces around the separators ("23 -CT/HU"), all-caps
 * codes ("45-CTR/TU" → "45-CTr/TU"), a Party symbol written state-style ("22/CT-TW"), "Ư" for
 * "U" ("TƯ", "ƯBND"), line breaks inside a reference, a blank number in a draft ("Số: /KH-UBND").
 * Every regex is bounded (no nested unbounded quantifiers) so adversarial input stays linear.
 */

export type DocSystem = 'party' | 'state';

export interface ParsedSymbol {
  /** As matched, whitespace collapsed. */
  raw: string;
  /** Keeps leading zeros ("01"); null when the draft leaves it blank. */
  number: string | null;
  /** Canonical type code ("KH", "CTr", "QĐ"); null for a state công văn. */
  typeCode: string | null;
  /** Canonical issuer code ("TW", "UBND", "TTg"). */
  issuerCode: string | null;
  /** Codes after the issuer: Party sub-unit ("NV" in 29-CV/TC-NV) or state unit ("VP"). */
  unitCodes: string[];
  /** Year of a normative state document ("2020" in 30/2020/NĐ-CP). */
  year: string | null;
  system: DocSystem;
  /** Canonical symbol; null when the number is blank. */
  symbol: string | null;
}

export interface DocumentType {
  name: string;
  partyCodes: string[];
  stateCodes: string[];
}

/** §2 of documents.md: type word ↔ codes per system. The first code is the one written today. */
export const DOCUMENT_TYPES: readonly DocumentType[] = [
  { name: 'Nghị quyết', partyCodes: ['NQ'], stateCodes: ['NQ'] },
  { name: 'Quyết định', partyCodes: ['QĐ'], stateCodes: ['QĐ'] },
  { name: 'Quy định', partyCodes: ['QĐ', 'QĐi'], stateCodes: ['QyĐ'] },
  { name: 'Quy chế', partyCodes: ['QC'], stateCodes: ['QC'] },
  { name: 'Chỉ thị', partyCodes: ['CT'], stateCodes: ['CT'] },
  { name: 'Kết luận', partyCodes: ['KL'], stateCodes: [] },
  { name: 'Thông tri', partyCodes: ['TT'], stateCodes: [] },
  { name: 'Hướng dẫn', partyCodes: ['HD'], stateCodes: ['HD'] },
  { name: 'Thông báo', partyCodes: ['TB'], stateCodes: ['TB'] },
  { name: 'Thông cáo', partyCodes: ['TC'], stateCodes: ['TC'] },
  { name: 'Báo cáo', partyCodes: ['BC'], stateCodes: ['BC'] },
  { name: 'Kế hoạch', partyCodes: ['KH'], stateCodes: ['KH'] },
  { name: 'Chương trình hành động', partyCodes: ['CTr'], stateCodes: ['CTr'] },
  { name: 'Chương trình', partyCodes: ['CTr'], stateCodes: ['CTr'] },
  { name: 'Đề án', partyCodes: ['ĐA'], stateCodes: ['ĐA'] },
  { name: 'Phương án', partyCodes: ['PA'], stateCodes: ['PA'] },
  { name: 'Dự án', partyCodes: ['DA'], stateCodes: ['DA'] },
  { name: 'Tờ trình', partyCodes: ['TTr'], stateCodes: ['TTr'] },
  { name: 'Công văn', partyCodes: ['CV'], stateCodes: [] },
  { name: 'Biên bản', partyCodes: ['BB'], stateCodes: ['BB'] },
  { name: 'Hợp đồng', partyCodes: [], stateCodes: ['HĐ'] },
  { name: 'Công điện', partyCodes: [], stateCodes: ['CĐ'] },
  { name: 'Giấy mời', partyCodes: ['GM'], stateCodes: ['GM'] },
  { name: 'Giấy giới thiệu', partyCodes: ['GGT'], stateCodes: ['GGT'] },
  { name: 'Giấy nghỉ phép', partyCodes: [], stateCodes: ['GNP'] },
  { name: 'Phiếu gửi', partyCodes: [], stateCodes: ['PG'] },
  { name: 'Phiếu chuyển', partyCodes: [], stateCodes: ['PC'] },
  { name: 'Phiếu báo', partyCodes: [], stateCodes: ['PB'] },
  { name: 'Bản sao', partyCodes: ['BS'], stateCodes: ['SY', 'TrS', 'SL'] },
  // Normative state documents (Luật Ban hành VBQPPL), cited by plans.
  { name: 'Nghị định', partyCodes: [], stateCodes: ['NĐ'] },
  { name: 'Thông tư', partyCodes: [], stateCodes: ['TT'] },
  { name: 'Thông tư liên tịch', partyCodes: [], stateCodes: ['TTLT'] },
  { name: 'Pháp lệnh', partyCodes: [], stateCodes: ['PL'] },
  { name: 'Đề cương', partyCodes: ['ĐC'], stateCodes: [] },
];

/** Every known type code, keyed by its upper-case form ("CTR" → "CTr"). */
const TYPE_CODES = new Map<string, string>();
for (const t of DOCUMENT_TYPES) {
  for (const c of [...t.partyCodes, ...t.stateCodes]) TYPE_CODES.set(c.toUpperCase(), c);
}
TYPE_CODES.set('NQLT', 'NQLT');

/** Issuer codes whose canonical form is not all capitals. */
const ISSUER_CASE = new Map<string, string>([['TTG', 'TTg']]);

/** Party issuer codes end in a level code (TW, TU, HU, ĐU, ĐUK) or are a known Party body. */
const PARTY_ISSUER = /^(?:[A-ZĐ]{0,8}(?:TW|TU|HU|ĐU|ĐUK|QU|TXU|TPU)|BCĐ\w{0,6}|TWĐTN|ĐTN)$/u;

/** Code names from the type word as written: "Văn bản" is typed "Công văn". */
const TYPE_WORD_ALIASES = new Map<string, string>([
  ['văn bản', 'Công văn'],
  ['chương trình hành động', 'Chương trình hành động'],
]);

/** The type words of §1, longest first, for a regex alternation. */
export const TYPE_WORDS: readonly string[] = [
  ...new Set([...DOCUMENT_TYPES.map((t) => t.name), 'Văn bản', 'Đề cương', 'Luật']),
].sort((a, b) => b.length - a.length);

/** Type name for a type word as written (any case): "KẾ HOẠCH" → "Kế hoạch", "Văn bản" → "Công văn". */
export function typeNameOf(word: string): string | null {
  const w = word.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  const alias = TYPE_WORD_ALIASES.get(w);
  if (alias) return alias;
  for (const t of DOCUMENT_TYPES) if (t.name.toLowerCase() === w) return t.name;
  return null;
}

/** The code a type is written with in a system ("Kế hoạch", party → "KH"); null for a state công văn. */
export function typeCodeOf(typeName: string, system: DocSystem): string | null {
  const t = DOCUMENT_TYPES.find((d) => d.name === typeName);
  if (!t) return null;
  const codes = system === 'party' ? t.partyCodes : t.stateCodes;
  return codes[0] ?? null;
}

/** Canonical type code, or null when the text is not a known type code. */
export function canonicalTypeCode(code: string): string | null {
  return TYPE_CODES.get(fixU(code).toUpperCase()) ?? null;
}

/** "Ư" for "U" is font or OCR damage in a code; "TƯ" (Trung ương) is TW. */
function fixU(code: string): string {
  const c = code.replace(/\s+/g, '');
  if (/^TƯ$/iu.test(c)) return 'TW';
  return c.replace(/Ư/g, 'U').replace(/ư/g, 'u');
}

function canonicalIssuer(code: string): string {
  const c = fixU(code);
  // Mixed case is kept as written ("TTg", a damaged "Tg"); all capitals get the canonical case.
  if (/[a-zđ]/u.test(c)) return c;
  return ISSUER_CASE.get(c) ?? c;
}

function canonicalUnit(code: string): string {
  return fixU(code).replace(/\.+$/, '');
}

export function isPartyIssuerCode(code: string): boolean {
  return PARTY_ISSUER.test(canonicalIssuer(code));
}

/** Canonical symbol from its parts. */
export function canonicalSymbol(
  p: Pick<ParsedSymbol, 'number' | 'typeCode' | 'issuerCode' | 'unitCodes' | 'year' | 'system'>,
): string | null {
  if (!p.number || !p.issuerCode) return null;
  const units = p.unitCodes.length ? `-${p.unitCodes.join('-')}` : '';
  if (p.system === 'party') {
    if (!p.typeCode) return null;
    return `${p.number}-${p.typeCode}/${p.issuerCode}${units}`;
  }
  const year = p.year ? `${p.year}/` : '';
  if (!p.typeCode) return `${p.number}/${year}${p.issuerCode}${units}`;
  return `${p.number}/${year}${p.typeCode}-${p.issuerCode}${units}`;
}

// ---------------------------------------------------------------------------------------------
// Regexes. Letters of codes: Latin capitals plus Đ, Ư (and their lower case for CTr, QĐi, TTg).

const CODE = '[A-ZĐƯ][A-Za-zĐđƯư]{0,4}';
const ISS = '[A-ZĐƯ][A-ZĐƯa-zđư]{0,11}';
const UNIT = '[A-ZĐƯ0-9][A-Za-zĐđƯư0-9.]{0,10}';
const NUM = '\\d{1,5}[a-z]?';
const SP = '[ \\t\\n\\r\\f\\v\\u00a0]{0,12}';
const HY = '[-–‑]';
/** Not preceded by something that makes the digits part of a date, a path, a phone number or a longer number. */
const NUM_START = '(?<![\\d/\\\\:.,–-])';
/** A code must not run on into a longer word. */
const CODE_END = '(?![A-Za-zĐđƯưÀ-ỹ0-9])';

const PARTY_SRC = `(${NUM})${SP}${HY}${SP}(${CODE})${SP}\\/${SP}(${ISS}(?:${SP}${HY}${SP}${ISS}){0,2})${CODE_END}`;
const STATE_SRC = `(${NUM})${SP}\\/${SP}(?:((?:19|20)\\d\\d)${SP}\\/${SP})?(${CODE})${SP}${HY}${SP}(${ISS})((?:${SP}${HY}${SP}${UNIT}){0,3})${CODE_END}`;
const STATE_CV_SRC = `(${NUM})${SP}\\/${SP}(${ISS})((?:${SP}${HY}${SP}${UNIT}){0,3})${CODE_END}`;
/** Draft forms without a number: "-KH/ĐU" (party), "/KH-UBND" (state). */
const BLANK_PARTY_SRC = `${HY}${SP}(${CODE})${SP}\\/${SP}(${ISS}(?:${SP}${HY}${SP}${ISS}){0,2})${CODE_END}`;
const BLANK_STATE_SRC = `\\/${SP}(${CODE})${SP}${HY}${SP}(${ISS})((?:${SP}${HY}${SP}${UNIT}){0,3})${CODE_END}`;

const PARTY_RE = new RegExp(`^${PARTY_SRC}`, 'u');
const STATE_RE = new RegExp(`^${STATE_SRC}`, 'u');
const STATE_CV_RE = new RegExp(`^${STATE_CV_SRC}`, 'u');
const BLANK_PARTY_RE = new RegExp(`^${BLANK_PARTY_SRC}`, 'u');
const BLANK_STATE_RE = new RegExp(`^${BLANK_STATE_SRC}`, 'u');

function splitCodes(s: string): string[] {
  return s
    .split(/[-–‑]/)
    .map((x) => x.replace(/\s+/g, ''))
    .filter((x) => x.length > 0);
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function build(
  raw: string,
  system: DocSystem,
  number: string | null,
  typeCode: string | null,
  issuer: string | null,
  units: string[],
  year: string | null,
): ParsedSymbol {
  const p = {
    raw: collapse(raw),
    number,
    typeCode,
    issuerCode: issuer ? canonicalIssuer(issuer) : null,
    unitCodes: units.map(canonicalUnit).filter((u) => u.length > 0),
    year,
    system,
  };
  return { ...p, symbol: canonicalSymbol(p) };
}

function fromParty(m: RegExpExecArray, number: string | null, code: string, issuers: string): ParsedSymbol | null {
  const typeCode = canonicalTypeCode(code);
  const [issuer, ...units] = splitCodes(issuers);
  if (!typeCode || !issuer) return null;
  return build(m[0], 'party', number, typeCode, issuer, units, null);
}

function fromState(
  m: RegExpExecArray,
  number: string | null,
  year: string | null,
  code: string,
  issuer: string,
  unitText: string,
): ParsedSymbol | null {
  const typeCode = canonicalTypeCode(code);
  const units = splitCodes(unitText);
  if (!typeCode) {
    // 1234/UBND-VP: the "type" is the issuer of a công văn.
    if (year) return null;
    return build(m[0], 'state', number, null, code, [issuer, ...units], null);
  }
  // A Party symbol written state-style: 22/CT-TW, 24/KH-BTGTU.
  if (!year && units.length === 0 && isPartyIssuerCode(issuer)) {
    return build(m[0], 'party', number, typeCode, issuer, [], null);
  }
  return build(m[0], 'state', number, typeCode, issuer, units, year);
}

/**
 * Parses a symbol at the start of `text` (after optional "Số:" and whitespace). Returns the
 * parsed symbol and the length consumed, or null.
 */
function parseAt(text: string, allowBlank: boolean): { parsed: ParsedSymbol; length: number } | null {
  let m = PARTY_RE.exec(text);
  if (m) {
    const p = fromParty(m, m[1] ?? null, m[2] ?? '', m[3] ?? '');
    if (p) return { parsed: p, length: m[0].length };
  }
  m = STATE_RE.exec(text);
  if (m) {
    const p = fromState(m, m[1] ?? null, m[2] ?? null, m[3] ?? '', m[4] ?? '', m[5] ?? '');
    if (p) return { parsed: p, length: m[0].length };
  }
  m = STATE_CV_RE.exec(text);
  if (m) {
    const issuer = m[2] ?? '';
    // A bare issuer must look like a code (two capitals at least): "197/STTTT", not "20/Tháng".
    if (/^[A-ZĐƯ]{2,}[A-Za-zĐđ]{0,10}$/u.test(issuer) && !/[a-zđ]{2,}/u.test(issuer)) {
      const p = build(m[0], 'state', m[1] ?? null, null, issuer, splitCodes(m[3] ?? ''), null);
      return { parsed: p, length: m[0].length };
    }
  }
  if (allowBlank) {
    m = BLANK_PARTY_RE.exec(text);
    if (m) {
      const p = fromParty(m, null, m[1] ?? '', m[2] ?? '');
      if (p) return { parsed: p, length: m[0].length };
    }
    m = BLANK_STATE_RE.exec(text);
    if (m) {
      const p = fromState(m, null, null, m[1] ?? '', m[2] ?? '', m[3] ?? '');
      if (p) return { parsed: p, length: m[0].length };
    }
  }
  return null;
}

const SO_PREFIX = /^\s{0,40}(?:(?:số|SỐ|Số|sô|Sô|SÔ)\s{0,3}:?\s{0,40})?/u;

/**
 * Parses one number-and-symbol, e.g. "21-CT/TW", "Số: 123/KH-UBND", "23 -CT/HU", a blank draft
 * number "Số:     /KH-UBND" (number and symbol null). Returns null for anything else (phone
 * numbers, dates, file paths, table pipes).
 */
export function parseSymbol(text: string): ParsedSymbol | null {
  if (typeof text !== 'string' || text.length === 0) return null;
  const src = text.normalize('NFC').slice(0, 400);
  const prefix = SO_PREFIX.exec(src);
  const rest = src.slice(prefix ? prefix[0].length : 0);
  if (/^[\\:]|^[a-z]:\\/i.test(rest)) return null;
  const r = parseAt(rest, true);
  if (!r) return null;
  // The whole text must be the symbol (allowing trailing punctuation).
  const tail = rest.slice(r.length);
  if (!/^\s{0,40}[.,;:)]?\s{0,40}$/u.test(tail)) return null;
  return r.parsed;
}

// ---------------------------------------------------------------------------------------------
// Dates

const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** ISO date from day, month, year; null when impossible. */
export function isoDate(day: number, month: number, year: number): string | null {
  if (!Number.isInteger(day) || !Number.isInteger(month) || !Number.isInteger(year)) return null;
  if (year < 1930 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const max = MONTH_DAYS[month - 1] ?? 31;
  if (day > max) return null;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A day-precise date: "20/01/2018", "21-02-2018", "03 tháng 9 năm 2019" (any case). */
export const DATE_SRC =
  '(\\d{1,2})\\s{0,3}(?:[/.\\-–]\\s{0,3}(\\d{1,2})\\s{0,3}[/.\\-–]\\s{0,3}(\\d{4})|\\s{1,6}(?:tháng|THÁNG|Tháng)\\s{1,6}(\\d{1,2})\\s{1,6}(?:năm|NĂM|Năm)\\s{1,6}(\\d{4}))(?!\\d)';

/** Parses a date written as in DATE_SRC at the start of text. */
export function parseVietnameseDate(text: string): string | null {
  const m = new RegExp(`^\\s*(?:ngày\\s*)?${DATE_SRC}`, 'iu').exec(text.normalize('NFC').slice(0, 80));
  if (!m) return null;
  return dateFromMatch(m, 1);
}

/** ISO date from a DATE_SRC match whose first group is at index `i`. */
export function dateFromMatch(m: RegExpExecArray, i: number): string | null {
  const day = Number(m[i]);
  const month = Number(m[i + 1] ?? m[i + 3]);
  const year = Number(m[i + 2] ?? m[i + 4]);
  return isoDate(day, month, year);
}

// ---------------------------------------------------------------------------------------------
// References

export interface ReferenceMention {
  /** Type word through the issuer phrase, whitespace collapsed. */
  asWritten: string;
  /** Offsets in the searched text (after NFC). */
  start: number;
  end: number;
  /** The type word as written ("KẾ HOẠCH", "Văn bản", "báo cáo"). */
  typeWord: string;
  /** Type name from the type word ("Văn bản" → "Công văn"). */
  typeName: string | null;
  parsed: ParsedSymbol;
  /** ISO date of the "ngày …" that follows the symbol. */
  date: string | null;
  /** The "của …" phrase as written (term "khóa …" removed), or null. */
  issuerPhrase: string | null;
}

const TYPE_ALT = TYPE_WORDS.map((w) => w.replace(/ /g, '\\s{1,3}')).join('|');
/** Extra words between a type word and "số": "báo cáo thẩm tra số", "Thông báo kết luận số". */
const BETWEEN = '(?:\\s{1,3}[a-zà-ỹđ]{1,7}){0,3}?';
const SO = '(?:\\s{0,3}(?:số|SỐ|Số|sô|Sô|SÔ)\\s{0,3}:?\\s{0,3}|\\s{1,3}|)';
const REF_RE = new RegExp(
  `(${TYPE_ALT})(?:(${BETWEEN})(?=\\s{0,3}(?:số|SỐ|Số|sô|Sô|SÔ)))?${SO}${NUM_START}(?=\\d)`,
  'giu',
);
const AFTER_DATE_RE = new RegExp(`^\\s{0,12}[,;]?\\s{0,12}(?:(?:ngày|NGÀY|Ngày)\\s{0,12})?${DATE_SRC}`, 'u');
const AFTER_OF_RE = /^\s{0,12},?\s{0,12}(?:của|CỦA|Của)\s{1,12}/u;
/** The issuer phrase ends before these words (any case) or punctuation. */
const ISSUER_STOP =
  /\s(?:v\/v|V\/V|thực hiện|THỰC HIỆN|triển khai|TRIỂN KHAI|ban hành|BAN HÀNH|phê duyệt|PHÊ DUYỆT|hướng dẫn|HƯỚNG DẪN|quy định|QUY ĐỊNH|đối với|tại|TẠI|trong|nhằm|để|gửi|và các|có ý kiến|thông qua|sửa đổi|quán triệt|ngày|theo|đã|được|với|giao|yêu cầu|tiếp tục|chỉ đạo|lãnh đạo|là|nêu|đề ra|vừa|khóa|khoá|KHÓA|KHOÁ|nhiệm kỳ)(?=\s|$|[^\p{L}])|\s?[,;.:()“”"«»[\]{}|]|(?:^|\s)(?:về|VỀ|Về)|\s(?=\p{Lu}[\p{Ll}]{0,7}\s{1,3}(?:số|SỐ)\s)/u;

const NEXT_MENTION_RE = new RegExp(`\\s(?:và\\s{1,3}|,\\s{0,3})?(?:${TYPE_ALT})\\s{0,3}(?:số|SỐ|\\d)`, 'iu');

/** Length of the issuer phrase at the start of `s` (raw, before trimming). */
function issuerLength(s: string): number {
  let n = Math.min(s.length, 160);
  const stop = ISSUER_STOP.exec(s.slice(0, n));
  if (stop) n = stop.index;
  let t = s.slice(0, n);
  // Another mention starts: "… của Bộ Chính trị và Hướng dẫn số 31-HD/BTCTW".
  const another = NEXT_MENTION_RE.exec(t);
  if (another) t = t.slice(0, another.index);
  // A line break into the next sentence of the body ends the phrase.
  const next = /\n[ \t]{0,40}(?=Thực hiện|Căn cứ|Xét|Kính gửi|Nơi nhận|[IVX]{1,4}\.\s|\d{1,2}\.\s)/u.exec(t);
  if (next) t = t.slice(0, next.index);
  // A blank line ends the phrase.
  const blank = /\n[ \t\f]{0,40}\n/u.exec(t);
  if (blank) t = t.slice(0, blank.index);
  // A line break into an all-capitals line (a header column) ends a normal-case phrase.
  const caps = /\n[ \t]{0,40}(?=\p{Lu}{2,}[\s,.]{1,3}\p{Lu}{2,})/u.exec(t);
  if (caps && /\p{Ll}/u.test(t.slice(0, caps.index))) t = t.slice(0, caps.index);
  // At most 12 words.
  const words = /^(?:\s*\S+){1,12}/u.exec(t);
  return words ? words[0].length : 0;
}

/**
 * Finds every "TYPEWORD [số] N-XX/YY[, ngày …][ của …]" mention in `text`, in order. A symbol
 * with a blank number is not a mention. Never throws.
 */
export function findReferences(text: string): ReferenceMention[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const src = text.normalize('NFC');
  const out: ReferenceMention[] = [];
  REF_RE.lastIndex = 0;
  let guard = 0;
  for (let m = REF_RE.exec(src); m; m = REF_RE.exec(src)) {
    if (++guard > 5000) break;
    const start = m.index;
    const symStart = start + m[0].length;
    // A type word must start a word.
    if (start > 0 && /[\p{L}\d]/u.test(src[start - 1] ?? '')) continue;
    const window = src.slice(symStart, symStart + 120);
    const sym = parseAt(window, false);
    if (!sym) continue;
    let end = symStart + sym.length;
    let date: string | null = null;
    const d = AFTER_DATE_RE.exec(src.slice(end, end + 60));
    if (d) {
      date = dateFromMatch(d, 1);
      if (date) end += d[0].length;
    }
    let issuerPhrase: string | null = null;
    const of = AFTER_OF_RE.exec(src.slice(end, end + 20));
    if (of) {
      const after = src.slice(end + of[0].length, end + of[0].length + 200);
      const consumed = issuerLength(after);
      const phrase = collapse(after.slice(0, consumed));
      if (phrase.length > 0 && /^\p{Lu}/u.test(phrase)) {
        end += of[0].length + consumed;
        // A term written after the issuer belongs to the mention: "(khóa X)", "khóa XII".
        const term =
          /^\s{0,3}(?:\((?:khóa|khoá|KHÓA|KHOÁ)\s{1,3}[IVXLC]{1,6}\)|(?:khóa|khoá|KHÓA|KHOÁ)\s{1,3}[IVXLC]{1,6}(?![\p{L}]))/u.exec(
            src.slice(end, end + 30),
          );
        if (term) end += term[0].length;
        issuerPhrase = phrase;
      }
    }
    const typeWord = collapse(m[1] ?? '');
    out.push({
      asWritten: collapse(src.slice(start, end)),
      start,
      end,
      typeWord,
      typeName: typeNameOf(typeWord),
      parsed: sym.parsed,
      date,
      issuerPhrase,
    });
    REF_RE.lastIndex = Math.max(end, symStart + 1);
  }
  return out;
}

/**
 * Parses a symbol at the start of `text` (no "Số" prefix), allowing a blank draft number, and
 * returns how many characters it used. For header lines such as "Số: 435/QĐ-UBND Kon Tum, ngày …".
 */
export function parseSymbolPrefix(text: string): { parsed: ParsedSymbol; length: number } | null {
  if (typeof text !== 'string' || text.length === 0) return null;
  const src = text.slice(0, 400);
  if (/^[\\:]|^[a-z]:\\/i.test(src)) return null;
  return parseAt(src, true);
}
