import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_documents.js';
import * as m0003 from './0003_versions.js';
import * as m0004 from './0004_jobs.js';
import * as m0005 from './0005_task_tree.js';
import * as m0006 from './0006_search.js';
import * as m0007 from './0007_grant_identity.js';
import * as m0008 from './0008_text_identity.js';
import * as m0009 from './0009_followup.js';
import * as m0011 from './0011_reports.js';
import * as m0012 from './0012_reminders.js';
import * as m0014 from './0014_dissemination.js';
import * as m0015 from './0015_plan_edit.js';
import * as m0016 from './0016_indicators.js';

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_documents': m0002,
  '0003_versions': m0003,
  '0004_jobs': m0004,
  '0005_task_tree': m0005,
  '0006_search': m0006,
  '0007_grant_identity': m0007,
  '0008_text_identity': m0008,
  '0009_followup': m0009,
  '0011_reports': m0011,
  '0012_reminders': m0012,
  '0014_dissemination': m0014,
  '0015_plan_edit': m0015,
  '0016_indicators': m0016,
};
