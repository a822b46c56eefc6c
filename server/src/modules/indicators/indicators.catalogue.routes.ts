import { z } from 'zod';
import { actorOf, ctxOf } from '../../platform/auth/plugin.js';
import { IdParams } from '../../platform/schemas.js';
import type { App, Deps } from '../../platform/types.js';
import { CatalogueAdminService } from './catalogue.admin.service.js';
import * as s from './indicators.catalogue.schemas.js';

const tags = ['indicators'];
const base = '/api/v1/indicators/catalogue';

/** Part A: the indicator catalogue, read by everyone, edited by administrators (docs/indicators.md "Catalogue"). */
export function registerCatalogueRoutes(app: App, { db, clock }: Deps): void {
  const service = new CatalogueAdminService(db, clock);

  app.get(
    base,
    {
      schema: {
        tags,
        summary:
          'Danh mục chỉ tiêu: phân tổ, mục số liệu, chỉ tiêu (định nghĩa, công thức, chỉ tiêu phấn đấu theo năm kèm nguồn), quy tắc kiểm tra',
        querystring: s.CatalogueQuery,
        response: { 200: s.Catalogue },
      },
    },
    async (req) => service.read(actorOf(req), req.query.archived === 'true' || req.query.archived === '1'),
  );

  app.post(
    `${base}/categories`,
    {
      schema: { tags, summary: 'Thêm một phân tổ (quản trị)', body: s.NewCategoryBody, response: { 201: s.Category } },
    },
    async (req, reply) => reply.status(201).send(await service.createCategory(ctxOf(req), req.body)),
  );
  app.put(
    `${base}/categories/:code`,
    {
      schema: {
        tags,
        summary:
          'Sửa một phân tổ và các lựa chọn của nó; không bỏ được lựa chọn đã có số liệu (quản trị, gửi kèm version)',
        params: s.CodeParams,
        body: s.EditCategoryBody,
        response: { 200: s.Category },
      },
    },
    async (req) => service.editCategory(ctxOf(req), req.params.code, req.body),
  );

  app.post(
    `${base}/elements`,
    {
      schema: {
        tags,
        summary: 'Thêm một mục số liệu (quản trị)',
        body: s.NewElementBody,
        response: { 201: s.Element },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createElement(ctxOf(req), req.body)),
  );
  app.put(
    `${base}/elements/:id`,
    {
      schema: {
        tags,
        summary: 'Sửa một mục số liệu; phân tổ không đổi được khi đã có số liệu (quản trị, gửi kèm version)',
        params: IdParams,
        body: s.EditElementBody,
        response: { 200: s.Element },
      },
    },
    async (req) => service.editElement(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    `${base}/indicators`,
    {
      schema: {
        tags,
        summary: 'Thêm một chỉ tiêu (quản trị)',
        body: s.NewIndicatorBody,
        response: { 201: s.Indicator },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createIndicator(ctxOf(req), req.body)),
  );
  app.put(
    `${base}/indicators/:id`,
    {
      schema: {
        tags,
        summary: 'Sửa một chỉ tiêu: tên, định nghĩa, tử số, mẫu số, chiều, ngưỡng vàng, kỳ (quản trị, gửi kèm version)',
        params: IdParams,
        body: s.EditIndicatorBody,
        response: { 200: s.Indicator },
      },
    },
    async (req) => service.editIndicator(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    `${base}/rules`,
    {
      schema: { tags, summary: 'Thêm một quy tắc kiểm tra (quản trị)', body: s.NewRuleBody, response: { 201: s.Rule } },
    },
    async (req, reply) => reply.status(201).send(await service.createRule(ctxOf(req), req.body)),
  );
  app.put(
    `${base}/rules/:id`,
    {
      schema: {
        tags,
        summary: 'Sửa một quy tắc kiểm tra (quản trị, gửi kèm version)',
        params: IdParams,
        body: s.EditRuleBody,
        response: { 200: s.Rule },
      },
    },
    async (req) => service.editRule(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    `${base}/:entity/:id/archive`,
    {
      schema: {
        tags,
        summary: 'Lưu trữ hoặc khôi phục một mục số liệu, chỉ tiêu hoặc quy tắc (không bao giờ xóa; quản trị)',
        params: s.ArchiveParams,
        body: s.ArchiveBody,
        response: { 200: z.object({ id: z.string(), archived: z.boolean(), version: z.number().int() }) },
      },
    },
    async (req) => service.archive(ctxOf(req), req.params.entity, req.params.id, req.body),
  );

  app.put(
    `${base}/indicators/:id/targets`,
    {
      schema: {
        tags,
        summary:
          'Đặt chỉ tiêu phấn đấu của một năm: toàn quốc (quản trị) hoặc của một đơn vị cho phạm vi của nó; version 0 để thêm mới',
        params: IdParams,
        body: s.TargetBody,
        response: { 200: s.Target },
      },
    },
    async (req) => service.setTarget(ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    `${base}/targets/:id`,
    {
      schema: {
        tags,
        summary: 'Bỏ một chỉ tiêu phấn đấu (gửi kèm version)',
        params: s.TargetParams,
        querystring: s.DeleteTargetQuery,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await service.deleteTarget(ctxOf(req), req.params.id, req.query.version);
      return reply.status(204).send(null);
    },
  );
}
