import {
  Alert,
  App,
  Button,
  Divider,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Select,
  Skeleton,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { ErrorResult, useErrorMessage } from '../../components/ErrorResult';
import { StaleVersionAlert, staleCurrent } from '../../components/StaleVersionAlert';
import { UnitSelect } from '../../components/UnitSelect';
import { useIsMobile } from '../../components/useIsMobile';
import { useI18n } from '../../i18n/I18nProvider';
import {
  ROLES,
  type UserRole,
  type UserRow,
  useAddGrant,
  useCreateUser,
  useRemoveGrant,
  useResetPassword,
  useUpdateUser,
  useUser,
} from './api';

interface CreateValues {
  username: string;
  displayName: string;
  password: string;
  homeUnitId: string | null;
  role: UserRole;
  unitId: string | null;
}

function RoleSelect({ value, onChange, id }: { value?: UserRole; onChange?: (v: UserRole) => void; id?: string }) {
  const { label } = useI18n();
  return (
    <Select<UserRole>
      id={id}
      value={value}
      onChange={onChange}
      options={ROLES.map((role) => ({ value: role, label: label('access.role', role) }))}
      data-testid="role-select"
    />
  );
}

function CreateForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateValues>();
  const create = useCreateUser();
  const errorMessage = useErrorMessage();
  const role = Form.useWatch('role', form);
  return (
    <Form<CreateValues>
      form={form}
      layout="vertical"
      initialValues={{ role: 'viewer', homeUnitId: null, unitId: null }}
      data-testid="user-create-form"
      onFinish={(v) =>
        create.mutate(
          {
            username: v.username.trim(),
            displayName: v.displayName.trim(),
            password: v.password,
            homeUnitId: v.homeUnitId ?? null,
            grants: [{ role: v.role, unitId: v.role === 'admin' ? null : (v.unitId ?? null) }],
          },
          {
            onSuccess: () => {
              void message.success(t('users.created'));
              onDone();
            },
            onError: (error) => void message.error(errorMessage(error)),
          },
        )
      }
    >
      <Form.Item
        label={t('auth.username')}
        name="username"
        extra={t('users.usernameHelp')}
        rules={[{ required: true, pattern: /^[a-zA-Z0-9][a-zA-Z0-9._-]{1,49}$/, message: t('users.usernameHelp') }]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('users.displayName')} name="displayName" rules={[{ required: true, whitespace: true }]}>
        <Input />
      </Form.Item>
      <Form.Item
        label={t('account.newPassword')}
        name="password"
        extra={t('account.passwordRules')}
        rules={[{ required: true, min: 10, message: t('account.passwordRules') }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item label={t('users.homeUnit')} name="homeUnitId">
        <UnitSelect placeholder={t('users.homeUnit')} />
      </Form.Item>
      <Form.Item label={t('users.role')} name="role" rules={[{ required: true }]}>
        <RoleSelect />
      </Form.Item>
      {role !== 'admin' ? (
        <Form.Item
          label={t('users.grantUnit')}
          name="unitId"
          rules={[{ required: true, message: t('users.unitRequired') }]}
        >
          <UnitSelect placeholder={t('users.grantUnit')} />
        </Form.Item>
      ) : null}
      <Button type="primary" htmlType="submit" loading={create.isPending} block data-testid="user-create-submit">
        {t('action.create')}
      </Button>
    </Form>
  );
}

interface EditValues {
  displayName: string;
  homeUnitId: string | null;
  email: string;
}

const editValues = (u: UserRow): EditValues => ({
  displayName: u.displayName,
  homeUnitId: u.homeUnit?.id ?? null,
  email: u.email ?? '',
});
const sameEditValues = (a: UserRow, b: UserRow) =>
  a.displayName === b.displayName && (a.homeUnit?.id ?? null) === (b.homeUnit?.id ?? null) && a.email === b.email;

function EditForm({ user, isSelf }: { user: UserRow; isSelf: boolean }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<EditValues>();
  const save = useUpdateUser();
  const toggle = useUpdateUser();
  const addGrant = useAddGrant();
  const removeGrant = useRemoveGrant();
  const reset = useResetPassword();
  const [grantRole, setGrantRole] = useState<UserRole>('viewer');
  const [grantUnit, setGrantUnit] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const fail = (error: unknown) => void message.error(errorMessage(error));
  // The user the name form is edited from (its version goes with the save): as opened, as
  // saved, or as reloaded after a 409 stale_version.
  const [base, setBase] = useState<UserRow>(user);

  // Fresh data from the server (after a grant change, a save, a refetch). When the fields this
  // form writes are unchanged, or nothing has been typed yet, continue from the new version;
  // otherwise keep the old one, and the save is refused with the other person's values.
  useEffect(() => {
    if (user.version === base.version) return;
    if (sameEditValues(user, base)) setBase(user);
    else if (!form.isFieldsTouched()) {
      form.setFieldsValue(editValues(user));
      setBase(user);
    }
  }, [user, base, form]);

  const reload = (current: UserRow) => {
    setBase(current);
    form.setFieldsValue(editValues(current));
    save.reset();
  };

  return (
    <>
      <Form<EditValues>
        form={form}
        layout="vertical"
        initialValues={editValues(user)}
        data-testid="user-edit-form"
        onFinish={(v) =>
          save.mutate(
            {
              id: user.id,
              displayName: v.displayName.trim(),
              homeUnitId: v.homeUnitId ?? null,
              email: v.email.trim() || null,
              version: base.version,
            },
            {
              onSuccess: (saved) => {
                setBase(saved);
                form.setFieldsValue(editValues(saved));
                void message.success(t('users.saved'));
              },
            },
          )
        }
      >
        <Form.Item label={t('auth.username')}>
          <Typography.Text className="tk-mono">{user.username}</Typography.Text>
        </Form.Item>
        <Form.Item label={t('users.displayName')} name="displayName" rules={[{ required: true, whitespace: true }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('users.homeUnit')} name="homeUnitId">
          <UnitSelect placeholder={t('users.homeUnit')} />
        </Form.Item>
        <Form.Item label={t('users.email')} name="email" extra={t('users.emailHelp')} rules={[{ type: 'email' }]}>
          <Input type="email" autoComplete="off" data-testid="user-email" />
        </Form.Item>
        {save.isError ? (
          <div className="tk-user-edit-alerts">
            <StaleVersionAlert<UserRow>
              error={save.error}
              onReload={reload}
              fields={[
                { label: t('users.displayName'), value: (u) => u.displayName },
                { label: t('users.homeUnit'), value: (u) => u.homeUnit?.name },
              ]}
            />
            {staleCurrent(save.error) ? null : <Alert type="error" showIcon title={errorMessage(save.error)} />}
          </div>
        ) : null}
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="user-save">
          {t('action.save')}
        </Button>
      </Form>

      <Divider />
      <Space align="center" wrap>
        <Switch
          checked={user.isActive}
          disabled={isSelf}
          loading={toggle.isPending}
          onChange={(isActive) =>
            // From the version shown: the switch shows the state it changes.
            toggle.mutate(
              { id: user.id, isActive, version: user.version },
              {
                onSuccess: () => void message.success(isActive ? t('users.reactivated') : t('users.deactivated')),
                onError: fail,
              },
            )
          }
          aria-label={t('users.active')}
          data-testid="user-active"
        />
        <span>{user.isActive ? t('users.active') : t('users.inactive')}</span>
      </Space>
      <Typography.Paragraph type="secondary" className="tk-small">
        {isSelf ? t('users.cannotDeactivateSelf') : t('users.deactivateHelp')}
      </Typography.Paragraph>

      <Divider titlePlacement="start">{t('users.grants')}</Divider>
      <div className="tk-grant-list" data-testid="grant-list">
        {user.grants.length === 0 ? <Typography.Text type="secondary">{t('users.noGrants')}</Typography.Text> : null}
        {user.grants.map((g) => (
          <div key={g.id} className="tk-grant-row">
            <Tag color={g.role === 'admin' ? 'red' : 'blue'}>{label('access.role', g.role)}</Tag>
            <span className="tk-grant-unit">{g.unitName ?? t('users.wholeSystem')}</span>
            <Popconfirm
              title={t('users.revokeConfirm')}
              okText={t('users.revoke')}
              cancelText={t('action.cancel')}
              onConfirm={() => removeGrant.mutate({ userId: user.id, grantId: g.id }, { onError: fail })}
            >
              <Button size="small" danger data-testid="grant-revoke">
                {t('users.revoke')}
              </Button>
            </Popconfirm>
          </div>
        ))}
      </div>
      <div className="tk-grant-add">
        <RoleSelect value={grantRole} onChange={setGrantRole} />
        {grantRole !== 'admin' ? (
          <UnitSelect value={grantUnit} onChange={setGrantUnit} placeholder={t('users.grantUnit')} />
        ) : null}
        <Button
          onClick={() =>
            addGrant.mutate(
              { userId: user.id, role: grantRole, unitId: grantRole === 'admin' ? null : grantUnit },
              {
                onSuccess: () => {
                  void message.success(t('users.granted'));
                  setGrantUnit(null);
                },
                onError: fail,
              },
            )
          }
          loading={addGrant.isPending}
          data-testid="grant-add"
        >
          {t('users.grant')}
        </Button>
      </div>

      <Divider titlePlacement="start">{t('users.resetPassword')}</Divider>
      <Space.Compact block>
        <Input.Password
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          placeholder={t('account.newPassword')}
          autoComplete="new-password"
          aria-label={t('account.newPassword')}
        />
        <Popconfirm
          title={t('users.resetConfirm')}
          okText={t('users.resetPassword')}
          cancelText={t('action.cancel')}
          onConfirm={() =>
            reset.mutate(
              { userId: user.id, password },
              {
                onSuccess: () => {
                  void message.success(t('users.passwordReset'));
                  setPassword('');
                },
                onError: fail,
              },
            )
          }
        >
          <Button disabled={password.length === 0} loading={reset.isPending}>
            {t('users.resetPassword')}
          </Button>
        </Popconfirm>
      </Space.Compact>
      <Typography.Paragraph type="secondary" className="tk-small">
        {t('account.passwordRules')} {t('users.resetHelp')}
      </Typography.Paragraph>
    </>
  );
}

/** Create a user, or edit one: name, home unit, active, grants, password reset. */
export function UserDrawer({
  userId,
  open,
  isSelf,
  onClose,
}: {
  userId: string | null;
  open: boolean;
  isSelf: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const user = useUser(userId);
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={isMobile ? '100%' : 520}
      title={userId ? (user.data?.displayName ?? '') : t('users.add')}
      destroyOnHidden
      data-testid="user-drawer"
    >
      {userId === null ? (
        <CreateForm onDone={onClose} />
      ) : user.data ? (
        <EditForm key={user.data.id} user={user.data} isSelf={isSelf} />
      ) : user.isError ? (
        <ErrorResult error={user.error} onRetry={() => void user.refetch()} />
      ) : (
        <Skeleton active />
      )}
    </Drawer>
  );
}
