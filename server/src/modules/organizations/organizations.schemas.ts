import { z } from 'zod';
import { IsoDate, NonBlank, QueryBool, Uuid } from '../../platform/schemas.js';

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
});

const Succession = z.object({ id: Uuid, name: z.string(), kind: z.string(), effectiveOn: z.string() });

export const UnitDetail = UnitSummary.extend({
  ancestors: z.array(z.object({ id: Uuid, name: z.string() })),
  children: z.array(UnitSummary),
  predecessors: z.array(Succession),
  successors: z.array(Succession),
});

export const UnitListQuery = z.object({
  q: z.string().max(200).optional(),
  level: z.string().max(50).optional(),
  kind: z.string().max(50).optional(),
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
const Aliases = z.array(z.string().max(300)).max(50);

export const CreateUnitBody = z.object({
  code: Code.nullish(),
  parentId: Uuid.nullable(),
  kind: z.string().min(1).max(50),
  level: z.string().min(1).max(50),
  name: NonBlank,
  shortName: z.string().max(200).nullish(),
  aliases: Aliases.optional(),
  validFrom: IsoDate.nullish(),
});

export const UpdateUnitBody = z
  .object({
    code: Code.nullish(),
    kind: z.string().min(1).max(50),
    level: z.string().min(1).max(50),
    name: NonBlank,
    shortName: z.string().max(200).nullish(),
    aliases: Aliases,
    validFrom: IsoDate.nullish(),
  })
  .partial()
  .strict();

export const MoveUnitBody = z.object({ parentId: Uuid.nullable() }).strict();
export const CloseUnitBody = z
  .object({ validTo: IsoDate, successorId: Uuid.optional(), note: z.string().max(1000).optional() })
  .strict();

export const Level = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  rank: z.number(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
});
export const SaveLevelBody = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
    nameVi: NonBlank,
    nameEn: NonBlank,
    rank: z.number().int().min(0).max(1000),
    validFrom: IsoDate.nullish(),
    validTo: IsoDate.nullish(),
  })
  .strict();
export const Kind = z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string(), system: z.string() });
