/**
 * The heart of the plan importer: the TEXT of a Vietnamese plan, programme or official letter
 * (Party or State) → the `trienkhai.plan/1` object (../shared/contracts/plan-import.md), following
 * the conventions of ../shared/corpus-dev/README.md. Pure and synchronous.
 *
 * Pipeline: lines (pages, footnotes, page numbers) → header (issuer, "Số", place and date, type,
 * trích yếu, "Kính gửi") → closing ("Nơi nhận", signature) → paragraphs of the body → roman
 * sections and numbered items → objectives and tasks with assignments, deadline and recurrence →
 * references of the whole text.
 */

import { normalizeName } from '../../platform/text.js';
import {
  type DocSystem,
  findReferences,
  isPartyIssuerCode,
  type ReferenceMention,
  typeCodeOf,
  typeNameOf,
} from '../documents/symbol.js';
import { PlanImportObject } from '../plans/plan-format.js';
import {
  appendixTasks,
  buildObjectives,
  buildSections,
  buildTasks,
  issuerFromOpening,
  parseStructure,
  type RawTask,
} from './extract/body.js';
import { parseClosing, parseHeader } from './extract/header.js';
import {
  footnoteLines,
  isLayout,
  isPageNumber,
  isRule,
  type Line,
  pageMargins,
  toLines,
  toParagraphs,
} from './extract/layout.js';
import { collapse, expandAbbreviations, fixGlue, isAllCaps, orgCase } from './extract/text.js';

export type { PlanImportObject } from '../plans/plan-format.js';

export interface ImportSource {
  fileName: string | null;
  encoding: string | null;
  warnings: string[];
}

/** Texts longer than this are cut (a plan is a few dozen pages at most). */
const MAX_CHARS = 1_500_000;

function emptyPlan(source: ImportSource): PlanImportObject {
  return {
    format: 'trienkhai.plan/1',
    source: { fileName: source.fileName, encoding: source.encoding, warnings: [...source.warnings] },
    document: {
      system: null,
      typeName: null,
      typeCode: null,
      number: null,
      symbol: null,
      issuerCode: null,
      issuer: null,
      place: null,
      date: null,
      title: null,
    },
    references: [],
    sections: [],
    objectives: [],
    tasks: [],
    addressees: [],
    recipients: [],
    signer: { authority: null, onBehalfOf: null, title: null, name: null },
  };
}

function safeSource(source: unknown): ImportSource {
  const s = (source ?? {}) as Partial<ImportSource>;
  return {
    fileName: typeof s.fileName === 'string' ? s.fileName : null,
    encoding: typeof s.encoding === 'string' ? s.encoding : null,
    warnings: Array.isArray(s.warnings) ? s.warnings.filter((w): w is string => typeof w === 'string') : [],
  };
}

/** A name or title as the contract stores it: normalised, capped, null when nothing is left. */
function title(value: string | null, max = 2000): string | null {
  return value === null ? null : normalizeName(value).slice(0, max).trim() || null;
}

/**
 * The extracted object brought to the contract's limits (platform/schemas.ts): names and titles
 * normalised and capped (2,000 characters, as a document's title), empty ones dropped. What is
 * left is a bug of the extractor if it does not validate.
 */
function fitToContract(plan: PlanImportObject): PlanImportObject {
  const org = (value: string) => title(value, 500);
  const cap = (value: string, max: number) => value.slice(0, max);
  return {
    ...plan,
    document: {
      ...plan.document,
      issuer: title(plan.document.issuer),
      place: title(plan.document.place),
      title: title(plan.document.title),
    },
    references: plan.references.map((r) => ({
      ...r,
      asWritten: cap(r.asWritten, 2000),
      symbol: r.symbol === null ? null : cap(r.symbol, 2000),
      issuer: title(r.issuer),
    })),
    sections: plan.sections.map((s) => ({
      ...s,
      label: cap(s.label, 100),
      title: title(s.title),
      children: s.children.map((c) => ({ ...c, label: cap(c.label, 100), title: title(c.title) })),
    })),
    tasks: plan.tasks.map((t) => ({
      ...t,
      ref: cap(t.ref, 100),
      title: title(t.title),
      assignments: t.assignments.flatMap((a) => {
        const organization = org(a.organization);
        return organization ? [{ ...a, organization }] : [];
      }),
    })),
    addressees: plan.addressees.flatMap((a) => title(a) ?? []),
    recipients: plan.recipients.map((r) => ({
      ...r,
      asWritten: cap(r.asWritten, 2000),
      purpose: r.purpose === null ? null : cap(r.purpose, 2000),
      organization: r.organization === null ? null : org(r.organization),
    })),
    signer: {
      authority: title(plan.signer.authority),
      onBehalfOf: title(plan.signer.onBehalfOf),
      title: title(plan.signer.title),
      name: title(plan.signer.name),
    },
  };
}

/**
 * Extracts the plan object from a document's text. Bad text never makes it throw (NUL bytes
 * and unpaired surrogates are dropped first); an exception or an object outside the contract
 * is a bug of the extractor and is thrown, never hidden behind an empty plan.
 */
export function extractPlan(text: string, source: ImportSource): PlanImportObject {
  const src = safeSource(source);
  if (typeof text !== 'string') return emptyPlan(src);
  const clean = text.replaceAll('\u0000', '').replace(/[\ud800-\udfff]/gu, '');
  if (clean.trim().length === 0) return emptyPlan(src);
  const plan = fitToContract(run(clean.length > MAX_CHARS ? clean.slice(0, MAX_CHARS) : clean, src));
  return PlanImportObject.parse(plan);
}

function codeFromIssuer(issuer: string | null): string | null {
  if (!issuer) return null;
  if (/Huyện\s(?:ủy|uỷ)/iu.test(issuer)) return 'HU';
  if (/(?:Tỉnh|Thành)\s(?:ủy|uỷ)/iu.test(issuer)) return 'TU';
  if (/Đảng\s(?:ủy|uỷ)\sKhối/iu.test(issuer)) return 'ĐUK';
  if (/Đảng\s(?:ủy|uỷ)/iu.test(issuer)) return 'ĐU';
  if (/(?:Ủy|Uỷ)\sban\snhân\sdân|UBND/u.test(issuer)) return 'UBND';
  if (/Hội\sđồng\snhân\sdân|HĐND/u.test(issuer)) return 'HĐND';
  if (/Ban\sChấp\shành\sTrung\sương|Bộ\sChính\strị|Ban\sBí\sthư/u.test(issuer)) return 'TW';
  return null;
}

/** Default name of a Party issuer code when the text names no issuer. */
const PARTY_CODE_NAMES: Record<string, string> = {
  TU: 'Tỉnh ủy',
  HU: 'Huyện ủy',
  ĐU: 'Đảng ủy',
  TW: 'Ban Chấp hành Trung ương',
};
const STATE_CODE_NAMES: Record<string, string> = {
  TTg: 'Thủ tướng Chính phủ',
  CP: 'Chính phủ',
  QH: 'Quốc hội',
  VPCP: 'Văn phòng Chính phủ',
};

function normaliseIssuer(phrase: string): string {
  let s = collapse(phrase);
  if (isAllCaps(s)) s = orgCase(s);
  return collapse(expandAbbreviations(fixGlue(s)));
}

interface RefOut {
  asWritten: string;
  system: DocSystem;
  typeName: string | null;
  typeCode: string | null;
  number: string | null;
  symbol: string | null;
  issuerCode: string | null;
  issuer: string | null;
  date: string | null;
  relation: 'implements' | 'basis' | 'cites';
}

function buildReferences(
  lines: Line[],
  footnotes: Set<number>,
  titleLines: [number, number] | null,
  openingRange: [number, number],
  ownSymbol: string | null,
  headerStart = 0,
): RefOut[] {
  const starts: number[] = [];
  let flat = '';
  for (const l of lines) {
    starts.push(flat.length);
    flat += `${isPageNumber(l.text) ? '' : l.raw}\n`;
  }
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const mentions = findReferences(flat);
  const groups = new Map<string, { ms: (ReferenceMention & { line: number })[] }>();
  const order: string[] = [];
  for (const m of mentions) {
    const key = m.parsed.symbol;
    if (!key || key === ownSymbol) continue;
    const entry = { ...m, line: lineOf(m.start) };
    // Lines before the header are page noise (a portal's headline of the document).
    if (entry.line < headerStart) continue;
    const g = groups.get(key);
    if (g) g.ms.push(entry);
    else {
      groups.set(key, { ms: [entry] });
      order.push(key);
    }
  }
  const out: RefOut[] = [];
  const issuerByCode = new Map<string, string>();
  for (const key of order) {
    const g = groups.get(key);
    if (!g) continue;
    let primary = g.ms[0];
    if (!primary) continue;
    if (footnotes.has(primary.line)) {
      const main = g.ms.find((m) => !footnotes.has(m.line) && m.date && m.date !== primary?.date);
      if (main) primary = main;
    }
    const p = primary.parsed;
    const date = primary.date ?? g.ms.find((m) => m.date)?.date ?? null;
    let issuer: string | null = null;
    const ordered = [primary, ...g.ms.filter((m) => m !== primary)];
    const normal = ordered.find((m) => m.issuerPhrase && !isAllCaps(m.issuerPhrase));
    const any = ordered.find((m) => m.issuerPhrase);
    if (normal?.issuerPhrase) issuer = normaliseIssuer(normal.issuerPhrase);
    else if (any?.issuerPhrase) issuer = normaliseIssuer(any.issuerPhrase);
    if (!issuer) {
      // "đề nghị của X tại Tờ trình số …", "đã được X phê duyệt tại Quyết định số …".
      for (const m of ordered) {
        const before = flat.slice(Math.max(0, m.start - 160), m.start);
        const b =
          /(?:của|được)\s{1,3}([^,;.()]{3,120}?)\s{1,3}(?:phê\s?duyệt\s{1,3}|ban\s?hành\s{1,3})?tại\s{0,3}$/u.exec(
            before,
          );
        if (b?.[1]) {
          issuer = normaliseIssuer(b[1]).replace(
            /^(?:Giám đốc|Chủ tịch|Trưởng ban|Thủ trưởng|Chánh Văn phòng)\s+/u,
            '',
          );
          break;
        }
      }
    }
    const code = p.issuerCode;
    if (!issuer && code)
      issuer =
        (p.system === 'party' ? PARTY_CODE_NAMES[code] : undefined) ??
        issuerByCode.get(code) ??
        STATE_CODE_NAMES[code] ??
        null;
    if (issuer && code && !issuerByCode.has(code)) issuerByCode.set(code, issuer);
    const typeName = primary.typeName ?? null;
    let typeCode = p.typeCode;
    if (!typeCode && p.system === 'party' && typeName) typeCode = typeCodeOf(typeName, 'party');
    let relation: RefOut['relation'] = 'cites';
    if (titleLines && g.ms.some((m) => m.line >= titleLines[0] && m.line <= titleLines[1])) relation = 'implements';
    else if (g.ms.some((m) => m.line >= openingRange[0] && m.line < openingRange[1] && !footnotes.has(m.line))) {
      relation = 'basis';
    }
    out.push({
      asWritten: primary.asWritten,
      system: p.system,
      typeName,
      typeCode,
      number: p.number,
      symbol: p.symbol,
      issuerCode: code,
      issuer,
      date,
      relation,
    });
  }
  return out;
}

function run(text: string, source: ImportSource): PlanImportObject {
  const plan = emptyPlan(source);
  const lines = toLines(text);
  const footnotes = footnoteLines(lines);
  const header = parseHeader(lines);
  const closing = parseClosing(lines, header.end);

  // Body lines: after the header, outside the closing and the appendix.
  const appendixStart = closing.appendix >= 0 ? closing.appendix : lines.length;
  // After the signature only an attached document with roman sections is body (a programme
  // issued by a decision); anything else there is portal footer noise.
  const zoneEnd = closing.zone.size ? Math.max(...closing.zone) + 1 : lines.length;
  let resume = appendixStart;
  for (let i = zoneEnd; i < appendixStart; i++) {
    if (/^[IVX]{1,4}\s{0,3}[.\-–]\s+\p{Lu}/u.test(lines[i]?.text ?? '')) {
      resume = i;
      break;
    }
  }
  const bodyLines: Line[] = [];
  for (let i = header.end; i < appendixStart; i++) {
    const l = lines[i];
    if (!l || closing.zone.has(i) || footnotes.has(i)) continue;
    if (i >= zoneEnd && i < resume) continue;
    if (!l.blank && (isPageNumber(l.text) || isRule(l.text))) continue;
    bodyLines.push(l);
  }
  const layout = isLayout(bodyLines);
  const paras = toParagraphs(bodyLines, layout, pageMargins(bodyLines));
  const st = parseStructure(paras);

  // Document
  const sym = header.symbol;
  let system: DocSystem | null = sym?.system ?? null;
  let issuer = header.issuer;
  const openingText = collapse(st.opening.map((p) => p.text).join(' '));
  if (!issuer) issuer = issuerFromOpening(openingText);
  // A Party document signed "T/M (or T/L) BAN THƯỜNG VỤ" is issued by the Ban Thường vụ of its committee.
  if (
    issuer &&
    closing.signer.authority &&
    /^T\/?[ML]\.?$/u.test(closing.signer.authority) &&
    /^BAN THƯỜNG VỤ$/u.test(closing.signer.onBehalfOf ?? '') &&
    !/^Ban Thường vụ/u.test(issuer)
  ) {
    issuer = `Ban Thường vụ ${issuer}`;
  }
  // "T/M BỘ CHÍNH TRỊ", "T/M BAN BÍ THƯ" under the Central Committee's header: that body issues it.
  if (
    closing.signer.authority &&
    /^T\/?M\.?$/u.test(closing.signer.authority) &&
    /^(?:BỘ CHÍNH TRỊ|BAN BÍ THƯ)$/u.test(closing.signer.onBehalfOf ?? '')
  ) {
    issuer = orgCase(closing.signer.onBehalfOf ?? '');
  }
  const issuerCode = sym?.issuerCode ?? codeFromIssuer(issuer);
  if (!system) {
    if (header.partyHint) system = 'party';
    else if (header.stateHint) system = 'state';
    else if (issuerCode) system = isPartyIssuerCode(issuerCode) ? 'party' : 'state';
  }
  let typeName = header.typeName;
  if (!typeName && sym) {
    if (!sym.typeCode) typeName = 'Công văn';
    else if (sym.typeCode === 'CV') typeName = 'Công văn';
  }
  let typeCode = sym?.typeCode ?? null;
  if (!typeCode && typeName && system && !(system === 'state' && typeName === 'Công văn')) {
    typeCode = typeCodeOf(typeName, system);
  }
  if (typeName && !typeNameOf(typeName)) typeName = typeNameOf(typeName) ?? typeName;
  plan.document = {
    system,
    typeName,
    typeCode,
    number: sym?.number ?? null,
    symbol: sym?.symbol ?? null,
    issuerCode,
    issuer,
    place: header.place,
    date: header.date,
    title: typeName && header.summary ? `${typeName} ${header.summary}` : header.summary,
  };

  // References
  const firstBody = bodyLines[0]?.idx ?? header.end;
  const openingEnd = Number.isFinite(st.openingEnd) ? st.openingEnd : Number.MAX_SAFE_INTEGER;
  const lastOpening = st.opening[st.opening.length - 1];
  const openingStop = lastOpening
    ? Math.min(openingEnd, nextLineAfter(bodyLines, lastOpening.firstLine, st))
    : openingEnd;
  plan.references = buildReferences(
    lines,
    footnotes,
    header.titleLines,
    [firstBody, openingStop],
    sym?.symbol ?? null,
    Math.max(0, header.start),
  );

  // Structure
  plan.sections = buildSections(st);
  plan.objectives = buildObjectives(st);
  const tasks: RawTask[] = buildTasks(st);
  if (closing.appendix >= 0) {
    const appLines = lines.slice(closing.appendix).map((l) => l.raw);
    tasks.push(...appendixTasks(appLines));
  }
  plan.tasks = tasks;
  plan.addressees = header.addressees;
  plan.recipients = closing.recipients;
  plan.signer = closing.signer;
  return plan;
}

/** The first line of the paragraph after the opening's last paragraph. */
function nextLineAfter(bodyLines: Line[], firstLine: number, st: ReturnType<typeof parseStructure>): number {
  const loose = st.loose[0]?.firstLine;
  if (loose !== undefined && loose > firstLine) return loose;
  const last = bodyLines[bodyLines.length - 1]?.idx ?? firstLine;
  return Math.min(st.openingEnd, last + 1);
}
