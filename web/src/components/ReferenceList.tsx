import { Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { PlanReference } from '../api/types';
import { RELATION_COLORS } from '../features/documents/docTypes';
import { formatDate } from '../i18n/format';
import { type I18n, useI18n } from '../i18n/I18nProvider';

/** What a reference needs to be listed: a plan's full reference, or a document's short one. */
export type ListedReference = Pick<PlanReference, 'asWritten' | 'symbol' | 'date' | 'relation'> &
  Partial<Pick<PlanReference, 'typeName' | 'issuer' | 'documentId'>>;

function referenceText(ref: ListedReference, { t }: I18n): string {
  if (ref.asWritten) return ref.asWritten;
  return [
    ref.typeName,
    ref.symbol ? t('plan.symbolValue', { symbol: ref.symbol }) : null,
    ref.date ? t('plan.datedOn', { date: formatDate(ref.date) }) : null,
    ref.issuer ? t('plan.issuedBy', { issuer: ref.issuer }) : null,
  ]
    .filter(Boolean)
    .join(' ');
}

/** The documents a text refers to, with their relation, linked when they are in the registry. */
export function ReferenceList({ references }: { references: ListedReference[] }) {
  const i18n = useI18n();
  if (references.length === 0) return <Typography.Text type="secondary">{i18n.t('plan.noReferences')}</Typography.Text>;
  return (
    <ul className="tk-plain-list">
      {references.map((ref) => (
        <li
          key={`${ref.relation}|${ref.asWritten ?? ''}|${ref.symbol ?? ''}`}
          className="tk-reference"
          data-testid="reference"
          data-relation={ref.relation}
        >
          <Tag color={RELATION_COLORS[ref.relation] ?? 'default'} className="tk-wrap-tag">
            {i18n.label('relation', ref.relation)}
          </Tag>
          {ref.documentId ? (
            <Link to={`/documents/${ref.documentId}`} data-testid="reference-link">
              {referenceText(ref, i18n)}
            </Link>
          ) : (
            <span>{referenceText(ref, i18n)}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
