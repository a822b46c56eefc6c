import { Alert, App, Button, Card, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useFiguresApproval, useFiguresStep } from './approval.hooks';

/** The figures' review state and the submit / accept / return actions on the form (issue 8). */
export interface FiguresReviewBarProps {
  unitId: string;
  periodKey: string;
  /** Called after a state change so that the form reloads (its lock depends on the state). */
  onChanged?: () => void;
}

export const FIGURES_STATE_COLORS: Record<string, string> = {
  draft: 'blue',
  submitted: 'gold',
  returned: 'orange',
  accepted: 'green',
};

const errorText = (error: unknown) => (error instanceof ApiError ? error.detail || error.code : String(error));

/**
 * The review bar of a unit's form (docs/indicators.md "Approval"): the state, the deadline and
 * the reviewing level; for the unit head, "submit" (refused while the form has errors, unexplained
 * warnings or missing cells, as the bar says); for the reviewer, "accept" and "return" with a
 * comment, and the units below still pending (a level is accepted only after them).
 */
export function FiguresReviewBar({ unitId, periodKey, onChanged }: FiguresReviewBarProps) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const approval = useFiguresApproval(unitId, periodKey);
  const step = useFiguresStep(unitId, periodKey);
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');

  if (approval.isPending || approval.isError) return null;
  const a = approval.data;
  const o = a.obligation;
  if (!o) {
    return (
      <Typography.Paragraph type="secondary" className="tk-small" data-testid="figures-review-bar">
        {t('indicators.review.bar.noObligation')}
      </Typography.Paragraph>
    );
  }
  const due = o.extendedDueOn ?? o.dueOn;
  const ready = a.readiness.errors + a.readiness.warnings + a.readiness.missing === 0;
  const run = (s: 'submit' | 'accept' | 'return', text?: string) =>
    step.mutate(
      { obligationId: o.id, step: s, version: o.version, ...(text ? { comment: text } : {}) },
      {
        onSuccess: () => {
          message.success(t('indicators.review.bar.done'));
          setReturning(false);
          setComment('');
          onChanged?.();
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  const submit = () =>
    modal.confirm({
      title: t('indicators.review.bar.submit'),
      content: t('indicators.review.bar.submitConfirm', { unit: o.reviewerUnitName }),
      okText: t('indicators.review.bar.submit'),
      onOk: () => run('submit'),
    });

  return (
    <Card size="small" className="tk-figures-review" data-testid="figures-review-bar">
      <Space wrap size={[8, 8]} style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space wrap size={[8, 4]}>
          <Tag color={FIGURES_STATE_COLORS[o.reviewState] ?? 'default'} data-testid="figures-state">
            {t(`indicators.review.state.${o.reviewState}` as 'indicators.review.state.draft')}
          </Tag>
          <Typography.Text>{t('indicators.review.bar.due', { date: formatDate(due) })}</Typography.Text>
          <Typography.Text type="secondary" className="tk-small">
            {t('indicators.review.bar.reviewer', { unit: o.reviewerUnitName })}
            {o.submittedAt ? ` · ${formatDateTime(o.submittedAt)}` : ''}
          </Typography.Text>
        </Space>
        <Space wrap size={8}>
          {a.actions.includes('report.submit') ? (
            <Button
              type="primary"
              onClick={submit}
              disabled={!ready}
              loading={step.isPending}
              style={{ minHeight: 40 }}
              data-testid="figures-submit"
            >
              {t('indicators.review.bar.submit')}
            </Button>
          ) : null}
          {a.actions.includes('report.review') ? (
            <>
              <Button
                type="primary"
                onClick={() => run('accept')}
                disabled={a.childrenPending.count > 0}
                loading={step.isPending}
                style={{ minHeight: 40 }}
                data-testid="figures-accept"
              >
                {t('indicators.review.bar.accept')}
              </Button>
              <Button danger onClick={() => setReturning(true)} style={{ minHeight: 40 }} data-testid="figures-return">
                {t('indicators.review.bar.return')}
              </Button>
            </>
          ) : null}
        </Space>
      </Space>
      {o.reviewState === 'returned' && o.reviewComment ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          message={t('indicators.review.bar.comment', { comment: o.reviewComment })}
        />
      ) : null}
      {a.actions.includes('report.submit') ? (
        <Typography.Paragraph
          type={ready ? 'success' : 'warning'}
          className="tk-small"
          style={{ margin: '8px 0 0' }}
          data-testid="figures-readiness"
        >
          {ready ? t('indicators.review.bar.ready') : t('indicators.review.bar.notReady', a.readiness)}
        </Typography.Paragraph>
      ) : null}
      {a.childrenPending.count > 0 ? (
        <div className="tk-small" style={{ marginTop: 8 }} data-testid="figures-children-pending">
          <Typography.Text type="warning">
            {t('indicators.review.bar.childrenPending', { count: a.childrenPending.count })}
          </Typography.Text>
          {': '}
          {a.childrenPending.units.slice(0, 10).map((u, i) => (
            <span key={u.obligationId}>
              {i > 0 ? ', ' : ''}
              <Link to={`/indicators/forms/${u.unitId}/${periodKey}`}>{u.unitName}</Link>
            </span>
          ))}
          {a.childrenPending.count > 10 ? ', …' : ''}
        </div>
      ) : null}
      <Modal
        open={returning}
        title={t('indicators.review.bar.returnTitle')}
        okText={t('indicators.review.bar.return')}
        okButtonProps={{ danger: true, disabled: comment.trim() === '', loading: step.isPending }}
        onOk={() => run('return', comment.trim())}
        onCancel={() => setReturning(false)}
        destroyOnHidden
      >
        <Input.TextArea
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          rows={4}
          maxLength={5000}
          placeholder={t('indicators.review.bar.returnComment')}
          aria-label={t('indicators.review.bar.returnComment')}
          data-testid="figures-return-comment"
        />
      </Modal>
    </Card>
  );
}
