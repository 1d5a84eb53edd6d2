import type { RouteModule } from '../../platform/http/app.ts';
import { formalizationReport } from './formalization.report.ts';
import { publicFunnelSchema } from './formalization-report.schema.ts';

/**
 * The formalization funnel for everyone: milestone counts, national and per region —
 * aggregates only (no expediente, inscription or reviewer). Computed as the auditor,
 * who reads every region and writes nothing.
 */
export const formalizationPublicRoutes: RouteModule = (app, { db }) => {
  app.get('/api/public/formalization/funnel', {
    config: { access: ['public'], publicCache: true, csv: true },
    schema: { tags: ['public'], summary: 'Formalization milestones reached, national and per region (aggregates)', response: { 200: publicFunnelSchema } },
    handler: async () => {
      const report = await formalizationReport(db, { username: 'public', role: 'auditor', region: null, ruc: null, userId: null }, { stalledDays: 90 });
      return {
        cutoff: report.cutoff,
        national: { totals: report.national?.funnel.totals ?? [] },
        regions: report.regions.map((r) => ({ code: r.scope, name: r.name, totals: r.funnel.totals })),
      };
    },
  });
};
