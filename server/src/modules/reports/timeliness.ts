import { today as vietnamDate } from '../../platform/clock.js';

/**
 * Whether a report came on time, judged on its FIRST submission (a report returned and
 * resubmitted keeps the date it first reached the level above), against two deadlines: the one
 * computed when the obligation was made (`due_on`) and the one in force after a granted
 * extension (`extended_due_on`, or `due_on` when none was granted).
 *
 * - `on_time`: first submitted on or before the deadline (the date in Vietnam, UTC+7);
 * - `late`: first submitted after it;
 * - `overdue`: not submitted and today (in Vietnam) is after the deadline;
 * - `pending`: not submitted, deadline not passed.
 */
export type Timeliness = 'on_time' | 'late' | 'overdue' | 'pending';

export interface TimelinessAnswer {
  /** The date (Vietnam) of the first submission, or null. */
  submittedOn: string | null;
  /** Against the original deadline. */
  original: Timeliness;
  /** Against the deadline in force (the granted extension when there is one). */
  granted: Timeliness;
  /** The deadline in force. */
  deadline: string;
}

function judge(submittedOn: string | null, deadline: string, today: string): Timeliness {
  if (submittedOn !== null) return submittedOn <= deadline ? 'on_time' : 'late';
  return today > deadline ? 'overdue' : 'pending';
}

export function timeliness(
  obligation: { due_on: string; extended_due_on: string | null },
  firstSubmittedAt: Date | null,
  today: string,
): TimelinessAnswer {
  const submittedOn = firstSubmittedAt ? vietnamDate(firstSubmittedAt) : null;
  const deadline = obligation.extended_due_on ?? obligation.due_on;
  return {
    submittedOn,
    original: judge(submittedOn, obligation.due_on, today),
    granted: judge(submittedOn, deadline, today),
    deadline,
  };
}
