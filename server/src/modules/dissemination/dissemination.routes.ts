import { actorOf, ctxOf } from '../../platform/auth/plugin.js';
import { IdParams } from '../../platform/schemas.js';
import type { App, Deps } from '../../platform/types.js';
import * as s from './dissemination.schemas.js';
import { DisseminationService } from './dissemination.service.js';

const tags = ['dissemination'];

export function disseminationRoutes(app: App, { db, clock }: Deps): void {
  const service = new DisseminationService(db, clock);

  app.get(
    '/api/v1/plans/:id/dissemination',
    {
      schema: {
        tags,
        summary:
          'Quán triệt một kế hoạch: tổng số buổi và người tham dự, cộng dồn theo đơn vị, và các đơn vị chưa quán triệt',
        params: IdParams,
        querystring: s.RollupQuery,
        response: { 200: s.Rollup },
      },
    },
    async (req) => service.rollup(actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/v1/plans/:id/dissemination/sessions',
    {
      schema: {
        tags,
        summary: 'Các buổi quán triệt kế hoạch trong phạm vi của người dùng, từng trang',
        params: IdParams,
        querystring: s.SessionsQuery,
        response: { 200: s.SessionPage },
      },
    },
    async (req) => service.list(actorOf(req), req.params.id, req.query),
  );
  app.post(
    '/api/v1/plans/:id/dissemination/sessions',
    {
      schema: {
        tags,
        summary: 'Ghi nhận một buổi quán triệt kế hoạch của một đơn vị',
        params: IdParams,
        body: s.CreateSessionBody,
        response: { 201: s.Session },
      },
    },
    async (req, reply) => reply.status(201).send(await service.record(ctxOf(req), req.params.id, req.body)),
  );
  app.patch(
    '/api/v1/dissemination-sessions/:id',
    {
      schema: {
        tags,
        summary: 'Sửa một buổi quán triệt (gửi kèm phiên bản đã đọc)',
        params: IdParams,
        body: s.EditSessionBody,
        response: { 200: s.Session },
      },
    },
    async (req) => service.edit(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/dissemination-sessions/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Rút lại một buổi quán triệt (giữ lại trong lịch sử, không còn được tính)',
        params: IdParams,
        body: s.WithdrawBody,
        response: { 200: s.Session },
      },
    },
    async (req) => service.withdraw(ctxOf(req), req.params.id, req.body),
  );
}
