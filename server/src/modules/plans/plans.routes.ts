import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { notFound } from '../../platform/errors.js';
import { IdParams } from '../../platform/schemas.js';
import type { App, Deps } from '../../platform/types.js';
import { organizationsPolicy } from '../organizations/organizations.policy.js';
import { findUnitPath } from './plans.repository.js';
import * as s from './plans.schemas.js';
import { PlansService } from './plans.service.js';

const tags = ['plans'];

export function plansRoutes(app: App, { db }: Deps): void {
  const service = new PlansService(db);

  app.get(
    '/api/v1/plans',
    {
      schema: {
        tags,
        summary: 'Các kế hoạch liên quan đến phạm vi của người dùng',
        response: { 200: z.object({ items: z.array(s.PlanSummary) }) },
      },
    },
    async (req) => ({ items: await service.list(actorOf(req)) }),
  );
  app.get(
    '/api/v1/plans/:id',
    {
      schema: {
        tags,
        summary: 'Một kế hoạch: văn bản, căn cứ, mục, nhiệm vụ, phân công',
        params: IdParams,
        response: { 200: s.PlanDetail },
      },
    },
    async (req) => service.get(actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/org-units/:id/assignments',
    {
      schema: {
        tags,
        summary: 'Nhiệm vụ được giao cho một đơn vị qua các kế hoạch',
        params: IdParams,
        response: { 200: z.object({ items: z.array(s.UnitAssignment) }) },
      },
    },
    async (req) => {
      const unit = await findUnitPath(db, req.params.id);
      if (!unit) throw notFound('unit');
      organizationsPolicy.assertCanRead(actorOf(req), unit);
      return { items: await service.assignmentsOfUnit(unit.id) };
    },
  );
}
