/** The API baseline: a bare Fastify route serving the same bytes, nothing else (one route per path, the body by URL). */
// @ts-nocheck

import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const [file, port] = process.argv.slice(2);
const routes = new Map(Object.entries(JSON.parse(readFileSync(file!, 'utf8')) as Record<string, { body: string; contentType: string }>));
const app = Fastify();
for (const path of new Set([...routes.keys()].map((url) => url.split('?')[0]!))) {
  app.get(path, (req, reply) => {
    const r = routes.get(req.url);
    return r ? reply.type(r.contentType).send(r.body) : reply.status(404).send();
  });
}
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.stdout.write('ready\n');
