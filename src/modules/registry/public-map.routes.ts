import { z } from 'zod';
import { PUBLIC_ACTOR, withActor } from '../../platform/context.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { badRequest } from '../../platform/http/problem.ts';

const featureCollection = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) });

/** Map layers for the public: mining fronts as points, rights as polygons — no personal data. */
export const publicMapRoutes: RouteModule = (app, { db }) => {
  app.get('/api/public/registry/fronts', {
    config: { access: ['public'], publicCache: true, csv: true },
    schema: {
      tags: ['public'],
      summary: 'Mining fronts of the REINFO inscriptions as GeoJSON points (id, status, activity, department)',
      querystring: z.object({
        department: z
          .string()
          .regex(/^\d{2}$/)
          .optional(),
      }),
      response: { 200: featureCollection },
    },
    handler: async (req) => {
      const { rows } = await withActor(db, PUBLIC_ACTOR, (tx) =>
        tx.query<{ fc: unknown }>(
          `SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
             'type', 'Feature',
             'geometry', ST_AsGeoJSON(f.front, 5)::json,
             'properties', json_build_object('id', f.id, 'status', f.status, 'activity', f.activity, 'departmentCode', f.department_code)
           ) ORDER BY f.id), '[]'::json)) AS fc
           FROM public_fronts f WHERE $1::text IS NULL OR f.department_code = $1`,
          [req.query.department ?? null],
        ),
      );
      return rows[0]!.fc as z.infer<typeof featureCollection>;
    },
  });

  app.get('/api/public/registry/rights', {
    config: { access: ['public'], publicCache: true, csv: true },
    schema: {
      tags: ['public'],
      summary: "Mining rights' polygons in a bounding box (bbox=west,south,east,north, at most 3° a side)",
      querystring: z.object({ bbox: z.string().regex(/^-?[\d.]+,-?[\d.]+,-?[\d.]+,-?[\d.]+$/) }),
      response: { 200: featureCollection },
    },
    handler: async (req) => {
      const [w, s, e, n] = req.query.bbox.split(',').map(Number) as [number, number, number, number];
      if (!(w < e && s < n) || e - w > 3 || n - s > 3) {
        throw badRequest('bbox must be west,south,east,north with at most 3 degrees a side', [{ path: 'bbox', message: 'invalid or too large' }]);
      }
      const { rows } = await withActor(db, PUBLIC_ACTOR, (tx) =>
        tx.query<{ fc: unknown }>(
          `SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
             'type', 'Feature',
             'geometry', ST_AsGeoJSON(r.geom, 6)::json,
             'properties', json_build_object('code', r.code, 'name', r.name, 'hectares', r.hectares,
                                             'departmentCode', r.department_code, 'verification', r.verification)
           ) ORDER BY r.code), '[]'::json)) AS fc
           FROM public_rights r WHERE r.geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)`,
          [w, s, e, n],
        ),
      );
      return rows[0]!.fc as z.infer<typeof featureCollection>;
    },
  });
};
