import { Alert, Button, Checkbox, Empty, Progress, Table, type TableColumnsType, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useCascade } from '../../api/hooks';
import type { CascadeNode, Coverage, CoverageRow, CoverageStatus } from '../../api/types';
import { useErrorMessage } from '../../components/ErrorResult';
import { Loading } from '../../components/Loading';
import { useIsMobile } from '../../components/useIsMobile';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';

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

/** Counted from the rows, so that "issued" always includes the late ones and the parts add up. */
export function countCoverage(coverage: Coverage): CoverageCounts {
  const rows = coverage.expected;
  const count = (status: CoverageStatus) => rows.filter((row) => row.status === status).length;
  const onTime = count('issued');
  const late = count('late');
  const overdue = count('overdue');
  const missing = count('missing') + overdue;
  return { total: rows.length, issued: onTime + late, onTime, late, missing, overdue };
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

function CoverageTable({ coverage, onlyMissing }: { coverage: Coverage; onlyMissing: boolean }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const rows = useMemo(() => {
    const sorted = sortCoverage(coverage.expected);
    return onlyMissing ? sorted.filter(isMissing) : sorted;
  }, [coverage, onlyMissing]);

  const days = (row: CoverageRow) =>
    row.daysAfterParent === null ? '—' : t('cascade.days', { count: row.daysAfterParent });

  if (rows.length === 0) {
    return (
      <div className="tk-muted tk-small tk-coverage-empty">
        {onlyMissing ? t('cascade.allIssued') : t('cascade.noExpected')}
      </div>
    );
  }

  if (isMobile) {
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
              <StatusTag row={row} dueDays={coverage.dueDays} />
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
      width: 230,
      render: (_, row) => <StatusTag row={row} dueDays={coverage.dueDays} />,
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

  return (
    <Table<CoverageRow>
      rowKey={(row) => row.unit.id}
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      onRow={(row) => ({
        'data-testid': 'coverage-row',
        'data-status': row.status,
        className: `tk-coverage-${row.status}`,
      })}
      data-testid="coverage-table"
    />
  );
}

function NodeView({ node, depth, onlyMissing }: { node: CascadeNode; depth: number; onlyMissing: boolean }) {
  const { t, label } = useI18n();
  const [open, setOpen] = useState(depth === 0);
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
            {[doc.issuerUnit?.name ?? doc.issuer, doc.date ? formatDate(doc.date) : null].filter(Boolean).join(' · ')}
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
                <CoverageTable coverage={coverage} onlyMissing={onlyMissing} />
                {depth > 0 ? (
                  <Button size="small" type="link" onClick={() => setOpen(false)}>
                    {t('cascade.hideUnits')}
                  </Button>
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
        </div>
      ) : null}
    </div>
  );
}

function countNodes(node: CascadeNode): number {
  return 1 + node.children.reduce((sum, child) => sum + countNodes(child), 0);
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

  return (
    <div className="tk-cascade" data-testid="cascade">
      {empty ? (
        <Empty description={t('cascade.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <>
          <div className="tk-cascade-toolbar">
            <span className="tk-muted tk-small">{t('cascade.nodes', { count: countNodes(root) - 1 })}</span>
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
