import { Card, Empty, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import type { ObligationRow, OwedState } from './hooks';

export const STATE_COLORS: Record<OwedState, string> = {
  overdue: 'red',
  returned: 'orange',
  due: 'blue',
  submitted: 'gold',
  accepted: 'green',
};

/** Obligations as cards (one column at every width): what, for which period, by when, and its state. */
export function ObligationList({ items, showUnit }: { items: ObligationRow[]; showUnit: boolean }) {
  const { t, lang } = useI18n();
  if (items.length === 0) return <Empty description={t('followup.empty')} />;
  return (
    <div className="tk-card-list" data-testid="obligation-list">
      {items.map((o) => (
        <Link
          key={o.id}
          // Figures are entered, submitted and reviewed on their form (docs/indicators.md "Approval").
          to={o.role === 'figures' ? `/indicators/forms/${o.unit.id}/${o.period.key}` : `/obligations/${o.id}`}
          className="tk-card-link"
          data-testid="obligation-row"
        >
          <Card size="small" hoverable>
            <div className="tk-followup-row">
              <Tag color={STATE_COLORS[o.state]} data-testid="obligation-state">
                {t(`followup.state.${o.state}`)}
              </Tag>
              <Typography.Text strong className={o.overdue ? 'tk-followup-late' : undefined}>
                {t('followup.dueOn', { date: formatDate(o.effectiveDueOn) })}
              </Typography.Text>
              {o.extendedDueOn ? (
                <Typography.Text type="secondary" className="tk-small">
                  {t('followup.extendedFrom', { date: formatDate(o.dueOn) })}
                </Typography.Text>
              ) : null}
            </div>
            <div className="tk-card-title tk-followup-text">
              {o.task
                ? `${o.task.label ? `${o.task.label}. ` : ''}${o.task.text ?? ''}`
                : o.role === 'figures'
                  ? t('indicators.review.figuresLine')
                  : t('followup.planReport', { plan: o.planSymbol ?? o.planTitle })}
            </div>
            <div className="tk-small tk-muted">
              {[
                t('followup.period', {
                  key: lang === 'en' ? o.period.labelEn : o.period.labelVi,
                  start: formatDate(o.period.start),
                  end: formatDate(o.period.end),
                }),
                o.planSymbol ?? o.planTitle,
                showUnit ? o.unit.name : null,
                o.role === 'coordinate' ? t('followup.role.coordinate') : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </div>
            {o.returnedComment ? (
              <div className="tk-small" data-testid="returned-comment">
                <Typography.Text type="warning">{t('followup.returnedComment')}</Typography.Text> {o.returnedComment}
              </div>
            ) : null}
          </Card>
        </Link>
      ))}
    </div>
  );
}
