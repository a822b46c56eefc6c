import {
  Alert,
  Button,
  type ButtonProps,
  Card,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Tag,
} from 'antd';
import dayjs from 'dayjs';
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { usePlans, useTaskAssignments } from '../../api/hooks';
import type { Assignment, PlanDetail, PlanNode, SectionNode, TaskNode } from '../../api/types';
import { allows } from '../../app/auth';
import { useErrorMessage } from '../../components/ErrorResult';
import { IsoDatePicker } from '../../components/IsoDatePicker';
import { StaleVersionAlert, staleCurrent } from '../../components/StaleVersionAlert';
import { UnitSelect } from '../../components/UnitSelect';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { FiguresCollectionButton } from '../indicators/FiguresCollectionDialog';
import {
  type EditedNode,
  type NodePatch,
  type PlanPatch,
  useAddAssignment,
  useCancelNode,
  useCreateNode,
  useEndAssignment,
  useReplacePlan,
  useUnlinked,
  useUpdateAssignment,
  useUpdateNode,
  useUpdatePlan,
  useWithdrawPlan,
} from './hooks';

/**
 * The plan page's edit mode (issue 7, item 9): shown to whoever may manage the plan (the
 * answer's `actions` carry `plan.manage`; a withdrawn or replaced plan never does). The page
 * keeps its structure; this file adds a bar above the tree, small actions beside each node, and
 * the dialogs they open. Every write sends the version it was made from; a 409 shows
 * StaleVersionAlert with the current values.
 */

const ROLES = ['lead', 'responsible', 'coordinate', 'advised', 'report_to'] as const;
const today = () => dayjs().format('YYYY-MM-DD');

interface EditState {
  plan: PlanDetail;
  editing: boolean;
}
const PlanEditContext = createContext<EditState | null>(null);

export function PlanEditProvider({ plan, editing, children }: EditState & { children: ReactNode }) {
  const value = useMemo(() => ({ plan, editing }), [plan, editing]);
  return <PlanEditContext.Provider value={value}>{children}</PlanEditContext.Provider>;
}

/** True in edit mode: the tree then shows every node, empty sections included. */
export function useEditing(): boolean {
  return useContext(PlanEditContext)?.editing ?? false;
}

function sectionsOf(nodes: PlanNode[], depth = 0): { id: string; label: string }[] {
  return nodes.flatMap((n) =>
    n.kind === 'section'
      ? [
          { id: n.id, label: `${'— '.repeat(depth)}${[n.label, n.title].filter(Boolean).join('. ')}` },
          ...sectionsOf(n.children, depth + 1),
        ]
      : [],
  );
}

function ErrorLine({ error }: { error: unknown }) {
  const message = useErrorMessage();
  if (!error || staleCurrent(error)) return null;
  return <Alert type="error" showIcon title={message(error)} data-testid="plan-edit-error" />;
}

/* ───────────── the plan's state ───────────── */

/** A withdrawn or replaced plan: read-only, its end date, reason and successor named. */
export function PlanStatusBanner({ plan }: { plan: PlanDetail }) {
  const { t } = useI18n();
  if (plan.status === 'active') return null;
  const date = plan.endedOn ? formatDate(plan.endedOn) : '—';
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="plan-status"
      title={plan.status === 'withdrawn' ? t('planEdit.withdrawnOn', { date }) : t('planEdit.replacedOn', { date })}
      description={
        plan.status === 'withdrawn' ? (
          plan.endReason
        ) : plan.replacedByPlanId ? (
          <Link to={`/plans/${plan.replacedByPlanId}`}>{t('planEdit.openReplacement')}</Link>
        ) : null
      }
    />
  );
}

/* ───────────── the bar ───────────── */

type Dialog = 'fields' | 'section' | 'task' | 'unlinked' | 'withdraw' | 'replace' | null;

export function PlanEditBar({ plan, editing, onToggle }: EditState & { onToggle: (on: boolean) => void }) {
  const { t } = useI18n();
  const [dialog, setDialog] = useState<Dialog>(null);
  const unlinked = useUnlinked(plan.id, editing);
  if (!allows(plan, 'plan.manage')) return null;
  const close = () => setDialog(null);
  return (
    <Card className="tk-section tk-plan-edit" data-testid="plan-edit-bar" size="small">
      <Space wrap size={[8, 8]}>
        <Switch checked={editing} onChange={onToggle} data-testid="plan-edit-toggle" aria-label={t('planEdit.mode')} />
        <span>{t('planEdit.mode')}</span>
      </Space>
      {editing ? (
        <Space wrap size={[8, 8]} className="tk-plan-edit-actions">
          <Button onClick={() => setDialog('fields')} data-testid="plan-edit-fields">
            {t('planEdit.fields')}
          </Button>
          <Button onClick={() => setDialog('section')} data-testid="plan-add-section">
            {t('planEdit.addSection')}
          </Button>
          <Button onClick={() => setDialog('task')} data-testid="plan-add-task">
            {t('planEdit.addTask')}
          </Button>
          <FiguresCollectionButton planId={plan.id} />
          <Button onClick={() => setDialog('unlinked')} data-testid="plan-unlinked">
            {t('planEdit.unlinked', { count: unlinked.data?.total ?? '…' })}
          </Button>
          <Button danger onClick={() => setDialog('withdraw')} data-testid="plan-withdraw">
            {t('planEdit.withdraw')}
          </Button>
          <Button danger onClick={() => setDialog('replace')} data-testid="plan-replace">
            {t('planEdit.replace')}
          </Button>
        </Space>
      ) : null}
      {dialog === 'fields' ? <PlanFieldsModal plan={plan} onClose={close} /> : null}
      {dialog === 'section' || dialog === 'task' ? (
        <NodeModal plan={plan} create={{ kind: dialog, parentId: null }} onClose={close} />
      ) : null}
      {dialog === 'unlinked' ? <UnlinkedModal planId={plan.id} onClose={close} /> : null}
      {dialog === 'withdraw' ? <WithdrawModal plan={plan} onClose={close} /> : null}
      {dialog === 'replace' ? <ReplaceModal plan={plan} onClose={close} /> : null}
    </Card>
  );
}

/* ───────────── the plan's fields ───────────── */

interface CurrentPlan {
  version: number;
  title: string;
  number: string | null;
  symbol: string | null;
  date: string | null;
  objectives: string[];
  reportingFrom: string | null;
  reportingUntil: string | null;
  reportsToUnitId: string | null;
}

interface FieldValues {
  title: string;
  symbol: string;
  date: string | null;
  objectives: string;
  reportingFrom: string | null;
  reportingUntil: string | null;
  reportsToUnitId: string | null;
}

const fieldsOf = (p: CurrentPlan): FieldValues => ({
  title: p.title,
  symbol: p.symbol ?? '',
  date: p.date,
  objectives: p.objectives.join('\n'),
  reportingFrom: p.reportingFrom,
  reportingUntil: p.reportingUntil,
  reportsToUnitId: p.reportsToUnitId,
});

function PlanFieldsModal({ plan, onClose }: { plan: PlanDetail; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<FieldValues>();
  const update = useUpdatePlan(plan.id);
  const [base, setBase] = useState<CurrentPlan>({
    version: plan.version,
    title: plan.document.title,
    number: plan.document.number ?? null,
    symbol: plan.document.symbol ?? null,
    date: plan.document.date ?? null,
    objectives: plan.objectives,
    reportingFrom: plan.reportingFrom,
    reportingUntil: plan.reportingUntil,
    reportsToUnitId: plan.reportsToUnit?.id ?? null,
  });
  const onFinish = (values: FieldValues) => {
    const before = fieldsOf(base);
    const patch: PlanPatch = { version: base.version };
    if (values.title !== before.title) patch.title = values.title;
    if (values.symbol !== before.symbol) patch.symbol = values.symbol;
    if (values.date !== before.date) patch.date = values.date;
    if (values.objectives !== before.objectives) {
      patch.objectives = values.objectives
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
    }
    if (values.reportingFrom !== before.reportingFrom) patch.reportingFrom = values.reportingFrom;
    if (values.reportingUntil !== before.reportingUntil) patch.reportingUntil = values.reportingUntil;
    if (values.reportsToUnitId !== before.reportsToUnitId) patch.reportsToUnitId = values.reportsToUnitId;
    if (Object.keys(patch).length === 1) return onClose();
    update.mutate(patch, { onSuccess: onClose });
  };
  return (
    <Modal
      open
      title={t('planEdit.fields')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={update.isPending}
      okButtonProps={{ 'data-testid': 'plan-fields-save' } as ButtonProps}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={fieldsOf(base)} onFinish={onFinish}>
        <Form.Item label={t('doc.title')} name="title" rules={[{ required: true, message: t('doc.titleRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="plan-title" />
        </Form.Item>
        <div className="tk-form-row">
          <Form.Item label={t('doc.symbol')} name="symbol">
            <Input />
          </Form.Item>
          <Form.Item label={t('doc.date')} name="date">
            <IsoDatePicker />
          </Form.Item>
        </div>
        <Form.Item label={t('plan.objectives')} name="objectives" extra={t('planEdit.objectivesHelp')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
        </Form.Item>
        <div className="tk-form-row">
          <Form.Item label={t('planEdit.reportingFrom')} name="reportingFrom">
            <IsoDatePicker />
          </Form.Item>
          <Form.Item label={t('planEdit.reportingUntil')} name="reportingUntil">
            <IsoDatePicker />
          </Form.Item>
        </div>
        <Form.Item label={t('planEdit.reportsTo')} name="reportsToUnitId">
          <UnitSelect />
        </Form.Item>
        <StaleVersionAlert<CurrentPlan>
          error={update.error}
          onReload={(current) => {
            setBase(current);
            form.setFieldsValue(fieldsOf(current));
            update.reset();
          }}
          fields={[
            { label: t('doc.title'), value: (p) => p.title },
            { label: t('doc.symbol'), value: (p) => p.symbol },
            { label: t('doc.date'), value: (p) => (p.date ? formatDate(p.date) : null) },
          ]}
        />
        <ErrorLine error={update.error} />
      </Form>
    </Modal>
  );
}

/* ───────────── sections and tasks ───────────── */

interface NodeValues {
  label: string;
  title?: string | null;
  text?: string | null;
  deadline?: string | null;
  weight?: number;
  parentId?: string | null;
}

const ROOT = '__root__';

function nodeValues(node: EditedNode | PlanNode): NodeValues {
  if (node.kind === 'task' && 'ref' in node) {
    return { label: node.ref, title: node.title, text: node.text, deadline: node.deadline, weight: node.weight };
  }
  return {
    label: 'label' in node ? node.label : '',
    title: node.title,
    text: 'text' in node ? node.text : null,
    deadline: 'deadline' in node ? node.deadline : null,
    weight: node.weight,
  };
}

function NodeModal({
  plan,
  create,
  node,
  parentId,
  onClose,
}: {
  plan: PlanDetail;
  create?: { kind: 'section' | 'task'; parentId: string | null };
  node?: PlanNode;
  parentId?: string | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<NodeValues>();
  const add = useCreateNode(plan.id);
  const update = useUpdateNode(plan.id);
  const mutation = node ? update : add;
  const kind = node?.kind ?? create?.kind ?? 'task';
  const [version, setVersion] = useState(node?.version ?? 1);
  const sections = sectionsOf(plan.tree).filter((s) => s.id !== node?.id);
  const initial: NodeValues = node
    ? { ...nodeValues(node), parentId: parentId ?? ROOT }
    : { label: '', parentId: create?.parentId ?? ROOT, weight: 1 };
  const onFinish = (values: NodeValues) => {
    const target = values.parentId === ROOT || !values.parentId ? null : values.parentId;
    if (!node) {
      add.mutate(
        {
          kind,
          parentId: target,
          label: values.label,
          title: values.title || null,
          ...(kind === 'task' ? { text: values.text ?? '', deadline: values.deadline ?? null } : {}),
          weight: values.weight ?? 1,
        },
        { onSuccess: onClose },
      );
      return;
    }
    const body: NodePatch = {
      version,
      label: values.label,
      title: values.title || null,
      weight: values.weight ?? 1,
      ...(kind === 'task' ? { text: values.text ?? '', deadline: values.deadline ?? null } : {}),
    };
    if (target !== (parentId ?? null)) body.parentId = target;
    update.mutate({ nodeId: node.id, body }, { onSuccess: onClose });
  };
  const title = node
    ? kind === 'task'
      ? t('planEdit.editTask')
      : t('planEdit.editSection')
    : kind === 'task'
      ? t('planEdit.addTask')
      : t('planEdit.addSection');
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'node-save' } as ButtonProps}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={onFinish}>
        <div className="tk-form-row">
          <Form.Item
            label={kind === 'task' ? t('planEdit.ref') : t('planEdit.label')}
            name="label"
            rules={[{ required: true, message: t('planEdit.labelRequired') }]}
          >
            <Input data-testid="node-label" />
          </Form.Item>
          <Form.Item label={t('planEdit.weight')} name="weight">
            <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item label={t('planEdit.title')} name="title">
          <Input data-testid="node-title" />
        </Form.Item>
        {kind === 'task' ? (
          <>
            <Form.Item
              label={t('planEdit.text')}
              name="text"
              rules={[{ required: true, message: t('planEdit.textRequired') }]}
            >
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="node-text" />
            </Form.Item>
            <Form.Item label={t('task.deadline')} name="deadline">
              <IsoDatePicker testId="node-deadline" />
            </Form.Item>
          </>
        ) : null}
        <Form.Item label={t('planEdit.parent')} name="parentId">
          <Select
            options={[
              { value: ROOT, label: t('planEdit.root') },
              ...sections.map((s) => ({ value: s.id, label: s.label })),
            ]}
            data-testid="node-parent"
          />
        </Form.Item>
        <StaleVersionAlert<EditedNode>
          error={update.error}
          onReload={(current) => {
            setVersion(current.version);
            form.setFieldsValue(nodeValues(current));
            update.reset();
          }}
          fields={[
            { label: t('planEdit.label'), value: (n) => n.label },
            { label: t('planEdit.title'), value: (n) => n.title },
            { label: t('planEdit.text'), value: (n) => n.text },
            { label: t('task.deadline'), value: (n) => (n.deadline ? formatDate(n.deadline) : null) },
          ]}
        />
        <ErrorLine error={mutation.error} />
      </Form>
    </Modal>
  );
}

/** Small actions beside a node in edit mode. */
export function NodeEditActions({ node, parentId }: { node: TaskNode | SectionNode; parentId: string | null }) {
  const { t } = useI18n();
  const state = useContext(PlanEditContext);
  const [dialog, setDialog] = useState<'edit' | 'assign' | 'add' | null>(null);
  const cancel = useCancelNode(state?.plan.id ?? '');
  if (!state?.editing) {
    return node.status === 'cancelled' ? <CancelledTag node={node} /> : null;
  }
  if (node.status === 'cancelled') return <CancelledTag node={node} />;
  const close = () => setDialog(null);
  return (
    <div className="tk-node-actions" data-testid="node-actions">
      <Space wrap size={[4, 4]}>
        <Button size="small" onClick={() => setDialog('edit')} data-testid="node-edit">
          {t('action.edit')}
        </Button>
        {node.kind === 'task' ? (
          <>
            <Button size="small" onClick={() => setDialog('assign')} data-testid="node-assign">
              {t('planEdit.assignments')}
            </Button>
            <Popconfirm
              title={t('planEdit.cancelConfirm')}
              okText={t('planEdit.cancelTask')}
              cancelText={t('action.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => cancel.mutate({ nodeId: node.id, version: node.version })}
            >
              <Button size="small" danger data-testid="node-cancel">
                {t('planEdit.cancelTask')}
              </Button>
            </Popconfirm>
          </>
        ) : (
          <Button size="small" onClick={() => setDialog('add')} data-testid="node-add-task">
            {t('planEdit.addTaskHere')}
          </Button>
        )}
      </Space>
      <ErrorLine error={cancel.error} />
      {staleCurrent(cancel.error) ? <Alert type="warning" showIcon title={t('planEdit.staleReloaded')} /> : null}
      {dialog === 'edit' ? <NodeModal plan={state.plan} node={node} parentId={parentId} onClose={close} /> : null}
      {dialog === 'add' ? (
        <NodeModal plan={state.plan} create={{ kind: 'task', parentId: node.id }} onClose={close} />
      ) : null}
      {dialog === 'assign' && node.kind === 'task' ? (
        <AssignmentsModal planId={state.plan.id} task={node} onClose={close} />
      ) : null}
    </div>
  );
}

function CancelledTag({ node }: { node: PlanNode }) {
  const { t } = useI18n();
  const date = node.kind === 'task' && node.cancelledOn ? formatDate(node.cancelledOn) : '';
  return (
    <Tag color="default" data-testid="node-cancelled">
      {t('planEdit.cancelled', { date })}
    </Tag>
  );
}

/* ───────────── assignments ───────────── */

function AssignmentRow({ planId, a }: { planId: string; a: Assignment }) {
  const { t, label } = useI18n();
  const update = useUpdateAssignment(planId);
  const end = useEndAssignment(planId);
  const [unit, setUnit] = useState<string | null>(null);
  return (
    <List.Item data-testid="edit-assignment">
      <div className="tk-edit-assignment">
        <div>
          {a.unitId ? (a.unitName ?? a.organization) : a.organization}{' '}
          {a.unitId ? null : <Tag color="orange">{t('task.unlinked')}</Tag>}
        </div>
        <Space wrap size={[4, 4]}>
          {a.unitId ? (
            <Select<(typeof ROLES)[number]>
              size="small"
              value={a.role as (typeof ROLES)[number]}
              style={{ minWidth: 140 }}
              options={ROLES.map((r) => ({ value: r, label: label('role', r) }))}
              onChange={(role) => update.mutate({ assignmentId: a.id, body: { version: a.version, role } })}
              aria-label={t('planEdit.role')}
            />
          ) : (
            <>
              <div style={{ minWidth: 200 }}>
                <UnitSelect value={unit} onChange={setUnit} />
              </div>
              <Button
                size="small"
                type="primary"
                disabled={!unit}
                onClick={() =>
                  unit && update.mutate({ assignmentId: a.id, body: { version: a.version, unitId: unit } })
                }
              >
                {t('planEdit.link')}
              </Button>
            </>
          )}
          <Popconfirm
            title={t('planEdit.endConfirm')}
            okText={t('planEdit.end')}
            cancelText={t('action.cancel')}
            onConfirm={() => end.mutate({ assignmentId: a.id, version: a.version })}
          >
            <Button size="small" danger data-testid="assignment-end">
              {t('planEdit.end')}
            </Button>
          </Popconfirm>
        </Space>
        <ErrorLine error={update.error ?? end.error} />
        {staleCurrent(update.error ?? end.error) ? (
          <Alert type="warning" showIcon title={t('planEdit.staleReloaded')} />
        ) : null}
      </div>
    </List.Item>
  );
}

function AssignmentsModal({ planId, task, onClose }: { planId: string; task: TaskNode; onClose: () => void }) {
  const { t, label } = useI18n();
  const list = useTaskAssignments(planId, task.id, { limit: 500, offset: 0 });
  const add = useAddAssignment(planId);
  const [unit, setUnit] = useState<string | null>(null);
  const [role, setRole] = useState<(typeof ROLES)[number]>('coordinate');
  return (
    <Modal open title={t('planEdit.assignmentsOf', { ref: task.ref })} onCancel={onClose} footer={null} destroyOnHidden>
      <List
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('task.noAssignments') }}
        renderItem={(a) => <AssignmentRow key={a.id} planId={planId} a={a} />}
      />
      {list.data && list.data.total > list.data.items.length ? (
        <Alert
          type="info"
          title={t('planEdit.firstShown', { count: list.data.items.length, total: list.data.total })}
        />
      ) : null}
      <div className="tk-edit-add" data-testid="assignment-add">
        <div className="tk-muted">{t('planEdit.addUnit')}</div>
        <UnitSelect value={unit} onChange={setUnit} id="assignment-unit" />
        <Space wrap size={[8, 8]}>
          <Select
            value={role}
            style={{ minWidth: 160 }}
            onChange={setRole}
            options={ROLES.map((r) => ({ value: r, label: label('role', r) }))}
            aria-label={t('planEdit.role')}
          />
          <Button
            type="primary"
            disabled={!unit}
            loading={add.isPending}
            data-testid="assignment-add-submit"
            onClick={() =>
              unit && add.mutate({ taskId: task.id, body: { unitId: unit, role } }, { onSuccess: () => setUnit(null) })
            }
          >
            {t('planEdit.assign')}
          </Button>
        </Space>
        <ErrorLine error={add.error} />
      </div>
      <div className="tk-muted tk-small">{t('planEdit.assignHelp')}</div>
    </Modal>
  );
}

function UnlinkedItem({
  planId,
  a,
}: {
  planId: string;
  a: { id: string; organization: string; taskRef: string; version: number };
}) {
  const { t } = useI18n();
  const update = useUpdateAssignment(planId);
  const [unit, setUnit] = useState<string | null>(null);
  return (
    <List.Item data-testid="unlinked-item">
      <div className="tk-edit-assignment">
        <div>
          <strong>{a.taskRef}</strong> — {a.organization}
        </div>
        <div className="tk-edit-link">
          <UnitSelect value={unit} onChange={setUnit} />
          <Button
            type="primary"
            disabled={!unit}
            loading={update.isPending}
            data-testid="unlinked-link"
            onClick={() => unit && update.mutate({ assignmentId: a.id, body: { version: a.version, unitId: unit } })}
          >
            {t('planEdit.link')}
          </Button>
        </div>
        <ErrorLine error={update.error} />
        {staleCurrent(update.error) ? <Alert type="warning" showIcon title={t('planEdit.staleReloaded')} /> : null}
      </div>
    </List.Item>
  );
}

function UnlinkedModal({ planId, onClose }: { planId: string; onClose: () => void }) {
  const { t } = useI18n();
  const list = useUnlinked(planId);
  return (
    <Modal open title={t('planEdit.unlinkedTitle')} onCancel={onClose} footer={null} destroyOnHidden>
      <p className="tk-muted">{t('planEdit.unlinkedHelp')}</p>
      <List
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('planEdit.noUnlinked') }}
        renderItem={(a) => <UnlinkedItem key={a.id} planId={planId} a={a} />}
      />
    </Modal>
  );
}

/* ───────────── withdraw and replace ───────────── */

function WithdrawModal({ plan, onClose }: { plan: PlanDetail; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ on: string; reason: string }>();
  const withdraw = useWithdrawPlan(plan.id);
  return (
    <Modal
      open
      title={t('planEdit.withdrawTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('planEdit.withdraw')}
      okButtonProps={{ danger: true, 'data-testid': 'withdraw-confirm' } as ButtonProps}
      cancelText={t('action.cancel')}
      confirmLoading={withdraw.isPending}
      destroyOnHidden
    >
      <p>{t('planEdit.withdrawHelp')}</p>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ on: today(), reason: '' }}
        onFinish={(v) => withdraw.mutate({ version: plan.version, on: v.on, reason: v.reason }, { onSuccess: onClose })}
      >
        <Form.Item
          label={t('planEdit.endedOn')}
          name="on"
          rules={[{ required: true, message: t('planEdit.dateRequired') }]}
        >
          <IsoDatePicker allowClear={false} />
        </Form.Item>
        <Form.Item
          label={t('planEdit.reason')}
          name="reason"
          rules={[{ required: true, message: t('planEdit.reasonRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} data-testid="withdraw-reason" />
        </Form.Item>
        <ErrorLine error={withdraw.error} />
        {staleCurrent(withdraw.error) ? <Alert type="warning" showIcon title={t('planEdit.staleReloaded')} /> : null}
      </Form>
    </Modal>
  );
}

function ReplaceModal({ plan, onClose }: { plan: PlanDetail; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ on: string; byPlanId: string }>();
  const plans = usePlans();
  const replace = useReplacePlan(plan.id);
  const options = (plans.data ?? [])
    .filter((p) => p.id !== plan.id && p.status === 'active')
    .map((p) => ({ value: p.id, label: [p.symbol, p.title].filter(Boolean).join(' — ') }));
  return (
    <Modal
      open
      title={t('planEdit.replaceTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('planEdit.replace')}
      okButtonProps={{ danger: true, 'data-testid': 'replace-confirm' } as ButtonProps}
      cancelText={t('action.cancel')}
      confirmLoading={replace.isPending}
      destroyOnHidden
    >
      <p>{t('planEdit.replaceHelp')}</p>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ on: today() }}
        onFinish={(v) =>
          replace.mutate({ version: plan.version, on: v.on, byPlanId: v.byPlanId }, { onSuccess: onClose })
        }
      >
        <Form.Item
          label={t('planEdit.byPlan')}
          name="byPlanId"
          rules={[{ required: true, message: t('planEdit.byPlanRequired') }]}
        >
          <Select showSearch={{ optionFilterProp: 'label' }} options={options} loading={plans.isPending} />
        </Form.Item>
        <Form.Item
          label={t('planEdit.endedOn')}
          name="on"
          rules={[{ required: true, message: t('planEdit.dateRequired') }]}
        >
          <IsoDatePicker allowClear={false} />
        </Form.Item>
        <ErrorLine error={replace.error} />
        {staleCurrent(replace.error) ? <Alert type="warning" showIcon title={t('planEdit.staleReloaded')} /> : null}
      </Form>
    </Modal>
  );
}
