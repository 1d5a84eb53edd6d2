/**
 * The cooperation demo: seed 000's table of net ODA to Peru in 2000 (DAC/OECD, USD
 * million), three dozen fictitious small-scale mining projects across the pilot regions
 * (the demo's departments) and Puno, Madre de Dios, Arequipa, and the `cooperacion` user.
 * Runs inside the demo transaction, after the policy is stored (its codes are checked).
 */
// @ts-nocheck

import { appendAudit } from '../../platform/audit/audit.ts';
import { createUser } from '../../platform/auth/auth.ts';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db.ts';
import { knownPolicyCodes } from '../monitoring/policy-codes.queries.ts';
import { rng } from '../demo/random.ts';
import type { Aspect, Stratum } from './cooperation.domain.ts';
import { upsertOdaReported } from './cooperation.queries.ts';
import { projectInput, type ProjectInputIn } from './cooperation.schema.ts';
import { storeItems } from './cooperation.service.ts';

const SYSTEM: Actor = { username: 'system:demo', role: 'admin', region: null, ruc: null, userId: null };

export const DEMO_COOPERATION_USER = {
  username: 'cooperacion',
  password: 'veta-cooperacion',
  role: 'cooperation',
  displayName: 'Unidad de Cooperación Internacional',
} as const;

/** Seed 000, "Tabla 1: Total Neto de la Asistencia Oficial para el Desarrollo (AOD) hacia el Perú (millones de USD, año 2000)", source DAC/OECD. */
export const ODA_2000 = [
  ['CA', 'Canadá', 'Canada', 8.8],
  ['FR', 'Francia', 'France', 6.3],
  ['DE', 'Alemania', 'Germany', 34],
  ['JP', 'Japón', 'Japan', 191.7],
  ['NL', 'Holanda', 'Netherlands', 9.2],
  ['ES', 'España', 'Spain', 18.5],
  ['CH', 'Suiza', 'Switzerland', 6.4],
  ['US', 'EE.UU.', 'United States', 92.3],
  ['DAC', 'Total CAD', 'DAC total', 372.7],
] as const;

/** Agency, its currency and the departments it works in (fictitious, after seed 000's map: La Libertad, Madre de Dios, Puno, Sur Medio). */
const FUNDERS = [
  ['cosude', 'CHF', ['21', '04', '05', '11']],
  ['giz', 'EUR', ['21', '17', '13']],
  ['usaid', 'USD', ['17', '21', '05']],
  ['gac', 'CAD', ['04', '18', '13']],
  ['world-bank', 'USD', ['21', '17', '04', '13', '05']],
  ['idb', 'USD', ['04', '11']],
  ['eu', 'EUR', ['17', '21', '19']],
  ['aecid', 'EUR', ['21', '05']],
  ['jica', 'JPY', ['13', '19', '20']],
  ['koica', 'KRW', ['04', '18']],
  ['undp', 'USD', ['17', '21']],
  ['ilo', 'USD', ['21', '04', '05']],
  ['unido', 'USD', ['17', '04']],
  ['ngo', 'PEN', ['04', '21', '17', '13']],
] as const;

const ACRONYM: Record<string, string> = {
  cosude: 'COSUDE',
  giz: 'GIZ',
  usaid: 'USAID',
  gac: 'GAC',
  'world-bank': 'BM',
  idb: 'BID',
  eu: 'UE',
  aecid: 'AECID',
  jica: 'JICA',
  koica: 'KOICA',
  undp: 'PNUD',
  ilo: 'OIT',
  unido: 'ONUDI',
  ngo: 'ONG',
};

const THEMES: readonly { es: string; en: string; aspects: readonly Aspect[]; strata: readonly Stratum[]; codes: readonly string[] }[] = [
  {
    es: 'Tecnologías limpias sin mercurio',
    en: 'Mercury-free clean technologies',
    aspects: ['technical', 'environmental', 'health_safety'],
    strata: ['pma', 'ppm'],
    codes: ['LN.01.03', 'SS.01.03.01'],
  },
  {
    es: 'Formalización y asistencia legal',
    en: 'Formalization and legal assistance',
    aspects: ['legal', 'formalization'],
    strata: ['informal', 'pma'],
    codes: ['OP.02', 'LN.02.01', 'SS.02.01.01'],
  },
  {
    es: 'Erradicación del trabajo infantil',
    en: 'Eradicating child labour',
    aspects: ['gender_child_labour', 'social_cultural', 'community'],
    strata: ['pma', 'informal'],
    codes: ['LN.01.01', 'SS.01.01.01'],
  },
  {
    es: 'Pallaqueras: organización y seguridad',
    en: 'Pallaqueras: organization and safety',
    aspects: ['organizational', 'health_safety', 'gender_child_labour'],
    strata: ['pallaqueras'],
    codes: ['LN.01.02'],
  },
  {
    es: 'Gestión empresarial y acceso a financiamiento',
    en: 'Business management and access to finance',
    aspects: ['business_management', 'financing', 'economic'],
    strata: ['ppm'],
    codes: ['LN.01.04', 'SS.01.04.01'],
  },
  {
    es: 'Productividad en minería polimetálica',
    en: 'Productivity in polymetallic mining',
    aspects: ['productivity', 'technical'],
    strata: ['polymetallic', 'ppm'],
    codes: ['LN.01.06'],
  },
  {
    es: 'Remediación ambiental de relaves',
    en: 'Environmental remediation of tailings',
    aspects: ['environmental', 'community'],
    strata: ['pma', 'informal'],
    codes: ['OP.01'],
  },
  {
    es: 'Empleo formal y derechos laborales',
    en: 'Formal employment and labour rights',
    aspects: ['labour', 'social_cultural'],
    strata: ['ppm', 'pma'],
    codes: ['LN.01.05', 'SS.01.05.01'],
  },
];

const CURRENCY_SCALE: Record<string, number> = { USD: 1, EUR: 0.9, CHF: 0.9, CAD: 1.35, JPY: 140, KRW: 1300, PEN: 3.7 };

/** The demo's projects (deterministic): policy codes the stored policy does not have are dropped. */
export function demoProjects(known: ReadonlySet<string>, count = 36): ProjectInputIn[] {
  const r = rng(16);
  const out: ProjectInputIn[] = [];
  for (let i = 0; i < count; i++) {
    const [agency, currency, departments] = FUNDERS[i % FUNDERS.length]!;
    const theme = THEMES[(i * 5 + Math.floor(i / FUNDERS.length)) % THEMES.length]!;
    const start = 2019 + r.int(0, 6);
    const years = r.int(2, 5);
    const end = start + years - 1;
    const status = end < 2025 ? 'closed' : start > 2025 ? 'pipeline' : 'implementation';
    const regions = [...new Set([r.pick(departments), r.pick(departments)])];
    const yearly = r.int(8, 120) * 10000 * (CURRENCY_SCALE[currency] ?? 1);
    const flows: NonNullable<ProjectInputIn['flows']> = [];
    flows.push({ kind: 'commitment', year: start, currency, amount: yearly * years, valueDate: `${start}-02-01` });
    for (let y = start; y <= end; y++) {
      flows.push({ kind: 'budget', year: y, currency, amount: yearly });
      if (y <= 2025 && status !== 'pipeline')
        flows.push({ kind: 'disbursement', year: y, currency, amount: Math.round(yearly * (0.6 + r.next() * 0.35)), valueDate: `${y}-07-15` });
    }
    // a few projects leave a stratum or an aspect out, so that the matrix has gaps to show
    const aspects = theme.aspects.filter((_, k) => k === 0 || r.next() > 0.2);
    out.push({
      identifier: `PE-VETA-COOP-${String(i + 1).padStart(3, '0')}`,
      titleEs: `${theme.es} (${ACRONYM[agency] ?? agency})`,
      titleEn: `${theme.en} (${ACRONYM[agency] ?? agency})`,
      descriptionEs: `Proyecto ficticio de demostración: ${theme.es.toLowerCase()} en la minería en pequeña escala.`,
      descriptionEn: `Fictitious demo project: ${theme.en.toLowerCase()} in small-scale mining.`,
      agencyCode: agency,
      partners: [
        {
          role: 'implementing',
          name: r.pick([
            'Dirección Regional de Energía y Minas',
            'ONG Minería Responsable',
            'Universidad Nacional del Altiplano',
            'Cooperativa Minera Aurífera',
          ]),
          ref: null,
        },
      ],
      status,
      startDate: `${start}-01-01`,
      endDate: `${end}-12-31`,
      defaultCurrency: currency,
      countries: ['PE'],
      sectors: [r.next() > 0.5 ? '32210' : '32220'],
      regions,
      strata: theme.strata.filter((_, k) => k === 0 || r.next() > 0.3) as Stratum[],
      aspects,
      policyCodes: theme.codes.filter((c) => known.has(c)),
      flows,
    });
  }
  return out;
}

export async function loadCooperationDemo(tx: Queryable): Promise<{ projects: number }> {
  await upsertOdaReported(
    tx,
    ODA_2000.map(([donor, donorEs, donorEn, usdMillion]) => ({ donor, donorEs, donorEn, year: 2000, usdMillion, source: 'DAC/OECD (seed 000, Tabla 1)' })),
  );
  const known = await knownPolicyCodes(
    tx,
    THEMES.flatMap((t) => t.codes),
  );
  const items = demoProjects(known).map((p) => ({
    input: projectInput.parse(p),
    source: 'veta' as const,
    reportingOrgRef: null,
    reportingOrgName: null,
    sectorLevel: 'activity' as const,
  }));
  const stored = await storeItems(tx, SYSTEM, items, 'demo');
  const user = await createUser(tx, { ...DEMO_COOPERATION_USER, regionCode: null, ruc: null });
  await appendAudit(tx, SYSTEM, {
    action: 'user.add',
    entity: 'user',
    entityId: user.userId,
    after: { username: DEMO_COOPERATION_USER.username, role: DEMO_COOPERATION_USER.role },
  });
  await appendAudit(tx, SYSTEM, { action: 'coop.demo.load', entity: 'demo', after: { projects: stored.length, odaRows: ODA_2000.length } });
  return { projects: stored.length };
}
