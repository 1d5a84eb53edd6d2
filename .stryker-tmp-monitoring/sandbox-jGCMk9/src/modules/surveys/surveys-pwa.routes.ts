/**
 * The offline app's two root files, which the web app's static route (under /assets/)
 * does not serve: the service worker, at the root so that its scope is the whole app, and
 * the web app manifest. Never cached by the browser: a new build's worker is found at once.
 */
// @ts-nocheck

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RouteModule } from '../../platform/http/app.ts';
import { WEB_DIST } from '../../platform/http/web.routes.ts';

const FILES = { '/sw.js': 'text/javascript; charset=utf-8', '/manifest.webmanifest': 'application/manifest+json' } as const;

export const surveysPwaRoutes: RouteModule = (app) => {
  for (const [path, type] of Object.entries(FILES)) {
    app.get(path, { schema: { hide: true } }, async (_req, reply) => {
      const file = join(WEB_DIST, path.slice(1));
      if (!existsSync(file)) {
        reply.callNotFound();
        return reply;
      }
      return reply
        .type(type)
        .header('cache-control', 'no-cache')
        .send(await readFile(file));
    });
  }
};
