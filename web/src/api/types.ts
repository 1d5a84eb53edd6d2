/**
 * Response shapes of the API, inferred from the server's zod schemas (one contract
 * source): type-only imports, erased from the bundle.
 */
import type { z } from 'zod';
import type * as registry from '../../../src/modules/registry/registry.schema.ts';
import type * as formalization from '../../../src/modules/formalization/formalization-api.schema.ts';
import type { formalizationReportSchema, publicFunnelSchema, scopeReportSchema } from '../../../src/modules/formalization/formalization-report.schema.ts';
import type * as monitoring from '../../../src/modules/monitoring/monitoring-api.schema.ts';
import type { evaluationJsonSchema } from '../../../src/modules/monitoring/monitoring.schema.ts';
import type * as ledger from '../../../src/modules/traceability/ledger/ledger-contract.schema.ts';
import type * as trace from '../../../src/modules/traceability/traceability-api.schema.ts';

type Out<T extends z.ZodType> = z.output<T>;

export type Role = 'public' | 'miner' | 'regional' | 'national' | 'auditor' | 'admin' | 'surveyor' | 'cooperation';
export interface Me {
  username: string;
  role: Role;
  region: string | null;
  ruc: string | null;
}

export type PublicInscription = Out<typeof registry.publicInscription>;
export type PublicStats = Out<typeof registry.publicStats>;
export type Department = Out<typeof registry.department>;
export type SearchHit = Out<typeof registry.searchHit>;
export type InscriptionDetail = Out<typeof registry.inscriptionDetail>;
export type Person = Out<typeof registry.person>;
export type Organization = Out<typeof registry.organization>;
export type MiningRight = Out<typeof registry.miningRight>;
export type ImportCounts = Out<typeof registry.importCounts>;
export type Job = Out<typeof registry.job>;
export type InscriptionStatus = Out<typeof registry.inscriptionStatus>;

export type ExpedienteDetail = Out<typeof formalization.expedienteDetail>;
export type ExpedienteList = Out<typeof formalization.listOut>;
export type ExpedienteListItem = Out<typeof formalization.listItem>;
export type MinerExpediente = Out<typeof formalization.minerExpediente>;
export type ActionBody = z.input<typeof formalization.actionBody>;
export type AllowedAction = Out<typeof formalization.allowedActionOut>;
export type ActionOut = Out<typeof formalization.actionOut>;
export type FormalizationReport = Out<typeof formalizationReportSchema>;
export type ScopeReport = Out<typeof scopeReportSchema>;
export type Stage = ScopeReport['byStage'] extends Partial<Record<infer S, number>> ? S : never;
export type RequirementCode = keyof ExpedienteDetail['state']['requirements'];

export type PublicFunnel = Out<typeof publicFunnelSchema>;
/** Properties of a mining right on the public map (GET /api/public/registry/rights?bbox=…). */
export interface RightProps {
  code: string;
  name: string;
  hectares: number | null;
  departmentCode: string;
  verification: 'declared_unverified' | 'verified';
}

export type PolicySummary = Out<typeof monitoring.policySummary>;
export type Evaluation = Out<typeof evaluationJsonSchema>;
export type Band = Evaluation['objectives'][number]['band'];

export type Passport = Out<typeof trace.passportSchema>;
export type NationalProduction = Out<typeof trace.nationalSchema>;
export type Certificate = Out<typeof trace.certificateSchema>;
export type Premium = Out<typeof trace.premiumSchema>;
export type ActorLots = Out<typeof trace.actorLotsSchema>;
export type Trace = Out<typeof ledger.traceSchema>;
export type Balance = Out<typeof ledger.balanceSchema>;
export type Flag = Out<typeof ledger.flagSchema>;
export type FlagsResult = Out<typeof ledger.flagsResultSchema>;
export type LedgerImportSummary = Out<typeof ledger.importSummarySchema>;

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  actorRole: string;
  action: string;
  entity: string;
  entityId: string | null;
  regionCode: string | null;
  before: unknown;
  after: unknown;
  hash: string;
}

/** Problem details (RFC 9457) as the API sends them. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: { path: string; message: string }[];
}
