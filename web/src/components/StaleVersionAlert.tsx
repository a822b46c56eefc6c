import { Alert, Button } from 'antd';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';

/** The record as it is now, when an edit was refused because someone else changed it first. */
export function staleCurrent<T>(error: unknown): T | null {
  if (!(error instanceof ApiError) || error.code !== 'stale_version') return null;
  const current = error.problem.current;
  return current && typeof current === 'object' ? (current as T) : null;
}

export interface StaleField<T> {
  label: string;
  value: (current: T) => string | number | null | undefined;
}

/**
 * 409 stale_version: says (in the server's words) that someone else changed the record, shows
 * the current values, and offers to load them into the form. Nothing is overwritten silently:
 * the next save is made from the version the user has now seen.
 */
export function StaleVersionAlert<T>({
  error,
  fields,
  onReload,
}: {
  error: unknown;
  fields: StaleField<T>[];
  onReload: (current: T) => void;
}) {
  const { t } = useI18n();
  const current = staleCurrent<T>(error);
  if (!current) return null;
  const shown = (value: string | number | null | undefined) =>
    value === null || value === undefined || value === '' ? t('stale.empty') : String(value);
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="stale-version"
      title={t('stale.title')}
      description={
        <>
          <p>{error instanceof ApiError ? error.detail : null}</p>
          <p>{t('stale.help')}</p>
          <ul className="tk-stale-values">
            {fields.map((field) => (
              <li key={field.label}>
                {field.label}: <strong>{shown(field.value(current))}</strong>
              </li>
            ))}
          </ul>
          <Button onClick={() => onReload(current)} data-testid="stale-reload">
            {t('stale.reload')}
          </Button>
        </>
      }
    />
  );
}
