import { type Actor, authorize, can, type ObligationObject } from '../../platform/access.js';

interface Placed {
  unitPath: string;
  reviewerPath: string | null;
}

/** The obligation as an access object; a plan line with no unit above is reviewed by nobody but its own. */
const object = (o: Placed): ObligationObject => ({
  type: 'obligation',
  unitPath: o.unitPath,
  reviewerPath: o.reviewerPath ?? o.unitPath,
});

/**
 * Reminders and letters through `authorize()`: the reminder log is read like the report
 * (`report.read`: the unit that owes and the level that receives); the request for explanation
 * is written, downloaded and issued by the level that receives (`report.review`, the rule of
 * `extension.decide`), and read by the unit once it is issued. Notifications are one's own
 * (the service filters by the session's user). Follow-up settings: plans.policy.
 */
export const remindersPolicy = {
  assertCanReadLog: (actor: Actor, o: Placed) => authorize(actor, 'report.read', object(o)),
  canReview: (actor: Actor, o: Placed) => can(actor, 'report.review', object(o)),
  assertCanReview: (actor: Actor, o: Placed) => authorize(actor, 'report.review', object(o)),
  /** A draft is the reviewers'; an issued letter is also the unit's to read. */
  assertCanReadLetter: (actor: Actor, o: Placed, issued: boolean) =>
    issued && can(actor, 'report.read', object(o)) ? undefined : authorize(actor, 'report.review', object(o)),
};
