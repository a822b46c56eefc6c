import { Typography } from 'antd';
import { Link } from 'react-router';
import type { Task } from '../../api/types';
import { AssignmentTag } from '../../components/RoleTag';
import { formatDate, isIsoDate } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';

export function TaskCard({ task }: { task: Task }) {
  const { t, label } = useI18n();
  const deadline = task.deadline ? (isIsoDate(task.deadline) ? formatDate(task.deadline) : task.deadline) : null;

  return (
    <article className="tk-task" data-testid="task" data-ref={task.ref}>
      <header className="tk-task-head">
        <span className="tk-task-ref">{task.ref}</span>
        {task.title ? <span className="tk-task-title">{task.title}</span> : null}
      </header>
      <Typography.Paragraph className="tk-task-text">{task.text}</Typography.Paragraph>
      {deadline || task.recurrence ? (
        <div className="tk-task-meta">
          {deadline ? (
            <span>
              <span className="tk-muted">{t('task.deadline')}:</span> {deadline}
            </span>
          ) : null}
          {task.recurrence ? (
            <span>
              <span className="tk-muted">{t('task.recurrence')}:</span> {label('recurrence', task.recurrence)}
            </span>
          ) : null}
        </div>
      ) : null}
      {task.assignments.length > 0 ? (
        <div className="tk-task-assignments">
          {task.assignments.map((assignment) => (
            <AssignmentTag key={assignment.id} role={assignment.role}>
              {assignment.unitId ? (
                <Link to={`/units/${assignment.unitId}`} title={assignment.organization}>
                  {assignment.unitName ?? assignment.organization}
                </Link>
              ) : (
                <>
                  {assignment.organization}{' '}
                  <span className="tk-unlinked" data-testid="unlinked">
                    ({t('task.unlinked')})
                  </span>
                </>
              )}
            </AssignmentTag>
          ))}
        </div>
      ) : (
        <Typography.Text type="secondary" className="tk-small">
          {t('task.noAssignments')}
        </Typography.Text>
      )}
    </article>
  );
}
