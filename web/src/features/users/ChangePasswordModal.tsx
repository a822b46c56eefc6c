import { App, Form, Input, Modal } from 'antd';
import { useErrorMessage } from '../../components/ErrorResult';
import { useI18n } from '../../i18n/I18nProvider';
import { useChangeOwnPassword } from './api';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** "Đổi mật khẩu": every user, with the current password; other sessions end. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangeOwnPassword();
  const errorMessage = useErrorMessage();
  const close = () => {
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('account.changePassword')}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={change.isPending}
      okButtonProps={{ 'data-testid': 'password-save' }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="password-form"
        onFinish={(values) =>
          change.mutate(
            { currentPassword: values.currentPassword, newPassword: values.newPassword },
            {
              onSuccess: () => {
                void message.success(t('account.passwordChanged'));
                close();
              },
              onError: (error) => {
                const detail = errorMessage(error);
                const field = /hiện tại|current/i.test(detail) ? 'currentPassword' : 'newPassword';
                form.setFields([{ name: field, errors: [detail] }]);
              },
            },
          )
        }
      >
        <Form.Item
          label={t('account.currentPassword')}
          name="currentPassword"
          rules={[{ required: true, message: t('auth.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label={t('account.newPassword')}
          name="newPassword"
          extra={t('account.passwordRules')}
          rules={[{ required: true, min: 10, message: t('account.passwordRules') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('account.confirmPassword')}
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('account.confirmMismatch') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('account.confirmMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
