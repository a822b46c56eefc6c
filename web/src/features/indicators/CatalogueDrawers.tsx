import { Alert, App, Button, Drawer, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { ApiError } from '../../api/client';
import { useErrorMessage } from '../../components/ErrorResult';
import { useIsMobile } from '../../components/useIsMobile';
import { useI18n } from '../../i18n/I18nProvider';
import {
  type Catalogue,
  type CatCategory,
  type CatElement,
  type CatIndicator,
  type CatRule,
  type CatTarget,
  useCatalogueWrites,
} from './CatalogueHooks';

export const AREAS = ['LD', 'HV', 'BL', 'HT', 'CD', 'QL'] as const;

/** The refusal of a save, in the server's words, with the catalogue's problems listed. */
function SaveError({ error }: { error: unknown }) {
  const message = useErrorMessage();
  const { lang } = useI18n();
  if (!error) return null;
  const problems =
    error instanceof ApiError && Array.isArray(error.problem.problems)
      ? (error.problem.problems as { vi: string; en: string }[])
      : [];
  return (
    <Alert
      type="error"
      showIcon
      data-testid="catalogue-error"
      style={{ marginBottom: 12 }}
      message={message(error)}
      description={
        problems.length > 0 ? (
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {problems.map((p) => (
              <li key={p.en}>{lang === 'en' ? p.en : p.vi}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

function Shell({
  title,
  onClose,
  onSave,
  saving,
  children,
}: {
  title: string;
  onClose: () => void;
  onSave: () => void;
  saving: boolean;
  children: React.ReactNode;
}) {
  const { t } = useI18n();
  const mobile = useIsMobile();
  return (
    <Drawer
      open
      title={title}
      onClose={onClose}
      width={mobile ? '100%' : 640}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={onSave} data-testid="catalogue-save">
            {t('action.save')}
          </Button>
        </Space>
      }
    >
      {children}
    </Drawer>
  );
}

const nullIfBlank = (v: string | null | undefined) => (v && v.trim() !== '' ? v.trim() : null);

export function IndicatorDrawer({ indicator, onClose }: { indicator: CatIndicator | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { indicator: save } = useCatalogueWrites();
  const submit = (v: Record<string, unknown>) => {
    const body = {
      nameVi: String(v.nameVi ?? ''),
      nameEn: String(v.nameEn ?? ''),
      definitionVi: String(v.definitionVi ?? ''),
      definitionEn: String(v.definitionEn ?? ''),
      area: v.area as CatIndicator['area'] as 'LD',
      numerator: String(v.numerator ?? ''),
      denominator: nullIfBlank(v.denominator as string),
      factor: Number(v.factor),
      direction: v.direction as 'up' | 'down',
      amberRatio: Number(v.amberRatio),
      disaggregations: (v.disaggregations as string[]) ?? [],
      reporterVi: nullIfBlank(v.reporterVi as string),
      reporterEn: nullIfBlank(v.reporterEn as string),
      periods: (v.periods as ('T' | 'Y' | 'H')[]) ?? [],
    };
    save.mutate(
      indicator
        ? { id: indicator.id, body: { ...body, version: indicator.version } }
        : { id: null, body: { ...body, code: String(v.code ?? '') } },
      {
        onSuccess: () => {
          void message.success(t('indicators.catalogue.saved'));
          onClose();
        },
      },
    );
  };
  return (
    <Shell
      title={
        indicator
          ? t('indicators.catalogue.editIndicator', { code: indicator.code })
          : t('indicators.catalogue.addIndicator')
      }
      onClose={onClose}
      onSave={() => form.submit()}
      saving={save.isPending}
    >
      <SaveError error={save.error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        data-testid="catalogue-indicator-form"
        initialValues={
          indicator ?? {
            factor: 100,
            direction: 'up',
            amberRatio: 0.9,
            area: 'LD',
            periods: ['Y'],
            disaggregations: [],
          }
        }
      >
        {indicator ? null : (
          <Form.Item
            label={t('indicators.catalogue.code')}
            name="code"
            rules={[
              { required: true, pattern: /^[A-Z][A-Z0-9_-]{0,39}$/, message: t('indicators.catalogue.codePattern') },
            ]}
          >
            <Input maxLength={40} />
          </Form.Item>
        )}
        <Form.Item
          label={t('indicators.catalogue.nameVi')}
          name="nameVi"
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item
          label={t('indicators.catalogue.nameEn')}
          name="nameEn"
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item
          label={t('indicators.catalogue.definitionVi')}
          name="definitionVi"
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea autoSize maxLength={4000} />
        </Form.Item>
        <Form.Item
          label={t('indicators.catalogue.definitionEn')}
          name="definitionEn"
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea autoSize maxLength={4000} />
        </Form.Item>
        <Form.Item
          label={t('indicators.catalogue.numerator')}
          name="numerator"
          extra={t('indicators.catalogue.exprHelp')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={2000} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item
          label={t('indicators.catalogue.denominator')}
          name="denominator"
          extra={t('indicators.catalogue.denominatorHelp')}
        >
          <Input maxLength={2000} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <div className="tk-form-row">
          <Form.Item label={t('indicators.catalogue.factor')} name="factor" rules={[{ required: true }]}>
            <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('indicators.catalogue.area')} name="area" rules={[{ required: true }]}>
            <Select options={AREAS.map((a) => ({ value: a, label: t(`indicators.catalogue.area.${a}`) }))} />
          </Form.Item>
        </div>
        <div className="tk-form-row">
          <Form.Item label={t('indicators.catalogue.direction')} name="direction" rules={[{ required: true }]}>
            <Select
              options={[
                { value: 'up', label: t('indicators.catalogue.direction.up') },
                { value: 'down', label: t('indicators.catalogue.direction.down') },
              ]}
            />
          </Form.Item>
          <Form.Item
            label={t('indicators.catalogue.amberRatio')}
            name="amberRatio"
            extra={t('indicators.catalogue.amberHelp')}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={1} step={0.05} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item label={t('indicators.catalogue.periods')} name="periods" rules={[{ required: true }]}>
          <Select
            mode="multiple"
            options={(['T', 'Y', 'H'] as const).map((p) => ({
              value: p,
              label: t(`indicators.catalogue.period.${p}`),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('indicators.catalogue.disaggregations')} name="disaggregations">
          <Select mode="tags" maxCount={10} />
        </Form.Item>
        <Form.Item label={t('indicators.catalogue.reporterVi')} name="reporterVi">
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item label={t('indicators.catalogue.reporterEn')} name="reporterEn">
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Shell>
  );
}

export function ElementDrawer({
  element,
  catalogue,
  onClose,
}: {
  element: CatElement | null;
  catalogue: Catalogue;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { element: save } = useCatalogueWrites();
  const locked = element !== null && (element.hasValues || element.computed !== null);
  const submit = (v: Record<string, unknown>) => {
    const num = (x: unknown) => (x === null || x === undefined || x === '' ? null : Number(x));
    const body = {
      nameVi: String(v.nameVi ?? ''),
      nameEn: String(v.nameEn ?? ''),
      descriptionVi: nullIfBlank(v.descriptionVi as string),
      descriptionEn: nullIfBlank(v.descriptionEn as string),
      aggregation: v.aggregation as 'sum' | 'last',
      categories: (v.categories as string[]) ?? [],
      reporterKinds: (v.reporterKinds as string[]) ?? [],
      frequency: v.frequency as 'annual' | 'semiannual',
      min: num(v.min),
      max: num(v.max),
      yoy: num(v.yoy),
      required: Boolean(v.required),
    };
    save.mutate(
      element
        ? { id: element.id, body: { ...body, version: element.version } }
        : { id: null, body: { ...body, code: String(v.code ?? '') } },
      {
        onSuccess: () => {
          void message.success(t('indicators.catalogue.saved'));
          onClose();
        },
      },
    );
  };
  return (
    <Shell
      title={
        element ? t('indicators.catalogue.editElement', { code: element.code }) : t('indicators.catalogue.addElement')
      }
      onClose={onClose}
      onSave={() => form.submit()}
      saving={save.isPending}
    >
      <SaveError error={save.error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        data-testid="catalogue-element-form"
        initialValues={
          element ?? {
            aggregation: 'sum',
            frequency: 'annual',
            categories: [],
            reporterKinds: [],
            required: true,
            min: 0,
          }
        }
      >
        {element ? null : (
          <Form.Item
            label={t('indicators.catalogue.code')}
            name="code"
            rules={[
              { required: true, pattern: /^[A-Z][A-Z0-9_.]{0,39}$/, message: t('indicators.catalogue.codePattern') },
            ]}
          >
            <Input maxLength={40} />
          </Form.Item>
        )}
        <Form.Item
          label={t('indicators.catalogue.nameVi')}
          name="nameVi"
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item
          label={t('indicators.catalogue.nameEn')}
          name="nameEn"
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item label={t('indicators.catalogue.descriptionVi')} name="descriptionVi">
          <Input.TextArea autoSize maxLength={4000} />
        </Form.Item>
        <Form.Item label={t('indicators.catalogue.descriptionEn')} name="descriptionEn">
          <Input.TextArea autoSize maxLength={4000} />
        </Form.Item>
        <Form.Item
          label={t('indicators.catalogue.categories')}
          name="categories"
          extra={locked ? t('indicators.catalogue.categoriesLocked') : undefined}
        >
          <Select
            mode="multiple"
            disabled={locked}
            maxCount={4}
            options={catalogue.categories.map((c) => ({ value: c.code, label: lang === 'en' ? c.nameEn : c.nameVi }))}
          />
        </Form.Item>
        <Form.Item label={t('indicators.catalogue.reporterKinds')} name="reporterKinds" rules={[{ required: true }]}>
          <Select
            mode="multiple"
            options={catalogue.kinds.map((k) => ({ value: k.code, label: lang === 'en' ? k.nameEn : k.nameVi }))}
          />
        </Form.Item>
        <div className="tk-form-row">
          <Form.Item label={t('indicators.catalogue.aggregation')} name="aggregation">
            <Select
              options={[
                { value: 'sum', label: t('indicators.catalogue.aggregation.sum') },
                { value: 'last', label: t('indicators.catalogue.aggregation.last') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('indicators.catalogue.frequency')} name="frequency">
            <Select
              options={[
                { value: 'annual', label: t('indicators.catalogue.frequency.annual') },
                { value: 'semiannual', label: t('indicators.catalogue.frequency.semiannual') },
              ]}
            />
          </Form.Item>
        </div>
        <div className="tk-form-row">
          <Form.Item label={t('indicators.catalogue.min')} name="min">
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('indicators.catalogue.max')} name="max">
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('indicators.catalogue.yoy')} name="yoy">
            <InputNumber min={0} max={1000} step={0.1} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item label={t('indicators.catalogue.required')} name="required" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Shell>
  );
}

export function RuleDrawer({ rule, onClose }: { rule: CatRule | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { rule: save } = useCatalogueWrites();
  const submit = (v: Record<string, unknown>) => {
    const body = {
      nameVi: String(v.nameVi ?? ''),
      nameEn: String(v.nameEn ?? ''),
      left: String(v.left ?? ''),
      operator: v.operator as CatRule['operator'],
      right: String(v.right ?? ''),
      importance: v.importance as 'error' | 'warning',
    };
    save.mutate(
      rule
        ? { id: rule.id, body: { ...body, version: rule.version } }
        : { id: null, body: { ...body, code: String(v.code ?? '') } },
      {
        onSuccess: () => {
          void message.success(t('indicators.catalogue.saved'));
          onClose();
        },
      },
    );
  };
  return (
    <Shell
      title={rule ? t('indicators.catalogue.editRule', { code: rule.code }) : t('indicators.catalogue.addRule')}
      onClose={onClose}
      onSave={() => form.submit()}
      saving={save.isPending}
    >
      <SaveError error={save.error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={rule ?? { operator: '<=', importance: 'error' }}
      >
        {rule ? null : (
          <Form.Item
            label={t('indicators.catalogue.code')}
            name="code"
            rules={[
              { required: true, pattern: /^[A-Z][A-Z0-9_-]{0,39}$/, message: t('indicators.catalogue.codePattern') },
            ]}
          >
            <Input maxLength={40} />
          </Form.Item>
        )}
        <Form.Item
          label={t('indicators.catalogue.nameVi')}
          name="nameVi"
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item
          label={t('indicators.catalogue.nameEn')}
          name="nameEn"
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item
          label={t('indicators.catalogue.left')}
          name="left"
          extra={t('indicators.catalogue.exprHelp')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={2000} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item label={t('indicators.catalogue.operator')} name="operator">
          <Select options={['<=', '<', '>=', '>', '=='].map((o) => ({ value: o, label: o }))} />
        </Form.Item>
        <Form.Item label={t('indicators.catalogue.right')} name="right" rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={2000} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item label={t('indicators.catalogue.importance')} name="importance">
          <Select
            options={[
              { value: 'error', label: t('indicators.catalogue.importance.error') },
              { value: 'warning', label: t('indicators.catalogue.importance.warning') },
            ]}
          />
        </Form.Item>
      </Form>
    </Shell>
  );
}

export function CategoryDrawer({ category, onClose }: { category: CatCategory; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { category: save } = useCatalogueWrites();
  const submit = (v: { nameVi: string; nameEn: string; options: CatCategory['options'] }) =>
    save.mutate(
      {
        code: category.code,
        body: {
          nameVi: v.nameVi,
          nameEn: v.nameEn,
          options: v.options.map((o) => ({
            code: o.code,
            nameVi: o.nameVi,
            nameEn: o.nameEn,
            group: nullIfBlank(o.group),
          })),
          version: category.version,
        },
      },
      {
        onSuccess: () => {
          void message.success(t('indicators.catalogue.saved'));
          onClose();
        },
      },
    );
  return (
    <Shell
      title={t('indicators.catalogue.editCategory', { code: category.code })}
      onClose={onClose}
      onSave={() => form.submit()}
      saving={save.isPending}
    >
      <SaveError error={save.error} />
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('indicators.catalogue.optionsHelp')} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={category}
        data-testid="catalogue-category-form"
      >
        <div className="tk-form-row">
          <Form.Item
            label={t('indicators.catalogue.nameVi')}
            name="nameVi"
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            label={t('indicators.catalogue.nameEn')}
            name="nameEn"
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </div>
        <Form.List name="options">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} wrap align="start" style={{ marginBottom: 4 }}>
                  <Form.Item name={[f.name, 'code']} rules={[{ required: true, pattern: /^[a-z0-9_]{1,40}$/ }]} noStyle>
                    <Input placeholder={t('indicators.catalogue.code')} style={{ width: 110 }} maxLength={40} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'nameVi']} rules={[{ required: true, whitespace: true }]} noStyle>
                    <Input placeholder={t('indicators.catalogue.nameVi')} style={{ width: 150 }} maxLength={200} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'nameEn']} rules={[{ required: true, whitespace: true }]} noStyle>
                    <Input placeholder={t('indicators.catalogue.nameEn')} style={{ width: 150 }} maxLength={200} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'group']} noStyle>
                    <Input placeholder={t('indicators.catalogue.groupLabel')} style={{ width: 90 }} maxLength={40} />
                  </Form.Item>
                  <Button danger onClick={() => remove(f.name)}>
                    {t('indicators.catalogue.removeOption')}
                  </Button>
                </Space>
              ))}
              <Button onClick={() => add({ code: '', nameVi: '', nameEn: '', group: null })}>
                {t('indicators.catalogue.addOption')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Shell>
  );
}

export function TargetDrawer({
  indicator,
  target,
  onClose,
}: {
  indicator: CatIndicator;
  target: CatTarget | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { target: save } = useCatalogueWrites();
  const submit = (v: { year: number; value: number; source: string; note?: string | null }) =>
    save.mutate(
      {
        indicatorId: indicator.id,
        body: {
          year: v.year,
          unitId: target?.unit?.id ?? null,
          value: v.value,
          source: v.source,
          note: nullIfBlank(v.note),
          version: target?.version ?? 0,
        },
      },
      {
        onSuccess: () => {
          void message.success(t('indicators.catalogue.saved'));
          onClose();
        },
      },
    );
  return (
    <Shell
      title={t('indicators.catalogue.targetTitle', { code: indicator.code })}
      onClose={onClose}
      onSave={() => form.submit()}
      saving={save.isPending}
    >
      <SaveError error={save.error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        data-testid="catalogue-target-form"
        initialValues={target ?? { year: new Date().getFullYear() + 1 }}
      >
        <div className="tk-form-row">
          <Form.Item label={t('indicators.catalogue.year')} name="year" rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} precision={0} disabled={target !== null} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('indicators.catalogue.targetValue')} name="value" rules={[{ required: true }]}>
            <InputNumber min={0} max={1_000_000_000} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item
          label={t('indicators.catalogue.source')}
          name="source"
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item label={t('indicators.catalogue.note')} name="note">
          <Input maxLength={1000} />
        </Form.Item>
      </Form>
    </Shell>
  );
}
