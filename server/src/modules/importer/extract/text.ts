/**
 * Text helpers of the plan extractor: whitespace, glued words, Vietnamese capitals, abbreviations.
 * All regexes are bounded or linear; nothing here throws.
 */

export function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

const VOWELS = 'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ';
const LOWER = `a-zđ${VOWELS}`;
/** A consonant that never ends a Vietnamese syllable, after a vowel, starts a new word. */
const GLUE_CONSONANT = new RegExp(`([${VOWELS}])(?=[bdđghklqrsvx]|t[rh]|ph)`, 'gu');
const GLUE_CASE = new RegExp(`([${LOWER}])(?=\\p{Lu})`, 'gu');
const GLUE_DIGIT = new RegExp(`([${LOWER}])(?=\\d)`, 'gu');
/** A single consonant between two vowels starts the second syllable: "phụnữ" → "phụ nữ". */
const GLUE_VCV = new RegExp(`([${VOWELS}])(?=[mnptc][${VOWELS}])`, 'gu');
/** Common words glued to the previous one: "Đảng uỷchủ trì", "uỷcơ bản". */
const GLUE_WORDS = new RegExp(
  `(?<=[${LOWER}])(?=(?:chủ\\s?trì|phối\\s?hợp|tham\\s?mưu|báo\\s?cáo|căn\\s?cứ|cơ\\s?bản|nhất\\s?trí|chỉ\\s?đạo|triển\\s?khai|thực\\s?hiện|chịu\\s?trách|có\\s?trách)(?![${LOWER}]))`,
  'gu',
);

/**
 * Restores spaces lost in PDF extraction inside names: "Ban Thường vụĐảng uỷ" → "Ban Thường vụ
 * Đảng uỷ", "Ban Chỉhuy Quân sựxã" → "Ban Chỉ huy Quân sự xã". Only for organisation names;
 * task texts keep the damage as written.
 */
export function fixGlue(s: string): string {
  return s
    .replace(GLUE_WORDS, ' ')
    .replace(GLUE_CASE, '$1 ')
    .replace(GLUE_CONSONANT, '$1 ')
    .replace(GLUE_VCV, '$1 ')
    .replace(GLUE_DIGIT, '$1 ')
    .replace(OCR_U_HORN, 'UB');
}

/** OCR reads the U of "UBND" as "Ư": "ƯBND huyện". */
const OCR_U_HORN = /(?<!\p{L})ƯB(?=ND|MTTQ|KT)(?!\p{Ll})/gu;

/** Lower-case fold for comparisons: NFC, lower case, "uỷ" = "ủy", "hoá" = "hóa", spaces collapsed. */
export function foldKey(s: string): string {
  return collapse(s)
    .toLowerCase()
    .replace(/uỷ/g, 'ủy')
    .replace(/oá/g, 'óa')
    .replace(/oà/g, 'òa')
    .replace(/oả/g, 'ỏa')
    .replace(/oã/g, 'õa')
    .replace(/oạ/g, 'ọa')
    .replace(/uý/g, 'úy')
    .replace(/[–‑]/g, '-');
}

export function isAllCaps(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

const LEVEL_WORDS = new Set(['tỉnh', 'huyện', 'xã', 'phường', 'thị trấn', 'thành phố', 'quận', 'thị xã', 'đặc khu']);

/** Phrases whose case is fixed inside an organisation name written in capitals. */
const NAME_CASE: [RegExp, string][] = [
  [/^ỦY BAN NHÂN DÂN/u, 'Ủy ban nhân dân'],
  [/^UỶ BAN NHÂN DÂN/u, 'Uỷ ban nhân dân'],
  [/^HỘI ĐỒNG NHÂN DÂN/u, 'Hội đồng nhân dân'],
  [/^BAN THƯỜNG VỤ/u, 'Ban Thường vụ'],
  [/^BAN CHẤP HÀNH/u, 'Ban Chấp hành'],
  [/^BAN BÍ THƯ/u, 'Ban Bí thư'],
  [/^BỘ CHÍNH TRỊ/u, 'Bộ Chính trị'],
  [/^TRUNG ƯƠNG ĐẢNG/u, 'Trung ương Đảng'],
  [/^TRUNG ƯƠNG/u, 'Trung ương'],
  [/^THƯỜNG TRỰC/u, 'Thường trực'],
  [/^ĐẢNG ỦY/u, 'Đảng ủy'],
  [/^ĐẢNG UỶ/u, 'Đảng uỷ'],
  [/^ĐẢNG BỘ/u, 'Đảng bộ'],
  [/^HUYỆN ỦY/u, 'Huyện ủy'],
  [/^HUYỆN UỶ/u, 'Huyện uỷ'],
  [/^TỈNH ỦY/u, 'Tỉnh ủy'],
  [/^TỈNH UỶ/u, 'Tỉnh uỷ'],
  [/^THÀNH ỦY/u, 'Thành ủy'],
  [/^THÀNH UỶ/u, 'Thành uỷ'],
  [/^ỦY BAN KIỂM TRA/u, 'Ủy ban Kiểm tra'],
  [/^UỶ BAN KIỂM TRA/u, 'Uỷ ban Kiểm tra'],
  [/^ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM/u, 'Ủy ban Mặt trận Tổ quốc Việt Nam'],
  [/^VĂN PHÒNG/u, 'Văn phòng'],
  [/^THỦ TƯỚNG CHÍNH PHỦ/u, 'Thủ tướng Chính phủ'],
  [/^CHÍNH PHỦ/u, 'Chính phủ'],
  [/^BAN TUYÊN GIÁO VÀ DÂN VẬN/u, 'Ban Tuyên giáo và Dân vận'],
  [/^BAN TUYÊN GIÁO/u, 'Ban Tuyên giáo'],
  [/^BAN DÂN VẬN/u, 'Ban Dân vận'],
  [/^BAN TỔ CHỨC/u, 'Ban Tổ chức'],
  [/^BAN XÂY DỰNG ĐẢNG/u, 'Ban Xây dựng Đảng'],
  [/^BAN CHỈ ĐẠO/u, 'Ban Chỉ đạo'],
  [/^SỞ /u, 'Sở '],
  [/^BỘ /u, 'Bộ '],
  [/^BAN /u, 'Ban '],
  [/^PHÒNG /u, 'Phòng '],
  [/^HỘI /u, 'Hội '],
  [/^CÔNG AN/u, 'Công an'],
  [/^ĐOÀN /u, 'Đoàn '],
];

/**
 * Heads of a state body whose field words follow ("SỞ GIÁO DỤC VÀ ĐÀO TẠO" → "Sở Giáo dục và Đào
 * tạo"): each field part ("và", ",", "-" separate them) has only its first syllable capitalised.
 */
const FIELD_HEAD = /^(?:SỞ|BỘ|PHÒNG|CỤC|CHI CỤC|TỔNG CỤC|VỤ|VIỆN|TRUNG TÂM)(?=\s)/u;
/** Field names with a fixed case of their own. */
const FIELD_CASE: [RegExp, string][] = [[/^CÔNG THƯƠNG(?=\s|$)/u, 'Công Thương']];

function titleWord(w: string): string {
  const lower = w.toLowerCase();
  return (lower[0] ?? '').toUpperCase() + lower.slice(1);
}

/**
 * Normal case for an organisation name written in capitals: "ỦY BAN NHÂN DÂN TỈNH LÀO CAI" →
 * "Ủy ban nhân dân tỉnh Lào Cai", "ĐẢNG UỶ XÃ CÔNG HẢI" → "Đảng uỷ xã Công Hải". Level words
 * are lower case and the place name after them is in title case.
 */
export function orgCase(upper: string): string {
  let s = collapse(upper);
  if (!isAllCaps(s)) return s;
  let out = '';
  let guard = 0;
  // Inside the field words of a state body: null outside, else whether the next word starts a part.
  let field: boolean | null = null;
  while (s.length > 0 && guard++ < 40) {
    const level = /^(TỈNH|HUYỆN|XÃ|PHƯỜNG|THỊ TRẤN|THÀNH PHỐ|QUẬN|THỊ XÃ|ĐẶC KHU)(?=\s|$)\s*/u.exec(s);
    // "… THƯƠNG BINH VÀ XÃ HỘI": a level word right after "và" or "-" is a field word.
    if (level && !(field === true && out.length > 0)) {
      const rest = s.slice(level[0].length);
      // "TỈNH ỦY" is a committee, not a level word.
      if (/^(ỦY|UỶ)(?=\s|$)/u.test(rest)) {
        out += `${titleWord(level[1] ?? '')} ${rest.slice(0, 2).toLowerCase()} `;
        s = rest.slice(2).trim();
        continue;
      }
      const name = rest.split(/\s+/).filter(Boolean).map(titleWord).join(' ');
      out += `${(level[1] ?? '').toLowerCase()}${name ? ` ${name}` : ''}`;
      s = '';
      break;
    }
    if (field === null && out.length === 0) {
      const head = FIELD_HEAD.exec(s);
      if (head) {
        out += `${titleWord(head[0].split(' ')[0] ?? '')}${head[0].includes(' ') ? ` ${head[0].split(' ').slice(1).join(' ').toLowerCase()}` : ''} `;
        s = s.slice(head[0].length).trim();
        field = true;
        continue;
      }
    }
    if (field !== null) {
      const fixed = FIELD_CASE.find(([re]) => re.test(s));
      if (fixed) {
        const m = fixed[0].exec(s)?.[0] ?? '';
        out += `${fixed[1]} `;
        s = s.slice(m.length).trim();
        field = false;
        continue;
      }
      const w = /^\S+/u.exec(s)?.[0] ?? '';
      if (/^(?:VÀ|-|–|,)$/u.test(w) || /,$/.test(w)) {
        out += `${/^VÀ$/u.test(w) ? 'và' : w.toLowerCase()} `;
        field = true;
      } else {
        out += `${field ? titleWord(w) : w.toLowerCase()} `;
        field = false;
      }
      s = s.slice(w.length).trim();
      continue;
    }
    let matched = false;
    for (const [re, rep] of NAME_CASE) {
      const m = re.exec(s);
      if (m) {
        out += rep.endsWith(' ') ? rep : `${rep} `;
        s = s.slice(m[0].length).trim();
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const word = /^\S+/u.exec(s)?.[0] ?? '';
    out += `${out.length === 0 ? titleWord(word) : titleWord(word)} `;
    s = s.slice(word.length).trim();
  }
  return collapse(out);
}

export function isLevelWord(w: string): boolean {
  return LEVEL_WORDS.has(w.toLowerCase());
}

/** Abbreviations of organisation names (documents.md §6, §7), longest first. */
const ABBREVIATIONS: [RegExp, string][] = [
  [/(?<![\p{L}])UBMTTQVN(?![\p{L}])/gu, 'Ủy ban Mặt trận Tổ quốc Việt Nam'],
  [/(?<![\p{L}])UBMTTQ(?![\p{L}])/gu, 'Ủy ban Mặt trận Tổ quốc'],
  [/(?<![\p{L}])MTTQVN(?![\p{L}])/gu, 'Mặt trận Tổ quốc Việt Nam'],
  [/(?<![\p{L}])MTTQ(?![\p{L}])/gu, 'Mặt trận Tổ quốc'],
  [/(?<![\p{L}])PCTUBND(?![\p{L}])/gu, 'Phó Chủ tịch Ủy ban nhân dân'],
  [/(?<![\p{L}])CTUBND(?![\p{L}])/gu, 'Chủ tịch Ủy ban nhân dân'],
  [/(?<![\p{L}])UBND(?![\p{L}])/gu, 'Ủy ban nhân dân'],
  [/(?<![\p{L}])HĐND(?![\p{L}])/gu, 'Hội đồng nhân dân'],
  [/(?<![\p{L}])UVTV(?![\p{L}])/gu, 'Ủy viên Ban Thường vụ'],
  [/(?<![\p{L}])BTV(?![\p{L}])/gu, 'Ban Thường vụ'],
  [/(?<![\p{L}])BCH(?![\p{L}])/gu, 'Ban Chấp hành'],
  [/(?<![\p{L}])UBKT(?![\p{L}])/gu, 'Ủy ban Kiểm tra'],
  [/(?<![\p{L}])VPĐU(?![\p{L}])/gu, 'Văn phòng Đảng ủy'],
  [/(?<![\p{L}])PCVP(?![\p{L}])/gu, 'Phó Chánh Văn phòng'],
  [/(?<![\p{L}])PVP(?![\p{L}])/gu, 'Phó Chánh Văn phòng'],
  [/(?<![\p{L}])CVP(?![\p{L}])/gu, 'Chánh Văn phòng'],
  [/(?<![\p{L}])PCT(?![\p{L}])/gu, 'Phó Chủ tịch'],
  [/(?<![\p{L}])VP(?![\p{L}])/gu, 'Văn phòng'],
  [/(?<![\p{L}])LĐLĐ(?![\p{L}])/gu, 'Liên đoàn Lao động'],
  [/(?<![\p{L}])LHPN(?![\p{L}])/gu, 'Liên hiệp Phụ nữ'],
  [/(?<![\p{L}])TTCT(?![\p{L}])/gu, 'Trung tâm Chính trị'],
  [
    /(?<![\p{L}])TT\.?(?=\s+(?:Hội đồng|HĐND|UBND|Ủy ban|Huyện|Tỉnh|Đảng|Thành|Thị\s(?:ủy|uỷ)|Quận\s(?:ủy|uỷ)))/gu,
    'Thường trực',
  ],
  [/(?<![\p{L}])Đ\/[cC](?![\p{L}])/gu, 'Đồng chí'],
  [/(?<![\p{L}])đ\/c(?![\p{L}])/gu, 'đồng chí'],
];

/** Expands the abbreviations of organisation names; spelling otherwise kept. */
export function expandAbbreviations(s: string): string {
  let out = s.replace(/(?<=[A-ZĐ])\.(?=[A-ZĐ]{2})/gu, ' ').replace(OCR_U_HORN, 'UB');
  for (const [re, rep] of ABBREVIATIONS) out = out.replace(re, rep);
  return collapse(out);
}

/** Common Vietnamese family names, to tell a person's name from a place name. */
const SURNAMES = new Set(
  (
    'Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đào Lương Trịnh Mai Trương Lâm ' +
    'Hà Tô Cao Sùng Giàng Thào Vàng Lò Quàng Triệu Đoàn Tạ Vương Kiều Lưu Châu Phùng Chu Đàm Nông Lục Hứa Thái Tăng Tống Quách Văn'
  ).split(' '),
);

/** Removes a person's name at the end: "Phó Chủ tịch UBND tỉnh Ngô Hạnh Phúc" → "… tỉnh". */
export function stripPersonName(s: string): string {
  const m = /\s((\p{Lu}\p{Ll}*)(?:\s\p{Lu}\p{Ll}*){1,3})$/u.exec(s);
  if (m && SURNAMES.has(m[2] ?? '')) return s.slice(0, m.index).trim();
  return s;
}

export function isPersonName(s: string): boolean {
  const t = collapse(s);
  if (!/^\p{Lu}\p{Ll}*(?:\s\p{Lu}\p{Ll}*){1,4}$/u.test(t)) return false;
  const first = t.split(' ')[0] ?? '';
  return SURNAMES.has(first) || t.split(' ').length >= 3;
}
