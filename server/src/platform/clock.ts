/** Today's date as an ISO string (YYYY-MM-DD) in Vietnam's time zone (UTC+7, no DST). */
export function today(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
