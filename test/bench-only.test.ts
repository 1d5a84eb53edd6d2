import { describe, expect, it } from 'vitest';
import { parseOnly, splice } from '../bench/only.ts';

describe('npm run bench -- --only', () => {
  it('reads the sections named, in run order, and refuses unknown ones', () => {
    expect(parseOnly(['--only', 'start,reinfo'])).toEqual(['reinfo', 'start']);
    expect(parseOnly(['--only=ledger'])).toEqual(['ledger']);
    expect(parseOnly([])).toBeNull();
    expect(() => parseOnly(['--only', 'reinfo,nope'])).toThrow(/not nope/);
    expect(() => parseOnly(['--only'])).toThrow(/comma-separated/);
  });

  it('replaces the sections of the same heading, adds new ones before the notes, and says so in the header', () => {
    const md = '# Benchmarks\n\n- Machine: x\n\n## A\n\nold a\n\n## B\n\nold b\n\n## Reading the figures\n\nnotes\n';
    const out = splice(md, ['## B\n\nnew b\n', '## C\n\nnew c\n'], '- Sections rerun alone: B, C.');
    expect(out).toBe(
      '# Benchmarks\n\n- Machine: x\n- Sections rerun alone: B, C.\n\n## A\n\nold a\n\n## B\n\nnew b\n\n## C\n\nnew c\n\n## Reading the figures\n\nnotes\n',
    );
  });
});
