/**
 * Shapes of the traceability endpoints beyond the CLI contracts of
 * ledger-contract.schema.ts: the public lot passport, the national view,
 * certificates and the premium fund.
 */
import { z } from 'zod';
import { isoDateSchema as isoDate } from '../../kernel/date.schema.ts';
import { listQuery } from '../../platform/http/list.ts';
import { PREMIUM_CATEGORIES } from './certification/certification.domain.ts';
import { CERT_SCHEMES, MATERIALS } from './ledger/ledger.schema.ts';

const ruc = z.string().regex(/^\d{11}$/, { error: 'must be a RUC of 11 digits' });

/** A party as the public may see it: natural persons only by what they do and where. */
const publicPartySchema = z.object({
  label: z.string(),
  ruc: z.string().nullable(),
  kind: z.string(),
  departmentCode: z.string().nullable(),
  departmentName: z.string().nullable(),
});

export const passportSchema = z.object({
  lot: z.string(),
  material: z.enum(MATERIALS),
  fineGrams: z.number(),
  status: z.enum(['open', 'depleted', 'consumed', 'exported']),
  certifications: z.array(z.enum(CERT_SCHEMES)),
  certified: z.boolean(),
  origins: z.array(
    z.object({
      site: z.string(),
      share: z.number(),
      fineGrams: z.number(),
      departmentCode: z.string().nullable(),
      departmentName: z.string().nullable(),
      producers: z.array(z.string()),
    }),
  ),
  unknownShare: z.number(),
  regions: z.array(z.object({ departmentCode: z.string().nullable(), departmentName: z.string().nullable(), share: z.number() })),
  chain: z.array(
    z.object({
      date: isoDate,
      type: z.enum(['produce', 'transfer', 'process', 'export']),
      lot: z.string().nullable(),
      newLot: z.string().nullable(),
      fineGrams: z.number().nullable(),
      claim: z.enum(CERT_SCHEMES).nullable(),
      country: z.string().nullable(),
      from: publicPartySchema.nullable(),
      to: publicPartySchema.nullable(),
    }),
  ),
  url: z.string(),
});
export type Passport = z.infer<typeof passportSchema>;

export const lotParams = z.object({ lot: z.string().min(1).max(128) });

export const balanceQuerySchema = z
  .object({ actor: ruc, from: isoDate, to: isoDate })
  .refine((q) => q.from <= q.to, { error: 'must not be before from', path: ['to'] });

export const nationalQuerySchema = z.object({ from: isoDate.optional(), to: isoDate.optional() });

export const nationalSchema = z.object({
  rows: z.array(z.object({ year: z.number().int(), region: z.string().nullable(), producedFineGrams: z.number(), exportedFineGrams: z.number() })),
});

export const certificateSchema = z.object({
  organization: ruc,
  scheme: z.enum(CERT_SCHEMES),
  from: isoDate,
  to: isoDate.nullable(),
  sites: z.array(z.string()).nullable(),
});

export const premiumQuerySchema = z.object({ from: isoDate.optional(), to: isoDate.optional(), organization: ruc.optional() });

export const premiumSchema = z.object({
  organizations: z.array(
    z.object({
      organization: ruc,
      name: z.string().nullable(),
      accruedUsd: z.number(),
      investedUsd: z.number(),
      availableUsd: z.number(),
      investedByCategory: z.record(z.enum(PREMIUM_CATEGORIES), z.number()),
    }),
  ),
  accruals: z.array(
    z.object({
      organization: ruc,
      eventId: z.string(),
      date: isoDate,
      scheme: z.enum(CERT_SCHEMES),
      fineGrams: z.number(),
      usdPerKg: z.number(),
      usd: z.number(),
    }),
  ),
  investments: z.array(z.object({ organization: ruc, date: isoDate, project: z.string(), category: z.enum(PREMIUM_CATEGORIES), amountUsd: z.number() })),
});
export type PremiumJson = z.infer<typeof premiumSchema>;

/** What an actor did with a lot (output: the lot its processing made). */
const LOT_ROLES = ['produced', 'bought', 'sold', 'processed', 'output', 'exported'] as const;
export type LotRole = (typeof LOT_ROLES)[number];

export const LOT_SORTS = ['last', 'first', 'lot', 'material', 'fine', 'status', 'holder'] as const;

/** An actor's lots as a list: filters (role, status, dates of its last event, lot code), sort, keyset pages, export. */
export const actorLotsQuerySchema = listQuery({
  sorts: LOT_SORTS,
  sort: 'last',
  dir: 'desc',
  limit: 100,
  filters: {
    actor: ruc,
    role: z.enum(LOT_ROLES).optional(),
    status: z.enum(['open', 'depleted', 'consumed', 'exported']).optional(),
    from: isoDate.optional().describe("the actor's last event on the lot on or after"),
    to: isoDate.optional().describe("the actor's last event on the lot on or before"),
    q: z.string().trim().min(1).max(128).optional().describe('part of the lot code (any case)'),
    offset: z.coerce.number().int().min(0).max(100_000).optional().describe('rows to skip (older clients; prefer `after`)'),
  },
});

const actorLot = z.object({
  lot: z.string(),
  roles: z.array(z.enum(LOT_ROLES)),
  /** The actor's first and last live event on the lot. */
  firstDate: isoDate,
  lastDate: isoDate,
  /** Null only for a lot the actor did not make whose holder is outside the caller's region. */
  material: z.enum(MATERIALS).nullable(),
  /** The lot as it is now; null where row-level security hides it (held in another region). */
  fineGrams: z.number().nullable(),
  status: z.enum(['open', 'depleted', 'consumed', 'exported']).nullable(),
  holder: z.object({ ruc: z.string(), name: z.string().nullable() }).nullable(),
  /** The actor's red flags (as in its balance) that name one of its events on the lot. */
  flags: z.number().int(),
});

/** An actor's lots for its profile: what it produced, bought, sold, processed or exported. */
export const actorLotsSchema = z.object({
  actor: ruc,
  /** Lots in all pages. */
  total: z.number().int(),
  items: z.array(actorLot),
  next: z.string().nullable().describe('cursor of the next page (pass it as `after`); null on the last one'),
  /** The same rows as `items` (older clients). */
  lots: z.array(actorLot),
});
export type ActorLotsJson = z.infer<typeof actorLotsSchema>;
