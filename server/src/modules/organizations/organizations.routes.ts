import { z } from 'zod';
import { actorOf, ctxOf } from '../../platform/auth/plugin.js';
import { IdParams } from '../../platform/schemas.js';
import type { App, Deps } from '../../platform/types.js';
import * as s from './organizations.schemas.js';
import { OrganizationsService, presentLevel } from './organizations.service.js';

const tags = ['organizations'];

export function organizationsRoutes(app: App, { db, clock }: Deps): void {
  const service = new OrganizationsService(db, clock);

  app.get(
    '/api/v1/org-units',
    {
      schema: {
        tags,
        summary: 'Danh sách đơn vị trong phạm vi',
        querystring: s.UnitListQuery,
        response: {
          200: z.object({
            items: z.array(s.UnitSummary),
            total: z.number().int(),
            totalExact: z.boolean(),
            limit: z.number().int(),
            offset: z.number().int(),
          }),
        },
      },
    },
    async (req) => service.list(actorOf(req), req.query),
  );
  app.get(
    '/api/v1/org-units/:id',
    { schema: { tags, summary: 'Một đơn vị', params: IdParams, response: { 200: s.UnitDetail } } },
    async (req) => service.get(actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/org-units',
    { schema: { tags, summary: 'Tạo đơn vị', body: s.CreateUnitBody, response: { 201: s.UnitDetail } } },
    async (req, reply) => reply.status(201).send(await service.create(ctxOf(req), req.body)),
  );
  app.patch(
    '/api/v1/org-units/:id',
    {
      schema: {
        tags,
        summary: 'Sửa đơn vị',
        params: IdParams,
        body: s.UpdateUnitBody,
        response: { 200: s.UnitDetail },
      },
    },
    async (req) => service.update(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/org-units/:id/move',
    {
      schema: {
        tags,
        summary: 'Chuyển đơn vị sang đơn vị cấp trên khác',
        params: IdParams,
        body: s.MoveUnitBody,
        response: { 200: s.UnitDetail },
      },
    },
    async (req) => service.move(ctxOf(req), req.params.id, req.body.parentId),
  );
  app.post(
    '/api/v1/org-units/:id/close',
    {
      schema: {
        tags,
        summary: 'Giải thể / ngừng hoạt động đơn vị',
        params: IdParams,
        body: s.CloseUnitBody,
        response: { 200: s.UnitDetail },
      },
    },
    async (req) => service.close(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/org-levels',
    { schema: { tags, summary: 'Các cấp', response: { 200: z.object({ items: z.array(s.Level) }) } } },
    async () => ({ items: await service.levels() }),
  );
  app.put(
    '/api/v1/org-levels/:code',
    {
      schema: {
        tags,
        summary: 'Thêm hoặc sửa một cấp',
        params: s.SaveLevelBody.pick({ code: true }),
        body: s.SaveLevelBody.omit({ code: true }),
        response: { 200: s.Level },
      },
    },
    async (req) => {
      const saved = await service.saveLevel(ctxOf(req), { ...req.body, code: req.params.code });
      return presentLevel(saved);
    },
  );
  app.get(
    '/api/v1/org-kinds',
    { schema: { tags, summary: 'Các loại đơn vị', response: { 200: z.object({ items: z.array(s.Kind) }) } } },
    async () => ({ items: await service.kinds() }),
  );
}
