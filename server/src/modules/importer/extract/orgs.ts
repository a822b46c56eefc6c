/**
 * Who does what in a task: roles from the cue words of documents.md §4 and the contract
 * ("chủ trì", "phối hợp với", "tham mưu (cho)", "báo cáo (về)", "chỉ đạo", "Giao", "Đề nghị"),
 * organisation lists split and cleaned per the corpus conventions. Heuristic and bounded.
 */
import type { AssignmentRole } from '../../plans/plan-format.js';
import { collapse, expandAbbreviations, fixGlue, foldKey, stripPersonName } from './text.js';

export interface Assignment {
  organization: string;
  role: AssignmentRole;
}

/** Words that start an organisation (or a named class of them). */
const ORG_START = new RegExp(
  '^(?:(?:các|Các|mọi)\\s+cấp(?=\\s)|(?:(?:các|Các|mọi)\\s+)?(?:' +
    [
      'Ban(?!\\s+hành)',
      'Sở',
      'Bộ(?!\\s+máy)',
      'Cục',
      'Chi cục',
      'Tổng cục',
      'Phòng(?![,\\s]+(?:ngừa|chống|cháy))',
      'phòng(?![,\\s]+(?:ngừa|chống|cháy))',
      'Văn phòng',
      'Ủy ban',
      'Uỷ ban',
      'Ủy viên',
      'Uỷ viên',
      'UB',
      'UBND',
      'HĐND',
      'UBMTTQ',
      'MTTQ',
      'Mặt trận',
      'Hội(?!\\s+(?:nghị|thảo|thi|họp|diễn|chợ))',
      'Đảng ủy',
      'Đảng uỷ',
      'Đảng đoàn',
      'Đảng bộ',
      'Chi bộ',
      'chi bộ',
      'đảng bộ',
      'đảng ủy',
      'đảng uỷ',
      'Đài\\s(?:[Tt]ruyền\\sthanh|[Pp]hát\\sthanh|[Pp]hát\\sthanh\\s-\\s[Tt]ruyền\\shình)',
      'Huyện ủy',
      'Huyện uỷ',
      '(?:các|Các)\\s+(?:huyện|tỉnh|thành|thị|quận|đảng)\\s(?:ủy|uỷ)',
      'Tỉnh ủy',
      'Tỉnh uỷ',
      'Thành ủy',
      'Thành uỷ',
      'Thị ủy',
      'Quận ủy',
      'Thường trực',
      'Công an',
      'Thanh tra(?=\\s+(?:tỉnh|huyện|Sở|Bộ|Chính phủ|thành phố))',
      'Thuế(?=\\s+(?:tỉnh|huyện|cơ sở|khu vực|thành phố))',
      'cơ quan Thuế',
      'Kho bạc',
      'Liên đoàn',
      'Đoàn(?!\\s+kết)',
      'Huyện đoàn',
      'Tỉnh đoàn',
      'Trung tâm',
      'Giám đốc',
      'Thủ trưởng',
      'Chủ tịch',
      'Phó Chủ tịch',
      'Bí thư',
      'Phó Bí thư',
      'Trưởng (?:ban|Ban|phòng|Phòng)',
      'Người đứng đầu',
      'người đứng đầu',
      'Chính quyền',
      'chính quyền',
      'cấp ủy',
      'cấp uỷ',
      'cấp(?=\\s(?:ủy|uỷ))',
      'chi, đảng bộ',
      'sở',
      'ban',
      'ngành',
      'Viện',
      'Tòa án',
      'Toà án',
      'Bảo hiểm xã hội',
      'Ngân hàng',
      'Đài(?=\\s\\p{Lu})',
      'Báo(?=\\s\\p{Lu})',
      'Cổng(?=\\s\\p{Lu})',
      'đồng chí',
      'Đồng chí',
      'cơ quan',
      'Cơ quan',
      '(?:các|Các)\\s+tổ chức',
      'đoàn thể',
      'Đoàn thể',
      'đơn vị',
      'lực lượng',
      'Lực lượng',
      'Bộ Chỉ huy',
      'Ban Chỉ huy',
      'Thủ tướng',
      'Chính phủ',
      'Quốc hội',
      'Tổ công tác',
      'Tổ chức Đảng',
      'doanh nghiệp',
      'Doanh nghiệp',
      'Bệnh viện',
      'Trường(?!\\s+hợp)',
      '(?:các|Các)\\s+trường(?!\\s+hợp)',
      'Hạt Kiểm lâm',
      'Chi nhánh',
      'Điện lực',
      'Cảnh sát',
      'Bộ đội',
      'Ủy viên',
    ].join('|') +
    '))(?=$|[\\s,.;:()])',
  'u',
);

/** A lower-case word that ends an organisation name (a verb, preposition or adverb). */
const STOP_WORDS = [
  'chủ trì',
  'phối hợp',
  'tham mưu',
  'thực hiện',
  'hướng dẫn',
  'chỉ đạo',
  'tăng cường',
  'tiếp tục',
  'làm tốt',
  'lãnh đạo',
  'triển khai',
  'xây dựng',
  'quán triệt',
  'chịu trách nhiệm',
  'có trách nhiệm',
  'nâng cao',
  'căn cứ',
  'chủ động',
  'theo dõi',
  'đôn đốc',
  'tập trung',
  'nêu cao',
  'đẩy mạnh',
  'phát huy',
  'thành lập',
  'tổng hợp',
  'rà soát',
  'là',
  'cơ bản',
  'nhất trí',
  'bám sát',
  'tiếp thu',
  'có',
  'được',
  'đã',
  'sẽ',
  'cần',
  'phải',
  'khẩn trương',
  'nghiêm túc',
  'kịp thời',
  'thường xuyên',
  'định kỳ',
  'hằng',
  'hàng',
  'trực tiếp',
  'báo cáo',
  'để',
  'về',
  'trước',
  'theo',
  'tại',
  'đối với',
  'nhằm',
  'với',
  'giúp',
  'cho',
  'qua',
  'đề xuất',
  'xem xét',
  'giải quyết',
  'kiến nghị',
  'ban hành',
  'dự kiến',
  'lồng ghép',
  'hỗ trợ',
  'tạo điều kiện',
  'giám sát',
  'đảm bảo',
  'bảo đảm',
  'xử lý',
  'tuyên truyền',
  'phổ biến',
  'vận động',
  'tiếp nhận',
  'khắc phục',
  'trình',
  'gửi',
  'làm',
  'đề nghị',
  'yêu cầu',
  'ngày',
  'sơ kết',
  'tổng kết',
  'nghiên cứu',
  'ứng dụng',
  'khi',
  'nếu',
  'hoàn thành',
  'chuẩn bị',
  'phân công',
  'đánh giá',
  'thẩm định',
  'cung cấp',
  'duy trì',
  'kiểm tra',
  'tổ chức',
  'quản lý',
  'thanh tra',
  'đầu tư',
  'đưa',
  'tham gia',
  'tham dự',
  'họp',
  'nghe',
  'cho ý kiến',
  'đăng ký',
  'lập',
  'trong việc',
  'trong quá trình',
  'từng bước',
  'đồng thời',
  'mà',
  'thì',
  'vẫn',
  'đang',
  'nhưng',
  'hoặc',
  'ra',
  'các giải pháp',
  'kế hoạch',
  'công tác',
  'văn bản',
  'việc',
  'tình hình',
  'kết quả',
  'nội dung',
  'sau',
  'trên',
  'ngay',
  'trong',
  'tích cực',
  'quyết liệt',
  'thống nhất',
  'bổ sung',
  'hoàn thiện',
  'điều chỉnh',
  'phát động',
  'phát hiện',
  'ngăn chặn',
  'đấu tranh',
  'quan tâm',
  'chăm lo',
  'lựa chọn',
  'giới thiệu',
  'vận hành',
  'cập nhật',
  'khuyến khích',
  'rà',
  'nắm',
  'bố trí',
  'huy động',
  'kiện toàn',
  'củng cố',
  'sắp xếp',
  'học tập',
  'phát sóng',
  'tập huấn',
  'biên soạn',
  'sửa đổi',
  'kiểm điểm',
  'phê duyệt',
  'cấp phép',
  'thu hồi',
  'bảo vệ',
  'phòng ngừa',
  'tiến hành',
  'phát triển',
  'bồi dưỡng',
  'đào tạo',
  'kết nạp',
  'cử',
  'thông báo',
  'phối kết hợp',
  'mở',
  'định hướng',
  'xác định',
  'đổi mới',
  'thu thập',
  'dự thảo',
  'soạn thảo',
  'khảo sát',
  'hưởng ứng',
  'biểu dương',
  'nhân rộng',
  'đề ra',
  'phân tích',
  'giữ vững',
  'thực thi',
  'tiếp cận',
  'theo sát',
  'mời',
  'tuần tra',
  'kiểm soát',
  'truy quét',
  'ngăn ngừa',
];
const STOP_RE = new RegExp(
  `^(?:${STOP_WORDS.filter((w) => w.includes(' '))
    .map((w) => w.replace(/ /g, '\\s'))
    .join('|')})|^(?:${STOP_WORDS.filter((w) => !w.includes(' ')).join('|')})(?=$|[\\s,.;:()])`,
  'u',
);
/** "cấp" before a word that is no level is the verb "to issue": "… cấp huyện cấp thẻ bảo hiểm". */
const CAP_VERB_RE =
  /^cấp\s(?!(?:tỉnh|huyện|xã|phường|quận|thị xã|thị trấn|thành phố|cơ sở|trung ương|Trung ương|ủy|uỷ|có|trên|dưới|trực|ngành|bộ|sở|vùng|khu vực|đặc khu|công đoàn|hội|đoàn|chính quyền)(?=$|[\s,.;:()]))\p{Ll}/u;
/** Capitalised document words end a name too ("… Đảng uỷ Kế hoạch"). */
const DOC_WORD_RE =
  /^(?:Kế hoạch|Chương trình|Chỉ thị|Nghị quyết|Quyết định|Thông báo|Báo cáo|Công văn|Văn bản|Luật|Đề án|Hướng dẫn|Kết luận|Quy định|Nghị định|Thông tư|Tờ trình)(?=$|[\s,.;:()])/u;

/** Words that can continue a list of classes after a comma: "các sở, ban, ngành", "xã, phường". */
const CONTINUATION_RE =
  /^(?:ban|ngành|đoàn thể|phường|thành phố|thị xã|thị trấn|đặc khu|xã|quận|huyện|tổ chức|đơn vị|đảng bộ|hội|cơ quan|cá nhân|địa phương|(?:thị|thành|huyện|quận|đảng)\s(?:ủy|uỷ))(?=$|[\s,])/u;
const CLASS_END_RE =
  /(?:^|\s)(?:sở|Sở|ban|ngành|cơ quan|xã|huyện|phường|quận|chi|chi bộ|thành phố|thị xã|tổ chức|đơn vị|đoàn thể|hội|Sở, ngành|ủy|uỷ)$/u;

const GENERIC_WORDS = new Set([
  'các',
  'cơ',
  'quan',
  'đơn',
  'vị',
  'địa',
  'phương',
  'tổ',
  'chức',
  'cá',
  'nhân',
  'phòng',
  'ban',
  'ngành',
  'chức',
  'năng',
  'trực',
  'thuộc',
  'nghiệp',
  'vụ',
  'chuyên',
  'môn',
  'lực',
  'lượng',
  'thành',
  'viên',
  'có',
  'liên',
  'quan',
  'mọi',
  'những',
  'và',
  'cấp',
  'bộ',
  'phận',
  'cán',
  'đảng',
  'viên',
  'trong',
  'dân',
]);

/** A catch-all that names no body: "các cơ quan, đơn vị liên quan", "địa phương", "cấp có thẩm quyền". */
export function isGeneric(org: string): boolean {
  const s = collapse(org)
    .toLowerCase()
    .replace(/^(?:người đứng đầu|thủ trưởng)(?:\s+|$)/u, '');
  if (s.length < 2) return true;
  if (/liên quan|có thẩm quyền|cấp trên|chính quyền địa phương|(?:^|\s)khác$/u.test(s)) return true;
  // "cơ quan chuyên môn" is the legal name of a People's Committee's departments: a named class.
  if (/(?:^|\s)cơ quan chuyên môn/u.test(s)) return false;
  const words = s
    .replace(/[,;\-–]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  return words.every((w) => GENERIC_WORDS.has(w));
}

export function startsWithOrg(s: string): boolean {
  return ORG_START.test(s.trimStart());
}

/**
 * Reads an organisation list at the start of `s`: up to the first stop word, punctuation that
 * ends a list (";" only when followed by something that is not a body, ".", ":", "(") or a
 * line of another kind. Returns the raw list text.
 */
export function readOrgList(s: string): string {
  const src = s.slice(0, 400);
  let i = 0;
  let last = 0;
  let words = 0;
  while (i < src.length && words < 40) {
    const ch = src[i] ?? '';
    if (/[.:()“”"!?\n]/u.test(ch)) break;
    if (ch === ';') {
      const rest = src.slice(i + 1).trimStart();
      if (!startsWithOrg(rest)) break;
      i++;
      continue;
    }
    if (ch === '-' && /^-\s*\p{Lu}/u.test(src.slice(i)) && /\s$/u.test(src.slice(0, i))) {
      // " -Thời gian thực hiện": a glued block label; "Tài chính - Kế hoạch" is one name.
      const tail = src.slice(i);
      const nameDash =
        /^-\s\p{Lu}\p{Ll}/u.test(tail) &&
        !/^-\s(?:Thời|Cơ quan|Đơn vị|Kinh phí|Nội dung|Sản phẩm|Kết quả|Chủ trì|Phối hợp|Tiến độ|Giao|Đề nghị|Hoàn thành)(?=[\s:,])/u.test(
          tail,
        );
      if (!nameDash && !/^-\s*(?:Thương|Thể|Xã)/u.test(tail)) break;
    }
    if (/\s|,/u.test(ch)) {
      i++;
      continue;
    }
    const rest = src.slice(i);
    // After a comma a lower-case word that is neither a body nor a class word is the predicate:
    // "Công an huyện tuần tra, kiểm soát …".
    if (
      words > 0 &&
      /,\s*$/u.test(src.slice(Math.max(0, i - 4), i)) &&
      /^\p{Ll}/u.test(rest) &&
      !startsWithOrg(rest) &&
      !CONTINUATION_RE.test(/^[^,.;:()]*/u.exec(rest)?.[0] ?? rest) &&
      !/^(?:các|và|cấp|chi|trường|tổ|khu|thôn|bản|tổ dân phố|ủy|uỷ|đội|trạm|phòng|hội|đoàn|cơ sở|hợp tác xã|nhà trường|bệnh viện)(?=[\s,])/u.test(
        rest,
      )
    )
      break;
    if (words > 0 && CAP_VERB_RE.test(rest) && !/(?:^|\s)(?:cùng|các|mọi|từng|ở|theo|và)\s$/iu.test(src.slice(0, i)))
      break;
    if (words > 0 && (STOP_RE.test(rest) || DOC_WORD_RE.test(rest))) {
      // "tổ chức" after a comma or "các" is a noun ("các cơ quan, tổ chức").
      const before = src.slice(0, i);
      const nounTochuc = /^tổ\schức/u.test(rest) && /(?:,|các)\s*$/u.test(before);
      const nounBan = /^(?:kiểm tra|quản lý)/u.test(rest) && /(?:ban|Ban)\s$/u.test(before);
      const cap = /^(?:thanh tra|hội)/u.test(rest) && /,\s*$/u.test(before);
      const qualifier = /^(?:có\s(?:liên quan|thẩm quyền)|trong\shệ\sthống)/u.test(rest);
      const nameWord =
        DOC_WORD_RE.test(rest) && /(?:(?:^|\s)(?:Sở|Ban|Bộ|Phòng|Vụ|Cục|Viện)|\p{L}\s[-–])\s$/u.test(before);
      if (!nounTochuc && !nounBan && !cap && !qualifier && !nameWord) break;
    }
    const w = /^[^\s,;.:()“”"!?]+/u.exec(rest)?.[0] ?? ch;
    i += w.length;
    last = i;
    words++;
  }
  return src.slice(0, last);
}

/** Splits a list into items: ";", ", " and " và " between bodies, keeping "các sở, ban, ngành". */
export function splitOrgList(list: string): string[] {
  const out: string[] = [];
  for (const group of list.split(/\s*;\s*/)) {
    const pieces: string[] = [];
    const commaParts = /^(?:Người|người)\sđứng\sđầu/u.test(group) ? [group] : group.split(/\s*,\s*/);
    for (const part of commaParts) {
      const prev = pieces[pieces.length - 1];
      // A committee with its own qualifier is another class: "…, thành ủy, đảng ủy trực thuộc Tỉnh ủy".
      const qualifiedCommittee = /^(?:thị|thành|huyện|quận|đảng)\s(?:ủy|uỷ)\s(?!và\s)\S/u.test(part);
      // "Sở Văn hóa, Thể thao và Du lịch": a name whose own words are listed with a comma.
      const nameTail =
        prev !== undefined &&
        /^(?:Sở|Bộ|Phòng|Trung tâm|Ban|Văn phòng|Cục|Chi cục|Vụ|Viện|Trường)\s\p{Lu}[\p{Ll}\s]{1,30}$/u.test(prev) &&
        /^\p{Lu}\p{Ll}+(?:\s\p{Ll}+){0,2}\svà\s\p{Lu}\p{Ll}+(?:\s\p{Ll}+){0,2}(?:\s(?:tỉnh|huyện|thành phố|thị xã|quận))?$/u.test(
          part,
        ) &&
        !startsWithOrg(part);
      if (
        prev !== undefined &&
        ((CONTINUATION_RE.test(part) && CLASS_END_RE.test(prev) && !qualifiedCommittee) || nameTail)
      ) {
        pieces[pieces.length - 1] = `${prev}, ${part}`;
      } else if (part.trim()) {
        pieces.push(part.trim());
      }
    }
    // " và " splits only before another body.
    const items: string[] = [];
    for (const piece of pieces) {
      const parts = piece.split(/\s+và\s+/u);
      let cur = parts[0] ?? '';
      for (const p of parts.slice(1)) {
        if (startsWithOrg(p) || /^(?:(?:các|Các)\s)?(?:địa phương|cán bộ)/u.test(p)) {
          items.push(cur);
          cur = p;
        } else {
          cur = `${cur} và ${p}`;
        }
      }
      items.push(cur);
    }
    // A level word shared by a list ("Hội Nông dân, Hội Cựu chiến binh xã") is distributed.
    const lastItem = items[items.length - 1] ?? '';
    const shared = /\s(tỉnh|huyện|xã)$/u.exec(lastItem);
    const committee = /\s((?:Đảng|Huyện|Tỉnh|Thành)\s(?:ủy|uỷ)(?:\s\p{Ll}+(?:\s\p{Lu}\p{Ll}*){0,3})?)$/u.exec(lastItem);
    for (let k = 0; k < items.length - 1; k++) {
      const it = items[k] ?? '';
      if (
        shared &&
        !/(?:^|\s)(?:các|cấp)(?:\s|$)/u.test(it) &&
        !/^(?:Bộ|Cục|Tổng cục|Sở|Chính phủ|Thủ tướng|Văn phòng Chính phủ|Quốc hội)(?:\s|$)/u.test(it) &&
        !endsWithLevel(it) &&
        !endsWithProperName(it) &&
        !/cùng cấp/u.test(it)
      ) {
        items[k] = `${it} ${shared[1]}`;
      }
      if (committee && /^(?:Thường trực|Ban Thường vụ)$/u.test(it)) items[k] = `${it} ${committee[1]}`;
    }
    out.push(...items);
  }
  return out.map((x) => x.trim()).filter((x) => x.length > 0);
}

/** "Báo Nghệ An": a name that ends in a place or person's name ("Việt Nam" is part of a body's name). */
function endsWithProperName(s: string): boolean {
  const m = /(?:^|\s)(\p{Lu}\p{Ll}*)\s(\p{Lu}\p{Ll}*)$/u.exec(s);
  if (!m || m.index === 0) return false;
  return !/^(?:Việt Nam|Chí Minh)$/u.test(`${m[1]} ${m[2]}`);
}

function endsWithLevel(s: string): boolean {
  return /(?:^|\s)(?:tỉnh|huyện|xã|phường|thị trấn|thành phố|quận|thị xã|cơ sở|Trung ương|trung ương|cấp|(?:Tỉnh|Huyện|Thành|Thị|Quận|Đảng)\s(?:ủy|uỷ))$/u.test(
    s,
  );
}

/** Cleans one item: glued words, abbreviations, "đồng chí", "lực lượng", person names. */
export function cleanOrg(raw: string): string | null {
  let s = collapse(raw).replace(/^[-–+*•]\s*/, '');
  s = s.replace(/[\s,;.:]+$/u, '');
  s = fixGlue(s);
  s = s.replace(/^(?:đồng chí|Đồng chí|đ\/c|Đ\/c|lực lượng|Lực lượng)\s+/u, '');
  s = expandAbbreviations(s);
  s = stripPersonName(s);
  s = collapse(s)
    .replace(/(?:,| và)\s(?:các\s)?địa phương$/u, '')
    .replace(/(Ủy ban nhân dân|Hội đồng nhân dân|Mặt trận Tổ quốc)(?: \1)+/gu, '$1');
  if (s.length < 2 || s.length > 160) return null;
  if (isGeneric(s)) return null;
  if (!/\p{L}{2}/u.test(s)) return null;
  return s;
}

/** Items of an organisation list, cleaned, catch-alls dropped. */
export function orgItems(list: string): string[] {
  const out: string[] = [];
  for (const item of splitOrgList(list)) {
    const c = cleanOrg(item);
    if (c) out.push(c);
  }
  return out;
}

interface Hit {
  index: number;
  orgs: string[];
  role: AssignmentRole;
  alsoAdvised?: boolean;
}

/** True when the words just before `index` are an organisation that is the object of an earlier verb. */
function embeddedSubject(clause: string, index: number, exceptDirected = false): boolean {
  const before = clause.slice(Math.max(0, index - 160), index);
  // The nearest verb before: the org between it and `index` is the real subject.
  const verbs = [
    ...before.matchAll(
      /(?:chỉ\s?đạo|đề\s?xuất|tham\s?mưu|hướng\s?dẫn|đôn\s?đốc|yêu\s?cầu|tổng\s?hợp|nghiên\s?cứu|phân\s?công)\s+/gu,
    ),
  ];
  const v = verbs[verbs.length - 1];
  if (!v || v.index === undefined) return false;
  // A body directed by "chỉ đạo" is an assignee itself: whom it advises stays with the task.
  if (exceptDirected && /^chỉ\s?đạo/u.test(v[0])) return false;
  const between = before.slice(v.index + v[0].length).replace(/^[,\s]+/, '');
  if (!between.trim()) return false;
  if (!startsWithOrg(between)) return false;
  // Only a body standing right before the cue is its subject ("chỉ đạo Y báo cáo …"); a body with
  // its own predicate in between ("chỉ đạo Y rà soát …, báo cáo Z") leaves the cue to the task.
  const list = readOrgList(between);
  const rest = between.slice(list.length).replace(/^[\s,]+/u, '');
  return /^(?:(?:chủ động|khẩn trương|kịp thời|thường xuyên|tích cực|trực tiếp|có trách nhiệm|tiếp tục)[\s,]*)*$/u.test(
    rest,
  );
}

const BLOCK_ACTORS = /^[-*+•]?\s*(?:Cơ quan|Đơn vị)\s(?:thực hiện|chủ trì)\s*:/u;

const LEADING_ADVERBIAL =
  /^(?:(?:Đồng thời|Trong đó|Ngoài ra|Bên cạnh đó|Hằng năm|Hàng năm|Thường xuyên|Định kỳ[^,]{0,40}|Trên cơ sở[^,]{0,80}|Căn cứ[^,]{0,80}|Trong quá trình[^,]{0,80}),\s*)+/u;

/** Splits a paragraph into clauses at sentence ends, ";" and bullets. */
function clauses(text: string): string[] {
  const parts = text.split(/(?<=[.!?])\s+(?=[-+*•]?\s*\p{Lu})|;\s+/u);
  const out: string[] = [];
  for (const p of parts) {
    const prev = out[out.length - 1];
    // "A; B" continues a list when B is another body.
    if (prev !== undefined && /;$/.test(prev) === false && startsWithOrg(p) && !/[.!?]$/.test(prev)) {
      out[out.length - 1] = `${prev}; ${p}`;
    } else out.push(p);
  }
  return out.map((c) => c.trim()).filter((c) => c.length > 0);
}

export interface TaskActors {
  assignments: Assignment[];
}

/**
 * Parses the heading of an item when it names the bodies ("Sở Xây dựng", "Giao Sở Xây dựng",
 * "Công an tỉnh, các sở, ban, ngành và Ủy ban nhân dân các xã, phường"). Null when the heading
 * is a sentence or a topic.
 */
export function titleOrgs(title: string): string[] | null {
  let t = collapse(fixGlue(title)).replace(/[:.]+$/u, '');
  t = t.replace(/^(?:Giao|Đề nghị)\s+/u, '');
  if (!startsWithOrg(t)) return null;
  const list = readOrgList(t);
  if (collapse(list).length < collapse(t).length - 1) return null;
  const items = orgItems(list);
  return items.length > 0 ? items : null;
}

function subjectAt(clause: string, needVerb = true): { orgs: string[]; end: number } | null {
  if (!startsWithOrg(clause)) return null;
  const list = readOrgList(clause);
  const rest = clause.slice(list.length);
  // A subject is followed by a verb, not the end of the clause; agreeing or meeting is no task.
  if (needVerb && !/^\s*,?\s*\p{Ll}/u.test(rest)) return null;
  if (/^\s*,?\s*(?:cơ bản\s)?(?:nhất trí|thống nhất|đã|họp|nghe|kết luận|cho ý kiến)/u.test(rest)) return null;
  const orgs = orgItems(list);
  if (orgs.length === 0) return null;
  return { orgs, end: list.length };
}

/**
 * Assignments of one task. `primary` are the bodies named by the item heading; they lead when the
 * text says "Chủ trì" without another subject, and are responsible otherwise.
 */
export function taskAssignments(title: string | null, paragraphs: string[]): Assignment[] {
  const out: Assignment[] = [];
  const add = (orgs: string[], role: AssignmentRole) => {
    for (const o of orgs) out.push({ organization: o, role });
  };
  const primary = title ? titleOrgs(title) : null;
  const allText = paragraphs.join(' ');
  const list: string[] = [];
  if (title && !primary) list.push(title);
  for (const p of paragraphs) list.push(...clauses(p));

  if (primary) {
    const leads = list.some((c) =>
      /^(?:[-+*•]\s*)?(?:(?:Đồng thời|Giao [^,]{0,80}),?\s*)?[Cc]hủ\s?trì/u.test(c.replace(LEADING_ADVERBIAL, '')),
    );
    add(primary, leads || /^Giao\s[^,]{0,80}chủ\s?trì/u.test(collapse(allText)) ? 'lead' : 'responsible');
  }

  // An assignment block ("Cơ quan thực hiện: …") names the main actors: it comes first.
  const blockFirst = [...list.filter((c) => BLOCK_ACTORS.test(c)), ...list.filter((c) => !BLOCK_ACTORS.test(c))];
  for (const raw of blockFirst) {
    const isTitle = title !== null && raw === title;
    const fixed = fixGlue(raw);
    let c = fixed.replace(/^[-+*•]\s*/u, '').replace(LEADING_ADVERBIAL, '');
    const hits: Hit[] = [];
    // Assignment block: "Cơ quan thực hiện: X chủ trì, phối hợp với Y".
    const block = /^(?:Cơ quan|Đơn vị)\s(?:thực hiện|chủ trì)\s*:\s*/u.exec(c);
    if (block) c = c.slice(block[0].length);
    // "Giao X", "Đề nghị X", "Phân công đồng chí X".
    const lead = /^(?:Giao|Đề\s?nghị|Phân\s?công)\s*/u.exec(c);
    let subj: { orgs: string[]; end: number } | null = null;
    let offset = 0;
    if (lead) {
      offset = lead[0].length;
      const after = c.slice(offset);
      if (startsWithOrg(after)) {
        const l = readOrgList(after);
        const orgs = orgItems(l);
        if (orgs.length) subj = { orgs, end: l.length };
      }
    } else {
      subj = subjectAt(c, !block);
    }
    if (subj && !lead) {
      // "X yêu cầu Y …", "X đề nghị Y …": the requested body acts, not the one asking.
      const ask = /^\s*,?\s*(?:yêu\s?cầu|đề\s?nghị)\s+/u.exec(c.slice(subj.end));
      if (ask) {
        const after = c.slice(subj.end + ask[0].length);
        const l = startsWithOrg(after) ? readOrgList(after) : '';
        const orgs = l ? orgItems(l) : [];
        if (orgs.length) {
          offset = subj.end + ask[0].length;
          subj = { orgs, end: l.length };
        }
      }
    }
    if (subj) {
      const rest = c.slice(offset + subj.end);
      const role: AssignmentRole = /^\s*,?\s*chủ\s?trì/u.test(rest) ? 'lead' : 'responsible';
      hits.push({ index: 0, orgs: subj.orgs, role });
    }
    // Keyword cues anywhere in the clause.
    for (const m of c.matchAll(/[Pp]hối\s?hợp\s*(?:chặt\s?chẽ\s*)?(?:với|cùng)\s+/gu)) {
      const after = c.slice((m.index ?? 0) + m[0].length);
      const orgs = orgItems(readOrgList(after));
      if (orgs.length) hits.push({ index: m.index ?? 0, orgs, role: 'coordinate' });
    }
    for (const m of c.matchAll(/[Pp]hối\s?hợp\s*giữa\s+(?:các cơ quan\s*:\s*)?/gu)) {
      const after = c.slice((m.index ?? 0) + m[0].length);
      const withIdx = after.search(/\svới\s/u);
      const first = withIdx > 0 ? after.slice(0, withIdx) : after;
      const orgsX = orgItems(readOrgList(first));
      if (orgsX.length) hits.push({ index: m.index ?? 0, orgs: orgsX, role: 'responsible' });
      if (withIdx > 0) {
        const orgsY = orgItems(readOrgList(after.slice(withIdx + 5)));
        if (orgsY.length) hits.push({ index: (m.index ?? 0) + 1, orgs: orgsY, role: 'coordinate' });
      }
    }
    for (const m of c.matchAll(/tham\s?mưu(?:\s*,\s*đề\s?xuất)?\s*(?:giúp|cho)?\s*/giu)) {
      const idx = m.index ?? 0;
      const after = c.slice(idx + m[0].length);
      if (!startsWithOrg(after) || embeddedSubject(c, idx, true)) continue;
      // "báo cáo Z để tổng hợp, tham mưu W": Z advises W.
      if (/báo\s?cáo\s+(?:về\s+|cho\s+)?\p{Lu}[^;]{0,120}$/u.test(c.slice(0, idx))) continue;
      // Bodies advised by a directed body are named ones, not the bare collectives "cấp ủy, chính quyền".
      const directed = embeddedSubject(c, idx);
      const orgs = orgItems(readOrgList(after)).filter(
        (o) => !directed || !/^(?:chính quyền|cấp ủy|cấp uỷ)$/iu.test(o),
      );
      if (orgs.length) hits.push({ index: idx, orgs, role: 'advised' });
    }
    for (const m of c.matchAll(/báo\s?cáo(\s*,\s*(?:kiến\s?nghị|tham\s?mưu|đề\s?xuất))?\s*/giu)) {
      const idx = m.index ?? 0;
      if (embeddedSubject(c, idx)) continue;
      let after = c.slice(idx + m[0].length);
      let direct = startsWithOrg(after);
      if (!direct) {
        // "báo cáo kết quả thực hiện về Z", "báo cáo … cho Z", "… gửi Z".
        const via = /^(?:[^\s;.:()]+\s+){0,10}?(?:về|cho|lên|gửi(?:\s(?:về|cho))?)\s*(?=\p{Lu}|các\s)/u.exec(after);
        const viaGlued = /^(?:[^\s;.:()]+\s+){0,10}?[^\s;.:()]*?về(?=\p{Lu})/u.exec(after);
        const v = via ?? viaGlued;
        if (v) {
          after = after.slice(v[0].length);
          direct = startsWithOrg(after);
        }
      }
      if (!direct) continue;
      const orgs = orgItems(readOrgList(after));
      if (orgs.length) {
        hits.push({ index: idx, orgs, role: 'report_to' });
        if (m[1] && /tham/u.test(m[1])) hits.push({ index: idx + 1, orgs, role: 'advised' });
      }
    }
    for (const m of c.matchAll(/(?<!\p{L})[Cc]hỉ\s?đạo\s+/gu)) {
      const idx = m.index ?? 0;
      const after = c.slice(idx + m[0].length);
      if (!startsWithOrg(after)) continue;
      // A directed body is a specific body or a named class, not the bare collective "chính quyền".
      const dl = readOrgList(after);
      const orgs = orgItems(dl).filter((o) => !/^(?:chính quyền|cấp ủy|cấp uỷ)$/iu.test(o));
      const directedLeads = /^\s*,?\s*chủ\s?trì/u.test(after.slice(dl.length));
      if (orgs.length) hits.push({ index: idx, orgs, role: directedLeads ? 'lead' : 'responsible' });
    }
    for (const m of isTitle ? [] : c.matchAll(/^(?:Phát huy|Nâng cao|Đề cao)\s+trách\s?nhiệm\s+của\s+/gu)) {
      const idx = m.index ?? 0;
      const after = c.slice(idx + m[0].length);
      if (!startsWithOrg(after)) continue;
      const orgs = orgItems(readOrgList(after));
      if (orgs.length) hits.push({ index: idx, orgs, role: 'responsible' });
    }
    hits.sort((a, b) => a.index - b.index);
    for (const h of hits) add(h.orgs, h.role);
  }
  return dedupe(out);
}

/** One entry per (organization, role); a body that leads is not also responsible or coordinating. */
export function dedupe(list: Assignment[]): Assignment[] {
  const leads = new Set(list.filter((a) => a.role === 'lead').map((a) => foldKey(a.organization)));
  const seen = new Set<string>();
  const out: Assignment[] = [];
  for (const a of list) {
    const k = foldKey(a.organization);
    if ((a.role === 'responsible' || a.role === 'coordinate') && leads.has(k)) continue;
    const key = `${k}|${a.role}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(a);
  }
  return out;
}
