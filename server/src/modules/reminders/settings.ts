import { z } from 'zod';

/**
 * The reminder ladder of one plan (`plan.followup_settings`, null = the defaults). Days are
 * calendar days counted from the obligation's effective deadline (`coalesce(extended_due_on,
 * due_on)`): nhắc `remind.daysBefore` days before it, đôn đốc `followUp.daysAfter` days after it
 * while nothing is submitted, then yêu cầu giải trình `explain.daysAfter` days after it — a letter
 * drafted for the receiving level. docs/followup.md "Reminders and escalation".
 */
export const FollowupSettings = z
  .object({
    remind: z.object({ enabled: z.boolean(), daysBefore: z.number().int().min(0).max(30) }),
    followUp: z.object({ enabled: z.boolean(), daysAfter: z.number().int().min(0).max(60) }),
    explain: z.object({ enabled: z.boolean(), daysAfter: z.number().int().min(1).max(90) }),
    channels: z.object({ inApp: z.boolean(), email: z.boolean() }),
  })
  .strict()
  .refine((s) => !s.followUp.enabled || !s.explain.enabled || s.explain.daysAfter > s.followUp.daysAfter, {
    message: 'explain.daysAfter must be later than followUp.daysAfter',
    path: ['explain', 'daysAfter'],
  });
export type FollowupSettings = z.infer<typeof FollowupSettings>;

export const DEFAULT_SETTINGS: FollowupSettings = {
  remind: { enabled: true, daysBefore: 3 },
  followUp: { enabled: true, daysAfter: 1 },
  explain: { enabled: true, daysAfter: 7 },
  channels: { inApp: true, email: true },
};

/** How far back the scan looks for overdue obligations (the longest `explain.daysAfter` + slack). */
export const LOOK_BACK_DAYS = 120;
/** How far ahead (the longest `remind.daysBefore`). */
export const LOOK_AHEAD_DAYS = 30;

/** A stored value, or the defaults when it is null or no longer fits the shape. */
export function settingsOf(stored: unknown): FollowupSettings {
  const parsed = FollowupSettings.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export type Step = 'remind' | 'follow_up' | 'explain';

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The steps due on `today` for an obligation whose effective deadline is `deadline`: nhắc from
 * its day until the deadline itself (never after: a reminder "before the deadline" that arrives
 * late is a follow-up), đôn đốc and giải trình from their day on.
 */
export function dueSteps(settings: FollowupSettings, deadline: string, today: string): Step[] {
  const steps: Step[] = [];
  if (settings.remind.enabled && addDays(deadline, -settings.remind.daysBefore) <= today && today <= deadline) {
    steps.push('remind');
  }
  if (settings.followUp.enabled && addDays(deadline, settings.followUp.daysAfter) <= today && today > deadline) {
    steps.push('follow_up');
  }
  if (settings.explain.enabled && addDays(deadline, settings.explain.daysAfter) <= today) steps.push('explain');
  return steps;
}
