import type { Kysely } from 'kysely';
import type { Actor } from '../platform/access.js';
import { loadActor } from '../platform/auth/session.js';
import type { Database } from '../platform/db/schema.js';

/** The actor of a demo user by username (service-level tests). */
export async function actorOf(db: Kysely<Database>, username: string): Promise<Actor> {
  const user = await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const actor = await loadActor(db, user.id);
  if (!actor) throw new Error(`no actor ${username}`);
  return actor;
}

/** Removes every entered figure and its history (a test starting from empty forms). */
export async function clearFigures(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('data_value_history').execute();
  await db.deleteFrom('data_value').execute();
  await db.deleteFrom('data_lock_exception').execute();
}

/**
 * Removes every plan's figures collection and the figures obligations it made (with their
 * reports and reminders, by cascade): a test starting from plans that collect nothing.
 */
export async function clearCollections(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('obligation').where('role', '=', 'figures').execute();
  await db.deleteFrom('figures_collection').execute();
}

/** Every cell of a Party committee form with consistent numbers (women ≤ members, …). */
export function committeeFigures(members = 20, women = 5) {
  return { members, women };
}
