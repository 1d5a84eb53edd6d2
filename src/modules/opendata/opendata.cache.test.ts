/** The on-disk download cache: stored once complete, never when cut short, stale with a new data version, within its budget. */
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, describe, expect, test } from 'vitest';
import { downloadCache, type DownloadCache } from './opendata.cache.ts';

let cache: DownloadCache;
afterEach(() => cache.close());

const body = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p)));
/** Stores happen after the body's end, on the file's own callbacks. */
const stored = async (c: DownloadCache, etag: string) => {
  for (let i = 0; i < 100 && !c.has(etag); i++) await new Promise((r) => setTimeout(r, 10));
  return c.has(etag);
};

describe('download cache', () => {
  test('a complete download is stored and served again byte for byte', async () => {
    cache = downloadCache(1024);
    expect(cache.get('"a"')).toBeNull();
    const sent = cache.keep('"a"', 'v1', body('id,name\r\n', '1,Ñ\r\n'));
    expect(await text(sent as Readable)).toBe('id,name\r\n1,Ñ\r\n');
    expect(await stored(cache, '"a"')).toBe(true);
    expect(await text(cache.get('"a"')!)).toBe('id,name\r\n1,Ñ\r\n');
    const buffer = Buffer.from('PK zip');
    expect(cache.keep('"b"', 'v1', buffer)).toBe(buffer);
    expect(await stored(cache, '"b"')).toBe(true);
    expect(await text(cache.get('"b"')!)).toBe('PK zip');
  });

  test('a failed render or an abandoned download stores nothing', async () => {
    cache = downloadCache(1024);
    const failing = Readable.from(
      (async function* () {
        yield Buffer.from('half');
        throw new Error('database went away');
      })(),
    );
    await expect(text(cache.keep('"x"', 'v1', failing) as Readable)).rejects.toThrow(/went away/);
    const sent = cache.keep('"y"', 'v1', body('a', 'b', 'c')) as Readable;
    sent.destroy();
    await new Promise((r) => setTimeout(r, 50));
    expect(cache.has('"x"')).toBe(false);
    expect(cache.has('"y"')).toBe(false);
    expect(cache.size().files).toBe(0);
  });

  test("a new data version drops the old one's files (not snapshots'), and the oldest go past the budget", async () => {
    cache = downloadCache(10);
    await text(cache.keep('"old"', 'v1', body('1234')) as Readable);
    await text(cache.keep('"snap"', null, body('5678')) as Readable);
    expect((await stored(cache, '"old"')) && (await stored(cache, '"snap"'))).toBe(true);
    await text(cache.keep('"new"', 'v2', body('9')) as Readable);
    expect(await stored(cache, '"new"')).toBe(true);
    expect(cache.has('"old"')).toBe(false);
    expect(cache.has('"snap"')).toBe(true);
    await text(cache.keep('"big"', 'v2', body('abcdefg')) as Readable);
    expect(await stored(cache, '"big"')).toBe(true);
    // 4 + 1 + 7 > 10: the snapshot, the oldest, goes
    expect(cache.has('"snap"')).toBe(false);
    expect(cache.size()).toEqual({ files: 2, bytes: 8 });
    await text(cache.keep('"huge"', 'v2', body('0123456789ABC')) as Readable);
    expect(await stored(cache, '"huge"')).toBe(false);
    expect(downloadCache(0).keep('"z"', 'v1', Buffer.from('x'))).toEqual(Buffer.from('x'));
  });
});
