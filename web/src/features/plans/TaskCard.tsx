import { Button, Input, Pagination, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useTaskAssignments } from '../../api/hooks';
import type { Assignment, AssignmentSummary, TaskNode } from '../../api/types';
import { RoleTag } from '../../components/RoleTag';
import { formatDate, isIsoDate } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { NodeProgressTag } from '../overview/Progress';

const PAGE_SIZE = 20;

export function formatCount(n: number, lang: string): string {
  return n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US');
}

function UnitName({ assignment }: { assignment: Assignment }) {
  const { t } = useI18n();
  if (assignment.unitId) {
    return (
      <Link to={`/units/${assignment.unitId}`} title={assignment.organization}>
        {assignment.unitName ?? assignment.organization}
      </Link>
    );
  }
  return (
    <>
      {assignment.organization}{' '}
      <span className="tk-unlinked" data-testid="unlinked">
        ({t('task.unlinked')})
      </span>
    </>
  );
}

/** Every unit of one role of a task, a page at a time, with a search box. */
function AssignmentPager({ planId, taskId, role }: { planId: string; taskId: string; role: string }) {
  const { t, lang } = useI18n();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const query = { role, q: q || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const result = useTaskAssignments(planId, taskId, query);
  const data = result.data;
  return (
    <div className="tk-assignment-pager" data-testid="assignment-pager">
      <Input.Search
        allowClear
        size="middle"
        placeholder={t('task.searchUnits')}
        aria-label={t('task.searchUnits')}
        onSearch={(value) => {
          setQ(value.trim());
          setPage(1);
        }}
      />
      {result.isError ? <Typography.Text type="danger">{t('task.loadFailed')}</Typography.Text> : null}
      <ol className="tk-assignment-page" start={(page - 1) * PAGE_SIZE + 1}>
        {(data?.items ?? []).map((a) => (
          <li key={a.id} data-testid="assignment-page-item">
            <UnitName assignment={a} />
          </li>
        ))}
      </ol>
      {data && data.total === 0 ? <Typography.Text type="secondary">{t('task.noMatch')}</Typography.Text> : null}
      {data && data.total > PAGE_SIZE ? (
        <Pagination
          simple
          size="small"
          current={page}
          pageSize={PAGE_SIZE}
          total={data.total}
          onChange={setPage}
          showTotal={(total) => t('units.count', { count: formatCount(total, lang) })}
        />
      ) : null}
    </div>
  );
}

/**
 * A task's assignments, one line per role ("Chủ trì", "Thực hiện", …): the units named one by
 * one, each collective phrase with its count ("Các cấp ủy đảng: 17 đơn vị"), and the first few
 * names; "Xem tất cả" opens the paged list of that role.
 */
function Assignments({ planId, taskId, summary }: { planId: string; taskId: string; summary: AssignmentSummary }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <dl className="tk-roles" data-testid="assignments">
      {summary.roles.map((role) => {
        const shown = role.groups.reduce((n, g) => n + g.first.length, 0);
        const more = role.count - shown;
        return (
          <div key={role.role} className="tk-role" data-testid="assignment-role" data-role={role.role}>
            <dt className="tk-role-name">
              <RoleTag role={role.role} />
              {role.count > 1 ? <span className="tk-role-count">{formatCount(role.count, lang)}</span> : null}
            </dt>
            <dd className="tk-role-units">
              {role.groups.map((group) => (
                <div key={group.selector ?? ''} className="tk-role-group">
                  {group.selector ? (
                    <div className="tk-selector" data-testid="assignment-selector">
                      {group.selector}: {t('units.count', { count: formatCount(group.count, lang) })}
                    </div>
                  ) : null}
                  <ul className="tk-unit-list">
                    {group.first.map((a) => (
                      <li key={a.id} className="tk-assignment" data-testid="assignment" data-role={a.role}>
                        <UnitName assignment={a} />
                      </li>
                    ))}
                    {group.count > group.first.length ? (
                      <li className="tk-muted">
                        {t('task.andMore', { count: formatCount(group.count - group.first.length, lang) })}
                      </li>
                    ) : null}
                  </ul>
                </div>
              ))}
              {more > 0 ? (
                <Button
                  type="link"
                  size="small"
                  className="tk-role-more"
                  data-testid="assignment-expand"
                  aria-expanded={open === role.role}
                  onClick={() => setOpen(open === role.role ? null : role.role)}
                >
                  {open === role.role ? t('task.hideAll') : t('task.showAll', { count: formatCount(role.count, lang) })}
                </Button>
              ) : null}
              {open === role.role ? <AssignmentPager planId={planId} taskId={taskId} role={role.role} /> : null}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

export function TaskCard({ planId, task }: { planId: string; task: TaskNode }) {
  const { t, label } = useI18n();
  const deadline = task.deadline ? (isIsoDate(task.deadline) ? formatDate(task.deadline) : task.deadline) : null;

  return (
    <article className="tk-task" data-testid="task" data-ref={task.ref}>
      <header className="tk-task-head">
        <span className="tk-task-ref">{task.ref}</span>
        {task.title ? <span className="tk-task-title">{task.title}</span> : null}
        <NodeProgressTag planId={planId} nodeId={task.id} />
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
      {task.assignments.total > 0 ? (
        <Assignments planId={planId} taskId={task.id} summary={task.assignments} />
      ) : (
        <Typography.Text type="secondary" className="tk-small">
          {t('task.noAssignments')}
        </Typography.Text>
      )}
    </article>
  );
}
