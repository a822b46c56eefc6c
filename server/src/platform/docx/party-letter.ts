/**
 * A letter in the Party document format (Quy định 66-QĐ/TW, Hướng dẫn 36-HD/VPTW), rendered as
 * .docx for a person to edit and sign: the request for explanation of the reminder ladder
 * (issue 7) and, with `documentType`, a report such as the summary report (issue 10).
 * Rules and their sources: docs/party-letter.md. Pure: input in, bytes out, no I/O.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  UnderlineType,
  WidthType,
} from 'docx';
import { normalizeName } from '../text.js';

export interface PartyLetter {
  /** Superior body, above the issuer: "HUYỆN ỦY BẮC YÊN". Written in capitals. */
  superiorBody?: string;
  /** Issuing body: "BAN DÂN VẬN". Written in bold capitals. */
  issuer: string;
  /** The number; null leaves it blank for the văn thư to fill in ("Số    -CV/BDVHU"). */
  number: string | null;
  /** Type code of the symbol: "CV" (công văn), "BC" (báo cáo), "KH" … */
  typeCode: string;
  /** Issuer code of the symbol: "BDVHU", "HU", "ĐU" … */
  issuerCode: string;
  /** Place name as written in the header: "Bắc Yên". */
  place: string;
  /** ISO date (YYYY-MM-DD); null leaves day and month blank. */
  date: string | null;
  /** Year written when `date` is null ("ngày    tháng    năm 2026"); blank if absent. */
  draftYear?: number;
  /**
   * Name of the document type for documents other than a công văn ("BÁO CÁO"): printed centred
   * in capitals with the trích yếu under it. Absent: a công văn, with "V/v …" under the number.
   */
  documentType?: string;
  /** Trích yếu: "về việc chậm báo cáo …" — for a công văn without the "V/v" prefix. */
  subject: string;
  /** Addressees after "Kính gửi:"; one is written on the same line, several as a dash list. */
  addressees: string[];
  /** Body paragraphs, each one justified paragraph with a first-line indent. */
  paragraphs: string[];
  /** "Nơi nhận" items: text and optional purpose ("b/c", "để thực hiện"). */
  recipients: { text: string; purpose?: string }[];
  /** Archive line, the last item of "Nơi nhận": "Lưu VT, BDVHU" → "- Lưu VT, BDVHU." */
  archive: string;
  signer: {
    /** "T/M BAN THƯỜNG VỤ", "K/T TRƯỞNG BAN"; absent when the head signs directly. */
    authority?: string;
    /** "PHÓ BÍ THƯ", "TRƯỞNG BAN". */
    title: string;
    /** Null leaves the name for the signer to write. */
    name: string | null;
  };
}

/** Font and sizes in half-points (HD 36-HD/VPTW, Phụ lục 3). */
const FONT = 'Times New Roman';
const SIZE = {
  title: 30, // "ĐẢNG CỘNG SẢN VIỆT NAM": 15, bold capitals
  header: 28, // superior body, issuer, number, date: 14
  documentType: 32, // type name: 15–16, bold capitals
  subject: 28, // trích yếu of a document with a type name: 14–15, bold
  cvSubject: 24, // trích yếu of a công văn: 12, italic
  body: 28, // body: 14–15
  recipients: 24, // "Nơi nhận" items: 12
  signature: 28, // authority, title, name: 14, bold
} as const;

/** A4 and margins within HD 36's ranges (top/bottom 20–25, left 30–35, right 15–20 mm). */
export const PAGE_MM = { width: 210, height: 297, top: 20, bottom: 20, left: 30, right: 15 } as const;

const BLANK = '    ';

/** Millimetres to twips, rounded (docx's convertMillimetersToTwip floors: A4 would be 11905 × 16837). */
export function mmToTwip(mm: number): number {
  return Math.round((mm / 25.4) * 1440);
}

/** XML 1.0 cannot carry these at all; normalizeName already drops C0/C1 controls and NUL. */
// In `u` mode a surrogate pair is one code point, so only lone surrogates match.
const NOT_XML = /[\ud800-\udfff\ufffe\uffff]/gu;

/** One line of text: NFC, invisible and control characters removed, spaces collapsed. */
export function clean(value: string): string {
  return normalizeName(value).replace(NOT_XML, '');
}

/** Numbers below 10 written with a leading zero ("05"); anything else as given. */
function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/**
 * "Bắc Yên, ngày 05 tháng 11 năm 2026". Days below 10 and months 1–2 take a leading zero
 * (documents.md §1 "Dates"; HD 36's own example "ngày 20 tháng 02 năm 2018").
 */
export function vietnameseDateLine(place: string, date: string | null, draftYear?: number): string {
  if (date === null) {
    const year = draftYear === undefined ? BLANK : String(draftYear);
    return `${place}, ngày${BLANK}tháng${BLANK}năm ${year}`;
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) throw new RangeError(`not an ISO date: ${date}`);
  const [, y, m, d] = match as unknown as [string, string, string, string];
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) throw new RangeError(`not a date: ${date}`);
  const monthText = month <= 2 ? pad2(month) : String(month);
  return `${place}, ngày ${pad2(day)} tháng ${monthText} năm ${y}`;
}

/** "Số 12-CV/BDVHU"; a number below 10 as "05"; a null number as blanks. */
export function numberAndSymbol(number: string | null, typeCode: string, issuerCode: string): string {
  const n = number === null || number === '' ? BLANK : /^\d$/.test(number) ? `0${number}` : number;
  return `Số ${n}-${typeCode}/${issuerCode}`;
}

interface RunStyle {
  size: number;
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
}

function run(text: string, style: RunStyle): TextRun {
  return new TextRun({
    text,
    font: FONT,
    size: style.size,
    bold: style.bold,
    italics: style.italics,
    underline: style.underline ? { type: UnderlineType.SINGLE } : undefined,
  });
}

function line(
  text: string,
  style: RunStyle,
  alignment: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.CENTER,
): Paragraph {
  return new Paragraph({ alignment, spacing: { before: 0, after: 0 }, children: [run(text, style)] });
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const CELL_NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER } as const;

/** A borderless two-column table: the header, and "Nơi nhận" beside the signature. */
function twoColumns(left: Paragraph[], right: Paragraph[], leftShare: number): Table {
  const total = mmToTwip(PAGE_MM.width - PAGE_MM.left - PAGE_MM.right);
  const leftWidth = Math.round(total * leftShare);
  const rightWidth = total - leftWidth;
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: total, type: WidthType.DXA },
    columnWidths: [leftWidth, rightWidth],
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: leftWidth, type: WidthType.DXA }, borders: CELL_NO_BORDERS, children: left }),
          new TableCell({
            width: { size: rightWidth, type: WidthType.DXA },
            borders: CELL_NO_BORDERS,
            children: right,
          }),
        ],
      }),
    ],
  });
}

const upper = (value: string) => value.toLocaleUpperCase('vi');

export async function renderPartyLetter(letter: PartyLetter): Promise<Buffer> {
  const typeCode = clean(letter.typeCode);
  const issuerCode = clean(letter.issuerCode);
  const number = letter.number === null ? null : clean(letter.number);
  const subject = clean(letter.subject);
  const isCongVan = letter.documentType === undefined || clean(letter.documentType) === '';

  // Header, left: superior body, issuer (bold), "*", number and symbol, and for a công văn "V/v …".
  const left: Paragraph[] = [];
  const superior = letter.superiorBody === undefined ? '' : clean(letter.superiorBody);
  if (superior) left.push(line(upper(superior), { size: SIZE.header }));
  left.push(line(upper(clean(letter.issuer)), { size: SIZE.header, bold: true }));
  left.push(line('*', { size: SIZE.header }));
  left.push(line(numberAndSymbol(number, typeCode, issuerCode), { size: SIZE.header }));
  if (isCongVan && subject) left.push(line(`V/v ${subject}`, { size: SIZE.cvSubject, italics: true }));

  // Header, right: the title, underlined, then place and date in italics.
  const right: Paragraph[] = [
    line('ĐẢNG CỘNG SẢN VIỆT NAM', { size: SIZE.title, bold: true, underline: true }),
    line('', { size: SIZE.header }),
    line(vietnameseDateLine(clean(letter.place), letter.date, letter.draftYear), { size: SIZE.header, italics: true }),
  ];

  const body: (Paragraph | Table)[] = [twoColumns(left, right, 0.45)];
  body.push(line('', { size: SIZE.body }));

  if (!isCongVan) {
    body.push(line(upper(clean(letter.documentType ?? '')), { size: SIZE.documentType, bold: true }));
    if (subject) body.push(line(subject, { size: SIZE.subject, bold: true }));
    body.push(line('-----', { size: SIZE.body }));
  }

  const addressees = letter.addressees.map(clean).filter((a) => a !== '');
  if (addressees.length === 1) {
    body.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 120, after: 120 },
        children: [run(`Kính gửi: ${addressees[0]}`, { size: SIZE.body })],
      }),
    );
  } else if (addressees.length > 1) {
    body.push(
      new Paragraph({
        indent: { left: mmToTwip(25) },
        spacing: { before: 120, after: 0 },
        children: [run('Kính gửi:', { size: SIZE.body })],
      }),
    );
    for (const a of addressees) {
      body.push(
        new Paragraph({
          indent: { left: mmToTwip(50) },
          spacing: { before: 0, after: 0 },
          children: [run(`- ${a},`, { size: SIZE.body })],
        }),
      );
    }
    body.push(line('', { size: SIZE.body }));
  }

  for (const text of letter.paragraphs.map(clean).filter((p) => p !== '')) {
    body.push(
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: mmToTwip(10) },
        spacing: { before: 0, after: 120, line: 276 },
        children: [run(text, { size: SIZE.body })],
      }),
    );
  }
  body.push(line('', { size: SIZE.body }));

  // Bottom: "Nơi nhận:" (underlined) and its dash list at the left; the signature at the right.
  const items = letter.recipients
    .map((r) => ({ text: clean(r.text), purpose: r.purpose === undefined ? '' : clean(r.purpose) }))
    .filter((r) => r.text !== '')
    .map((r) => `- ${r.text}${r.purpose ? ` (${r.purpose})` : ''};`);
  const archive = clean(letter.archive).replace(/^Lưu\s*/u, '');
  items.push(`- Lưu${archive ? ` ${archive}` : ''}.`);
  const recipients: Paragraph[] = [
    line('Nơi nhận:', { size: SIZE.body, underline: true }, AlignmentType.LEFT),
    ...items.map((t) => line(t, { size: SIZE.recipients }, AlignmentType.LEFT)),
  ];

  const signature: Paragraph[] = [];
  const authority = letter.signer.authority === undefined ? '' : clean(letter.signer.authority);
  if (authority) signature.push(line(upper(authority), { size: SIZE.signature, bold: true }));
  signature.push(line(upper(clean(letter.signer.title)), { size: SIZE.signature, bold: true }));
  for (let i = 0; i < 4; i++) signature.push(line('', { size: SIZE.signature }));
  const name = letter.signer.name === null ? '' : clean(letter.signer.name);
  signature.push(line(name, { size: SIZE.signature, bold: true }));

  body.push(twoColumns(recipients, signature, 0.5));

  const doc = new Document({
    creator: 'Triển Khai',
    title: subject,
    styles: { default: { document: { run: { font: FONT, size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: {
            size: {
              width: mmToTwip(PAGE_MM.width),
              height: mmToTwip(PAGE_MM.height),
            },
            margin: {
              top: mmToTwip(PAGE_MM.top),
              bottom: mmToTwip(PAGE_MM.bottom),
              left: mmToTwip(PAGE_MM.left),
              right: mmToTwip(PAGE_MM.right),
            },
          },
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
