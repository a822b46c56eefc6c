import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, dueSteps, FollowupSettings, settingsOf } from './settings.js';

describe('the reminder ladder', () => {
  const steps = (today: string) => dueSteps(DEFAULT_SETTINGS, '2026-03-20', today);

  it('reminds from 3 days before until the deadline, follows up from the day after, asks for an explanation after 7 days', () => {
    expect(steps('2026-03-16')).toEqual([]);
    expect(steps('2026-03-17')).toEqual(['remind']);
    expect(steps('2026-03-20')).toEqual(['remind']);
    expect(steps('2026-03-21')).toEqual(['follow_up']);
    expect(steps('2026-03-26')).toEqual(['follow_up']);
    expect(steps('2026-03-27')).toEqual(['follow_up', 'explain']);
  });

  it('leaves out a step that is off', () => {
    const off = { ...DEFAULT_SETTINGS, followUp: { enabled: false, daysAfter: 1 } };
    expect(dueSteps(off, '2026-03-20', '2026-03-27')).toEqual(['explain']);
  });

  it('refuses an explanation before the follow-up, and falls back to the defaults for a stored shape it no longer knows', () => {
    const wrong = { ...DEFAULT_SETTINGS, explain: { enabled: true, daysAfter: 1 } };
    expect(FollowupSettings.safeParse(wrong).success).toBe(false);
    expect(FollowupSettings.safeParse({ ...DEFAULT_SETTINGS, extra: 1 }).success).toBe(false);
    expect(settingsOf(null)).toEqual(DEFAULT_SETTINGS);
    expect(settingsOf({ remind: 3 })).toEqual(DEFAULT_SETTINGS);
  });
});
