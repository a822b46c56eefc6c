import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';

const ROLE_COLORS: Record<string, string> = {
  lead: 'red',
  responsible: 'blue',
  coordinate: 'green',
  advised: 'purple',
  report_to: 'gold',
};

export function roleColor(role: string): string {
  return ROLE_COLORS[role] ?? 'default';
}

/** Only the role, e.g. "Chủ trì". */
export function RoleTag({ role }: { role: string }) {
  const { label } = useI18n();
  return (
    <Tag color={roleColor(role)} className="tk-wrap-tag">
      {label('role', role)}
    </Tag>
  );
}

/** A role with whom it falls on: "Chủ trì: Ban Dân vận Tỉnh ủy". */
export function AssignmentTag({ role, children }: { role: string; children: ReactNode }) {
  const { label } = useI18n();
  return (
    <Tag color={roleColor(role)} className="tk-wrap-tag tk-assignment" data-testid="assignment" data-role={role}>
      <span className="tk-assignment-role">{label('role', role)}:</span> {children}
    </Tag>
  );
}
