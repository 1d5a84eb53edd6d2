/** When `veta` reads PGlite's WebAssembly ahead: commands that may open the embedded database. */
import { expect, test } from 'vitest';
import { opensPglite } from './program.ts';

const argv = (...words: string[]): string[] => ['node', 'veta', ...words];

test('database commands prefetch PGlite; serve (its own thread), help, --version, openapi and DATABASE_URL do not', () => {
  expect(opensPglite(argv('migrate'), {})).toBe(true);
  expect(opensPglite(argv('serve'), {})).toBe(false);
  expect(opensPglite(argv('serve', '--demo'), {})).toBe(false);
  expect(opensPglite(argv('import', 'reinfo', 'f.csv'), {})).toBe(true);
  expect(opensPglite(argv(), {})).toBe(false);
  expect(opensPglite(argv('--version'), {})).toBe(false);
  expect(opensPglite(argv('help'), {})).toBe(false);
  expect(opensPglite(argv('import', 'reinfo', '--help'), {})).toBe(false);
  expect(opensPglite(argv('migrate', '-h'), {})).toBe(false);
  expect(opensPglite(argv('openapi', '--out', 'x.json'), {})).toBe(false);
  expect(opensPglite(argv('migrate'), { DATABASE_URL: 'postgres://x@127.0.0.1/db' })).toBe(false);
});
