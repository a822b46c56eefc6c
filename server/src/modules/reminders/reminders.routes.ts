import { z } from 'zod';
import { actorOf, ctxOf } from '../../platform/auth/plugin.js';
import { IdParams } from '../../platform/schemas.js';
import type { App, Deps } from '../../platform/types.js';
import * as s from './reminders.schemas.js';
import { RemindersService } from './reminders.service.js';

const tags = ['reminders'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function remindersRoutes(app: App, { db, clock }: Deps): void {
  const service = new RemindersService(db, clock);
  app.get(
    '/api/v1/plans/:id/followup-settings',
    {
      schema: {
        tags,
        summary: 'Thang nhắc việc của kế hoạch: nhắc, đôn đốc, yêu cầu giải trình, kênh gửi',
        params: IdParams,
        response: { 200: s.SettingsView },
      },
    },
    async (req) => service.settings(actorOf(req), req.params.id),
  );
  app.put(
    '/api/v1/plans/:id/followup-settings',
    {
      schema: {
        tags,
        summary: 'Sửa thang nhắc việc của kế hoạch',
        params: IdParams,
        body: s.SettingsBody,
        response: { 200: s.SettingsView },
      },
    },
    async (req) => service.saveSettings(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        summary: 'Thông báo của tôi (mới nhất trước) và số chưa đọc',
        querystring: s.NotificationQuery,
        response: { 200: s.NotificationList },
      },
    },
    async (req) => service.notifications(actorOf(req), req.query),
  );
  app.post(
    '/api/v1/notifications/read-all',
    {
      schema: {
        tags,
        summary: 'Đánh dấu mọi thông báo của tôi là đã đọc',
        response: { 200: z.object({ updated: z.number().int() }) },
      },
    },
    async (req) => service.markAllRead(ctxOf(req)),
  );
  app.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Đánh dấu một thông báo là đã đọc',
        params: IdParams,
        response: { 200: z.object({ id: z.string(), readAt: z.string() }) },
      },
    },
    async (req) => service.markRead(ctxOf(req), req.params.id),
  );
  app.get(
    '/api/v1/obligations/:id/reminders',
    {
      schema: {
        tags,
        summary: 'Nhật ký nhắc việc của một nghĩa vụ báo cáo',
        params: IdParams,
        response: { 200: s.ReminderList },
      },
    },
    async (req) => service.reminders(actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/explanation-letters/:id',
    {
      schema: { tags, summary: 'Công văn yêu cầu giải trình', params: IdParams, response: { 200: s.LetterView } },
    },
    async (req) => service.letter(actorOf(req), req.params.id),
  );
  app.put(
    '/api/v1/explanation-letters/:id',
    {
      schema: {
        tags,
        summary: 'Sửa dự thảo công văn yêu cầu giải trình',
        params: IdParams,
        body: s.LetterBody,
        response: { 200: s.LetterView },
      },
    },
    async (req) => service.updateLetter(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/explanation-letters/:id/docx',
    {
      schema: {
        tags,
        summary: 'Tải công văn (.docx, thể thức văn bản của Đảng)',
        params: IdParams,
        response: {
          200: {
            description: 'Tệp .docx',
            content: { [DOCX]: { schema: z.unknown().meta({ type: 'string', format: 'binary' }) } },
          },
        },
      },
    },
    async (req, reply) => {
      const file = await service.letterDocx(actorOf(req), req.params.id);
      return reply
        .type(DOCX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );
  app.post(
    '/api/v1/explanation-letters/:id/issue',
    {
      schema: {
        tags,
        summary: 'Ban hành công văn (số, ngày); đơn vị được thông báo',
        params: IdParams,
        body: s.IssueBody,
        response: { 200: s.LetterView },
      },
    },
    async (req) => service.issueLetter(ctxOf(req), req.params.id, req.body),
  );
}
