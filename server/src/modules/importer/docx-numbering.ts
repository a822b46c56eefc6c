/**
 * Word's automatic numbering, written back into the text. mammoth drops the numbers that Word
 * draws for numbered paragraphs ("I.", "1.", "a)"), and a plan's structure lives in them. This
 * reads word/numbering.xml and word/styles.xml, walks the paragraphs of word/document.xml in
 * order keeping Word's counters, and inserts each paragraph's label as a text run at its start,
 * before mammoth reads the document.
 *
 * What it follows: direct numbering (w:numPr) and numbering through the paragraph style and its
 * w:basedOn chain; level formats decimal, decimalZero, upper/lowerRoman, upper/lowerLetter,
 * bullet and none (others print as decimal); level texts ("%1.%2."), legal numbering (w:isLgl),
 * w:start, w:startOverride, w:suff; counters shared by the w:num instances of one w:abstractNum
 * (as Word does) and lower levels restarting after a higher one. Bullets print as "-" (or "+",
 * "–", "*" when that is the bullet character). Not followed: w:lvlRestart, full w:lvl overrides,
 * numbering inside text boxes drawn twice (mc:AlternateContent), tracked numbering changes.
 */

type Attributes = Record<string, string>;

interface Level {
  start: number;
  format: string;
  text: string;
  legal: boolean;
  suffix: string;
  style: string | null;
}

interface AbstractNum {
  levels: Map<number, Level>;
  styleLink: string | null;
}

interface NumInstance {
  abstractId: string;
  startOverrides: Map<number, number>;
}

interface StyleNumbering {
  basedOn: string | null;
  numId: string | null;
  ilvl: number | null;
}

// A name starts after a blank, so that a long run without "=" is tried once (linear time).
const ATTRIBUTE = /(?:^|\s)([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/gu;

export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/giu, (whole, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower === 'amp') return '&';
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    const code = lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : Number.parseInt(lower.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function escapeXml(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

function attributes(source: string): Attributes {
  const out: Attributes = {};
  for (const match of source.matchAll(ATTRIBUTE)) {
    out[match[1] as string] = decodeXmlEntities(match[2] ?? match[3] ?? '');
  }
  return out;
}

export interface Tag {
  closing: boolean;
  name: string;
  attrs: string;
  selfClosing: boolean;
  start: number;
  end: number;
}

/**
 * The tags of an XML text in order; comments, CDATA, declarations and text are skipped. A plain
 * scan (no backtracking regular expression), linear even on hostile input: an unterminated
 * comment or tag ends the scan.
 */
export function* xmlTags(xml: string): Generator<Tag> {
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) return;
    if (xml.startsWith('<!--', lt) || xml.startsWith('<![CDATA[', lt) || xml.startsWith('<?', lt)) {
      const close = xml.startsWith('<!--', lt) ? '-->' : xml.startsWith('<?', lt) ? '?>' : ']]>';
      const end = xml.indexOf(close, lt + 2);
      if (end < 0) return;
      i = end + close.length;
      continue;
    }
    let j = lt + 1;
    let quote = 0;
    for (; j < xml.length; j++) {
      const c = xml.charCodeAt(j);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) quote = c;
      else if (c === 0x3e || c === 0x3c) break; // > ends the tag; a stray < starts another
    }
    if (j >= xml.length) return;
    if (xml.charCodeAt(j) === 0x3c) {
      i = j;
      continue;
    }
    const match = /^(\/?)([\w:.-]+)([\s\S]*?)(\/?)$/u.exec(xml.slice(lt + 1, j));
    i = j + 1;
    if (match === null || match[2] === undefined) continue; // <!DOCTYPE …> and the like
    yield {
      closing: match[1] === '/',
      name: match[2],
      attrs: match[3] ?? '',
      selfClosing: match[4] === '/',
      start: lt,
      end: j + 1,
    };
  }
}

const TAG_BODY = /^\/?[\w:.-]+(?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*\/?$/u;

/**
 * A quick, linear check that every tag of a markup part is complete and well formed (names,
 * attributes with quoted values), with no DOCTYPE. mammoth's XML parser takes minutes on some
 * malformed input, so a part that fails this is refused before mammoth sees it.
 */
export function isWellFormedMarkup(xml: string): boolean {
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) return true;
    if (xml.startsWith('<!--', lt) || xml.startsWith('<![CDATA[', lt) || xml.startsWith('<?', lt)) {
      const close = xml.startsWith('<!--', lt) ? '-->' : xml.startsWith('<?', lt) ? '?>' : ']]>';
      const end = xml.indexOf(close, lt + 2);
      if (end < 0) return false;
      i = end + close.length;
      continue;
    }
    let j = lt + 1;
    let quote = 0;
    for (; j < xml.length; j++) {
      const c = xml.charCodeAt(j);
      if (quote !== 0) {
        if (c === quote) quote = 0;
        else if (c === 0x3c) return false; // < inside an attribute value
      } else if (c === 0x22 || c === 0x27) quote = c;
      else if (c === 0x3e) break;
      else if (c === 0x3c) return false;
    }
    if (j >= xml.length || !TAG_BODY.test(xml.slice(lt + 1, j))) return false;
    i = j + 1;
  }
  return true;
}

function intOr(value: string | undefined, fallback: number): number {
  const n = value === undefined ? Number.NaN : Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : fallback;
}

function parseNumbering(xml: string): { abstracts: Map<string, AbstractNum>; nums: Map<string, NumInstance> } {
  const abstracts = new Map<string, AbstractNum>();
  const nums = new Map<string, NumInstance>();
  let abstract: AbstractNum | null = null;
  let level: Level | null = null;
  let num: NumInstance | null = null;
  let overrideLevel: number | null = null;
  let inOverrideLevel = false;
  for (const tag of xmlTags(xml)) {
    const a = tag.closing ? {} : attributes(tag.attrs);
    switch (tag.name) {
      case 'w:abstractNum':
        if (tag.closing) abstract = null;
        else {
          abstract = { levels: new Map(), styleLink: null };
          abstracts.set(a['w:abstractNumId'] ?? '', abstract);
        }
        break;
      case 'w:lvl':
        if (num !== null) {
          inOverrideLevel = !tag.closing && !tag.selfClosing;
          break;
        }
        if (tag.closing) level = null;
        else if (abstract !== null) {
          level = { start: 1, format: 'decimal', text: '', legal: false, suffix: 'tab', style: null };
          abstract.levels.set(intOr(a['w:ilvl'], 0), level);
          if (tag.selfClosing) level = null;
        }
        break;
      case 'w:start':
        if (level !== null && !inOverrideLevel) level.start = intOr(a['w:val'], 1);
        break;
      case 'w:numFmt':
        if (level !== null) level.format = a['w:val'] ?? 'decimal';
        break;
      case 'w:lvlText':
        if (level !== null) level.text = a['w:val'] ?? '';
        break;
      case 'w:isLgl':
        if (level !== null) level.legal = a['w:val'] !== '0' && a['w:val'] !== 'false';
        break;
      case 'w:suff':
        if (level !== null) level.suffix = a['w:val'] ?? 'tab';
        break;
      case 'w:pStyle':
        if (level !== null) level.style = a['w:val'] ?? null;
        break;
      case 'w:numStyleLink':
        if (abstract !== null) abstract.styleLink = a['w:val'] ?? null;
        break;
      case 'w:num':
        if (tag.closing) num = null;
        else {
          num = { abstractId: '', startOverrides: new Map() };
          nums.set(a['w:numId'] ?? '', num);
          if (tag.selfClosing) num = null;
        }
        break;
      case 'w:abstractNumId':
        if (num !== null) num.abstractId = a['w:val'] ?? '';
        break;
      case 'w:lvlOverride':
        overrideLevel = tag.closing ? null : intOr(a['w:ilvl'], 0);
        break;
      case 'w:startOverride':
        if (num !== null && overrideLevel !== null) num.startOverrides.set(overrideLevel, intOr(a['w:val'], 1));
        break;
    }
  }
  return { abstracts, nums };
}

function parseStyles(xml: string): Map<string, StyleNumbering> {
  const styles = new Map<string, StyleNumbering>();
  let current: StyleNumbering | null = null;
  let inNumPr = false;
  for (const tag of xmlTags(xml)) {
    const a = tag.closing ? {} : attributes(tag.attrs);
    if (tag.name === 'w:style') {
      if (tag.closing) current = null;
      else if ((a['w:type'] ?? 'paragraph') === 'paragraph' && !tag.selfClosing) {
        current = { basedOn: null, numId: null, ilvl: null };
        styles.set(a['w:styleId'] ?? '', current);
      }
    } else if (current !== null) {
      if (tag.name === 'w:basedOn') current.basedOn = a['w:val'] ?? null;
      else if (tag.name === 'w:numPr') inNumPr = !tag.closing && !tag.selfClosing;
      else if (inNumPr && tag.name === 'w:numId') current.numId = a['w:val'] ?? null;
      else if (inNumPr && tag.name === 'w:ilvl') current.ilvl = intOr(a['w:val'], 0);
    }
  }
  return styles;
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const parts: Array<[number, string]> = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let rest = n;
  for (const [value, numeral] of parts) {
    while (rest >= value) {
      out += numeral;
      rest -= value;
    }
  }
  return out;
}

function letter(n: number): string {
  if (n <= 0) return String(n);
  const char = String.fromCharCode(0x61 + ((n - 1) % 26));
  return char.repeat(Math.floor((n - 1) / 26) + 1);
}

function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'decimalZero':
      return n < 10 && n >= 0 ? `0${n}` : String(n);
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperLetter':
      return letter(n).toUpperCase();
    case 'lowerLetter':
      return letter(n);
    case 'none':
      return '';
    default:
      return String(n);
  }
}

function bullet(text: string): string {
  return ['-', '+', '–', '*'].includes(text) ? text : '-';
}

export interface NumberingResult {
  xml: string;
  numbered: number;
}

/**
 * Returns document.xml with a text run holding the label at the start of each numbered
 * paragraph, and how many paragraphs got one. Total: bad or missing parts give no labels.
 */
export function insertNumberingLabels(
  documentXml: string,
  numberingXml: string | null,
  stylesXml: string | null,
): NumberingResult {
  if (numberingXml === null) return { xml: documentXml, numbered: 0 };
  const { abstracts, nums } = parseNumbering(numberingXml);
  if (nums.size === 0) return { xml: documentXml, numbered: 0 };
  const styles = stylesXml === null ? new Map<string, StyleNumbering>() : parseStyles(stylesXml);

  const counters = new Map<string, Array<number | undefined>>();
  const starts = new Map<string, Map<number, number>>();
  const seenNums = new Set<string>();

  function resolveAbstract(numId: string): { id: string; abstract: AbstractNum; num: NumInstance } | null {
    let id = numId;
    for (let hops = 0; hops < 4; hops++) {
      const num = nums.get(id);
      if (num === undefined) return null;
      const abstract = abstracts.get(num.abstractId);
      if (abstract === undefined) return null;
      if (abstract.styleLink === null) return { id: num.abstractId, abstract, num };
      const linked = styles.get(abstract.styleLink)?.numId;
      if (linked === undefined || linked === null) return { id: num.abstractId, abstract, num };
      id = linked;
    }
    return null;
  }

  function label(numId: string, ilvl: number): string | null {
    const resolved = resolveAbstract(numId);
    if (resolved === null) return null;
    const { id, abstract, num } = resolved;
    const level = abstract.levels.get(ilvl);
    if (level === undefined) return null;
    const values = counters.get(id) ?? [];
    counters.set(id, values);
    const levelStarts = starts.get(id) ?? new Map<number, number>();
    starts.set(id, levelStarts);
    if (!seenNums.has(numId)) {
      seenNums.add(numId);
      for (const [overridden, start] of num.startOverrides) {
        values[overridden] = undefined;
        levelStarts.set(overridden, start);
      }
    }
    const startOf = (l: number): number => levelStarts.get(l) ?? abstract.levels.get(l)?.start ?? 1;
    const current = values[ilvl];
    values[ilvl] = current === undefined ? startOf(ilvl) : current + 1;
    for (let l = ilvl + 1; l < values.length; l++) values[l] = undefined;
    if (level.format === 'bullet') return `${bullet(level.text)} `;
    const text = level.text.replace(/%([1-9])/gu, (_, digit: string) => {
      const l = Number(digit) - 1;
      const format = level.legal ? 'decimal' : (abstract.levels.get(l)?.format ?? 'decimal');
      return formatNumber(values[l] ?? startOf(l), format);
    });
    if (text.trim() === '') return null;
    return level.suffix === 'nothing' ? text : `${text} `;
  }

  function styleNumbering(styleId: string | null): { numId: string; ilvl: number | null } | null {
    let id = styleId;
    for (let hops = 0; id !== null && hops < 20; hops++) {
      const style = styles.get(id);
      if (style === undefined) return null;
      if (style.numId !== null) {
        let ilvl = style.ilvl;
        if (ilvl === null) {
          const abstract = resolveAbstract(style.numId)?.abstract;
          for (const [l, level] of abstract?.levels ?? []) if (level.style === id) ilvl = l;
        }
        return { numId: style.numId, ilvl };
      }
      id = style.basedOn;
    }
    return null;
  }

  interface Frame {
    insertAt: number;
    inPPr: boolean;
    inChange: number;
    inNumPr: boolean;
    numId: string | null;
    ilvl: number | null;
    style: string | null;
  }
  const stack: Frame[] = [];
  const inserts: Array<{ at: number; text: string }> = [];
  for (const tag of xmlTags(documentXml)) {
    const frame = stack[stack.length - 1];
    if (tag.name === 'w:p') {
      if (tag.closing) {
        const done = stack.pop();
        if (done === undefined) continue;
        let numId = done.numId;
        let ilvl = done.ilvl;
        if (numId === null) {
          const fromStyle = styleNumbering(done.style);
          if (fromStyle !== null) {
            numId = fromStyle.numId;
            ilvl = ilvl ?? fromStyle.ilvl;
          }
        }
        if (numId === null || numId === '0') continue;
        const text = label(numId, ilvl ?? 0);
        if (text !== null) {
          inserts.push({ at: done.insertAt, text });
        }
      } else if (!tag.selfClosing) {
        stack.push({
          insertAt: tag.end,
          inPPr: false,
          inChange: 0,
          inNumPr: false,
          numId: null,
          ilvl: null,
          style: null,
        });
      }
      continue;
    }
    if (frame === undefined) continue;
    if (tag.name === 'w:pPrChange') {
      if (!tag.selfClosing) frame.inChange += tag.closing ? -1 : 1;
      continue;
    }
    if (frame.inChange > 0) continue; // the properties before a tracked change
    if (tag.name === 'w:pPr') {
      if (tag.closing) {
        frame.inPPr = false;
        frame.insertAt = tag.end;
      } else if (!tag.selfClosing) frame.inPPr = true;
      else frame.insertAt = tag.end;
      continue;
    }
    if (!frame.inPPr) continue;
    const a = tag.closing ? {} : attributes(tag.attrs);
    if (tag.name === 'w:pStyle') frame.style = a['w:val'] ?? null;
    else if (tag.name === 'w:numPr') frame.inNumPr = !tag.closing && !tag.selfClosing;
    else if (frame.inNumPr && tag.name === 'w:numId') frame.numId = a['w:val'] ?? null;
    else if (frame.inNumPr && tag.name === 'w:ilvl') frame.ilvl = intOr(a['w:val'], 0);
  }
  if (inserts.length === 0) return { xml: documentXml, numbered: 0 };
  inserts.sort((x, y) => x.at - y.at);
  let out = '';
  let from = 0;
  for (const insert of inserts) {
    out += documentXml.slice(from, insert.at);
    out += `<w:r><w:t xml:space="preserve">${escapeXml(insert.text)}</w:t></w:r>`;
    from = insert.at;
  }
  out += documentXml.slice(from);
  return { xml: out, numbered: inserts.length };
}
