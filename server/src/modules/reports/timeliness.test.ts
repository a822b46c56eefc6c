import { describe, expect, it } from 'vitest';
import { timeliness } from './timeliness.js';

describe('timeliness', () => {
  const due = { due_on: '2026-03-05', extended_due_on: null };
  const extended = { due_on: '2026-03-05', extended_due_on: '2026-03-12' };

  it('judges the first submission by its date in Vietnam', () => {
    // 2026-03-05 23:30 in Vietnam is 16:30 UTC: still on time.
    expect(timeliness(due, new Date('2026-03-05T16:30:00Z'), '2026-04-01')).toMatchObject({
      submittedOn: '2026-03-05',
      original: 'on_time',
      granted: 'on_time',
    });
    // 2026-03-06 00:30 in Vietnam is 17:30 UTC on the 5th: late.
    expect(timeliness(due, new Date('2026-03-05T17:30:00Z'), '2026-04-01')).toMatchObject({
      submittedOn: '2026-03-06',
      original: 'late',
    });
  });

  it('counts against both the original and the granted deadline', () => {
    const answer = timeliness(extended, new Date('2026-03-10T03:00:00Z'), '2026-04-01');
    expect(answer).toEqual({ submittedOn: '2026-03-10', original: 'late', granted: 'on_time', deadline: '2026-03-12' });
    expect(timeliness(extended, new Date('2026-03-13T03:00:00Z'), '2026-04-01').granted).toBe('late');
  });

  it('without a submission: pending until the deadline, overdue after it', () => {
    expect(timeliness(due, null, '2026-03-05')).toMatchObject({ original: 'pending', granted: 'pending' });
    expect(timeliness(due, null, '2026-03-06')).toMatchObject({ original: 'overdue', granted: 'overdue' });
    expect(timeliness(extended, null, '2026-03-06')).toMatchObject({ original: 'overdue', granted: 'pending' });
  });
});
