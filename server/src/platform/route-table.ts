import type { FastifyInstance } from 'fastify';

export interface RouteEntry {
  method: string;
  /** The route's pattern, e.g. `/api/v1/documents/:id`. */
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after `registerRouteTable()`, HEAD twins left out. */
    routeTable: readonly RouteEntry[];
  }
}

/**
 * Records every route as it is registered, so tests can walk the real route table: the access
 * matrix (modules/access-matrix.db.test.ts) fails when a route under /api/v1 has no entry.
 */
export function registerRouteTable(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') table.push({ method, url: route.url });
  });
}
