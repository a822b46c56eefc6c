import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { assertStrongPassword } from './password-policy.js';

const codeOf = (password: string, username = 'nguyenvana') => {
  try {
    assertStrongPassword(password, username);
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? e.code : 'other';
  }
};

describe('assertStrongPassword', () => {
  it('refuses short, username-bearing, common and repetitive passwords', () => {
    expect(codeOf('ngan-qua')).toBe('password_too_short');
    expect(codeOf('NguyenVanA-2024')).toBe('password_contains_username');
    expect(codeOf('Password123')).toBe('password_too_common');
    expect(codeOf('aaaaaaaaaaaa')).toBe('password_too_common');
    expect(codeOf('abababab12')).toBe('password_too_common');
  });

  it('accepts a long, varied password', () => {
    expect(codeOf('lúa-chín-vàng-đồng')).toBe('ok');
    expect(codeOf('mat-khau-dai-du')).toBe('ok');
  });
});
