import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';
import { IsoDatePicker } from '../../components/IsoDatePicker';
import { DeleteIcon, DownloadIcon, UploadIcon } from '../../components/icons';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { staleCurrent } from '../../components/StaleVersionAlert';
import { useIsMobile } from '../../components/useIsMobile';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { ReminderLog } from '../notifications/ReminderLog';
import {
  type DraftInput,
  evidenceUrl,
  type ObligationDetail,
  type ReportView,
  type TimelineEvent,
  useDecideExtension,
  useObligation,
  useRemoveEvidence,
  useReportStep,
  useRequestExtension,
  useSaveDraft,
  useUploadEvidence,
} from './hooks';
import './report.css';

/** Autosave: this long after the last keystroke. */
const AUTOSAVE_MS = 1200;
const MAX_MB = 20;
const ACCEPT = '.pdf,.docx,.xlsx,.jpg,.jpeg,.png';
const STATUSES = ['not_started', 'in_progress', 'done', 'cannot_do'] as const;
const TEXT_FIELDS = ['narrative', 'results', 'difficulties', 'proposals'] as const;
type Draft = Omit<DraftInput, 'version'>;
type Field = (typeof TEXT_FIELDS)[number] | 'status' | 'progress' | 'cannotReason';
const FIELDS: Field[] = ['status', 'progress', ...TEXT_FIELDS, 'cannotReason'];

const REVIEW_COLORS: Record<ReportView['reviewState'], string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  accepted: 'success',
};
const TIMELINESS_COLORS = { on_time: 'success', late: 'error', overdue: 'error', pending: 'default' } as const;

const draftOf = (r: ReportView): Draft => ({
  status: r.status,
  progress: r.progress,
  narrative: r.narrative ?? '',
  results: r.results ?? '',
  difficulties: r.difficulties ?? '',
  proposals: r.proposals ?? '',
  cannotReason: r.cannotReason ?? '',
});

const errorText = (error: unknown) => (error instanceof ApiError ? error.detail || error.code : String(error));

export default function ReportPage() {
  const { id = '' } = useParams();
  const query = useObligation(id);
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  // Figures are reported and reviewed on their form (docs/indicators.md "Approval").
  const o = query.data.obligation;
  if (o.role === 'figures') return <Navigate to={`/indicators/forms/${o.unitId}/${o.periodKey}`} replace />;
  return <Report id={id} detail={query.data} />;
}

function Report({ id, detail }: { id: string; detail: ObligationDetail }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const { obligation: o, report, actions } = detail;
  const can = (a: ObligationDetail['actions'][number]) => actions.includes(a);
  const writable = can('report.write');

  // ── the draft, saved as you type ──
  const [form, setForm] = useState<Draft>(() => draftOf(report));
  const [base, setBase] = useState(report.version);
  const [dirty, setDirty] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(report.updatedAt);
  const [conflict, setConflict] = useState<ReportView | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const edits = useRef(0);
  const save = useSaveDraft(id);
  const step = useReportStep(id);

  // A newer version from the server (a submission, a review, another tab) replaces an untouched form.
  useEffect(() => {
    if (!dirty && !conflict && report.version !== base) {
      setForm(draftOf(report));
      setBase(report.version);
      setSavedAt(report.updatedAt);
    }
  }, [report, dirty, conflict, base]);

  const reasonMissing = form.status === 'cannot_do' && !(form.cannotReason ?? '').trim();
  useEffect(() => {
    if (!dirty || conflict || save.isPending || reasonMissing || !writable) return;
    const timer = window.setTimeout(() => {
      const sent = edits.current;
      save.mutate(
        { ...form, version: base },
        {
          onSuccess: (next) => {
            setBase(next.report.version);
            setSavedAt(next.report.updatedAt);
            setSaveError(null);
            if (edits.current === sent) setDirty(false);
          },
          onError: (error) => {
            const current = staleCurrent<ReportView>(error);
            if (current) setConflict(current);
            else setSaveError(errorText(error));
          },
        },
      );
    }, AUTOSAVE_MS);
    return () => window.clearTimeout(timer);
  }, [dirty, conflict, save, reasonMissing, writable, form, base]);

  const change = (patch: Partial<Draft>) => {
    edits.current += 1;
    setForm((f) => ({ ...f, ...patch }));
    setDirty(true);
  };

  const keepMine = () => {
    if (!conflict) return;
    setBase(conflict.version);
    setConflict(null);
    setDirty(true);
    edits.current += 1;
  };
  const takeTheirs = () => {
    if (!conflict) return;
    setForm(draftOf(conflict));
    setBase(conflict.version);
    setSavedAt(conflict.updatedAt);
    setConflict(null);
    setDirty(false);
  };
  const copyField = (field: Field) => {
    if (!conflict) return;
    const theirs = draftOf(conflict);
    setForm((f) => ({ ...f, [field]: theirs[field] }));
  };

  const runStep = (name: 'submit' | 'accept' | 'return', comment?: string) =>
    step.mutate(
      { step: name, version: base, ...(comment ? { comment } : {}) },
      {
        onSuccess: (next) => {
          setBase(next.report.version);
          setForm(draftOf(next.report));
          void message.success(t(`reports.done.${name}`));
        },
        onError: (error) => {
          const current = staleCurrent<ReportView>(error);
          if (current && writable) setConflict(current);
          void message.error(errorText(error));
        },
      },
    );

  const [returning, setReturning] = useState(false);
  const title = [o.taskLabel, o.taskTitle ?? o.taskText].filter(Boolean).join(' ') || t('reports.planLine');
  const saveState = save.isPending
    ? t('reports.saving')
    : dirty
      ? reasonMissing
        ? t('reports.reasonNeeded')
        : t('reports.unsaved')
      : savedAt
        ? t('reports.savedAt', { time: formatDateTime(savedAt) })
        : '';

  return (
    <div className="tk-report" data-testid="report-page">
      <Breadcrumb
        items={[
          { title: <Link to="/plans">{t('nav.plans')}</Link> },
          { title: <Link to={`/plans/${o.planId}`}>{o.planSymbol ?? o.planTitle ?? ''}</Link> },
          { title: t('reports.breadcrumb') },
        ]}
      />
      <PageTitle title={`${t('reports.title')} · ${o.unitName}`}>
        <span className="tk-report-title">{title}</span>
      </PageTitle>
      <Descriptions size="small" bordered column={isMobile ? 1 : 2} className="tk-report-facts">
        <Descriptions.Item label={t('reports.unit')}>{o.unitName}</Descriptions.Item>
        <Descriptions.Item label={t('reports.reviewer')}>{o.reviewerUnitName}</Descriptions.Item>
        <Descriptions.Item label={t('reports.period')}>
          {o.periodKey} ({formatDate(o.periodStart)} – {formatDate(o.periodEnd)})
        </Descriptions.Item>
        <Descriptions.Item label={t('reports.deadline')}>
          {o.extendedDueOn ? (
            <>
              <s>{formatDate(o.dueOn)}</s> → <strong data-testid="extended-due">{formatDate(o.extendedDueOn)}</strong>
            </>
          ) : (
            formatDate(o.dueOn)
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('reports.reviewState')}>
          <Tag color={REVIEW_COLORS[report.reviewState]} data-testid="review-state">
            {label('reports.review', report.reviewState)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('reports.timeliness')}>
          <Space wrap size={4}>
            <Tag color={TIMELINESS_COLORS[detail.timeliness.original]}>
              {t('reports.againstOriginal')}: {label('reports.timely', detail.timeliness.original)}
            </Tag>
            {o.extendedDueOn ? (
              <Tag color={TIMELINESS_COLORS[detail.timeliness.granted]}>
                {t('reports.againstGranted')}: {label('reports.timely', detail.timeliness.granted)}
              </Tag>
            ) : null}
          </Space>
        </Descriptions.Item>
      </Descriptions>

      {report.reviewState === 'returned' && report.reviewComment ? (
        <Alert
          type="warning"
          showIcon
          className="tk-report-block"
          data-testid="return-comment"
          title={t('reports.returnedBecause')}
          description={report.reviewComment}
        />
      ) : null}

      {conflict ? (
        <Conflict mine={form} theirs={conflict} onKeepMine={keepMine} onTakeTheirs={takeTheirs} onCopy={copyField} />
      ) : null}

      <Card
        className="tk-report-block"
        title={t('reports.content')}
        extra={
          writable ? (
            <Typography.Text type={saveError ? 'danger' : 'secondary'} data-testid="save-state">
              {saveError ?? saveState}
            </Typography.Text>
          ) : null
        }
      >
        {writable ? (
          <DraftForm form={form} onChange={change} reasonMissing={reasonMissing} />
        ) : (
          <ReadOnly report={report} />
        )}
        <Space wrap className="tk-report-actions">
          {can('report.submit') ? (
            <Popconfirm title={t('reports.submitConfirm')} onConfirm={() => runStep('submit')}>
              <Button
                type="primary"
                data-testid="submit-report"
                disabled={dirty || save.isPending || !!conflict}
                loading={step.isPending}
              >
                {t('reports.submit')}
              </Button>
            </Popconfirm>
          ) : null}
          {can('report.review') ? (
            <>
              <Button
                type="primary"
                data-testid="accept-report"
                onClick={() => runStep('accept')}
                loading={step.isPending}
              >
                {t('reports.accept')}
              </Button>
              <Button danger data-testid="return-report" onClick={() => setReturning(true)}>
                {t('reports.return')}
              </Button>
            </>
          ) : null}
        </Space>
      </Card>
      <CommentModal
        open={returning}
        title={t('reports.returnTitle')}
        okText={t('reports.return')}
        onCancel={() => setReturning(false)}
        onOk={(comment) => {
          setReturning(false);
          runStep('return', comment);
        }}
      />

      <Evidence id={id} detail={detail} />
      <Extensions id={id} detail={detail} />
      <Card className="tk-report-block" title={t('reports.reminders')}>
        <ReminderLog obligationId={id} letters={can('report.review')} />
      </Card>
      <Card className="tk-report-block" title={t('reports.timeline')}>
        <Timeline
          data-testid="timeline"
          items={detail.timeline.map((e) => ({ key: e.id, content: <Step event={e} /> }))}
        />
      </Card>
    </div>
  );
}

function DraftForm({
  form,
  onChange,
  reasonMissing,
}: {
  form: Draft;
  onChange: (patch: Partial<Draft>) => void;
  reasonMissing: boolean;
}) {
  const { t, label } = useI18n();
  return (
    <Form layout="vertical" component="div">
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label={t('reports.field.status')} htmlFor="report-status">
            <Select
              id="report-status"
              value={form.status}
              onChange={(status) => onChange({ status })}
              options={STATUSES.map((s) => ({ value: s, label: label('reports.status', s) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('reports.field.progress')} htmlFor="report-progress">
            <InputNumber
              id="report-progress"
              min={0}
              max={100}
              suffix="%"
              style={{ width: '100%' }}
              value={form.progress ?? null}
              onChange={(progress) => onChange({ progress: progress === null ? null : Math.round(Number(progress)) })}
            />
          </Form.Item>
        </Col>
      </Row>
      {form.status === 'cannot_do' ? (
        <Form.Item
          label={t('reports.field.cannotReason')}
          htmlFor="report-cannotReason"
          required
          validateStatus={reasonMissing ? 'error' : ''}
          help={reasonMissing ? t('reports.reasonNeeded') : undefined}
        >
          <Input.TextArea
            id="report-cannotReason"
            autoSize={{ minRows: 2 }}
            value={form.cannotReason ?? ''}
            onChange={(e) => onChange({ cannotReason: e.target.value })}
          />
        </Form.Item>
      ) : null}
      {TEXT_FIELDS.map((field) => (
        <Form.Item key={field} label={t(`reports.field.${field}`)} htmlFor={`report-${field}`}>
          <Input.TextArea
            id={`report-${field}`}
            autoSize={{ minRows: field === 'narrative' ? 4 : 2 }}
            value={form[field] ?? ''}
            onChange={(e) => onChange({ [field]: e.target.value })}
          />
        </Form.Item>
      ))}
    </Form>
  );
}

function ReadOnly({ report }: { report: ReportView }) {
  const { t, label } = useI18n();
  const isMobile = useIsMobile();
  const row = (name: string, value: ReactNode) => (
    <Descriptions.Item label={name}>{value === null || value === '' ? '—' : value}</Descriptions.Item>
  );
  return (
    <Descriptions column={1} size="small" layout={isMobile ? 'vertical' : 'horizontal'} data-testid="report-readonly">
      {row(t('reports.field.status'), label('reports.status', report.status))}
      {row(t('reports.field.progress'), report.progress === null ? null : `${report.progress}%`)}
      {report.status === 'cannot_do' ? row(t('reports.field.cannotReason'), report.cannotReason) : null}
      {TEXT_FIELDS.map((f) => (
        <Descriptions.Item key={f} label={t(`reports.field.${f}`)}>
          <span className="tk-prewrap">{report[f] || '—'}</span>
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** 409: the user's version beside the saved one, field by field, with a choice. Nothing is lost. */
function Conflict({
  mine,
  theirs,
  onKeepMine,
  onTakeTheirs,
  onCopy,
}: {
  mine: Draft;
  theirs: ReportView;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onCopy: (field: Field) => void;
}) {
  const { t, label } = useI18n();
  const other = draftOf(theirs);
  const show = (field: Field, d: Draft) => {
    const v = d[field];
    if (field === 'status') return label('reports.status', String(v));
    return v === null || v === undefined || v === '' ? t('stale.empty') : String(v);
  };
  const differing = FIELDS.filter((f) => show(f, mine) !== show(f, other));
  return (
    <Alert
      type="warning"
      showIcon
      className="tk-report-block"
      data-testid="report-conflict"
      title={t('reports.conflict.title')}
      description={
        <>
          <p>
            {t('reports.conflict.help', {
              name: theirs.updatedByName ?? '—',
              time: formatDateTime(theirs.updatedAt),
              version: theirs.version,
            })}
          </p>
          {differing.map((field) => (
            <Row key={field} gutter={[8, 4]} className="tk-conflict-row">
              <Col xs={24}>
                <strong>{t(`reports.field.${field}`)}</strong>
              </Col>
              <Col xs={24} md={12}>
                <Typography.Text type="secondary">{t('reports.conflict.mine')}</Typography.Text>
                <div className="tk-prewrap tk-conflict-value" data-testid={`mine-${field}`}>
                  {show(field, mine)}
                </div>
              </Col>
              <Col xs={24} md={12}>
                <Typography.Text type="secondary">{t('reports.conflict.theirs')}</Typography.Text>{' '}
                <Button size="small" type="link" onClick={() => onCopy(field)} data-testid={`copy-${field}`}>
                  {t('reports.conflict.copy')}
                </Button>
                <div className="tk-prewrap tk-conflict-value" data-testid={`theirs-${field}`}>
                  {show(field, other)}
                </div>
              </Col>
            </Row>
          ))}
          <Space wrap>
            <Button type="primary" onClick={onKeepMine} data-testid="keep-mine">
              {t('reports.conflict.keepMine')}
            </Button>
            <Button onClick={onTakeTheirs} data-testid="take-theirs">
              {t('reports.conflict.takeTheirs')}
            </Button>
          </Space>
        </>
      }
    />
  );
}

function Evidence({ id, detail }: { id: string; detail: ObligationDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const upload = useUploadEvidence(id);
  const remove = useRemoveEvidence(id);
  const writable = detail.actions.includes('report.write');
  return (
    <Card
      className="tk-report-block"
      title={t('reports.evidence')}
      extra={
        writable ? (
          <Upload
            showUploadList={false}
            accept={ACCEPT}
            beforeUpload={(file) => {
              if (file.size > MAX_MB * 1024 * 1024) {
                void message.error(t('reports.fileTooLarge', { max: MAX_MB }));
                return Upload.LIST_IGNORE;
              }
              upload.mutate(file, {
                onSuccess: () => void message.success(t('reports.fileAdded')),
                onError: (error) => void message.error(errorText(error)),
              });
              return false;
            }}
          >
            <Button icon={<UploadIcon />} loading={upload.isPending} data-testid="upload-evidence">
              {t('reports.addFile')}
            </Button>
          </Upload>
        ) : null
      }
    >
      {writable ? (
        <Typography.Paragraph type="secondary">{t('reports.fileHint', { max: MAX_MB })}</Typography.Paragraph>
      ) : null}
      {detail.files.length === 0 ? (
        <Typography.Text type="secondary">{t('reports.noFiles')}</Typography.Text>
      ) : (
        <ul className="tk-evidence" data-testid="evidence-list">
          {detail.files.map((f) => (
            <li key={f.id}>
              <a href={evidenceUrl(id, f.id)} download={f.fileName}>
                <DownloadIcon /> {f.fileName}
              </a>{' '}
              <Typography.Text type="secondary">
                {Math.max(1, Math.round(f.size / 1024))} KB · {f.addedByName ?? ''} · {formatDateTime(f.addedAt)}
              </Typography.Text>{' '}
              {writable ? (
                <Popconfirm title={t('reports.removeFileConfirm')} onConfirm={() => remove.mutate(f.id)}>
                  <Button size="small" type="text" danger icon={<DeleteIcon />} aria-label={t('reports.removeFile')} />
                </Popconfirm>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function Extensions({ id, detail }: { id: string; detail: ObligationDetail }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const request = useRequestExtension(id);
  const decide = useDecideExtension(id);
  const [asking, setAsking] = useState(false);
  const [deciding, setDeciding] = useState<{ id: string; grant: boolean; requested: string } | null>(null);
  const [reason, setReason] = useState('');
  const [date, setDate] = useState<string | null>(null);
  const canAsk = detail.actions.includes('extension.request');
  const canDecide = detail.actions.includes('extension.decide');
  if (detail.extensions.length === 0 && !canAsk) return null;
  const fail = (error: unknown) => void message.error(errorText(error));
  return (
    <Card
      className="tk-report-block"
      title={t('reports.extensions')}
      extra={
        canAsk ? (
          <Button onClick={() => setAsking(true)} data-testid="ask-extension">
            {t('reports.askExtension')}
          </Button>
        ) : null
      }
    >
      {detail.extensions.length === 0 ? (
        <Typography.Text type="secondary">{t('reports.noExtensions')}</Typography.Text>
      ) : (
        <ul className="tk-extensions">
          {detail.extensions.map((e) => (
            <li key={e.id}>
              <Tag color={e.state === 'granted' ? 'success' : e.state === 'refused' ? 'error' : 'processing'}>
                {label('reports.extension', e.state)}
              </Tag>
              {t('reports.extensionAsked', {
                date: formatDate(e.requestedDueOn),
                name: e.requestedByName ?? '—',
              })}
              : {e.reason}
              {e.grantedDueOn ? ` → ${formatDate(e.grantedDueOn)}` : ''}
              {e.comment ? ` (${e.comment})` : ''}
              {e.state === 'pending' && canDecide ? (
                <Space wrap className="tk-extension-actions">
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setDeciding({ id: e.id, grant: true, requested: e.requestedDueOn })}
                  >
                    {t('reports.grant')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    onClick={() => setDeciding({ id: e.id, grant: false, requested: e.requestedDueOn })}
                  >
                    {t('reports.refuse')}
                  </Button>
                </Space>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Modal
        open={asking}
        title={t('reports.askExtension')}
        okText={t('reports.send')}
        okButtonProps={{ disabled: !reason.trim() || !date, loading: request.isPending }}
        onCancel={() => setAsking(false)}
        onOk={() =>
          date &&
          request.mutate(
            { reason, requestedDueOn: date },
            {
              onSuccess: () => {
                setAsking(false);
                setReason('');
                setDate(null);
              },
              onError: fail,
            },
          )
        }
      >
        <Form layout="vertical" component="div">
          <Form.Item label={t('reports.newDeadline')} htmlFor="extension-date" required>
            <IsoDatePicker id="extension-date" value={date} onChange={setDate} />
          </Form.Item>
          <Form.Item label={t('reports.reason')} htmlFor="extension-reason" required>
            <Input.TextArea id="extension-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
      <CommentModal
        open={deciding !== null}
        title={deciding?.grant ? t('reports.grant') : t('reports.refuse')}
        okText={deciding?.grant ? t('reports.grant') : t('reports.refuse')}
        required={!deciding?.grant}
        withDate={deciding?.grant ? deciding.requested : null}
        onCancel={() => setDeciding(null)}
        onOk={(comment, dueOn) => {
          if (!deciding) return;
          decide.mutate(
            { extensionId: deciding.id, grant: deciding.grant, comment, dueOn },
            { onSuccess: () => setDeciding(null), onError: fail },
          );
        }}
      />
    </Card>
  );
}

function CommentModal({
  open,
  title,
  okText,
  required = true,
  withDate = null,
  onOk,
  onCancel,
}: {
  open: boolean;
  title: string;
  okText: string;
  required?: boolean;
  withDate?: string | null;
  onOk: (comment: string, dueOn: string | null) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [comment, setComment] = useState('');
  const [date, setDate] = useState<string | null>(null);
  useEffect(() => {
    if (open) {
      setComment('');
      setDate(withDate);
    }
  }, [open, withDate]);
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ disabled: required && !comment.trim() }}
      onCancel={onCancel}
      onOk={() => onOk(comment.trim(), date)}
    >
      <Form layout="vertical" component="div">
        {withDate !== null ? (
          <Form.Item label={t('reports.newDeadline')} htmlFor="decision-date">
            <IsoDatePicker id="decision-date" value={date} onChange={setDate} allowClear={false} />
          </Form.Item>
        ) : null}
        <Form.Item label={t('reports.comment')} htmlFor="decision-comment" required={required}>
          <Input.TextArea
            id="decision-comment"
            autoSize={{ minRows: 3 }}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Step({ event }: { event: TimelineEvent }) {
  const { t, label } = useI18n();
  const data = (event.data ?? {}) as { fileName?: string; requestedDueOn?: string; grantedDueOn?: string | null };
  const extra =
    event.kind === 'file_added' || event.kind === 'file_removed'
      ? data.fileName
      : event.kind === 'extension_requested'
        ? formatDate(data.requestedDueOn)
        : event.kind === 'extension_granted'
          ? formatDate(data.grantedDueOn ?? '')
          : event.kind === 'saved' && event.count > 1
            ? t('reports.savedTimes', { count: event.count, last: formatDateTime(event.lastAt) })
            : null;
  return (
    <div className="tk-step" data-kind={event.kind}>
      <strong>{label('reports.event', event.kind)}</strong> · {event.actorName} · {formatDateTime(event.at)}
      {extra ? <div>{extra}</div> : null}
      {event.comment ? <div className="tk-prewrap tk-step-comment">“{event.comment}”</div> : null}
      {event.kind === 'submitted' ? <Snapshot data={event.data} /> : null}
    </div>
  );
}

/** What a submission sent, as the timeline keeps it. */
function Snapshot({ data }: { data: unknown }) {
  const { t, label } = useI18n();
  if (!data || typeof data !== 'object') return null;
  const d = data as Partial<Record<Field, string | number | null>> & { files?: { fileName: string }[] };
  const rows: [string, string | number | null | undefined][] = [
    [t('reports.field.status'), d.status ? label('reports.status', String(d.status)) : null],
    [t('reports.field.progress'), d.progress === null || d.progress === undefined ? null : `${d.progress}%`],
    ...TEXT_FIELDS.map((f): [string, string | number | null | undefined] => [t(`reports.field.${f}`), d[f]]),
    [t('reports.evidence'), d.files?.map((f) => f.fileName).join(', ')],
  ];
  return (
    <details className="tk-snapshot">
      <summary>{t('reports.snapshot')}</summary>
      <dl>
        {rows
          .filter(([, v]) => v !== null && v !== undefined && v !== '')
          .map(([name, v]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd className="tk-prewrap">{v}</dd>
            </div>
          ))}
      </dl>
    </details>
  );
}
