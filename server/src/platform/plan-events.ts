import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';

/**
 * "A plan or the directory changed, from this date": what the follow-through must hear to keep
 * obligations in step (a task added, an assignment linked or removed, a plan withdrawn, a unit
 * closed or merged). Writers call `planChanged` / `directoryChanged` inside their own transaction;
 * the handlers modules declare in their manifest (`onPlanChanged`, `onDirectoryChanged`) run in
 * that same transaction, so the change and its consequences commit together.
 *
 * The handlers are registered once by `modules/index.ts`; a writer never imports the modules that
 * listen to it.
 */
export interface PlanChange {
  planId: string;
  /** ISO date from which the change applies; earlier periods are never rewritten. */
  on: string;
}
export interface DirectoryChange {
  /** The units created, closed, merged or moved. */
  unitIds: string[];
  on: string;
}

export type PlanChangeHandler = (db: Kysely<Database>, change: PlanChange) => Promise<void>;
export type DirectoryChangeHandler = (db: Kysely<Database>, change: DirectoryChange) => Promise<void>;

const planHandlers: PlanChangeHandler[] = [];
const directoryHandlers: DirectoryChangeHandler[] = [];

export function registerChangeHandlers(
  handlers: {
    onPlanChanged?: PlanChangeHandler | undefined;
    onDirectoryChanged?: DirectoryChangeHandler | undefined;
  }[],
): void {
  planHandlers.length = 0;
  directoryHandlers.length = 0;
  for (const h of handlers) {
    if (h.onPlanChanged) planHandlers.push(h.onPlanChanged);
    if (h.onDirectoryChanged) directoryHandlers.push(h.onDirectoryChanged);
  }
}

export async function planChanged(db: Kysely<Database>, change: PlanChange): Promise<void> {
  for (const handler of planHandlers) await handler(db, change);
}

export async function directoryChanged(db: Kysely<Database>, change: DirectoryChange): Promise<void> {
  for (const handler of directoryHandlers) await handler(db, change);
}

/**
 * Review gates: a module that owns a kind of obligation (the indicators own `figures`) may refuse
 * its submission or acceptance — "complete only when the form validates", "a level is approved
 * only after its children". The follow-through's review (reports module) calls them inside its
 * transaction, before the state changes; a gate throws an AppError (409) to refuse.
 */
export interface GatedObligation {
  id: string;
  role: string;
  unitId: string;
  periodKey: string;
  planId: string;
}
export interface ReviewGate {
  role: string;
  beforeSubmit?(db: Kysely<Database>, obligation: GatedObligation): Promise<void>;
  beforeAccept?(db: Kysely<Database>, obligation: GatedObligation): Promise<void>;
}

const reviewGates: ReviewGate[] = [];

export function registerReviewGates(gates: ReviewGate[]): void {
  reviewGates.length = 0;
  reviewGates.push(...gates);
}

export async function gateSubmit(db: Kysely<Database>, o: GatedObligation): Promise<void> {
  for (const g of reviewGates) if (g.role === o.role) await g.beforeSubmit?.(db, o);
}

export async function gateAccept(db: Kysely<Database>, o: GatedObligation): Promise<void> {
  for (const g of reviewGates) if (g.role === o.role) await g.beforeAccept?.(db, o);
}

/** Roles whose obligations are gated by a module: their submission needs no report text. */
export function isGatedRole(role: string): boolean {
  return reviewGates.some((g) => g.role === role);
}
