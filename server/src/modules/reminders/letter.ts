import type { Insertable, Selectable } from 'kysely';
import type { ExplanationLetterTable } from '../../platform/db/schema.js';
import type { PartyLetter } from '../../platform/docx/party-letter.js';
import type { ObligationContext } from './reminders.repository.js';
import { addDays } from './settings.js';

/** 2026-11-05 → 05/11/2026 (how Vietnamese letters write a date inside the text). */
export function vnDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

const upper = (s: string) => s.toLocaleUpperCase('vi');

/** "Ban Dân vận Huyện ủy" → "BDVHU": the initials, the usual shape of an issuer code; editable. */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => upper(w[0] as string))
    .join('')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');
}

/** "Huyện ủy Bắc Yên" → "Bắc Yên": the words after the last level word; else the whole name. */
export function placeOf(name: string): string {
  const words = name.split(/\s+/);
  const levelWord = /^(ủy|uỷ|huyện|xã|tỉnh|thị|phường|thành|phố|trấn)$/i;
  let last = -1;
  words.forEach((w, i) => {
    if (levelWord.test(w)) last = i;
  });
  const rest = words.slice(last + 1).join(' ');
  return rest || name;
}

function signerFor(issuer: string): { authority: string | null; title: string } {
  if (/^ban thường vụ|^(huyện|tỉnh|thành|đảng|thị) ủy/i.test(issuer))
    return { authority: 'T/M BAN THƯỜNG VỤ', title: 'BÍ THƯ' };
  if (/^ban /i.test(issuer)) return { authority: null, title: 'TRƯỞNG BAN' };
  return { authority: null, title: 'THỦ TRƯỞNG CƠ QUAN' };
}

/**
 * The request for explanation, drafted from the obligation: the receiving level writes to the
 * unit that has not reported. Everything is a proposal for the monitor to edit before signing;
 * the number and date stay blank until the letter is issued.
 */
export function draftLetter(o: ObligationContext, today: string): Insertable<ExplanationLetterTable> {
  const issuerName = o.reviewerName ?? o.ownerName;
  // A task's report goes to the plan's owner, whose code the plan's own symbol carries ("HU" in
  // 45-KH/HU); otherwise the initials of the name without its place ("Ban Dân vận Huyện ủy" → BDVHU).
  const ownCode = o.taskLabel !== null && o.planIssuerCode ? o.planIssuerCode : null;
  const place = placeOf(o.reviewerParentName ?? issuerName);
  const bareName = issuerName.endsWith(` ${place}`) ? issuerName.slice(0, -place.length - 1) : issuerName;
  const issuerCode = ownCode ?? initials(bareName);
  const planRef = o.planSymbol
    ? `Kế hoạch số ${o.planSymbol}${o.planIssuedOn ? ` ngày ${vnDate(o.planIssuedOn)}` : ''} của ${o.ownerName}`
    : `kế hoạch của ${o.ownerName}`;
  const what = o.taskLabel
    ? `nhiệm vụ ${o.taskLabel}${o.taskTitle ? ` "${o.taskTitle.slice(0, 300)}"` : ''}`
    : 'kế hoạch';
  const late = Math.round((Date.parse(today) - Date.parse(o.deadline)) / 86_400_000);
  const signer = signerFor(issuerName);
  return {
    obligation_id: o.id,
    deadline: o.deadline,
    superior_body: o.reviewerParentName ? upper(o.reviewerParentName) : null,
    issuer: upper(issuerName),
    type_code: 'CV',
    issuer_code: issuerCode,
    number: null,
    place,
    issued_on: null,
    subject: `yêu cầu giải trình việc chậm báo cáo kết quả thực hiện ${o.planSymbol ? `Kế hoạch số ${o.planSymbol}` : 'kế hoạch'}`,
    addressees: JSON.stringify([o.unitName]),
    paragraphs: JSON.stringify([
      `Thực hiện ${planRef} về ${o.planTitle.slice(0, 500)}, ${o.unitName} có trách nhiệm báo cáo kết quả thực hiện ${what}, kỳ báo cáo ${o.periodKey} (từ ngày ${vnDate(o.periodStart)} đến ngày ${vnDate(o.periodEnd)}), gửi về ${issuerName} chậm nhất ngày ${vnDate(o.deadline)}.`,
      `Đến nay đã quá thời hạn ${late} ngày, ${issuerName} chưa nhận được báo cáo của ${o.unitName}.`,
      `${issuerName} đề nghị ${o.unitName} khẩn trương hoàn thành, gửi báo cáo và báo cáo giải trình bằng văn bản lý do chậm báo cáo về ${issuerName} trước ngày ${vnDate(addDays(today, 7))}.`,
    ]),
    recipients: JSON.stringify([
      { text: o.unitName, purpose: 'để thực hiện' },
      ...(o.reviewerParentName ? [{ text: `Thường trực ${o.reviewerParentName}`, purpose: 'để b/c' }] : []),
    ]),
    archive: `Lưu VT, ${issuerCode}`,
    signer_authority: signer.authority,
    signer_title: signer.title,
    signer_name: null,
  };
}

/** A stored letter as the renderer's input. */
export function toPartyLetter(l: Selectable<ExplanationLetterTable>): PartyLetter {
  return {
    ...(l.superior_body ? { superiorBody: l.superior_body } : {}),
    issuer: l.issuer,
    number: l.number,
    typeCode: l.type_code,
    issuerCode: l.issuer_code,
    place: l.place,
    date: l.issued_on,
    draftYear: Number((l.issued_on ?? new Date(l.created_at).toISOString()).slice(0, 4)),
    subject: l.subject,
    addressees: l.addressees,
    paragraphs: l.paragraphs,
    recipients: l.recipients,
    archive: l.archive,
    signer: {
      ...(l.signer_authority ? { authority: l.signer_authority } : {}),
      title: l.signer_title,
      name: l.signer_name,
    },
  };
}
