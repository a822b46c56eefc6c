import { Alert, AutoComplete, Form, Input, InputNumber, Modal, Select, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { useCreateDocument, useParseSymbol, useUpdateDocument } from '../../api/hooks';
import type { DocSystem, DocumentDetail, DocumentInput, DocumentSummary } from '../../api/types';
import { useErrorMessage } from '../../components/ErrorResult';
import { IsoDatePicker } from '../../components/IsoDatePicker';
import { StaleVersionAlert, staleCurrent } from '../../components/StaleVersionAlert';
import { UnitSelect } from '../../components/UnitSelect';
import { useDebounced } from '../../components/useDebounced';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { applyFieldErrors } from '../units/formErrors';
import { DOC_TYPES, docSystem } from './docTypes';

interface Values {
  symbol?: string | null;
  system?: DocSystem | null;
  typeName?: string | null;
  typeCode?: string | null;
  number?: string | null;
  issuerCode?: string | null;
  issuer?: string | null;
  issuerUnitId?: string | null;
  place?: string | null;
  date?: string | null;
  title?: string;
  respondWithinDays?: number | null;
}

const FIELDS: (keyof Values)[] = [
  'symbol',
  'system',
  'typeName',
  'typeCode',
  'number',
  'issuerCode',
  'issuer',
  'issuerUnitId',
  'place',
  'date',
  'title',
  'respondWithinDays',
];

const text = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);
const nullable = (value: unknown) => ({ value: value ?? undefined });

function initialValues(doc: DocumentSummary | undefined): Values {
  if (!doc) return {};
  return {
    symbol: doc.symbol,
    system: docSystem(doc.system),
    typeName: doc.typeName,
    typeCode: doc.typeCode,
    number: doc.number,
    issuerCode: doc.issuerCode,
    issuer: doc.issuer,
    issuerUnitId: doc.issuerUnit?.id ?? null,
    place: doc.place,
    date: doc.date,
    title: doc.title,
    respondWithinDays: doc.respondWithinDays ?? null,
  };
}

function toInput(values: Values, canonical: string | null): DocumentInput {
  return {
    symbol: canonical ?? text(values.symbol),
    system: values.system ?? null,
    typeName: text(values.typeName),
    typeCode: text(values.typeCode),
    number: text(values.number),
    issuerCode: text(values.issuerCode),
    issuer: text(values.issuer),
    issuerUnitId: values.issuerUnitId ?? null,
    place: text(values.place),
    date: values.date ?? null,
    title: (values.title ?? '').trim(),
    respondWithinDays: values.respondWithinDays ?? null,
  };
}

/** Register a document (no `document`) or edit one (PATCH with what changed). Mount it to open it. */
export function DocumentFormModal({
  document,
  onClose,
  onSaved,
}: {
  document?: DocumentDetail;
  onClose: () => void;
  onSaved: (doc: DocumentDetail) => void;
}) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const create = useCreateDocument();
  const update = useUpdateDocument(document?.id ?? '');
  const mutation = document ? update : create;
  const errorMessage = useErrorMessage();
  // The record the edit is made from: as opened, or as reloaded after a 409 stale_version.
  const [base, setBase] = useState<DocumentSummary | undefined>(document);

  // The number-and-symbol as typed, read by the server once typing pauses.
  const [typed, setTyped] = useState<string | null>(null);
  const settled = useDebounced((typed ?? '').trim(), 350);
  const parse = useParseSymbol(typed === null ? '' : settled);
  const parsed = typed !== null && settled && parse.data && !parse.isError ? parse.data : null;
  const pending = typed !== null && !!typed.trim() && (settled !== typed.trim() || parse.isFetching);

  useEffect(() => {
    if (!parsed) return;
    const fill: Values = {
      number: parsed.number,
      typeCode: parsed.typeCode,
      issuerCode: parsed.issuerCode,
      system: parsed.system,
    };
    if (parsed.typeName) fill.typeName = parsed.typeName;
    form.setFieldsValue(fill);
  }, [parsed, form]);

  const onFinish = (values: Values) => {
    const input = toInput(values, parsed?.symbol ?? null);
    const done = {
      onSuccess: onSaved,
      onError: (error: unknown) => applyFieldErrors(form, error, FIELDS),
    };
    if (!document) {
      create.mutate(input, done);
      return;
    }
    const before = toInput(initialValues(base), null);
    const patch: DocumentInput = {};
    for (const key of Object.keys(input) as (keyof DocumentInput)[]) {
      if (JSON.stringify(input[key]) !== JSON.stringify(before[key])) {
        (patch as Record<string, unknown>)[key] = input[key];
      }
    }
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    update.mutate({ ...patch, version: base?.version ?? document.version }, done);
  };

  const reload = (current: DocumentSummary) => {
    setBase(current);
    setTyped(null);
    form.setFieldsValue(initialValues(current));
    update.reset();
  };

  const exists = mutation.error instanceof ApiError && mutation.error.code === 'document_exists';
  const symbolHelp = pending ? (
    <span className="tk-muted">
      <Spin size="small" /> {t('doc.parsing')}
    </span>
  ) : parsed ? (
    <span data-testid="symbol-canonical">
      {t('doc.canonical')}: <Typography.Text strong>{parsed.symbol}</Typography.Text>
      {parsed.system ? <span className="tk-muted"> · {t(`system.${parsed.system}`)}</span> : null}
      {parsed.year ? <span className="tk-muted"> · {t('doc.year', { year: parsed.year })}</span> : null}
    </span>
  ) : typed !== null && settled && parse.isError ? (
    <span className="tk-warning-text" data-testid="symbol-unreadable">
      {t('doc.symbolUnreadable')}
    </span>
  ) : (
    t('doc.symbolHelp')
  );

  return (
    <Modal
      open
      title={document ? t('doc.editTitle') : t('doc.createTitle')}
      okText={document ? t('action.save') : t('action.create')}
      cancelText={t('action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'document-save' }}
      width={720}
      forceRender
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={initialValues(document)}
        data-testid="document-form"
      >
        <Form.Item label={t('doc.symbolInput')} name="symbol" extra={symbolHelp}>
          <Input
            placeholder={t('doc.symbolPlaceholder')}
            onChange={(event) => setTyped(event.target.value)}
            data-testid="document-symbol-input"
            autoComplete="off"
          />
        </Form.Item>
        <Form.Item
          label={t('doc.title')}
          name="title"
          rules={[{ required: true, whitespace: true, message: t('doc.titleRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="document-title-input" />
        </Form.Item>
        <div className="tk-form-grid">
          <Form.Item label={t('doc.system')} name="system" getValueProps={nullable}>
            <Select
              allowClear
              placeholder={t('doc.systemUnknown')}
              options={[
                { value: 'party', label: t('system.party') },
                { value: 'state', label: t('system.state') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('doc.typeName')} name="typeName" getValueProps={nullable}>
            <AutoComplete
              options={DOC_TYPES.map((type) => ({ value: type.name, label: label('docType', type.code, type.name) }))}
              showSearch={{ filterOption: true }}
            />
          </Form.Item>
          <Form.Item label={t('doc.typeCode')} name="typeCode">
            <Input />
          </Form.Item>
          <Form.Item label={t('doc.number')} name="number">
            <Input />
          </Form.Item>
          <Form.Item label={t('doc.issuerCode')} name="issuerCode">
            <Input />
          </Form.Item>
          <Form.Item label={t('doc.date')} name="date">
            <IsoDatePicker />
          </Form.Item>
        </div>
        <div className="tk-form-row">
          <Form.Item label={t('doc.issuer')} name="issuer">
            <Input placeholder={t('doc.issuerPlaceholder')} />
          </Form.Item>
          <Form.Item label={t('doc.issuerUnit')} name="issuerUnitId" extra={t('doc.issuerUnitHelp')}>
            <UnitSelect placeholder={t('doc.noIssuerUnit')} />
          </Form.Item>
        </div>
        <div className="tk-form-row">
          <Form.Item label={t('doc.place')} name="place">
            <Input />
          </Form.Item>
          <Form.Item label={t('doc.respondWithinDays')} name="respondWithinDays" extra={t('doc.respondWithinDaysHelp')}>
            <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <StaleVersionAlert<DocumentSummary>
          error={mutation.error}
          onReload={reload}
          fields={[
            { label: t('doc.symbol'), value: (d) => d.symbol },
            { label: t('doc.title'), value: (d) => d.title },
            { label: t('doc.issuer'), value: (d) => d.issuer },
            { label: t('doc.date'), value: (d) => (d.date ? formatDate(d.date) : null) },
            { label: t('doc.place'), value: (d) => d.place },
          ]}
        />
        {mutation.isError && !staleCurrent(mutation.error) ? (
          <Alert
            type="error"
            showIcon
            title={exists ? t('doc.exists') : errorMessage(mutation.error)}
            description={exists ? errorMessage(mutation.error) : undefined}
            data-testid="document-form-error"
          />
        ) : null}
      </Form>
    </Modal>
  );
}
