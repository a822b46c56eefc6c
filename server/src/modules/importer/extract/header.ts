/**
 * The header (issuing body, number and symbol, place and date, type, trích yếu, "Kính gửi") and
 * the closing ("Nơi nhận", signature) of a Vietnamese official document (documents.md §4–§6).
 */
import { isoDate, type ParsedSymbol, parseSymbolPrefix, typeNameOf } from '../../documents/symbol.js';
import { fragments, isPageNumber, isRule, type Line } from './layout.js';
import { collapse, expandAbbreviations, isAllCaps, isPersonName, orgCase, stripPersonName } from './text.js';

export interface Header {
  symbol: ParsedSymbol | null;
  place: string | null;
  date: string | null;
  typeWord: string | null;
  typeName: string | null;
  summary: string | null;
  /** Lines of the type word and trích yếu (or V/v block), for "implements". */
  titleLines: [number, number] | null;
  issuerUpper: string | null;
  issuer: string | null;
  partyHint: boolean;
  stateHint: boolean;
  addressees: string[];
  /** First line of the header (lines before it are page noise), or -1. */
  start: number;
  /** First line after the header. */
  end: number;
}

const MOTTO =
  /CỘNG\s?H(?:ÒA|OÀ|OA|ÓA|OÁ)\s+X[ÃA]\s+HỘI|Độc\s+lập\s*[-–]\s*Tự\s+do|ĐỘC LẬP\s*[-–]|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM/u;
const BODY_START =
  /^(?:Thực hiện|Căn cứ|Căn\s?cứ|Xét|Nhận được|Ngày\s+\d|Để\s|Trên cơ sở|Theo đề nghị|Sau khi|Thi hành|Qua\s|Thời gian qua|Trong\s(?:thời gian|những năm)|Nhằm\s)/u;
const DATE_LINE =
  /(?:^|\s)((?:\p{Lu}\p{Ll}+)(?:\s\p{Lu}\p{Ll}+){0,4}|TP\.?\s?\p{Lu}[\p{L} ]{1,30})?\s*,\s*(?:ngày|Ngày)\s*(\d{1,2})?\s*(?:tháng|Tháng)\s*(\d{1,2})?\s*(?:năm|Năm)\s*(\d{4})/u;
const UPPER_TYPES = [
  'CHƯƠNG TRÌNH HÀNH ĐỘNG',
  'CHƯƠNG TRÌNH',
  'KẾ HOẠCH',
  'QUYẾT ĐỊNH',
  'NGHỊ QUYẾT',
  'CHỈ THỊ',
  'KẾT LUẬN',
  'THÔNG BÁO',
  'THÔNG TRI',
  'HƯỚNG DẪN',
  'QUY ĐỊNH',
  'QUY CHẾ',
  'BÁO CÁO',
  'TỜ TRÌNH',
  'ĐỀ ÁN',
  'PHƯƠNG ÁN',
  'CÔNG VĂN',
  'CÔNG ĐIỆN',
  'THÔNG CÁO',
  'BIÊN BẢN',
];
const TYPE_AT_START = new RegExp(`^(${UPPER_TYPES.join('|')})(?=$|\\s)`, 'u');

/** "K Ế H O Ạ C H" → "KẾ HOẠCH" when a heading is letter-spaced. */
function unspace(s: string): string {
  if (/^(?:\p{L}\s){3,}\p{L}$/u.test(s)) return s.replace(/\s/g, '');
  return s;
}

function typeFromUpper(f: string): { word: string; rest: string } | null {
  const s = unspace(f.trim());
  const m = TYPE_AT_START.exec(s);
  if (!m?.[1]) {
    const joined = s.replace(/\s/g, '');
    for (const t of UPPER_TYPES) if (joined === t.replace(/\s/g, '')) return { word: t, rest: '' };
    return null;
  }
  const rest = s.slice(m[1].length).trim();
  // "KẾ HOẠCH" alone or followed by the trích yếu; not "CHƯƠNG TRÌNH …" inside a sentence.
  return { word: m[1], rest };
}

function isDateFragment(f: string): boolean {
  return DATE_LINE.test(f);
}

function levelMerge(orgs: string[]): string[] {
  const out: string[] = [];
  for (const o of orgs) {
    const prev = out[out.length - 1];
    if (prev !== undefined && /^(TỈNH|HUYỆN|XÃ|PHƯỜNG|THỊ TRẤN|THÀNH PHỐ|QUẬN|THỊ XÃ|ĐẶC KHU)\s(?!ỦY|UỶ)/u.test(o)) {
      out[out.length - 1] = `${prev} ${o}`;
    } else out.push(o);
  }
  return out;
}

/** Issuing body from the header's upper-case lines: the last one, completed by its committee. */
function issuerFromHeader(orgs: string[]): { upper: string; name: string } | null {
  const merged = levelMerge(orgs);
  const last = merged[merged.length - 1];
  if (!last) return null;
  let upper = last;
  const prev = merged[merged.length - 2];
  if (prev && /^(BAN|VĂN PHÒNG|ỦY BAN KIỂM TRA|UỶ BAN KIỂM TRA)\b/u.test(last) && !/(ỦY|UỶ)(\s|$)/u.test(last)) {
    if (/(ỦY|UỶ)/u.test(prev)) upper = `${last} ${prev}`;
  }
  return { upper, name: orgCase(upper) };
}

export function parseHeader(lines: Line[]): Header {
  const h: Header = {
    symbol: null,
    place: null,
    date: null,
    typeWord: null,
    typeName: null,
    summary: null,
    titleLines: null,
    issuerUpper: null,
    issuer: null,
    partyHint: false,
    stateHint: false,
    addressees: [],
    start: -1,
    end: 0,
  };
  const limit = Math.min(lines.length, 80);
  const orgs: string[] = [];
  let soLine = -1;
  let typeLine = -1;
  let last = -1;
  let summaryParts: string[] = [];
  let summaryFromVv = false;
  let i = 0;
  for (; i < limit; i++) {
    const line = lines[i];
    if (!line) break;
    if (line.blank) continue;
    const t = line.text;
    if (i > 0 && (BODY_START.test(t) || /^(?:I|1)\s?[.\-–]\s+\p{Lu}/u.test(t)) && last >= 0) break;
    if (i > 0 && last < 0 && BODY_START.test(t)) break;
    if (isRule(t)) {
      last = i;
      continue;
    }
    let consumedLine = false;
    const lineStart = i;
    for (const f0 of fragments(line.raw)) {
      let f = f0.replace(/\s*[-–_=]{3,}\s*$/u, '').trim();
      if (!f || f === '*' || isRule(f) || isPageNumber(f)) continue;
      if (MOTTO.test(f)) {
        if (/ĐẢNG\s+CỘNG\s+SẢN/u.test(f)) h.partyHint = true;
        else h.stateHint = true;
        last = Math.max(last, i);
        continue;
      }
      const kg = /^Kính\s?gửi\s*:?\s*(.*)$/u.exec(f);
      if (kg) {
        const res = readAddressees(lines, i, kg[1] ?? '');
        h.addressees = res.items;
        last = Math.max(last, res.end);
        i = res.end;
        consumedLine = true;
        break;
      }
      const so = /^(?:Số|SỐ)(?![\p{L}])\s*:?\s*/u.exec(f);
      if (so && !h.symbol) {
        const r = parseSymbolPrefix(f.slice(so[0].length));
        if (r) {
          h.symbol = r.parsed;
          soLine = i;
          last = Math.max(last, i);
          f = f.slice(so[0].length + r.length).trim();
          if (!f) continue;
        }
      }
      const d = DATE_LINE.exec(f);
      if (d && !h.date && !h.place && (d.index ?? 0) < 60) {
        h.place = d[1] ? collapse(d[1]) : null;
        if (d[2] && d[3] && d[4]) h.date = isoOf(Number(d[2]), Number(d[3]), Number(d[4]));
        last = Math.max(last, i);
        f = f.slice((d.index ?? 0) + d[0].length).trim();
        if (!f) continue;
      }
      if (typeLine < 0 && isAllCaps(f.split(/\s+(?=V\/V|V\/v)/u)[0] ?? f)) {
        const ty = typeFromUpper(f);
        if (ty && (ty.rest.length === 0 || soLine >= 0 || h.date || h.place || orgs.length > 0)) {
          h.typeWord = ty.word;
          h.typeName = typeNameOf(ty.word);
          typeLine = i;
          last = Math.max(last, i);
          if (ty.rest) summaryParts = [ty.rest];
          const res = readSummary(lines, i + 1, summaryParts.length > 0);
          summaryParts.push(...res.parts);
          h.titleLines = [i, Math.max(i, res.end)];
          last = Math.max(last, res.end);
          i = res.end;
          consumedLine = true;
          break;
        }
      }
      const vv = /^(?:V\/v|V\/V|v\/v|Về\s)/u.exec(f);
      if (vv && typeLine < 0 && soLine >= 0 && i - soLine <= 3 && summaryParts.length === 0) {
        const res = readVv(lines, i, f);
        summaryParts = res.parts;
        summaryFromVv = true;
        h.titleLines = [i, res.end];
        last = Math.max(last, res.end);
        i = res.end;
        consumedLine = true;
        break;
      }
      if (isAllCaps(f) && soLine < 0 && typeLine < 0 && /\p{L}{2}/u.test(f)) {
        orgs.push(f);
        last = Math.max(last, i);
      }
    }
    if (h.start < 0 && last >= 0) h.start = lineStart;
    if (consumedLine) continue;
  }
  if (summaryParts.length) {
    let s = collapse(summaryParts.join(' '));
    const iss = issuerFromHeader(orgs);
    if (iss && !summaryFromVv) {
      // The decision's authority repeated after its title: "… MỚI” ỦY BAN NHÂN DÂN TỈNH KON TUM".
      const tail = collapse(orgs.join(' '));
      for (const cand of [tail, iss.upper]) {
        if (cand && s.endsWith(cand) && s.length > cand.length) s = s.slice(0, -cand.length).trim();
      }
    }
    h.summary = s || null;
  }
  if (!h.typeName && summaryFromVv) h.typeName = 'Công văn';
  const iss = issuerFromHeader(orgs);
  if (iss) {
    h.issuerUpper = iss.upper;
    h.issuer = iss.name;
  }
  h.end = last + 1;
  return h;
}

/** A real calendar date only (no 30 February): documents/symbol.ts isoDate. */
function isoOf(day: number, month: number, year: number): string | null {
  return isoDate(day, month, year);
}

function stopsHeaderBlock(t: string): boolean {
  return (
    isRule(t) ||
    MOTTO.test(t) ||
    BODY_START.test(t) ||
    /^Kính\s?gửi/u.test(t) ||
    isDateFragment(t) ||
    /^(?:Số|SỐ)\s*:?\s*\d/u.test(t) ||
    /^(?:I|1)\s?[.\-–]\s+\p{Lu}/u.test(t)
  );
}

/** The trích yếu after the type word: lines up to a blank line, a rule or the body. */
function readSummary(lines: Line[], from: number, started: boolean): { parts: string[]; end: number } {
  const parts: string[] = [];
  let end = from - 1;
  let begun = started;
  for (let j = from; j < Math.min(lines.length, from + 12); j++) {
    const l = lines[j];
    if (!l) break;
    if (l.blank) {
      if (begun) break;
      continue;
    }
    const f = fragments(l.raw)[0] ?? '';
    // The first line after the type word is its trích yếu even when it opens with "Thực hiện …".
    const firstTitleLine = parts.length === 0 && !started && !/:\s*$/.test(l.text) && l.text.length < 250;
    const hardStop = isRule(l.text) || MOTTO.test(l.text) || /^Kính\s?gửi/u.test(l.text) || isDateFragment(f);
    if (hardStop || (!firstTitleLine && (stopsHeaderBlock(l.text) || stopsHeaderBlock(f)))) break;
    // A lone upper-case issuer line (the authority of a decision) ends the title.
    if (parts.length > 0 && isAllCaps(l.text) && /^(ỦY BAN|UỶ BAN|BAN THƯỜNG VỤ|HỘI ĐỒNG|CHỦ TỊCH)/u.test(l.text))
      break;
    parts.push(l.text);
    begun = true;
    end = j;
    if (/["”)]$/.test(l.text) && /\(/.test(l.text) === false && parts.length > 6) break;
  }
  return { parts, end };
}

/** The "V/v …" (or "Về …") block of a công văn: its left column up to a blank line. */
function readVv(lines: Line[], from: number, first: string): { parts: string[]; end: number } {
  const parts = [first];
  let end = from;
  for (let j = from + 1; j < Math.min(lines.length, from + 10); j++) {
    const l = lines[j];
    if (!l || l.blank) break;
    const f = fragments(l.raw)[0] ?? '';
    if (!f || stopsHeaderBlock(f) || isAllCaps(f)) break;
    parts.push(f);
    end = j;
  }
  return { parts, end };
}

function cleanListItem(s: string): string {
  return collapse(s)
    .replace(/^[-–+•*]\s*/, '')
    .replace(/[\s;,.]+$/u, '')
    .trim();
}

function readAddressees(lines: Line[], at: number, rest: string): { items: string[]; end: number } {
  const items: string[] = [];
  let open = false;
  const pushItem = (s: string) => {
    const c = cleanListItem(s);
    if (c) items.push(c);
    open = !/[;,.]\s*$/.test(s.trim());
  };
  let end = at;
  let finished = false;
  if (rest.trim()) {
    pushItem(rest);
    if (/\.\s*$/.test(rest.trim()) && !/^[-–+•]/.test(rest.trim())) finished = true;
  }
  for (let j = at + 1; !finished && j < Math.min(lines.length, at + 30); j++) {
    const l = lines[j];
    if (!l) break;
    if (l.blank) {
      if (items.length) break;
      continue;
    }
    const f = fragments(l.raw)[0] ?? '';
    if (/^[-–+•]\s*\S/.test(f)) {
      pushItem(f);
      end = j;
      if (/\.\s*$/.test(f)) break;
      continue;
    }
    if (open && items.length && /^\p{Ll}/u.test(f)) {
      const lastItem = items.pop() ?? '';
      pushItem(`${lastItem} ${f}`);
      end = j;
      continue;
    }
    break;
  }
  return { items, end };
}

// ---------------------------------------------------------------------------------------------
// Closing: recipients and signature

export interface Recipient {
  asWritten: string;
  organization: string | null;
  purpose: string | null;
  isArchive: boolean;
}

export interface SignerInfo {
  authority: string | null;
  onBehalfOf: string | null;
  title: string | null;
  name: string | null;
}

export interface Closing {
  recipients: Recipient[];
  signer: SignerInfo;
  /** Lines of the recipients and the signature block. */
  zone: Set<number>;
  /** First line of an appendix after the signature, or -1. */
  appendix: number;
}

const AUTH_RE = /^(T\/M|TM\.?|K\/T|KT\.?|T\/L|TL\.?|TUQ\.?|Q\.)\s+(\S.*)$/u;
const AUTH_SPLIT = /\s(?=(?:T\/M|TM\.|K\/T|KT\.|T\/L|TL\.|TUQ\.)\s)/u;
const PURPOSE_RE =
  /^(?:để\s+)?(?:b\/c|B\/c|báo cáo|biết|t\/h|thực hiện|p\/h|phối hợp|chỉ đạo|c\/đ|theo dõi|tổng hợp|đăng tải|thi hành|biết và thực hiện|biết, thực hiện|giám sát|t\/d|đ\/b)(?:\s.*)?$/iu;
const KNOWN_TITLE =
  /(?:^|\s)(PHÓ\s+(?:CHỦ\s+TỊCH|BÍ\s+THƯ|GIÁM\s+ĐỐC|CHÁNH\s+VĂN\s+PHÒNG|TRƯỞNG\s+BAN(?:\s+THƯỜNG\s+TRỰC)?|TRƯỞNG\s+PHÒNG|CHỦ\s+NHIỆM|VIỆN\s+TRƯỞNG)|CHỦ\s+TỊCH|BÍ\s+THƯ|GIÁM\s+ĐỐC|CHÁNH\s+VĂN\s+PHÒNG|TRƯỞNG\s+BAN|TRƯỞNG\s+PHÒNG|CHỦ\s+NHIỆM)$/u;

function parseRecipient(s: string): Recipient {
  const asWritten = collapse(s)
    .replace(/^[-–+•*]\s*/, '')
    .replace(/[\s;,]+$/u, '');
  if (/^Lưu\b/u.test(asWritten) || /^LƯU\b/u.test(asWritten)) {
    return { asWritten, organization: null, purpose: 'lưu', isArchive: true };
  }
  let purpose: string | null = null;
  let org = asWritten.replace(/\.$/, '');
  for (const m of org.matchAll(/\(([^()]{0,80})\)/gu)) {
    const inner = collapse(m[1] ?? '');
    if (purpose === null && PURPOSE_RE.test(inner)) purpose = inner;
  }
  org = collapse(org.replace(/\([^()]{0,80}\)/gu, ' '));
  if (/^Như\s/iu.test(org)) return { asWritten, organization: null, purpose, isArchive: false };
  org = stripPersonName(expandAbbreviations(org)).replace(/[\s,;.]+$/u, '');
  return { asWritten, organization: org || null, purpose, isArchive: false };
}

/** Splits a signature fragment at authority markers and at the start of a name. */
function signaturePieces(f: string): string[] {
  const out: string[] = [];
  for (const part of f.split(AUTH_SPLIT)) {
    // "… PHÓ CHỦ TỊCH Nguyễn Hữu Tháp CHƯƠNG TRÌNH …": split between capitals and a name.
    out.push(...part.split(/(?<=[\p{Lu}.])\s+(?=\p{Lu}\p{Ll})|(?<=\p{Ll})\s+(?=\p{Lu}{2,}(?:\s|$))/u));
  }
  return out.map((x) => x.trim()).filter(Boolean);
}

function parseSigner(pieces: string[]): { signer: SignerInfo; nameIndex: number } {
  const s: SignerInfo = { authority: null, onBehalfOf: null, title: null, name: null };
  let lastAuth = -1;
  let nameIndex = -1;
  for (let k = 0; k < pieces.length; k++) {
    const p = pieces[k] ?? '';
    const a = AUTH_RE.exec(p);
    if (a && isAllCaps(a[2] ?? '')) {
      if (!s.authority) {
        s.authority = a[1] ?? null;
        let rest = collapse(a[2] ?? '');
        // "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in one piece.
        const t = KNOWN_TITLE.exec(rest);
        if (t && t.index > 0 && /^PHÓ/u.test(t[1] ?? '')) {
          s.title = t[1] ?? null;
          rest = rest.slice(0, t.index).trim();
        }
        s.onBehalfOf = rest;
      } else if (!s.title) {
        const rest = collapse(a[2] ?? '');
        const t = KNOWN_TITLE.exec(rest);
        if (t && t.index > 0) s.title = t[1] ?? null;
      }
      lastAuth = k;
      continue;
    }
    if (isPersonName(p) && (s.authority || s.title || k === pieces.length - 1 || nameIndex < 0)) {
      if (s.authority || s.title || !s.name) {
        s.name = collapse(p);
        nameIndex = k;
      }
      if (s.authority || s.title) break;
      continue;
    }
    // A title line without an authority marker ("CHỦ TỊCH" signing in person).
    if (lastAuth < 0 && !s.title && isAllCaps(p) && KNOWN_TITLE.exec(collapse(p))?.index === 0) {
      s.title = collapse(p);
      continue;
    }
    if (
      lastAuth >= 0 &&
      !s.title &&
      isAllCaps(p) &&
      (KNOWN_TITLE.test(collapse(p)) ||
        /^(?:PHÓ|CHỦ TỊCH|BÍ THƯ|GIÁM ĐỐC|CHÁNH|TRƯỞNG|CHỦ NHIỆM|THỦ TRƯỞNG|VIỆN TRƯỞNG|ỦY VIÊN|UỶ VIÊN)(?:\s|$)/u.test(
          p,
        ))
    ) {
      s.title = collapse(p);
    }
  }
  return { signer: s, nameIndex };
}

export function parseClosing(lines: Line[], from: number): Closing {
  const zone = new Set<number>();
  const recipients: Recipient[] = [];
  const sigPieces: { text: string; line: number }[] = [];
  let nn = -1;
  for (let i = Math.max(0, from); i < lines.length; i++) {
    const l = lines[i];
    if (!l || l.blank) continue;
    const f = fragments(l.raw);
    if (f.some((x) => /^(?:Nơi\s?nhận|NƠI\s?NHẬN)\s*:?/u.test(x))) {
      nn = i;
      break;
    }
  }
  let scanFrom = nn;
  if (nn < 0) {
    // No "Nơi nhận": look for a signature in the last lines.
    scanFrom = -1;
    for (let i = Math.max(from, lines.length - 25); i < lines.length; i++) {
      const l = lines[i];
      if (l && !l.blank && fragments(l.raw).some((x) => AUTH_RE.test(x) && isAllCaps(x.replace(AUTH_RE, '$2')))) {
        scanFrom = i;
        break;
      }
    }
  } else {
    // A signature printed before "Nơi nhận".
    for (let i = nn - 1; i >= Math.max(from, nn - 8); i--) {
      const l = lines[i];
      if (!l || l.blank) continue;
      const f = fragments(l.raw);
      if (f.every((x) => AUTH_RE.test(x) || (isAllCaps(x) && KNOWN_TITLE.test(x)) || isPersonName(x))) {
        scanFrom = i;
      } else break;
    }
  }
  let nameLine = -1;
  if (scanFrom >= 0) {
    let open = false;
    let listDone = nn < 0;
    for (let i = scanFrom; i < Math.min(lines.length, scanFrom + 60); i++) {
      const l = lines[i];
      if (!l) break;
      if (l.blank) continue;
      const frs = fragments(l.raw);
      let used = false;
      for (let k = 0; k < frs.length; k++) {
        const f = frs[k] ?? '';
        if (/^(?:Nơi\s?nhận|NƠI\s?NHẬN)\s*:?/u.test(f)) {
          used = true;
          const rest = f.replace(/^(?:Nơi\s?nhận|NƠI\s?NHẬN)\s*:?\s*/u, '');
          if (rest && /^[-–+•]/.test(rest)) {
            recipients.push(parseRecipient(rest));
            open = !/[;,.]$/.test(rest);
          }
          continue;
        }
        if (k === 0 && !listDone && /^[-–+•]\s*\S/.test(f)) {
          recipients.push(parseRecipient(f));
          open = !/[;,.]$/.test(f);
          if (/^[-–+•]\s*(?:Lưu|LƯU)\b/u.test(f) || /\.$/.test(f)) listDone = true;
          used = true;
          continue;
        }
        if (k === 0 && !listDone && open && recipients.length && /^\p{Ll}/u.test(f)) {
          const prev = recipients.pop();
          const merged = `${prev?.asWritten ?? ''} ${f}`;
          recipients.push(parseRecipient(merged));
          open = !/[;,.]$/.test(f);
          used = true;
          continue;
        }
        if (AUTH_RE.test(f) || isAllCaps(f) || isPersonName(f) || /^\d{1,2}-\d{1,2}-\d{4}\s\d/.test(f)) {
          for (const p of signaturePieces(f)) sigPieces.push({ text: p, line: i });
          used = true;
          continue;
        }
        // Merged signature line: "TM. … Nguyễn Hữu Tháp CHƯƠNG TRÌNH …".
        if (AUTH_RE.test(f.split(/\s(?=\p{Lu}\p{Ll})/u)[0] ?? '')) {
          for (const p of signaturePieces(f)) sigPieces.push({ text: p, line: i });
          used = true;
        }
      }
      if (used) zone.add(i);
      else if (recipients.length || sigPieces.length) {
        if (nameLine >= 0) break;
        // Text after the list that is not a signature: stop unless a name is still due.
        if (i - (Math.max(...zone) || i) > 3) break;
      }
      const { nameIndex } = parseSigner(sigPieces.map((p) => p.text));
      if (nameIndex >= 0) {
        const line = sigPieces[nameIndex]?.line ?? -1;
        if (line >= 0 && listDone) {
          nameLine = line;
          // Stamps after the name: the body in capitals and a signing timestamp.
          let j = i + 1;
          while (j < lines.length) {
            const lj = lines[j];
            if (!lj) break;
            if (lj.blank) {
              j++;
              continue;
            }
            if (
              isAllCaps(lj.text) &&
              !/^[IVX]{1,4}[.\-–]/u.test(lj.text) &&
              !/^(PHỤ LỤC|Phụ lục)/u.test(lj.text) &&
              lj.text.length < 60
            ) {
              zone.add(j);
              j++;
              continue;
            }
            if (/^\d{1,2}[-/]\d{1,2}[-/]\d{4}\s+\d{1,2}:\d{2}/.test(lj.text)) {
              zone.add(j);
              j++;
              continue;
            }
            break;
          }
          break;
        }
      }
    }
  }
  const { signer } = parseSigner(sigPieces.map((p) => p.text));
  let appendix = -1;
  const after = zone.size ? Math.max(...zone) + 1 : lines.length;
  for (let i = after; i < lines.length; i++) {
    const t = lines[i]?.text ?? '';
    if (/^(?:PHỤ\s?LỤC|Phụ\s?lục)(?:\s|$|:)/u.test(t)) {
      appendix = i;
      break;
    }
  }
  return { recipients, signer, zone, appendix };
}
