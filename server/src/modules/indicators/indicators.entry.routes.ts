import { actorOf, ctxOf } from '../../platform/auth/plugin.js';
import type { App, Deps } from '../../platform/types.js';
import * as s from './indicators.entry.schemas.js';
import { EntryService } from './indicators.entry.service.js';

const tags = ['indicators'];
const form = '/api/v1/indicators/forms/:unitId/:periodKey';

/** Part B — data entry (docs/indicators.md "Entry", "Validation"). */
export function registerEntryRoutes(app: App, { db, clock }: Deps): void {
  const service = new EntryService(db, clock);

  app.get(
    form,
    {
      schema: {
        tags,
        summary: 'Biểu số liệu của một đơn vị trong một kỳ: các ô theo lưới, kiểm tra, khóa, nghĩa vụ, thao tác',
        params: s.FormParams,
        response: { 200: s.Form },
      },
    },
    async (req) => service.form(actorOf(req), req.params.unitId, req.params.periodKey),
  );
  app.post(
    `${form}/validate`,
    {
      schema: {
        tags,
        summary: 'Kiểm tra biểu như sau khi sửa (không lưu): lỗi và cảnh báo trên từng ô',
        params: s.FormParams,
        body: s.ValidateBody,
        response: { 200: s.Validation },
      },
    },
    async (req) => service.validate(actorOf(req), req.params.unitId, req.params.periodKey, req.body.changes),
  );
  app.put(
    form,
    {
      schema: {
        tags,
        summary:
          'Lưu các ô đã sửa (tất cả hoặc không ô nào); 400 figures_invalid kèm kết quả kiểm tra, 409 stale_version',
        params: s.FormParams,
        body: s.SaveBody,
        response: { 200: s.Saved },
      },
    },
    async (req) => service.save(ctxOf(req), req.params.unitId, req.params.periodKey, req.body),
  );
  app.get(
    `${form}/history`,
    {
      schema: {
        tags,
        summary: 'Lịch sử thay đổi của một ô số liệu, mới nhất trước',
        params: s.FormParams,
        querystring: s.HistoryQuery,
        response: { 200: s.History },
      },
    },
    async (req) =>
      service.history(actorOf(req), req.params.unitId, req.params.periodKey, req.query.element, req.query.combo),
  );
  app.get(
    '/api/v1/indicators/entry',
    {
      schema: {
        tags,
        summary: 'Các biểu số liệu trong phạm vi của người dùng cho một kỳ, với trạng thái và số ô còn thiếu',
        querystring: s.EntryQuery,
        response: { 200: s.EntryList },
      },
    },
    async (req) => service.entryList(actorOf(req), req.query.period),
  );
  app.post(
    '/api/v1/indicators/locks',
    {
      schema: {
        tags,
        summary: 'Quản trị mở lại kỳ số liệu đã khóa cho một đơn vị đến một ngày, kèm lý do',
        body: s.ReopenBody,
        response: { 201: s.Reopening },
      },
    },
    async (req, reply) => reply.status(201).send(await service.reopen(ctxOf(req), req.body)),
  );
  app.get(
    '/api/v1/indicators/locks',
    {
      schema: {
        tags,
        summary: 'Các lần mở lại kỳ số liệu đã khóa, trong phạm vi của người dùng',
        querystring: s.LocksQuery,
        response: { 200: s.Reopenings },
      },
    },
    async (req) => service.reopenings(actorOf(req), { unitId: req.query.unitId, periodKey: req.query.period }),
  );
}
