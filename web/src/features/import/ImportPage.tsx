import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Divider,
  Input,
  Steps,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCreatePlan, useImportPreview, useUnits } from '../../api/hooks';
import type { ImportPreview, OrgResolution, PlanImport } from '../../api/types';
import { useErrorMessage } from '../../components/ErrorResult';
import { UploadIcon } from '../../components/icons';
import { PageTitle } from '../../components/PageTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { OrgMatching } from './OrgMatching';
import { defaultChoice, type OrgChoice, type OrgRow, orgRows, resolutionOf, statusOf } from './orgs';
import { PreviewForm } from './PreviewForm';

const MAX_MB = 20;
const MAX_BYTES = MAX_MB * 1024 * 1024;
const ACCEPT = '.txt,.md,.docx';
const ACCEPTED = /\.(txt|md|docx)$/i;

/** Step 1: a file or pasted text, sent to the server for a preview. */
function SourceStep({ onPreview }: { onPreview: (preview: ImportPreview) => void }) {
  const { t } = useI18n();
  const errorMessage = useErrorMessage();
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [emptyError, setEmptyError] = useState(false);
  const preview = useImportPreview();

  const fileList: UploadFile[] = file ? [{ uid: 'import-file', name: file.name, size: file.size, status: 'done' }] : [];

  const submit = () => {
    if (!file && !text.trim()) {
      setEmptyError(true);
      return;
    }
    setEmptyError(false);
    preview.mutate(file ? { file } : { text }, { onSuccess: onPreview });
  };

  return (
    <Card className="tk-section" data-testid="import-source">
      <div className="tk-stack">
        <Upload.Dragger
          accept={ACCEPT}
          multiple={false}
          maxCount={1}
          fileList={fileList}
          beforeUpload={(picked) => {
            if (!ACCEPTED.test(picked.name)) {
              setFileError(t('import.fileType', { name: picked.name }));
              return Upload.LIST_IGNORE;
            }
            if (picked.size > MAX_BYTES) {
              setFileError(t('import.fileTooLarge', { name: picked.name, max: MAX_MB }));
              return Upload.LIST_IGNORE;
            }
            setFileError(null);
            setEmptyError(false);
            setFile(picked);
            return false;
          }}
          onRemove={() => {
            setFile(null);
            return true;
          }}
          data-testid="import-file-input"
        >
          <p className="tk-upload-icon">
            <UploadIcon />
          </p>
          <p className="ant-upload-text">{t('import.dropHere')}</p>
          <p className="ant-upload-hint">{t('import.fileHint', { max: MAX_MB })}</p>
        </Upload.Dragger>
        {fileError ? <Alert type="error" showIcon title={fileError} /> : null}

        <Divider plain className="tk-m0">
          {t('import.orPaste')}
        </Divider>
        <Input.TextArea
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            if (event.target.value.trim()) setEmptyError(false);
          }}
          disabled={!!file}
          placeholder={file ? t('import.textDisabled', { name: file.name }) : t('import.textPlaceholder')}
          aria-label={t('import.textLabel')}
          autoSize={{ minRows: 6, maxRows: 16 }}
          data-testid="import-text"
        />

        {emptyError ? <Alert type="warning" showIcon title={t('import.nothingToRead')} /> : null}
        {preview.isError ? (
          <Alert type="error" showIcon title={errorMessage(preview.error)} data-testid="import-error" />
        ) : null}
        <div className="tk-step-actions">
          <Button type="primary" onClick={submit} loading={preview.isPending} data-testid="import-submit">
            {preview.isPending ? t('import.reading') : t('import.read')}
          </Button>
        </div>
      </div>
    </Card>
  );
}

/** Step 4: a summary, then the plan is created. */
function ConfirmStep({
  plan,
  rows,
  choiceOf,
  resolutions,
  ownerUnitId,
  onBack,
}: {
  plan: PlanImport;
  rows: OrgRow[];
  choiceOf: (row: OrgRow) => OrgChoice | undefined;
  resolutions: Record<string, OrgResolution>;
  ownerUnitId: string;
  onBack: () => void;
}) {
  const { t, label } = useI18n();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const create = useCreatePlan();
  const units = useUnits({});
  const ownerName = units.data?.find((unit) => unit.id === ownerUnitId)?.name ?? ownerUnitId;
  const unresolved = rows.filter((row) => statusOf(choiceOf(row)) === 'unmatched');
  const doc = plan.document;
  const assignmentCount = plan.tasks.reduce((sum, task) => sum + task.assignments.length, 0);

  const send = () =>
    create.mutate(
      { plan, ownerUnitId, organizations: resolutions },
      {
        onSuccess: (created) => {
          void message.success(t('import.created'));
          navigate(`/plans/${created.id}`);
        },
      },
    );

  const confirm = () => {
    if (unresolved.length === 0) {
      send();
      return;
    }
    modal.confirm({
      title: t('import.org.unresolvedCount', { count: unresolved.length }),
      content: (
        <div>
          <p>{t('import.confirmUnresolved')}</p>
          <ul className="tk-dash-list">
            {unresolved.slice(0, 10).map((row) => (
              <li key={row.name}>{row.name}</li>
            ))}
            {unresolved.length > 10 ? <li>{t('import.andMore', { count: unresolved.length - 10 })}</li> : null}
          </ul>
        </div>
      ),
      okText: t('import.confirmAnyway'),
      cancelText: t('import.back'),
      okButtonProps: { 'data-testid': 'import-confirm-ok' },
      onOk: send,
    });
  };

  const items = [
    { key: 'type', label: t('doc.typeName'), children: doc.typeName || t('plan.document') },
    { key: 'symbol', label: t('doc.symbol'), children: doc.symbol || t('plan.noNumber') },
    { key: 'title', label: t('doc.title'), children: doc.title || '—' },
    { key: 'issuer', label: t('doc.issuer'), children: doc.issuer || '—' },
    { key: 'date', label: t('doc.date'), children: doc.date ? formatDate(doc.date) : '—' },
    { key: 'owner', label: t('import.ownerLabel'), children: ownerName },
    {
      key: 'refs',
      label: t('plan.references'),
      children: plan.references.length
        ? plan.references.map((ref) => `${label('relation', ref.relation)}: ${ref.symbol ?? ref.asWritten}`).join('; ')
        : '—',
    },
    {
      key: 'tasks',
      label: t('plan.tasks'),
      children: t('import.taskSummary', { tasks: plan.tasks.length, assignments: assignmentCount }),
    },
    {
      key: 'orgs',
      label: t('import.orgs'),
      children: t('import.orgSummary', { resolved: rows.length - unresolved.length, total: rows.length }),
    },
  ];

  return (
    <div className="tk-stack" data-testid="import-summary">
      <Card className="tk-section" title={t('import.summary')}>
        <Descriptions column={1} size="small" bordered items={items} />
      </Card>
      {unresolved.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('import.org.unresolvedCount', { count: unresolved.length })}
          description={unresolved.map((row) => row.name).join('; ')}
        />
      ) : null}
      {create.isError ? (
        <Alert type="error" showIcon title={errorMessage(create.error)} data-testid="import-confirm-error" />
      ) : null}
      <div className="tk-step-actions">
        <Button onClick={onBack} disabled={create.isPending}>
          {t('import.back')}
        </Button>
        <Button type="primary" onClick={confirm} loading={create.isPending} data-testid="import-confirm">
          {t('import.confirm')}
        </Button>
      </div>
    </div>
  );
}

export default function ImportPage() {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const [step, setStep] = useState(0);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [version, setVersion] = useState(0);
  const [plan, setPlan] = useState<PlanImport | null>(null);
  const [choices, setChoices] = useState<Record<string, OrgChoice>>({});
  const [ownerUnitId, setOwnerUnitId] = useState<string | null>(null);
  const [ownerMissing, setOwnerMissing] = useState(false);

  const rows = useMemo(() => (plan && preview ? orgRows(plan, preview.organizations) : []), [plan, preview]);
  const choiceOf = (row: OrgRow) => choices[row.name] ?? defaultChoice(row.match);
  const resolutions = Object.fromEntries(rows.map((row) => [row.name, resolutionOf(choiceOf(row), row.match)]));

  const onPreview = (next: ImportPreview) => {
    setPreview(next);
    setVersion((value) => value + 1);
    setPlan(null);
    setChoices({});
    setOwnerUnitId(next.owner?.unitId ?? null);
    setOwnerMissing(false);
    setStep(1);
    window.scrollTo({ top: 0 });
  };

  const go = (next: number) => {
    setStep(next);
    window.scrollTo({ top: 0 });
  };

  const stepItems = [
    { title: t('import.step.source') },
    { title: t('import.step.review') },
    { title: t('import.step.orgs') },
    { title: t('import.step.confirm') },
  ];

  return (
    <div className="tk-stack">
      <Breadcrumb items={[{ title: <Link to="/plans">{t('plans.title')}</Link> }, { title: t('import.title') }]} />
      <PageTitle title={t('import.title')}>{t('import.title')}</PageTitle>
      {isMobile ? (
        <div className="tk-mobile-step" aria-live="polite">
          <Typography.Text type="secondary">
            {t('import.stepOf', { step: step + 1, total: stepItems.length })}
          </Typography.Text>{' '}
          <Typography.Text strong>{stepItems[step]?.title}</Typography.Text>
        </div>
      ) : (
        <Steps current={step} size="small" items={stepItems} />
      )}

      <div hidden={step !== 0}>
        <SourceStep onPreview={onPreview} />
      </div>
      {preview ? (
        <div hidden={step !== 1}>
          <PreviewForm
            key={version}
            preview={preview}
            onBack={() => go(0)}
            onNext={(edited) => {
              setPlan(edited);
              go(2);
            }}
          />
        </div>
      ) : null}
      {step === 2 && preview && plan ? (
        <OrgMatching
          preview={preview}
          rows={rows}
          choiceOf={choiceOf}
          onChoice={(name, choice) => setChoices((prev) => ({ ...prev, [name]: choice }))}
          ownerUnitId={ownerUnitId}
          onOwner={(unitId) => setOwnerUnitId(unitId)}
          ownerMissing={ownerMissing}
          onBack={() => go(1)}
          onNext={() => {
            if (!ownerUnitId) {
              setOwnerMissing(true);
              return;
            }
            go(3);
          }}
        />
      ) : null}
      {step === 3 && plan && ownerUnitId ? (
        <ConfirmStep
          plan={plan}
          rows={rows}
          choiceOf={choiceOf}
          resolutions={resolutions}
          ownerUnitId={ownerUnitId}
          onBack={() => go(2)}
        />
      ) : null}
    </div>
  );
}
