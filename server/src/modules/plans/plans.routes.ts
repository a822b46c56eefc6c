import { z } from 'zod';
import { actorOf, ctxOf } from '../../platform/auth/plugin.js';
import { AppError } from '../../platform/errors.js';
import { IdParams, Uuid } from '../../platform/schemas.js';
import type { App, Deps } from '../../platform/types.js';
import { readUpload } from '../../platform/upload.js';
import { MAX_IMPORT_BYTES } from '../importer/read.js';
import { previewImport } from './plans.import.js';
import * as s from './plans.schemas.js';
import { PlansService } from './plans.service.js';

const tags = ['plans'];

export function plansRoutes(app: App, { db, clock }: Deps): void {
  const service = new PlansService(db, clock);

  app.get(
    '/api/v1/plans',
    {
      schema: {
        tags,
        summary: 'Các kế hoạch liên quan đến phạm vi của người dùng',
        response: { 200: z.object({ items: z.array(s.PlanSummary) }) },
      },
    },
    async (req) => ({ items: await service.list(actorOf(req)) }),
  );
  app.get(
    '/api/v1/plans/:id',
    {
      schema: {
        tags,
        summary: 'Một kế hoạch: văn bản, căn cứ, cây mục và nhiệm vụ, phân công tóm tắt theo vai trò',
        params: IdParams,
        response: { 200: s.PlanDetail },
      },
    },
    async (req) => service.get(actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/plans/:id/tasks/:taskId/assignments',
    {
      schema: {
        tags,
        summary: 'Các đơn vị được giao một nhiệm vụ, từng trang (lọc theo vai trò, tìm theo tên)',
        params: s.TaskParams,
        querystring: s.AssignmentPageQuery,
        response: { 200: s.AssignmentPage },
      },
    },
    async (req) => service.taskAssignments(actorOf(req), req.params.id, req.params.taskId, req.query),
  );
  app.post(
    '/api/v1/plans/import',
    {
      // A JSON text over the limit is 413 like a file (multipart files are counted in readUpload).
      bodyLimit: MAX_IMPORT_BYTES + 1024 * 1024,
      schema: {
        tags,
        summary:
          'Đọc một kế hoạch (tệp .txt/.md/.docx dạng multipart, trường "file"; hoặc JSON {text}) thành bản xem trước',
        consumes: ['multipart/form-data', 'application/json'],
        body: z.object({ text: z.string().max(MAX_IMPORT_BYTES), fileName: z.string().max(255).optional() }).nullish(),
        response: { 200: s.ImportPreview },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      if (req.isMultipart()) {
        const upload = await readUpload(req, MAX_IMPORT_BYTES);
        return previewImport(db, actor, { bytes: upload.bytes, fileName: upload.fileName });
      }
      if (!req.body) throw new AppError(400, 'file_missing');
      return previewImport(db, actor, {
        bytes: Buffer.from(req.body.text, 'utf8'),
        fileName: req.body.fileName ?? null,
      });
    },
  );
  app.post(
    '/api/v1/plans',
    {
      schema: {
        tags,
        summary: 'Tạo kế hoạch từ bản xem trước (đã rà soát)',
        body: s.CreatePlanBody,
        response: { 201: z.object({ id: Uuid, documentId: Uuid }) },
      },
    },
    async (req, reply) => {
      const { plan, ownerUnitId, organizations } = req.body;
      const units: Record<string, string | string[] | null> = {};
      for (const [name, choice] of Object.entries(organizations)) {
        units[name] = choice === null ? null : 'unitId' in choice ? choice.unitId : choice.unitIds;
      }
      return reply.status(201).send(await service.create(ctxOf(req), { plan, ownerUnitId, units }));
    },
  );
  app.get(
    '/api/v1/org-units/:id/assignments',
    {
      schema: {
        tags,
        summary: 'Nhiệm vụ được giao cho một đơn vị qua các kế hoạch',
        params: IdParams,
        response: { 200: z.object({ items: z.array(s.UnitAssignment) }) },
      },
    },
    async (req) => ({ items: await service.assignmentsOfUnit(actorOf(req), req.params.id) }),
  );
}
