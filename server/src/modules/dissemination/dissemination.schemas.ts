import { z } from 'zod';
import { IsoDate, Name, QueryBool, Text, Uuid } from '../../platform/schemas.js';

/** The forms a session takes; labels are in the web app's i18n (`dissemination.form.*`). */
export const FORMS = ['conference', 'online', 'loudspeaker', 'printed', 'other'] as const;
export const Form = z.enum(FORMS);

/** Far above any session (a province-wide broadcast); beyond it is a typing error, 400. */
export const MAX_PARTICIPANTS = 10_000_000;
const Count = z.number().int().min(0).max(MAX_PARTICIPANTS);

export const Participants = z.object({
  cadres: Count,
  partyMembers: Count,
  associationMembers: Count,
  people: Count,
});

const Optional = (max: number) => Text(max).nullish();

export const CreateSessionBody = z.object({
  unitId: Uuid,
  heldOn: IsoDate,
  form: Form,
  title: Name(500),
  participants: Participants,
  materials: Optional(4000),
  note: Optional(4000),
});

export const EditSessionBody = z.object({
  /** The version the edit was made from (409 `stale_version` when it moved on). */
  version: z.number().int().min(1).max(2_147_483_647),
  heldOn: IsoDate.optional(),
  form: Form.optional(),
  title: Name(500).optional(),
  participants: Participants.optional(),
  materials: Optional(4000),
  note: Optional(4000),
});

export const WithdrawBody = z.object({
  version: z.number().int().min(1).max(2_147_483_647),
  reason: Optional(2000),
});

const Ref = z.object({ id: Uuid, name: z.string() });
const Person = z.object({ id: Uuid, name: z.string() }).nullable();

export const Session = z.object({
  id: Uuid,
  planId: Uuid,
  unit: Ref,
  heldOn: z.string(),
  form: Form,
  title: z.string(),
  participants: Participants,
  materials: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdBy: Person,
  updatedAt: z.string(),
  withdrawn: z.object({ at: z.string(), by: Person, reason: z.string().nullable() }).nullable(),
  version: z.number().int(),
  /** `dissemination.write` when the viewer may edit or withdraw it. */
  actions: z.array(z.string()),
});

export const Totals = z.object({
  sessions: z.number().int(),
  participants: z.object({
    cadres: z.number(),
    partyMembers: z.number(),
    associationMembers: z.number(),
    people: z.number(),
    total: z.number(),
  }),
});

const Page = { total: z.number().int(), limit: z.number().int(), offset: z.number().int() };

export const RollupUnit = z.object({
  unit: Ref.extend({ kind: z.string(), depth: z.number().int(), parentId: Uuid.nullable() }),
  /** Sessions recorded by this unit itself. */
  own: Totals,
  /** Sessions recorded by this unit and every unit below it, each session once. */
  total: Totals,
});

export const Rollup = z.object({
  plan: z.object({ id: Uuid, title: z.string(), symbol: z.string().nullable(), issuedOn: z.string().nullable() }),
  /** Every session the viewer may see, each once. */
  totals: Totals,
  /** Units expected to disseminate (visible to the viewer): how many, how many did. */
  expected: z.object({ total: z.number().int(), done: z.number().int() }),
  units: z.object({ items: z.array(RollupUnit), ...Page }),
  pending: z.object({ items: z.array(Ref.extend({ reason: z.enum(['assigned', 'cascade', 'both']) })), ...Page }),
  /** Units the viewer may record a session for (expected units and the viewer's home unit). */
  recordable: z.array(Ref),
});

export const RollupQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
  pendingLimit: z.coerce.number().int().min(1).max(500).default(50),
  pendingOffset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
});

export const SessionsQuery = z.object({
  unitId: Uuid.optional(),
  includeWithdrawn: QueryBool,
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
});

export const SessionPage = z.object({ items: z.array(Session), ...Page });
