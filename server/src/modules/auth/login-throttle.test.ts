import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.js';

describe('LoginThrottle', () => {
  it('allows ten failures a minute and refuses the eleventh attempt until the window moves', () => {
    const throttle = new LoginThrottle(10, 60_000);
    const t0 = 1_000_000;
    for (let i = 0; i < 10; i++) {
      expect(throttle.retryAfter('1.2.3.4', t0 + i)).toBe(0);
      throttle.fail('1.2.3.4', t0 + i);
    }
    expect(throttle.retryAfter('1.2.3.4', t0 + 10)).toBe(60);
    expect(throttle.retryAfter('5.6.7.8', t0 + 10)).toBe(0);
    expect(throttle.retryAfter('1.2.3.4', t0 + 60_001)).toBe(0);
  });
});
