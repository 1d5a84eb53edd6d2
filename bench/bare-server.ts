/** The API baseline: a bare Fastify route serving the same bytes, nothing else. */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const [file, port] = process.argv.slice(2);
const routes = JSON.parse(readFileSync(file!, 'utf8')) as Record<string, { body: string; contentType: string }>;
const app = Fastify();
for (const [url, r] of Object.entries(routes)) {
  const path = url.split('?')[0]!;
  app.get(path, (_req, reply) => reply.type(r.contentType).send(r.body));
}
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.stdout.write('ready\n');
