import { describe, expect, it } from 'vitest';
import { owers, reviewers } from './ladder.js';
import type { ObligationContext } from './reminders.repository.js';

const commune = { unitPath: '/p/d/c/u/', reviewerPath: '/p/d/b/' } as ObligationContext;
const grant = (userId: string, role: string, path: string) => ({
  userId,
  role,
  path,
  depth: path.split('/').length - 2,
});

describe('who is told', () => {
  const grants = [
    grant('officer', 'unit_officer', '/p/d/c/'),
    grant('head', 'unit_head', '/p/d/c/'),
    grant('district-head', 'unit_head', '/p/d/'),
    grant('viewer', 'viewer', '/p/d/c/'),
    grant('district-monitor', 'monitor', '/p/d/'),
    grant('province-monitor', 'monitor', '/p/'),
    grant('commune-monitor', 'monitor', '/p/d/c/'),
  ];

  it('reminds the officers and heads nearest the unit, not a head of the whole district', () => {
    expect(owers(commune, grants).sort()).toEqual(['head', 'officer']);
  });

  it('escalates to the monitors of the receiving level, not the province above nor the commune itself', () => {
    expect(reviewers(commune, grants)).toEqual(['district-monitor']);
    expect(reviewers({ ...commune, reviewerPath: null }, grants)).toEqual([]);
  });
});
