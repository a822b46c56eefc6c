import { AppError } from '../../platform/errors.js';

export const MIN_PASSWORD_LENGTH = 10;

/** Passwords of ten characters or more that are still first guesses (folded to lower case). */
const COMMON = new Set([
  '1234567890',
  '0123456789',
  '12345678910',
  '123456789a',
  'a123456789',
  'qwertyuiop',
  'asdfghjkl;',
  'password12',
  'password123',
  'password1234',
  'matkhau123',
  'matkhau1234',
  'matkhaumoi',
  'admin12345',
  'admin123456',
  'abcdefghij',
  'abc1234567',
  'iloveyou12',
  'trienkhai123',
  'vietnam123',
  'vietnam1234',
]);

/**
 * Refuses a weak password with a Vietnamese reason: too short, contains the username, a well-
 * known first guess, or fewer than five different characters ("aaaaaaaaaa", "abababab12").
 */
export function assertStrongPassword(password: string, username: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new AppError(400, 'password_too_short', { min: MIN_PASSWORD_LENGTH });
  }
  const folded = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && folded.includes(name)) throw new AppError(400, 'password_contains_username');
  if (COMMON.has(folded) || new Set(folded).size < 5) throw new AppError(400, 'password_too_common');
}
