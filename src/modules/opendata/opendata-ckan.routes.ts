import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { RouteModule } from '../../platform/http/app.ts';
import { searchDatasets } from './opendata.catalog.ts';
import { ckanPackage } from './opendata.entries.ts';
import { baseUrl, catalogEntries } from './opendata.routes.ts';

/** CKAN's error envelope and status codes (ckan/views/api.py): 404 not found, 409 validation. */
function ckanError(reply: FastifyReply, help: string, status: 404 | 409, error: Record<string, unknown>) {
  return reply.code(status).type('application/json').send({ help, success: false, error });
}

const help = (base: string, action: string): string => `${base}/api/3/action/help_show?name=${action}`;

/**
 * A CKAN-compatible read API (action API v3: package_list, package_show, package_search)
 * over the same catalog, because the portals that harvest government data — datosabiertos.gob.pe
 * among them — speak CKAN. Envelopes `{help, success, result}`; errors as CKAN's.
 */
export const opendataCkanRoutes: RouteModule = (app, { db }) => {
  app.get('/api/3/action/package_list', {
    config: { access: ['public'] },
    schema: { tags: ['opendata'], summary: 'CKAN package_list: the dataset identifiers' },
    handler: async (req) => {
      const { entries } = await catalogEntries(db, baseUrl(req));
      return { help: help(baseUrl(req), 'package_list'), success: true, result: entries.map((e) => e.id) };
    },
  });

  app.get('/api/3/action/package_show', {
    config: { access: ['public'] },
    schema: {
      tags: ['opendata'],
      summary: 'CKAN package_show?id=: one dataset with its resources',
      querystring: z.object({ id: z.string().max(200).optional() }),
    },
    handler: async (req, reply) => {
      const base = baseUrl(req);
      if (!req.query.id) return ckanError(reply, help(base, 'package_show'), 409, { __type: 'Validation Error', id: ['Missing value'] });
      const { entries, version } = await catalogEntries(db, base);
      const e = entries.find((x) => x.id === req.query.id);
      if (!e) return ckanError(reply, help(base, 'package_show'), 404, { __type: 'Not Found Error', message: 'Not found' });
      return { help: help(base, 'package_show'), success: true, result: ckanPackage(e, version.modified) };
    },
  });

  app.get('/api/3/action/package_search', {
    config: { access: ['public'] },
    schema: {
      tags: ['opendata'],
      summary: 'CKAN package_search?q=&rows=&start=: datasets matching every word of q',
      querystring: z.object({ q: z.string().max(200).optional(), rows: z.string().optional(), start: z.string().optional() }),
    },
    handler: async (req, reply) => {
      const base = baseUrl(req);
      const rows = req.query.rows === undefined ? 10 : Number(req.query.rows);
      const start = req.query.start === undefined ? 0 : Number(req.query.start);
      const bad: Record<string, string[]> = {};
      if (!Number.isInteger(rows) || rows < 0 || rows > 1000) bad['rows'] = ['Invalid integer'];
      if (!Number.isInteger(start) || start < 0) bad['start'] = ['Invalid integer'];
      if (Object.keys(bad).length > 0) return ckanError(reply, help(base, 'package_search'), 409, { __type: 'Validation Error', ...bad });
      const { entries, version } = await catalogEntries(db, base);
      // CKAN's q is Solr syntax; `*:*` (everything) and plain words are what harvesters send.
      const q = req.query.q === '*:*' ? '' : req.query.q;
      const found = searchDatasets(entries, q);
      return {
        help: help(base, 'package_search'),
        success: true,
        result: {
          count: found.length,
          sort: 'score desc, metadata_modified desc',
          facets: {},
          search_facets: {},
          results: found.slice(start, start + rows).map((e) => ckanPackage(e, version.modified)),
        },
      };
    },
  });
};
