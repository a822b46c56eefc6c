import { Progress as Bar, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/I18nProvider';
import { type ProgressNode, usePlanProgress } from './hooks';

/** Status colours of the task tree (antd preset colours). */
export const PROGRESS_COLORS: Record<ProgressNode['state'], string> = {
  done: 'green',
  in_progress: 'blue',
  overdue: 'red',
  not_started: 'default',
  cancelled: 'default',
  none: 'default',
};

/**
 * A task's or a section's state in the current period, as a coloured tag with the units done
 * over the units owed. Reads the plan's one cached progress answer (no request per node); shows
 * nothing when the plan has no obligations or the node owes nothing this period.
 */
export function NodeProgressTag({ planId, nodeId }: { planId: string; nodeId: string }) {
  const { t } = useI18n();
  const progress = usePlanProgress(planId);
  const node = progress.data?.nodes.find((n) => n.id === nodeId);
  if (!node || node.state === 'none') return null;
  return (
    <Tooltip title={t('progress.taskUnits', { done: node.done, owed: node.owed })}>
      <Tag
        color={PROGRESS_COLORS[node.state]}
        className="tk-progress-tag"
        data-testid="progress-tag"
        data-state={node.state}
      >
        {t(`progress.state.${node.state}`)} · {node.done}/{node.owed}
      </Tag>
    </Tooltip>
  );
}

/** The plan's progress in the current period (counts, never averaged percentages) and the link to the overview. */
export function PlanProgressSummary({ planId }: { planId: string }) {
  const { t } = useI18n();
  const progress = usePlanProgress(planId);
  const data = progress.data;
  const link = (
    <Link to={`/plans/${planId}/overview`} data-testid="open-overview">
      {t('overview.open')}
    </Link>
  );
  if (!data || data.period === null) return <div className="tk-plan-progress">{link}</div>;
  const p = data.plan;
  return (
    <div className="tk-plan-progress" data-testid="plan-progress" data-state={p.state}>
      <div>
        <Typography.Text strong>{t('progress.title', { period: data.period })}</Typography.Text>{' '}
        <Tag color={PROGRESS_COLORS[p.state]}>{t(`progress.state.${p.state}`)}</Tag> {link}
      </div>
      <Bar
        percent={p.owed > 0 ? Math.round((100 * p.done) / p.owed) : 0}
        size="small"
        status={p.state === 'overdue' ? 'exception' : p.state === 'done' ? 'success' : 'normal'}
        aria-label={t('progress.units', { done: p.done, owed: p.owed })}
      />
      <Typography.Text type="secondary" className="tk-small">
        {t('progress.units', { done: p.done, owed: p.owed })} ·{' '}
        {t('progress.tasks', { done: p.tasksDone, total: p.tasks })}
        {p.weight !== p.tasks ? ` (${t('progress.weighted', { done: p.weightDone, total: p.weight })})` : ''}
      </Typography.Text>
      <div className="tk-small tk-muted">{t('progress.rule')}</div>
    </div>
  );
}
