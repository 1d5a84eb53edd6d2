/**
 * `veta export iati`: Veta's projects as an IATI 2.03 activity file, in the element order
 * of the official schema (reference/iati/iati-activities-schema.xsd), which the tests
 * validate it against. Strata, aspects and policy codes travel as `tag` elements of
 * Veta's vocabularies (99: the reporting organisation's own), regions as `location`
 * elements whose ref is the UBIGEO code; the import reads both back.
 */
import { createRequire } from 'node:module';
import { iatiRoleCode, iatiStatusCode, iatiTransactionCode, type FlowKind } from './cooperation.domain.ts';
import type { Agency, Project } from './cooperation.schema.ts';
import { VETA_VOCABULARY } from './iati.parse.ts';

/** The publisher of projects registered in Veta by an agency without an IATI organisation identifier. */
export const VETA_PUBLISHER = { ref: 'PE-RUC-20131368829', type: '10', name: 'Ministerio de Energía y Minas del Perú (Veta)' } as const;

type Node = Record<string, unknown>;
const narrative = (text: string, lang?: string): Node => (lang ? { '@_xml:lang': lang, '#text': text } : { '#text': text });

function texts(es: string | null, en: string | null): Node[] {
  const out: Node[] = [];
  if (es) out.push(narrative(es));
  if (en) out.push(narrative(en, 'en'));
  return out;
}

/** Equal shares that add up to exactly 100 (IATI: percentages of one vocabulary sum to 100). */
function shares(n: number): number[] {
  const base = Math.floor((100 / n) * 100) / 100;
  const out = Array.from({ length: n }, () => base);
  if (n > 0) out[0] = Math.round((100 - base * (n - 1)) * 100) / 100;
  return out;
}

function activity(p: Project, agency: Agency | undefined, departmentName: (code: string) => string): Node {
  const reporter = p.reportingOrgRef
    ? { ref: p.reportingOrgRef, type: '10', name: p.reportingOrgName ?? p.reportingOrgRef, secondary: false }
    : agency?.iatiOrgId
      ? { ref: agency.iatiOrgId, type: '10', name: agency.nameEn, secondary: false }
      : { ...VETA_PUBLISHER, secondary: true };
  const partners = p.partners.length > 0 ? p.partners : [{ role: 'funding' as const, name: agency?.nameEn ?? reporter.name, ref: agency?.iatiOrgId ?? null }];
  const started = p.status !== 'pipeline' && p.status !== 'cancelled';
  const ended = p.status === 'closed';
  const dates: Node[] = [];
  if (p.startDate) dates.push({ '@_type': started ? '2' : '1', '@_iso-date': p.startDate });
  if (p.endDate) dates.push({ '@_type': ended ? '4' : '3', '@_iso-date': p.endDate });
  if (dates.length === 0) dates.push({ '@_type': '1', '@_iso-date': p.updatedAt.slice(0, 10) });
  const atTransactions = p.sectorLevel === 'transaction';
  const countryShares = shares(p.countries.length);
  const sectorShares = shares(p.sectors.length);
  const tags = [
    ...p.strata.map((code) => ({ '@_vocabulary': '99', '@_vocabulary-uri': VETA_VOCABULARY.strata, '@_code': code })),
    ...p.aspects.map((code) => ({ '@_vocabulary': '99', '@_vocabulary-uri': VETA_VOCABULARY.aspects, '@_code': code })),
    ...p.policyCodes.map((code) => ({ '@_vocabulary': '99', '@_vocabulary-uri': VETA_VOCABULARY.policy, '@_code': code })),
  ];
  const value = (f: Project['flows'][number], date: string): Node => ({
    '@_currency': f.currency,
    '@_value-date': f.valueDate ?? date,
    '#text': String(f.amount),
  });
  const budgets = p.flows
    .filter((f) => f.kind === 'budget')
    .map((f) => ({
      '@_type': '1',
      '@_status': '1',
      'period-start': { '@_iso-date': `${f.year}-01-01` },
      'period-end': { '@_iso-date': `${f.year}-12-31` },
      value: value(f, `${f.year}-01-01`),
    }));
  const transactions = p.flows
    .filter((f) => f.kind !== 'budget')
    .map((f) => {
      const date = f.valueDate ?? `${f.year}-12-31`;
      const t: Node = {
        'transaction-type': { '@_code': iatiTransactionCode(f.kind as Exclude<FlowKind, 'budget'>) },
        'transaction-date': { '@_iso-date': date },
        value: value(f, date),
      };
      if (atTransactions && f.sector) t['sector'] = { '@_vocabulary': '1', '@_code': f.sector };
      if (atTransactions && f.country) t['recipient-country'] = { '@_code': f.country };
      return t;
    });
  return {
    '@_last-updated-datetime': p.updatedAt,
    '@_xml:lang': 'es',
    ...(p.defaultCurrency ? { '@_default-currency': p.defaultCurrency } : {}),
    'iati-identifier': p.identifier,
    'reporting-org': {
      '@_ref': reporter.ref,
      '@_type': reporter.type,
      ...(reporter.secondary ? { '@_secondary-reporter': '1' } : {}),
      narrative: narrative(reporter.name),
    },
    title: { narrative: texts(p.titleEs, p.titleEn) },
    description: { '@_type': '1', narrative: texts(p.descriptionEs ?? p.titleEs, p.descriptionEn ?? (p.descriptionEs ? null : p.titleEn)) },
    'participating-org': partners.map((o) => ({ '@_role': iatiRoleCode(o.role), ...(o.ref ? { '@_ref': o.ref } : {}), narrative: narrative(o.name) })),
    'activity-status': { '@_code': iatiStatusCode(p.status) },
    'activity-date': dates,
    'recipient-country': atTransactions ? [] : p.countries.map((code, i) => ({ '@_code': code, '@_percentage': String(countryShares[i]) })),
    location: p.regions.map((u) => ({ '@_ref': `UBIGEO-${u}`, name: { narrative: narrative(departmentName(u.slice(0, 2))) } })),
    sector: atTransactions ? [] : p.sectors.map((code, i) => ({ '@_vocabulary': '1', '@_code': code, '@_percentage': String(sectorShares[i]) })),
    tag: tags,
    budget: budgets,
    transaction: transactions,
  };
}

/** The IATI 2.03 XML of the projects, generated at `now`. */
export function iatiXml(projects: readonly Project[], agencies: readonly Agency[], departments: ReadonlyMap<string, string>, now: Date): string {
  const byCode = new Map(agencies.map((a) => [a.code, a]));
  // loaded when a file is written (see xmlParser in iati.parse.ts)
  const { XMLBuilder } = createRequire(import.meta.url)('fast-xml-parser') as typeof import('fast-xml-parser');
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ', suppressEmptyNode: true });
  const body = builder.build({
    'iati-activities': {
      '@_version': '2.03',
      '@_generated-datetime': now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      'iati-activity': projects.map((p) => activity(p, p.agencyCode ? byCode.get(p.agencyCode) : undefined, (c) => departments.get(c) ?? c)),
    },
  }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}
