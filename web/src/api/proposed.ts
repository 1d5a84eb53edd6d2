/**
 * Endpoints the web app needs that the server does not serve yet. Pages call them and
 * show "no disponible" on 404 (see the web app's report of API gaps); the shapes are
 * the ones proposed for them.
 */
import type { NationalProduction } from './types.ts';

/** Formalization milestones reached, national and per region: aggregates only, public. */
export const PUBLIC_FUNNEL = '/api/public/formalization/funnel';
export interface PublicFunnel {
  cutoff: string;
  national: { totals: { milestone: string; count: number }[] };
  regions: { code: string; name: string; totals: { milestone: string; count: number }[] }[];
}

/** Declared production and exports per year and region of origin (as /api/ledger/national), public. */
export const PUBLIC_PRODUCTION = '/api/public/ledger/production';
export type PublicProduction = NationalProduction;

/** Mining fronts of the inscriptions as GeoJSON points (no personal data), public. */
export const PUBLIC_FRONTS = '/api/public/registry/fronts';
export interface FrontProps {
  id: number;
  status: 'vigente' | 'suspendido' | 'excluido';
  activity: 'explotacion' | 'beneficio';
  departmentCode: string;
}

/** Mining rights' polygons in a bounding box (?bbox=west,south,east,north), public. */
export const PUBLIC_RIGHTS = '/api/public/registry/rights';
export interface RightProps {
  code: string;
  name: string;
  hectares: number | null;
  departmentCode: string;
  verification: 'declared_unverified' | 'verified';
}

