import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useCreateUnit, useUpdateUnit } from '../../api/hooks';
import type { NewUnitInput, Unit, UnitDetail, UnitInput } from '../../api/types';
import { useErrorMessage } from '../../components/ErrorResult';
import { StaleVersionAlert, staleCurrent } from '../../components/StaleVersionAlert';
import { UnitSelect } from '../../components/UnitSelect';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { applyFieldErrors } from './formErrors';
import { useOrgNames } from './useOrgNames';

interface Values {
  name: string;
  shortName?: string;
  aliases?: string[];
  kind?: string;
  level?: string;
  parentId?: string | null;
  code?: string;
  validFrom?: Dayjs | null;
}

const FIELDS = ['name', 'shortName', 'aliases', 'kind', 'level', 'parentId', 'code', 'validFrom'];
export const DATE_FORMAT = 'DD/MM/YYYY';

const text = (value: string | undefined) => (value?.trim() ? value.trim() : null);
export const isoOf = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null);

function toInput(values: Values): UnitInput {
  return {
    name: values.name.trim(),
    shortName: text(values.shortName),
    aliases: (values.aliases ?? []).map((alias) => alias.trim()).filter(Boolean),
    kind: values.kind,
    level: values.level,
    code: text(values.code),
    validFrom: isoOf(values.validFrom),
  };
}

function initialValues(unit: Unit | undefined, parentId: string | undefined): Partial<Values> {
  if (!unit) return { aliases: [], parentId: parentId ?? null };
  return {
    name: unit.name,
    shortName: unit.shortName ?? '',
    aliases: unit.aliases,
    kind: unit.kind,
    level: unit.level,
    code: unit.code ?? '',
    validFrom: unit.validFrom ? dayjs(unit.validFrom) : null,
  };
}

/** Create a unit (no `unit`) or edit one (PATCH with only what changed). Mount it to open it. */
export function UnitFormModal({
  unit,
  parentId,
  onClose,
  onSaved,
}: {
  unit?: Unit;
  parentId?: string;
  onClose: () => void;
  onSaved: (unit: UnitDetail) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const names = useOrgNames();
  const create = useCreateUnit();
  const update = useUpdateUnit(unit?.id ?? '');
  const mutation = unit ? update : create;
  const errorMessage = useErrorMessage();
  const editing = !!unit;
  // The record the edit is made from: the unit as opened, or as reloaded after a 409 stale_version.
  const [base, setBase] = useState<Unit | undefined>(unit);

  const onFinish = (values: Values) => {
    const input = toInput(values);
    const done = { onSuccess: onSaved, onError: (error: unknown) => applyFieldErrors(form, error, FIELDS) };
    if (!unit) {
      // The form requires these; an empty one comes back as the server's field error.
      const required = { name: input.name ?? '', kind: input.kind ?? '', level: input.level ?? '' };
      const created: NewUnitInput = { ...input, ...required, parentId: values.parentId ?? null };
      create.mutate(created, done);
      return;
    }
    // Send only the fields that changed, and the version they were changed from.
    const before = toInput(initialValues(base, undefined) as Values);
    const patch: UnitInput = {};
    for (const key of Object.keys(input) as (keyof UnitInput)[]) {
      if (JSON.stringify(input[key]) !== JSON.stringify(before[key])) {
        (patch as Record<string, unknown>)[key] = input[key];
      }
    }
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    update.mutate({ ...patch, version: base?.version ?? unit.version }, done);
  };

  const reload = (current: Unit) => {
    setBase(current);
    form.setFieldsValue(initialValues(current, undefined));
    update.reset();
  };

  const levelOptions = names.levels.map((level) => ({
    value: level.code,
    label: level.validTo
      ? `${names.name(level)} ${t('unit.levelUntil', { date: formatDate(level.validTo) })}`
      : names.name(level),
  }));
  const kindOptions = names.kinds.map((kind) => ({ value: kind.code, label: names.name(kind) }));

  return (
    <Modal
      open
      title={editing ? t('unit.editTitle') : t('unit.createTitle')}
      okText={editing ? t('action.save') : t('action.create')}
      cancelText={t('action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      forceRender
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={initialValues(unit, parentId)}
        data-testid="unit-form"
      >
        <Form.Item
          label={t('unit.name')}
          name="name"
          rules={[{ required: true, whitespace: true, message: t('unit.nameRequired') }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item label={t('unit.shortName')} name="shortName">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t('unit.aliases')} name="aliases" extra={t('unit.aliasesHelp')}>
          <Select mode="tags" open={false} tokenSeparators={[';']} suffixIcon={null} />
        </Form.Item>
        <div className="tk-form-row">
          <Form.Item label={t('unit.kind')} name="kind" rules={[{ required: true, message: t('unit.kindRequired') }]}>
            <Select options={kindOptions} loading={names.loading} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Form.Item
            label={t('unit.level')}
            name="level"
            rules={[{ required: true, message: t('unit.levelRequired') }]}
          >
            <Select options={levelOptions} loading={names.loading} />
          </Form.Item>
        </div>
        {editing ? null : (
          <Form.Item label={t('unit.parent')} name="parentId" extra={t('unit.parentHelp')}>
            <UnitSelect placeholder={t('unit.noParent')} />
          </Form.Item>
        )}
        <div className="tk-form-row">
          <Form.Item label={t('unit.code')} name="code">
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item label={t('unit.validFrom')} name="validFrom">
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <StaleVersionAlert<Unit>
          error={mutation.error}
          onReload={reload}
          fields={[
            { label: t('unit.name'), value: (u) => u.name },
            { label: t('unit.shortName'), value: (u) => u.shortName },
            { label: t('unit.aliases'), value: (u) => u.aliases.join('; ') },
            { label: t('unit.kind'), value: (u) => names.kindName(u.kind) },
            { label: t('unit.level'), value: (u) => names.levelName(u.level) },
            { label: t('unit.code'), value: (u) => u.code },
            { label: t('unit.validFrom'), value: (u) => (u.validFrom ? formatDate(u.validFrom) : null) },
          ]}
        />
        {mutation.isError && !staleCurrent(mutation.error) ? (
          <Alert type="error" showIcon title={errorMessage(mutation.error)} />
        ) : null}
      </Form>
    </Modal>
  );
}
