import {
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Pagination,
  Popconfirm,
  Row,
  Select,
  Statistic,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorResult, useErrorMessage } from '../../components/ErrorResult';
import { IsoDatePicker } from '../../components/IsoDatePicker';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { StaleVersionAlert } from '../../components/StaleVersionAlert';
import { useIsMobile } from '../../components/useIsMobile';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import {
  FORMS,
  type Form as FormCode,
  type NewSession,
  type Rollup,
  type RollupRow,
  type SessionItem,
  useRollup,
  useSessions,
  useSessionWrites,
} from './hooks';

const GROUPS = ['cadres', 'partyMembers', 'associationMembers', 'people'] as const;
type Group = (typeof GROUPS)[number];
const UNITS_PAGE = 50;
const PENDING_PAGE = 20;
const SESSIONS_PAGE = 10;

interface FormValues {
  unitId?: string;
  heldOn?: string | null;
  form: FormCode;
  title?: string;
  participants: Record<Group, number | null>;
  materials?: string;
  note?: string;
}

const toBody = (v: FormValues) => ({
  heldOn: v.heldOn ?? '',
  form: v.form,
  title: v.title ?? '',
  participants: {
    cadres: v.participants.cadres ?? 0,
    partyMembers: v.participants.partyMembers ?? 0,
    associationMembers: v.participants.associationMembers ?? 0,
    people: v.participants.people ?? 0,
  },
  materials: v.materials?.trim() ? v.materials : null,
  note: v.note?.trim() ? v.note : null,
});

/** The fields of a session, shared by "record" and "edit" (the unit is chosen only when recording). */
function SessionFields({ units }: { units?: Rollup['recordable'] }) {
  const { t, label } = useI18n();
  return (
    <>
      {units ? (
        <Form.Item
          name="unitId"
          label={t('dissemination.unit')}
          rules={[{ required: true, message: t('dissemination.unitRequired') }]}
        >
          <Select
            data-testid="dissemination-unit"
            options={units.map((u) => ({ value: u.id, label: u.name }))}
            showSearch
            optionFilterProp="label"
          />
        </Form.Item>
      ) : null}
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="heldOn"
            label={t('dissemination.heldOn')}
            rules={[{ required: true, message: t('dissemination.heldOnRequired') }]}
          >
            <IsoDatePicker testId="dissemination-date" allowClear={false} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="form" label={t('dissemination.formLabel')}>
            <Select
              data-testid="dissemination-form"
              options={FORMS.map((f) => ({ value: f, label: label('dissemination.form', f) }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="title"
        label={t('dissemination.sessionTitle')}
        rules={[{ required: true, whitespace: true, message: t('dissemination.sessionTitleRequired') }]}
      >
        <Input maxLength={500} data-testid="dissemination-title" />
      </Form.Item>
      <Typography.Text strong>{t('dissemination.participantsLabel')}</Typography.Text>
      <Row gutter={12} style={{ marginTop: 8 }}>
        {GROUPS.map((g) => (
          <Col xs={12} md={6} key={g}>
            <Form.Item name={['participants', g]} label={t(`dissemination.group.${g}`)}>
              <InputNumber
                min={0}
                max={10_000_000}
                precision={0}
                style={{ width: '100%' }}
                data-testid={`participants-${g}`}
              />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Form.Item name="materials" label={t('dissemination.materials')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={4000} />
      </Form.Item>
      <Form.Item name="note" label={t('dissemination.note')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={4000} />
      </Form.Item>
    </>
  );
}

function RecordCard({ planId, units }: { planId: string; units: Rollup['recordable'] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<FormValues>();
  const { record } = useSessionWrites(planId);
  const initial: FormValues = {
    unitId: units[0]?.id,
    form: 'conference',
    participants: { cadres: 0, partyMembers: 0, associationMembers: 0, people: 0 },
  };
  const submit = (values: FormValues) => {
    const body: NewSession = { unitId: values.unitId ?? '', ...toBody(values) };
    record.mutate(body, {
      onSuccess: () => {
        void message.success(t('dissemination.recorded'));
        form.resetFields();
      },
      onError: (error) => void message.error(errorMessage(error)),
    });
  };
  return (
    <Card title={t('dissemination.record')} data-testid="dissemination-record">
      <Typography.Paragraph type="secondary">{t('dissemination.recordHelp')}</Typography.Paragraph>
      <Form form={form} name="record" layout="vertical" initialValues={initial} onFinish={submit}>
        <SessionFields units={units} />
        <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="dissemination-save">
          {t('dissemination.save')}
        </Button>
      </Form>
    </Card>
  );
}

function Summary({ data }: { data: Rollup }) {
  const { t } = useI18n();
  const p = data.totals.participants;
  return (
    <Card title={t('dissemination.summary')} data-testid="dissemination-summary">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={t('dissemination.sessions')} value={data.totals.sessions} data-testid="total-sessions" />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('dissemination.participants')} value={p.total} data-testid="total-participants" />
        </Col>
        <Col xs={24} md={12}>
          <Statistic
            title={t('dissemination.progress')}
            value={t('dissemination.progressValue', { done: data.expected.done, total: data.expected.total })}
            data-testid="expected-done"
          />
        </Col>
        {GROUPS.map((g) => (
          <Col xs={12} md={6} key={g}>
            <Statistic title={t(`dissemination.group.${g}`)} value={p[g]} valueStyle={{ fontSize: 18 }} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function RollupTable({ data, page, onPage }: { data: Rollup; page: number; onPage: (page: number) => void }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const items = data.units.items;
  const top = Math.min(...items.map((r) => r.unit.depth));
  const name = (r: RollupRow) => (
    <span style={{ paddingLeft: Math.min(r.unit.depth - top, 4) * (isMobile ? 10 : 20) }}>
      {r.unit.kind === 'area' ? <strong>{r.unit.name}</strong> : r.unit.name}
    </span>
  );
  const columns: TableColumnsType<RollupRow> = isMobile
    ? [
        {
          title: t('dissemination.col.unit'),
          key: 'unit',
          render: (_, r) => (
            <div>
              <div>{name(r)}</div>
              <div className="tk-small tk-muted">
                {t('dissemination.col.sessions')}: {r.total.sessions} (
                {t('dissemination.ownShort', { sessions: r.own.sessions })}) · {t('dissemination.col.participants')}:{' '}
                {r.total.participants.total}
              </div>
            </div>
          ),
        },
      ]
    : [
        { title: t('dissemination.col.unit'), key: 'unit', render: (_, r) => name(r) },
        {
          title: t('dissemination.col.own'),
          key: 'own',
          width: 90,
          align: 'right',
          render: (_, r) => r.own.sessions,
        },
        {
          title: `${t('dissemination.col.total')} (${t('dissemination.col.sessions').toLowerCase()})`,
          key: 'sessions',
          width: 120,
          align: 'right',
          render: (_, r) => <strong>{r.total.sessions}</strong>,
        },
        ...GROUPS.map((g) => ({
          title: t(`dissemination.group.${g}`),
          key: g,
          width: 110,
          align: 'right' as const,
          render: (_: unknown, r: RollupRow) => r.total.participants[g],
        })),
        {
          title: t('dissemination.col.participants'),
          key: 'participants',
          width: 120,
          align: 'right',
          render: (_, r) => <strong>{r.total.participants.total}</strong>,
        },
      ];
  return (
    <Card title={t('dissemination.rollup')} data-testid="dissemination-rollup">
      <Table<RollupRow>
        rowKey={(r) => r.unit.id}
        size="small"
        columns={columns}
        dataSource={items}
        locale={{ emptyText: <Empty description={t('dissemination.rollupEmpty')} /> }}
        pagination={
          data.units.total > UNITS_PAGE
            ? { current: page, pageSize: UNITS_PAGE, total: data.units.total, onChange: onPage, showSizeChanger: false }
            : false
        }
        scroll={isMobile ? undefined : { x: 900 }}
      />
    </Card>
  );
}

function PendingList({ data, page, onPage }: { data: Rollup; page: number; onPage: (page: number) => void }) {
  const { t, label } = useI18n();
  const pending = data.pending;
  return (
    <Card
      title={
        <span>
          {t('dissemination.pending')}
          <span className="tk-count">{pending.total}</span>
        </span>
      }
      data-testid="dissemination-pending"
    >
      {pending.total === 0 ? (
        <Empty description={t('dissemination.pendingNone')} />
      ) : (
        <>
          <List
            size="small"
            dataSource={pending.items}
            renderItem={(u) => (
              <List.Item data-testid="pending-unit">
                <Link to={`/units/${u.id}`}>{u.name}</Link>
                <span className="tk-small tk-muted"> — {label('dissemination.reason', u.reason)}</span>
              </List.Item>
            )}
          />
          {pending.total > PENDING_PAGE ? (
            <Pagination
              size="small"
              current={page}
              pageSize={PENDING_PAGE}
              total={pending.total}
              onChange={onPage}
              showSizeChanger={false}
              style={{ marginTop: 12 }}
            />
          ) : null}
        </>
      )}
    </Card>
  );
}

function EditModal({ planId, session, onClose }: { planId: string; session: SessionItem; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<FormValues>();
  const { edit } = useSessionWrites(planId);
  const [version, setVersion] = useState(session.version);
  const valuesOf = (s: SessionItem): FormValues => ({
    heldOn: s.heldOn,
    form: s.form,
    title: s.title,
    participants: s.participants,
    materials: s.materials ?? '',
    note: s.note ?? '',
  });
  const save = (values: FormValues) =>
    edit.mutate(
      { id: session.id, body: { version, ...toBody(values) } },
      {
        onSuccess: () => {
          void message.success(t('dissemination.saved'));
          onClose();
        },
        onError: (error) => void message.error(errorMessage(error)),
      },
    );
  return (
    <Modal
      open
      title={t('dissemination.editTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={edit.isPending}
      destroyOnHidden
    >
      <StaleVersionAlert<SessionItem>
        error={edit.error}
        fields={[
          { label: t('dissemination.heldOn'), value: (c) => formatDate(c.heldOn) },
          { label: t('dissemination.sessionTitle'), value: (c) => c.title },
          {
            label: t('dissemination.participants'),
            value: (c) => GROUPS.reduce((n, g) => n + c.participants[g], 0),
          },
        ]}
        onReload={(current) => {
          setVersion(current.version);
          form.setFieldsValue(valuesOf(current));
          edit.reset();
        }}
      />
      <Form form={form} name="edit" layout="vertical" initialValues={valuesOf(session)} onFinish={save}>
        <SessionFields />
      </Form>
    </Modal>
  );
}

function Sessions({ planId }: { planId: string }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [page, setPage] = useState(1);
  const [withdrawnToo, setWithdrawnToo] = useState(false);
  const [editing, setEditing] = useState<SessionItem | null>(null);
  const isMobile = useIsMobile();
  const sessions = useSessions(planId, {
    limit: SESSIONS_PAGE,
    offset: (page - 1) * SESSIONS_PAGE,
    includeWithdrawn: withdrawnToo,
  });
  const { withdraw } = useSessionWrites(planId);
  const data = sessions.data;
  return (
    <Card
      title={
        <span>
          {t('dissemination.list')}
          {data ? <span className="tk-count">{data.total}</span> : null}
        </span>
      }
      data-testid="dissemination-sessions"
    >
      <div className="tk-small" style={{ marginBottom: 8 }}>
        <Switch size="small" id="dissemination-withdrawn" checked={withdrawnToo} onChange={setWithdrawnToo} />{' '}
        <label htmlFor="dissemination-withdrawn">{t('dissemination.showWithdrawn')}</label>
      </div>
      {sessions.isError ? <ErrorResult error={sessions.error} onRetry={() => void sessions.refetch()} /> : null}
      <List
        itemLayout={isMobile ? 'vertical' : 'horizontal'}
        loading={sessions.isPending}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description={t('dissemination.listEmpty')} /> }}
        renderItem={(s) => {
          const total = GROUPS.reduce((n, g) => n + s.participants[g], 0);
          const canWrite = s.actions.includes('dissemination.write');
          return (
            <List.Item
              data-testid="dissemination-session"
              actions={
                canWrite
                  ? [
                      <Button key="edit" size="small" onClick={() => setEditing(s)}>
                        {t('action.edit')}
                      </Button>,
                      <Popconfirm
                        key="withdraw"
                        title={t('dissemination.withdrawConfirm')}
                        okText={t('dissemination.withdraw')}
                        cancelText={t('action.cancel')}
                        onConfirm={() =>
                          withdraw.mutate(
                            { id: s.id, version: s.version },
                            {
                              onSuccess: () => void message.success(t('dissemination.withdrawn')),
                              onError: (error) => void message.error(errorMessage(error)),
                            },
                          )
                        }
                      >
                        <Button size="small" danger>
                          {t('dissemination.withdraw')}
                        </Button>
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <span>
                    {formatDate(s.heldOn)} · {s.title}{' '}
                    {s.withdrawn ? <Tag color="default">{t('dissemination.withdrawnTag')}</Tag> : null}
                  </span>
                }
                description={
                  <>
                    <div>
                      <Tag>{label('dissemination.form', s.form)}</Tag>
                      {s.unit.name} · {t('dissemination.col.participants')}: {total} (
                      {GROUPS.filter((g) => s.participants[g] > 0)
                        .map((g) => `${t(`dissemination.group.${g}`)} ${s.participants[g]}`)
                        .join(', ')}
                      )
                    </div>
                    {s.materials ? (
                      <div className="tk-small">
                        {t('dissemination.materials')}: {s.materials}
                      </div>
                    ) : null}
                    {s.createdBy ? (
                      <div className="tk-small tk-muted">
                        {t('dissemination.recordedBy', { name: s.createdBy.name })}
                      </div>
                    ) : null}
                    {s.withdrawn ? (
                      <div className="tk-small tk-muted">
                        {t('dissemination.withdrawnBy', {
                          at: formatDate(s.withdrawn.at),
                          by: s.withdrawn.by?.name ?? '—',
                        })}
                        {s.withdrawn.reason ? ` — ${s.withdrawn.reason}` : ''}
                      </div>
                    ) : null}
                  </>
                }
              />
            </List.Item>
          );
        }}
      />
      {data && data.total > SESSIONS_PAGE ? (
        <Pagination
          size="small"
          current={page}
          pageSize={SESSIONS_PAGE}
          total={data.total}
          onChange={setPage}
          showSizeChanger={false}
          style={{ marginTop: 12 }}
        />
      ) : null}
      {editing ? <EditModal planId={planId} session={editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}

export default function DisseminationPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [unitsPage, setUnitsPage] = useState(1);
  const [pendingPage, setPendingPage] = useState(1);
  const rollup = useRollup(id, {
    limit: UNITS_PAGE,
    offset: (unitsPage - 1) * UNITS_PAGE,
    pendingLimit: PENDING_PAGE,
    pendingOffset: (pendingPage - 1) * PENDING_PAGE,
  });
  if (rollup.isPending) return <Loading />;
  if (rollup.isError) return <ErrorResult error={rollup.error} onRetry={() => void rollup.refetch()} />;
  const data = rollup.data;
  return (
    <div className="tk-stack" data-testid="dissemination-page">
      <Breadcrumb
        items={[
          { title: <Link to="/plans">{t('plans.title')}</Link> },
          { title: <Link to={`/plans/${id}`}>{data.plan.symbol || t('plan.noNumber')}</Link> },
          { title: t('dissemination.title') },
        ]}
      />
      <PageTitle title={t('dissemination.title')}>{t('dissemination.title')}</PageTitle>
      <Typography.Paragraph>
        <Link to={`/plans/${id}`}>{data.plan.title}</Link>
        <br />
        <Typography.Text type="secondary">{t('dissemination.intro')}</Typography.Text>
      </Typography.Paragraph>
      <Summary data={data} />
      {data.recordable.length > 0 ? <RecordCard planId={id} units={data.recordable} /> : null}
      <RollupTable data={data} page={unitsPage} onPage={setUnitsPage} />
      <PendingList data={data} page={pendingPage} onPage={setPendingPage} />
      <Sessions planId={id} />
    </div>
  );
}
