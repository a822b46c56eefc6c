/**
 * Reference lists loaded on every installation (not demo data). Levels are data: an
 * administrator can add, rename or end a level (the district level ended on 2025-07-01).
 */
export interface LevelDef {
  code: string;
  nameVi: string;
  nameEn: string;
  rank: number;
  validFrom: string | null;
  validTo: string | null;
}

export const DEFAULT_LEVELS: LevelDef[] = [
  { code: 'central', nameVi: 'Trung ương', nameEn: 'Central', rank: 10, validFrom: null, validTo: null },
  { code: 'province', nameVi: 'Tỉnh', nameEn: 'Province', rank: 20, validFrom: null, validTo: null },
  { code: 'district', nameVi: 'Huyện', nameEn: 'District', rank: 30, validFrom: null, validTo: '2025-07-01' },
  { code: 'commune', nameVi: 'Xã', nameEn: 'Commune', rank: 40, validFrom: null, validTo: null },
  { code: 'grassroots', nameVi: 'Cơ sở', nameEn: 'Grassroots', rank: 50, validFrom: null, validTo: null },
];

export interface KindDef {
  code: string;
  nameVi: string;
  nameEn: string;
  system: 'area' | 'party' | 'state' | 'front' | 'mass' | 'other';
}

export const DEFAULT_KINDS: KindDef[] = [
  { code: 'area', nameVi: 'Địa bàn (đơn vị hành chính)', nameEn: 'Administrative area', system: 'area' },
  { code: 'party_committee', nameVi: 'Cấp ủy đảng', nameEn: 'Party committee', system: 'party' },
  {
    code: 'party_standing',
    nameVi: 'Ban Thường vụ / Thường trực cấp ủy',
    nameEn: 'Party standing committee',
    system: 'party',
  },
  { code: 'party_board', nameVi: 'Ban, cơ quan tham mưu của cấp ủy', nameEn: 'Party advisory board', system: 'party' },
  { code: 'party_inspection', nameVi: 'Ủy ban Kiểm tra', nameEn: 'Party inspection commission', system: 'party' },
  { code: 'party_office', nameVi: 'Văn phòng cấp ủy', nameEn: 'Party committee office', system: 'party' },
  {
    code: 'party_branch',
    nameVi: 'Chi bộ, đảng bộ cơ sở',
    nameEn: 'Party branch or grassroots committee',
    system: 'party',
  },
  { code: 'council', nameVi: 'Hội đồng nhân dân', nameEn: "People's Council", system: 'state' },
  { code: 'people_committee', nameVi: 'Ủy ban nhân dân', nameEn: "People's Committee", system: 'state' },
  { code: 'state_agency', nameVi: 'Cơ quan chuyên môn', nameEn: 'State agency', system: 'state' },
  { code: 'front', nameVi: 'Ủy ban Mặt trận Tổ quốc', nameEn: 'Fatherland Front committee', system: 'front' },
  { code: 'womens_union', nameVi: 'Hội Liên hiệp Phụ nữ', nameEn: "Women's Union", system: 'mass' },
  { code: 'youth_union', nameVi: 'Đoàn Thanh niên', nameEn: 'Youth Union', system: 'mass' },
  { code: 'farmers_association', nameVi: 'Hội Nông dân', nameEn: "Farmers' Association", system: 'mass' },
  { code: 'veterans_association', nameVi: 'Hội Cựu chiến binh', nameEn: "Veterans' Association", system: 'mass' },
  { code: 'labour_federation', nameVi: 'Liên đoàn Lao động', nameEn: 'Labour Federation', system: 'mass' },
  {
    code: 'women_advancement',
    nameVi: 'Ban vì sự tiến bộ của phụ nữ',
    nameEn: 'Committee for the Advancement of Women',
    system: 'state',
  },
];
