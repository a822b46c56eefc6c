import {
  Alert,
  Button,
  Checkbox,
  Empty,
  Input,
  Modal,
  Progress,
  Select,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useCascade, useCoverage } from '../../api/hooks';
import type { CascadeNode, Coverage, CoverageQuery, CoverageRow, CoverageStatus } from '../../api/types';
import { useErrorMessage } from '../../components/ErrorResult';
import { Loading } from '../../components/Loading';
import { useIsMobile } from '../../components/useIsMobile';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { formatCount } from '../plans/TaskCard';

const ORDER: Record<CoverageStatus, number> = { overdue: 0, missing: 1, late: 2, issued: 3 };
const isMissing = (row: CoverageRow) => row.status === 'missing' || row.status === 'overdue';

export interface CoverageCounts {
  total: number;
  issued: number;
  onTime: number;
  late: number;
  missing: number;
  overdue: number;
}

/** The server's counts (it counts every unit; the answer names only the first few). */
export function countCoverage(coverage: Coverage): CoverageCounts {
  return {
    total: coverage.total,
    issued: coverage.issued + coverage.late,
    onTime: coverage.issued,
    late: coverage.late,
    missing: coverage.missing,
    overdue: coverage.overdue,
  };
}

/** Missing first (overdue before the rest), then late, then issued; by name within each. */
export function sortCoverage(rows: CoverageRow[]): CoverageRow[] {
  return [...rows].sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.unit.name.localeCompare(b.unit.name, 'vi'));
}

function StatusTag({ row, dueDays }: { row: CoverageRow; dueDays: number }) {
  const { t } = useI18n();
  switch (row.status) {
    case 'issued':
      return (
        <Tag color="green" className="tk-wrap-tag">
          {t('cascade.status.issued')}
        </Tag>
      );
    case 'late': {
      const over = row.daysAfterParent !== null ? Math.max(row.daysAfterParent - dueDays, 0) : null;
      return (
        <Tag color="orange" className="tk-wrap-tag">
          {t('cascade.status.late')}
          {over ? ` (+${t('cascade.days', { count: over })})` : ''}
        </Tag>
      );
    }
    case 'overdue':
      return (
        <Tag color="red" className="tk-wrap-tag tk-overdue">
          {t('cascade.status.overdue')}
        </Tag>
      );
    default:
      return (
        <Tag color="red" className="tk-wrap-tag">
          {t('cascade.status.missing')}
        </Tag>
      );
  }
}

function DocCell({ row }: { row: CoverageRow }) {
  const { t } = useI18n();
  if (!row.document) return <span className="tk-muted">—</span>;
  return (
    <span>
      <Link to={`/documents/${row.document.id}`}>{row.document.symbol || t('plan.noNumber')}</Link>
      {row.document.date ? <span className="tk-muted"> · {formatDate(row.document.date)}</span> : null}
    </span>
  );
}

function CoverageSummary({ coverage }: { coverage: Coverage }) {
  const { t } = useI18n();
  const counts = countCoverage(coverage);
  if (counts.total === 0) return null;
  const pct = (n: number) => Math.round((n / counts.total) * 1000) / 10;
  return (
    <div className="tk-coverage-summary" data-testid="coverage-summary">
      <div className="tk-coverage-line">
        <strong>{t('cascade.summaryIssued', { issued: counts.issued, total: counts.total })}</strong>
        {counts.late > 0 ? (
          <span className="tk-late-text"> · {t('cascade.summaryLate', { count: counts.late })}</span>
        ) : null}
        {counts.missing > 0 ? (
          <span className="tk-missing-text"> · {t('cascade.summaryMissing', { count: counts.missing })}</span>
        ) : null}
        {counts.overdue > 0 ? (
          <span className="tk-missing-text tk-overdue">
            {' '}
            ({t('cascade.summaryOverdue', { count: counts.overdue })})
          </span>
        ) : null}
      </div>
      <Progress
        percent={pct(counts.issued)}
        success={{ percent: pct(counts.onTime), strokeColor: '#52c41a' }}
        strokeColor="#fa8c16"
        railColor="#ffccc7"
        showInfo={false}
        size="small"
        aria-label={t('cascade.summaryIssued', { issued: counts.issued, total: counts.total })}
      />
      <div className="tk-small tk-muted">{t('cascade.dueDays', { count: coverage.dueDays })}</div>
    </div>
  );
}

function CoverageTable({
  rows: given,
  dueDays,
  onlyMissing,
  emptyText,
  pagination = false,
  loading = false,
}: {
  rows: CoverageRow[];
  dueDays: number;
  onlyMissing: boolean;
  emptyText?: string;
  pagination?: false | { current: number; pageSize: number; total: number; onChange: (page: number) => void };
  loading?: boolean;
}) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const rows = useMemo(() => {
    const sorted = sortCoverage(given);
    return onlyMissing ? sorted.filter(isMissing) : sorted;
  }, [given, onlyMissing]);

  const days = (row: CoverageRow) =>
    row.daysAfterParent === null ? '—' : t('cascade.days', { count: row.daysAfterParent });

  if (rows.length === 0 && !loading) {
    return (
      <div className="tk-muted tk-small tk-coverage-empty">
        {emptyText ?? (onlyMissing ? t('cascade.allIssued') : t('cascade.noExpected'))}
      </div>
    );
  }

  if (isMobile && !pagination) {
    return (
      <ul className="tk-coverage-list" data-testid="coverage-table">
        {rows.map((row) => (
          <li
            key={row.unit.id}
            data-testid="coverage-row"
            data-status={row.status}
            className={`tk-coverage-item tk-coverage-${row.status}`}
          >
            <div className="tk-coverage-item-head">
              <Link to={`/units/${row.unit.id}`} className="tk-coverage-unit">
                {row.unit.name}
              </Link>
              <StatusTag row={row} dueDays={dueDays} />
            </div>
            {row.document ? (
              <div className="tk-small">
                <DocCell row={row} />
                <span className="tk-muted"> · {t('cascade.afterParent', { days: days(row) })}</span>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    );
  }

  const columns: TableColumnsType<CoverageRow> = [
    {
      title: t('cascade.col.unit'),
      key: 'unit',
      render: (_, row) => <Link to={`/units/${row.unit.id}`}>{row.unit.name}</Link>,
    },
    {
      title: t('cascade.col.status'),
      key: 'status',
      width: isMobile ? undefined : 230,
      render: (_, row) => <StatusTag row={row} dueDays={dueDays} />,
    },
    { title: t('cascade.col.document'), key: 'document', width: 220, render: (_, row) => <DocCell row={row} /> },
    {
      title: t('cascade.col.days'),
      key: 'days',
      width: 180,
      align: 'right',
      render: (_, row) => days(row),
    },
  ];
  // On a phone the paged list keeps two columns: the unit and its status.
  const shown = isMobile ? columns.slice(0, 2) : columns;

  return (
    <Table<CoverageRow>
      rowKey={(row) => row.unit.id}
      size="small"
      columns={shown}
      dataSource={rows}
      loading={loading}
      pagination={pagination ? { ...pagination, showSizeChanger: false, size: 'small' } : false}
      onRow={(row) => ({
        'data-testid': 'coverage-row',
        'data-status': row.status,
        className: `tk-coverage-${row.status}`,
      })}
      data-testid="coverage-table"
    />
  );
}

const PAGE_SIZE = 20;
const FILTERS = ['missing', 'overdue', 'late', 'issued'] as const;
type StatusFilter = (typeof FILTERS)[number];

/** Every expected unit of one document, a page at a time, searched by name and filtered by status. */
function CoverageList({
  documentId,
  title,
  coverage,
  initialStatus,
  onClose,
}: {
  documentId: string;
  title: string;
  coverage: Coverage;
  initialStatus?: StatusFilter | undefined;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<StatusFilter | undefined>(initialStatus);
  const query: CoverageQuery = {
    ...(status ? { status } : {}),
    ...(q ? { q } : {}),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const result = useCoverage(documentId, query);
  const data = result.data;
  return (
    <Modal
      open
      title={
        <span>
          {t('cascade.allUnits')}
          <div className="tk-muted tk-small tk-coverage-modal-doc">{title}</div>
        </span>
      }
      onCancel={onClose}
      footer={null}
      width={900}
      destroyOnHidden
    >
      <div className="tk-coverage-list-modal" data-testid="coverage-list">
        <CoverageSummary coverage={coverage} />
        <div className="tk-coverage-filters">
          <Input.Search
            allowClear
            placeholder={t('cascade.searchUnits')}
            aria-label={t('cascade.searchUnits')}
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
            data-testid="coverage-search"
          />
          <Select<StatusFilter | 'all'>
            value={status ?? 'all'}
            aria-label={t('cascade.col.status')}
            onChange={(value) => {
              setStatus(value === 'all' ? undefined : value);
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('cascade.filter.all') },
              ...FILTERS.map((f) => ({ value: f, label: t(`cascade.filter.${f}`) })),
            ]}
            data-testid="coverage-status"
          />
        </div>
        {result.isError ? <Alert type="error" showIcon title={t('cascade.loadFailed')} /> : null}
        <CoverageTable
          rows={data?.items ?? []}
          dueDays={coverage.dueDays}
          onlyMissing={false}
          emptyText={t('cascade.noMatch')}
          loading={result.isFetching}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data?.matching ?? 0,
            onChange: setPage,
          }}
        />
        {data ? (
          <div className="tk-muted tk-small">{t('units.count', { count: formatCount(data.matching, lang) })}</div>
        ) : null}
      </div>
    </Modal>
  );
}

function NodeView({ node, depth, onlyMissing }: { node: CascadeNode; depth: number; onlyMissing: boolean }) {
  const { t, label, lang } = useI18n();
  const [open, setOpen] = useState(depth === 0);
  const [all, setAll] = useState(false);
  const doc = node.document;
  const coverage = node.coverage;
  const counts = coverage ? countCoverage(coverage) : null;
  const title = [doc.typeName, doc.symbol || t('plan.noNumber')].filter(Boolean).join(' ');

  return (
    <div
      className={`tk-cascade-node tk-depth-${Math.min(depth, 3)}`}
      data-testid="cascade-node"
      data-document-id={doc.id}
    >
      <div className="tk-cascade-head">
        <div className="tk-cascade-title">
          {node.relation !== 'root' ? (
            <Tag color={node.relation === 'implements' ? 'red' : 'blue'} className="tk-wrap-tag">
              {label('relation', node.relation)}
            </Tag>
          ) : null}
          {depth === 0 ? <strong>{title}</strong> : <Link to={`/documents/${doc.id}`}>{title}</Link>}
          <span className="tk-muted tk-small">
            {' '}
            {[doc.issuer, doc.date ? formatDate(doc.date) : null].filter(Boolean).join(' · ')}
          </span>
        </div>
        {depth > 0 ? <div className="tk-cascade-doc-title tk-small">{doc.title}</div> : null}
        {depth > 0 && doc.planId ? (
          <Link to={`/plans/${doc.planId}`} className="tk-small">
            {t('doc.openPlan')}
          </Link>
        ) : null}
      </div>

      {coverage ? (
        <div className="tk-cascade-coverage">
          <CoverageSummary coverage={coverage} />
          {counts && counts.total > 0 ? (
            depth === 0 || open ? (
              <>
                <CoverageTable rows={coverage.first} dueDays={coverage.dueDays} onlyMissing={onlyMissing} />
                <div className="tk-cascade-more">
                  {coverage.first.length < counts.total ? (
                    <span className="tk-muted tk-small">
                      {t('cascade.firstShown', {
                        shown: formatCount(coverage.first.length, lang),
                        total: formatCount(counts.total, lang),
                      })}
                    </span>
                  ) : null}
                  <Button size="small" onClick={() => setAll(true)} data-testid="coverage-all">
                    {t('cascade.showAll', { count: formatCount(counts.total, lang) })}
                  </Button>
                  {depth > 0 ? (
                    <Button size="small" type="link" onClick={() => setOpen(false)}>
                      {t('cascade.hideUnits')}
                    </Button>
                  ) : null}
                </div>
                {all ? (
                  <CoverageList
                    documentId={doc.id}
                    title={title}
                    coverage={coverage}
                    initialStatus={onlyMissing ? 'missing' : undefined}
                    onClose={() => setAll(false)}
                  />
                ) : null}
              </>
            ) : (
              <Button size="small" onClick={() => setOpen(true)} data-testid="cascade-expand">
                {t('cascade.showUnits', { count: counts.total })}
              </Button>
            )
          ) : null}
        </div>
      ) : null}

      {node.children.length > 0 ? (
        <div className="tk-cascade-children">
          {node.children.map((child) => (
            <NodeView key={child.document.id} node={child} depth={depth + 1} onlyMissing={onlyMissing} />
          ))}
          {node.childCount > node.children.length ? (
            <div className="tk-cascade-more-docs tk-small" data-testid="cascade-more-documents">
              <span className="tk-muted">
                {t('cascade.moreDocuments', { count: formatCount(node.childCount - node.children.length, lang) })}
              </span>{' '}
              <Link to={`/documents/${doc.id}`}>{t('cascade.openAll')}</Link>
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** Documents below the root: every child counted, also those the answer does not name. */
function countNodes(node: CascadeNode): { count: number; partial: boolean } {
  let count = node.childCount;
  let partial = false;
  for (const child of node.children) {
    const below = countNodes(child);
    count += below.count;
    partial ||= below.partial;
  }
  return { count, partial: partial || node.childCount > node.children.length };
}

function hasCoverage(node: CascadeNode): boolean {
  return !!node.coverage || node.children.some(hasCoverage);
}

/** The "Triển khai" section: this document and every document that implements it, level by level. */
export function Cascade({ documentId }: { documentId: string }) {
  const { t } = useI18n();
  const errorMessage = useErrorMessage();
  const cascade = useCascade(documentId);
  const [onlyMissing, setOnlyMissing] = useState(false);

  if (cascade.isPending) return <Loading />;
  if (cascade.isError) return <Alert type="error" showIcon title={errorMessage(cascade.error)} />;
  const root = cascade.data;
  const empty = root.children.length === 0 && !root.coverage;
  const nodes = countNodes(root);

  return (
    <div className="tk-cascade" data-testid="cascade">
      {empty ? (
        <Empty description={t('cascade.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <>
          <div className="tk-cascade-toolbar">
            <span className="tk-muted tk-small">
              {t(nodes.partial ? 'cascade.nodesAtLeast' : 'cascade.nodes', { count: nodes.count })}
            </span>
            {hasCoverage(root) ? (
              <Checkbox
                checked={onlyMissing}
                onChange={(event) => setOnlyMissing(event.target.checked)}
                data-testid="cascade-only-missing"
              >
                {t('cascade.onlyMissing')}
              </Checkbox>
            ) : null}
          </div>
          <NodeView node={root} depth={0} onlyMissing={onlyMissing} />
        </>
      )}
    </div>
  );
}
