// @ts-nocheck
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { evaluate, ExprError, parseExpr, references, toNumber, toSource, toXPath, type BinOp, type Expr, type Value } from './xlsform-expr.domain.ts';

const answers: Record<string, string> = { age: '34', sex: 'female', tasks: 'sorting crushing', born: '1990-05-17', empty: '', name: 'Rosa Quispe', n: '2.5' };
const run = (src: string, self?: string): Value =>
  evaluate(parseExpr(src), { value: (k) => answers[k], today: '2026-12-02', ...(self === undefined ? {} : { self }) });

describe('the XLSForm expression language', () => {
  test.each<[string, Value]>([
    ['${age} > 17', true],
    ['${age} >= 35', false],
    ["${sex} = 'female'", true],
    ["${sex} != 'female' or ${age} < 18", false],
    ["not(${sex} = 'male') and ${age} <= 34", true],
    ['${age} + 1', 35],
    ['${age} div 4', 8.5],
    ['${age} mod 5', 4],
    ['-${n} * 2', -5],
    ['2 + 3 * 4', 14],
    ['(2 + 3) * 4', 20],
    ["if(${age} >= 18, 'adult', 'minor')", 'adult'],
    ["selected(${tasks}, 'crushing')", true],
    ["selected(${tasks}, 'amalgamation')", false],
    ['count-selected(${tasks})', 2],
    ['string-length(${name})', 11],
    ["regex(${name}, '^[A-Z][a-z]+ [A-Z]')", true],
    ["regex(., '^[0-9]{8}$')", false],
    ['today()', '2026-12-02'],
    ["coalesce(${empty}, 'none')", 'none'],
    ["concat(${name}, ' (', ${age}, ')')", 'Rosa Quispe (34)'],
    ['int(${n})', 2],
    ['round(2.5)', 3],
    ['round(3.14159, 2)', 3.14],
    ['int((today() - ${born}) div 365.25)', 36],
    ['${born} < today()', true],
    ["${empty} = ''", true],
    ['${empty} > 3', false],
    ['${missing} = ""', true],
    ['true() and not(false())', true],
  ])('%s → %j', (src, expected) => expect(run(src)).toEqual(expected));

  test('. is the value being checked', () => {
    expect(run('. >= 0 and . <= 120', '130')).toBe(false);
    expect(run('. >= 0 and . <= 120', '45')).toBe(true);
    expect(run("regex(., '^[0-9]{8}$')", '40718293')).toBe(true);
  });

  test('a date counts days since 1970-01-01', () => {
    expect(toNumber('1970-01-11')).toBe(10);
    expect(run("today() - '2026-11-30'")).toBe(2);
  });

  test.each([
    ['${age} >', 8],
    ['${age', 0],
    ["'open", 0],
    ['foo(1)', 0],
    ['if(1, 2)', 0],
    ['(1 + 2', 6],
    ['1 2', 2],
    ['${a} # 2', 5],
  ])('refuses %s at character %i', (src, at) => {
    let err: unknown;
    try {
      parseExpr(src);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ExprError);
    expect((err as ExprError).position).toBe(at);
  });

  test('lists the fields an expression reads', () => {
    expect(references(parseExpr("${a} > 1 and selected(${b}, 'x') or ${a} = ${c}"))).toEqual(['a', 'b', 'c']);
  });

  test('writes XPath with the fields as absolute paths', () => {
    const xp = toXPath(parseExpr("${age} >= 18 and (${sex} = 'f' or selected(${tasks}, 'x'))"), (n) => `/data/g/${n}`);
    expect(xp).toBe("/data/g/age >= 18 and (/data/g/sex = 'f' or selected(/data/g/tasks, 'x'))");
  });
});

const OPS: BinOp[] = ['or', 'and', '=', '!=', '<', '<=', '>', '>=', '+', '-', '*', 'div', 'mod'];
const tree: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.nat(1000).map((v): Expr => ({ k: 'num', v })),
    fc.stringMatching(/^[a-z ]{0,6}$/).map((v): Expr => ({ k: 'str', v })),
    fc.constantFrom('a', 'b', 'c_d').map((name): Expr => ({ k: 'ref', name })),
    fc.constant<Expr>({ k: 'self' }),
    tie('e').map((e): Expr => ({ k: 'neg', e })),
    fc.record({ op: fc.constantFrom(...OPS), l: tie('e'), r: tie('e') }).map(({ op, l, r }): Expr => ({ k: 'bin', op, l, r })),
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([x, y, z]): Expr => ({ k: 'call', fn: 'if', args: [x, y, z] })),
    fc.tuple(tie('e'), tie('e')).map(([x, y]): Expr => ({ k: 'call', fn: 'concat', args: [x, y] })),
  ),
})).e;

describe('properties', () => {
  test('writing a tree and parsing it back gives the same tree', () => {
    fc.assert(
      fc.property(tree, (e) => {
        expect(parseExpr(toSource(e))).toEqual(e);
      }),
    );
  });

  test('arithmetic and comparison of numbers agree with the numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000, max: 10_000 }), fc.integer({ min: 1, max: 1000 }), (x, y) => {
        const ctx = { value: (k: string) => ({ x: String(x), y: String(y) })[k], today: '2026-01-01' };
        const ev = (src: string) => evaluate(parseExpr(src), ctx);
        expect(ev('${x} + ${y} * 2')).toBe(x + y * 2);
        expect(ev('${x} - ${y} - 1')).toBe(x - y - 1);
        expect(ev('${x} div ${y}')).toBeCloseTo(x / y, 9);
        expect(ev('${x} < ${y}')).toBe(x < y);
        expect(ev('${x} = ${y}')).toBe(String(x) === String(y));
        expect(ev('int(${x} div ${y})')).toBe(Math.trunc(x / y));
      }),
    );
  });

  test('evaluation never throws on any answers', () => {
    fc.assert(
      fc.property(tree, fc.dictionary(fc.constantFrom('a', 'b', 'c_d'), fc.string({ maxLength: 5 })), fc.string({ maxLength: 5 }), (e, vals, self) => {
        const v = evaluate(e, { value: (k) => vals[k], self, today: '2026-01-01' });
        expect(['string', 'number', 'boolean']).toContain(typeof v);
      }),
    );
  });
});

describe('choice filters', () => {
  test('a bare name is a choices-sheet column', () => {
    const e = parseExpr("province = ${department} and name != 'x'");
    expect(e).toEqual({
      k: 'bin',
      op: 'and',
      l: { k: 'bin', op: '=', l: { k: 'name', name: 'province' }, r: { k: 'ref', name: 'department' } },
      r: { k: 'bin', op: '!=', l: { k: 'name', name: 'name' }, r: { k: 'str', v: 'x' } },
    });
    const cols: Record<string, string> = { province: '21', name: 'y' };
    expect(evaluate(e, { value: () => '21', today: '2026-01-01', column: (c) => cols[c] })).toBe(true);
    expect(toXPath(e, (n) => `/data/${n}`)).toBe("province = /data/department and name != 'x'");
  });
});
