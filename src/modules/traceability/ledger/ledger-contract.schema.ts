/**
 * Output contracts of the ledger commands and endpoints (`--json`), and the
 * inputs of certification data. One zod schema per shape: validation, types
 * and OpenAPI come from here.
 */
import { z } from 'zod';
import { isoDateSchema as isoDate } from '../../../kernel/date.schema.ts';
import { PREMIUM_CATEGORIES } from '../certification/certification.domain.ts';
import { FLAG_CODES, SEVERITIES } from '../flags/flag-model.domain.ts';
import { CERT_SCHEMES } from './ledger.schema.ts';

const ruc = z.string().regex(/^\d{11}$/, { error: 'must be a RUC of 11 digits' });

const ledgerErrorSchema = z.object({
  row: z.number().int().positive(),
  id: z.string(),
  field: z.string(),
  message: z.string(),
});

/** `veta ledger import FILE.jsonl --json` */
export const importSummarySchema = z.object({
  inserted: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  errors: z.array(ledgerErrorSchema),
});

export const flagSchema = z.object({
  code: z.enum(FLAG_CODES),
  severity: z.enum(SEVERITIES),
  date: isoDate,
  actor: z.string(),
  lot: z.string().nullable(),
  eventIds: z.array(z.string()),
  message: z.string(),
});

/** `veta ledger trace LOT --json` */
export const traceSchema = z.object({
  lot: z.string(),
  fineGrams: z.number().nonnegative(),
  origins: z.array(z.object({ site: z.string(), share: z.number().min(0).max(1), fineGrams: z.number().nonnegative() })),
  unknownShare: z.number().min(0).max(1),
  certified: z.boolean(),
  flags: z.array(flagSchema),
});

/** `veta ledger balance --actor RUC --from DATE --to DATE --json` */
export const balanceSchema = z.object({
  actor: z.string(),
  from: isoDate,
  to: isoDate,
  openingFineGrams: z.number(),
  producedFineGrams: z.number(),
  boughtFineGrams: z.number(),
  soldFineGrams: z.number(),
  lossFineGrams: z.number(),
  closingFineGrams: z.number(),
  flags: z.array(flagSchema),
});

/** `veta ledger flags --from DATE --to DATE --json` */
export const flagsResultSchema = z.object({ flags: z.array(flagSchema) });

/** Query of balance and flags: both dates inclusive, `from` not after `to`. */
export const periodQuerySchema = z.object({ from: isoDate, to: isoDate }).refine((q) => q.from <= q.to, { error: 'must not be before from', path: ['to'] });

/** A certificate of an organization, as recorded by an official. */
export const certificateInputSchema = z
  .strictObject({
    organization: ruc,
    scheme: z.enum(CERT_SCHEMES),
    from: isoDate,
    to: isoDate.nullable(),
    sites: z.array(z.string().min(1)).min(1).optional(),
  })
  .refine((c) => c.to === null || c.from <= c.to, { error: 'must not be before from', path: ['to'] });

/** An investment recorded by a premium committee; `amountUsd` has at most 2 decimals. */
export const premiumInvestmentInputSchema = z.strictObject({
  organization: ruc,
  date: isoDate,
  project: z.string().trim().min(1),
  category: z.enum(PREMIUM_CATEGORIES),
  amountUsd: z.number().positive().multipleOf(0.01),
});

export type TraceJson = z.infer<typeof traceSchema>;
export type BalanceJson = z.infer<typeof balanceSchema>;
export type FlagsJson = z.infer<typeof flagsResultSchema>;
export type CertificateInput = z.infer<typeof certificateInputSchema>;
export type PremiumInvestmentInput = z.infer<typeof premiumInvestmentInputSchema>;
