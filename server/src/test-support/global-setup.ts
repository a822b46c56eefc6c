import { setupPostgresTemplates } from './db.js';

/** With TEST_DATABASE_URL, database tests also run on a real PostgreSQL server. */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return undefined;
  return setupPostgresTemplates(url);
}
