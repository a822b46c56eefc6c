import { actorOf, ctxOf } from '../../platform/auth/plugin.js';
import { IdParams } from '../../platform/schemas.js';
import type { App, Deps } from '../../platform/types.js';
import * as e from './plans.edit.schemas.js';
import { PlanEditService } from './plans.edit.service.js';
import * as s from './plans.schemas.js';
import { PlansService } from './plans.service.js';

const tags = ['plans'];

/** Editing a plan after import (issue 7, item 9): its fields, its tree, its assignments, its end. */
export function planEditRoutes(app: App, { db, clock }: Deps): void {
  const edits = new PlanEditService(db, clock);
  const plans = new PlansService(db, clock);

  app.patch(
    '/api/v1/plans/:id',
    {
      schema: {
        tags,
        summary:
          'Sửa kế hoạch: tiêu đề, số/ký hiệu, ngày (theo quy tắc văn bản), mục tiêu, kỳ báo cáo, nơi nhận báo cáo',
        params: IdParams,
        body: e.PlanPatch,
        response: { 200: s.PlanDetail },
      },
    },
    async (req) => {
      await edits.updatePlan(ctxOf(req), req.params.id, req.body);
      return plans.get(actorOf(req), req.params.id);
    },
  );
  app.post(
    '/api/v1/plans/:id/nodes',
    {
      schema: {
        tags,
        summary: 'Thêm mục hoặc nhiệm vụ vào cây kế hoạch',
        params: IdParams,
        body: e.NodeCreate,
        response: { 201: e.EditedNode },
      },
    },
    async (req, reply) => reply.status(201).send(await edits.createNode(ctxOf(req), req.params.id, req.body)),
  );
  app.patch(
    '/api/v1/plans/:id/nodes/:nodeId',
    {
      schema: {
        tags,
        summary: 'Sửa hoặc chuyển một mục/nhiệm vụ (nhãn, tiêu đề, nội dung, thời hạn, trọng số, vị trí)',
        params: e.NodeParams,
        body: e.NodePatch,
        response: { 200: e.EditedNode },
      },
    },
    async (req) => edits.updateNode(ctxOf(req), req.params.id, req.params.nodeId, req.body),
  );
  app.post(
    '/api/v1/plans/:id/nodes/:nodeId/cancel',
    {
      schema: {
        tags,
        summary: 'Hủy một nhiệm vụ (trạng thái "đã hủy", không xóa)',
        params: e.NodeParams,
        body: e.NodeCancel,
        response: { 200: e.EditedNode },
      },
    },
    async (req) => edits.cancelNode(ctxOf(req), req.params.id, req.params.nodeId, req.body),
  );
  app.post(
    '/api/v1/plans/:id/tasks/:taskId/assignments',
    {
      schema: {
        tags,
        summary: 'Giao nhiệm vụ cho một đơn vị (chủ trì, phối hợp…)',
        params: s.TaskParams,
        body: e.AssignmentCreate,
        response: { 201: e.EditedAssignment },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await edits.addAssignment(ctxOf(req), req.params.id, req.params.taskId, req.body)),
  );
  app.patch(
    '/api/v1/plans/:id/assignments/:assignmentId',
    {
      schema: {
        tags,
        summary: 'Đổi vai trò của một phân công, hoặc gắn đơn vị cho phân công chưa gắn ("gắn sau")',
        params: e.AssignmentParams,
        body: e.AssignmentPatch,
        response: { 200: e.EditedAssignment },
      },
    },
    async (req) => edits.updateAssignment(ctxOf(req), req.params.id, req.params.assignmentId, req.body),
  );
  app.post(
    '/api/v1/plans/:id/assignments/:assignmentId/end',
    {
      schema: {
        tags,
        summary: 'Kết thúc một phân công từ một ngày (giữ trong lịch sử)',
        params: e.AssignmentParams,
        body: e.AssignmentEnd,
        response: { 200: e.EditedAssignment },
      },
    },
    async (req) => edits.endAssignment(ctxOf(req), req.params.id, req.params.assignmentId, req.body),
  );
  app.get(
    '/api/v1/plans/:id/unlinked',
    {
      schema: {
        tags,
        summary: 'Các phân công chưa gắn với đơn vị nào (để gắn sau)',
        params: IdParams,
        response: { 200: e.UnlinkedPage },
      },
    },
    async (req) => edits.unlinked(actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/plans/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Thu hồi kế hoạch từ một ngày, có lý do (giữ lịch sử)',
        params: IdParams,
        body: e.Withdraw,
        response: { 200: s.PlanDetail },
      },
    },
    async (req) => {
      await edits.withdraw(ctxOf(req), req.params.id, req.body);
      return plans.get(actorOf(req), req.params.id);
    },
  );
  app.post(
    '/api/v1/plans/:id/replace',
    {
      schema: {
        tags,
        summary: 'Thay thế kế hoạch bằng một kế hoạch khác từ một ngày (giữ lịch sử)',
        params: IdParams,
        body: e.Replace,
        response: { 200: s.PlanDetail },
      },
    },
    async (req) => {
      await edits.replace(ctxOf(req), req.params.id, req.body);
      return plans.get(actorOf(req), req.params.id);
    },
  );
}
