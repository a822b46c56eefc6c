import { DatePicker } from 'antd';
import dayjs from 'dayjs';

export const DATE_FORMAT = 'DD/MM/YYYY';

/** A date picker whose value is an ISO date string (`2025-03-07`) or null, for forms that keep JSON. */
export function IsoDatePicker({
  value,
  onChange,
  id,
  placeholder,
  allowClear = true,
  testId,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
  placeholder?: string;
  allowClear?: boolean;
  testId?: string;
}) {
  const parsed = value ? dayjs(value) : null;
  return (
    <DatePicker
      id={id}
      value={parsed?.isValid() ? parsed : null}
      onChange={(next) => onChange?.(next ? next.format('YYYY-MM-DD') : null)}
      format={DATE_FORMAT}
      placeholder={placeholder}
      allowClear={allowClear}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
