import { z } from 'zod';
import { actorOf, ctxOf } from '../../platform/auth/plugin.js';
import { localeFrom } from '../../platform/i18n.js';
import { QueryBool, SafeString, Uuid } from '../../platform/schemas.js';
import type { App, Deps } from '../../platform/types.js';
import { readUpload } from '../../platform/upload.js';
import { SpreadsheetService } from './spreadsheet.service.js';
import { MAX_SHEET_BYTES } from './spreadsheet.zip.js';

const tags = ['indicators'];
const FormParams = z.object({ unitId: Uuid, periodKey: z.string().max(20) });

const SheetProblem = z.object({
  row: z.number(),
  column: z.string(),
  cell: z.string(),
  element: z.string(),
  combo: z.string(),
  label: z.string(),
  kind: z.enum(['error', 'warning', 'conflict']),
  code: z.string(),
  message: z.string(),
});
const ImportReport = z.object({
  rows: z.number(),
  changed: z.number(),
  valid: z.number(),
  problems: z.array(SheetProblem),
  saved: z.number(),
  supplement: z.boolean(),
});

/** Part E (docs/indicators.md "Spreadsheet round-trip"): the form as an .xlsx template and back. */
export function registerSpreadsheetRoutes(app: App, { db, clock }: Deps): void {
  const service = new SpreadsheetService(db, clock);

  app.get(
    '/api/v1/indicators/forms/:unitId/:periodKey/template.xlsx',
    {
      schema: {
        tags,
        summary: 'Tải biểu mẫu Excel (.xlsx) của biểu số liệu một đơn vị, một kỳ — đã điền số liệu hiện có',
        params: FormParams,
        response: {
          200: {
            description: 'Bảng tính .xlsx',
            content: {
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                schema: z.unknown().meta({ type: 'string', format: 'binary' }),
              },
            },
          },
        },
      },
    },
    async (req, reply) => {
      const locale = localeFrom(req.headers['accept-language']);
      const file = await service.template(actorOf(req), req.params.unitId, req.params.periodKey, locale);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file.bytes);
    },
  );

  app.post(
    '/api/v1/indicators/forms/:unitId/:periodKey/import',
    {
      bodyLimit: MAX_SHEET_BYTES + 1024 * 1024,
      schema: {
        tags,
        summary:
          'Nhập biểu mẫu Excel đã điền (multipart, trường "file"): báo cáo từng ô; không lưu gì khi còn lỗi, trừ khi acceptValidPart=true',
        params: FormParams,
        querystring: z.object({
          acceptValidPart: QueryBool,
          reason: SafeString.max(1000).optional(),
        }),
        consumes: ['multipart/form-data'],
        response: { 200: ImportReport },
      },
    },
    async (req) => {
      const { unitId, periodKey } = req.params;
      const upload = await readUpload(req, MAX_SHEET_BYTES);
      return service.import(ctxOf(req), unitId, periodKey, upload.bytes, {
        acceptValidPart: req.query.acceptValidPart,
        reason: req.query.reason,
        locale: localeFrom(req.headers['accept-language']),
      });
    },
  );
}
