import { Button, Input, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useMe } from '../../app/auth';
import { ErrorResult } from '../../components/ErrorResult';
import { PlusIcon } from '../../components/icons';
import { PageTitle } from '../../components/PageTitle';
import { useDebounced } from '../../components/useDebounced';
import { useIsMobile } from '../../components/useIsMobile';
import { useI18n } from '../../i18n/I18nProvider';
import { type UserRow, useUsers } from './api';
import { UserDrawer } from './UserDrawer';

const PAGE_SIZE = 50;

/**
 * People and their grants (administrators). Searched and paged on the server: a national
 * installation has thousands of accounts.
 */
export default function UsersPage() {
  const { t, label } = useI18n();
  const { data: me } = useMe();
  const isMobile = useIsMobile();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const search = useDebounced(q.trim(), 300);
  const users = useUsers({ q: search, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const [editing, setEditing] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  const grants = (u: UserRow) => (
    <div className="tk-tag-list">
      {u.grants.map((g) => (
        <Tag key={g.id} color={g.role === 'admin' ? 'red' : 'blue'} className="tk-wrap-tag">
          {label('access.role', g.role)}
          {g.unitName ? `: ${g.unitName}` : ''}
        </Tag>
      ))}
    </div>
  );
  const status = (u: UserRow) =>
    u.isActive ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>;
  const edit = (u: UserRow) => (
    <Button onClick={() => setEditing(u.id)} data-testid="user-edit">
      {t('action.edit')}
    </Button>
  );

  const columns: TableColumnsType<UserRow> = isMobile
    ? [
        {
          title: t('users.person'),
          key: 'person',
          render: (_, u) => (
            <div className="tk-user-cell">
              <div>
                <strong>{u.displayName}</strong> <span className="tk-mono tk-muted">{u.username}</span> {status(u)}
              </div>
              {u.homeUnit ? <div className="tk-small tk-muted">{u.homeUnit.name}</div> : null}
              {grants(u)}
              {edit(u)}
            </div>
          ),
        },
      ]
    : [
        {
          title: t('users.person'),
          key: 'person',
          render: (_, u) => (
            <>
              <div>
                <strong>{u.displayName}</strong>
              </div>
              <div className="tk-mono tk-muted">{u.username}</div>
            </>
          ),
        },
        { title: t('users.homeUnit'), key: 'home', render: (_, u) => u.homeUnit?.name ?? '' },
        { title: t('users.grants'), key: 'grants', render: (_, u) => grants(u) },
        { title: t('users.status'), key: 'status', width: 130, render: (_, u) => status(u) },
        { title: '', key: 'edit', width: 90, render: (_, u) => edit(u) },
      ];

  return (
    <>
      <PageTitle
        title={t('users.title')}
        extra={
          <Button type="primary" icon={<PlusIcon />} onClick={() => setCreating(true)} data-testid="user-add">
            {t('users.add')}
          </Button>
        }
      >
        {t('users.title')}
      </PageTitle>
      <div className="tk-filters">
        <Input.Search
          className="tk-filter-search"
          placeholder={t('users.search')}
          aria-label={t('users.search')}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setPage(1);
          }}
          allowClear
        />
      </div>
      {users.isError ? (
        <ErrorResult error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Table<UserRow>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={users.data?.items ?? []}
          loading={users.isPending || users.isPlaceholderData}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: users.data?.total ?? 0,
            onChange: setPage,
            hideOnSinglePage: true,
            showSizeChanger: false,
            showTotal: (total) => t('users.total', { count: total }),
          }}
          data-testid="users-table"
        />
      )}
      <UserDrawer
        open={creating || editing !== null}
        userId={creating ? null : editing}
        isSelf={editing === me?.id}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
    </>
  );
}
