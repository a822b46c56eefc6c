import { describe, expect, it } from 'vitest';
import {
  type Actor,
  ANYWHERE,
  allowedActions,
  authorize,
  can,
  canReadPath,
  DIRECTORY,
  type Grant,
  globalActions,
  readablePrefixes,
  unitObject,
} from './access.js';

const grant = (role: Grant['role'], unitPath: string | null): Grant => ({
  role,
  unitId: unitPath ? 'x' : null,
  unitPath,
  unitName: null,
});
const actor = (...grants: Grant[]): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  homeUnitId: null,
  grants,
});
const doc = (issuerPath: string | null, scopePath: string | null = issuerPath) =>
  ({ type: 'document', issuerPath, scopePath }) as const;
const plan = (ownerPath: string, scopePath: string, assigneePaths?: string[]) =>
  ({ type: 'plan', ownerPath, scopePath, ...(assigneePaths ? { assigneePaths } : {}) }) as const;

describe('access', () => {
  it('a grant covers the unit and its subtree, not its siblings', () => {
    const officer = actor(grant('unit_officer', '/p/d/c1/'));
    expect(canReadPath(officer, '/p/d/c1/')).toBe(true);
    expect(canReadPath(officer, '/p/d/c1/hlhpn/')).toBe(true);
    expect(canReadPath(officer, '/p/d/c2/')).toBe(false);
    expect(canReadPath(officer, '/p/d/c10/')).toBe(false);
    expect(readablePrefixes(officer)).toEqual(['/p/d/c1/']);
  });

  it('plans of the territories above concern a commune; a sibling commune’s do not', () => {
    const officer = actor(grant('unit_officer', '/p/d/c1/'));
    expect(can(officer, 'plan.read', plan('/p/d/hu/', '/p/d/'))).toBe(true);
    expect(can(officer, 'plan.read', plan('/p/tu/', '/p/'))).toBe(true);
    expect(can(officer, 'plan.read', plan('/p/d/c2/du/', '/p/d/c2/'))).toBe(false);
  });

  it('the administrator reads everything and alone manages the directory', () => {
    const admin = actor(grant('admin', null));
    expect(readablePrefixes(admin)).toBeNull();
    expect(canReadPath(admin, '/anything/')).toBe(true);
    expect(can(admin, 'level.manage', DIRECTORY)).toBe(true);
    expect(can(actor(grant('monitor', '/p/d/')), 'level.manage', DIRECTORY)).toBe(false);
    expect(can(actor(grant('monitor', '/p/d/')), 'audit.read', DIRECTORY)).toBe(false);
    // An administrator of one district manages its units, not the levels or the users of the country.
    const districtAdmin = actor(grant('admin', '/p/d/'));
    expect(can(districtAdmin, 'unit.manage', unitObject('/p/d/c1/'))).toBe(true);
    expect(can(districtAdmin, 'unit.manage', unitObject('/p/d2/'))).toBe(false);
    expect(can(districtAdmin, 'user.manage', DIRECTORY)).toBe(false);
  });

  it('the capability and the coverage must come from the same grant', () => {
    // Monitor in commune A, viewer in commune B.
    const twoGrants = actor(grant('monitor', '/p/d/a/'), grant('viewer', '/p/d/b/'));
    expect(can(twoGrants, 'document.read', doc('/p/d/b/du/', '/p/d/b/'))).toBe(true);
    expect(can(twoGrants, 'document.create', doc('/p/d/a/du/', '/p/d/a/'))).toBe(true);
    expect(can(twoGrants, 'document.create', doc('/p/d/b/du/', '/p/d/b/'))).toBe(false);
    expect(can(twoGrants, 'plan.create', plan('/p/d/b/du/', '/p/d/b/'))).toBe(false);
    expect(can(twoGrants, 'plan.create', plan('/p/d/a/du/', '/p/d/a/', ['/p/d/b/hlhpn/']))).toBe(false);
    expect(can(twoGrants, 'plan.create', plan('/p/d/a/du/', '/p/d/a/', ['/p/d/a/hlhpn/']))).toBe(true);
    expect(() => authorize(twoGrants, 'document.write', doc('/p/d/b/du/'))).toThrow(
      expect.objectContaining({ code: 'not_granted_here' }),
    );
    expect(() => authorize(twoGrants, 'document.read', doc('/p/d/c/du/'))).toThrow(
      expect.objectContaining({ code: 'out_of_scope' }),
    );
    expect(() => authorize(actor(grant('viewer', '/p/d/')), 'document.write', doc('/p/d/b/du/'))).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
  });

  it('a district monitor writes its district’s documents, not the province’s nor the centre’s', () => {
    const monitor = actor(grant('monitor', '/p/d/'));
    expect(can(monitor, 'document.read', doc('/p/tu/', '/p/'))).toBe(true);
    expect(can(monitor, 'document.write', doc('/p/tu/', '/p/'))).toBe(false);
    expect(can(monitor, 'document.attach', doc('/p/tu/', '/p/'))).toBe(false);
    expect(can(monitor, 'document.read', doc(null))).toBe(true);
    expect(can(monitor, 'document.write', doc(null))).toBe(false);
    expect(can(actor(grant('admin', null)), 'document.write', doc(null))).toBe(true);
    expect(allowedActions(monitor, ['document.read', 'document.write'], doc('/p/d/hu/', '/p/d/'))).toEqual([
      'document.read',
      'document.write',
    ]);
    // A user without grants reads central documents only.
    expect(can(actor(), 'document.read', doc(null))).toBe(true);
    expect(can(actor(), 'document.read', doc('/p/d/c1/du/', '/p/d/c1/'))).toBe(false);
  });

  it('list-level actions: what the user may do somewhere', () => {
    expect(globalActions(actor(grant('monitor', '/p/d/')))).toEqual(['document.create', 'plan.import', 'plan.create']);
    expect(globalActions(actor(grant('viewer', '/p/d/')))).toEqual([]);
    expect(globalActions(actor(grant('admin', null)))).toEqual([
      'document.create',
      'plan.import',
      'plan.create',
      'unit.create',
      'level.manage',
      'user.manage',
      'audit.read',
      'job.manage',
      'indicator.catalogue',
    ]);
    expect(can(actor(grant('viewer', '/p/')), 'plan.import', ANYWHERE)).toBe(false);
  });
});
