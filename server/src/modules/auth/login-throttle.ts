/**
 * Counts sign-in attempts per key (the client address, and the username tried) over a sliding
 * window. An attempt is RESERVED before the password is checked — synchronously, with no await
 * between the check and the count — so parallel requests cannot all slip under the limit while
 * the first ones are still hashing. A successful sign-in releases its reservation; a failed one
 * keeps it. When any key of an attempt is at its limit, the attempt is refused with the seconds
 * until the oldest counted attempt leaves the window. In memory: one process.
 */
export interface ThrottleKey {
  key: string;
  limit: number;
}

export type Reservation = { ok: true; release(): void } | { ok: false; retryAfter: number };

const SWEEP_AT = 10_000;

export class LoginThrottle {
  private readonly attempts = new Map<string, number[]>();
  constructor(private readonly windowMs = 60_000) {}

  /** Reserves one attempt on every key at once, or refuses when any key is at its limit. */
  reserve(keys: ThrottleKey[], now = Date.now()): Reservation {
    if (this.attempts.size > SWEEP_AT) this.sweep(now);
    let wait = 0;
    for (const { key, limit } of keys) {
      const recent = this.recent(key, now);
      if (recent.length >= limit) {
        const oldest = recent[recent.length - limit] ?? now;
        wait = Math.max(wait, Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)));
      }
    }
    if (wait > 0) return { ok: false, retryAfter: wait };
    for (const { key } of keys) {
      const recent = this.attempts.get(key) ?? [];
      recent.push(now);
      this.attempts.set(key, recent);
    }
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        for (const { key } of keys) {
          const recent = this.attempts.get(key);
          const at = recent?.indexOf(now) ?? -1;
          if (recent && at >= 0) recent.splice(at, 1);
          if (recent?.length === 0) this.attempts.delete(key);
        }
      },
    };
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.attempts.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (kept.length === 0) this.attempts.delete(key);
    else this.attempts.set(key, kept);
    return kept;
  }

  private sweep(now: number): void {
    for (const key of [...this.attempts.keys()]) this.recent(key, now);
  }
}
