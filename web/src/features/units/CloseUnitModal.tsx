import { Alert, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useCloseUnit } from '../../api/hooks';
import type { UnitDetail } from '../../api/types';
import { useErrorMessage } from '../../components/ErrorResult';
import { UnitSelect } from '../../components/UnitSelect';
import { useI18n } from '../../i18n/I18nProvider';
import { applyFieldErrors } from './formErrors';
import { DATE_FORMAT, isoOf } from './UnitFormModal';

interface Values {
  validTo: Dayjs | null;
  successorId?: string | null;
  note?: string;
}

/** Close (dissolve, merge away) a unit from a date, optionally naming its successor. */
export function CloseUnitModal({
  unit,
  onClose,
  onSaved,
}: {
  unit: UnitDetail;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const close = useCloseUnit(unit.id);
  const errorMessage = useErrorMessage();
  const exclude = useMemo(() => new Set([unit.id]), [unit.id]);

  const onFinish = (values: Values) => {
    const validTo = isoOf(values.validTo);
    if (!validTo) return;
    close.mutate(
      {
        validTo,
        ...(values.successorId ? { successorId: values.successorId } : {}),
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
      },
      { onSuccess: onSaved, onError: (error) => applyFieldErrors(form, error, ['validTo', 'successorId', 'note']) },
    );
  };

  return (
    <Modal
      open
      title={t('unit.closeTitle', { name: unit.name })}
      okText={t('unit.close')}
      okButtonProps={{ danger: true }}
      cancelText={t('action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={close.isPending}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('unit.closeHelp')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ validTo: dayjs(), successorId: null, note: '' }}
      >
        <Form.Item
          label={t('unit.closeDate')}
          name="validTo"
          rules={[{ required: true, message: t('unit.closeDateRequired') }]}
        >
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('unit.successor')} name="successorId" extra={t('unit.successorHelp')}>
          <UnitSelect exclude={exclude} placeholder={t('unit.noSuccessor')} />
        </Form.Item>
        <Form.Item label={t('unit.note')} name="note">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        {close.isError ? <Alert type="error" showIcon title={errorMessage(close.error)} /> : null}
      </Form>
    </Modal>
  );
}
