/**
 * `GET /api/public/tiles/{layer}/{z}/{x}/{y}.pbf`: the public map's vector tiles (no personal
 * data). On the public cache: a tile is kept, with its ETag, for the data version (the audit
 * head), so a cadastre, DAC, areas or REINFO import (each appends to the audit log) makes
 * every layer's tiles new at once, in every process; browsers revalidate (304 while unchanged).
 */
import { z } from 'zod';
import type { RouteModule } from '../../platform/http/app.ts';
import { badRequest } from '../../platform/http/problem.ts';
import { isTile, TILE_LAYERS } from './tiles.domain.ts';
import { renderTile } from './tiles.service.ts';

export const tileRoutes: RouteModule = (app, { db }) => {
  app.get('/api/public/tiles/:layer/:z/:x/:y.pbf', {
    config: { access: ['public'], publicCache: true },
    schema: {
      tags: ['public'],
      summary: 'Vector tile (Mapbox Vector Tile 2.1) of a public map layer: rights, fronts, protected areas, situation classes',
      description:
        'Rights: clusters (a count per cell) below zoom 8, polygons with their kind from 8, with code, name and department from 11. Fronts and situation classes: clusters below zoom 10. `year` picks the DAC year of the situation layer (default: the latest).',
      params: z.object({ layer: z.enum(TILE_LAYERS), z: z.coerce.number().int(), x: z.coerce.number().int(), y: z.coerce.number().int() }),
      querystring: z.object({ year: z.coerce.number().int().min(1990).max(2100).optional() }),
    },
    handler: async (req, reply) => {
      const { layer, z: zoom, x, y } = req.params;
      if (!isTile(zoom, x, y)) throw badRequest('No such tile', [{ path: 'z/x/y', message: 'outside the tile pyramid' }]);
      const version = req.publicCache?.version;
      const tile = await renderTile(db, layer, zoom, x, y, {
        ...(req.query.year === undefined ? {} : { year: req.query.year }),
        ...(version === undefined ? {} : { version }),
      });
      return reply.header('content-type', 'application/vnd.mapbox-vector-tile').send(Buffer.from(tile));
    },
  });
};
