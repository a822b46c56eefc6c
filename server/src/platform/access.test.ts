import { describe, expect, it } from 'vitest';
import { type Actor, canReadPath, concernsActor, hasCapability, readablePrefixes } from './access.js';

const actor = (role: Actor['grants'][number]['role'], unitPath: string | null): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  homeUnitId: null,
  grants: [{ role, unitId: unitPath ? 'x' : null, unitPath, unitName: null }],
});

describe('access', () => {
  it('a grant covers the unit and its subtree, not its siblings', () => {
    const officer = actor('unit_officer', '/p/d/c1/');
    expect(canReadPath(officer, '/p/d/c1/')).toBe(true);
    expect(canReadPath(officer, '/p/d/c1/hlhpn/')).toBe(true);
    expect(canReadPath(officer, '/p/d/c2/')).toBe(false);
    expect(canReadPath(officer, '/p/d/c10/')).toBe(false);
    expect(readablePrefixes(officer)).toEqual(['/p/d/c1/']);
  });

  it('plans of the units above concern a commune; a sibling commune’s do not', () => {
    const officer = actor('unit_officer', '/p/d/c1/');
    expect(concernsActor(officer, '/p/d/')).toBe(true);
    expect(concernsActor(officer, '/p/')).toBe(true);
    expect(concernsActor(officer, '/p/d/c2/')).toBe(false);
  });

  it('the administrator reads everything and alone manages the directory', () => {
    const admin = actor('admin', null);
    expect(readablePrefixes(admin)).toBeNull();
    expect(canReadPath(admin, '/anything/')).toBe(true);
    expect(hasCapability(admin, 'directory.manage')).toBe(true);
    expect(hasCapability(actor('monitor', '/p/d/'), 'directory.manage')).toBe(false);
    expect(hasCapability(actor('monitor', '/p/d/'), 'audit.read')).toBe(false);
  });
});
