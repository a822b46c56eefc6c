import { Alert, App, Button, Drawer, Empty, Form, Input, InputNumber, Modal, Tag } from 'antd';
import { useState } from 'react';
import { useOrgLevels, useSaveLevel } from '../../api/hooks';
import type { OrgLevel } from '../../api/types';
import { useErrorMessage } from '../../components/ErrorResult';
import { IsoDatePicker } from '../../components/IsoDatePicker';
import { PlusIcon } from '../../components/icons';
import { Loading } from '../../components/Loading';
import { StaleVersionAlert, staleCurrent } from '../../components/StaleVersionAlert';
import { useIsMobile } from '../../components/useIsMobile';
import { formatDate, todayIso } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { applyFieldErrors } from './formErrors';

interface Values {
  code: string;
  nameVi: string;
  nameEn: string;
  rank: number;
  validFrom: string | null;
  validTo: string | null;
}

const FIELDS = ['code', 'nameVi', 'nameEn', 'rank', 'validFrom', 'validTo'];

function LevelFormModal({
  level,
  nextRank,
  onClose,
}: {
  level: OrgLevel | null;
  nextRank: number;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveLevel();
  const errorMessage = useErrorMessage();
  // The level the edit is made from: as opened, or as reloaded after a 409 stale_version.
  const [base, setBase] = useState<OrgLevel | null>(level);
  const reload = (current: OrgLevel) => {
    setBase(current);
    form.setFieldsValue(current);
    save.reset();
  };

  return (
    <Modal
      open
      title={level ? t('levels.editTitle', { name: level.nameVi }) : t('levels.addTitle')}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'level-save' }}
      forceRender
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={level ?? { code: '', nameVi: '', nameEn: '', rank: nextRank, validFrom: null, validTo: null }}
        onFinish={(values) =>
          save.mutate(
            {
              code: level?.code ?? values.code.trim(),
              nameVi: values.nameVi.trim(),
              nameEn: values.nameEn.trim(),
              rank: values.rank,
              validFrom: values.validFrom ?? null,
              validTo: values.validTo ?? null,
              ...(base ? { version: base.version } : {}),
            },
            {
              onSuccess: () => {
                void message.success(t('levels.saved'));
                onClose();
              },
              onError: (error) => applyFieldErrors(form, error, FIELDS),
            },
          )
        }
        data-testid="level-form"
      >
        <Form.Item
          label={t('levels.code')}
          name="code"
          extra={level ? undefined : t('levels.codeHelp')}
          rules={
            level
              ? []
              : [
                  { required: true, message: t('levels.codeRequired') },
                  { pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('levels.codePattern') },
                ]
          }
        >
          <Input disabled={!!level} maxLength={40} />
        </Form.Item>
        <div className="tk-form-row">
          <Form.Item
            label={t('levels.nameVi')}
            name="nameVi"
            rules={[{ required: true, whitespace: true, message: t('levels.nameRequired') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            label={t('levels.nameEn')}
            name="nameEn"
            rules={[{ required: true, whitespace: true, message: t('levels.nameRequired') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </div>
        <Form.Item
          label={t('levels.rank')}
          name="rank"
          extra={t('levels.rankHelp')}
          rules={[{ required: true, message: t('levels.rankRequired') }]}
        >
          <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <div className="tk-form-row">
          <Form.Item label={t('unit.validFrom')} name="validFrom">
            <IsoDatePicker />
          </Form.Item>
          <Form.Item
            label={t('unit.validTo')}
            name="validTo"
            dependencies={['validFrom']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value: string | null) => {
                  const from = getFieldValue('validFrom') as string | null;
                  return value && from && value < from
                    ? Promise.reject(new Error(t('levels.rangeInvalid')))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <IsoDatePicker />
          </Form.Item>
        </div>
        <StaleVersionAlert<OrgLevel>
          error={save.error}
          onReload={reload}
          fields={[
            { label: t('levels.nameVi'), value: (l) => l.nameVi },
            { label: t('levels.nameEn'), value: (l) => l.nameEn },
            { label: t('levels.rank'), value: (l) => l.rank },
            { label: t('unit.validFrom'), value: (l) => (l.validFrom ? formatDate(l.validFrom) : null) },
            { label: t('unit.validTo'), value: (l) => (l.validTo ? formatDate(l.validTo) : null) },
          ]}
        />
        {save.isError && !staleCurrent(save.error) ? (
          <Alert type="error" showIcon title={errorMessage(save.error)} />
        ) : null}
      </Form>
    </Modal>
  );
}

function Validity({ level }: { level: OrgLevel }) {
  const { t } = useI18n();
  const today = todayIso();
  if (level.validTo && level.validTo < today) {
    return <Tag>{t('levels.endedOn', { date: formatDate(level.validTo) })}</Tag>;
  }
  if (level.validFrom && level.validFrom > today) {
    return <Tag color="blue">{t('levels.startsOn', { date: formatDate(level.validFrom) })}</Tag>;
  }
  return <Tag color="green">{t('levels.active')}</Tag>;
}

/** Administrative levels (Tỉnh, Huyện, Xã …) and the dates they apply; admins add and edit them. */
export function LevelsDrawer({ open, onClose, canManage }: { open: boolean; onClose: () => void; canManage: boolean }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const levels = useOrgLevels();
  const [editing, setEditing] = useState<OrgLevel | 'new' | null>(null);
  const items = [...(levels.data ?? [])].sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));
  const nextRank = items.length ? Math.max(...items.map((level) => level.rank)) + 10 : 10;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('levels.title')}
      size={isMobile ? '100%' : 560}
      extra={
        canManage ? (
          <Button type="primary" icon={<PlusIcon />} onClick={() => setEditing('new')} data-testid="add-level">
            {t('levels.add')}
          </Button>
        ) : null
      }
    >
      {levels.isPending ? (
        <Loading />
      ) : levels.isError ? (
        <Alert type="error" showIcon title={t('error.loadFailed')} />
      ) : items.length === 0 ? (
        <Empty description={t('levels.empty')} />
      ) : (
        <ul className="tk-level-list" data-testid="level-list">
          {items.map((level) => (
            <li key={level.code} className="tk-level-item" data-testid="level-row" data-code={level.code}>
              <div className="tk-level-main">
                <div>
                  <strong>{level.nameVi}</strong> <span className="tk-muted">· {level.nameEn}</span>
                </div>
                <div className="tk-small tk-muted">
                  <span className="tk-mono">{level.code}</span> · {t('levels.rankValue', { rank: level.rank })}
                  {level.validFrom || level.validTo ? (
                    <>
                      {' · '}
                      {t('levels.range', {
                        from: level.validFrom ? formatDate(level.validFrom) : '…',
                        to: level.validTo ? formatDate(level.validTo) : '…',
                      })}
                    </>
                  ) : null}
                </div>
                <Validity level={level} />
              </div>
              {canManage ? (
                <Button size="small" onClick={() => setEditing(level)} data-testid="edit-level">
                  {t('action.edit')}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {editing ? (
        <LevelFormModal
          level={editing === 'new' ? null : editing}
          nextRank={nextRank}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Drawer>
  );
}
