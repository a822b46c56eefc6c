import { App, Button, Checkbox, Empty, Input, Select, Tag, Tree, type TreeDataNode, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useUnitPage } from '../../api/hooks';
import type { Unit } from '../../api/types';
import { allows, useMe } from '../../app/auth';
import { ErrorResult } from '../../components/ErrorResult';
import { PlusIcon } from '../../components/icons';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { buildTree, type UnitNode } from './buildTree';
import { LevelsDrawer } from './LevelsDrawer';
import { UnitFormModal } from './UnitFormModal';
import { useOrgNames } from './useOrgNames';

function UnitTitle({ unit }: { unit: Unit }) {
  const { t } = useI18n();
  const names = useOrgNames();
  return (
    <span className="tk-tree-title" data-testid="unit-node" data-unit-id={unit.id}>
      <Link to={`/units/${unit.id}`} className={unit.isActive ? undefined : 'tk-closed-name'}>
        {unit.name}
      </Link>
      {unit.shortName && unit.shortName !== unit.name ? <span className="tk-muted"> ({unit.shortName})</span> : null}
      <span className="tk-tree-meta">
        <Tag className="tk-inline-tag">{names.levelName(unit.level)}</Tag>
        <span className="tk-muted tk-small">{names.kindName(unit.kind)}</span>
        {!unit.isActive ? (
          <Tag color="default" className="tk-inline-tag">
            {unit.validTo ? t('unit.closedOn', { date: formatDate(unit.validTo) }) : t('unit.closed')}
          </Tag>
        ) : null}
      </span>
    </span>
  );
}

function toTreeData(nodes: UnitNode[]): TreeDataNode[] {
  return nodes.map((node) => ({
    key: node.unit.id,
    title: <UnitTitle unit={node.unit} />,
    children: node.children.length > 0 ? toTreeData(node.children) : undefined,
  }));
}

function keysUpTo(nodes: UnitNode[], depth: number, out: string[] = [], level = 0): string[] {
  for (const node of nodes) {
    if (node.children.length > 0 && (depth < 0 || level < depth)) {
      out.push(node.unit.id);
      keysUpTo(node.children, depth, out, level + 1);
    }
  }
  return out;
}

export default function UnitsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const names = useOrgNames();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const level = params.get('level') ?? undefined;
  const kind = params.get('kind') ?? undefined;
  const includeClosed = params.get('closed') === '1';
  const [search, setSearch] = useState(q);
  const [creating, setCreating] = useState(false);
  const [levelsOpen, setLevelsOpen] = useState(false);
  const canManageLevels = allows(me, 'level.manage');
  const canCreate = allows(me, 'unit.create');

  const setParam = (name: string, value: string | undefined) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  };

  // Search as the user types, without a request for every key.
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const onSearchChange = (value: string) => {
    setSearch(value);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setParam('q', value.trim() || undefined), 300);
  };

  const page = useUnitPage({ q: q || undefined, level, kind, includeClosed });
  const units = { ...page, data: page.data?.items };
  const tree = useMemo(() => buildTree(page.data?.items ?? []), [page.data]);
  const treeData = useMemo(() => toTreeData(tree), [tree]);
  const filtered = !!(q || level || kind);
  const [expanded, setExpanded] = useState<string[]>([]);
  useEffect(() => {
    setExpanded(keysUpTo(tree, filtered ? -1 : 2));
  }, [tree, filtered]);

  return (
    <>
      <PageTitle
        title={t('units.title')}
        extra={
          canManageLevels || canCreate ? (
            <div className="tk-actions">
              {canManageLevels ? (
                <Button onClick={() => setLevelsOpen(true)} data-testid="open-levels">
                  {t('levels.title')}
                </Button>
              ) : null}
              {canCreate ? (
                <Button type="primary" icon={<PlusIcon />} onClick={() => setCreating(true)} data-testid="add-unit">
                  {t('units.add')}
                </Button>
              ) : null}
            </div>
          ) : null
        }
      >
        {t('units.title')}
      </PageTitle>

      <div className="tk-filters">
        <Input.Search
          className="tk-filter-search"
          placeholder={t('units.searchPlaceholder')}
          aria-label={t('units.search')}
          allowClear
          value={search}
          onChange={(event) => onSearchChange(event.target.value)}
          onSearch={(value) => {
            window.clearTimeout(timer.current);
            setParam('q', value.trim() || undefined);
          }}
          data-testid="unit-search"
        />
        <Select
          className="tk-filter-select"
          placeholder={t('units.filterLevel')}
          aria-label={t('units.filterLevel')}
          allowClear
          value={level}
          onChange={(value?: string) => setParam('level', value)}
          options={names.levels.map((item) => ({ value: item.code, label: names.name(item) }))}
        />
        <Select
          className="tk-filter-select tk-filter-wide"
          placeholder={t('units.filterKind')}
          aria-label={t('units.filterKind')}
          allowClear
          value={kind}
          onChange={(value?: string) => setParam('kind', value)}
          options={names.kinds.map((item) => ({ value: item.code, label: names.name(item) }))}
          showSearch={{ optionFilterProp: 'label' }}
          popupMatchSelectWidth={false}
        />
        <Checkbox
          checked={includeClosed}
          onChange={(event) => setParam('closed', event.target.checked ? '1' : undefined)}
        >
          {t('units.includeClosed')}
        </Checkbox>
      </div>

      {units.isPending ? (
        <Loading />
      ) : units.isError || !units.data ? (
        <ErrorResult error={units.error} onRetry={() => void units.refetch()} />
      ) : (
        <div className="tk-panel" data-testid="unit-tree">
          <Typography.Text type="secondary" className="tk-small">
            {page.data && page.data.total > units.data.length
              ? t('units.partial', {
                  shown: units.data.length,
                  total: page.data.totalExact ? page.data.total : `${page.data.total}+`,
                })
              : filtered
                ? t('units.found', { count: units.data.length })
                : t('units.count', { count: units.data.length })}
          </Typography.Text>
          {units.data.length === 0 ? (
            <Empty description={filtered ? t('units.noMatch') : t('units.empty')} />
          ) : (
            <Tree
              className="tk-tree"
              treeData={treeData}
              expandedKeys={expanded}
              onExpand={(keys) => setExpanded(keys.map(String))}
              selectable={false}
              blockNode
              showLine
            />
          )}
        </div>
      )}

      {canManageLevels ? <LevelsDrawer open={levelsOpen} onClose={() => setLevelsOpen(false)} canManage /> : null}

      {creating ? (
        <UnitFormModal
          onClose={() => setCreating(false)}
          onSaved={(unit) => {
            setCreating(false);
            void message.success(t('unit.created', { name: unit.name }));
            navigate(`/units/${unit.id}`);
          }}
        />
      ) : null}
    </>
  );
}
