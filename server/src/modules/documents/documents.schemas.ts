import { z } from 'zod';
import { IsoDate, Name, OptionalName, QueryText, Uuid } from '../../platform/schemas.js';
import { LINK_RELATIONS } from './documents.service.js';

const Text = OptionalName;

export const DocumentSummary = z.object({
  id: Uuid,
  system: z.string().nullable(),
  typeName: z.string().nullable(),
  typeCode: z.string().nullable(),
  number: z.string().nullable(),
  symbol: z.string().nullable(),
  issuerCode: z.string().nullable(),
  issuer: z.string().nullable(),
  issuerUnit: z.object({ id: Uuid, name: z.string() }).nullable(),
  place: z.string().nullable(),
  date: z.string().nullable(),
  title: z.string(),
  respondWithinDays: z.number().nullable(),
  planId: Uuid.nullable(),
  file: z.object({ name: z.string(), size: z.number(), contentType: z.string() }).nullable(),
  /** Optimistic concurrency: send it back with an edit (409 stale_version when it changed). */
  version: z.number().int(),
  /** What the viewer may do with this document (platform/access.ts authorize()). */
  actions: z.array(z.string()),
});

const Link = z.object({ id: Uuid, relation: z.string(), document: DocumentSummary });

export const DocumentDetail = DocumentSummary.extend({
  references: z.array(
    z.object({
      asWritten: z.string(),
      symbol: z.string().nullable(),
      date: z.string().nullable(),
      relation: z.string(),
      documentId: Uuid.nullable(),
    }),
  ),
  links: z.object({ outgoing: z.array(Link), incoming: z.array(Link) }),
});

export const DocumentQuery = z.object({
  q: QueryText(200).optional(),
  system: z.enum(['party', 'state']).optional(),
  typeCode: QueryText(20).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const DocumentBody = z
  .object({
    system: z.enum(['party', 'state']).nullish(),
    typeName: Text(100),
    typeCode: Text(20),
    number: Text(20),
    symbol: Text(100),
    issuerCode: Text(50),
    issuer: Text(300),
    issuerUnitId: Uuid.nullish(),
    place: Text(100),
    date: IsoDate.nullish(),
    title: Name(2000),
    respondWithinDays: z.number().int().min(1).max(3650).nullish(),
  })
  .strict();

/** An edit: any fields of a document, and the version it was made from. */
export const DocumentPatch = DocumentBody.partial()
  .extend({ version: z.number().int().min(1).max(2_147_483_647).optional() })
  .strict();

export const LinkBody = z.object({ toDocumentId: Uuid, relation: z.enum(LINK_RELATIONS) }).strict();

export const SymbolInfo = z.object({
  symbol: z.string(),
  number: z.string().nullable(),
  typeCode: z.string().nullable(),
  typeName: z.string().nullable(),
  issuerCode: z.string().nullable(),
  system: z.enum(['party', 'state']).nullable(),
  year: z.string().nullable(),
});

/** One expected unit of a document's coverage: its status and its answer, if any. */
export const CoverageUnit = z
  .object({
    unit: z.object({ id: Uuid, name: z.string() }),
    status: z.enum(['issued', 'late', 'missing', 'overdue']),
    document: z.object({ id: Uuid, symbol: z.string().nullable(), date: z.string().nullable() }).nullable(),
    daysAfterParent: z.number().nullable(),
  })
  .meta({ id: 'CoverageUnit' });

/** Counts of a document's coverage; `missing` counts every unit without an answer, `overdue` included. */
const CoverageCounts = {
  total: z.number().int(),
  issued: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
  overdue: z.number().int(),
};

/** A cascade node's coverage: the counts and the first units of each status (the rest: GET …/coverage). */
export const CoverageSummary = z
  .object({ dueDays: z.number(), ...CoverageCounts, first: z.array(CoverageUnit) })
  .meta({ id: 'CoverageSummary' });

/** A document as a cascade node shows it: what names it and where it leads (the page has the rest). */
export const CascadeDocument = z
  .object({
    id: Uuid,
    typeName: z.string().nullable(),
    symbol: z.string().nullable(),
    /** The issuer's name: its unit's, or as written. */
    issuer: z.string().nullable(),
    date: z.string().nullable(),
    title: z.string(),
    planId: Uuid.nullable(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'CascadeDocument' });

type Node = {
  document: z.infer<typeof CascadeDocument>;
  relation: string;
  children: Node[];
  childCount: number;
  coverage: z.infer<typeof CoverageSummary> | null;
};

export const CascadeNode: z.ZodType<Node> = z
  .lazy(() =>
    z.object({
      document: CascadeDocument,
      relation: z.string(),
      /** Below the requested document, the first 20 by date; `childCount` counts them all. */
      children: z.array(CascadeNode),
      childCount: z.number().int(),
      coverage: CoverageSummary.nullable(),
    }),
  )
  .meta({ id: 'CascadeNode' });

export const CoverageQuery = z
  .object({
    /** `missing`: every unit without an answer (overdue included); `overdue`: only those past due. */
    status: z.enum(['issued', 'late', 'missing', 'overdue']).optional(),
    q: QueryText(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();

export const CoveragePage = z.object({
  /** Null when the document has no territory (nobody is expected to answer it). */
  dueDays: z.number().nullable(),
  ...CoverageCounts,
  items: z.array(CoverageUnit),
  /** Units matching the status and search, over all pages. */
  matching: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
