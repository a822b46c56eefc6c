import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.js';

const byIp = (ip: string) => [{ key: `ip:${ip}`, limit: 10 }];

describe('LoginThrottle', () => {
  it('reserves ten attempts a minute and refuses the eleventh until the window moves', () => {
    const throttle = new LoginThrottle(60_000);
    const t0 = 1_000_000;
    for (let i = 0; i < 10; i++) expect(throttle.reserve(byIp('1.2.3.4'), t0 + i).ok).toBe(true);
    expect(throttle.reserve(byIp('1.2.3.4'), t0 + 10)).toEqual({ ok: false, retryAfter: 60 });
    expect(throttle.reserve(byIp('5.6.7.8'), t0 + 10).ok).toBe(true);
    expect(throttle.reserve(byIp('1.2.3.4'), t0 + 60_001).ok).toBe(true);
  });

  it('counts an attempt before its outcome is known: pending attempts fill the window', () => {
    const throttle = new LoginThrottle(60_000);
    // Fifty attempts started together, none finished yet: only ten get through.
    const results = Array.from({ length: 50 }, () => throttle.reserve(byIp('1.2.3.4'), 5_000));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
  });

  it('a successful attempt releases its reservation on every key', () => {
    const throttle = new LoginThrottle(60_000);
    const keys = [
      { key: 'ip:1.2.3.4', limit: 2 },
      { key: 'user:admin', limit: 3 },
    ];
    for (let i = 0; i < 5; i++) {
      const r = throttle.reserve(keys, 1_000 + i);
      expect(r.ok).toBe(true);
      if (r.ok) r.release();
    }
    expect(throttle.reserve(keys, 2_000).ok).toBe(true);
  });

  it('refuses when the username is at its limit, whatever the address', () => {
    const throttle = new LoginThrottle(60_000);
    for (let i = 0; i < 3; i++) {
      expect(
        throttle.reserve(
          [
            { key: `ip:10.0.0.${i}`, limit: 10 },
            { key: 'user:admin', limit: 3 },
          ],
          1_000,
        ).ok,
      ).toBe(true);
    }
    const refused = throttle.reserve(
      [
        { key: 'ip:10.0.0.9', limit: 10 },
        { key: 'user:admin', limit: 3 },
      ],
      1_000,
    );
    expect(refused.ok).toBe(false);
    // The refused attempt reserved nothing on its address.
    for (let i = 0; i < 10; i++) expect(throttle.reserve([{ key: 'ip:10.0.0.9', limit: 10 }], 1_000).ok).toBe(true);
  });
});
