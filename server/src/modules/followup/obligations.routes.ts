import { actorOf, ctxOf } from '../../platform/auth/plugin.js';
import type { App, Deps } from '../../platform/types.js';
import {
  Home,
  HomeQuery,
  OwedPage,
  OwedQuery,
  PlanRegime,
  PlanRegimeParams,
  PlanRegimeUpdate,
  TaskRegime,
  TaskRegimeParams,
  TaskRegimeUpdate,
} from './obligations.schemas.js';
import { ObligationsService } from './obligations.service.js';

const tags = ['followup'];

export function obligationsRoutes(app: App, { db, clock }: Deps): void {
  const service = new ObligationsService(db, clock);
  app.get(
    '/api/v1/plans/:id/regime',
    {
      schema: {
        tags,
        summary: 'Chế độ báo cáo của kế hoạch, nơi nhận báo cáo và khoảng thời gian báo cáo',
        params: PlanRegimeParams,
        response: { 200: PlanRegime },
      },
    },
    async (req) => service.planRegime(actorOf(req), req.params.id),
  );
  app.put(
    '/api/v1/plans/:id/regime',
    {
      schema: {
        tags,
        summary: 'Đặt chế độ báo cáo (áp dụng từ kỳ chưa bắt đầu), nơi nhận báo cáo, khoảng thời gian báo cáo',
        params: PlanRegimeParams,
        body: PlanRegimeUpdate,
        response: { 200: PlanRegime },
      },
    },
    async (req) => service.updatePlanRegime(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/plans/:id/tasks/:taskId/regime',
    {
      schema: {
        tags,
        summary: 'Chế độ báo cáo của một nhiệm vụ (riêng hoặc theo kế hoạch)',
        params: TaskRegimeParams,
        response: { 200: TaskRegime },
      },
    },
    async (req) => service.taskRegime(actorOf(req), req.params.id, req.params.taskId),
  );
  app.put(
    '/api/v1/plans/:id/tasks/:taskId/regime',
    {
      schema: {
        tags,
        summary: 'Đặt chế độ báo cáo riêng cho một nhiệm vụ (null: theo kế hoạch)',
        params: TaskRegimeParams,
        body: TaskRegimeUpdate,
        response: { 200: TaskRegime },
      },
    },
    async (req) => service.updateTaskRegime(ctxOf(req), req.params.id, req.params.taskId, req.body),
  );
  app.get(
    '/api/v1/me/obligations',
    {
      schema: {
        tags,
        summary: 'Việc cần làm: các báo cáo đơn vị của tôi phải nộp, theo hạn; kế hoạch cần ban hành',
        querystring: OwedQuery,
        response: { 200: OwedPage },
      },
    },
    async (req) => service.owed(actorOf(req), req.query),
  );
  app.get(
    '/api/v1/me/home',
    {
      schema: {
        tags,
        summary: 'Trang chủ lãnh đạo: số báo cáo theo trạng thái và các việc gấp nhất trong phạm vi',
        querystring: HomeQuery,
        response: { 200: Home },
      },
    },
    async (req) => service.home(actorOf(req), req.query),
  );
}
