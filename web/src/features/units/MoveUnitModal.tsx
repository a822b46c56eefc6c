import { Alert, Form, Modal, Typography } from 'antd';
import { useMemo } from 'react';
import { useMoveUnit, useUnits } from '../../api/hooks';
import type { UnitDetail } from '../../api/types';
import { useErrorMessage } from '../../components/ErrorResult';
import { UnitSelect } from '../../components/UnitSelect';
import { useI18n } from '../../i18n/I18nProvider';
import { subtreeIds } from './buildTree';

/** Put the unit under another parent (never under itself or one of its own sub-units). */
export function MoveUnitModal({
  unit,
  onClose,
  onSaved,
}: {
  unit: UnitDetail;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ parentId: string | null }>();
  const move = useMoveUnit(unit.id);
  const all = useUnits({});
  const errorMessage = useErrorMessage();
  const exclude = useMemo(() => subtreeIds(all.data ?? [], unit.id), [all.data, unit.id]);
  const current = unit.ancestors.at(-1);

  return (
    <Modal
      open
      title={t('unit.moveTitle', { name: unit.name })}
      okText={t('unit.move')}
      cancelText={t('action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={move.isPending}
      forceRender
    >
      <Typography.Paragraph type="secondary">
        {t('unit.currentParent')}: {current ? current.name : t('unit.noParent')}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ parentId: unit.parentId }}
        onFinish={(values) => move.mutate(values.parentId ?? null, { onSuccess: onSaved })}
      >
        <Form.Item
          label={t('unit.newParent')}
          name="parentId"
          rules={[{ required: true, message: t('unit.newParentRequired') }]}
        >
          <UnitSelect exclude={exclude} />
        </Form.Item>
        {move.isError ? <Alert type="error" showIcon title={errorMessage(move.error)} /> : null}
      </Form>
    </Modal>
  );
}
