import { type Actor, allowedActions, authorize, can, type DocumentObject } from '../../platform/access.js';

/** Where a document row sits: its issuer's path and its territory's path (from the repository's joins). */
interface Located {
  issuer_path: string | null;
  scope_path: string | null;
}

const object = (doc: Located): DocumentObject => ({
  type: 'document',
  issuerPath: doc.issuer_path,
  scopePath: doc.scope_path,
});

/** What an answer about a document lists as its `actions`. */
export const DOCUMENT_ACTIONS = ['document.read', 'document.write', 'document.attach'] as const;

/**
 * Documents through `authorize()` (platform/access.ts). Central documents (no issuer unit) are
 * readable by everyone and written only by a whole-directory grant; a unit's document is
 * readable by whoever reads its issuer or lives inside its territory, and written by a grant
 * that carries `documents.write` and covers the issuer. A change is authorized on the record as
 * it is and on the record as it will be.
 */
export const documentsPolicy = {
  readable: (actor: Actor, doc: Located) => can(actor, 'document.read', object(doc)),
  assertCanRead: (actor: Actor, doc: Located) => authorize(actor, 'document.read', object(doc)),
  assertCanCreate: (actor: Actor, doc: Located) => authorize(actor, 'document.create', object(doc)),
  assertCanWrite: (actor: Actor, doc: Located) => authorize(actor, 'document.write', object(doc)),
  assertCanAttach: (actor: Actor, doc: Located) => authorize(actor, 'document.attach', object(doc)),
  actions: (actor: Actor, doc: Located) => allowedActions(actor, DOCUMENT_ACTIONS, object(doc)),
};
