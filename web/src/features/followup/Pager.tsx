import { Button } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';

/**
 * Previous / next and "page x of y": antd's Pagination brings a Select and its icons (≈ 40 kB
 * gzip) into the first screen after login; this is what these lists need.
 */
export function Pager({
  page,
  pageSize,
  total,
  onChange,
}: {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number) => void;
}) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="tk-followup-pager" aria-label={t('followup.pager')}>
      <Button size="small" disabled={page <= 1} onClick={() => onChange(page - 1)}>
        {t('followup.pager.previous')}
      </Button>
      <span data-testid="pager-position">{t('followup.pager.position', { page, pages })}</span>
      <Button size="small" disabled={page >= pages} onClick={() => onChange(page + 1)}>
        {t('followup.pager.next')}
      </Button>
    </nav>
  );
}
