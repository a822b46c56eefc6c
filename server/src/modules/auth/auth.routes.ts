import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { SESSION_COOKIE } from '../../platform/auth/session.js';
import { unauthenticated } from '../../platform/errors.js';
import type { App, Deps } from '../../platform/types.js';
import { AuthService } from './auth.service.js';

const tags = ['auth'];

const Me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  homeUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  grants: z.array(z.object({ role: z.string(), unitId: z.string().nullable(), unitName: z.string().nullable() })),
  capabilities: z.array(z.string()),
  actions: z.array(z.string()),
});
const SessionResponse = z.object({ user: Me, csrfToken: z.string() });

export function authRoutes(app: App, { db, config, clock }: Deps): void {
  const service = new AuthService(db, clock);

  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true, csrfExempt: true, problems: [401, 429] },
      schema: {
        tags,
        summary: 'Đăng nhập; đặt cookie phiên và trả mã CSRF',
        body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(500) }),
        response: { 200: SessionResponse },
      },
    },
    async (req, reply) => {
      const session = await service.login(req.body.username, req.body.password, {
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: config.secureCookies,
        expires: session.expiresAt,
      });
      return { user: await service.me(session.actor), csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { public: true },
      schema: { tags, summary: 'Đăng xuất', response: { 204: z.null().describe('Đã đăng xuất') } },
    },
    async (req, reply) => {
      if (req.session) await service.logout(req.session.actor, req.session.tokenHash, req.ip);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { public: true, problems: [401] },
      schema: { tags, summary: 'Người dùng hiện tại và mã CSRF', response: { 200: SessionResponse } },
    },
    async (req) => {
      if (!req.session) throw unauthenticated();
      return { user: await service.me(actorOf(req)), csrfToken: req.session.csrfToken };
    },
  );
}
