import { type Actor, allowedActions, authorize, type ObligationObject } from '../../platform/access.js';

interface Placed {
  unit_path: string;
  reviewer_path: string;
}

const object = (o: Placed): ObligationObject => ({
  type: 'obligation',
  unitPath: o.unit_path,
  reviewerPath: o.reviewer_path,
});

export const REPORT_ACTIONS = [
  'report.read',
  'report.write',
  'report.submit',
  'report.review',
  'extension.request',
  'extension.decide',
] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

/**
 * Reports through `authorize()` (platform/access.ts): the unit that owes drafts (`report.write`:
 * officer and head) and submits (`report.submit`: the head); the level that receives reviews and
 * decides extensions (`report.review`, `extension.decide`: a monitor covering the receiving unit
 * and not inside the reporting unit). Reading: the unit's readers and the receiving level's.
 */
export const reportsPolicy = {
  assertCanRead: (actor: Actor, o: Placed) => authorize(actor, 'report.read', object(o)),
  assertCanWrite: (actor: Actor, o: Placed) => authorize(actor, 'report.write', object(o)),
  assertCanSubmit: (actor: Actor, o: Placed) => authorize(actor, 'report.submit', object(o)),
  assertCanReview: (actor: Actor, o: Placed) => authorize(actor, 'report.review', object(o)),
  assertCanRequestExtension: (actor: Actor, o: Placed) => authorize(actor, 'extension.request', object(o)),
  assertCanDecideExtension: (actor: Actor, o: Placed) => authorize(actor, 'extension.decide', object(o)),
  actions: (actor: Actor, o: Placed): ReportAction[] => allowedActions(actor, REPORT_ACTIONS, object(o)),
};
