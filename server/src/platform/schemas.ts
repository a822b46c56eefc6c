import { z } from 'zod';
import { isStorableText, normalizeName, normalizeText } from './text.js';

/** Shared request/response pieces. Every route takes its dates, texts and names from here. */

/** The years a date may carry: documents of the Party and the State, past and planned. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/**
 * A real calendar date "YYYY-MM-DD" (no 2024-02-30, no "tomorrow") in MIN_YEAR..MAX_YEAR
 * (no 0000-01-01, no 99999-01-01).
 */
export const IsoDate = z.iso.date().refine(
  (value) => {
    const year = Number(value.slice(0, 4));
    return year >= MIN_YEAR && year <= MAX_YEAR;
  },
  { message: `năm từ ${MIN_YEAR} đến ${MAX_YEAR} / year ${MIN_YEAR}–${MAX_YEAR}` },
);

const NOT_STORABLE = { message: 'chứa ký tự NUL hoặc ký tự UTF-16 lẻ / contains a NUL or an unpaired surrogate' };

/** Any text that reaches the database or a query: no NUL byte, no lone surrogate (400). */
export const SafeString = z.string().refine(isStorableText, NOT_STORABLE);

/** A query-string search text. */
export const QueryText = (max = 200) => SafeString.max(max);

/** Running text (task text, objectives): NFC, invisible and control characters removed, lines kept. */
export const Text = (max: number) => z.string().overwrite(normalizeText).refine(isStorableText, NOT_STORABLE).max(max);

/**
 * A stored name or title: normalizeName (NFC, no zero-width or control characters, white space
 * collapsed, trimmed), then at least one character (400 when only invisible characters were sent).
 */
export const Name = (max: number) =>
  z.string().overwrite(normalizeName).refine(isStorableText, NOT_STORABLE).min(1).max(max);

/** An optional name (the service stores an empty one as null). */
export const OptionalName = (max: number) =>
  z.string().overwrite(normalizeName).refine(isStorableText, NOT_STORABLE).max(max).nullish();

export const Uuid = z.uuid();
export const IdParams = z.object({ id: Uuid });
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.string(),
  detail: z.string(),
  fields: z.array(z.string()).optional(),
});
/** Query-string booleans: "true"/"1" are true. */
export const QueryBool = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');
export const NonBlank = Name(500);
