import { z } from 'zod';
import { ctxOf } from '../../platform/auth/plugin.js';
import { unauthenticated } from '../../platform/errors.js';
import { IdParams } from '../../platform/schemas.js';
import type { App, Deps } from '../../platform/types.js';
import {
  ChangePasswordBody,
  CreatedUser,
  GrantInput,
  GrantOut,
  GrantParams,
  NewUserBody,
  ResetPasswordBody,
  UserListQuery,
  UserOut,
  UserPage,
  UserPatchBody,
} from './users.schemas.js';
import { UsersService } from './users.service.js';

const tags = ['users'];

export function usersRoutes(app: App, { db }: Deps): void {
  const service = new UsersService(db);
  app.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Người dùng và quyền (quản trị): tìm kiếm và phân trang trên máy chủ',
        querystring: UserListQuery,
        response: { 200: UserPage },
      },
    },
    async (req) => service.list(ctxOf(req), req.query),
  );
  app.post(
    '/api/v1/users',
    { schema: { tags, summary: 'Tạo người dùng (quản trị)', body: NewUserBody, response: { 201: CreatedUser } } },
    async (req, reply) => reply.status(201).send(await service.create(ctxOf(req), req.body)),
  );
  app.get(
    '/api/v1/users/:id',
    { schema: { tags, summary: 'Một người dùng (quản trị)', params: IdParams, response: { 200: UserOut } } },
    async (req) => service.get(ctxOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary:
          'Sửa, khóa hoặc mở khóa người dùng (quản trị); khóa thì kết thúc mọi phiên; gửi kèm version (409 stale_version nếu đã bị sửa)',
        params: IdParams,
        body: UserPatchBody,
        response: { 200: UserOut },
      },
    },
    async (req) => service.update(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/users/:id/grants',
    {
      schema: {
        tags,
        summary: 'Cấp quyền (vai trò tại đơn vị) cho người dùng (quản trị)',
        params: IdParams,
        body: GrantInput,
        response: { 201: GrantOut },
      },
    },
    async (req, reply) => reply.status(201).send(await service.addGrant(ctxOf(req), req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/users/:id/grants/:grantId',
    {
      schema: {
        tags,
        summary: 'Thu hồi một quyền (quản trị)',
        params: GrantParams,
        response: { 204: z.null().describe('Đã thu hồi') },
      },
    },
    async (req, reply) => {
      await service.removeGrant(ctxOf(req), req.params.id, req.params.grantId);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/v1/users/:id/password',
    {
      schema: {
        tags,
        summary: 'Đặt lại mật khẩu (quản trị); mọi phiên của người dùng kết thúc',
        params: IdParams,
        body: ResetPasswordBody,
        response: { 204: z.null().describe('Đã đặt lại mật khẩu') },
      },
    },
    async (req, reply) => {
      await service.resetPassword(ctxOf(req), req.params.id, req.body.password);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/v1/me/password',
    {
      schema: {
        tags,
        summary: 'Đổi mật khẩu của chính mình (cần mật khẩu hiện tại); các phiên khác kết thúc',
        body: ChangePasswordBody,
        response: { 204: z.null().describe('Đã đổi mật khẩu') },
      },
    },
    async (req, reply) => {
      if (!req.session) throw unauthenticated();
      await service.changeOwnPassword(
        ctxOf(req),
        req.session.tokenHash,
        req.body.currentPassword,
        req.body.newPassword,
      );
      return reply.status(204).send(null);
    },
  );
}
