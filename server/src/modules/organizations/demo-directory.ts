/**
 * Demo organisation directory: one province, one district and all its communes, as they stood
 * before the 2025 reform (the district level ends on 2025-07-01, see DEFAULT_LEVELS).
 *
 * The founding plan (seeds/000_5224bed5587cb734.txt) does not name its district. For the demo we
 * place it in huyện Bắc Yên, tỉnh Sơn La, for illustration only: the commune names below are the
 * real thị trấn and 15 xã of Bắc Yên before 2025, but no claim is made that the plan was issued
 * there, and the Party branches under the district committee are typical examples, not a
 * verified list.
 *
 * The tree is territorial: an `area` node stands for a territory and holds the bodies of that
 * territory (Party committee, council, people's committee, Front, mass organisations). Parents
 * are listed before their children. Aliases carry the abbreviations that plans use (HĐND, UBND,
 * MTTQ, Hội LHPN, BTV, TT …) so that folded search ("hoi lhpn") and the importer's matcher find
 * the unit; diacritics and case are folded by platform/text.ts, so "Uỷ"/"Ủy" and case variants
 * need no alias of their own (a few are listed anyway where plans commonly write them).
 *
 * Codes are stable identifiers used by the demo seed, the demo users (`xa1-*` belong to the
 * first commune, Tà Xùa) and plans/fixtures/founding-plan.units.json.
 */
export interface DemoUnit {
  code: string;
  parent: string | null;
  kind: string;
  level: string;
  name: string;
  shortName?: string;
  aliases?: string[];
  validFrom?: string;
}

interface DemoCommune {
  slug: string;
  /** Place name without the unit word: "Tà Xùa". */
  place: string;
  /** "xã" or "thị trấn". */
  unitWord: 'xã' | 'thị trấn';
  validFrom?: string;
}

/** Tà Xùa first (demo users `xa1-*`), Hang Chú second; then the others. */
const COMMUNES: DemoCommune[] = [
  { slug: 'ta-xua', place: 'Tà Xùa', unitWord: 'xã' },
  { slug: 'hang-chu', place: 'Hang Chú', unitWord: 'xã' },
  // Thị trấn Bắc Yên was formed on 20/8/1999 from part of xã Phiêng Ban.
  { slug: 'thi-tran-bac-yen', place: 'Bắc Yên', unitWord: 'thị trấn', validFrom: '1999-08-20' },
  { slug: 'phieng-ban', place: 'Phiêng Ban', unitWord: 'xã' },
  { slug: 'xim-vang', place: 'Xím Vàng', unitWord: 'xã' },
  { slug: 'hang-dong', place: 'Háng Đồng', unitWord: 'xã' },
  { slug: 'lang-cheu', place: 'Làng Chếu', unitWord: 'xã' },
  { slug: 'hong-ngai', place: 'Hồng Ngài', unitWord: 'xã' },
  { slug: 'song-pe', place: 'Song Pe', unitWord: 'xã' },
  { slug: 'chim-van', place: 'Chim Vàn', unitWord: 'xã' },
  { slug: 'pac-nga', place: 'Pắc Ngà', unitWord: 'xã' },
  { slug: 'ta-khoa', place: 'Tạ Khoa', unitWord: 'xã' },
  { slug: 'hua-nhan', place: 'Hua Nhàn', unitWord: 'xã' },
  { slug: 'muong-khoa', place: 'Mường Khoa', unitWord: 'xã' },
  { slug: 'phieng-con', place: 'Phiêng Côn', unitWord: 'xã' },
  { slug: 'chieng-sai', place: 'Chiềng Sại', unitWord: 'xã' },
];

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The area node of a commune and its five bodies. */
function communeUnits(c: DemoCommune): DemoUnit[] {
  const area = `xa-${c.slug}`;
  const w = c.unitWord; // "xã" | "thị trấn"
  const p = c.place;
  const at = `${w} ${p}`; // "xã Tà Xùa"
  const common = { level: 'commune' } as const;
  return [
    {
      ...common,
      code: area,
      parent: 'huyen',
      kind: 'area',
      name: `${capitalise(w)} ${p}`,
      aliases: [p],
      ...(c.validFrom ? { validFrom: c.validFrom } : {}),
    },
    {
      ...common,
      code: `${area}-du`,
      parent: area,
      kind: 'party_committee',
      name: `Đảng ủy ${at}`,
      shortName: `ĐU ${at}`,
      aliases: [`Đảng ủy ${w}`, `ĐU ${at}`, `Ban Chấp hành Đảng bộ ${at}`, `Đảng bộ ${at}`],
    },
    {
      ...common,
      code: `${area}-hdnd`,
      parent: area,
      kind: 'council',
      name: `Hội đồng nhân dân ${at}`,
      shortName: `HĐND ${at}`,
      aliases: [`HĐND ${at}`],
    },
    {
      ...common,
      code: `${area}-ubnd`,
      parent: area,
      kind: 'people_committee',
      name: `Ủy ban nhân dân ${at}`,
      shortName: `UBND ${at}`,
      aliases: [`UBND ${at}`],
    },
    {
      ...common,
      code: `${area}-mttq`,
      parent: area,
      kind: 'front',
      name: `Ủy ban Mặt trận Tổ quốc Việt Nam ${at}`,
      shortName: `MTTQ ${at}`,
      aliases: [`UBMTTQVN ${at}`, `MTTQ ${at}`, `Ủy ban MTTQ Việt Nam ${at}`, `Mặt trận Tổ quốc ${at}`],
    },
    {
      ...common,
      code: `${area}-hlhpn`,
      parent: area,
      kind: 'womens_union',
      name: `Hội Liên hiệp Phụ nữ ${at}`,
      shortName: `Hội LHPN ${at}`,
      aliases: [`Hội LHPN ${at}`, `Hội Phụ nữ ${at}`],
    },
  ];
}

export const DEMO_DIRECTORY: DemoUnit[] = [
  // ── Province ────────────────────────────────────────────────────────────────────────────
  { code: 'tinh', parent: null, kind: 'area', level: 'province', name: 'Tỉnh Sơn La', aliases: ['Sơn La'] },
  {
    code: 'tinh-uy',
    parent: 'tinh',
    kind: 'party_committee',
    level: 'province',
    name: 'Tỉnh ủy Sơn La',
    shortName: 'Tỉnh ủy',
    aliases: ['Tỉnh ủy', 'Ban Chấp hành Đảng bộ tỉnh', 'Ban Chấp hành Đảng bộ tỉnh Sơn La', 'TU'],
  },
  {
    code: 'tinh-uy-btv',
    parent: 'tinh-uy',
    kind: 'party_standing',
    level: 'province',
    name: 'Ban Thường vụ Tỉnh ủy Sơn La',
    shortName: 'BTV Tỉnh ủy',
    aliases: ['Ban Thường vụ Tỉnh ủy', 'BTV Tỉnh ủy', 'BTVTU'],
  },
  {
    code: 'tinh-uy-tt',
    parent: 'tinh-uy',
    kind: 'party_standing',
    level: 'province',
    name: 'Thường trực Tỉnh ủy Sơn La',
    shortName: 'TT Tỉnh ủy',
    aliases: ['Thường trực Tỉnh ủy', 'TT Tỉnh ủy'],
  },

  // ── District (territory founded 20/10/1964) ─────────────────────────────────────────────
  {
    code: 'huyen',
    parent: 'tinh',
    kind: 'area',
    level: 'district',
    name: 'Huyện Bắc Yên',
    aliases: ['Bắc Yên'],
    validFrom: '1964-10-20',
  },

  // District Party committee and its bodies
  {
    code: 'huyen-uy',
    parent: 'huyen',
    kind: 'party_committee',
    level: 'district',
    name: 'Huyện ủy Bắc Yên',
    shortName: 'Huyện ủy',
    aliases: [
      'Huyện ủy',
      'Huyện uỷ',
      'Ban Chấp hành Đảng bộ huyện',
      'BCH Đảng bộ huyện',
      'Ban Chấp hành Đảng bộ huyện Bắc Yên',
      'HU',
    ],
  },
  {
    code: 'huyen-uy-btv',
    parent: 'huyen-uy',
    kind: 'party_standing',
    level: 'district',
    name: 'Ban Thường vụ Huyện ủy Bắc Yên',
    shortName: 'BTV Huyện ủy',
    aliases: ['Ban Thường vụ Huyện ủy', 'BTV Huyện ủy', 'BTVHU'],
  },
  {
    code: 'huyen-uy-tt',
    parent: 'huyen-uy',
    kind: 'party_standing',
    level: 'district',
    name: 'Thường trực Huyện ủy Bắc Yên',
    shortName: 'TT Huyện ủy',
    aliases: ['Thường trực Huyện ủy', 'TT Huyện ủy', 'TTHU'],
  },
  {
    code: 'huyen-uy-btc',
    parent: 'huyen-uy',
    kind: 'party_board',
    level: 'district',
    name: 'Ban Tổ chức Huyện ủy Bắc Yên',
    shortName: 'Ban Tổ chức Huyện ủy',
    aliases: ['Ban Tổ chức Huyện ủy', 'Ban TC Huyện ủy', 'BTCHU'],
  },
  {
    code: 'huyen-uy-btg',
    parent: 'huyen-uy',
    kind: 'party_board',
    level: 'district',
    name: 'Ban Tuyên giáo Huyện ủy Bắc Yên',
    shortName: 'Ban Tuyên giáo Huyện ủy',
    aliases: ['Ban Tuyên giáo Huyện ủy', 'Ban TG Huyện ủy', 'BTGHU'],
  },
  {
    code: 'huyen-uy-bdv',
    parent: 'huyen-uy',
    kind: 'party_board',
    level: 'district',
    name: 'Ban Dân vận Huyện ủy Bắc Yên',
    shortName: 'Ban Dân vận Huyện ủy',
    aliases: ['Ban Dân vận Huyện ủy', 'BDV Huyện ủy', 'BDVHU'],
  },
  {
    code: 'huyen-uy-ubkt',
    parent: 'huyen-uy',
    kind: 'party_inspection',
    level: 'district',
    name: 'Ủy ban Kiểm tra Huyện ủy Bắc Yên',
    shortName: 'UBKT Huyện ủy',
    aliases: ['Ủy ban Kiểm tra Huyện ủy', 'UBKT Huyện ủy', 'UBKTHU'],
  },
  {
    code: 'huyen-uy-vp',
    parent: 'huyen-uy',
    kind: 'party_office',
    level: 'district',
    name: 'Văn phòng Huyện ủy Bắc Yên',
    shortName: 'Văn phòng Huyện ủy',
    aliases: ['Văn phòng Huyện ủy', 'VP Huyện ủy', 'VPHU'],
  },
  {
    code: 'huyen-ttct',
    parent: 'huyen-uy',
    kind: 'party_board',
    level: 'district',
    name: 'Trung tâm Chính trị huyện Bắc Yên',
    shortName: 'Trung tâm Chính trị huyện',
    aliases: ['Trung tâm Chính trị huyện', 'TTCT huyện', 'Trung tâm Bồi dưỡng chính trị huyện'],
  },
  // Party organisations directly under the district committee (examples)
  {
    code: 'huyen-uy-cb-quan-su',
    parent: 'huyen-uy',
    kind: 'party_branch',
    level: 'grassroots',
    name: 'Đảng bộ Quân sự huyện Bắc Yên',
    shortName: 'Đảng bộ Quân sự huyện',
    aliases: ['Đảng bộ Quân sự huyện', 'Đảng ủy Quân sự huyện', 'Đảng bộ Ban Chỉ huy Quân sự huyện'],
  },
  {
    code: 'huyen-uy-cb-cong-an',
    parent: 'huyen-uy',
    kind: 'party_branch',
    level: 'grassroots',
    name: 'Đảng bộ Công an huyện Bắc Yên',
    shortName: 'Đảng bộ Công an huyện',
    aliases: ['Đảng bộ Công an huyện', 'Đảng ủy Công an huyện', 'Chi bộ Công an huyện'],
  },
  {
    code: 'huyen-uy-cb-thpt',
    parent: 'huyen-uy',
    kind: 'party_branch',
    level: 'grassroots',
    name: 'Chi bộ Trường THPT Bắc Yên',
    aliases: ['Chi bộ Trường Trung học phổ thông Bắc Yên', 'Chi bộ THPT Bắc Yên'],
  },
  {
    code: 'huyen-uy-cb-co-quan',
    parent: 'huyen-uy',
    kind: 'party_branch',
    level: 'grassroots',
    name: 'Đảng bộ Cơ quan Chính quyền huyện Bắc Yên',
    shortName: 'Đảng bộ Cơ quan Chính quyền huyện',
    aliases: ['Đảng bộ Cơ quan Chính quyền huyện', 'Đảng ủy Cơ quan Chính quyền huyện'],
  },

  // District state bodies
  {
    code: 'huyen-hdnd',
    parent: 'huyen',
    kind: 'council',
    level: 'district',
    name: 'Hội đồng nhân dân huyện Bắc Yên',
    shortName: 'HĐND huyện',
    aliases: ['HĐND huyện', 'Hội đồng Nhân dân huyện', 'HĐND huyện Bắc Yên'],
  },
  {
    code: 'huyen-ubnd',
    parent: 'huyen',
    kind: 'people_committee',
    level: 'district',
    name: 'Ủy ban nhân dân huyện Bắc Yên',
    shortName: 'UBND huyện',
    aliases: ['UBND huyện', 'Ủy ban Nhân dân huyện', 'UBND huyện Bắc Yên'],
  },
  {
    code: 'huyen-ubnd-vp',
    parent: 'huyen-ubnd',
    kind: 'state_agency',
    level: 'district',
    name: 'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Bắc Yên',
    shortName: 'Văn phòng HĐND và UBND huyện',
    aliases: ['Văn phòng HĐND và UBND huyện', 'Văn phòng HĐND&UBND huyện', 'VP HĐND-UBND huyện'],
  },
  {
    code: 'huyen-ubnd-pnv',
    parent: 'huyen-ubnd',
    kind: 'state_agency',
    level: 'district',
    name: 'Phòng Nội vụ huyện Bắc Yên',
    shortName: 'Phòng Nội vụ huyện',
    aliases: ['Phòng Nội vụ huyện', 'Phòng Nội vụ'],
  },
  {
    code: 'huyen-ubnd-pldtbxh',
    parent: 'huyen-ubnd',
    kind: 'state_agency',
    level: 'district',
    name: 'Phòng Lao động - Thương binh và Xã hội huyện Bắc Yên',
    shortName: 'Phòng LĐTB&XH huyện',
    aliases: [
      'Phòng Lao động - Thương binh và Xã hội huyện',
      'Phòng LĐTB&XH huyện',
      'Phòng LĐ-TB&XH huyện',
      'Phòng LĐTBXH huyện',
    ],
  },
  {
    code: 'huyen-ubnd-pvhtt',
    parent: 'huyen-ubnd',
    kind: 'state_agency',
    level: 'district',
    name: 'Phòng Văn hóa và Thông tin huyện Bắc Yên',
    shortName: 'Phòng VH&TT huyện',
    aliases: ['Phòng Văn hóa và Thông tin huyện', 'Phòng VH&TT huyện', 'Phòng Văn hóa - Thông tin huyện'],
  },
  {
    code: 'huyen-vstbpn',
    parent: 'huyen',
    kind: 'women_advancement',
    level: 'district',
    name: 'Ban vì sự tiến bộ của phụ nữ huyện Bắc Yên',
    shortName: 'Ban VSTBPN huyện',
    aliases: [
      'Ban VSTBPN huyện',
      'Ban vì sự tiến bộ Phụ nữ huyện',
      'Ban vì sự tiến bộ của phụ nữ huyện',
      'Ban vì sự tiến bộ của phụ nữ Việt Nam huyện',
    ],
  },

  // District Front and mass organisations
  {
    code: 'huyen-mttq',
    parent: 'huyen',
    kind: 'front',
    level: 'district',
    name: 'Ủy ban Mặt trận Tổ quốc Việt Nam huyện Bắc Yên',
    shortName: 'MTTQ huyện',
    aliases: [
      'UBMTTQVN huyện',
      'MTTQ huyện',
      'Ủy ban MTTQ Việt Nam huyện',
      'Mặt trận Tổ quốc huyện',
      'Ủy ban Mặt trận Tổ quốc Việt Nam huyện',
      'Ủy ban Mặt trận huyện',
    ],
  },
  {
    code: 'huyen-hlhpn',
    parent: 'huyen',
    kind: 'womens_union',
    level: 'district',
    name: 'Hội Liên hiệp Phụ nữ huyện Bắc Yên',
    shortName: 'Hội LHPN huyện',
    aliases: ['Hội LHPN huyện', 'Hội Liên hiệp Phụ nữ huyện', 'Hội Phụ nữ huyện', 'Hội LHPN huyện Bắc Yên'],
  },
  {
    code: 'huyen-doan',
    parent: 'huyen',
    kind: 'youth_union',
    level: 'district',
    name: 'Huyện đoàn Bắc Yên',
    shortName: 'Huyện đoàn',
    aliases: [
      'Đoàn TNCS Hồ Chí Minh huyện',
      'Huyện đoàn',
      'Đoàn Thanh niên huyện',
      'Đoàn TNCS Hồ Chí Minh huyện Bắc Yên',
    ],
  },
  {
    code: 'huyen-hnd',
    parent: 'huyen',
    kind: 'farmers_association',
    level: 'district',
    name: 'Hội Nông dân huyện Bắc Yên',
    shortName: 'Hội Nông dân huyện',
    aliases: ['Hội Nông dân huyện', 'HND huyện'],
  },
  {
    code: 'huyen-hccb',
    parent: 'huyen',
    kind: 'veterans_association',
    level: 'district',
    name: 'Hội Cựu chiến binh huyện Bắc Yên',
    shortName: 'Hội CCB huyện',
    aliases: ['Hội CCB huyện', 'Hội Cựu chiến binh huyện'],
  },
  {
    code: 'huyen-ldld',
    parent: 'huyen',
    kind: 'labour_federation',
    level: 'district',
    name: 'Liên đoàn Lao động huyện Bắc Yên',
    shortName: 'LĐLĐ huyện',
    aliases: ['LĐLĐ huyện', 'Liên đoàn Lao động huyện', 'Công đoàn huyện'],
  },

  // ── Communes (thị trấn and 15 xã) ───────────────────────────────────────────────────────
  ...COMMUNES.flatMap(communeUnits),
];
