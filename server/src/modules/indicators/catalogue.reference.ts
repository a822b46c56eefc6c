import type { Aggregation, CategoryOption } from '../../platform/db/schema.js';

/**
 * The Directive 21 indicator catalogue as shipped (docs/indicators.md, from
 * ../shared/reference/indicators.md §1–2). Loaded into every installation at start when missing;
 * an administrator edits it from then on (the loader never overwrites a row that exists).
 *
 * Reporting units: the catalogue's "Organisation board" figures are reported by the Party committee
 * the board serves (the directory's boards share one kind); "Social affairs" figures by the
 * People's Committee; Women's Union figures by the Women's Union.
 */

export interface CategorySeed {
  code: string;
  nameVi: string;
  nameEn: string;
  options: CategoryOption[];
}

export interface ElementSeed {
  code: string;
  nameVi: string;
  nameEn: string;
  descriptionVi?: string;
  descriptionEn?: string;
  aggregation: Aggregation;
  categories?: string[];
  reporterKinds: string[];
  frequency?: 'annual' | 'semiannual';
  min?: number;
  max?: number;
  /** Year-on-year change above this share warns (0.5 = ±50 %). */
  yoy?: number;
  required?: boolean;
  computed?: string;
}

export interface TargetSeed {
  /** First and last year the value applies to (the milestone year is the last). */
  from: number;
  to: number;
  value: number;
  source: string;
  note?: string;
}

export interface IndicatorSeed {
  code: string;
  nameVi: string;
  nameEn: string;
  definitionVi: string;
  definitionEn: string;
  area: 'LD' | 'HV' | 'BL' | 'HT' | 'CD' | 'QL';
  numerator: string;
  denominator: string | null;
  factor?: number;
  direction?: 'up' | 'down';
  disaggregations: string[];
  reporterVi: string;
  reporterEn: string;
  periods: ('T' | 'Y' | 'H')[];
  targets: TargetSeed[];
}

export interface RuleSeed {
  code: string;
  nameVi: string;
  nameEn: string;
  left: string;
  operator: '<=' | '<' | '>=' | '>' | '==';
  right: string;
  importance: 'error' | 'warning';
}

const dtts = (code: string, nameVi: string, nameEn: string): CategoryOption => ({
  code,
  nameVi,
  nameEn,
  group: 'dtts',
});

export const CATEGORIES: CategorySeed[] = [
  {
    code: 'ETH',
    nameVi: 'Dân tộc',
    nameEn: 'Ethnicity',
    options: [
      { code: 'kinh', nameVi: 'Kinh', nameEn: 'Kinh' },
      dtts('thai', 'Thái', 'Thai'),
      dtts('mong', 'Mông', 'Hmong'),
      dtts('muong', 'Mường', 'Muong'),
      dtts('dao', 'Dao', 'Dao'),
      dtts('tay', 'Tày', 'Tay'),
      dtts('khac', 'Dân tộc thiểu số khác', 'Other ethnic minority'),
    ],
  },
  {
    code: 'AGE',
    nameVi: 'Độ tuổi',
    nameEn: 'Age band',
    options: [
      { code: 'duoi40', nameVi: 'Dưới 40', nameEn: 'Under 40' },
      { code: 'tu40', nameVi: '40–49', nameEn: '40–49' },
      { code: 'tu50', nameVi: 'Từ 50', nameEn: '50 and over' },
    ],
  },
  {
    code: 'LLCT',
    nameVi: 'Trình độ lý luận chính trị',
    nameEn: 'Political theory',
    options: [
      { code: 'cao_cap', nameVi: 'Cao cấp, cử nhân', nameEn: 'Advanced' },
      { code: 'trung_cap', nameVi: 'Trung cấp', nameEn: 'Intermediate' },
      { code: 'so_cap', nameVi: 'Sơ cấp, chưa qua đào tạo', nameEn: 'Elementary or none' },
    ],
  },
  {
    code: 'COURSE',
    nameVi: 'Loại lớp',
    nameEn: 'Course',
    options: [
      { code: 'llct_cao_cap', nameVi: 'Cao cấp lý luận chính trị', nameEn: 'Advanced political theory' },
      { code: 'llct_trung_cap', nameVi: 'Trung cấp lý luận chính trị', nameEn: 'Intermediate political theory' },
      { code: 'qlnn', nameVi: 'Quản lý nhà nước', nameEn: 'State management' },
    ],
  },
  {
    code: 'APPT',
    nameVi: 'Hình thức bổ nhiệm',
    nameEn: 'Appointment',
    options: [
      { code: 'moi', nameVi: 'Bổ nhiệm mới', nameEn: 'New appointment' },
      { code: 'lai', nameVi: 'Bổ nhiệm lại', nameEn: 'Re-appointment' },
    ],
  },
  {
    code: 'VFORM',
    nameVi: 'Hình thức bạo lực',
    nameEn: 'Form of violence',
    options: [
      { code: 'than_the', nameVi: 'Thân thể', nameEn: 'Physical' },
      { code: 'tinh_than', nameVi: 'Tinh thần', nameEn: 'Psychological' },
      { code: 'tinh_duc', nameVi: 'Tình dục', nameEn: 'Sexual' },
      { code: 'kinh_te', nameVi: 'Kinh tế', nameEn: 'Economic' },
    ],
  },
  {
    code: 'VICTIM',
    nameVi: 'Nạn nhân',
    nameEn: 'Victim',
    options: [
      { code: 'phu_nu', nameVi: 'Phụ nữ', nameEn: 'Women' },
      { code: 'tre_em_gai', nameVi: 'Trẻ em gái', nameEn: 'Girls' },
      { code: 'khac', nameVi: 'Người khác (trẻ em trai, người cao tuổi nam)', nameEn: 'Others' },
    ],
  },
  {
    code: 'GROUP',
    nameVi: 'Nhóm phụ nữ theo Chỉ thị 21',
    nameEn: 'Directive 21 group of women',
    options: [
      { code: 'vung_cao', nameVi: 'Vùng cao, vùng sâu, biên giới, hải đảo', nameEn: 'Remote, border, island areas' },
      { code: 'dtts', nameVi: 'Dân tộc thiểu số', nameEn: 'Ethnic minority' },
      { code: 'khuyet_tat', nameVi: 'Khuyết tật', nameEn: 'With disability' },
      { code: 'don_than', nameVi: 'Đơn thân', nameEn: 'Single' },
      { code: 'cao_tuoi', nameVi: 'Cao tuổi', nameEn: 'Elderly' },
      { code: 'mang_thai', nameVi: 'Mang thai, nuôi con nhỏ', nameEn: 'Pregnant or with young children' },
      { code: 'di_cu', nameVi: 'Lao động nữ di cư', nameEn: 'Migrant workers' },
      { code: 'chuyen_nghe', nameVi: 'Chuyển đổi nghề', nameEn: 'Changing occupation' },
    ],
  },
  {
    code: 'SUPPORT',
    nameVi: 'Hình thức hỗ trợ',
    nameEn: 'Support',
    options: [
      { code: 'von', nameVi: 'Vốn, tín dụng', nameEn: 'Credit' },
      { code: 'sinh_ke', nameVi: 'Sinh kế, việc làm, học nghề', nameEn: 'Livelihood, jobs, training' },
      { code: 'y_te', nameVi: 'Y tế, chăm sóc sức khỏe', nameEn: 'Health care' },
      { code: 'phap_ly', nameVi: 'Tư vấn, trợ giúp pháp lý', nameEn: 'Legal aid' },
      { code: 'khac', nameVi: 'Khác', nameEn: 'Other' },
    ],
  },
  {
    code: 'SERVICE',
    nameVi: 'Dịch vụ hỗ trợ',
    nameEn: 'Service',
    options: [
      { code: 'y_te', nameVi: 'Y tế', nameEn: 'Health' },
      { code: 'tam_tru', nameVi: 'Nơi tạm lánh', nameEn: 'Shelter' },
      { code: 'tu_van', nameVi: 'Tư vấn tâm lý', nameEn: 'Counselling' },
      { code: 'phap_ly', nameVi: 'Trợ giúp pháp lý', nameEn: 'Legal aid' },
    ],
  },
];

const PARTY = ['party_committee', 'party_branch'];
const COMMITTEE = ['party_committee'];
const COUNCIL = ['council'];
const PEOPLE = ['people_committee'];
const WOMEN = ['womens_union'];

export const ELEMENTS: ElementSeed[] = [
  // W21-LD01, LD02, LD10: Party committees (term-start snapshot, updated yearly).
  {
    code: 'CU_TONG',
    nameVi: 'Tổng số cấp ủy viên',
    nameEn: 'Party committee members',
    aggregation: 'last',
    reporterKinds: PARTY,
    yoy: 0.5,
  },
  {
    code: 'CU_NU',
    nameVi: 'Nữ cấp ủy viên',
    nameEn: 'Women committee members',
    aggregation: 'last',
    categories: ['AGE', 'ETH'],
    reporterKinds: PARTY,
    yoy: 0.5,
  },
  {
    code: 'CU_NU_LLCT',
    nameVi: 'Nữ cấp ủy viên theo trình độ lý luận chính trị',
    nameEn: 'Women committee members by political theory',
    aggregation: 'last',
    categories: ['LLCT'],
    reporterKinds: PARTY,
  },
  {
    code: 'BTV_CO',
    nameVi: 'Cấp ủy có ban thường vụ (1 = có)',
    nameEn: 'Committee has a standing committee (1 = yes)',
    aggregation: 'last',
    reporterKinds: COMMITTEE,
    max: 1,
  },
  {
    code: 'BTV_NU',
    nameVi: 'Ban thường vụ có ít nhất một nữ (1 = có)',
    nameEn: 'Standing committee has a woman (1 = yes)',
    aggregation: 'last',
    reporterKinds: COMMITTEE,
    max: 1,
  },
  // W21-LD03
  {
    code: 'HDND_TONG',
    nameVi: 'Tổng số đại biểu HĐND',
    nameEn: "People's Council deputies",
    aggregation: 'last',
    reporterKinds: COUNCIL,
  },
  {
    code: 'HDND_NU',
    nameVi: 'Nữ đại biểu HĐND',
    nameEn: "Women People's Council deputies",
    aggregation: 'last',
    categories: ['AGE', 'ETH'],
    reporterKinds: COUNCIL,
  },
  // W21-LD04, LD05
  {
    code: 'CQ_TONG',
    nameVi: 'Số cơ quan QLNN, chính quyền',
    nameEn: 'State agencies and local governments',
    aggregation: 'last',
    reporterKinds: PEOPLE,
  },
  {
    code: 'CQ_LDNU',
    nameVi: 'Số cơ quan có lãnh đạo chủ chốt là nữ',
    nameEn: 'Of which with a woman key leader',
    aggregation: 'last',
    reporterKinds: PEOPLE,
  },
  {
    code: 'CQ30_TONG',
    nameVi: 'Số cơ quan, đơn vị có từ 30% nữ trở lên',
    nameEn: 'Units with at least 30% women staff',
    aggregation: 'last',
    reporterKinds: [...COMMITTEE, ...PEOPLE],
  },
  {
    code: 'CQ30_LDNU',
    nameVi: 'Trong đó có lãnh đạo chủ chốt là nữ',
    nameEn: 'Of which with a woman key leader',
    aggregation: 'last',
    reporterKinds: [...COMMITTEE, ...PEOPLE],
  },
  // W21-LD06 … LD09 (the Organisation Board, reported by its committee)
  {
    code: 'QH_TONG',
    nameVi: 'Cán bộ trong quy hoạch',
    nameEn: 'Cadres in the cadre plan',
    aggregation: 'last',
    reporterKinds: COMMITTEE,
  },
  {
    code: 'QH_NU',
    nameVi: 'Nữ trong quy hoạch',
    nameEn: 'Women in the cadre plan',
    aggregation: 'last',
    categories: ['AGE', 'ETH'],
    reporterKinds: COMMITTEE,
  },
  {
    code: 'DT_TONG',
    nameVi: 'Cán bộ được cử đi đào tạo LLCT, QLNN',
    nameEn: 'Cadres sent to political-theory and state-management courses',
    aggregation: 'sum',
    categories: ['COURSE'],
    reporterKinds: COMMITTEE,
  },
  {
    code: 'DT_NU',
    nameVi: 'Nữ được cử đi đào tạo',
    nameEn: 'Women sent to courses',
    aggregation: 'sum',
    categories: ['COURSE'],
    reporterKinds: COMMITTEE,
  },
  {
    code: 'BN_TONG',
    nameVi: 'Cán bộ được bổ nhiệm',
    nameEn: 'Appointments',
    aggregation: 'sum',
    categories: ['APPT'],
    reporterKinds: COMMITTEE,
  },
  {
    code: 'BN_NU',
    nameVi: 'Nữ được bổ nhiệm',
    nameEn: 'Women appointed',
    aggregation: 'sum',
    categories: ['APPT'],
    reporterKinds: COMMITTEE,
  },
  {
    code: 'LC_TONG',
    nameVi: 'Cán bộ được luân chuyển',
    nameEn: 'Cadres rotated',
    aggregation: 'sum',
    reporterKinds: COMMITTEE,
  },
  {
    code: 'LC_NU',
    nameVi: 'Nữ được luân chuyển',
    nameEn: 'Women rotated',
    aggregation: 'sum',
    reporterKinds: COMMITTEE,
  },
  // W21-LD11
  {
    code: 'KN_TONG',
    nameVi: 'Đảng viên mới kết nạp',
    nameEn: 'New Party members',
    aggregation: 'sum',
    reporterKinds: PARTY,
  },
  {
    code: 'KN_NU',
    nameVi: 'Nữ đảng viên mới kết nạp',
    nameEn: 'Women among new Party members',
    aggregation: 'sum',
    categories: ['ETH'],
    reporterKinds: PARTY,
  },
  // W21-HV01
  {
    code: 'PN_18',
    nameVi: 'Phụ nữ từ 18 tuổi trở lên trên địa bàn',
    nameEn: 'Women aged 18+ in the area',
    aggregation: 'last',
    reporterKinds: WOMEN,
    yoy: 0.3,
  },
  {
    code: 'HV_NU',
    nameVi: 'Hội viên Hội LHPN',
    nameEn: "Women's Union members",
    aggregation: 'last',
    categories: ['ETH'],
    reporterKinds: WOMEN,
    yoy: 0.3,
  },
  // W21-BL01 … BL04 (the commune's People's Committee)
  {
    code: 'BL_VU',
    nameVi: 'Số vụ bạo lực gia đình với phụ nữ, trẻ em được phát hiện',
    nameEn: 'Domestic-violence cases against women and children detected',
    aggregation: 'sum',
    categories: ['VFORM'],
    reporterKinds: PEOPLE,
  },
  {
    code: 'BL_VU_XL',
    nameVi: 'Số vụ đã được xử lý',
    nameEn: 'Cases handled',
    aggregation: 'sum',
    reporterKinds: PEOPLE,
  },
  {
    code: 'BL_NN',
    nameVi: 'Nạn nhân bạo lực được phát hiện',
    nameEn: 'Violence victims detected',
    aggregation: 'sum',
    categories: ['VICTIM'],
    reporterKinds: PEOPLE,
  },
  {
    code: 'BL_NN_HT',
    nameVi: 'Nạn nhân được tiếp cận ít nhất một dịch vụ hỗ trợ',
    nameEn: 'Victims who reached at least one support service',
    aggregation: 'sum',
    categories: ['VICTIM'],
    reporterKinds: PEOPLE,
  },
  {
    code: 'BL_GBL',
    nameVi: 'Người gây bạo lực được phát hiện (không bị truy cứu hình sự)',
    nameEn: 'Perpetrators detected (not prosecuted)',
    aggregation: 'sum',
    reporterKinds: PEOPLE,
  },
  {
    code: 'BL_GBL_TV',
    nameVi: 'Người gây bạo lực được tư vấn',
    nameEn: 'Perpetrators counselled',
    aggregation: 'sum',
    reporterKinds: PEOPLE,
  },
  {
    code: 'MB_VU',
    nameVi: 'Số vụ mua bán người',
    nameEn: 'Trafficking cases',
    aggregation: 'sum',
    reporterKinds: PEOPLE,
  },
  {
    code: 'MB_NN',
    nameVi: 'Nạn nhân bị mua bán trở về có nhu cầu hỗ trợ',
    nameEn: 'Trafficking returnees in need of support',
    aggregation: 'sum',
    reporterKinds: PEOPLE,
  },
  {
    code: 'MB_NN_HT',
    nameVi: 'Nạn nhân bị mua bán trở về được hỗ trợ',
    nameEn: 'Trafficking returnees supported',
    aggregation: 'sum',
    categories: ['SERVICE'],
    reporterKinds: PEOPLE,
  },
  // W21-HT01, HT02 (the Women's Union)
  {
    code: 'HT_PN',
    nameVi: 'Phụ nữ thuộc nhóm đặc thù được hỗ trợ',
    nameEn: 'Women of the Directive 21 groups supported',
    aggregation: 'sum',
    categories: ['GROUP'],
    reporterKinds: WOMEN,
  },
  {
    code: 'HT_LUOT',
    nameVi: 'Lượt hỗ trợ theo hình thức',
    nameEn: 'Support given, by type',
    aggregation: 'sum',
    categories: ['SUPPORT'],
    reporterKinds: WOMEN,
  },
  {
    code: 'HN_THOAT',
    nameVi: 'Hộ có phụ nữ thoát nghèo, cận nghèo',
    nameEn: 'Households with women leaving (near-)poverty',
    aggregation: 'sum',
    categories: ['ETH'],
    reporterKinds: WOMEN,
  },
  // W21-CD01, CD02
  {
    code: 'DTH_CO',
    nameVi: 'Đã tổ chức đối thoại giữa người đứng đầu cấp ủy, chính quyền với phụ nữ (1 = có)',
    nameEn: 'Held a leaders–women dialogue (1 = yes)',
    aggregation: 'last',
    reporterKinds: COMMITTEE,
    max: 1,
  },
  {
    code: 'DTH_SO',
    nameVi: 'Số cuộc đối thoại',
    nameEn: 'Dialogues held',
    aggregation: 'sum',
    reporterKinds: COMMITTEE,
  },
  {
    code: 'DTH_KN',
    nameVi: 'Kiến nghị của phụ nữ tại đối thoại',
    nameEn: 'Petitions raised',
    aggregation: 'sum',
    reporterKinds: COMMITTEE,
  },
  {
    code: 'DTH_KN_GQ',
    nameVi: 'Kiến nghị đã được giải quyết',
    nameEn: 'Petitions resolved',
    aggregation: 'sum',
    reporterKinds: COMMITTEE,
  },
  {
    code: 'KH_CT21',
    nameVi: 'Cấp ủy đã ban hành kế hoạch hoặc sơ kết Chỉ thị 21 (1 = có)',
    nameEn: 'Committee issued a Directive 21 plan or review (1 = yes)',
    aggregation: 'last',
    reporterKinds: COMMITTEE,
    max: 1,
  },
  // W21-QL01: computed from the follow-through's obligations, never typed.
  {
    code: 'BC_DUNG_HAN',
    nameVi: 'Báo cáo nộp đúng hạn, đầy đủ',
    nameEn: 'Reports on time and complete',
    aggregation: 'sum',
    reporterKinds: [],
    required: false,
    computed: 'obligations.on_time',
  },
  {
    code: 'BC_PHAI_NOP',
    nameVi: 'Báo cáo phải nộp',
    nameEn: 'Reports expected',
    aggregation: 'sum',
    reporterKinds: [],
    required: false,
    computed: 'obligations.expected',
  },
];

const NQ11 = 'Nghị quyết 11-NQ/TW (27/4/2007)';
const NQ26 = 'Nghị quyết 26-NQ/TW (19/5/2018)';
const QD50 = 'Quy định 50-QĐ/TW (27/12/2021)';
const NQ28 = 'Nghị quyết 28/NQ-CP (03/3/2021), Chiến lược quốc gia về bình đẳng giới 2021–2030';
const LOCAL = 'Chỉ tiêu của địa phương (quản trị viên điều chỉnh)';

export const INDICATORS: IndicatorSeed[] = [
  {
    code: 'W21-LD01',
    nameVi: 'Tỷ lệ nữ cấp ủy viên',
    nameEn: 'Women among Party committee members',
    definitionVi: 'Số nữ cấp ủy viên ÷ tổng số cấp ủy viên, ×100.',
    definitionEn: 'Women committee members ÷ all committee members, ×100.',
    area: 'LD',
    numerator: 'CU_NU',
    denominator: 'CU_TONG',
    disaggregations: ['ETH', 'AGE', 'LLCT', 'LEVEL'],
    reporterVi: 'Cấp ủy báo cáo cấp ủy cấp trên',
    reporterEn: 'Committee to its superior',
    periods: ['T', 'Y'],
    targets: [
      { from: 2021, to: 2025, value: 25, source: NQ11 },
      { from: 2026, to: 2030, value: 25, source: NQ26, note: '20–25% đến năm 2030; lấy mức cao' },
    ],
  },
  {
    code: 'W21-LD02',
    nameVi: 'Tỷ lệ cấp ủy có nữ trong ban thường vụ',
    nameEn: 'Committees with a woman on the standing committee',
    definitionVi: 'Số cấp ủy có ít nhất một nữ ủy viên ban thường vụ ÷ số cấp ủy có ban thường vụ, ×100.',
    definitionEn: 'Committees with at least one woman on the standing committee ÷ committees that have one, ×100.',
    area: 'LD',
    numerator: 'BTV_NU',
    denominator: 'BTV_CO',
    disaggregations: ['LEVEL'],
    reporterVi: 'Cấp ủy cấp trên',
    reporterEn: 'Superior committee',
    periods: ['T', 'Y'],
    targets: [{ from: 2021, to: 2030, value: 100, source: NQ26 }],
  },
  {
    code: 'W21-LD03',
    nameVi: 'Tỷ lệ nữ đại biểu HĐND',
    nameEn: "Women People's Council deputies",
    definitionVi: 'Số nữ đại biểu HĐND ÷ tổng số đại biểu, ×100.',
    definitionEn: 'Women deputies ÷ all deputies, ×100.',
    area: 'LD',
    numerator: 'HDND_NU',
    denominator: 'HDND_TONG',
    disaggregations: ['ETH', 'AGE', 'LEVEL'],
    reporterVi: 'Thường trực HĐND',
    reporterEn: "People's Council office",
    periods: ['T'],
    targets: [
      { from: 2021, to: 2025, value: 35, source: NQ11, note: '35–40%' },
      { from: 2026, to: 2030, value: 35, source: NQ26, note: 'trên 35%' },
    ],
  },
  {
    code: 'W21-LD04',
    nameVi: 'Tỷ lệ cơ quan QLNN, chính quyền có lãnh đạo chủ chốt là nữ',
    nameEn: 'State agencies and local governments with a woman key leader',
    definitionVi: 'Số cơ quan, chính quyền có Chủ tịch/Phó Chủ tịch (thủ trưởng/cấp phó) là nữ ÷ số cơ quan, ×100.',
    definitionEn: 'Units with a woman chair or vice-chair (head or deputy) ÷ units, ×100.',
    area: 'LD',
    numerator: 'CQ_LDNU',
    denominator: 'CQ_TONG',
    disaggregations: ['LEVEL'],
    reporterVi: 'Cơ quan nội vụ',
    reporterEn: 'Home affairs',
    periods: ['Y'],
    targets: [
      { from: 2021, to: 2025, value: 60, source: NQ28 },
      { from: 2026, to: 2030, value: 75, source: NQ28 },
    ],
  },
  {
    code: 'W21-LD05',
    nameVi: 'Tỷ lệ đơn vị có từ 30% nữ trở lên có lãnh đạo chủ chốt là nữ',
    nameEn: 'Units with at least 30% women staff that have a woman key leader',
    definitionVi: 'Số đơn vị có từ 30% nữ có lãnh đạo chủ chốt là nữ ÷ số đơn vị có từ 30% nữ, ×100.',
    definitionEn: 'Such units with a woman head or deputy ÷ units with at least 30% women staff, ×100.',
    area: 'LD',
    numerator: 'CQ30_LDNU',
    denominator: 'CQ30_TONG',
    disaggregations: ['LEVEL'],
    reporterVi: 'Cơ quan, đơn vị báo cáo cấp ủy',
    reporterEn: 'Unit to its committee',
    periods: ['Y'],
    targets: [{ from: 2021, to: 2030, value: 100, source: NQ11, note: '"nhất thiết phải có"' }],
  },
  {
    code: 'W21-LD06',
    nameVi: 'Tỷ lệ nữ trong quy hoạch',
    nameEn: 'Women in cadre plans',
    definitionVi: 'Số nữ trong quy hoạch ÷ tổng số cán bộ trong quy hoạch, ×100.',
    definitionEn: 'Women planned ÷ all planned, ×100.',
    area: 'LD',
    numerator: 'QH_NU',
    denominator: 'QH_TONG',
    disaggregations: ['ETH', 'AGE', 'LEVEL'],
    reporterVi: 'Ban Tổ chức (qua cấp ủy)',
    reporterEn: 'Organisation board (through its committee)',
    periods: ['Y'],
    targets: [{ from: 2021, to: 2030, value: 25, source: QD50 }],
  },
  {
    code: 'W21-LD07',
    nameVi: 'Tỷ lệ nữ được cử đào tạo LLCT, QLNN',
    nameEn: 'Women among trainees sent to political-theory and state-management courses',
    definitionVi: 'Số nữ được cử đi đào tạo ÷ tổng số được cử, ×100.',
    definitionEn: 'Women sent ÷ all sent, ×100.',
    area: 'LD',
    numerator: 'DT_NU',
    denominator: 'DT_TONG',
    disaggregations: ['COURSE', 'LEVEL'],
    reporterVi: 'Ban Tổ chức (qua cấp ủy)',
    reporterEn: 'Organisation board (through its committee)',
    periods: ['H', 'Y'],
    targets: [
      {
        from: 2021,
        to: 2030,
        value: 30,
        source: 'Đề xuất tại tổng kết 10 năm Nghị quyết 11-NQ/TW (8/2017)',
        note: 'Đề xuất, chưa phải chỉ tiêu chính thức',
      },
    ],
  },
  {
    code: 'W21-LD08',
    nameVi: 'Tỷ lệ nữ được bổ nhiệm',
    nameEn: 'Women among appointments',
    definitionVi: 'Số nữ được bổ nhiệm ÷ tổng số được bổ nhiệm, ×100.',
    definitionEn: 'Women appointed ÷ appointed, ×100.',
    area: 'LD',
    numerator: 'BN_NU',
    denominator: 'BN_TONG',
    disaggregations: ['APPT', 'LEVEL'],
    reporterVi: 'Ban Tổ chức (qua cấp ủy)',
    reporterEn: 'Organisation board (through its committee)',
    periods: ['H', 'Y'],
    targets: [
      { from: 2021, to: 2030, value: 25, source: LOCAL, note: 'Gợi ý: không thấp hơn tỷ lệ nữ trong quy hoạch' },
    ],
  },
  {
    code: 'W21-LD09',
    nameVi: 'Tỷ lệ nữ được luân chuyển',
    nameEn: 'Women among rotated cadres',
    definitionVi: 'Số nữ được luân chuyển ÷ tổng số được luân chuyển, ×100.',
    definitionEn: 'Women rotated ÷ rotated, ×100.',
    area: 'LD',
    numerator: 'LC_NU',
    denominator: 'LC_TONG',
    disaggregations: ['LEVEL'],
    reporterVi: 'Ban Tổ chức (qua cấp ủy)',
    reporterEn: 'Organisation board (through its committee)',
    periods: ['Y'],
    targets: [],
  },
  {
    code: 'W21-LD10',
    nameVi: 'Tỷ lệ nữ dân tộc thiểu số trong cấp ủy, quy hoạch',
    nameEn: 'Ethnic-minority women in committees and plans',
    definitionVi: 'Số nữ người dân tộc thiểu số (cấp ủy và quy hoạch) ÷ số nữ (cấp ủy và quy hoạch), ×100.',
    definitionEn: 'Ethnic-minority women (committees and plans) ÷ women (committees and plans), ×100.',
    area: 'LD',
    numerator: 'CU_NU[ETH:@dtts] + QH_NU[ETH:@dtts]',
    denominator: 'CU_NU + QH_NU',
    disaggregations: ['ETH', 'LEVEL'],
    reporterVi: 'Ban Tổ chức (qua cấp ủy)',
    reporterEn: 'Organisation board (through its committee)',
    periods: ['T', 'Y'],
    targets: [],
  },
  {
    code: 'W21-LD11',
    nameVi: 'Tỷ lệ nữ trong đảng viên mới kết nạp',
    nameEn: 'Women among new Party members',
    definitionVi: 'Số nữ được kết nạp ÷ tổng số đảng viên mới kết nạp, ×100.',
    definitionEn: 'Women admitted ÷ admitted, ×100.',
    area: 'LD',
    numerator: 'KN_NU',
    denominator: 'KN_TONG',
    disaggregations: ['ETH', 'LEVEL'],
    reporterVi: 'Tổ chức cơ sở đảng',
    reporterEn: 'Grassroots Party organisation',
    periods: ['H', 'Y'],
    targets: [],
  },
  {
    code: 'W21-HV01',
    nameVi: 'Tỷ lệ phụ nữ từ 18 tuổi là hội viên',
    nameEn: "Women 18+ who are Women's Union members",
    definitionVi: 'Số hội viên ÷ số phụ nữ từ 18 tuổi trở lên trên địa bàn, ×100.',
    definitionEn: 'Members ÷ women aged 18+ in the area, ×100.',
    area: 'HV',
    numerator: 'HV_NU',
    denominator: 'PN_18',
    disaggregations: ['ETH', 'LEVEL'],
    reporterVi: 'Hội LHPN cơ sở',
    reporterEn: "Women's Union branch",
    periods: ['H', 'Y'],
    targets: [{ from: 2021, to: 2030, value: 70, source: LOCAL, note: 'Theo nghị quyết đại hội Hội LHPN địa phương' }],
  },
  {
    code: 'W21-BL01',
    nameVi: 'Tỷ lệ vụ bạo lực gia đình với phụ nữ, trẻ em đã được xử lý',
    nameEn: 'Domestic-violence cases against women and children handled',
    definitionVi: 'Số vụ đã xử lý ÷ số vụ được phát hiện, ×100; kèm số vụ theo hình thức bạo lực.',
    definitionEn: 'Cases handled ÷ cases detected, ×100; with the case counts by form of violence.',
    area: 'BL',
    numerator: 'BL_VU_XL',
    denominator: 'BL_VU',
    disaggregations: ['VFORM', 'LEVEL'],
    reporterVi: 'UBND xã báo cáo lên tỉnh',
    reporterEn: 'Commune to province',
    periods: ['H', 'Y'],
    targets: [
      { from: 2021, to: 2030, value: 100, source: LOCAL, note: 'Theo dõi (chỉ tiêu thống kê cấp huyện của TCTK)' },
    ],
  },
  {
    code: 'W21-BL02',
    nameVi: 'Tỷ lệ nạn nhân bạo lực được tiếp cận ít nhất một dịch vụ hỗ trợ',
    nameEn: 'Violence victims reaching at least one basic service',
    definitionVi: 'Số nạn nhân được tiếp cận ít nhất một dịch vụ hỗ trợ cơ bản ÷ số nạn nhân được phát hiện, ×100.',
    definitionEn: 'Victims served ÷ victims detected, ×100.',
    area: 'BL',
    numerator: 'BL_NN_HT',
    denominator: 'BL_NN',
    disaggregations: ['VICTIM', 'LEVEL'],
    reporterVi: 'Cơ quan lao động – xã hội, Hội LHPN',
    reporterEn: "Social affairs, Women's Union",
    periods: ['H', 'Y'],
    targets: [
      { from: 2021, to: 2025, value: 80, source: NQ28 },
      { from: 2026, to: 2030, value: 90, source: NQ28 },
    ],
  },
  {
    code: 'W21-BL03',
    nameVi: 'Tỷ lệ người gây bạo lực được tư vấn',
    nameEn: 'Perpetrators counselled',
    definitionVi: 'Số người gây bạo lực được tư vấn ÷ số người gây bạo lực được phát hiện (không bị truy cứu), ×100.',
    definitionEn: 'Counselled ÷ detected (not prosecuted), ×100.',
    area: 'BL',
    numerator: 'BL_GBL_TV',
    denominator: 'BL_GBL',
    disaggregations: ['LEVEL'],
    reporterVi: 'UBND xã',
    reporterEn: 'Commune',
    periods: ['Y'],
    targets: [
      { from: 2021, to: 2025, value: 50, source: NQ28 },
      { from: 2026, to: 2030, value: 70, source: NQ28 },
    ],
  },
  {
    code: 'W21-BL04',
    nameVi: 'Tỷ lệ nạn nhân bị mua bán trở về được hỗ trợ',
    nameEn: 'Trafficking returnees supported',
    definitionVi: 'Số nạn nhân bị mua bán trở về được hỗ trợ ÷ số có nhu cầu hỗ trợ, ×100; kèm số vụ.',
    definitionEn: 'Supported ÷ returnees in need, ×100; with the case counts.',
    area: 'BL',
    numerator: 'MB_NN_HT',
    denominator: 'MB_NN',
    disaggregations: ['SERVICE', 'LEVEL'],
    reporterVi: 'Công an, cơ quan lao động – xã hội',
    reporterEn: 'Police, social affairs',
    periods: ['H', 'Y'],
    targets: [{ from: 2025, to: 2030, value: 100, source: NQ28 }],
  },
  {
    code: 'W21-HT01',
    nameVi: 'Số phụ nữ thuộc nhóm đặc thù được hỗ trợ',
    nameEn: 'Women in the Directive 21 target groups who were supported',
    definitionVi:
      'Số phụ nữ các nhóm Chỉ thị 21 nêu (vùng cao, DTTS, khuyết tật, đơn thân, cao tuổi, mang thai, di cư, chuyển đổi nghề) được hỗ trợ.',
    definitionEn: 'Women of the groups Directive 21 names who were supported.',
    area: 'HT',
    numerator: 'HT_PN',
    denominator: null,
    factor: 1,
    disaggregations: ['GROUP', 'SUPPORT', 'LEVEL'],
    reporterVi: 'Hội LHPN, cơ quan lao động – xã hội',
    reporterEn: "Women's Union, social affairs",
    periods: ['H', 'Y'],
    targets: [],
  },
  {
    code: 'W21-HT02',
    nameVi: 'Số hộ có phụ nữ thoát nghèo, cận nghèo',
    nameEn: 'Households with women leaving (near-)poverty',
    definitionVi: 'Số hộ có phụ nữ làm chủ hoặc là thành viên thoát nghèo, cận nghèo trong năm.',
    definitionEn: 'Households with women that left poverty or near-poverty in the year.',
    area: 'HT',
    numerator: 'HN_THOAT',
    denominator: null,
    factor: 1,
    disaggregations: ['ETH', 'LEVEL'],
    reporterVi: 'Hội LHPN',
    reporterEn: "Women's Union",
    periods: ['Y'],
    targets: [],
  },
  {
    code: 'W21-CD01',
    nameVi: 'Tỷ lệ đơn vị tổ chức đối thoại với phụ nữ',
    nameEn: 'Units holding a leaders–women dialogue',
    definitionVi: 'Số đơn vị tổ chức ít nhất một cuộc đối thoại trong năm ÷ số đơn vị báo cáo, ×100.',
    definitionEn: 'Units with at least one dialogue in the year ÷ units reporting, ×100.',
    area: 'CD',
    numerator: 'DTH_CO',
    denominator: 'COUNT(DTH_CO)',
    disaggregations: ['LEVEL'],
    reporterVi: 'Hội LHPN và văn phòng cấp ủy',
    reporterEn: "Women's Union and committee office",
    periods: ['Y'],
    targets: [{ from: 2021, to: 2030, value: 100, source: LOCAL, note: 'Ít nhất một cuộc mỗi năm' }],
  },
  {
    code: 'W21-CD02',
    nameVi: 'Tỷ lệ cấp ủy có kế hoạch, sơ kết Chỉ thị 21',
    nameEn: 'Committees that issued a Directive 21 plan or review',
    definitionVi: 'Số cấp ủy đã ban hành kế hoạch hoặc sơ kết Chỉ thị 21 ÷ số cấp ủy báo cáo, ×100.',
    definitionEn: 'Committees that did ÷ committees reporting, ×100.',
    area: 'CD',
    numerator: 'KH_CT21',
    denominator: 'COUNT(KH_CT21)',
    disaggregations: ['LEVEL'],
    reporterVi: 'Ban Dân vận',
    reporterEn: 'Mass Mobilisation Commission',
    periods: ['Y'],
    targets: [{ from: 2021, to: 2030, value: 100, source: LOCAL }],
  },
  {
    code: 'W21-QL01',
    nameVi: 'Tỷ lệ báo cáo đúng hạn, đầy đủ',
    nameEn: 'Reports on time and complete',
    definitionVi: 'Số báo cáo nộp đúng hạn và được chấp nhận ÷ số báo cáo phải nộp, ×100 (hệ thống tự tính).',
    definitionEn: 'On-time, accepted reports ÷ expected reports, ×100 (computed by the system).',
    area: 'QL',
    numerator: 'BC_DUNG_HAN',
    denominator: 'BC_PHAI_NOP',
    disaggregations: ['LEVEL'],
    reporterVi: 'Hệ thống',
    reporterEn: 'System',
    periods: ['Y'],
    targets: [{ from: 2021, to: 2030, value: 100, source: LOCAL }],
  },
];

export const RULES: RuleSeed[] = [
  {
    code: 'V-CU-NU',
    nameVi: 'Nữ cấp ủy viên không vượt tổng số cấp ủy viên',
    nameEn: 'Women committee members do not exceed all members',
    left: 'CU_NU',
    operator: '<=',
    right: 'CU_TONG',
    importance: 'error',
  },
  {
    code: 'V-CU-NU-LLCT',
    nameVi: 'Nữ cấp ủy viên theo trình độ LLCT bằng tổng nữ cấp ủy viên',
    nameEn: 'Women members by political theory add up to women members',
    left: 'CU_NU_LLCT',
    operator: '==',
    right: 'CU_NU',
    importance: 'error',
  },
  {
    code: 'V-BTV',
    nameVi: 'Chỉ có thể có nữ trong ban thường vụ khi có ban thường vụ',
    nameEn: 'A woman on the standing committee needs a standing committee',
    left: 'BTV_NU',
    operator: '<=',
    right: 'BTV_CO',
    importance: 'error',
  },
  {
    code: 'V-HDND',
    nameVi: 'Nữ đại biểu HĐND không vượt tổng số đại biểu',
    nameEn: 'Women deputies do not exceed all deputies',
    left: 'HDND_NU',
    operator: '<=',
    right: 'HDND_TONG',
    importance: 'error',
  },
  {
    code: 'V-CQ',
    nameVi: 'Số cơ quan có lãnh đạo nữ không vượt số cơ quan',
    nameEn: 'Units with a woman leader do not exceed units',
    left: 'CQ_LDNU',
    operator: '<=',
    right: 'CQ_TONG',
    importance: 'error',
  },
  {
    code: 'V-CQ30',
    nameVi: 'Đơn vị từ 30% nữ có lãnh đạo nữ không vượt số đơn vị từ 30% nữ',
    nameEn: 'Units ≥30% women with a woman leader do not exceed such units',
    left: 'CQ30_LDNU',
    operator: '<=',
    right: 'CQ30_TONG',
    importance: 'error',
  },
  {
    code: 'V-QH',
    nameVi: 'Nữ trong quy hoạch không vượt tổng số trong quy hoạch',
    nameEn: 'Women planned do not exceed all planned',
    left: 'QH_NU',
    operator: '<=',
    right: 'QH_TONG',
    importance: 'error',
  },
  {
    code: 'V-DT',
    nameVi: 'Nữ được cử đào tạo không vượt tổng số được cử',
    nameEn: 'Women sent do not exceed all sent',
    left: 'DT_NU',
    operator: '<=',
    right: 'DT_TONG',
    importance: 'error',
  },
  {
    code: 'V-BN',
    nameVi: 'Nữ được bổ nhiệm không vượt tổng số được bổ nhiệm',
    nameEn: 'Women appointed do not exceed appointments',
    left: 'BN_NU',
    operator: '<=',
    right: 'BN_TONG',
    importance: 'error',
  },
  {
    code: 'V-LC',
    nameVi: 'Nữ được luân chuyển không vượt tổng số được luân chuyển',
    nameEn: 'Women rotated do not exceed rotated',
    left: 'LC_NU',
    operator: '<=',
    right: 'LC_TONG',
    importance: 'error',
  },
  {
    code: 'V-KN',
    nameVi: 'Nữ đảng viên mới không vượt tổng số đảng viên mới',
    nameEn: 'Women admitted do not exceed admitted',
    left: 'KN_NU',
    operator: '<=',
    right: 'KN_TONG',
    importance: 'error',
  },
  {
    code: 'V-HV',
    nameVi: 'Hội viên không vượt số phụ nữ từ 18 tuổi',
    nameEn: 'Members do not exceed women aged 18+',
    left: 'HV_NU',
    operator: '<=',
    right: 'PN_18',
    importance: 'error',
  },
  {
    code: 'V-BL-XL',
    nameVi: 'Số vụ đã xử lý không vượt số vụ phát hiện',
    nameEn: 'Cases handled do not exceed cases detected',
    left: 'BL_VU_XL',
    operator: '<=',
    right: 'BL_VU',
    importance: 'error',
  },
  {
    code: 'V-BL-NN',
    nameVi: 'Nạn nhân được hỗ trợ không vượt số nạn nhân phát hiện',
    nameEn: 'Victims served do not exceed victims detected',
    left: 'BL_NN_HT',
    operator: '<=',
    right: 'BL_NN',
    importance: 'error',
  },
  {
    code: 'V-BL-GBL',
    nameVi: 'Người gây bạo lực được tư vấn không vượt số phát hiện',
    nameEn: 'Perpetrators counselled do not exceed perpetrators detected',
    left: 'BL_GBL_TV',
    operator: '<=',
    right: 'BL_GBL',
    importance: 'error',
  },
  {
    code: 'V-MB',
    nameVi: 'Nạn nhân mua bán được hỗ trợ không vượt số có nhu cầu',
    nameEn: 'Returnees supported do not exceed returnees in need',
    left: 'MB_NN_HT',
    operator: '<=',
    right: 'MB_NN',
    importance: 'error',
  },
  {
    code: 'V-DTH-KN',
    nameVi: 'Kiến nghị đã giải quyết không vượt kiến nghị được nêu',
    nameEn: 'Petitions resolved do not exceed petitions raised',
    left: 'DTH_KN_GQ',
    operator: '<=',
    right: 'DTH_KN',
    importance: 'error',
  },
  {
    code: 'V-BL-VU-NN',
    nameVi: 'Số nạn nhân thường không ít hơn số vụ',
    nameEn: 'Victims are usually no fewer than cases',
    left: 'BL_NN',
    operator: '>=',
    right: 'BL_VU',
    importance: 'warning',
  },
];
