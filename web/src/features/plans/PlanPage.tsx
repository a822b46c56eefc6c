import { Breadcrumb, Card, Empty, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { usePlan } from '../../api/hooks';
import type { PlanDetail, PlanNode, Recipient, SectionNode } from '../../api/types';
import { ErrorResult } from '../../components/ErrorResult';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../components/PageTitle';
import { ReferenceList } from '../../components/ReferenceList';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { FollowupSettingsCard } from '../notifications/FollowupSettingsCard';
import { NodeProgressTag, PlanProgressSummary } from '../overview/Progress';
import { NodeEditActions, PlanEditBar, PlanEditProvider, PlanStatusBanner, useEditing } from './PlanEdit';
import { TaskCard } from './TaskCard';

const hasTask = (node: PlanNode): boolean => node.kind === 'task' || node.children.some(hasTask);
const clean = (label: string) => label.trim().replace(/[.)]+$/, '');
const same = (a: string | null, b: string | null) => (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

/**
 * The server's tree as it comes: a section is a heading over its children, a task a card.
 * Sections without any task below them are left out (the objectives are shown above), and a
 * sub-section that holds only the task of the same title shows just that task.
 */
function PlanTree({
  planId,
  nodes,
  depth,
  parentId = null,
}: {
  planId: string;
  nodes: PlanNode[];
  depth: number;
  parentId?: string | null;
}) {
  // In edit mode every node shows, empty sections included (plans/PlanEdit.tsx).
  const editing = useEditing();
  return (
    <>
      {nodes
        .filter((node) => editing || hasTask(node))
        .map((node) => {
          if (node.kind === 'task') {
            return (
              <div key={node.id} className={node.status === 'cancelled' ? 'tk-tree-task tk-cancelled' : 'tk-tree-task'}>
                <TaskCard planId={planId} task={node} />
                <NodeEditActions node={node} parentId={parentId} />
                {node.children.length > 0 ? (
                  <div className="tk-subtasks">
                    <PlanTree planId={planId} nodes={node.children} depth={depth + 1} parentId={node.id} />
                  </div>
                ) : null}
              </div>
            );
          }
          const only = node.children.length === 1 ? node.children[0] : undefined;
          if (!editing && depth > 0 && only?.kind === 'task' && same(only.title, node.title)) {
            return <PlanTree key={node.id} planId={planId} nodes={node.children} depth={depth} parentId={node.id} />;
          }
          return <TreeSection key={node.id} planId={planId} node={node} depth={depth} parentId={parentId} />;
        })}
    </>
  );
}

function TreeSection({
  planId,
  node,
  depth,
  parentId,
}: {
  planId: string;
  node: SectionNode;
  depth: number;
  parentId: string | null;
}) {
  const heading = [clean(node.label), node.title].filter(Boolean).join('. ');
  return (
    <section className={depth === 0 ? 'tk-task-group' : 'tk-task-subgroup'} data-testid="plan-section">
      {depth === 0 ? <h3 className="tk-group-title">{heading}</h3> : <h4 className="tk-subgroup-title">{heading}</h4>}
      <NodeEditActions node={node} parentId={parentId} />
      <PlanTree planId={planId} nodes={node.children} depth={depth + 1} parentId={node.id} />
      <NodeProgressTag planId={planId} nodeId={node.id} />
    </section>
  );
}

function Section({
  title,
  count,
  children,
  testId,
}: {
  title: string;
  count?: number;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Card
      className="tk-section"
      data-testid={testId}
      title={
        <span>
          {title}
          {count !== undefined ? <span className="tk-count">{count}</span> : null}
        </span>
      }
    >
      {children}
    </Card>
  );
}

function DocumentHeader({ plan }: { plan: PlanDetail }) {
  const { t, label } = useI18n();
  const doc = plan.document;
  const placeDate = [doc.place, doc.date ? formatDate(doc.date) : null].filter(Boolean).join(', ');
  return (
    <Card className="tk-doc-header" data-testid="document-header">
      <div className="tk-doc-top">
        <div className="tk-doc-issuer">
          <div className="tk-doc-issuer-name">{doc.issuer || t('plan.noIssuer')}</div>
          <div className="tk-doc-symbol" data-testid="document-symbol">
            {doc.symbol ? t('plan.symbolValue', { symbol: doc.symbol }) : <Tag>{t('plan.noNumber')}</Tag>}
          </div>
        </div>
        <div className="tk-doc-place">
          {doc.system ? <div className="tk-doc-motto">{label('motto', doc.system, '')}</div> : null}
          {placeDate ? <div className="tk-doc-date">{placeDate}</div> : null}
        </div>
      </div>
      <div className="tk-doc-type">{doc.typeName || t('plan.document')}</div>
      <Typography.Title level={1} className="tk-doc-title">
        {doc.title}
      </Typography.Title>
      {plan.ownerUnit ? (
        <div className="tk-doc-owner">
          <span className="tk-muted">{t('plan.ownerUnit')}:</span>{' '}
          <Link to={`/units/${plan.ownerUnit.id}`}>{plan.ownerUnit.name}</Link>
        </div>
      ) : null}
      {doc.id ? (
        <div className="tk-doc-links">
          <Link to={`/documents/${doc.id}`} data-testid="view-cascade">
            {t('plan.viewCascade')}
          </Link>
          {' · '}
          <Link to={`/plans/${plan.id}/dissemination`} data-testid="view-dissemination">
            {t('dissemination.link')}
          </Link>
        </div>
      ) : null}
    </Card>
  );
}

function RecipientLine({ recipient }: { recipient: Recipient }) {
  const { t, label } = useI18n();
  const text = recipient.organization || recipient.asWritten;
  return (
    <li data-testid="recipient" title={recipient.asWritten}>
      {recipient.unitId ? <Link to={`/units/${recipient.unitId}`}>{text}</Link> : text}
      {recipient.purpose && !recipient.isArchive ? (
        <span className="tk-muted"> — {label('purpose', recipient.purpose)}</span>
      ) : null}
      {recipient.isArchive ? <Tag className="tk-inline-tag">{t('plan.archive')}</Tag> : null}
    </li>
  );
}

export default function PlanPage() {
  const { id = '' } = useParams();
  const { t, label } = useI18n();
  const plan = usePlan(id);
  const [editing, setEditing] = useState(false);
  useDocumentTitle(plan.data?.document.title ?? t('plans.title'));

  if (plan.isPending) return <Loading />;
  if (plan.isError) return <ErrorResult error={plan.error} onRetry={() => void plan.refetch()} />;
  const data = plan.data;
  const doc = data.document;
  const signer = data.signer;

  return (
    <div className="tk-stack">
      <Breadcrumb
        items={[{ title: <Link to="/plans">{t('plans.title')}</Link> }, { title: doc.symbol || t('plan.noNumber') }]}
      />
      <DocumentHeader plan={data} />
      <PlanStatusBanner plan={data} />
      <PlanEditBar plan={data} editing={editing} onToggle={setEditing} />

      <Section title={t('plan.references')} count={data.references.length} testId="references">
        <ReferenceList references={data.references} />
      </Section>

      {data.objectives.length > 0 ? (
        <Section title={t('plan.objectives')} testId="objectives">
          <ol className="tk-objectives">
            {data.objectives.map((objective, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: objectives are plain text in document order
              <li key={index}>{objective}</li>
            ))}
          </ol>
        </Section>
      ) : null}

      <Section title={t('plan.tasks')} count={data.taskCount} testId="tasks">
        {data.taskCount === 0 ? <Empty description={t('plan.noTasks')} /> : null}
        <PlanEditProvider plan={data} editing={editing && data.status === 'active'}>
          <PlanTree planId={data.id} nodes={data.tree} depth={0} />
        </PlanEditProvider>
        <PlanProgressSummary planId={data.id} />
      </Section>

      <FollowupSettingsCard planId={data.id} />

      {data.addressees.length > 0 || data.recipients.length > 0 || signer ? (
        <Card className="tk-section" data-testid="closing">
          <div className="tk-closing">
            <div className="tk-recipients">
              {data.addressees.length > 0 ? (
                <>
                  <div className="tk-closing-label">{t('plan.addressees')}</div>
                  <ul className="tk-dash-list">
                    {data.addressees.map((name) => (
                      <li key={name}>{name}</li>
                    ))}
                  </ul>
                </>
              ) : null}
              {data.recipients.length > 0 ? (
                <>
                  <div className="tk-closing-label">{t('plan.recipients')}</div>
                  <ul className="tk-dash-list" data-testid="recipients">
                    {data.recipients.map((recipient) => (
                      <RecipientLine
                        key={`${recipient.asWritten}|${recipient.organization ?? ''}`}
                        recipient={recipient}
                      />
                    ))}
                  </ul>
                </>
              ) : null}
            </div>
            {signer ? (
              <div className="tk-signer" data-testid="signer">
                <div className="tk-closing-label">{t('plan.signer')}</div>
                {signer.authority || signer.onBehalfOf ? (
                  <div className="tk-signer-authority">
                    {[signer.authority ? label('authority', signer.authority) : null, signer.onBehalfOf]
                      .filter(Boolean)
                      .join(' ')}
                  </div>
                ) : null}
                {signer.title ? <div className="tk-signer-title">{signer.title}</div> : null}
                {signer.name ? <div className="tk-signer-name">{signer.name}</div> : null}
              </div>
            ) : null}
          </div>
        </Card>
      ) : null}
    </div>
  );
}
