import type { DocSystem } from '../../api/types';

/**
 * Document types with their codes (shared/reference/documents.md §2). The Vietnamese name is
 * data (it is what the document says and what is stored); the interface shows `docType.<code>`.
 */
export const DOC_TYPES: { code: string; name: string }[] = [
  { code: 'NQ', name: 'Nghị quyết' },
  { code: 'QĐ', name: 'Quyết định' },
  { code: 'QĐi', name: 'Quy định' },
  { code: 'QC', name: 'Quy chế' },
  { code: 'CT', name: 'Chỉ thị' },
  { code: 'KL', name: 'Kết luận' },
  { code: 'TT', name: 'Thông tri' },
  { code: 'HD', name: 'Hướng dẫn' },
  { code: 'TB', name: 'Thông báo' },
  { code: 'BC', name: 'Báo cáo' },
  { code: 'KH', name: 'Kế hoạch' },
  { code: 'CTr', name: 'Chương trình' },
  { code: 'ĐA', name: 'Đề án' },
  { code: 'PA', name: 'Phương án' },
  { code: 'TTr', name: 'Tờ trình' },
  { code: 'CV', name: 'Công văn' },
];

/** A stored document's system, when it is one the interface knows. */
export const docSystem = (value: string | null | undefined): DocSystem | null =>
  value === 'party' || value === 'state' ? value : null;

export const DOC_RELATIONS = ['implements', 'basis', 'cites', 'replaces'] as const;

export const RELATION_COLORS: Record<string, string> = {
  implements: 'red',
  basis: 'blue',
  cites: 'default',
  replaces: 'purple',
};

/** "12,3 KB" */
export function formatSize(bytes: number, lang: 'vi' | 'en'): string {
  const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}
