import {
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Empty,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useUnit, useUnitAssignments } from '../../api/hooks';
import type { UnitAssignment, UnitDetail, UnitLineage } from '../../api/types';
import { allows } from '../../app/auth';
import { ErrorResult } from '../../components/ErrorResult';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { RoleTag } from '../../components/RoleTag';
import { useIsMobile } from '../../components/useIsMobile';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { CloseUnitModal } from './CloseUnitModal';
import { MoveUnitModal } from './MoveUnitModal';
import { UnitFormModal } from './UnitFormModal';
import { useOrgNames } from './useOrgNames';

const EXCERPT = 180;

function excerpt(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > EXCERPT ? `${clean.slice(0, EXCERPT).replace(/\s+\S*$/, '')}…` : clean;
}

function planName(plan: UnitAssignment['plan']): string {
  return plan.symbol ? `${plan.symbol} — ${plan.title}` : plan.title;
}

function Lineage({ title, items, testId }: { title: string; items: UnitLineage[]; testId: string }) {
  const { t } = useI18n();
  const names = useOrgNames();
  if (items.length === 0) return null;
  return (
    <div className="tk-lineage" data-testid={testId}>
      <div className="tk-closing-label">{title}</div>
      <ul className="tk-plain-list">
        {items.map((item) => (
          <li key={item.id}>
            <Link to={`/units/${item.id}`}>{item.name}</Link>{' '}
            <span className="tk-muted tk-small">
              {names.kindName(item.kind)}
              {item.effectiveOn ? ` · ${t('unit.effectiveOn', { date: formatDate(item.effectiveOn) })}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Assignments({ unitId }: { unitId: string }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const assignments = useUnitAssignments(unitId);

  let body: ReactNode;
  if (assignments.isPending) body = <Loading />;
  else if (assignments.isError)
    body = <ErrorResult error={assignments.error} onRetry={() => void assignments.refetch()} />;
  else if (assignments.data.length === 0) body = <Empty description={t('unit.noAssignments')} />;
  else if (isMobile) {
    body = (
      <div className="tk-card-list">
        {assignments.data.map((item) => (
          <div key={item.id} className="tk-assignment-item" data-testid="unit-assignment" data-role={item.role}>
            <div className="tk-assignment-item-head">
              <span className="tk-task-ref">{item.task.ref}</span>
              <RoleTag role={item.role} />
            </div>
            {item.task.title ? <div className="tk-task-title">{item.task.title}</div> : null}
            <div className="tk-small">{excerpt(item.task.text)}</div>
            <Link to={`/plans/${item.plan.id}`} className="tk-small">
              {planName(item.plan)}
            </Link>
          </div>
        ))}
      </div>
    );
  } else {
    const columns: TableColumnsType<UnitAssignment> = [
      { title: t('unit.col.ref'), dataIndex: ['task', 'ref'], width: 90, render: (ref: string) => <b>{ref}</b> },
      {
        title: t('unit.col.task'),
        dataIndex: ['task', 'text'],
        render: (_, item) => (
          <>
            {item.task.title ? <div className="tk-task-title">{item.task.title}</div> : null}
            {excerpt(item.task.text)}
          </>
        ),
      },
      { title: t('unit.col.role'), dataIndex: 'role', width: 130, render: (role: string) => <RoleTag role={role} /> },
      {
        title: t('unit.col.plan'),
        dataIndex: ['plan', 'title'],
        width: 260,
        render: (_, item) => <Link to={`/plans/${item.plan.id}`}>{planName(item.plan)}</Link>,
      },
    ];
    body = (
      <Table<UnitAssignment>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={assignments.data}
        pagination={assignments.data.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        onRow={(item) => ({ 'data-testid': 'unit-assignment', 'data-role': item.role }) as never}
        scroll={{ x: 760 }}
      />
    );
  }

  return (
    <Card
      className="tk-section"
      data-testid="unit-assignments"
      title={
        <span>
          {t('unit.assignments')}
          {assignments.data ? <span className="tk-count">{assignments.data.length}</span> : null}
        </span>
      }
    >
      {body}
    </Card>
  );
}

type Dialog = 'edit' | 'move' | 'close' | null;

function UnitView({ unit }: { unit: UnitDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const names = useOrgNames();
  const isMobile = useIsMobile();
  const [dialog, setDialog] = useState<Dialog>(null);
  // Edit, move and close: as the server answers for this unit.
  const admin = allows(unit, 'unit.manage');
  const closed = !unit.isActive || !!unit.validTo;

  const saved = (text: string) => () => {
    setDialog(null);
    void message.success(text);
  };

  const actions = admin ? (
    <div className="tk-actions">
      <Button onClick={() => setDialog('edit')} data-testid="edit-unit">
        {t('action.edit')}
      </Button>
      <Button onClick={() => setDialog('move')} disabled={closed} data-testid="move-unit">
        {t('unit.move')}
      </Button>
      <Button danger onClick={() => setDialog('close')} disabled={closed} data-testid="close-unit">
        {t('unit.close')}
      </Button>
    </div>
  ) : null;

  return (
    <div className="tk-stack">
      <Breadcrumb
        items={[
          { title: <Link to="/units">{t('units.title')}</Link> },
          ...unit.ancestors.map((ancestor) => ({
            title: <Link to={`/units/${ancestor.id}`}>{ancestor.name}</Link>,
          })),
          { title: unit.shortName || unit.name },
        ]}
      />
      <PageTitle title={unit.name} extra={actions}>
        <span data-testid="unit-name">{unit.name}</span>
      </PageTitle>
      {closed ? (
        <div>
          <Tag color="volcano" className="tk-wrap-tag" data-testid="closed-tag">
            {unit.validTo ? t('unit.closedOn', { date: formatDate(unit.validTo) }) : t('unit.closed')}
          </Tag>
        </div>
      ) : null}

      <Card className="tk-section" title={t('unit.info')}>
        <Descriptions column={isMobile ? 1 : 2} size="small" bordered={!isMobile}>
          <Descriptions.Item label={t('unit.shortName')}>{unit.shortName || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('unit.code')}>{unit.code || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('unit.kind')}>{names.kindName(unit.kind)}</Descriptions.Item>
          <Descriptions.Item label={t('unit.level')}>{names.levelName(unit.level)}</Descriptions.Item>
          <Descriptions.Item label={t('unit.validFrom')}>{formatDate(unit.validFrom) || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('unit.validTo')}>{formatDate(unit.validTo) || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('unit.aliases')} span={isMobile ? 1 : 2}>
            {unit.aliases.length > 0 ? (
              <div className="tk-tags" data-testid="unit-aliases">
                {unit.aliases.map((alias) => (
                  <Tag key={alias} className="tk-wrap-tag">
                    {alias}
                  </Tag>
                ))}
              </div>
            ) : (
              '—'
            )}
          </Descriptions.Item>
        </Descriptions>
        {unit.predecessors.length > 0 || unit.successors.length > 0 ? (
          <div className="tk-lineages">
            <Lineage title={t('unit.predecessors')} items={unit.predecessors} testId="predecessors" />
            <Lineage title={t('unit.successors')} items={unit.successors} testId="successors" />
          </div>
        ) : null}
      </Card>

      <Card
        className="tk-section"
        data-testid="unit-children"
        title={
          <span>
            {t('unit.children')}
            <span className="tk-count">{unit.children.length}</span>
          </span>
        }
      >
        {unit.children.length === 0 ? (
          <Typography.Text type="secondary">{t('unit.noChildren')}</Typography.Text>
        ) : (
          <ul className="tk-plain-list tk-children">
            {unit.children.map((child) => (
              <li key={child.id}>
                <Link to={`/units/${child.id}`} className={child.isActive ? undefined : 'tk-closed-name'}>
                  {child.name}
                </Link>{' '}
                <span className="tk-muted tk-small">
                  {names.kindName(child.kind)} · {names.levelName(child.level)}
                </span>
                {!child.isActive ? (
                  <Tag className="tk-inline-tag">
                    {child.validTo ? t('unit.closedOn', { date: formatDate(child.validTo) }) : t('unit.closed')}
                  </Tag>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Assignments unitId={unit.id} />

      {admin && dialog === 'edit' ? (
        <UnitFormModal unit={unit} onClose={() => setDialog(null)} onSaved={saved(t('unit.saved'))} />
      ) : null}
      {admin && dialog === 'move' ? (
        <MoveUnitModal unit={unit} onClose={() => setDialog(null)} onSaved={saved(t('unit.moved'))} />
      ) : null}
      {admin && dialog === 'close' ? (
        <CloseUnitModal unit={unit} onClose={() => setDialog(null)} onSaved={saved(t('unit.closedDone'))} />
      ) : null}
    </div>
  );
}

export default function UnitPage() {
  const { id = '' } = useParams();
  const unit = useUnit(id);
  if (unit.isPending) return <Loading />;
  if (unit.isError) return <ErrorResult error={unit.error} onRetry={() => void unit.refetch()} />;
  return <UnitView key={unit.data.id} unit={unit.data} />;
}
