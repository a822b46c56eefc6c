import { Alert, Button, Collapse, Descriptions, Popconfirm, Space, Switch, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { ErrorResult } from '../../components/ErrorResult';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { useI18n } from '../../i18n/I18nProvider';
import { AREAS, CategoryDrawer, ElementDrawer, IndicatorDrawer, RuleDrawer, TargetDrawer } from './CatalogueDrawers';
import { CatalogueFormula } from './CatalogueFormula';
import {
  type ArchiveEntity,
  type Catalogue,
  type CatCategory,
  type CatElement,
  type CatIndicator,
  type CatRule,
  type CatTarget,
  useCatalogue,
  useCatalogueWrites,
} from './CatalogueHooks';

type Open =
  | { kind: 'indicator'; item: CatIndicator | null }
  | { kind: 'element'; item: CatElement | null }
  | { kind: 'rule'; item: CatRule | null }
  | { kind: 'category'; item: CatCategory }
  | { kind: 'target'; indicator: CatIndicator; item: CatTarget | null }
  | null;

/**
 * The indicator catalogue (docs/indicators.md "Catalogue"): everyone reads the definitions, the
 * formulas in words, the targets by year with their sources, who reports and how often;
 * administrators edit each part in a drawer.
 */
export default function CataloguePage() {
  const { t } = useI18n();
  const [archived, setArchived] = useState(false);
  const query = useCatalogue(archived);
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const data = query.data;
  const admin = data?.actions.includes('indicator.catalogue') ?? false;
  return (
    <div data-testid="catalogue-page">
      <PageTitle
        title={t('indicators.catalogue.title')}
        extra={
          admin ? (
            <Space wrap>
              <span className="tk-small">{t('indicators.catalogue.showArchived')}</span>
              <Switch checked={archived} onChange={setArchived} data-testid="catalogue-archived" />
            </Space>
          ) : undefined
        }
      >
        {t('indicators.catalogue.title')}
      </PageTitle>
      <p className="tk-muted">{t('indicators.catalogue.intro')}</p>
      {query.isPending ? <Loading /> : null}
      {query.isError ? <ErrorResult error={query.error} onRetry={() => void query.refetch()} /> : null}
      {data ? (
        <Tabs
          items={[
            {
              key: 'indicators',
              label: t('indicators.catalogue.tab.indicators', { count: data.indicators.length }),
              children: <Indicators data={data} admin={admin} onOpen={setOpen} />,
            },
            {
              key: 'elements',
              label: t('indicators.catalogue.tab.elements', { count: data.elements.length }),
              children: <Elements data={data} admin={admin} onOpen={setOpen} />,
            },
            {
              key: 'categories',
              label: t('indicators.catalogue.tab.categories'),
              children: <Categories data={data} admin={admin} onOpen={setOpen} />,
            },
            {
              key: 'rules',
              label: t('indicators.catalogue.tab.rules', { count: data.rules.length }),
              children: <Rules data={data} admin={admin} onOpen={setOpen} />,
            },
          ]}
        />
      ) : null}
      {data && open?.kind === 'indicator' ? <IndicatorDrawer indicator={open.item} onClose={close} /> : null}
      {data && open?.kind === 'element' ? <ElementDrawer element={open.item} catalogue={data} onClose={close} /> : null}
      {data && open?.kind === 'rule' ? <RuleDrawer rule={open.item} onClose={close} /> : null}
      {data && open?.kind === 'category' ? <CategoryDrawer category={open.item} onClose={close} /> : null}
      {data && open?.kind === 'target' ? (
        <TargetDrawer indicator={open.indicator} target={open.item} onClose={close} />
      ) : null}
    </div>
  );
}

interface PartProps {
  data: Catalogue;
  admin: boolean;
  onOpen: (o: Open) => void;
}

function ArchiveButton({
  entity,
  item,
}: {
  entity: ArchiveEntity;
  item: { id: string; version: number; archived: boolean };
}) {
  const { t } = useI18n();
  const { archive } = useCatalogueWrites();
  return (
    <>
      <Popconfirm
        title={item.archived ? t('indicators.catalogue.restoreConfirm') : t('indicators.catalogue.archiveConfirm')}
        okText={t('indicators.catalogue.confirm')}
        cancelText={t('action.cancel')}
        onConfirm={() => archive.mutate({ entity, id: item.id, version: item.version, archived: !item.archived })}
      >
        <Button loading={archive.isPending} data-testid={`catalogue-archive-${item.id}`}>
          {item.archived ? t('indicators.catalogue.restore') : t('indicators.catalogue.archive')}
        </Button>
      </Popconfirm>
      {archive.error ? <ArchiveError error={archive.error} /> : null}
    </>
  );
}

function ArchiveError({ error }: { error: unknown }) {
  const { lang } = useI18n();
  const detail = (error as { detail?: string }).detail;
  const problems = ((error as { problem?: { problems?: { vi: string; en: string }[] } }).problem?.problems ?? []).map(
    (p) => (lang === 'en' ? p.en : p.vi),
  );
  return <Alert type="error" showIcon message={detail} description={problems.join('; ') || undefined} />;
}

function Indicators({ data, admin, onOpen }: PartProps) {
  const { t, lang } = useI18n();
  const mobile = useIsMobile();
  const name = (x: { nameVi: string; nameEn: string }) => (lang === 'en' ? x.nameEn : x.nameVi);
  const categoryName = (code: string) => {
    if (code === 'LEVEL') return t('indicators.catalogue.level');
    const c = data.categories.find((x) => x.code === code);
    return c ? name(c) : code;
  };
  return (
    <>
      {admin ? (
        <Button type="primary" onClick={() => onOpen({ kind: 'indicator', item: null })} style={{ marginBottom: 12 }}>
          {t('indicators.catalogue.addIndicator')}
        </Button>
      ) : null}
      {AREAS.map((area) => {
        const list = data.indicators.filter((i) => i.area === area);
        if (list.length === 0) return null;
        return (
          <section key={area} style={{ marginBottom: 16 }}>
            <h2 className="tk-h2">{t(`indicators.catalogue.area.${area}`)}</h2>
            <Collapse
              items={list.map((i) => ({
                key: i.id,
                label: (
                  <span data-testid={`catalogue-indicator-${i.code}`}>
                    <Tag>{i.code}</Tag> {name(i)}{' '}
                    {i.archived ? <Tag color="default">{t('indicators.catalogue.archived')}</Tag> : null}
                  </span>
                ),
                children: (
                  <>
                    <Descriptions
                      column={1}
                      size="small"
                      bordered={!mobile}
                      layout={mobile ? 'vertical' : 'horizontal'}
                    >
                      <Descriptions.Item label={t('indicators.catalogue.definition')}>
                        {lang === 'en' ? i.definitionEn : i.definitionVi}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('indicators.catalogue.formula')}>
                        <span>
                          <CatalogueFormula source={i.numerator} catalogue={data} />
                          {i.denominator ? (
                            <>
                              {' ÷ '}
                              <CatalogueFormula source={i.denominator} catalogue={data} />
                            </>
                          ) : null}
                          {i.factor !== 1 ? ` × ${i.factor}` : ''}
                        </span>
                      </Descriptions.Item>
                      <Descriptions.Item label={t('indicators.catalogue.status')}>
                        {t(i.direction === 'up' ? 'indicators.catalogue.ragUp' : 'indicators.catalogue.ragDown', {
                          amber: Math.round(i.amberRatio * 100),
                        })}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('indicators.catalogue.disaggregations')}>
                        {i.disaggregations.map(categoryName).join(', ') || '—'}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('indicators.catalogue.reporter')}>
                        {(lang === 'en' ? i.reporterEn : i.reporterVi) ?? '—'}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('indicators.catalogue.periods')}>
                        {i.periods.map((p) => t(`indicators.catalogue.period.${p as 'T' | 'Y' | 'H'}`)).join(', ')}
                      </Descriptions.Item>
                    </Descriptions>
                    <h3 className="tk-h3" style={{ marginTop: 12 }}>
                      {t('indicators.catalogue.targets')}
                    </h3>
                    <Table<CatTarget & { years: string }>
                      size="small"
                      rowKey="id"
                      pagination={false}
                      scroll={{ x: 'max-content' }}
                      dataSource={
                        admin ? i.targets.map((x) => ({ ...x, years: String(x.year) })) : targetRuns(i.targets)
                      }
                      locale={{ emptyText: t('indicators.catalogue.noTargets') }}
                      columns={[
                        { title: t('indicators.catalogue.year'), dataIndex: 'years' },
                        {
                          title: t('indicators.catalogue.targetValue'),
                          render: (_, x) => (i.denominator ? `${x.value} %` : String(x.value)),
                        },
                        {
                          title: t('indicators.catalogue.scope'),
                          render: (_, x) => x.unit?.name ?? t('indicators.catalogue.national'),
                        },
                        {
                          title: t('indicators.catalogue.source'),
                          render: (_, x) => (
                            <>
                              {x.source}
                              {x.note ? <div className="tk-small tk-muted">{x.note}</div> : null}
                            </>
                          ),
                        },
                        ...(admin
                          ? [
                              {
                                title: '',
                                render: (_: unknown, x: CatTarget) => (
                                  <Button
                                    size="small"
                                    onClick={() => onOpen({ kind: 'target', indicator: i, item: x })}
                                  >
                                    {t('action.edit')}
                                  </Button>
                                ),
                              },
                            ]
                          : []),
                      ]}
                    />
                    {admin ? (
                      <Space wrap style={{ marginTop: 12 }}>
                        <Button
                          onClick={() => onOpen({ kind: 'indicator', item: i })}
                          data-testid={`catalogue-edit-${i.code}`}
                        >
                          {t('indicators.catalogue.editIndicatorShort')}
                        </Button>
                        <Button onClick={() => onOpen({ kind: 'target', indicator: i, item: null })}>
                          {t('indicators.catalogue.addTarget')}
                        </Button>
                        <ArchiveButton entity="indicators" item={i} />
                      </Space>
                    ) : null}
                  </>
                ),
              }))}
            />
          </section>
        );
      })}
    </>
  );
}

/** Consecutive years with the same target, scope and source shown as one row ("2021–2025"). */
function targetRuns(targets: CatTarget[]): (CatTarget & { years: string })[] {
  const sorted = [...targets].sort((a, b) => (a.unit?.id ?? '').localeCompare(b.unit?.id ?? '') || a.year - b.year);
  const runs: (CatTarget & { years: string; last: number })[] = [];
  for (const x of sorted) {
    const prev = runs.at(-1);
    if (
      prev &&
      prev.last === x.year - 1 &&
      (prev.unit?.id ?? null) === (x.unit?.id ?? null) &&
      prev.value === x.value &&
      prev.source === x.source &&
      prev.note === x.note
    ) {
      prev.last = x.year;
      prev.years = `${prev.year}–${x.year}`;
    } else runs.push({ ...x, years: String(x.year), last: x.year });
  }
  return runs;
}

function Elements({ data, admin, onOpen }: PartProps) {
  const { t, lang } = useI18n();
  const name = (x: { nameVi: string; nameEn: string }) => (lang === 'en' ? x.nameEn : x.nameVi);
  const kindName = (code: string) => {
    const k = data.kinds.find((x) => x.code === code);
    return k ? name(k) : code;
  };
  return (
    <>
      {admin ? (
        <Button type="primary" onClick={() => onOpen({ kind: 'element', item: null })} style={{ marginBottom: 12 }}>
          {t('indicators.catalogue.addElement')}
        </Button>
      ) : null}
      <Table<CatElement>
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={data.elements}
        columns={[
          { title: t('indicators.catalogue.code'), dataIndex: 'code' },
          {
            title: t('indicators.catalogue.name'),
            render: (_, e) => (
              <>
                {name(e)} {e.computed ? <Tag color="blue">{t('indicators.catalogue.computed')}</Tag> : null}
                {e.archived ? <Tag>{t('indicators.catalogue.archived')}</Tag> : null}
              </>
            ),
          },
          {
            title: t('indicators.catalogue.categories'),
            render: (_, e) =>
              e.categories
                .map((c) => name(data.categories.find((x) => x.code === c) ?? { nameVi: c, nameEn: c }))
                .join(' × ') || '—',
          },
          {
            title: t('indicators.catalogue.reporterKinds'),
            render: (_, e) => e.reporterKinds.map(kindName).join(', '),
          },
          {
            title: t('indicators.catalogue.aggregation'),
            render: (_, e) =>
              `${t(`indicators.catalogue.aggregation.${e.aggregation}`)} · ${t(`indicators.catalogue.frequency.${e.frequency}`)}`,
          },
          ...(admin
            ? [
                {
                  title: '',
                  render: (_: unknown, e: CatElement) => (
                    <Space wrap>
                      <Button size="small" onClick={() => onOpen({ kind: 'element', item: e })}>
                        {t('action.edit')}
                      </Button>
                      <ArchiveButton entity="elements" item={e} />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

function Categories({ data, admin, onOpen }: PartProps) {
  const { t, lang } = useI18n();
  const name = (x: { nameVi: string; nameEn: string }) => (lang === 'en' ? x.nameEn : x.nameVi);
  return (
    <Collapse
      items={data.categories.map((c) => ({
        key: c.code,
        label: (
          <span>
            <Tag>{c.code}</Tag> {name(c)} <span className="tk-muted">({c.options.length})</span>
          </span>
        ),
        children: (
          <>
            <Space wrap>
              {c.options.map((o) => (
                <Tag key={o.code} color={o.group ? 'purple' : undefined}>
                  {name(o)}
                  {o.group ? ` · ${o.group}` : ''}
                </Tag>
              ))}
            </Space>
            {admin ? (
              <div style={{ marginTop: 12 }}>
                <Button onClick={() => onOpen({ kind: 'category', item: c })}>{t('action.edit')}</Button>
              </div>
            ) : null}
          </>
        ),
      }))}
    />
  );
}

function Rules({ data, admin, onOpen }: PartProps) {
  const { t, lang } = useI18n();
  return (
    <>
      {admin ? (
        <Button type="primary" onClick={() => onOpen({ kind: 'rule', item: null })} style={{ marginBottom: 12 }}>
          {t('indicators.catalogue.addRule')}
        </Button>
      ) : null}
      <Table<CatRule>
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={data.rules}
        columns={[
          { title: t('indicators.catalogue.code'), dataIndex: 'code' },
          {
            title: t('indicators.catalogue.name'),
            render: (_, r) => (
              <>
                {lang === 'en' ? r.nameEn : r.nameVi}{' '}
                {r.archived ? <Tag>{t('indicators.catalogue.archived')}</Tag> : null}
              </>
            ),
          },
          {
            title: t('indicators.catalogue.formula'),
            render: (_, r) => (
              <>
                <CatalogueFormula source={r.left} catalogue={data} />{' '}
                <b>{r.operator === '==' ? '=' : r.operator.replace('<=', '≤').replace('>=', '≥')}</b>{' '}
                <CatalogueFormula source={r.right} catalogue={data} />
              </>
            ),
          },
          {
            title: t('indicators.catalogue.importance'),
            render: (_, r) => (
              <Tag color={r.importance === 'error' ? 'red' : 'gold'}>
                {t(`indicators.catalogue.importance.${r.importance}`)}
              </Tag>
            ),
          },
          ...(admin
            ? [
                {
                  title: '',
                  render: (_: unknown, r: CatRule) => (
                    <Space wrap>
                      <Button size="small" onClick={() => onOpen({ kind: 'rule', item: r })}>
                        {t('action.edit')}
                      </Button>
                      <ArchiveButton entity="rules" item={r} />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
