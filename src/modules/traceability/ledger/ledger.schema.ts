/**
 * The import contract of the gold ledger (`veta ledger import FILE.jsonl`): one
 * JSON event per line, discriminated on `type`. Unknown fields are rejected (a
 * misspelt `fineGram` must not silently turn a partial transfer into a whole one).
 */
import canonicalize from 'canonicalize';
import { z } from 'zod';
import { isoDateSchema as isoDate } from '../../../kernel/date.schema.ts';
import { MAX_SIGNIFICANT_DIGITS, grossFineMg, gramsToMg, oreFineMg, significantDigits, tonnesToKg, type Mg } from './quantity.domain.ts';

export const MATERIALS = ['ore', 'concentrate', 'dore', 'fine_gold', 'jewelry'] as const;
export type Material = (typeof MATERIALS)[number];

/** Certification schemes; a claim says a transfer was sold as certified under one. */
export const CERT_SCHEMES = ['FAIRMINED', 'FAIRMINED_ECOLOGICAL', 'CRAFT'] as const;
export type CertScheme = (typeof CERT_SCHEMES)[number];

/** One error of an import: `row` is the 1-based line, `field` a dotted path ('' = whole line). */
export interface LedgerError {
  readonly row: number;
  readonly id: string;
  readonly field: string;
  readonly message: string;
}

const id = z.string().trim().min(1).max(128);
const ruc = z.string().regex(/^\d{11}$/, { error: 'must be a RUC of 11 digits' });
const code = z.string().trim().min(1).max(64);
const precise = (n: number) => significantDigits(n) <= MAX_SIGNIFICANT_DIGITS;
const preciseError = { error: `must have at most ${MAX_SIGNIFICANT_DIGITS} significant digits` };
const positive = z.number().positive({ error: 'must be greater than 0' }).refine(precise, preciseError);
const fraction = positive.refine((n) => n <= 1, { error: 'must be at most 1' });

const produceEventSchema = z.strictObject({
  id,
  type: z.literal('produce'),
  date: isoDate,
  actor: ruc,
  site: code,
  lot: code,
  material: z.enum(MATERIALS),
  tonnes: positive.optional(),
  gradeGpt: positive.refine((n) => n <= 1_000_000, { error: 'must be at most 1000000 g/t' }).optional(),
  grams: positive.optional(),
  fineness: fraction.optional(),
});

const transferEventSchema = z.strictObject({
  id,
  type: z.literal('transfer'),
  date: isoDate,
  from: ruc,
  to: ruc,
  lot: code.optional(),
  fineGrams: positive.optional(),
  newLot: code.optional(),
  priceUsd: z.number().nonnegative({ error: 'must be 0 or more' }).refine(precise, preciseError).optional(),
  claim: z.enum(CERT_SCHEMES).optional(),
});

const processEventSchema = z.strictObject({
  id,
  type: z.literal('process'),
  date: isoDate,
  actor: ruc,
  inputs: z.array(code).min(1, { error: 'must list at least one input lot' }),
  untrackedFineGrams: z.number().nonnegative({ error: 'must be 0 or more' }).refine(precise, preciseError).default(0),
  recovery: fraction.default(1),
  output: z.strictObject({ lot: code, material: z.enum(MATERIALS), fineness: fraction.optional() }),
});

const exportEventSchema = z.strictObject({
  id,
  type: z.literal('export'),
  date: isoDate,
  from: ruc,
  lot: code,
  country: z.string().regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 code' }),
  customsRef: z.string().trim().min(1),
});

const reverseEventSchema = z.strictObject({
  id,
  type: z.literal('reverse'),
  date: isoDate,
  actor: ruc,
  reverses: id,
  reason: z.string().trim().min(1),
});

export const ledgerEventSchema = z.discriminatedUnion('type', [
  produceEventSchema,
  transferEventSchema,
  processEventSchema,
  exportEventSchema,
  reverseEventSchema,
]);

export type ProduceEvent = z.infer<typeof produceEventSchema>;
export type TransferEvent = z.infer<typeof transferEventSchema>;
export type ProcessEvent = z.infer<typeof processEventSchema>;
export type ExportEvent = z.infer<typeof exportEventSchema>;
export type ReverseEvent = z.infer<typeof reverseEventSchema>;
export type LedgerEvent = z.infer<typeof ledgerEventSchema>;
/** What a caller may write: defaults (`untrackedFineGrams` 0, `recovery` 1) optional. */
export type LedgerEventInput = z.input<typeof ledgerEventSchema>;

/** An event with the line it came from. */
export interface RowEvent {
  readonly row: number;
  readonly event: LedgerEvent;
}

/** Fine gold of a production: `tonnes × gradeGpt` for ore, `grams × fineness` otherwise. */
export function producedFineMg(event: ProduceEvent): Mg {
  return event.material === 'ore' ? oreFineMg(event.tonnes ?? 0, event.gradeGpt ?? 0) : grossFineMg(event.grams ?? 0, event.fineness ?? 0);
}

/** Ore tonnage of a production in kg, null for weighed materials. */
export function producedOreKg(event: ProduceEvent): bigint | null {
  return event.material === 'ore' ? tonnesToKg(event.tonnes ?? 0) : null;
}

/**
 * Canonical content of an event (RFC 8785 of the parsed event, defaults applied):
 * an id re-imported with the same canonical content is unchanged, otherwise an error.
 */
export function canonicalEventContent(event: LedgerEvent): string {
  return canonicalize(event) ?? '';
}

/** Rules across fields of one event that need no ledger state. */
function crossFieldErrors(event: LedgerEvent): Array<{ field: string; message: string }> {
  const errors: Array<{ field: string; message: string }> = [];
  const add = (field: string, message: string) => errors.push({ field, message });
  if (event.type === 'produce') {
    const [need, forbid] =
      event.material === 'ore'
        ? [
            ['tonnes', 'gradeGpt'],
            ['grams', 'fineness'],
          ]
        : [
            ['grams', 'fineness'],
            ['tonnes', 'gradeGpt'],
          ];
    for (const field of need) {
      if (event[field as keyof ProduceEvent] === undefined) add(field, `is required for material ${event.material}`);
    }
    for (const field of forbid) {
      if (event[field as keyof ProduceEvent] !== undefined) add(field, `is not allowed for material ${event.material}`);
    }
    if (errors.length === 0 && producedFineMg(event) === 0n) {
      add(event.material === 'ore' ? 'tonnes' : 'grams', 'fine gold rounds to 0 mg');
    }
  } else if (event.type === 'transfer') {
    if (event.from === event.to) add('to', 'must differ from from');
    if (event.lot === undefined && event.fineGrams === undefined) add('fineGrams', 'is required for an untracked sale (no lot)');
    if (event.lot === undefined && event.newLot !== undefined) add('newLot', 'needs a lot to split');
    if (event.fineGrams !== undefined && gramsToMg(event.fineGrams) === 0n) add('fineGrams', 'rounds to 0 mg');
    if (event.newLot !== undefined && event.newLot === event.lot) add('newLot', 'must differ from lot');
  } else if (event.type === 'process') {
    event.inputs.forEach((lot, index) => {
      if (event.inputs.indexOf(lot) !== index) add(`inputs.${index}`, `lot ${lot} is listed twice`);
    });
  } else if (event.type === 'export') {
    if (event.country === 'PE') add('country', 'an export leaves Peru');
  } else if (event.reverses === event.id) {
    add('reverses', 'an event cannot reverse itself');
  }
  return errors;
}

function issueMessage(issue: z.core.$ZodIssue, input: unknown): string {
  const absent = valueAt(input, issue.path) === undefined;
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union') && absent) {
    return 'is required';
  }
  if (issue.code === 'invalid_type') return `must be a ${issue.expected}`;
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map(String).join(', ')}`;
  if (issue.code === 'invalid_union') return `must be one of produce, transfer, process, export, reverse`;
  if (issue.code === 'too_small' && issue.origin === 'string') return 'must not be empty';
  if (issue.code === 'too_big' && issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
  return issue.message;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function fieldOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Parses one JSONL line (`row` is its 1-based line number) into an event or precise errors. */
export function parseLedgerLine(line: string, row: number): { ok: true; event: LedgerEvent } | { ok: false; errors: LedgerError[] } {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (error) {
    return { ok: false, errors: [{ row, id: '', field: '', message: `invalid JSON: ${(error as Error).message}` }] };
  }
  return validateEvent(input, row);
}

/**
 * Validates a value as a ledger event (schema, then rules across fields): what
 * every event goes through, whether read from a file or built by a service.
 */
export function validateEvent(input: unknown, row: number): { ok: true; event: LedgerEvent } | { ok: false; errors: LedgerError[] } {
  const rawId = valueAt(input, ['id']);
  const eventId = typeof rawId === 'string' ? rawId : '';
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ row, id: eventId, field: '', message: 'must be a JSON object' }] };
  }
  const parsed = ledgerEventSchema.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.flatMap((issue): LedgerError[] =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ row, id: eventId, field: fieldOf([...issue.path, key]), message: 'is not a field of this event' }))
        : [{ row, id: eventId, field: fieldOf(issue.path), message: issueMessage(issue, input) }],
    );
    return { ok: false, errors };
  }
  const cross = crossFieldErrors(parsed.data);
  if (cross.length > 0) return { ok: false, errors: cross.map((e) => ({ row, id: parsed.data.id, ...e })) };
  return { ok: true, event: parsed.data };
}

/** Parses a JSONL file; blank lines are skipped but still counted in row numbers. */
export function parseLedgerFile(text: string): { events: RowEvent[]; errors: LedgerError[]; lines: number } {
  const events: RowEvent[] = [];
  const errors: LedgerError[] = [];
  let lines = 0;
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    lines += 1;
    const result = parseLedgerLine(line, index + 1);
    if (result.ok) events.push({ row: index + 1, event: result.event });
    else errors.push(...result.errors);
  });
  return { events, errors, lines };
}
