/**
 * Where a signed-in user lands: a unit's officer or head on "Việc cần làm" (/todo), everyone
 * else — leaders, monitors, viewers, the administrator — on their home (/home).
 */
export function landingPath(me: { grants: readonly { role: string }[] } | null | undefined): string {
  return me?.grants.some((g) => g.role === 'unit_officer' || g.role === 'unit_head') ? '/todo' : '/home';
}
