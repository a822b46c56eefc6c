import { decodeXmlEntities, xmlTags } from './docx-numbering.js';
import type { Encoding } from './encodings/detect.js';
import { decodeTcvn3 } from './encodings/tcvn3.js';
import { decodeVniString } from './encodings/vni.js';
import { encodeCp1252 } from './encodings/windows.js';

/**
 * Word documents typed before Unicode: a run in a TCVN3 font (`.VnTime`, `.VnArial` …) or a VNI
 * font (`VNI-Times` …) stores each legacy byte as its Windows-1252 character ("KÕ ho¹ch").
 * The run's font says which table it is, so those runs are converted here, in document.xml,
 * before mammoth reads it. The `.Vn…H` fonts (`.VnTimeH`) draw the lowercase codes as
 * capitals, so their text is converted and upper-cased. Runs whose font comes only from a style
 * are left to the line-by-line detection (encodings/detect.ts), which cannot know about capitals.
 */

type Family = { encoding: Extract<Encoding, 'tcvn3' | 'vni-windows'>; capitals: boolean };

export function legacyFontFamily(font: string): Family | null {
  const name = font.trim();
  if (/^\.vn/iu.test(name)) return { encoding: 'tcvn3', capitals: /H$/u.test(name) };
  if (/^vni[- ]/iu.test(name)) return { encoding: 'vni-windows', capitals: false };
  return null;
}

function escapeText(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

function convert(text: string, family: Family): string | null {
  const bytes = encodeCp1252(text);
  if (bytes === null) return null; // already Unicode
  const unicode = (family.encoding === 'tcvn3' ? decodeTcvn3(bytes) : decodeVniString(text)).normalize('NFC');
  // C0 control codes (TCVN3's full-table capitals) are not allowed in XML.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping control characters is the point
  const clean = unicode.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/gu, '');
  return family.capitals ? clean.toUpperCase() : clean;
}

/** document.xml with legacy-font runs in Unicode, and how many runs of each table changed. */
export function convertLegacyFontRuns(xml: string): { xml: string; runs: Map<Family['encoding'], number> } {
  const runs = new Map<Family['encoding'], number>();
  const edits: Array<{ start: number; end: number; text: string }> = [];
  let inRun = false;
  let family: Family | null = null;
  let counted = false;
  let textStart = -1;
  for (const tag of xmlTags(xml)) {
    if (tag.name === 'w:r') {
      if (tag.closing || tag.selfClosing) inRun = false;
      else {
        inRun = true;
        family = null;
        counted = false;
      }
      continue;
    }
    if (!inRun) continue;
    if (tag.name === 'w:rFonts' && !tag.closing) {
      const font = /\bw:(?:ascii|hAnsi)\s*=\s*"([^"]*)"/u.exec(tag.attrs)?.[1];
      family = font === undefined ? null : legacyFontFamily(decodeXmlEntities(font));
      continue;
    }
    if (tag.name !== 'w:t' || family === null) continue;
    if (!tag.closing) {
      textStart = tag.selfClosing ? -1 : tag.end;
      continue;
    }
    if (textStart < 0) continue;
    const original = decodeXmlEntities(xml.slice(textStart, tag.start));
    const converted = convert(original, family);
    if (converted !== null && converted !== original) {
      edits.push({ start: textStart, end: tag.start, text: escapeText(converted) });
      if (!counted) {
        runs.set(family.encoding, (runs.get(family.encoding) ?? 0) + 1);
        counted = true;
      }
    }
    textStart = -1;
  }
  if (edits.length === 0) return { xml, runs };
  let out = '';
  let from = 0;
  for (const edit of edits) {
    out += xml.slice(from, edit.start) + edit.text;
    from = edit.end;
  }
  return { xml: out + xml.slice(from), runs };
}
