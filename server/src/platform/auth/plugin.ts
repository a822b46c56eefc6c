import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Actor, Ctx } from '../access.js';
import { type Clock, systemClock } from '../clock.js';
import type { Database } from '../db/schema.js';
import { AppError, unauthenticated } from '../errors.js';
import { findSession, SESSION_COOKIE, type SessionInfo } from './session.js';

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionInfo | null;
  }
  interface FastifyContextConfig {
    /** The route answers without a session (login, health, docs). */
    public?: boolean;
    /** The route changes state but is exempt from CSRF (login: there is no session yet). */
    csrfExempt?: boolean;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Authentication for every /api route: the session cookie identifies the actor, and every
 * state-changing request must echo the session's CSRF token in `x-csrf-token`.
 */
export function registerAuth(app: FastifyInstance, db: Kysely<Database>, clock: Clock = systemClock): void {
  app.decorateRequest('session', null);
  app.addHook('preValidation', async (request) => {
    // Static files, the OpenAPI document and unknown routes need no session.
    if (request.is404 || !request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    const token = request.cookies[SESSION_COOKIE];
    request.session = token ? await findSession(db, token, clock.now()) : null;
    const config = request.routeOptions.config;
    if (UNSAFE.has(request.method) && !config.csrfExempt && request.session) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, request.session.csrfToken)) {
        throw new AppError(403, 'csrf_invalid');
      }
    }
    if (!config.public && !request.session) throw unauthenticated();
  });
}

/** The signed-in actor of a route that is not public. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.session) throw unauthenticated();
  return request.session.actor;
}

export function ctxOf(request: FastifyRequest): Ctx {
  return { actor: actorOf(request), ip: request.ip };
}
