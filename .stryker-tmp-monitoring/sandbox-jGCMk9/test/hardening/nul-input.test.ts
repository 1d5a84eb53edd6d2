/**
 * NUL (which PostgreSQL text cannot hold: 22P05) or broken percent-encoding in a path or
 * query parameter is a 400 problem on every route — one hook, not per route — and never a
 * 500 (issue 19 found 11 endpoints answering 500). The walk is the server's own route table.
 */
// @ts-nocheck

import { describe, expect, test } from 'vitest';
import { badUrlCharacters, nulInJson } from '../../src/platform/auth/request-guards.ts';
import { authHeaders, testServer } from '../http.ts';

const server = await testServer();
const headers = await authHeaders('admin');
const gets = server.routeTable.filter((r) => r.method === 'GET');
// Names of query parameters the routes take (unknown ones are ignored by their schemas).
const QUERY = [
  'q',
  'region',
  'department',
  'ruc',
  'code',
  'entity',
  'entityId',
  'from',
  'to',
  'asOf',
  'year',
  'bbox',
  'actor',
  'inscription',
  'status',
  'format',
];

describe.each([
  ['NUL', '%00'],
  ['invalid UTF-8', '%C3%28'],
  ['an encoded surrogate', '%ED%A0%80'],
])('%s', (_name, bad) => {
  test.each(gets.map((r) => [r.url, r] as const))('in the query of GET %s', async (_url, route) => {
    const url = `${route.url.replace(/:(\w+)/g, '1')}?${QUERY.map((k) => `${k}=a${bad}`).join('&')}`;
    const res = await server.inject({ method: 'GET', url, headers });
    expect(res.statusCode, url).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  test.each(gets.filter((r) => r.url.includes(':')).map((r) => [r.url, r] as const))('in the path of GET %s', async (_url, route) => {
    const url = route.url.replace(/:(\w+)/g, `1${bad}`);
    const res = await server.inject({ method: 'GET', url, headers });
    expect(res.statusCode, url).toBe(400);
  });
});

test('the problem names the part and a stable code', async () => {
  const res = await server.inject({ method: 'GET', url: '/api/public/registry/search?q=PE%00A', headers });
  expect(res.json()).toMatchObject({ status: 400, code: 'request.nul', errors: [{ path: 'query' }] });
});

test('a NUL inside a JSON body is a 400 naming its path', async () => {
  const res = await server.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'pu\u0000no', password: 'whatever-password' },
    remoteAddress: '10.250.0.1',
  });
  expect(res.statusCode).toBe(400);
  expect(res.json()).toMatchObject({ code: 'request.nul', errors: [{ path: 'body.username' }] });
});

test('the server still answers afterwards', async () => {
  expect((await server.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
});

describe('the pure checks', () => {
  test('clean URLs pass, spaces and accents included', () => {
    expect(badUrlCharacters('/api/public/registry/search?q=PE%C3%91A+N%C3%9A%C3%91EZ&limit=5')).toBeNull();
    expect(badUrlCharacters('/api/registry/rights/010203040')).toBeNull();
  });
  test('each bad form is named', () => {
    expect(badUrlCharacters('/api/x/%00')).toEqual({ part: 'path', problem: 'nul' });
    expect(badUrlCharacters('/api/x?a=1&b=%00')).toEqual({ part: 'query', problem: 'nul' });
    expect(badUrlCharacters('/api/x?%00=1')).toEqual({ part: 'query', problem: 'nul' });
    expect(badUrlCharacters('/api/x?a=%ZZ')).toEqual({ part: 'query', problem: 'encoding' });
    expect(badUrlCharacters('/api/x?a=%C0%80')).toEqual({ part: 'query', problem: 'encoding' });
  });
  test('JSON bodies are walked through arrays and objects', () => {
    expect(nulInJson({ a: [{ b: 'ok' }, { c: 'x\u0000' }] })).toBe('body.a.1.c');
    expect(nulInJson({ a: [1, 'two', null, { b: true }] })).toBeNull();
  });
});
