import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import type { App, Deps } from '../../platform/types.js';
import { RollupService } from './rollup.js';
import * as s from './rollup.schemas.js';
import { rollupWorkbook, XLSX } from './rollup.xlsx.js';

const tags = ['indicators'];

/** Roll-up, trend, summary and the table's export (docs/indicators.md "Roll-up", "Dashboard"). */
export function registerDashboardRoutes(app: App, { db, clock }: Deps): void {
  const service = new RollupService(db, clock);

  app.get(
    '/api/v1/indicators/rollup',
    {
      schema: {
        tags,
        summary: 'Tổng hợp một chỉ tiêu theo kỳ: từng đơn vị trực thuộc và tổng (tổng tử số ÷ tổng mẫu số)',
        querystring: s.RollupQuery,
        response: { 200: s.Rollup },
      },
    },
    async (req) => service.rollup(actorOf(req), req.query),
  );
  app.get(
    '/api/v1/indicators/rollup.xlsx',
    {
      schema: {
        tags,
        summary: 'Tải bảng tổng hợp chỉ tiêu (.xlsx)',
        querystring: s.RollupQuery,
        response: {
          200: {
            description: 'Tệp .xlsx',
            content: { [XLSX]: { schema: z.unknown().meta({ type: 'string', format: 'binary' }) } },
          },
        },
      },
    },
    async (req, reply) => {
      const view = await service.rollup(actorOf(req), req.query);
      const file = await rollupWorkbook(view);
      const name = `${view.indicator.code}-${view.period.key}.xlsx`;
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file);
    },
  );
  app.get(
    '/api/v1/indicators/trend',
    {
      schema: {
        tags,
        summary: 'Diễn biến một chỉ tiêu qua các năm so với mục tiêu',
        querystring: s.TrendQuery,
        response: { 200: s.Trend },
      },
    },
    async (req) => service.trend(actorOf(req), req.query),
  );
  app.get(
    '/api/v1/indicators/summary',
    {
      schema: {
        tags,
        summary: 'Tất cả chỉ tiêu của một đơn vị trong kỳ: giá trị, mục tiêu, trạng thái, mức đầy đủ',
        querystring: s.SummaryQuery,
        response: { 200: s.Summary },
      },
    },
    async (req) => service.summary(actorOf(req), req.query),
  );
}
