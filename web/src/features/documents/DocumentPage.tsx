import { Alert, App, Breadcrumb, Button, Card, Descriptions, Popconfirm, Tag, Typography, Upload } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  documentFileUrl,
  useCascade,
  useDeleteDocumentLink,
  useDocument,
  useUploadDocumentFile,
} from '../../api/hooks';
import type { DocumentDetail, DocumentLink } from '../../api/types';
import { allows } from '../../app/auth';
import { ErrorResult, useErrorMessage } from '../../components/ErrorResult';
import { DeleteIcon, DownloadIcon, FileIcon, PlusIcon, UploadIcon } from '../../components/icons';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../components/PageTitle';
import { ReferenceList } from '../../components/ReferenceList';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { Cascade } from './Cascade';
import { DocumentFormModal } from './DocumentFormModal';
import { docSystem, formatSize, RELATION_COLORS } from './docTypes';
import { LinkModal } from './LinkModal';

const MAX_MB = 20;

function Section({
  title,
  count,
  extra,
  children,
  testId,
}: {
  title: string;
  count?: number;
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Card
      className="tk-section"
      data-testid={testId}
      extra={extra}
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

function Header({ doc, actions }: { doc: DocumentDetail; actions: ReactNode }) {
  const { t } = useI18n();
  const items = [
    {
      key: 'symbol',
      label: t('doc.symbol'),
      children: doc.symbol ? (
        <span data-testid="document-symbol">{doc.symbol}</span>
      ) : (
        <Tag data-testid="document-symbol">{t('plan.noNumber')}</Tag>
      ),
    },
    {
      key: 'issuer',
      label: t('doc.issuer'),
      children: doc.issuerUnit ? (
        <span>
          <Link to={`/units/${doc.issuerUnit.id}`}>{doc.issuerUnit.name}</Link>
          {doc.issuer && doc.issuer !== doc.issuerUnit.name ? <span className="tk-muted"> ({doc.issuer})</span> : null}
        </span>
      ) : (
        doc.issuer || '—'
      ),
    },
    {
      key: 'date',
      label: t('doc.date'),
      children: [doc.place, doc.date ? formatDate(doc.date) : null].filter(Boolean).join(', ') || '—',
    },
    ...(doc.respondWithinDays
      ? [
          {
            key: 'respond',
            label: t('doc.respondWithinLabel'),
            children: t('doc.respondWithin', { count: doc.respondWithinDays }),
          },
        ]
      : []),
  ];
  const system = docSystem(doc.system);
  return (
    <Card className="tk-doc-header" data-testid="document-header">
      <div className="tk-doc-head-row">
        <div className="tk-tags">
          <Tag color="red">{doc.typeName || t('plan.document')}</Tag>
          {system ? <Tag>{t(`system.${system}`)}</Tag> : null}
        </div>
        {actions}
      </div>
      <Typography.Title level={1} className="tk-doc-page-title">
        {doc.title}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 1, md: 3 }} items={items} />
      {doc.planId ? (
        <Alert
          className="tk-doc-plan"
          type="success"
          showIcon
          title={
            <span>
              {t('doc.planLinked')}{' '}
              <Link to={`/plans/${doc.planId}`} data-testid="document-plan-link">
                {t('doc.openPlan')}
              </Link>
            </span>
          }
        />
      ) : null}
    </Card>
  );
}

function LinkList({
  links,
  incoming,
  canManage,
  onRemove,
  removing,
}: {
  links: DocumentLink[];
  incoming: boolean;
  canManage: boolean;
  onRemove: (link: DocumentLink) => void;
  removing: string | null;
}) {
  const { t, label } = useI18n();
  return (
    <ul className="tk-plain-list">
      {links.map((link) => (
        <li
          key={link.id}
          className="tk-reference"
          data-testid={incoming ? 'link-incoming' : 'link-outgoing'}
          data-relation={link.relation}
        >
          <Tag color={RELATION_COLORS[link.relation] ?? 'default'} className="tk-wrap-tag">
            {incoming ? label('relationIncoming', link.relation) : label('relation', link.relation)}
          </Tag>
          <span className="tk-grow">
            <Link to={`/documents/${link.document.id}`}>
              {[link.document.typeName, link.document.symbol || t('plan.noNumber')].filter(Boolean).join(' ')}
            </Link>
            {link.document.date ? <span className="tk-muted"> · {formatDate(link.document.date)}</span> : null}
            <div className="tk-small tk-muted">{link.document.title}</div>
          </span>
          {canManage && !incoming ? (
            <Popconfirm
              title={t('doc.removeLinkConfirm')}
              okText={t('doc.removeLink')}
              cancelText={t('action.cancel')}
              onConfirm={() => onRemove(link)}
            >
              <Button
                type="text"
                danger
                size="small"
                icon={<DeleteIcon />}
                loading={removing === link.id}
                aria-label={t('doc.removeLink')}
                title={t('doc.removeLink')}
                data-testid="link-remove"
              />
            </Popconfirm>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export default function DocumentPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const document = useDocument(id);
  const upload = useUploadDocumentFile(id);
  const removeLink = useDeleteDocumentLink(id);
  // Shared with the Cascade section (same query): a document nothing implements yet has its
  // (empty) "Triển khai" section at the end rather than first.
  const cascade = useCascade(id);
  const cascadeEmpty = !!cascade.data && cascade.data.children.length === 0 && !cascade.data.coverage;
  const [editing, setEditing] = useState(false);
  const [linking, setLinking] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  useDocumentTitle(document.data ? (document.data.symbol ?? document.data.title) : t('documents.title'));

  if (document.isPending) return <Loading />;
  if (document.isError) return <ErrorResult error={document.error} onRetry={() => void document.refetch()} />;
  const doc = document.data;
  // Buttons follow what the server says this viewer may do with this document.
  const canManage = allows(doc, 'document.write');
  const canAttach = allows(doc, 'document.attach');
  const outgoing = doc.links?.outgoing ?? [];
  const incoming = doc.links?.incoming ?? [];

  const cascadeSection = (
    <Section title={t('cascade.title')} testId="cascade-section">
      <Cascade documentId={doc.id} />
    </Section>
  );

  const uploadButton = canAttach ? (
    <Upload
      showUploadList={false}
      multiple={false}
      beforeUpload={(file) => {
        if (file.size > MAX_MB * 1024 * 1024) {
          setFileError(t('import.fileTooLarge', { name: file.name, max: MAX_MB }));
          return Upload.LIST_IGNORE;
        }
        setFileError(null);
        upload.mutate(file, { onSuccess: () => void message.success(t('doc.fileUploaded')) });
        return false;
      }}
      data-testid="document-file-input"
    >
      <Button icon={<UploadIcon />} loading={upload.isPending}>
        {doc.file ? t('doc.replaceFile') : t('doc.attachFile')}
      </Button>
    </Upload>
  ) : null;

  return (
    <div className="tk-stack">
      <Breadcrumb
        items={[
          { title: <Link to="/documents">{t('documents.title')}</Link> },
          { title: doc.symbol || t('plan.noNumber') },
        ]}
      />
      <Header
        doc={doc}
        actions={
          canManage ? (
            <Button onClick={() => setEditing(true)} data-testid="edit-document">
              {t('action.edit')}
            </Button>
          ) : null
        }
      />

      {cascadeEmpty ? null : cascadeSection}

      <Section title={t('doc.file')} testId="document-file" extra={uploadButton}>
        {doc.file ? (
          <div className="tk-file-row">
            <FileIcon />
            <a href={documentFileUrl(doc.id)} download={doc.file.name} data-testid="document-file-download">
              {doc.file.name}
            </a>
            <span className="tk-muted tk-small">{formatSize(doc.file.size, lang)}</span>
            <a href={documentFileUrl(doc.id)} download={doc.file.name} className="tk-small">
              <DownloadIcon /> {t('doc.download')}
            </a>
          </div>
        ) : (
          <Typography.Text type="secondary">{t('doc.noFile')}</Typography.Text>
        )}
        {fileError ? <Alert type="error" showIcon title={fileError} className="tk-mt" /> : null}
        {upload.isError ? <Alert type="error" showIcon title={errorMessage(upload.error)} className="tk-mt" /> : null}
      </Section>

      <Section title={t('plan.references')} count={doc.references?.length ?? 0} testId="references">
        <ReferenceList references={doc.references ?? []} />
      </Section>

      <Section
        title={t('doc.links')}
        count={outgoing.length + incoming.length}
        testId="document-links"
        extra={
          canManage ? (
            <Button size="small" icon={<PlusIcon />} onClick={() => setLinking(true)} data-testid="add-link">
              {t('doc.addLink')}
            </Button>
          ) : null
        }
      >
        {outgoing.length + incoming.length === 0 ? (
          <Typography.Text type="secondary">{t('doc.noLinks')}</Typography.Text>
        ) : (
          <div className="tk-stack tk-gap-sm">
            {outgoing.length > 0 ? (
              <div>
                <div className="tk-closing-label">{t('doc.outgoing')}</div>
                <LinkList
                  links={outgoing}
                  incoming={false}
                  canManage={canManage}
                  removing={removeLink.isPending ? (removeLink.variables ?? null) : null}
                  onRemove={(link) =>
                    removeLink.mutate(link.id, { onSuccess: () => void message.success(t('doc.linkRemoved')) })
                  }
                />
              </div>
            ) : null}
            {incoming.length > 0 ? (
              <div>
                <div className="tk-closing-label">{t('doc.incoming')}</div>
                <LinkList links={incoming} incoming canManage={canManage} removing={null} onRemove={() => {}} />
              </div>
            ) : null}
          </div>
        )}
        {removeLink.isError ? (
          <Alert type="error" showIcon title={errorMessage(removeLink.error)} className="tk-mt" />
        ) : null}
      </Section>

      {cascadeEmpty ? cascadeSection : null}

      {editing ? (
        <DocumentFormModal
          document={doc}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            void message.success(t('doc.saved'));
          }}
        />
      ) : null}
      {linking ? <LinkModal documentId={doc.id} onClose={() => setLinking(false)} /> : null}
    </div>
  );
}
