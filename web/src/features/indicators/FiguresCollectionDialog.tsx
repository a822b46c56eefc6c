import { Alert, App, Button, Form, InputNumber, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';
import { useFiguresCollection, useSetFiguresCollection } from './approval.hooks';

interface Values {
  frequency: 'annual' | 'semiannual';
  fromYear: number;
  indicatorCodes: string[];
  lockAfterDays: number;
}

const errorText = (error: unknown) => (error instanceof ApiError ? error.detail || error.code : String(error));

/**
 * "Thu thập số liệu chỉ tiêu" of a plan (docs/indicators.md "Approval"): a button on the plan's
 * edit bar opening the settings; saving makes the units' figures obligations from today.
 */
export function FiguresCollectionButton({ planId }: { planId: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="plan-figures">
        {t('indicators.review.collection.open')}
      </Button>
      {open ? <FiguresCollectionModal planId={planId} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function FiguresCollectionModal({ planId, onClose }: { planId: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const current = useFiguresCollection(planId);
  const save = useSetFiguresCollection(planId);
  const [form] = Form.useForm<Values>();
  const c = current.data;
  return (
    <Modal
      open
      title={t('indicators.review.collection.title')}
      okText={t('indicators.review.collection.save')}
      okButtonProps={{ loading: save.isPending, disabled: !c }}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {current.isError ? <Alert type="error" message={errorText(current.error)} /> : null}
      {c ? (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{
            frequency: c.frequency,
            fromYear: c.fromYear,
            indicatorCodes: c.indicatorCodes,
            lockAfterDays: c.lockAfterDays,
          }}
          onFinish={(v) =>
            save.mutate(
              { ...v, indicatorCodes: v.indicatorCodes ?? [], version: c.version },
              {
                onSuccess: () => {
                  message.success(t('indicators.review.collection.saved'));
                  onClose();
                },
                onError: (e) => message.error(errorText(e)),
              },
            )
          }
        >
          <Typography.Paragraph type="secondary">
            {c.collects ? t('indicators.review.collection.collects') : t('indicators.review.collection.none')}
          </Typography.Paragraph>
          <Form.Item name="frequency" label={t('indicators.review.collection.frequency')} rules={[{ required: true }]}>
            <Select
              options={[
                { value: 'annual', label: t('indicators.review.collection.annual') },
                { value: 'semiannual', label: t('indicators.review.collection.semiannual') },
              ]}
            />
          </Form.Item>
          <Form.Item name="fromYear" label={t('indicators.review.collection.fromYear')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="indicatorCodes"
            label={t('indicators.review.collection.indicators')}
            extra={t('indicators.review.collection.indicatorsHelp')}
          >
            <Select mode="tags" tokenSeparators={[',', ' ']} placeholder="W21-LD01" />
          </Form.Item>
          <Form.Item
            name="lockAfterDays"
            label={t('indicators.review.collection.lockAfterDays')}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={3650} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
