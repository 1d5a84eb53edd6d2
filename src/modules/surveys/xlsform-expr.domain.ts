/**
 * The XLSForm expression language — the XPath 1.0 subset that ODK Collect and Enketo
 * evaluate in `relevant`, `constraint`, `calculation`, `required` and `choice_filter`
 * (XLSForm specification, https://xlsform.org/en/#formulas; ODK XForms specification,
 * https://getodk.github.io/xforms-spec/#xpath-functions). One parser to a tree and one
 * evaluator, pure: the server and the web app import this same file, so an answer the
 * device accepts is an answer the server accepts.
 *
 * Semantics follow XPath 1.0 as ODK applies it: a `${field}` is the field's text value
 * ('' when unanswered); `=`/`!=` compare as booleans if either side is boolean, as
 * numbers if either is a number, else as strings; `<`/`<=`/`>`/`>=` and arithmetic
 * compare numbers; a date ('YYYY-MM-DD', optionally with a time) converts to a number of
 * days since 1970-01-01, as JavaRosa and Enketo do, so `. <= today()` and
 * `today() - ${born}` work.
 */

export type BinOp = 'or' | 'and' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | 'div' | 'mod';

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'ref'; name: string }
  | { k: 'self' }
  /** A bare name: a column of the choices sheet, in a choice_filter (`district = ${region}`). */
  | { k: 'name'; name: string }
  | { k: 'neg'; e: Expr }
  | { k: 'bin'; op: BinOp; l: Expr; r: Expr }
  | { k: 'call'; fn: string; args: Expr[] };

export type Value = string | number | boolean;

/** What an expression sees: the answers by field name, the value being checked (`.`), the date. */
export interface EvalContext {
  value(name: string): string | undefined;
  self?: string;
  /** A choices-sheet column of the choice being filtered (choice_filter only). */
  column?(name: string): string | undefined;
  /** 'YYYY-MM-DD' in the form's time zone (Peru): the clock is the caller's, not this file's. */
  today: string;
  /** ISO date-time. */
  now?: string;
}

export class ExprError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'ExprError';
  }
}

/** Functions and their argument counts [min, max]. */
export const FUNCTIONS: Readonly<Record<string, readonly [number, number]>> = {
  if: [3, 3],
  selected: [2, 2],
  'count-selected': [1, 1],
  'selected-at': [2, 2],
  'string-length': [1, 1],
  regex: [2, 2],
  today: [0, 0],
  now: [0, 0],
  coalesce: [2, 2],
  concat: [1, 99],
  int: [1, 1],
  round: [1, 2],
  not: [1, 1],
  true: [0, 0],
  false: [0, 0],
  number: [1, 1],
  string: [1, 1],
  boolean: [1, 1],
  contains: [2, 2],
  'starts-with': [2, 2],
  substr: [2, 3],
  'normalize-space': [1, 1],
  abs: [1, 1],
  min: [1, 99],
  max: [1, 99],
};

type Token =
  | { t: 'num'; v: number; at: number }
  | { t: 'str'; v: string; at: number }
  | { t: 'ref'; v: string; at: number }
  | { t: 'op'; v: string; at: number }
  | { t: 'name'; v: string; at: number };

const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*/;

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = src.slice(i);
    if (c === '$') {
      const m = /^\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/.exec(rest);
      if (!m) throw new ExprError('a reference is written ${field_name}', i);
      out.push({ t: 'ref', v: m[1]!, at: i });
      i += m[0].length;
    } else if (c === "'" || c === '"') {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new ExprError('unterminated string', i);
      out.push({ t: 'str', v: src.slice(i + 1, end), at: i });
      i = end + 1;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^[0-9]*\.?[0-9]+|^[0-9]+\.?/.exec(rest)!;
      out.push({ t: 'num', v: Number(m[0]), at: i });
      i += m[0].length;
    } else if (/^(!=|<=|>=)/.test(rest)) {
      out.push({ t: 'op', v: rest.slice(0, 2), at: i });
      i += 2;
    } else if ('=<>+-*(),.'.includes(c)) {
      out.push({ t: 'op', v: c, at: i });
      i++;
    } else {
      const m = NAME.exec(rest);
      if (!m) throw new ExprError(`unexpected character '${c}'`, i);
      // a name may not end in '-' or '.' (x-1 is x minus 1 only with spaces in XPath; keep names whole)
      out.push({ t: 'name', v: m[0], at: i });
      i += m[0].length;
    }
  }
  return out;
}

const LEVELS: readonly (readonly string[])[] = [['or'], ['and'], ['=', '!='], ['<', '<=', '>', '>='], ['+', '-'], ['*', 'div', 'mod']];

/** Parses an expression into its tree; throws ExprError with the position and why. */
export function parseExpr(src: string): Expr {
  const tokens = tokenize(src);
  let p = 0;
  const peek = (): Token | undefined => tokens[p];
  const isOp = (tok: Token | undefined, v: string): boolean =>
    !!tok && ((tok.t === 'op' && tok.v === v) || (tok.t === 'name' && tok.v === v && ['or', 'and', 'div', 'mod'].includes(v)));
  const expect = (v: string): void => {
    const tok = peek();
    if (!isOp(tok, v)) throw new ExprError(`expected '${v}'`, tok?.at ?? src.length);
    p++;
  };
  const level = (n: number): Expr => {
    if (n === LEVELS.length) return unary();
    let left = level(n + 1);
    for (;;) {
      const tok = peek();
      const op = LEVELS[n]!.find((o) => isOp(tok, o));
      if (!op) return left;
      p++;
      left = { k: 'bin', op: op as BinOp, l: left, r: level(n + 1) };
    }
  };
  const unary = (): Expr => {
    if (isOp(peek(), '-')) {
      p++;
      return { k: 'neg', e: unary() };
    }
    return primary();
  };
  const primary = (): Expr => {
    const tok = peek();
    if (!tok) throw new ExprError('the expression ends too early', src.length);
    p++;
    if (tok.t === 'num') return { k: 'num', v: tok.v };
    if (tok.t === 'str') return { k: 'str', v: tok.v };
    if (tok.t === 'ref') return { k: 'ref', name: tok.v };
    if (tok.t === 'op' && tok.v === '.') return { k: 'self' };
    if (tok.t === 'op' && tok.v === '(') {
      const e = level(0);
      expect(')');
      return e;
    }
    if (tok.t === 'name' && isOp(peek(), '(')) {
      const arity = FUNCTIONS[tok.v];
      if (!arity) throw new ExprError(`unknown function ${tok.v}()`, tok.at);
      p++;
      const args: Expr[] = [];
      if (!isOp(peek(), ')')) {
        args.push(level(0));
        while (isOp(peek(), ',')) {
          p++;
          args.push(level(0));
        }
      }
      expect(')');
      if (args.length < arity[0] || args.length > arity[1])
        throw new ExprError(`${tok.v}() takes ${arity[0] === arity[1] ? arity[0] : `${arity[0]} to ${arity[1]}`} arguments`, tok.at);
      return { k: 'call', fn: tok.v, args };
    }
    if (tok.t === 'name' && !['or', 'and', 'div', 'mod'].includes(tok.v) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(tok.v)) return { k: 'name', name: tok.v };
    throw new ExprError(`unexpected '${tok.v}'`, tok.at);
  };
  const tree = level(0);
  if (p < tokens.length) throw new ExprError(`unexpected '${String(tokens[p]!.v)}'`, tokens[p]!.at);
  return tree;
}

/** The bare names (choices-sheet columns) an expression reads. */
export function columns(e: Expr): string[] {
  const out = new Set<string>();
  const walk = (x: Expr): void => {
    if (x.k === 'name') out.add(x.name);
    else if (x.k === 'neg') walk(x.e);
    else if (x.k === 'bin') {
      walk(x.l);
      walk(x.r);
    } else if (x.k === 'call') x.args.forEach(walk);
  };
  walk(e);
  return [...out];
}

/** The fields an expression reads (`${name}`), each once, in order of appearance. */
export function references(e: Expr): string[] {
  const out = new Set<string>();
  const walk = (x: Expr): void => {
    if (x.k === 'ref') out.add(x.name);
    else if (x.k === 'neg') walk(x.e);
    else if (x.k === 'bin') {
      walk(x.l);
      walk(x.r);
    } else if (x.k === 'call') x.args.forEach(walk);
  };
  walk(e);
  return [...out];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** XPath number(): '' and text are NaN; a date is its days since 1970-01-01. */
export function toNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const s = v.trim();
  if (s === '') return NaN;
  if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return Number(s);
  const d = DATE.exec(s);
  if (d) {
    const ms = Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!, +(d[4] ?? 0), +(d[5] ?? 0), Math.floor(+(d[6] ?? 0)));
    return ms / 86_400_000;
  }
  return NaN;
}

/** XPath string(): integers without a decimal point, NaN as 'NaN'. */
export function toText(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
}

export function toBoolean(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  return v !== '';
}

const items = (v: Value): string[] =>
  toText(v)
    .split(/\s+/)
    .filter((s) => s !== '');

function compare(op: BinOp, a: Value, b: Value): boolean {
  if (op === '=' || op === '!=') {
    let eq: boolean;
    if (typeof a === 'boolean' || typeof b === 'boolean') eq = toBoolean(a) === toBoolean(b);
    else if (typeof a === 'number' || typeof b === 'number') eq = toNumber(a) === toNumber(b);
    else eq = a === b;
    return op === '=' ? eq : !eq;
  }
  const x = toNumber(a);
  const y = toNumber(b);
  return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
}

/** XPath round(x): half up; ODK's round(x, digits) rounds to that many decimals. */
function roundTo(x: number, digits: number): number {
  if (Number.isNaN(x) || !Number.isFinite(x)) return x;
  const f = 10 ** Math.trunc(digits);
  return Math.floor(x * f + 0.5) / f;
}

/** Evaluates a tree against the answers. Pure; an invalid regex is false, never a throw. */
export function evaluate(e: Expr, ctx: EvalContext): Value {
  const ev = (x: Expr): Value => evaluate(x, ctx);
  switch (e.k) {
    case 'num':
      return e.v;
    case 'str':
      return e.v;
    case 'ref':
      return ctx.value(e.name) ?? '';
    case 'self':
      return ctx.self ?? '';
    case 'name':
      return ctx.column?.(e.name) ?? '';
    case 'neg':
      return -toNumber(ev(e.e));
    case 'bin': {
      if (e.op === 'or') return toBoolean(ev(e.l)) || toBoolean(ev(e.r));
      if (e.op === 'and') return toBoolean(ev(e.l)) && toBoolean(ev(e.r));
      const a = ev(e.l);
      const b = ev(e.r);
      if (e.op === '+') return toNumber(a) + toNumber(b);
      if (e.op === '-') return toNumber(a) - toNumber(b);
      if (e.op === '*') return toNumber(a) * toNumber(b);
      if (e.op === 'div') return toNumber(a) / toNumber(b);
      if (e.op === 'mod') return toNumber(a) % toNumber(b);
      return compare(e.op, a, b);
    }
    case 'call':
      return call(e.fn, e.args, ev, ctx);
  }
}

function call(fn: string, args: Expr[], ev: (x: Expr) => Value, ctx: EvalContext): Value {
  const arg = (i: number): Value => ev(args[i]!);
  switch (fn) {
    case 'if':
      return toBoolean(arg(0)) ? arg(1) : arg(2);
    case 'selected':
      return items(arg(0)).includes(toText(arg(1)).trim());
    case 'count-selected':
      return items(arg(0)).length;
    case 'selected-at':
      return items(arg(0))[toNumber(arg(1))] ?? '';
    case 'string-length':
      return [...toText(arg(0))].length;
    case 'regex': {
      try {
        return new RegExp(toText(arg(1)), 'u').test(toText(arg(0)));
      } catch {
        return false;
      }
    }
    case 'today':
      return ctx.today;
    case 'now':
      return ctx.now ?? `${ctx.today}T00:00:00.000-05:00`;
    case 'coalesce': {
      const a = toText(arg(0));
      return a !== '' ? a : toText(arg(1));
    }
    case 'concat':
      return args.map((a) => toText(ev(a))).join('');
    case 'int':
      return Math.trunc(toNumber(arg(0)));
    case 'round':
      return roundTo(toNumber(arg(0)), args.length > 1 ? toNumber(arg(1)) : 0);
    case 'not':
      return !toBoolean(arg(0));
    case 'true':
      return true;
    case 'false':
      return false;
    case 'number':
      return toNumber(arg(0));
    case 'string':
      return toText(arg(0));
    case 'boolean':
      return toBoolean(arg(0));
    case 'contains':
      return toText(arg(0)).includes(toText(arg(1)));
    case 'starts-with':
      return toText(arg(0)).startsWith(toText(arg(1)));
    case 'substr': {
      const s = [...toText(arg(0))];
      const from = toNumber(arg(1));
      return s.slice(from, args.length > 2 ? from + toNumber(arg(2)) : undefined).join('');
    }
    case 'normalize-space':
      return toText(arg(0)).trim().split(/\s+/).join(' ');
    case 'abs':
      return Math.abs(toNumber(arg(0)));
    case 'min':
      return Math.min(...args.map((a) => toNumber(ev(a))));
    case 'max':
      return Math.max(...args.map((a) => toNumber(ev(a))));
    default:
      throw new ExprError(`unknown function ${fn}()`, 0);
  }
}

/**
 * The expression as XPath for an XForm: `${name}` becomes the field's absolute path
 * (`/data/group/name`), everything else as ODK reads it.
 */
export function toXPath(e: Expr, path: (name: string) => string): string {
  const x = (y: Expr, parent: number): string => {
    switch (y.k) {
      case 'num':
        return toText(y.v);
      case 'str':
        return y.v.includes("'") ? `"${y.v}"` : `'${y.v}'`;
      case 'ref':
        return path(y.name);
      case 'self':
        return '.';
      case 'name':
        return y.name;
      case 'neg':
        return `-${x(y.e, 7)}`;
      case 'call':
        return `${y.fn}(${y.args.map((a) => x(a, 0)).join(', ')})`;
      case 'bin': {
        const prec = LEVELS.findIndex((l) => l.includes(y.op)) + 1;
        const s = `${x(y.l, prec)} ${y.op} ${x(y.r, prec + 1)}`;
        return prec < parent ? `(${s})` : s;
      }
    }
  };
  return x(e, 0);
}

/** The expression written back as XLSForm source (the inverse of parseExpr up to spacing). */
export const toSource = (e: Expr): string => toXPath(e, (name) => `\${${name}}`);
