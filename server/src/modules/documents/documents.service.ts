import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { type Actor, type Ctx, readablePrefixes } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { type Clock, systemClock } from '../../platform/clock.js';
import { staleVersion } from '../../platform/db/conflicts.js';
import type { Database, Signer } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { FileStore } from '../../platform/files.js';
import { fold, normalizeName, searchTerms } from '../../platform/text.js';
import { LEADING_KINDS, Territory, type TreeUnit } from '../organizations/hierarchy.js';
import { organizationsPolicy } from '../organizations/organizations.policy.js';
import { territoryOf } from '../organizations/organizations.repository.js';
import {
  arrangeTree,
  type CascadeDocument,
  type CascadeEdge,
  type CoverageCounts,
  type CoverageFilter,
  type CoverageStatus,
  countCoverage,
  coverage,
  FIRST_CHILDREN,
  firstPerStatus,
  MAX_CASCADE_DOCUMENTS,
  matchesStatus,
  sortRows,
} from './cascade.js';
import { documentsPolicy as policy } from './documents.policy.js';
import * as repo from './documents.repository.js';
import { describeSymbol } from './symbol-info.js';

type Db = Kysely<Database> | Transaction<Database>;
type Row = NonNullable<Awaited<ReturnType<typeof repo.findDocument>>>;

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const LINK_RELATIONS = ['implements', 'basis', 'cites', 'replaces'] as const;
export type LinkRelation = (typeof LINK_RELATIONS)[number];

export interface DocumentInput {
  system?: 'party' | 'state' | null | undefined;
  typeName?: string | null | undefined;
  typeCode?: string | null | undefined;
  number?: string | null | undefined;
  symbol?: string | null | undefined;
  issuerCode?: string | null | undefined;
  issuer?: string | null | undefined;
  issuerUnitId?: string | null | undefined;
  place?: string | null | undefined;
  date?: string | null | undefined;
  title?: string | undefined;
  respondWithinDays?: number | null | undefined;
  /** For an edit: the version it was made from (409 stale_version when the document changed since). */
  version?: number | undefined;
}

/** A document as answered to one viewer: its fields and the actions the viewer may take on it. */
export function presentDocument(row: Row, actor: Actor) {
  return {
    id: row.id,
    system: row.system,
    typeName: row.type_name,
    typeCode: row.type_code,
    number: row.number,
    symbol: row.symbol,
    issuerCode: row.issuer_code,
    issuer: row.issuer_name ?? row.issuer_unit_name,
    issuerUnit: row.issuer_unit_id ? { id: row.issuer_unit_id, name: row.issuer_unit_name ?? '' } : null,
    place: row.place,
    date: row.issued_on,
    title: row.title,
    respondWithinDays: row.respond_within_days,
    planId: row.plan_id,
    file: row.file_name ? { name: row.file_name, size: row.file_size ?? 0, contentType: row.file_type ?? '' } : null,
    version: row.version,
    actions: policy.actions(actor, row),
  };
}

/** A document as a node of the cascade: what names it and where it leads, not every field. */
export function presentCascadeDocument(
  row: Pick<
    Row,
    'id' | 'type_name' | 'symbol' | 'issuer_unit_name' | 'issuer_name' | 'issued_on' | 'title' | 'plan_id'
  > &
    Parameters<typeof policy.actions>[1],
  actor: Actor,
) {
  return {
    id: row.id,
    typeName: row.type_name,
    symbol: row.symbol,
    issuer: row.issuer_unit_name ?? row.issuer_name,
    date: row.issued_on,
    title: row.title,
    planId: row.plan_id,
    actions: policy.actions(actor, row),
  };
}

export function documentSearchText(d: {
  symbol: string | null;
  title: string;
  issuer: string | null;
  typeName: string | null;
  number: string | null;
}): string {
  return fold([d.symbol, d.typeName, d.number, d.issuer, d.title].filter(Boolean).join(' | '));
}

/** Every stored name and title through the one normalisation (platform/text.ts normalizeName). */
const clean = (v: string | null | undefined) =>
  v === undefined ? undefined : v === null ? null : normalizeName(v) || null;

export class DocumentsService {
  /** @param files where file bytes live outside the database (PGlite); none: in the database. */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
    private readonly files: FileStore | null = null,
  ) {}

  async list(
    actor: Actor,
    query: {
      q?: string | undefined;
      system?: string | undefined;
      typeCode?: string | undefined;
      from?: string | undefined;
      to?: string | undefined;
      limit: number;
      offset: number;
    },
  ) {
    const filter = { ...query, prefixes: readablePrefixes(actor), terms: query.q ? searchTerms(query.q) : [] };
    const [rows, total] = await Promise.all([
      repo.searchDocuments(this.db, filter),
      repo.countDocuments(this.db, filter),
    ]);
    const totalExact = total <= repo.DOCUMENT_COUNT_CAP;
    return {
      items: rows.map((r) => presentDocument(r, actor)),
      total: totalExact ? total : repo.DOCUMENT_COUNT_CAP,
      totalExact,
    };
  }

  async get(actor: Actor, id: string) {
    const row = await this.readable(actor, id);
    const [references, outgoing, incoming] = await Promise.all([
      repo.referencesOf(this.db, id),
      repo.linksFrom(this.db, id),
      repo.linksTo(this.db, [id], [...LINK_RELATIONS]),
    ]);
    const related = await repo.findDocumentsByIds(this.db, [
      ...new Set([...outgoing.map((l) => l.to_document_id), ...incoming.map((l) => l.from_document_id)]),
    ]);
    const visible = new Map(
      related.filter((r) => policy.readable(actor, r)).map((r) => [r.id, presentDocument(r, actor)]),
    );
    const link = (id: string, relation: string, other: string) => {
      const document = visible.get(other);
      return document ? [{ id, relation, document }] : [];
    };
    return {
      ...presentDocument(row, actor),
      references: references.map((r) => ({
        asWritten: r.as_written,
        symbol: r.symbol,
        date: r.issued_on,
        relation: r.relation,
        documentId: r.target_document_id,
      })),
      links: {
        outgoing: outgoing.flatMap((l) => link(l.id, l.relation, l.to_document_id)),
        incoming: incoming.flatMap((l) => link(l.id, l.relation, l.from_document_id)),
      },
    };
  }

  async readable(actor: Actor, id: string): Promise<Row> {
    const row = await repo.findDocument(this.db, id);
    if (!row) throw notFound('document');
    policy.assertCanRead(actor, row);
    return row;
  }

  /** Normalised values for a new or edited document; fills the parts a symbol tells. */
  private async values(db: Db, input: DocumentInput, base?: Row) {
    const rawSymbol = clean(input.symbol);
    const parsed = rawSymbol ? describeSymbol(rawSymbol) : null;
    if (rawSymbol && !parsed) throw new AppError(400, 'invalid_symbol', { text: rawSymbol });
    const pick = <T>(
      given: T | undefined,
      fromSymbol: T | null | undefined,
      current: T | null | undefined,
    ): T | null => (given !== undefined ? given : (fromSymbol ?? current ?? null));
    const issuerUnitId = input.issuerUnitId !== undefined ? input.issuerUnitId : (base?.issuer_unit_id ?? null);
    const issuerUnit = issuerUnitId ? await repo.unitById(db, issuerUnitId) : undefined;
    if (issuerUnitId && !issuerUnit)
      throw new AppError(400, 'unknown_reference', { entity: 'unit', value: issuerUnitId });
    const area = issuerUnit ? await territoryOf(db, issuerUnit.path) : undefined;
    const values = {
      system: pick(input.system, parsed?.system, base?.system),
      type_name: pick(clean(input.typeName), parsed?.typeName, base?.type_name),
      type_code: pick(clean(input.typeCode), parsed?.typeCode, base?.type_code),
      number: pick(clean(input.number), parsed?.number, base?.number),
      symbol: rawSymbol === undefined ? (base?.symbol ?? null) : (parsed?.symbol ?? null),
      issuer_code: pick(clean(input.issuerCode), parsed?.issuerCode, base?.issuer_code),
      issuer_name:
        input.issuer !== undefined ? (clean(input.issuer) ?? null) : (base?.issuer_name ?? issuerUnit?.name ?? null),
      issuer_unit_id: issuerUnit?.id ?? null,
      scope_unit_id: area?.id ?? null,
      place: pick(clean(input.place), null, base?.place),
      issued_on: input.date !== undefined ? input.date : (base?.issued_on ?? null),
      title: clean(input.title) ?? base?.title ?? '',
      respond_within_days:
        input.respondWithinDays !== undefined ? input.respondWithinDays : (base?.respond_within_days ?? null),
    };
    const search_text = documentSearchText({
      symbol: values.symbol,
      title: values.title,
      issuer: values.issuer_name,
      typeName: values.type_name,
      number: values.number,
    });
    return {
      values: { ...values, search_text },
      located: { issuer_path: issuerUnit?.path ?? null, scope_path: area?.path ?? null },
    };
  }

  private async assertUnique(
    db: Db,
    v: { symbol: string | null; issuer_unit_id: string | null; issuer_name: string | null; issued_on: string | null },
    except?: string,
  ) {
    if (!v.symbol) return;
    const same = await repo.findIdentical(db, {
      symbol: v.symbol,
      issuerUnitId: v.issuer_unit_id,
      issuerName: v.issuer_name,
      issuedOn: v.issued_on,
    });
    if (same && same.id !== except) {
      throw new AppError(
        409,
        'document_exists',
        { symbol: v.symbol, issuer: v.issuer_name ?? '', date: v.issued_on ?? '—' },
        { documentId: same.id },
      );
    }
  }

  async create(ctx: Ctx, input: DocumentInput) {
    const id = await this.db.transaction().execute((trx) => this.register(trx, ctx, input));
    return this.get(ctx.actor, id);
  }

  /**
   * Registers a document inside the caller's transaction (the plan importer uses it too):
   * policy, identity check, the row, its audit entry.
   */
  async register(
    trx: Db,
    ctx: Ctx,
    input: DocumentInput,
    extra: { addressees?: string[]; signer?: Signer | null } = {},
  ): Promise<string> {
    const { values, located } = await this.values(trx, input);
    policy.assertCanCreate(ctx.actor, located);
    await this.assertUnique(trx, values);
    const id = await repo.insertDocument(trx, { ...values, ...extra });
    await recordAudit(trx, ctx, { action: 'document.create', entityType: 'document', entityId: id, after: values });
    return id;
  }

  async update(ctx: Ctx, id: string, input: DocumentInput) {
    await this.db.transaction().execute(async (trx) => {
      await repo.lockDocument(trx, id);
      const before = await repo.findDocument(trx, id);
      if (!before) throw notFound('document');
      // Authorized on the record as it is and as it will be: moving a document to another issuer
      // (or clearing it, which makes it central) needs the right to write it there too.
      policy.assertCanWrite(ctx.actor, before);
      if (input.version !== undefined && input.version !== before.version) {
        throw staleVersion('document', input.version, presentDocument(before, ctx.actor));
      }
      const { values, located } = await this.values(trx, input, before);
      policy.assertCanWrite(ctx.actor, located);
      await this.assertUnique(trx, values, id);
      // The row is locked since it was read, so its version is still before.version.
      if (!(await repo.updateDocument(trx, id, before.version, values, this.clock.now()))) {
        throw staleVersion('document', before.version, presentDocument(before, ctx.actor));
      }
      await recordAudit(trx, ctx, {
        action: 'document.update',
        entityType: 'document',
        entityId: id,
        before,
        after: values,
      });
    });
    return this.get(ctx.actor, id);
  }

  async attachFile(
    ctx: Ctx,
    id: string,
    file: { fileName: string; contentType: string; content: Buffer; sha256?: string },
  ) {
    if (file.content.length > MAX_ATTACHMENT_BYTES) throw new AppError(413, 'file_too_large', { max: 20 });
    const sha256 = file.sha256 ?? createHash('sha256').update(file.content).digest('hex');
    if (this.files) {
      // Checked before the bytes touch the disk; checked again in the transaction below.
      const doc = await repo.findDocument(this.db, id);
      if (!doc) throw notFound('document');
      policy.assertCanAttach(ctx.actor, doc);
      await this.files.put(sha256, file.content);
    }
    // The transaction stays short: with a file store it writes a row of metadata only.
    await this.db.transaction().execute(async (trx) => {
      const doc = await repo.findDocument(trx, id);
      if (!doc) throw notFound('document');
      policy.assertCanAttach(ctx.actor, doc);
      const before = await repo.findFileMeta(trx, id);
      const row = {
        document_id: id,
        file_name: normalizeName(file.fileName).slice(0, 250) || 'tep',
        content_type: file.contentType || 'application/octet-stream',
        size: file.content.length,
        sha256,
        content: this.files ? null : file.content,
      };
      await repo.upsertFile(trx, row, this.clock.now());
      // The audit keeps the file's identity; the previous bytes stay recoverable by their hash in backups.
      const meta = (f: typeof before) => (f ? { fileName: f.file_name, size: f.size, sha256: f.sha256 } : undefined);
      await recordAudit(trx, ctx, {
        action: 'document.attach_file',
        entityType: 'document',
        entityId: id,
        before: meta(before),
        after: { fileName: row.file_name, size: row.size, sha256 },
      });
    });
    return this.get(ctx.actor, id);
  }

  async file(actor: Actor, id: string) {
    await this.readable(actor, id);
    const meta = await repo.findFileMeta(this.db, id);
    if (!meta) throw notFound('file');
    const content = (await repo.findFileContent(this.db, id)) ?? (await this.files?.get(meta.sha256)) ?? null;
    if (!content) throw notFound('file');
    return { ...meta, content };
  }

  async addLink(ctx: Ctx, id: string, input: { toDocumentId: string; relation: LinkRelation }) {
    if (id === input.toDocumentId) throw new AppError(400, 'link_to_self');
    return this.db.transaction().execute(async (trx) => {
      const from = await repo.findDocument(trx, id);
      if (!from) throw notFound('document');
      policy.assertCanWrite(ctx.actor, from);
      const to = await repo.findDocument(trx, input.toDocumentId);
      if (!to || !policy.readable(ctx.actor, to)) {
        throw new AppError(400, 'unknown_reference', { entity: 'document', value: input.toDocumentId });
      }
      const linkId = await repo.insertLink(trx, {
        from_document_id: id,
        to_document_id: to.id,
        relation: input.relation,
      });
      if (linkId) {
        await recordAudit(trx, ctx, {
          action: 'document.link',
          entityType: 'document',
          entityId: id,
          after: { linkId, toDocumentId: to.id, relation: input.relation },
        });
      }
      return { id: linkId };
    });
  }

  async removeLink(ctx: Ctx, id: string, linkId: string) {
    await this.db.transaction().execute(async (trx) => {
      const link = await repo.findLink(trx, linkId);
      if (!link || link.from_document_id !== id) throw notFound('link');
      const from = await repo.findDocument(trx, id);
      if (!from) throw notFound('document');
      policy.assertCanWrite(ctx.actor, from);
      await repo.deleteLink(trx, linkId);
      await recordAudit(trx, ctx, { action: 'document.unlink', entityType: 'document', entityId: id, before: link });
    });
  }

  /**
   * The directive and every document that implements it, level by level. Each document's
   * coverage is summarised: counts by status and the first units of each status
   * (FIRST_PER_STATUS); `coverage()` below pages through all of them.
   */
  async cascade(actor: Actor, rootId: string) {
    const root = await this.readable(actor, rootId);
    // The links and the documents of every level, each in one query (a recursive walk in SQL).
    const [links, documents] = await Promise.all([
      repo.cascadeLinks(this.db, root.id, MAX_CASCADE_DOCUMENTS * 4),
      repo.cascadeDocuments(this.db, root.id, MAX_CASCADE_DOCUMENTS),
    ]);
    const rows = new Map<string, NodeRow>([[root.id, root]]);
    for (const row of documents) if (row.id !== root.id) rows.set(row.id, row);
    const edges: CascadeEdge[] = links.map((l) => ({ from: l.from_id, to: l.to_id, relation: l.relation }));
    const placement = arrangeTree(root.id, edges);
    const childrenOf = new Map<string, string[]>();
    for (const [child, { parent }] of placement) {
      const list = childrenOf.get(parent);
      if (list) list.push(child);
      else childrenOf.set(parent, [child]);
    }
    // A document's answers: every document that implements it or takes it as a basis, wherever
    // the tree places them — the same set the paged list (coverage()) counts.
    const answersOf = new Map<string, NodeRow[]>();
    for (const e of edges) {
      const from = rows.get(e.from);
      if (!from || e.from === root.id) continue;
      const list = answersOf.get(e.to);
      if (list) {
        if (!list.includes(from)) list.push(from);
      } else answersOf.set(e.to, [from]);
    }
    const now = this.clock.today();
    const readableRows = [...rows.values()].filter((r) => policy.readable(actor, r));
    const readable = new Set(readableRows);
    // The document's own children all appear; below them, each node names its first
    // FIRST_CHILDREN (by date) and counts the rest — its own page lists them all, and its
    // coverage list names every answer. A country's 3,000 commune plans are not all built.
    const shown = new Map<string, { row: NodeRow; placed: NodeRow[]; named: NodeRow[] }>();
    const pick = (row: NodeRow, depth: number) => {
      const placed = (childrenOf.get(row.id) ?? []).flatMap((c) => {
        const child = rows.get(c);
        return child && readable.has(child) ? [child] : [];
      });
      placed.sort((a, b) => byDate(a.issued_on, b.issued_on));
      const named = depth === 0 ? placed : placed.slice(0, FIRST_CHILDREN);
      shown.set(row.id, { row, placed, named });
      for (const child of named) if (!shown.has(child.id)) pick(child, depth + 1);
    };
    if (readable.has(root)) pick(root, 0);

    // The territory of the nodes named, in one query: a document's expected units lie at most
    // two levels below its area (Territory.subordinates), so each area is read to that depth;
    // the kinds are those the documents expect; the answers' issuers came with the documents.
    const scoped = [...shown.values()].flatMap(({ row }) => (row.scope_path ? [row] : []));
    const units = await this.territoryNear(
      scoped.map((r) => r.scope_path ?? ''),
      expectedKinds(scoped),
    );
    const territory = new Territory(withIssuers(units, documents));

    const build = (id: string, relation: string): CascadeNode | null => {
      const node = shown.get(id);
      if (!node) return null;
      const { row, placed, named } = node;
      const children = named
        .map((c) => build(c.id, placement.get(c.id)?.relation ?? 'implements'))
        .filter((c): c is CascadeNode => c !== null);
      const cover = coverageRows(actor, row, answersOf.get(id) ?? [], territory, now);
      const summary =
        cover && cover.rows.length > 0
          ? { dueDays: cover.dueDays, ...countCoverage(cover.rows), first: firstPerStatus(cover.rows).map(presentRow) }
          : null;
      return {
        document: presentCascadeDocument(row, actor),
        relation,
        children,
        childCount: placed.length,
        coverage: summary,
      };
    };
    return build(root.id, 'root');
  }

  /**
   * One document's expected units, a page at a time: the units that must answer it (its
   * territory's sub-areas' leading bodies and the branches under its own committee), each with
   * its status, filtered by status and by name, only the units the viewer may read.
   */
  async coverage(
    actor: Actor,
    id: string,
    query: { status?: CoverageFilter | undefined; q?: string | undefined; limit: number; offset: number },
  ) {
    const row = await this.readable(actor, id);
    const links = await repo.linksTo(this.db, [id], ['implements', 'basis']);
    const answers = await repo.findDocumentsByIds(this.db, [
      ...new Set(links.map((l) => l.from_document_id).filter((from) => from !== id)),
    ]);
    const issuers = [...new Set(answers.flatMap((r) => (r.issuer_unit_id ? [r.issuer_unit_id] : [])))];
    const territory = row.scope_path
      ? new Territory(await this.territoryUnits([row.scope_path], expectedKinds([row]), issuers))
      : new Territory<TerritoryUnit>([]);
    const cover = coverageRows(actor, row, answers, territory, this.clock.today());
    const all = cover?.rows ?? [];
    const terms = query.q ? searchTerms(query.q) : [];
    const matching = all.filter((r) => {
      if (!matchesStatus(r.status, query.status)) return false;
      if (terms.length === 0) return true;
      const name = fold(r.name);
      return terms.every((t) => name.includes(t));
    });
    return {
      dueDays: cover?.dueDays ?? null,
      ...countCoverage(all),
      items: matching.slice(query.offset, query.offset + query.limit).map(presentRow),
      matching: matching.length,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** Areas and leading bodies under the scopes, and the answers' issuers: one query. */
  /**
   * Areas and leading bodies at most two levels below each of the areas (where
   * `Territory.subordinates` finds a document's expected units), one query; an area inside
   * another is read too when it reaches deeper.
   */
  private async territoryNear(paths: string[], kinds: readonly string[]): Promise<TerritoryUnit[]> {
    const levels = (p: string) => p.split('/').length - 2;
    const ranges = nearest(paths.map((path) => ({ path, maxDepth: levels(path) - 1 + SUBORDINATE_LEVELS })));
    const units = await repo.unitsNear(this.db, ranges, kinds);
    return units.map((u) => ({
      id: u.id,
      path: u.path,
      name: u.name,
      kind: u.kind,
      validFrom: u.valid_from,
      validTo: u.valid_to,
    }));
  }

  private async territoryUnits(
    paths: string[],
    kinds: readonly string[],
    issuerIds: string[],
  ): Promise<TerritoryUnit[]> {
    const units = await repo.unitsUnder(this.db, paths, kinds, issuerIds);
    return units.map((u) => ({
      id: u.id,
      path: u.path,
      name: u.name,
      kind: u.kind,
      validFrom: u.valid_from,
      validTo: u.valid_to,
    }));
  }
}

/** How far below its area a document's expected units lie (Territory.subordinates). */
const SUBORDINATE_LEVELS = 2;

/** The ranges not covered by another that reaches as deep: an area inside a wider one is kept only when it reaches deeper. */
export function nearest(ranges: { path: string; maxDepth: number }[]): { path: string; maxDepth: number }[] {
  const sorted = [...new Map(ranges.map((r) => [r.path, r])).values()].sort(
    (a, b) => a.path.length - b.path.length || a.path.localeCompare(b.path),
  );
  const kept: { path: string; maxDepth: number }[] = [];
  for (const r of sorted) if (!kept.some((k) => r.path.startsWith(k.path) && k.maxDepth >= r.maxDepth)) kept.push(r);
  return kept;
}

/** ISO dates in order, undated last. */
const byDate = (a: string | null, b: string | null) => {
  const x = a ?? '9999';
  const y = b ?? '9999';
  return x < y ? -1 : x > y ? 1 : 0;
};

interface TerritoryUnit extends TreeUnit {
  name: string;
}

/** What a cascade node reads of a document: the root's full row or a row of cascadeDocuments. */
type NodeRow = Pick<
  repo.CascadeRow,
  | 'id'
  | 'system'
  | 'type_name'
  | 'symbol'
  | 'issuer_name'
  | 'issuer_unit_id'
  | 'scope_unit_id'
  | 'issued_on'
  | 'title'
  | 'respond_within_days'
  | 'issuer_unit_name'
  | 'issuer_path'
  | 'scope_path'
  | 'plan_id'
>;

/** The kinds of unit the documents expect answers from (cascade.ts coverage), and the areas. */
function expectedKinds(rows: Pick<NodeRow, 'system'>[]): string[] {
  const kinds = new Set<string>(['area']);
  for (const r of rows) for (const k of r.system === 'state' ? LEADING_KINDS.state : LEADING_KINDS.party) kinds.add(k);
  return [...kinds];
}

/** The territory's units and the answers' issuers (read with the documents), each once. */
function withIssuers(units: TerritoryUnit[], documents: repo.CascadeRow[]): TerritoryUnit[] {
  const seen = new Set(units.map((u) => u.id));
  const out = [...units];
  for (const d of documents) {
    if (!d.issuer_unit_id || !d.issuer_path || !d.issuer_kind || seen.has(d.issuer_unit_id)) continue;
    seen.add(d.issuer_unit_id);
    out.push({
      id: d.issuer_unit_id,
      path: d.issuer_path,
      name: d.issuer_unit_name ?? '',
      kind: d.issuer_kind,
      validFrom: d.issuer_valid_from,
      validTo: d.issuer_valid_to,
    });
  }
  return out;
}

interface ExpectedRow {
  unit: TerritoryUnit;
  name: string;
  status: CoverageStatus;
  document: { id: string; symbol: string | null; date: string | null } | null;
  daysAfterParent: number | null;
}

/**
 * A document's coverage as the viewer may see it: the expected units it may read, each with
 * its status and answer, in status order and then by name. Null when the document has no
 * territory (a central document without a scope).
 */
function coverageRows(
  actor: Actor,
  row: NodeRow,
  answers: NodeRow[],
  territory: Territory<TerritoryUnit>,
  today: string,
): { dueDays: number; rows: ExpectedRow[] } | null {
  const area = row.scope_unit_id ? territory.get(row.scope_unit_id) : undefined;
  if (!area) return null;
  const bySymbol = new Map(answers.map((a) => [a.id, a]));
  const { dueDays, rows } = coverage(asCascade(row), answers.map(asCascade), territory, area, today);
  const out: ExpectedRow[] = [];
  for (const r of rows) {
    const unit = territory.get(r.unitId);
    if (!unit || !organizationsPolicy.canRead(actor, unit)) continue;
    out.push({
      unit,
      name: unit.name,
      status: r.status,
      document: r.documentId
        ? { id: r.documentId, symbol: bySymbol.get(r.documentId)?.symbol ?? null, date: r.issuedOn }
        : null,
      daysAfterParent: r.daysAfterParent,
    });
  }
  return { dueDays, rows: sortRows(out) };
}

const presentRow = (r: ExpectedRow) => ({
  unit: { id: r.unit.id, name: r.name },
  status: r.status,
  document: r.document,
  daysAfterParent: r.daysAfterParent,
});

const asCascade = (r: NodeRow): CascadeDocument => ({
  id: r.id,
  issuedOn: r.issued_on,
  issuerUnitId: r.issuer_unit_id,
  system: r.system,
  respondWithinDays: r.respond_within_days,
});

export type CoverageUnit = ReturnType<typeof presentRow>;

export interface CascadeNode {
  document: ReturnType<typeof presentCascadeDocument>;
  relation: string;
  children: CascadeNode[];
  /** Every child the viewer may read; `children` names the first FIRST_CHILDREN below the top. */
  childCount: number;
  coverage: null | (CoverageCounts & { dueDays: number; first: CoverageUnit[] });
}

/**
 * Points a new document's references at registered documents and records the links
 * (implements, basis, cites). A symbol registered by several issuers is resolved by date, then
 * by the issuer whose territory contains the new document's; otherwise it stays unresolved.
 */
export async function linkReferences(trx: Db, documentId: string, ownerPath: string | null): Promise<number> {
  const references = await repo.referencesOf(trx, documentId);
  let linked = 0;
  for (const ref of references) {
    if (!ref.symbol) continue;
    let candidates = (await repo.findBySymbol(trx, ref.symbol)).filter((c) => c.id !== documentId);
    if (ref.issued_on) candidates = candidates.filter((c) => c.issued_on === null || c.issued_on === ref.issued_on);
    if (candidates.length > 1 && ownerPath) {
      const near = candidates.filter((c) => c.scope_path === null || ownerPath.startsWith(c.scope_path));
      if (near.length > 0) candidates = near;
    }
    if (candidates.length > 1 && ref.issuer_code) {
      const same = candidates.filter((c) => c.issuer_code?.toLowerCase() === ref.issuer_code?.toLowerCase());
      if (same.length > 0) candidates = same;
    }
    const [target] = candidates;
    if (candidates.length !== 1 || !target) continue;
    await repo.setReferenceTarget(trx, ref.id, target.id);
    await repo.insertLink(trx, { from_document_id: documentId, to_document_id: target.id, relation: ref.relation });
    linked++;
  }
  return linked;
}
