import { actorOf, ctxOf } from '../../platform/auth/plugin.js';
import type { App, Deps } from '../../platform/types.js';
import {
  FiguresApproval,
  FiguresCollection,
  FiguresCollectionUpdate,
  FormParams,
  PlanParams,
  ReviewQuery,
  ReviewQueue,
} from './approval.schemas.js';
import { ApprovalService } from './approval.service.js';

const tags = ['indicators'];

/**
 * Approval (docs/indicators.md "Approval"): a plan's figures collection, the approval state of a
 * form, the review queue. Submit / accept / return are the follow-through's report routes.
 */
export function registerApprovalRoutes(app: App, { db, clock }: Deps): void {
  const service = new ApprovalService(db, clock);
  app.get(
    '/api/v1/plans/:id/figures',
    {
      schema: {
        tags,
        summary: 'Kế hoạch thu thập số liệu chỉ tiêu: tần suất, từ năm, các chỉ tiêu, số ngày khóa sau hạn',
        params: PlanParams,
        response: { 200: FiguresCollection },
      },
    },
    async (req) => service.collection(actorOf(req), req.params.id),
  );
  app.put(
    '/api/v1/plans/:id/figures',
    {
      schema: {
        tags,
        summary: 'Đặt việc thu thập số liệu chỉ tiêu của kế hoạch (nghĩa vụ nộp số liệu áp dụng từ hôm nay)',
        params: PlanParams,
        body: FiguresCollectionUpdate,
        response: { 200: FiguresCollection },
      },
    },
    async (req) => service.setCollection(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/indicators/forms/:unitId/:periodKey/approval',
    {
      schema: {
        tags,
        summary: 'Trạng thái duyệt số liệu của đơn vị trong kỳ: hạn, nơi duyệt, điều kiện gửi, cấp dưới chưa duyệt',
        params: FormParams,
        response: { 200: FiguresApproval },
      },
    },
    async (req) => service.approval(actorOf(req), req.params.unitId, req.params.periodKey),
  );
  app.get(
    '/api/v1/indicators/review',
    {
      schema: {
        tags,
        summary: 'Số liệu chỉ tiêu cấp mình nhận duyệt, theo kỳ',
        querystring: ReviewQuery,
        response: { 200: ReviewQueue },
      },
    },
    async (req) => service.queue(actorOf(req), req.query.period),
  );
}
