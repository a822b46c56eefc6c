import { z } from 'zod';
import { IsoDate, Name, NonBlank, OptionalName, QueryBool, QueryText, Uuid } from '../../platform/schemas.js';

export const UnitSummary = z.object({
  id: Uuid,
  code: z.string().nullable(),
  parentId: Uuid.nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  aliases: z.array(z.string()),
  kind: z.string(),
  level: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  depth: z.number(),
  isActive: z.boolean(),
  /** Optimistic concurrency: send it back with an edit (409 stale_version when it changed). */
  version: z.number().int(),
  /** What the viewer may do with this unit (platform/access.ts authorize()). */
  actions: z.array(z.string()),
});

const Succession = z.object({ id: Uuid, name: z.string(), kind: z.string(), effectiveOn: z.string() });

export const UnitDetail = UnitSummary.extend({
  ancestors: z.array(z.object({ id: Uuid, name: z.string() })),
  children: z.array(UnitSummary),
  predecessors: z.array(Succession),
  successors: z.array(Succession),
});

export const UnitListQuery = z.object({
  q: QueryText(200).optional(),
  level: QueryText(50).optional(),
  kind: QueryText(50).optional(),
  parentId: Uuid.optional(),
  includeClosed: QueryBool,
  asOf: IsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const Code = z
  .string()
  .trim()
  .max(80)
  .regex(/^[\p{L}\p{N}._-]*$/u);
const Aliases = z.array(Name(300)).max(50);
const Version = z.number().int().min(1).max(2_147_483_647);

export const CreateUnitBody = z.object({
  code: Code.nullish(),
  parentId: Uuid.nullable(),
  kind: z.string().min(1).max(50),
  level: z.string().min(1).max(50),
  name: NonBlank,
  shortName: OptionalName(200),
  aliases: Aliases.optional(),
  validFrom: IsoDate.nullish(),
});

export const UpdateUnitBody = z
  .object({
    code: Code.nullish(),
    kind: z.string().min(1).max(50),
    level: z.string().min(1).max(50),
    name: NonBlank,
    shortName: OptionalName(200),
    aliases: Aliases,
    validFrom: IsoDate.nullish(),
    /** The version the edit was made from (answers carry it). */
    version: Version,
  })
  .partial()
  .strict();

export const MoveUnitBody = z.object({ parentId: Uuid.nullable() }).strict();
export const CloseUnitBody = z
  .object({ validTo: IsoDate, successorId: Uuid.optional(), note: Name(1000).optional() })
  .strict();

export const Level = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  rank: z.number(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  version: z.number().int(),
});
export const SaveLevelBody = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
    nameVi: NonBlank,
    nameEn: NonBlank,
    rank: z.number().int().min(0).max(1000),
    validFrom: IsoDate.nullish(),
    validTo: IsoDate.nullish(),
    version: Version.optional(),
  })
  .strict();
export const Kind = z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string(), system: z.string() });
