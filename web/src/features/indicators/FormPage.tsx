import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Checkbox,
  Input,
  InputNumber,
  Modal,
  Popover,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';
import { IsoDatePicker } from '../../components/IsoDatePicker';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { FiguresReviewBar } from './FiguresReviewBar';
import {
  type CellChange,
  type FiguresForm,
  type FormCellView,
  type FormElement,
  type Issue,
  useCellHistory,
  useFiguresForm,
  useReopen,
  useSaveFigures,
  useValidateFigures,
  type Validation,
} from './FormHooks';
import { SpreadsheetActions } from './SpreadsheetActions';
import './FormPage.css';

/** Validation as you type: this long after the last keystroke. */
const VALIDATE_MS = 500;

interface Edit {
  value: number | null;
  notAvailable: boolean;
  comment: string | null;
}
/** Issues are distinct by kind, rule and first cell. */
const issueKey = (i: Issue) =>
  `${i.kind}:${i.rule ?? ''}:${i.cells[0]?.element ?? ''}:${i.cells[0]?.combo ?? ''}:${i.messageVi}`;
const keyOf = (element: string, combo: string) => `${element}\u0000${combo}`;

export default function FormPage() {
  const { unitId = '', periodKey = '' } = useParams();
  const query = useFiguresForm(unitId, periodKey);
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <FiguresFormView unitId={unitId} periodKey={periodKey} form={query.data} reload={() => void query.refetch()} />
  );
}

function FiguresFormView({
  unitId,
  periodKey,
  form,
  reload,
}: {
  unitId: string;
  periodKey: string;
  form: FiguresForm;
  reload: () => void;
}) {
  const { t, lang, label } = useI18n();
  const { message } = App.useApp();
  const [edits, setEdits] = useState<Map<string, Edit>>(new Map());
  const [refused, setRefused] = useState<Validation | null>(null);
  const [askReason, setAskReason] = useState(false);
  const [reason, setReason] = useState('');
  const save = useSaveFigures(unitId, periodKey);
  const writable = form.actions.includes('enter');

  const cells = useMemo(() => {
    const m = new Map<string, FormCellView>();
    for (const s of form.sections)
      for (const e of s.elements) for (const c of e.cells) m.set(keyOf(e.code, c.combo), c);
    return m;
  }, [form]);

  const changes: CellChange[] = useMemo(() => {
    const out: CellChange[] = [];
    for (const [key, edit] of edits) {
      const [element = '', combo = ''] = key.split('\u0000');
      const base = cells.get(key);
      if (
        base &&
        base.value === edit.value &&
        base.notAvailable === edit.notAvailable &&
        (base.comment ?? null) === (edit.comment ?? null)
      )
        continue;
      out.push({
        element,
        combo,
        value: edit.value,
        notAvailable: edit.notAvailable,
        comment: edit.comment,
        version: base?.version ?? 0,
      });
    }
    return out;
  }, [edits, cells]);

  // Debounced: the changes sent for validation settle VALIDATE_MS after the last keystroke.
  const [settled, setSettled] = useState<CellChange[]>([]);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(changes), VALIDATE_MS);
    return () => window.clearTimeout(timer);
  }, [changes]);
  const live = useValidateFigures(unitId, periodKey, settled, settled.length > 0);
  const validation: Validation = refused ?? (settled.length > 0 && live.data ? live.data : form.validation);

  const issuesOf = (element: string, combo?: string): Issue[] =>
    [...validation.errors, ...validation.warnings].filter((i) =>
      i.cells.some((c) => c.element === element && (combo === undefined || c.combo === combo)),
    );
  const missing = new Set(validation.missing.map((m) => keyOf(m.element, m.combo)));

  const cellEdit = (element: string, c: FormCellView): Edit =>
    edits.get(keyOf(element, c.combo)) ?? { value: c.value, notAvailable: c.notAvailable, comment: c.comment };
  const edit = (element: string, c: FormCellView, patch: Partial<Edit>) => {
    setRefused(null);
    setEdits((m) => {
      const next = new Map(m);
      next.set(keyOf(element, c.combo), { ...cellEdit(element, c), ...patch });
      return next;
    });
  };

  const doSave = (withReason?: string) =>
    save.mutate(
      { changes, ...(withReason ? { reason: withReason } : {}) },
      {
        onSuccess: (saved) => {
          setEdits(new Map());
          setSettled([]);
          setRefused(null);
          setAskReason(false);
          setReason('');
          void message.success(t('indicators.entry.saved', { count: saved.saved }));
        },
        onError: (error) => {
          if (error instanceof ApiError && error.problem.validation) setRefused(error.problem.validation as Validation);
          if (error instanceof ApiError && error.code === 'figures_locked_reason_required') {
            setAskReason(true);
            return;
          }
          if (error instanceof ApiError && error.code === 'stale_version') reload();
          void message.error(error instanceof ApiError ? error.detail || error.code : String(error));
        },
      },
    );
  const onSave = () => (form.supplement ? setAskReason(true) : doSave());

  const name = (o: { nameVi: string; nameEn: string }) => (lang === 'en' ? o.nameEn : o.nameVi);
  const errors = validation.errors.length;
  const warnings = validation.warnings.filter((w) => !w.explained).length;

  return (
    <div className="tk-figures" data-testid="figures-form">
      <Breadcrumb
        items={[
          { title: <Link to="/indicators">{t('nav.indicators')}</Link> },
          { title: <Link to={`/indicators/entry?period=${periodKey}`}>{t('indicators.entry.title')}</Link> },
          { title: form.unit.name },
        ]}
      />
      <PageTitle title={`${form.unit.name} · ${periodKey}`}>
        {form.unit.name}
        <Typography.Text type="secondary" className="tk-figures-period">
          {' '}
          · {t('indicators.entry.periodLabel', { period: lang === 'en' ? form.period.labelEn : form.period.labelVi })}
        </Typography.Text>
      </PageTitle>
      <LockBanner form={form} unitId={unitId} periodKey={periodKey} />
      <FiguresReviewBar unitId={unitId} periodKey={periodKey} onChanged={reload} />
      <SpreadsheetActions unitId={unitId} periodKey={periodKey} onImported={reload} />
      <Card size="small" className="tk-figures-summary" data-testid="figures-summary">
        <Space wrap>
          <Tag color={errors > 0 ? 'error' : 'success'}>{t('indicators.entry.errors', { count: errors })}</Tag>
          <Tag color={warnings > 0 ? 'warning' : 'default'}>{t('indicators.entry.warnings', { count: warnings })}</Tag>
          <Tag>{t('indicators.entry.missing', { count: validation.missing.length })}</Tag>
          {live.isFetching ? (
            <Typography.Text type="secondary">{t('indicators.entry.checking')}</Typography.Text>
          ) : null}
        </Space>
        {errors + warnings > 0 ? (
          <ul className="tk-figures-issues">
            {[...validation.errors, ...validation.warnings.filter((w) => !w.explained)].map((i) => (
              <li key={issueKey(i)} className={i.level === 'error' ? 'is-error' : 'is-warning'}>
                {lang === 'en' ? i.messageEn : i.messageVi}
              </li>
            ))}
          </ul>
        ) : null}
      </Card>
      {form.sections.map((s) => (
        <Card
          key={s.area}
          className="tk-figures-section"
          title={label('indicators.entry.area', s.area)}
          extra={<span className="tk-figures-codes">{s.indicators.map((i) => i.code).join(', ')}</span>}
        >
          {s.elements.map((e) => (
            <ElementGrid
              key={e.code}
              element={e}
              unitId={unitId}
              periodKey={periodKey}
              writable={writable}
              name={name}
              cellEdit={(c) => cellEdit(e.code, c)}
              onEdit={(c, patch) => edit(e.code, c, patch)}
              issuesOf={(combo) => issuesOf(e.code, combo)}
              elementIssues={issuesOf(e.code)}
              missing={(combo) => missing.has(keyOf(e.code, combo))}
            />
          ))}
        </Card>
      ))}
      {writable ? (
        <div className="tk-figures-savebar">
          <Typography.Text type="secondary">
            {changes.length > 0
              ? t('indicators.entry.changed', { count: changes.length })
              : t('indicators.entry.noChange')}
          </Typography.Text>
          <Space>
            <Button
              disabled={changes.length === 0}
              onClick={() => {
                setEdits(new Map());
                setRefused(null);
              }}
            >
              {t('indicators.entry.discard')}
            </Button>
            <Button
              type="primary"
              data-testid="figures-save"
              disabled={changes.length === 0}
              loading={save.isPending}
              onClick={onSave}
            >
              {form.supplement ? t('indicators.entry.saveSupplement') : t('indicators.entry.save')}
            </Button>
          </Space>
        </div>
      ) : null}
      <Modal
        open={askReason}
        title={t('indicators.entry.reasonTitle')}
        okText={t('indicators.entry.saveSupplement')}
        okButtonProps={{ disabled: !reason.trim(), loading: save.isPending }}
        onOk={() => doSave(reason.trim())}
        onCancel={() => setAskReason(false)}
      >
        <Typography.Paragraph>{t('indicators.entry.reasonHelp')}</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={1000}
          value={reason}
          aria-label={t('indicators.entry.reason')}
          onChange={(ev) => setReason(ev.target.value)}
        />
      </Modal>
    </div>
  );
}

function LockBanner({ form, unitId, periodKey }: { form: FiguresForm; unitId: string; periodKey: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [until, setUntil] = useState<string | null>(null);
  const [why, setWhy] = useState('');
  const reopen = useReopen(unitId, periodKey);
  const l = form.lock;
  const text =
    l.state === 'open'
      ? t('indicators.entry.lock.open', { date: formatDate(l.locksOn) })
      : l.state === 'reopened'
        ? t('indicators.entry.lock.reopened', { date: formatDate(l.until), reason: l.reason ?? '' })
        : l.state === 'locked'
          ? t('indicators.entry.lock.locked', { date: formatDate(l.lockedOn) })
          : l.state === 'accepted'
            ? t('indicators.entry.lock.accepted')
            : t('indicators.entry.lock.underReview');
  const type = l.state === 'open' || l.state === 'reopened' ? 'info' : l.state === 'accepted' ? 'success' : 'warning';
  return (
    <>
      <Alert
        type={type}
        showIcon
        className="tk-figures-lock"
        data-testid="figures-lock"
        message={text}
        action={
          form.actions.includes('reopen') ? (
            <Button size="small" onClick={() => setOpen(true)}>
              {t('indicators.entry.reopen')}
            </Button>
          ) : undefined
        }
      />
      <Modal
        open={open}
        title={t('indicators.entry.reopenTitle')}
        okButtonProps={{ disabled: !until || !why.trim(), loading: reopen.isPending }}
        onCancel={() => setOpen(false)}
        onOk={() =>
          until &&
          reopen.mutate(
            { openUntil: until, reason: why.trim() },
            {
              onSuccess: () => setOpen(false),
              onError: (error) => void message.error(error instanceof ApiError ? error.detail : String(error)),
            },
          )
        }
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <span>{t('indicators.entry.reopenUntil')}</span>
          <IsoDatePicker value={until} onChange={(v) => setUntil(v ?? null)} />
          <span>{t('indicators.entry.reason')}</span>
          <Input.TextArea rows={3} maxLength={1000} value={why} onChange={(ev) => setWhy(ev.target.value)} />
        </Space>
      </Modal>
    </>
  );
}

function ElementGrid({
  element: e,
  unitId,
  periodKey,
  writable,
  name,
  cellEdit,
  onEdit,
  issuesOf,
  elementIssues,
  missing,
}: {
  element: FormElement;
  unitId: string;
  periodKey: string;
  writable: boolean;
  name: (o: { nameVi: string; nameEn: string }) => string;
  cellEdit: (c: FormCellView) => Edit;
  onEdit: (c: FormCellView, patch: Partial<Edit>) => void;
  issuesOf: (combo: string) => Issue[];
  elementIssues: Issue[];
  missing: (combo: string) => boolean;
}) {
  const { t, lang } = useI18n();
  const total = e.cells.reduce<number | null>((s, c) => {
    const v = cellEdit(c).value;
    return v === null || cellEdit(c).notAvailable ? s : (s ?? 0) + v;
  }, null);
  const single = e.rows.length === 1 && e.columns.length === 1;
  const cell = (c: FormCellView | undefined) =>
    c ? (
      <CellInput
        key={c.combo}
        elementCode={e.code}
        elementName={name(e)}
        cell={c}
        unitId={unitId}
        periodKey={periodKey}
        writable={writable}
        edit={cellEdit(c)}
        issues={issuesOf(c.combo)}
        missing={missing(c.combo)}
        onEdit={(patch) => onEdit(c, patch)}
      />
    ) : null;
  const find = (row: string, column: string) => e.cells.find((c) => c.row === row && c.column === column);
  const problems = elementIssues.filter((i) => i.level === 'error' || !i.explained);
  return (
    <section className="tk-figures-element" data-testid={`element-${e.code}`}>
      <div className="tk-figures-element-head">
        <Typography.Text strong>
          {name(e)} {e.required ? null : <Tag>{t('indicators.entry.optional')}</Tag>}
        </Typography.Text>
        <span className="tk-figures-total" data-testid={`total-${e.code}`}>
          {t('indicators.entry.total')}: <strong>{total ?? '—'}</strong>
          {e.previousTotal !== null ? (
            <Typography.Text type="secondary">
              {' '}
              · {t('indicators.entry.previous', { value: e.previousTotal })}
            </Typography.Text>
          ) : null}
        </span>
      </div>
      {single ? (
        <div className="tk-figures-single">{cell(e.cells[0])}</div>
      ) : (
        <div className="tk-figures-scroll">
          <table className="tk-figures-grid">
            <thead>
              <tr>
                <th scope="col">
                  {e.rowCategory ? name(e.rowCategory) : ''}
                  {e.columnCategory ? ` \\ ${name(e.columnCategory)}` : ''}
                </th>
                {e.columns.map((col) => (
                  <th scope="col" key={col.key}>
                    {col.key ? name(col) : t('indicators.entry.value')}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {e.rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{name(row)}</th>
                  {e.columns.map((col) => (
                    <td key={col.key}>{cell(find(row.key, col.key))}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {problems.length > 0 ? (
        <ul className="tk-figures-issues">
          {problems.map((i) => (
            <li key={issueKey(i)} className={i.level === 'error' ? 'is-error' : 'is-warning'}>
              {lang === 'en' ? i.messageEn : i.messageVi}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function CellInput({
  elementCode,
  elementName,
  cell,
  unitId,
  periodKey,
  writable,
  edit,
  issues,
  missing,
  onEdit,
}: {
  elementCode: string;
  elementName: string;
  cell: FormCellView;
  unitId: string;
  periodKey: string;
  writable: boolean;
  edit: Edit;
  issues: Issue[];
  missing: boolean;
  onEdit: (patch: Partial<Edit>) => void;
}) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  // A finding over a whole element (a rule, a limit) marks the cells that hold a number, not the empty ones.
  const marks = issues.filter((i) => i.cells.length === 1 || edit.value !== null);
  const error = marks.find((i) => i.level === 'error');
  const warning = marks.find((i) => i.level === 'warning' && !i.explained);
  const status = error ? 'error' : warning ? 'warning' : undefined;
  const tip = error ?? warning;
  const history = useCellHistory(unitId, periodKey, elementCode, cell.combo, open);
  const label = `${elementName}${cell.combo ? ` (${cell.combo})` : ''}`;
  const details = (
    <div className="tk-figures-cell-popover">
      <Checkbox
        checked={edit.notAvailable}
        disabled={!writable}
        onChange={(ev) => onEdit({ notAvailable: ev.target.checked, value: ev.target.checked ? null : edit.value })}
      >
        {t('indicators.entry.notAvailable')}
      </Checkbox>
      <Input.TextArea
        rows={2}
        maxLength={1000}
        disabled={!writable}
        placeholder={t('indicators.entry.comment')}
        aria-label={t('indicators.entry.comment')}
        value={edit.comment ?? ''}
        onChange={(ev) => onEdit({ comment: ev.target.value || null })}
      />
      {cell.updatedAt ? (
        <Typography.Text type="secondary">
          {t('indicators.entry.updated', { time: formatDateTime(cell.updatedAt), who: cell.updatedBy ?? '—' })}
        </Typography.Text>
      ) : null}
      <Typography.Text strong>{t('indicators.entry.history')}</Typography.Text>
      {history.isFetching ? (
        <Typography.Text type="secondary">…</Typography.Text>
      ) : (history.data?.items.length ?? 0) === 0 ? (
        <Typography.Text type="secondary">{t('indicators.entry.noHistory')}</Typography.Text>
      ) : (
        <ul className="tk-figures-history" data-testid="cell-history">
          {history.data?.items.map((h) => (
            <li key={h.id}>
              {formatDateTime(h.changedAt)} · {h.changedBy ?? '—'}:{' '}
              {h.oldNotAvailable ? t('indicators.entry.na') : (h.oldValue ?? '∅')} →{' '}
              {h.newNotAvailable ? t('indicators.entry.na') : (h.newValue ?? '∅')}
              {h.supplement ? <Tag color="orange">{t('indicators.entry.supplement')}</Tag> : null}
              {h.reason ? (
                <div>
                  {t('indicators.entry.reason')}: {h.reason}
                </div>
              ) : null}
              {h.comment ? <div>{h.comment}</div> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
  return (
    <div className={`tk-figures-cell${missing ? ' is-missing' : ''}`}>
      <Tooltip title={tip ? (lang === 'en' ? tip.messageEn : tip.messageVi) : undefined}>
        {edit.notAvailable ? (
          <Tag className="tk-figures-na" aria-label={label}>
            {t('indicators.entry.na')}
          </Tag>
        ) : (
          <InputNumber
            aria-label={label}
            data-testid={`cell-${elementCode}-${cell.combo}`}
            status={status}
            disabled={!writable}
            value={edit.value}
            onChange={(v) => onEdit({ value: typeof v === 'number' ? v : null })}
            className="tk-figures-input"
            controls={false}
          />
        )}
      </Tooltip>
      <Popover trigger="click" open={open} onOpenChange={setOpen} content={details} title={label}>
        <Button
          size="small"
          type={edit.comment ? 'primary' : 'text'}
          ghost={Boolean(edit.comment)}
          className="tk-figures-more"
          aria-label={t('indicators.entry.cellDetails', { cell: label })}
        >
          ⋯
        </Button>
      </Popover>
    </div>
  );
}
