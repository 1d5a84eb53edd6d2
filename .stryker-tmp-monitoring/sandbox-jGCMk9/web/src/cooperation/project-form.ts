/** The project form's state and its translation to the API's body (pure). */
// @ts-nocheck

import { STATUSES, type Flow, type Project, type ProjectInput } from './types.ts';

export interface FormState {
  identifier: string;
  titleEs: string;
  titleEn: string;
  descriptionEs: string;
  descriptionEn: string;
  agencyCode: string;
  status: (typeof STATUSES)[number];
  startDate: string;
  endDate: string;
  defaultCurrency: string;
  regions: string[];
  strata: string[];
  aspects: string[];
  policyCodes: string;
  sectors: string;
  partner: string;
  otherPartners: Project['partners'];
  flows: { kind: Flow['kind']; year: string; currency: string; amount: string }[];
}

export const EMPTY: FormState = {
  identifier: '',
  titleEs: '',
  titleEn: '',
  descriptionEs: '',
  descriptionEn: '',
  agencyCode: '',
  status: 'implementation',
  startDate: '',
  endDate: '',
  defaultCurrency: 'USD',
  regions: [],
  strata: [],
  aspects: [],
  policyCodes: '',
  sectors: '32210',
  partner: '',
  otherPartners: [],
  flows: [],
};

export function fromProject(p: Project): FormState {
  const implementing = p.partners.find((x) => x.role === 'implementing');
  return {
    identifier: p.identifier,
    titleEs: p.titleEs ?? '',
    titleEn: p.titleEn ?? '',
    descriptionEs: p.descriptionEs ?? '',
    descriptionEn: p.descriptionEn ?? '',
    agencyCode: p.agencyCode ?? '',
    status: p.status,
    startDate: p.startDate ?? '',
    endDate: p.endDate ?? '',
    defaultCurrency: p.defaultCurrency ?? 'USD',
    regions: p.regions,
    strata: p.strata,
    aspects: p.aspects,
    policyCodes: p.policyCodes.join(' '),
    sectors: p.sectors.join(' '),
    partner: implementing?.name ?? '',
    otherPartners: p.partners.filter((x) => x !== implementing),
    flows: p.flows.map((f) => ({ kind: f.kind, year: String(f.year), currency: f.currency, amount: String(f.amount) })),
  };
}

const words = (s: string): string[] => s.split(/[\s,]+/).filter(Boolean);
const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

export function toInput(f: FormState, original: Project | undefined): ProjectInput {
  const kept = new Map((original?.flows ?? []).map((x, i) => [i, x]));
  return {
    identifier: f.identifier.trim(),
    titleEs: orNull(f.titleEs),
    titleEn: orNull(f.titleEn),
    descriptionEs: orNull(f.descriptionEs),
    descriptionEn: orNull(f.descriptionEn),
    agencyCode: orNull(f.agencyCode),
    status: f.status,
    startDate: orNull(f.startDate),
    endDate: orNull(f.endDate),
    defaultCurrency: orNull(f.defaultCurrency),
    countries: original?.countries ?? ['PE'],
    regions: f.regions,
    strata: f.strata as ProjectInput['strata'],
    aspects: f.aspects as ProjectInput['aspects'],
    policyCodes: words(f.policyCodes),
    sectors: words(f.sectors),
    partners: [...(f.partner.trim() ? [{ role: 'implementing' as const, name: f.partner.trim(), ref: null }] : []), ...f.otherPartners],
    flows: f.flows.map((x, i) => ({
      kind: x.kind,
      year: Number(x.year),
      currency: x.currency.trim().toUpperCase(),
      amount: Number(x.amount),
      valueDate: kept.get(i)?.valueDate ?? null,
      country: kept.get(i)?.country ?? null,
      sector: kept.get(i)?.sector ?? null,
    })),
  };
}
