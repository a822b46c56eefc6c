import { z } from 'zod';
import { actorOf, ctxOf } from '../../platform/auth/plugin.js';
import { AppError, notFound } from '../../platform/errors.js';
import { IdParams, QueryText, Uuid } from '../../platform/schemas.js';
import type { App, Deps } from '../../platform/types.js';
import { readUpload } from '../../platform/upload.js';
import * as s from './documents.schemas.js';
import { DocumentsService, MAX_ATTACHMENT_BYTES } from './documents.service.js';
import { describeSymbol } from './symbol-info.js';

const tags = ['documents'];

export function documentsRoutes(app: App, { db, clock, files }: Deps): void {
  const service = new DocumentsService(db, clock, files);

  app.get(
    '/api/v1/documents',
    {
      schema: {
        tags,
        summary: 'Tìm văn bản (không phân biệt dấu)',
        querystring: s.DocumentQuery,
        response: {
          200: z.object({ items: z.array(s.DocumentSummary), total: z.number(), totalExact: z.boolean() }),
        },
      },
    },
    async (req) => service.list(actorOf(req), req.query),
  );
  app.get(
    '/api/v1/documents/parse-symbol',
    {
      schema: {
        tags,
        summary: 'Đọc số và ký hiệu văn bản',
        querystring: z.object({ text: QueryText(200).min(1) }),
        response: { 200: s.SymbolInfo },
      },
    },
    async (req) => {
      const info = describeSymbol(req.query.text);
      if (!info) throw new AppError(400, 'invalid_symbol', { text: req.query.text });
      return info;
    },
  );
  app.get(
    '/api/v1/documents/:id',
    {
      schema: {
        tags,
        summary: 'Một văn bản: căn cứ, liên kết, tệp',
        params: IdParams,
        response: { 200: s.DocumentDetail },
      },
    },
    async (req) => service.get(actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/documents',
    { schema: { tags, summary: 'Vào sổ một văn bản', body: s.DocumentBody, response: { 201: s.DocumentDetail } } },
    async (req, reply) => reply.status(201).send(await service.create(ctxOf(req), req.body)),
  );
  app.patch(
    '/api/v1/documents/:id',
    {
      schema: {
        tags,
        summary: 'Sửa văn bản',
        params: IdParams,
        body: s.DocumentPatch,
        response: { 200: s.DocumentDetail },
      },
    },
    async (req) => service.update(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/documents/:id/file',
    {
      bodyLimit: MAX_ATTACHMENT_BYTES + 1024 * 1024,
      schema: {
        tags,
        summary: 'Đính kèm tệp (multipart, trường "file")',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 200: s.DocumentDetail },
      },
    },
    async (req) => {
      const upload = await readUpload(req, MAX_ATTACHMENT_BYTES);
      return service.attachFile(ctxOf(req), req.params.id, {
        fileName: upload.fileName,
        contentType: upload.contentType,
        content: upload.bytes,
        sha256: upload.sha256,
      });
    },
  );
  app.get(
    '/api/v1/documents/:id/file',
    {
      schema: {
        tags,
        summary: 'Tải tệp đính kèm',
        params: IdParams,
        response: {
          200: {
            description: 'Tệp, với kiểu nội dung đã lưu',
            content: { 'application/octet-stream': { schema: z.unknown().meta({ type: 'string', format: 'binary' }) } },
          },
        },
      },
    },
    async (req, reply) => {
      const file = await service.file(actorOf(req), req.params.id);
      return reply
        .type(file.content_type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.file_name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );
  app.post(
    '/api/v1/documents/:id/links',
    {
      schema: {
        tags,
        summary: 'Liên kết với văn bản khác',
        params: IdParams,
        body: s.LinkBody,
        response: { 201: z.object({ id: Uuid.nullable() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await service.addLink(ctxOf(req), req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/documents/:id/links/:linkId',
    {
      schema: {
        tags,
        summary: 'Bỏ một liên kết',
        params: z.object({ id: Uuid, linkId: Uuid }),
        response: { 204: z.null().describe('Đã bỏ') },
      },
    },
    async (req, reply) => {
      await service.removeLink(ctxOf(req), req.params.id, req.params.linkId);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/v1/documents/:id/cascade',
    {
      schema: {
        tags,
        summary: 'Triển khai: các văn bản thực hiện ở mọi cấp và đơn vị chưa ban hành',
        params: IdParams,
        response: { 200: s.CascadeNode },
      },
    },
    async (req) => {
      const tree = await service.cascade(actorOf(req), req.params.id);
      if (!tree) throw notFound('document');
      return tree;
    },
  );
  app.get(
    '/api/v1/documents/:id/coverage',
    {
      schema: {
        tags,
        summary: 'Các đơn vị phải ban hành văn bản thực hiện, từng trang (lọc theo tình trạng, tìm theo tên)',
        params: IdParams,
        querystring: s.CoverageQuery,
        response: { 200: s.CoveragePage },
      },
    },
    async (req) => service.coverage(actorOf(req), req.params.id, req.query),
  );
}
