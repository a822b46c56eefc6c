/**
 * Lines and paragraphs of an extracted text: pages, indentation, page numbers, footnotes, column
 * fragments of two-column layouts, and the joining of wrapped lines into paragraphs.
 */
import { collapse } from './text.js';

export interface Line {
  idx: number;
  page: number;
  raw: string;
  /** Trimmed, markdown emphasis and heading marks removed. */
  text: string;
  indent: number;
  blank: boolean;
}

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

export function toLines(input: string): Line[] {
  const text = input
    .normalize('NFC')
    .replace(ZERO_WIDTH, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/\t/g, '    ');
  const out: Line[] = [];
  let page = 0;
  let idx = 0;
  for (const pageText of text.split('\f')) {
    for (const raw0 of pageText.split('\n')) {
      const raw = raw0.length > 20000 ? raw0.slice(0, 20000) : raw0;
      const indent = /^ */.exec(raw)?.[0].length ?? 0;
      let t = raw.trim();
      t = t.replace(/^#{1,6}\s+/, '').replace(/\*\*/g, '');
      if (/^\*[^*\s].*[^*\s]\*$/.test(t)) t = t.slice(1, -1);
      out.push({ idx: idx++, page, raw, text: t.trim(), indent, blank: t.trim().length === 0 });
    }
    page++;
  }
  return out;
}

/** A line that is only a page number or a stray stamped number ("2", "- 3 -", "264a"). */
export function isPageNumber(t: string): boolean {
  return /^(?:-\s*)?\d{1,4}[a-z]?(?:\s*-)?$/.test(t) || /^(?:Trang|trang)\s\d{1,4}(?:\/\d{1,4})?$/.test(t);
}

export function isRule(t: string): boolean {
  return /^[-_=*–—.\s]{3,}$/.test(t) && /[-_=*–—]{3,}/.test(t);
}

/** Column fragments of a line: two-column layouts are separated by 3+ spaces or table pipes. */
export function fragments(raw: string): string[] {
  return raw
    .replace(/((?:Số|SỐ)\s{0,3}:?)\s{3,}(?=[-–/])/u, '$1 ')
    .replace(/(ngày|tháng|Ngày)\s{3,}(?=\d|tháng|năm)/gu, '$1 ')
    .split(/\s{3,}|\s*\|\s*/)
    .map((f) =>
      f
        .replace(/\*\*/g, '')
        .replace(/^#{1,6}\s+/, '')
        .trim(),
    )
    .filter((f) => f.length > 0);
}

/**
 * Marks footnote lines: "[1] …" blocks, and in page layouts a line "  1 Text…" after a blank line
 * that runs to the end of its page.
 */
export function footnoteLines(lines: Line[]): Set<number> {
  const out = new Set<number>();
  const lastPage = lines.length ? (lines[lines.length - 1]?.page ?? 0) : 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!l || l.blank) continue;
    if (/^\[\d{1,2}\]\s*\S/.test(l.text) && (i === 0 || lines[i - 1]?.blank !== false || /^\[\d/.test(l.text))) {
      // "[1] …" at a line start is a footnote body when it is not in the middle of a sentence.
      const prev = lines[i - 1];
      if (prev && !prev.blank && !/[.;:)\]”"]$/.test(prev.text) && !/^\[\d/.test(prev.text)) continue;
      let j = i;
      while (j < lines.length) {
        const lj = lines[j];
        if (!lj || (j > i && (lj.blank || /^\[\d{1,2}\]/.test(lj.text)))) break;
        out.add(j);
        j++;
      }
      i = j - 1;
      continue;
    }
    const prev = lines[i - 1];
    if (prev?.blank && l.page < lastPage && /^ {1,12}\d{1,2}\s+\p{Lu}/u.test(l.raw) && !/^\d{1,2}[.)]/.test(l.text)) {
      let end = i;
      while (end + 1 < lines.length && lines[end + 1]?.page === l.page) end++;
      if (end - i <= 20) for (let j = i; j <= end; j++) out.add(j);
      i = end;
    }
  }
  return out;
}

export type LabelKind = 'roman' | 'num' | 'sub' | 'alpha' | 'bullet' | 'article' | 'none';

export interface Paragraph {
  text: string;
  kind: LabelKind;
  label: string | null;
  /** Text after the label. */
  rest: string;
  firstLine: number;
}

const ROMAN_RE = /^([IVX]{1,5})\s{0,3}[.\-–:]\s*(\S.*)?$/u;
const SUB_RE = /^(\d{1,2}(?:\.\d{1,2}){1,3})\.?(?:\s+(.*)|$)/u;
const NUM_RE = /^(\d{1,2})\s?[.)](?:\s*(.*)|$)/u;
const ALPHA_RE = /^([a-zđ])\)\s+(.*)$/u;
const BULLET_RE = /^([-–+•*])\s*(.*)$/u;
const ARTICLE_RE = /^(Điều|ĐIỀU)\s+(\d{1,3})\s*[.:]?\s*(.*)$/u;

export function classify(text: string): { kind: LabelKind; label: string | null; rest: string } {
  let m = ARTICLE_RE.exec(text);
  if (m) return { kind: 'article', label: m[2] ?? null, rest: m[3] ?? '' };
  m = ROMAN_RE.exec(text);
  if (m) {
    const rest = m[2] ?? '';
    const first = rest.split(/\s+/)[0] ?? '';
    if (
      rest.length > 0 &&
      /^\p{Lu}/u.test(rest) &&
      ((first.length >= 2 && first === first.toUpperCase()) || (rest.length < 100 && !/[.;]\s/.test(rest)))
    ) {
      return { kind: 'roman', label: m[1] ?? null, rest };
    }
  }
  m = SUB_RE.exec(text);
  if (m && !/^\d{1,2}\.\d{1,2}\.\d{2,4}/.test(text)) return { kind: 'sub', label: m[1] ?? null, rest: m[2] ?? '' };
  m = NUM_RE.exec(text);
  if (m && !/^\d{1,2}[.)]\d/.test(text)) return { kind: 'num', label: m[1] ?? null, rest: m[2] ?? '' };
  m = ALPHA_RE.exec(text);
  if (m) return { kind: 'alpha', label: m[1] ?? null, rest: m[2] ?? '' };
  m = BULLET_RE.exec(text);
  if (m?.[2] && !/^[-–]\s*\p{Ll}/u.test(text) && !/^\*\*/.test(text))
    return { kind: 'bullet', label: m[1] ?? null, rest: m[2] ?? '' };
  return { kind: 'none', label: null, rest: text };
}

/**
 * Splits labels glued to the previous text by extraction: "III. TỔ CHỨC THỰC HIỆN 1." and
 * "2. Nâng cao … lao động 2.1." (label at the end), "3. Giải quyết … 3.1. Rà soát" (inside).
 */
export function splitGluedLabels(text: string): string[] {
  const c = classify(text);
  if (c.kind === 'roman') {
    const m = /^(.*\S)\s+(1)\.$/u.exec(text);
    if (m?.[1]) return [m[1], `${m[2]}.`];
  }
  if (c.kind === 'num' && c.label) {
    const n = c.label;
    const re = new RegExp(`^(.*?\\S)\\s+(${n}\\.\\d{1,2}\\.)(?:\\s+(\\p{Lu}.*))?$`, 'u');
    const m = re.exec(text);
    if (m?.[1] && m[2] && classify(m[1]).kind === 'num') return [m[1], m[3] ? `${m[2]} ${m[3]}` : m[2]];
  }
  return [text];
}

function isCapsLine(t: string): boolean {
  const letters = t.replace(/[^\p{L}]/gu, '');
  return letters.length >= 4 && letters === letters.toUpperCase() && /\s/.test(t.trim());
}

const TERMINAL = /[.:!?…]["”)]?$|\.\/\.?$/u;

/**
 * Joins wrapped lines into paragraphs. A line starts a paragraph when it has a label, when it is
 * indented beyond the page's text margin in a page layout, or when the previous line ends a
 * sentence and this one starts with a capital (plain texts).
 */
export function toParagraphs(lines: Line[], layout: boolean, pageMargin: Map<number, number>): Paragraph[] {
  const out: Paragraph[] = [];
  let cur: { texts: string[]; first: number; lastText: string; lastIndent: number } | null = null;
  let gap = false;
  const wrapped = !layout && isWrapped(lines);
  const flush = () => {
    if (!cur) return;
    const text = collapse(cur.texts.join(' '));
    if (text) {
      const c = classify(text);
      out.push({ text, kind: c.kind, label: c.label, rest: c.rest, firstLine: cur.first });
    }
    cur = null;
  };
  for (const line of lines) {
    if (line.blank) {
      gap = true;
      continue;
    }
    for (const piece of splitGluedLabels(line.text)) {
      const c = classify(piece);
      let start = cur === null;
      if (!start && cur) {
        const prevText: string = cur.lastText;
        const terminated = TERMINAL.test(prevText);
        // "a) …" is a label, not a lower-case continuation, unless a cross-reference ends the line before.
        const alphaLabel = c.kind === 'alpha' && !/(?:điểm|khoản|mục|tiết)\s*$/iu.test(prevText);
        const lowerStart = !alphaLabel && (/^[\p{Ll}\d]/u.test(piece) || /^[-–]\s*\p{Ll}/u.test(piece));
        const structural = c.kind === 'roman' || c.kind === 'num' || c.kind === 'sub' || c.kind === 'article';
        const prevHeading = classify(prevText).kind === 'roman' || (isCapsLine(prevText) && !isCapsLine(piece));
        if (structural || prevHeading) start = true;
        else if (c.kind !== 'none' && !lowerStart) start = true;
        else if (gap) start = !(lowerStart && !terminated);
        else if (layout) {
          const margin = pageMargin.get(line.page) ?? 0;
          start = line.indent >= margin + 4 && !lowerStart;
          if (!start && terminated && !lowerStart && line.indent >= margin + 4) start = true;
        } else if (wrapped) {
          start = terminated && !lowerStart;
        } else {
          start = !lowerStart;
        }
      }
      if (start) {
        flush();
        cur = { texts: [piece], first: line.idx, lastText: piece, lastIndent: line.indent };
      } else if (cur) {
        cur.texts.push(piece);
        cur.lastText = piece;
        cur.lastIndent = line.indent;
      }
      gap = false;
    }
  }
  flush();
  return out;
}

/** Hard-wrapped text (a PDF without layout): many lines end mid-sentence and go on in lower case. */
function isWrapped(lines: Line[]): boolean {
  let n = 0;
  let mid = 0;
  let prev: Line | null = null;
  for (const l of lines) {
    if (l.blank) continue;
    if (prev) {
      n++;
      if (/[\p{L}\d,]$/u.test(prev.text) && /^\p{Ll}/u.test(l.text)) mid++;
    }
    prev = l;
  }
  return n > 0 && mid / n > 0.2;
}

/** The usual left margin of running text on each page (the most common indentation). */
export function pageMargins(lines: Line[]): Map<number, number> {
  const counts = new Map<number, Map<number, number>>();
  for (const l of lines) {
    if (l.blank || l.text.length < 30) continue;
    const m = counts.get(l.page) ?? new Map<number, number>();
    m.set(l.indent, (m.get(l.indent) ?? 0) + 1);
    counts.set(l.page, m);
  }
  const out = new Map<number, number>();
  for (const [page, m] of counts) {
    let best = 0;
    let bestN = -1;
    for (const [indent, n] of m) {
      if (n > bestN || (n === bestN && indent < best)) {
        best = indent;
        bestN = n;
      }
    }
    out.set(page, best);
  }
  return out;
}

/** Page layout (pdftotext -layout): several lines indented by more than a few spaces. */
export function isLayout(lines: Line[]): boolean {
  let indented = 0;
  let text = 0;
  for (const l of lines) {
    if (l.blank) continue;
    text++;
    if (l.indent >= 4) indented++;
  }
  return text > 0 && indented / text > 0.3;
}
