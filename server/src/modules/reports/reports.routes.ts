import { z } from 'zod';
import { actorOf, ctxOf } from '../../platform/auth/plugin.js';
import { IdParams } from '../../platform/schemas.js';
import type { App, Deps } from '../../platform/types.js';
import { readUpload } from '../../platform/upload.js';
import { MAX_EVIDENCE_BYTES } from './evidence.js';
import * as s from './reports.schemas.js';
import { ReportsService } from './reports.service.js';

const tags = ['reports'];

export function reportsRoutes(app: App, { db, clock, files }: Deps): void {
  const service = new ReportsService(db, clock, files);
  const answer = { 200: s.ObligationDetail };

  app.get(
    '/api/v1/obligations/:id',
    {
      schema: {
        tags,
        summary: 'Một nghĩa vụ báo cáo: báo cáo, tệp minh chứng, gia hạn, diễn biến, thao tác được phép',
        params: IdParams,
        response: answer,
      },
    },
    async (req) => service.detail(actorOf(req), req.params.id),
  );
  app.put(
    '/api/v1/obligations/:id/report',
    {
      schema: {
        tags,
        summary: 'Lưu bản nháp báo cáo (tự lưu); 409 stale_version kèm bản đã lưu khi phiên bản đã cũ',
        params: IdParams,
        body: s.DraftBody,
        response: { 200: s.SavedDraft },
      },
    },
    async (req) => service.saveDraft(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/obligations/:id/report/submit',
    {
      schema: {
        tags,
        summary: 'Trưởng đơn vị gửi báo cáo lên cấp trên',
        params: IdParams,
        body: s.VersionBody,
        response: answer,
      },
    },
    async (req) => service.submit(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/obligations/:id/report/return',
    {
      schema: {
        tags,
        summary: 'Cấp trên trả lại báo cáo, kèm ý kiến',
        params: IdParams,
        body: s.ReturnBody,
        response: answer,
      },
    },
    async (req) => service.returnReport(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/obligations/:id/report/accept',
    {
      schema: { tags, summary: 'Cấp trên chấp nhận báo cáo', params: IdParams, body: s.VersionBody, response: answer },
    },
    async (req) => service.accept(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/obligations/:id/report/files',
    {
      bodyLimit: MAX_EVIDENCE_BYTES + 1024 * 1024,
      schema: {
        tags,
        summary: 'Đính kèm tệp minh chứng (multipart, trường "file"; PDF, DOCX, XLSX, JPEG, PNG theo nội dung)',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: answer,
      },
    },
    async (req) => {
      const upload = await readUpload(req, MAX_EVIDENCE_BYTES);
      return service.addFile(ctxOf(req), req.params.id, {
        fileName: upload.fileName,
        bytes: upload.bytes,
        sha256: upload.sha256,
      });
    },
  );
  app.get(
    '/api/v1/obligations/:id/report/files/:fileId',
    {
      schema: {
        tags,
        summary: 'Tải tệp minh chứng',
        params: s.FileParams,
        response: {
          200: {
            description: 'Tệp, với kiểu nội dung nhận ra từ nội dung tệp',
            content: { 'application/octet-stream': { schema: z.unknown().meta({ type: 'string', format: 'binary' }) } },
          },
        },
      },
    },
    async (req, reply) => {
      const file = await service.file(actorOf(req), req.params.id, req.params.fileId);
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file.bytes);
    },
  );
  app.delete(
    '/api/v1/obligations/:id/report/files/:fileId',
    { schema: { tags, summary: 'Gỡ tệp minh chứng (vẫn giữ trong lịch sử)', params: s.FileParams, response: answer } },
    async (req) => service.removeFile(ctxOf(req), req.params.id, req.params.fileId),
  );
  app.post(
    '/api/v1/obligations/:id/extensions',
    { schema: { tags, summary: 'Đề nghị gia hạn báo cáo', params: IdParams, body: s.ExtensionBody, response: answer } },
    async (req) => service.requestExtension(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/extensions/:id/grant',
    { schema: { tags, summary: 'Đồng ý gia hạn', params: IdParams, body: s.GrantBody, response: answer } },
    async (req) => service.decideExtension(ctxOf(req), req.params.id, { grant: true, ...req.body }),
  );
  app.post(
    '/api/v1/extensions/:id/refuse',
    { schema: { tags, summary: 'Không đồng ý gia hạn', params: IdParams, body: s.RefuseBody, response: answer } },
    async (req) => service.decideExtension(ctxOf(req), req.params.id, { grant: false, comment: req.body.comment }),
  );
}
