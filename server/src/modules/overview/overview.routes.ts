import { actorOf } from '../../platform/auth/plugin.js';
import { IdParams } from '../../platform/schemas.js';
import type { App, Deps } from '../../platform/types.js';
import * as s from './overview.schemas.js';
import { OverviewService } from './overview.service.js';

const tags = ['overview'];

export function overviewRoutes(app: App, { db, clock }: Deps): void {
  const service = new OverviewService(db, clock);

  app.get(
    '/api/v1/plans/:id/periods',
    {
      schema: {
        tags,
        summary: 'Các kỳ báo cáo của kế hoạch (có nghĩa vụ báo cáo trong phạm vi người xem), kèm số lượng',
        params: IdParams,
        response: { 200: s.PeriodList },
      },
    },
    async (req) => service.periods(actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/plans/:id/overview',
    {
      schema: {
        tags,
        summary:
          'Tổng hợp theo dõi của một kỳ: số lượng theo tình trạng và theo cấp, danh sách đơn vị (lọc, sắp xếp, từng trang), tỷ lệ đúng hạn',
        params: IdParams,
        querystring: s.OverviewQuery,
        response: { 200: s.Overview },
      },
    },
    async (req) => service.overview(actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/v1/plans/:id/progress',
    {
      schema: {
        tags,
        summary: 'Tiến độ của một kỳ: từng nhiệm vụ theo các đơn vị được giao, từng mục và cả kế hoạch theo nhiệm vụ',
        params: IdParams,
        querystring: s.PeriodQuery,
        response: { 200: s.PlanProgress },
      },
    },
    async (req) => service.progress(actorOf(req), req.params.id, req.query.period),
  );
}
