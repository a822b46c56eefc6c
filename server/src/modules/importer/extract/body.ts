/**
 * The body of a plan or letter: roman sections, numbered items and sub-items, objectives, tasks
 * with their text, deadline and recurrence (documents.md §4, corpus-dev README conventions).
 */
import { DATE_SRC, dateFromMatch } from '../../documents/symbol.js';
import type { Paragraph } from './layout.js';
import { type Assignment, cleanOrg, dedupe, isGeneric, splitOrgList, taskAssignments } from './orgs.js';
import { collapse, expandAbbreviations, fixGlue } from './text.js';

export interface Item {
  label: string;
  head: string;
  paras: Paragraph[];
  subs: Item[];
  firstLine: number;
}

export interface Section {
  label: string;
  title: string;
  items: Item[];
  paras: Paragraph[];
  firstLine: number;
}

export interface Structure {
  sections: Section[];
  /** Items when there are no roman sections (letters). */
  rootItems: Item[];
  /** Paragraphs before the first label. */
  opening: Paragraph[];
  /** Paragraphs of a letter without items, after the opening. */
  loose: Paragraph[];
  /** First line of the first structural element (end of the opening). */
  openingEnd: number;
}

const CLOSING_CUE =
  /^(?:Căn\s?cứ|Đề\s?nghị|Yêu\s?cầu|Trên\s?đây|Nhận\s?được|Trong\s?quá\s?trình|Ủy\s?ban|Uỷ\s?ban|UBND|Ban\s?Thường\s?vụ|Thường\s?trực|Chủ\s?tịch|Giám\s?đốc|Các\s?(?:cơ quan|đơn vị|sở))/u;

function isClosing(p: Paragraph): boolean {
  if (p.kind !== 'none') return false;
  if (/\.\/\.?\s*$/.test(p.text) && CLOSING_CUE.test(p.text)) return true;
  // "Trên đây là Kế hoạch …", "X thông báo để các cơ quan, đơn vị biết, thực hiện."
  return (
    p.text.length < 400 &&
    (/^Trên\s?đây\s(?:là|là\s)/u.test(p.text) ||
      /^[^.;:]{0,100}\sthông\s?báo\s(?:để|đến|cho)\s[^.;:]{0,160}(?:biết|thực\s?hiện)[\s./]*$/u.test(p.text))
  );
}

function isNote(p: Paragraph): boolean {
  return /^\([^()]{3,200}\)\.?$/u.test(p.text);
}

export function parseStructure(paras: Paragraph[]): Structure {
  const st: Structure = { sections: [], rootItems: [], opening: [], loose: [], openingEnd: -1 };
  let section: Section | null = null;
  let item: Item | null = null;
  let sub: Item | null = null;
  let inArticle = false;
  let started = false;
  let openingClosed = false;
  const itemsOf = (): Item[] => (section ? section.items : st.rootItems);
  for (const p of paras) {
    if (p.kind === 'roman') {
      section = {
        label: p.label ?? '',
        title: p.rest.replace(/[:.]\s*$/u, '').trim(),
        items: [],
        paras: [],
        firstLine: p.firstLine,
      };
      st.sections.push(section);
      item = null;
      sub = null;
      inArticle = false;
      if (!started) st.openingEnd = p.firstLine;
      started = true;
      continue;
    }
    if (p.kind === 'article') {
      inArticle = true;
      if (!started) st.openingEnd = p.firstLine;
      started = true;
      item = null;
      sub = null;
      continue;
    }
    if (inArticle) continue;
    if (p.kind === 'num') {
      item = { label: p.label ?? '', head: p.rest, paras: [], subs: [], firstLine: p.firstLine };
      itemsOf().push(item);
      sub = null;
      if (!started) st.openingEnd = p.firstLine;
      started = true;
      continue;
    }
    if (p.kind === 'sub') {
      const label = p.label ?? '';
      const it = { label, head: p.rest, paras: [], subs: [], firstLine: p.firstLine };
      if (item && label.startsWith(`${item.label}.`)) {
        item.subs.push(it);
        sub = it;
      } else {
        item = it;
        itemsOf().push(it);
        sub = null;
      }
      if (!started) st.openingEnd = p.firstLine;
      started = true;
      continue;
    }
    if (sub) sub.paras.push(p);
    else if (item) item.paras.push(p);
    else if (section) section.paras.push(p);
    else if (!started) {
      if (!openingClosed) {
        st.opening.push(p);
        if (/:\s*$/.test(p.text)) openingClosed = true;
      } else st.loose.push(p);
    }
  }
  if (st.openingEnd < 0) st.openingEnd = st.loose[0]?.firstLine ?? Number.MAX_SAFE_INTEGER;
  // Closing formulas and notes at the end belong to no task.
  const trim = (list: Paragraph[]) => {
    while (list.length > 0) {
      const lastP = list[list.length - 1];
      if (lastP && (isClosing(lastP) || isNote(lastP))) list.pop();
      else break;
    }
  };
  const allContainers: Paragraph[][] = [st.loose];
  // An item's only paragraph is its content, never a closing formula.
  const itemParas = (it: Item) => (it.head.trim() || it.paras.length > 1 ? it.paras : []);
  for (const s of st.sections) {
    allContainers.push(s.paras);
    for (const it of s.items) {
      allContainers.push(itemParas(it));
      for (const sb of it.subs) allContainers.push(itemParas(sb));
    }
  }
  for (const it of st.rootItems) {
    allContainers.push(itemParas(it));
    for (const sb of it.subs) allContainers.push(itemParas(sb));
  }
  for (const c of allContainers) {
    trim(c);
    for (let k = c.length - 1; k >= 0; k--) if (c[k] && isNote(c[k] as Paragraph)) c.splice(k, 1);
  }
  // A letter without items: the opening is only the lines that introduce it.
  if (st.sections.length === 0 && st.rootItems.length === 0 && st.loose.length === 0 && st.opening.length > 1) {
    const idx = st.opening.findIndex((p) => /:\s*$/.test(p.text));
    const cut = idx >= 0 ? idx + 1 : 1;
    st.loose = st.opening.slice(cut);
    st.opening = st.opening.slice(0, cut);
    trim(st.loose);
  }
  return st;
}

const BLOCK_RE =
  /^[-*+•]?\s*(?:(?:Cơ quan|Đơn vị)\s(?:thực hiện|chủ trì)|Thời gian(?:\sthực hiện|\shoàn thành)?|Thời hạn)\s*:/u;

export function isBlock(p: Paragraph): boolean {
  return BLOCK_RE.test(p.text);
}

export interface ItemParts {
  title: string | null;
  texts: Paragraph[];
}

/** Heading and body of an item: the label line is a heading when text follows it. */
export function itemParts(it: Item): ItemParts {
  let head = it.head.trim();
  let body = [...it.paras];
  if (!head && body.length > 0) {
    const first = body[0];
    if (first && first.kind === 'none' && !isBlock(first)) {
      head = first.text;
      body = body.slice(1);
    }
  }
  const headPara: Paragraph = { text: head, kind: 'none', label: null, rest: head, firstLine: it.firstLine };
  if (!head) return { title: null, texts: body };
  const content = body.filter((p) => !isBlock(p));
  let isTitle = false;
  if (body.length > 0 || it.subs.length > 0) {
    if (/:\s*$/.test(head)) isTitle = true;
    else if (!/[.;,!?…]\s*["”)]?$/u.test(head)) isTitle = true;
    else if (/\.$/.test(head) && head.length <= 160 && !/\.\s+\p{Lu}/u.test(head) && content.length > 0) {
      isTitle = content[0]?.kind === 'none';
    }
  }
  if (isTitle) return { title: head.replace(/\s*:\s*$/u, '').trim(), texts: body };
  return { title: null, texts: [headPara, ...body] };
}

// ---------------------------------------------------------------------------------------------
// Deadline and recurrence

const DEADLINE_RE = new RegExp(
  `(?:trước|chậm nhất(?:\\s(?:là|đến|vào))?|hạn chót|hoàn thành(?:\\s(?:xong|trước|trong))?|xong trước|đến hết|không quá|trước hoặc trong)\\s{1,3}(?:(?:ngày|Ngày)\\s{0,3})?${DATE_SRC}`,
  'giu',
);

/** The first day-precise date for completing or reporting ("trước ngày 15/4/2026"). */
export function findDeadline(text: string): string | null {
  DEADLINE_RE.lastIndex = 0;
  for (const m of text.matchAll(DEADLINE_RE)) {
    const d = dateFromMatch(m as RegExpExecArray, 1);
    if (d) return d;
  }
  return null;
}

const CADENCE_RE =
  /(?:định\s?kỳ|hằng|hàng)\s?(quý|tháng|năm|6\s?tháng|sáu\s?tháng)((?:\s*(?:,|và|hoặc)\s*(?:(?:định\s?kỳ|hằng|hàng)\s*)?(?:quý|tháng|năm|6\s?tháng|sáu\s?tháng)(?![\p{L}]))*)/giu;
const CADENCE_RANK: Record<string, number> = { monthly: 0, quarterly: 1, semiannual: 2, annual: 3 };

function cadenceOf(word: string): 'annual' | 'semiannual' | 'quarterly' | 'monthly' {
  const w = word.replace(/\s/g, '').toLowerCase();
  if (w === 'quý') return 'quarterly';
  if (w === 'tháng') return 'monthly';
  if (w === '6tháng' || w === 'sáutháng') return 'semiannual';
  return 'annual';
}

/** Recurrence from hằng năm / 6 tháng / hằng quý / hằng tháng; the shortest when several. */
export function findRecurrence(text: string): 'annual' | 'semiannual' | 'quarterly' | 'monthly' | null {
  let best: 'annual' | 'semiannual' | 'quarterly' | 'monthly' | null = null;
  for (const m of text.matchAll(CADENCE_RE)) {
    // An evaluation period ("tiêu chí đánh giá, xếp loại … hàng tháng") is not a task cadence.
    const start = m.index ?? 0;
    const clauseStart = Math.max(text.lastIndexOf(';', start), text.lastIndexOf('. ', start));
    const clause = text.slice(clauseStart + 1, start);
    if (/tiêu chí|xếp loại/u.test(clause)) continue;
    const words = [m[1] ?? '', ...(m[2] ?? '').split(/\s*(?:,|và|hoặc)\s*/u)]
      .map((w) => w.replace(/(?:định\s?kỳ|hằng|hàng)\s*/iu, '').trim())
      .filter((w) => w.length > 0);
    for (const w of words) {
      const c = cadenceOf(w);
      if (best === null || (CADENCE_RANK[c] ?? 9) < (CADENCE_RANK[best] ?? 9)) best = c;
    }
  }
  // A bare "6 tháng" before a reporting verb ("6 tháng báo cáo kết quả") is the same cadence.
  if (best === null || (CADENCE_RANK[best] ?? 9) > (CADENCE_RANK.semiannual ?? 9)) {
    if (BARE_SEMIANNUAL_RE.test(text)) best = 'semiannual';
  }
  return best;
}

const BARE_SEMIANNUAL_RE =
  /(?<![\p{L}\d])(?:6|sáu)\s?tháng\s(?:một\slần|\/\s?lần|báo\s?cáo|sơ\s?kết|đánh\s?giá)(?!\p{L})/iu;

// ---------------------------------------------------------------------------------------------
// Tasks

export interface RawTask {
  ref: string;
  title: string | null;
  text: string;
  assignments: Assignment[];
  deadline: string | null;
  recurrence: 'annual' | 'semiannual' | 'quarterly' | 'monthly' | null;
}

const NON_TASK_SECTION =
  /MỤC\s?ĐÍCH|YÊU\s?CẦU|MỤC\s?TIÊU|KINH\s?PHÍ|QUAN\s?ĐIỂM|TÌNH\s?HÌNH|ĐẶC\s?ĐIỂM|KẾT\s?QUẢ\s(?:ĐẠT|THỰC)/iu;

function makeTask(
  ref: string,
  title: string | null,
  texts: Paragraph[],
  inherited: { assignments: Assignment[]; time: string } | null,
): RawTask {
  const text = collapse(texts.map((p) => p.text).join(' '));
  const own = taskAssignments(
    title,
    texts.map((p) => p.text),
  );
  const assignments = dedupe([...own, ...(inherited?.assignments ?? [])]);
  const scan = `${title ?? ''} ${text} ${inherited?.time ?? ''}`;
  return {
    ref,
    title,
    text,
    assignments,
    deadline: findDeadline(scan),
    recurrence: findRecurrence(scan),
  };
}

/** Tasks of a list of items; an assignment block closing a run of sub-items applies to each. */
function itemTasks(prefix: string, items: Item[], out: RawTask[]): void {
  for (const it of items) {
    if (it.subs.length > 0) {
      const parts = it.subs.map((s) => ({ s, parts: itemParts(s) }));
      const blocks = parts.map(({ parts: p }) => p.texts.filter(isBlock));
      for (let k = 0; k < parts.length; k++) {
        const entry = parts[k];
        if (!entry) continue;
        let inherited: { assignments: Assignment[]; time: string } | null = null;
        if ((blocks[k]?.length ?? 0) === 0) {
          for (let j = k + 1; j < parts.length; j++) {
            const b = blocks[j] ?? [];
            if (b.length > 0) {
              inherited = {
                assignments: taskAssignments(
                  null,
                  b.map((p) => p.text),
                ),
                time: b.map((p) => p.text).join(' '),
              };
              break;
            }
          }
        }
        out.push(makeTask(`${prefix}${entry.s.label}`, entry.parts.title, entry.parts.texts, inherited));
      }
      continue;
    }
    const p = itemParts(it);
    const lettered = p.title ? letterSubItems(p.texts) : null;
    if (lettered) {
      for (const [label, texts] of lettered) out.push(makeTask(`${prefix}${it.label}.${label}`, null, texts, null));
      continue;
    }
    out.push(makeTask(`${prefix}${it.label}`, p.title, p.texts, null));
  }
}

/**
 * Lettered sub-items "a) …", "b) …" under an item heading, when each names its own actors: the
 * assignments are written at that level, so each is a task. Null otherwise.
 */
function letterSubItems(texts: Paragraph[]): [string, Paragraph[]][] | null {
  if (texts.length < 2 || texts[0]?.kind !== 'alpha') return null;
  const groups: [string, Paragraph[]][] = [];
  for (const t of texts) {
    if (t.kind === 'alpha') {
      groups.push([t.label ?? '', [{ ...t, text: t.rest, kind: 'none', label: null }]]);
    } else if (isBlock(t)) {
      return null;
    } else groups[groups.length - 1]?.[1].push(t);
  }
  if (groups.length < 2) return null;
  for (const [, g] of groups) {
    if (
      taskAssignments(
        null,
        g.map((x) => x.text),
      ).length === 0
    )
      return null;
  }
  return groups;
}

export function buildTasks(st: Structure): RawTask[] {
  const out: RawTask[] = [];
  if (st.sections.length > 0) {
    for (const s of st.sections) {
      if (NON_TASK_SECTION.test(s.title)) continue;
      if (s.items.length > 0) itemTasks(`${s.label}.`, s.items, out);
      else if (s.paras.length > 0) out.push(makeTask(s.label, null, s.paras, null));
    }
    return out;
  }
  if (st.rootItems.length > 0) {
    itemTasks('', st.rootItems, out);
    return out;
  }
  if (st.loose.length > 0) out.push(makeTask('body', null, st.loose, null));
  return out;
}

export function buildSections(
  st: Structure,
): { label: string; title: string | null; children: { label: string; title: string | null }[] }[] {
  return st.sections.map((s) => ({
    label: s.label,
    title: s.title || null,
    children: s.items.map((it) => {
      if (it.subs.length > 0) return { label: it.label, title: it.head.replace(/\s*:\s*$/u, '').trim() || null };
      return { label: it.label, title: itemParts(it).title };
    }),
  }));
}

export function buildObjectives(st: Structure): string[] {
  const s = st.sections.find((x) => /MỤC\s?ĐÍCH|YÊU\s?CẦU|MỤC\s?TIÊU/iu.test(x.title));
  if (!s) return [];
  const out: string[] = [];
  const fromParas = (paras: Paragraph[]) => {
    for (const p of paras) {
      if (isBlock(p)) continue;
      out.push(collapse(p.kind === 'bullet' || p.kind === 'alpha' ? p.rest : p.text));
    }
  };
  fromParas(s.paras);
  for (const it of s.items) {
    const subsAndItem = it.subs.length ? it.subs : [it];
    for (const x of subsAndItem) {
      const parts = itemParts(x);
      const bullets = parts.texts.filter((p) => p.kind === 'bullet' || p.kind === 'alpha');
      if (bullets.length > 0) {
        const lead = parts.texts.filter((p) => p.kind === 'none' && !isBlock(p));
        if (!parts.title && lead.length) out.push(collapse(lead.map((p) => p.text).join(' ')));
        for (const b of bullets) out.push(collapse(b.rest));
      } else {
        const t = collapse(parts.texts.map((p) => p.text).join(' '));
        if (t) out.push(t);
      }
    }
  }
  return out.filter((o) => o.length > 0);
}

// ---------------------------------------------------------------------------------------------
// Appendix table ("TT | Tên nhiệm vụ | Sở, ngành chủ trì | Đơn vị phối hợp | Thời gian | Ghi chú")

export function appendixTasks(lines: string[]): RawTask[] {
  const rows: string[][] = [];
  let header: string[] | null = null;
  for (const line of lines) {
    if (!line.includes('|')) {
      const lastRow = rows[rows.length - 1];
      if (header && lastRow && line.trim() && !/^(?:PHỤ|Phụ|\()/u.test(line.trim())) {
        lastRow[lastRow.length - 1] = `${lastRow[lastRow.length - 1] ?? ''} ${line.trim()}`;
      }
      continue;
    }
    const cells = line.split('|').map((c) => c.trim());
    if (!header) {
      if (cells.some((c) => /chủ trì/iu.test(c)) || cells.some((c) => /nhiệm vụ|nội dung/iu.test(c))) header = cells;
      continue;
    }
    if (cells.every((c) => c === '' || /^\(\d{1,2}\)$/.test(c))) continue;
    const lastRow = rows[rows.length - 1];
    if (/^\d{1,3}$/.test(cells[0] ?? '')) rows.push(cells);
    else if (lastRow) {
      // A row broken over two lines: the first cell continues the last cell of the row.
      const [first, ...rest] = cells;
      lastRow[lastRow.length - 1] = collapse(`${lastRow[lastRow.length - 1] ?? ''} ${first ?? ''}`);
      lastRow.push(...rest);
    }
  }
  if (!header) return [];
  const col = (re: RegExp) => header?.findIndex((c) => re.test(c)) ?? -1;
  const cTask = col(/nhiệm vụ|nội dung|tên/iu);
  const cLead = col(/chủ trì/iu);
  const cCoord = col(/phối hợp/iu);
  const cTime = col(/thời gian|thời hạn|tiến độ/iu);
  const out: RawTask[] = [];
  for (const r of rows) {
    const text = collapse(r[cTask] ?? '');
    if (!text) continue;
    const assignments: Assignment[] = [];
    const addList = (cell: string | undefined, role: 'lead' | 'coordinate') => {
      if (!cell) return;
      for (const item of splitOrgList(collapse(cell))) {
        const o = cleanOrg(item);
        if (o && !isGeneric(o)) assignments.push({ organization: o, role });
      }
    };
    addList(cLead >= 0 ? r[cLead] : undefined, 'lead');
    addList(cCoord >= 0 ? r[cCoord] : undefined, 'coordinate');
    const time = cTime >= 0 ? collapse(r[cTime] ?? '') : '';
    out.push({
      ref: `PL.${r[0]}`,
      title: null,
      text,
      assignments: dedupe(assignments),
      deadline: findDeadline(time),
      recurrence: findRecurrence(time),
    });
  }
  return out;
}

/** An issuing body named by the opening: "…, Ban Thường vụ Huyện ủy xây dựng kế hoạch …". */
export function issuerFromOpening(opening: string): string | null {
  const m =
    /(?:^|[,;:]\s*)([^,;:]{3,120}?)\s+(?:xây\s?dựng|ban\s?hành)\s+(?:[Kk]ế\s?hoạch|[Cc]hương\s?trình|[Hh]ướng\s?dẫn|[Qq]uy\s?định|[Kk]ết\s?luận)/u.exec(
      opening,
    );
  if (!m?.[1]) return null;
  const org = expandAbbreviations(fixGlue(collapse(m[1])));
  if (!/^(?:Ban|Ủy|Uỷ|Hội|Sở|Đảng|Huyện|Tỉnh|Thành|Thường|Chi|Đoàn|Văn phòng|UBND|Bộ)/u.test(org)) return null;
  return org;
}
