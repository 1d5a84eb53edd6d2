import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { DatasetFilter } from '../../platform/datasets.ts';
import type { Database } from '../../platform/db.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { badRequest, notFound } from '../../platform/http/problem.ts';
import { catalogDatasets, findDataset, searchDatasets, unsupportedFilter } from './opendata.catalog.ts';
import { datasetEntry, dcatCatalog } from './opendata.entries.ts';
import { FORMATS, MEDIA_TYPES, render, type DatasetFormat } from './opendata.formats.ts';
import { downloadCache } from './opendata.cache.ts';
import * as s from './opendata.schema.ts';
import { currentVersion, findSnapshot, liveRecords, publishDatasets, snapshotRecords, snapshots, type SnapshotInfo } from './opendata.service.ts';

/** The site's address as the client reached it: catalog entries carry absolute URLs. */
export const baseUrl = (req: FastifyRequest): string => `${req.protocol}://${req.host}`;

/** Every catalog entry, with the data version's date and each dataset's latest snapshot. */
export async function catalogEntries(db: Database, base: string) {
  const [datasets, version, all] = await Promise.all([catalogDatasets(), currentVersion(db), snapshots(db, null)]);
  const latest = new Map<string, SnapshotInfo>();
  for (const sn of all) if (!latest.has(sn.dataset_id)) latest.set(sn.dataset_id, sn);
  return { version, datasets, entries: datasets.map((d) => datasetEntry(d, base, version.modified, latest.get(d.id) ?? null)) };
}

/** `derechos-mineros.shp` + `zip` (the router splits at the first dot) → the dataset and its format. */
function parseFile(id: string, format: string): { id: string; format: DatasetFormat } | null {
  const [name, f] = id.endsWith('.shp') && format === 'zip' ? [id.slice(0, -4), 'shp.zip'] : [id, format];
  return (FORMATS as readonly string[]).includes(f) ? { id: name, format: f as DatasetFormat } : null;
}

const PUBLISHERS = ['national', 'admin'] as const;

/**
 * The open data catalog and downloads, for everyone: no login, public data only (each
 * dataset's own choice of columns, checked by the open data test). Live downloads carry
 * an ETag of the data version (the audit head) and stream; a whole file (no `?limit=`)
 * is kept on disk per data version and served from there until the data change
 * (opendata.cache.ts). `?date=` downloads the snapshot kept at the latest publication on
 * or before that day.
 */
export const opendataRoutes: RouteModule = (app, { db }) => {
  const cache = downloadCache();
  app.addHook('onClose', () => cache.close());

  app.get('/api/public/datasets', {
    config: { access: ['public'] },
    schema: {
      tags: ['opendata'],
      summary: 'The open data catalog: every dataset with its dictionary and downloads',
      querystring: s.catalogQuery,
      response: { 200: z.array(s.datasetEntrySchema) },
    },
    handler: async (req) => {
      const { entries } = await catalogEntries(db, baseUrl(req));
      return searchDatasets(entries, req.query.q).filter((e) => !req.query.theme || e.theme === req.query.theme);
    },
  });

  app.get('/api/public/datasets/:id', {
    config: { access: ['public'] },
    schema: {
      tags: ['opendata'],
      summary: 'One dataset: metadata, data dictionary, downloads, latest snapshot',
      params: z.object({ id: z.string().max(90) }),
      response: { 200: s.datasetEntrySchema },
    },
    handler: async (req) => {
      const { entries } = await catalogEntries(db, baseUrl(req));
      const e = entries.find((x) => x.id === req.params.id);
      if (!e) throw notFound(`Dataset ${req.params.id}`);
      return e;
    },
  });

  app.get('/api/public/datasets/:id/snapshots', {
    config: { access: ['public'] },
    schema: {
      tags: ['opendata'],
      summary: "A dataset's dated snapshots, newest first (download one with ?date=)",
      params: z.object({ id: z.string().max(90) }),
      response: { 200: z.array(s.snapshotSchema) },
    },
    handler: async (req) => {
      if (!(await findDataset(req.params.id))) throw notFound(`Dataset ${req.params.id}`);
      return (await snapshots(db, req.params.id)).map((sn) => ({
        date: sn.snapshot_date,
        publishedAt: sn.published_at,
        rows: sn.row_count,
        sha256: sn.sha256,
        temporal: { start: sn.temporal_start, end: sn.temporal_end },
        regions: sn.regions,
      }));
    },
  });

  app.get('/api/public/datasets/:id.:format', {
    config: { access: ['public'] },
    schema: {
      tags: ['opendata'],
      summary: 'Download a dataset: csv, xlsx, json, and for spatial datasets geojson and shp.zip',
      description:
        'CSV is UTF-8 with BOM, comma-separated (Excel es-PE). ?region= (UBIGEO department) and ?year= where the dataset honours them; ?date=YYYY-MM-DD for the snapshot published on or before that day; ?limit= for the first rows.',
      params: s.downloadParams,
      querystring: s.downloadQuery,
    },
    handler: async (req, reply) => {
      const file = parseFile(req.params.id, req.params.format);
      const d = file ? await findDataset(file.id) : undefined;
      if (!file || !d) throw notFound(`Dataset ${req.params.id}.${req.params.format}`);
      if (!d.formats.includes(file.format)) throw notFound(`Format ${file.format} of ${d.id} (it has no geometry)`);
      const filter: DatasetFilter = { region: req.query.region ?? null, year: req.query.year ?? null };
      const refused = unsupportedFilter(d, filter);
      if (refused)
        throw badRequest(`Dataset ${d.id} cannot be filtered by ${refused}`, [{ path: `querystring.${refused}`, message: 'not available for this dataset' }]);
      const limit = req.query.limit ?? null;
      let snapshot: SnapshotInfo | null = null;
      let version: string;
      if (req.query.date) {
        snapshot = await findSnapshot(db, d.id, req.query.date);
        if (!snapshot) throw notFound(`Snapshot of ${d.id} on or before ${req.query.date}`);
        if (filter.year !== null && !d.temporalField) throw badRequest(`Snapshots of ${d.id} cannot be filtered by year`);
        version = `snapshot:${snapshot.sha256}`;
      } else version = (await currentVersion(db)).head;
      const etag = `"${createHash('sha1').update(version).update(`${d.id}|${file.format}|${filter.region}|${filter.year}|${limit}`).digest('base64url')}"`;
      void reply.header('etag', etag).header('cache-control', 'public, no-cache');
      if (req.headers['if-none-match'] === etag) return reply.code(304).send();
      const name = [d.id, filter.region, filter.year, snapshot?.snapshot_date].filter((x) => x !== null && x !== undefined).join('_');
      const stored = limit === null ? cache.get(etag) : null;
      let body;
      if (stored) body = stored;
      else {
        const records = snapshot ? snapshotRecords(db, d, snapshot, filter, limit) : liveRecords(db, d, filter, limit);
        const rendered = await render(file.format, d, records);
        body = limit === null ? cache.keep(etag, snapshot ? null : version, rendered) : rendered;
      }
      return reply
        .type(MEDIA_TYPES[file.format])
        .header('content-disposition', `${file.format === 'json' || file.format === 'geojson' ? 'inline' : 'attachment'}; filename="${name}.${file.format}"`)
        .send(body);
    },
  });

  app.get('/api/public/catalog.jsonld', {
    config: { access: ['public'] },
    schema: { tags: ['opendata'], summary: 'The catalog as DCAT-AP 3 JSON-LD, for national and international portals to harvest' },
    handler: async (req, reply) => {
      const base = baseUrl(req);
      const { entries, version } = await catalogEntries(db, base);
      return reply.type('application/ld+json').send(JSON.stringify(dcatCatalog(entries, base, version.modified)));
    },
  });

  app.post('/api/opendata/publish', {
    config: { access: PUBLISHERS },
    schema: { tags: ['opendata'], summary: 'Publish: keep a dated snapshot of every dataset (audited)', response: { 200: s.publishResultSchema } },
    handler: (req) => publishDatasets(db, req.actor),
  });
};
