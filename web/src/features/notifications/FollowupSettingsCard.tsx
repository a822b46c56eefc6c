import { App, Button, Card, Checkbox, Form, InputNumber, Space, Switch, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { ApiError } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';
import { StaleVersionAlert } from '../../components/StaleVersionAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { type FollowupSettings, type SettingsView, useFollowupSettings, useSaveFollowupSettings } from './hooks';

/**
 * The plan's reminder ladder (nhắc, đôn đốc, yêu cầu giải trình) and its channels. Read by
 * whoever reads the plan; editable by whoever manages it. Shown on the plan page.
 */
export function FollowupSettingsCard({ planId }: { planId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const settings = useFollowupSettings(planId);
  const save = useSaveFollowupSettings(planId);
  const [form] = Form.useForm<FollowupSettings>();
  const data = settings.data;
  const canEdit = data?.actions.includes('plan.manage') ?? false;

  useEffect(() => {
    if (data) form.setFieldsValue(data.settings);
  }, [data, form]);

  if (settings.isError) return <ErrorResult error={settings.error} onRetry={() => void settings.refetch()} />;

  const onFinish = (values: FollowupSettings) => {
    if (!data) return;
    save.mutate(
      { settings: values, version: data.version },
      {
        onSuccess: () => void message.success(t('followupSettings.saved')),
        onError: (error) => {
          if (!(error instanceof ApiError && error.code === 'stale_version'))
            void message.error(error instanceof ApiError ? error.detail : String(error));
        },
      },
    );
  };

  const step = (name: 'remind' | 'followUp' | 'explain', days: 'daysBefore' | 'daysAfter', max: number) => (
    <Space wrap align="center" style={{ width: '100%' }}>
      <Form.Item name={[name, 'enabled']} valuePropName="checked" noStyle>
        <Switch disabled={!canEdit} aria-label={t(`followupSettings.${name}`)} />
      </Form.Item>
      <Typography.Text strong>{t(`followupSettings.${name}`)}</Typography.Text>
      <Form.Item name={[name, days]} noStyle rules={[{ required: true }]}>
        <InputNumber min={name === 'explain' ? 1 : 0} max={max} disabled={!canEdit} style={{ width: 80 }} />
      </Form.Item>
      <Typography.Text>{t(`followupSettings.${days}`)}</Typography.Text>
    </Space>
  );

  return (
    <Card
      className="tk-section"
      data-testid="followup-settings"
      title={t('followupSettings.title')}
      loading={settings.isPending}
      extra={data?.isDefault ? <Tag>{t('followupSettings.default')}</Tag> : null}
    >
      <Typography.Paragraph type="secondary">{t('followupSettings.help')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={onFinish} disabled={!canEdit}>
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          {step('remind', 'daysBefore', 30)}
          {step('followUp', 'daysAfter', 60)}
          {step('explain', 'daysAfter', 90)}
          <Space wrap>
            <Typography.Text strong>{t('followupSettings.channels')}</Typography.Text>
            <Form.Item name={['channels', 'inApp']} valuePropName="checked" noStyle>
              <Checkbox>{t('followupSettings.inApp')}</Checkbox>
            </Form.Item>
            <Form.Item name={['channels', 'email']} valuePropName="checked" noStyle>
              <Checkbox>{t('followupSettings.email')}</Checkbox>
            </Form.Item>
          </Space>
          <StaleVersionAlert<SettingsView>
            error={save.error}
            fields={[]}
            onReload={(current) => {
              form.setFieldsValue(current.settings);
              save.reset();
              void settings.refetch();
            }}
          />
          {canEdit ? (
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="followup-settings-save">
              {t('action.save')}
            </Button>
          ) : null}
        </Space>
      </Form>
    </Card>
  );
}
