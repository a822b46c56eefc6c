/**
 * The time the application believes it is. Services take a Clock from `Deps` so that tests can
 * fix "now"; production uses the system clock. Dates are in Vietnam's time zone (UTC+7, no DST).
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
  /** Today's date in Vietnam as an ISO string (YYYY-MM-DD). */
  today(): string;
}

/** Today's date as an ISO string (YYYY-MM-DD) in Vietnam's time zone (UTC+7, no DST). */
export function today(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => today(new Date()),
};

/** A clock that stands still at `at` (tests); `set()` moves it. */
export function fixedClock(at: Date | string): Clock & { set(at: Date | string): void } {
  let instant = new Date(at);
  return {
    now: () => new Date(instant.getTime()),
    today: () => today(instant),
    set: (next) => {
      instant = new Date(next);
    },
  };
}
