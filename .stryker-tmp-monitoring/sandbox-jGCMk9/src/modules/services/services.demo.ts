/**
 * The demo's deliveries of the policy's services, 2023–2024, in every pilot region of the
 * demo registry: generated set-based and deterministically (md5 of the RUC and a salt)
 * at rates chosen so that the 2024 values measured from them fall near the values MINEM's
 * 2024 follow-up report publishes (seed 002), or near the 2024 target where it published
 * ND. Runs inside the demo transaction (owner: no row-level security), after the
 * registry, formalization and traceability steps. Reads the registry, writes only the
 * services tables.
 */
// @ts-nocheck

import type { Queryable } from '../../platform/db.ts';
import { SAMPLE_METHOD, seededSample } from './services.domain.ts';
import { defaultSeed } from './services.service.ts';

const BY = 'system:demo';
const YEARS = [2023, 2024] as const;

/** A number in [0, 1) from md5(text): deterministic, uniform enough for a demo. */
const U = (expr: string): string => `(('x' || substr(md5(${expr}), 1, 8))::bit(32)::bigint & 2147483647)::float8 / 2147483648`;

interface TrainingSpec {
  service: string;
  kind: 'training' | 'technical_assistance' | 'labour_advice' | 'business_advice';
  topic: string;
  /** Share of P(Y) that attends, per year. */
  access: number;
  /** Share of attendees who pass. */
  pass: number;
}

/** Rates: access × pass ≈ the published 2024 value (seed 002) of the indicator the service feeds. */
const TRAININGS: TrainingSpec[] = [
  { service: 'SS.01.01.01', kind: 'training', topic: 'Prevención y erradicación del trabajo infantil y forzoso', access: 0.58, pass: 0.87 }, // ND; target 50 %
  { service: 'SS.01.03.01', kind: 'training', topic: 'Tecnologías limpias sin mercurio para el beneficio del oro', access: 0.32, pass: 0.82 }, // 26.2 %
  { service: 'SS.01.05.01', kind: 'labour_advice', topic: 'Formalización laboral de la fuerza de trabajo minera', access: 0.016, pass: 0.9 }, // 1.6 %
  { service: 'SS.01.06.01', kind: 'training', topic: 'Seguridad y buenas prácticas en la explotación y el beneficio', access: 0.07, pass: 0.79 }, // 5.5 %
  { service: 'SS.01.06.02', kind: 'training', topic: 'Reducción de impactos ambientales y deforestación', access: 0.02, pass: 0.78 }, // 3.1 % cumulative
  { service: 'SS.02.01.01', kind: 'technical_assistance', topic: 'Asistencia técnica en el proceso de formalización minera', access: 0.198, pass: 0.62 }, // 19.8 % access
  { service: 'SS.02.03.01', kind: 'training', topic: 'Gestión empresarial de la actividad minera', access: 0.17, pass: 0.79 }, // 13.4 %
  { service: 'SS.02.04.01', kind: 'training', topic: 'Comercialización y trazabilidad del oro', access: 0.085, pass: 0.79 }, // 6.7 %
  { service: 'SS.01.04.01', kind: 'business_advice', topic: 'Emprendimiento de nuevos negocios locales', access: 0.03, pass: 0.85 }, // ≥ 50 % (minimum permissible)
];

/** P(Y) as the bindings define it, one row per declarant (its lowest-id vigente inscription). */
const POPULATION = (year: number): string => `
  INSERT INTO demo_services_pop (year, ruc, department_code, district_code, name)
  SELECT DISTINCT ON (i.ruc) ${year}, i.ruc, i.department_code, i.district_code, i.declarant_name
  FROM reinfo_inscriptions i
  WHERE i.inscription_date <= make_date(${year}, 12, 31)
    AND (SELECT h.status FROM inscription_status_history h WHERE h.inscription_id = i.id AND h.effective_date <= make_date(${year}, 12, 31)
         ORDER BY h.effective_date DESC, h.id DESC LIMIT 1) = 'vigente'
  ORDER BY i.ruc, i.id`;

async function trainings(tx: Queryable): Promise<void> {
  for (const s of TRAININGS) {
    for (const year of YEARS) {
      const salt = `'${s.service}${year}'`;
      // four events per region and year (March, June, September, November), in the region's first district with miners
      await tx.query(
        `INSERT INTO service_events (code, service_code, kind, topic, event_date, department_code, district_code, modality, hours, provider, recorded_by)
         SELECT 'DEMO-' || $1 || '-' || p.department_code || '-' || $2::text || '-' || n, $1, $3, $4, make_date($2::int, (ARRAY[3, 6, 9, 11])[n], 15),
                p.department_code, min(p.district_code), CASE WHEN n = 3 THEN 'virtual' ELSE 'presencial' END, 8, 'DGFM-MINEM', $5
         FROM demo_services_pop p CROSS JOIN generate_series(1, 4) n WHERE p.year = $2::int GROUP BY p.department_code, n`,
        [s.service, year, s.kind, s.topic, BY],
      );
      await tx.query(
        `INSERT INTO service_participants (event_id, department_code, dni, ruc, beneficiary_ruc, person_id, organization_id, name, sex, age, condition, attended, passed)
         SELECT e.id, p.department_code, CASE WHEN left(p.ruc, 2) = '10' THEN substr(p.ruc, 3, 8) END, CASE WHEN left(p.ruc, 2) <> '10' THEN p.ruc END, p.ruc,
                per.id, org.id, p.name, per.sex, 20 + floor(${U(`p.ruc || 'age'`)} * 45)::int, 'reinfo_vigente', true, ${U(`p.ruc || ${salt} || 'p'`)} < $3
         FROM demo_services_pop p
         JOIN service_events e ON e.code = 'DEMO-' || $1 || '-' || p.department_code || '-' || $2::text || '-' || (1 + floor(${U(`p.ruc || ${salt} || 'e'`)} * 4)::int)
         LEFT JOIN persons per ON left(p.ruc, 2) = '10' AND per.dni = substr(p.ruc, 3, 8)
         LEFT JOIN organizations org ON org.ruc = p.ruc
         WHERE p.year = $2::int AND ${U(`p.ruc || ${salt}`)} < $4`,
        [s.service, year, s.pass, s.access],
      );
    }
  }
}

const LENDERS = ['Banco de la Nación', 'Agrobanco', 'Caja Municipal de Arequipa', 'Caja Huancayo', 'Mibanco'];

async function deliveries(tx: Queryable): Promise<void> {
  const beneficiary = `p.department_code, CASE WHEN left(p.ruc, 2) = '10' THEN substr(p.ruc, 3, 8) END, CASE WHEN left(p.ruc, 2) <> '10' THEN p.ruc END, p.ruc,
    (SELECT per.id FROM persons per WHERE left(p.ruc, 2) = '10' AND per.dni = substr(p.ruc, 3, 8)), (SELECT o.id FROM organizations o WHERE o.ruc = p.ruc),
    p.name, 'reinfo_vigente'`;
  const cols = 'kind, service_code, reference, department_code, dni, ruc, beneficiary_ruc, person_id, organization_id, name, condition';
  // credit: 13 % of P(2023) in 2023, 16 % of P(2024) in 2024 (ND published; the 2024 target is 16 %)
  for (const [year, rate] of [
    [2023, 0.13],
    [2024, 0.16],
  ] as const) {
    await tx.query(
      `INSERT INTO service_deliveries (${cols}, requested_on, delivered_on, provider, item, amount_pen, recorded_by)
       SELECT 'credit', 'SS.02.02.01', 'DEMO-CR-' || $1::text || '-' || p.ruc, ${beneficiary},
              make_date($1::int, 1 + floor(${U(`p.ruc || 'crm'`)} * 10)::int, 5), make_date($1::int, 1 + floor(${U(`p.ruc || 'crm'`)} * 10)::int, 25),
              ($3::text[])[1 + floor(${U(`p.ruc || 'crl'`)} * 5)::int], 'Crédito para capital de trabajo', 5000 + floor(${U(`p.ruc || 'cra'`)} * 45000)::int, $4
       FROM demo_services_pop p WHERE p.year = $1::int AND ${U(`p.ruc || 'cr' || $1::text`)} < $2`,
      [year, rate, LENDERS, BY],
    );
  }
  // Fondo Minero: 230 requests over 2023–2024, 200 delivered by the end of 2024 (2024 target: 200)
  // laboratory: 470 beneficiaries, 400 of them with results within the 15-day standard (2024 target: 400)
  await tx.query(
    `WITH ranked AS (SELECT p.*, row_number() OVER (ORDER BY md5(p.ruc || 'fm')) AS k, row_number() OVER (ORDER BY md5(p.ruc || 'lab')) AS l
                     FROM demo_services_pop p WHERE p.year = 2024)
     INSERT INTO service_deliveries (${cols}, requested_on, delivered_on, provider, item, standard_days, recorded_by)
     SELECT 'fondo_minero', 'SS.02.05.01', 'DEMO-FM-' || p.k, ${beneficiary}, make_date(2023 + (p.k % 2)::int, 1 + (p.k % 10)::int, 10),
            CASE WHEN p.k <= 200 THEN make_date(2023 + (p.k % 2)::int, 2 + (p.k % 10)::int, 20) END, 'Fondo Minero', 'Equipos de procesamiento gravimétrico', NULL, $1
     FROM ranked p WHERE p.k <= 230
     UNION ALL
     SELECT 'lab_analysis', 'SS.02.05.02', 'DEMO-LAB-' || p.l, ${beneficiary}, r.day,
            CASE WHEN p.l <= 400 THEN r.day + (p.l % 15)::int WHEN p.l <= 450 THEN r.day + 30 END,
            'Laboratorio INGEMMET', 'Análisis químico de oro (ensayo al fuego)', 15, $1
     FROM ranked p CROSS JOIN LATERAL (SELECT make_date(2023 + (p.l % 2)::int, 1 + (p.l % 11)::int, 3) AS day) r WHERE p.l <= 470`,
    [BY],
  );
}

async function records(tx: Queryable): Promise<void> {
  // districts with MAPE population (2024) with access to health services: a fifth of them (2024 target 20 %)
  await tx.query(
    `INSERT INTO district_health_access (district_code, department_code, since, source, recorded_by)
     SELECT d, left(d, 2), make_date(2023 + (row_number() OVER (ORDER BY md5(d)) % 2)::int, 6, 1), 'DIRESA (demo)', $1
     FROM (SELECT DISTINCT district_code AS d FROM demo_services_pop WHERE year = 2024 AND district_code IS NOT NULL) x
     ORDER BY md5(d) LIMIT (SELECT ceil(count(DISTINCT district_code) * 0.2) FROM demo_services_pop WHERE year = 2024)`,
    [BY],
  );
  // ZEE / POT capacities: 3 regions by 2023, 5 of the 8 by 2024 (target 60 %)
  await tx.query(
    `INSERT INTO regional_capacities (department_code, capacity, attained_on, evidence, recorded_by) VALUES
       ('21', 'zee', '2023-05-20', 'Ordenanza regional de ZEE (demo)', $1), ('04', 'pot', '2023-09-01', 'Plan de Ordenamiento Territorial aprobado (demo)', $1),
       ('17', 'zee', '2023-11-15', 'ZEE Madre de Dios (demo)', $1), ('05', 'zee', '2024-04-10', 'ZEE Ayacucho (demo)', $1),
       ('13', 'pot', '2024-08-30', 'POT La Libertad (demo)', $1)`,
    [BY],
  );
  // dialogue tables: 12 requested, 6 installed (minimum permissible 50 %)
  await tx.query(
    `INSERT INTO dialogue_tables (code, department_code, subject, requested_on, parties, recorded_by)
     SELECT 'DEMO-MD-' || n, (ARRAY['21', '17', '04', '05', '13', '19'])[1 + n % 6], CASE WHEN n % 3 = 0 THEN 'surface_land' ELSE 'concession' END,
            make_date(2023 + n % 2, 1 + n % 12, 10),
            jsonb_build_array(jsonb_build_object('role', 'informal_miner', 'name', 'Mineros informales del sector ' || n),
                              jsonb_build_object('role', CASE WHEN n % 3 = 0 THEN 'surface_holder' ELSE 'concession_holder' END, 'name', 'Titular ' || n || ' S.A.C.'),
                              jsonb_build_object('role', 'state', 'name', 'DGFM-MINEM')), $1
     FROM generate_series(1, 12) n`,
    [BY],
  );
  await tx.query(
    `INSERT INTO dialogue_sessions (table_id, department_code, held_on, outcome, agreements, recorded_by)
     SELECT t.id, t.department_code, t.requested_on + 40, CASE WHEN right(t.code, 1)::int % 2 = 0 THEN 'contract' ELSE 'agreement' END,
            'Acta de acuerdos (demo)', $1
     FROM dialogue_tables t WHERE t.code LIKE 'DEMO-MD-%' AND split_part(t.code, '-', 3)::int <= 6`,
    [BY],
  );
  // officials in the certification: 2023 10 of 10, 2024 8 of 25 certified (published 100 % and 32 %)
  await tx.query(
    `INSERT INTO official_certifications (department_code, year, dni, name, position, certified, certified_on, recorded_by)
     SELECT (ARRAY['21', '17', '04', '05', '13', '19', '18', '20'])[1 + n % 8], y, lpad((79900000 + y % 10 * 1000 + n)::text, 8, '0'),
            'Servidor(a) DREM ' || n, 'Especialista en formalización', n <= CASE WHEN y = 2023 THEN 10 ELSE 8 END,
            CASE WHEN n <= CASE WHEN y = 2023 THEN 10 ELSE 8 END THEN make_date(y, 10, 15) END, $1
     FROM (VALUES (2023, 10), (2024, 25)) v(y, total) CROSS JOIN LATERAL generate_series(1, v.total) n`,
    [BY],
  );
}

/**
 * Workforce, accidents and mercury of the demo organizations. IA = A × D × 10^9 / H²:
 * 2024 H = 2,000,000 h, 12 accidents, 2,737 days lost → 8.21 (published 8.21);
 * 2023 H = 1,800,000 h, 20 accidents, 6,966 days lost → 43.0 (published 43).
 */
async function safetyAndMercury(tx: Queryable): Promise<void> {
  const orgs = `(SELECT o.ruc, o.region_code, row_number() OVER (ORDER BY o.ruc) AS k FROM organizations o WHERE o.ruc LIKE '206000%' ORDER BY o.ruc)`;
  const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${orgs} o`);
  const n = Number(rows[0]!.n);
  if (n === 0) return;
  await tx.query(
    `INSERT INTO mining_workforce (ruc, year, department_code, workers, hours_worked, recorded_by)
     SELECT o.ruc, y, o.region_code, hours / 2000, hours, $1
     FROM ${orgs} o CROSS JOIN LATERAL (VALUES (2023, 1800000), (2024, 2000000)) v(y, h)
     CROSS JOIN LATERAL (SELECT h / $2 + CASE WHEN o.k = 1 THEN h % $2 ELSE 0 END AS hours) x`,
    [BY, n],
  );
  await tx.query(
    `INSERT INTO mining_accidents (ruc, department_code, occurred_on, severity, days_lost, description, recorded_by)
     SELECT o.ruc, o.region_code, make_date(v.y, 1 + g.i % 12, 1 + g.i), CASE WHEN g.i = 1 THEN 'fatal' ELSE 'incapacitating' END,
            v.days / v.total + CASE WHEN g.i <= v.days % v.total THEN 1 ELSE 0 END, 'Accidente (demo)', $1
     FROM (VALUES (2023, 20, 6966), (2024, 12, 2737)) v(y, total, days) CROSS JOIN LATERAL generate_series(1, v.total) g(i)
     JOIN ${orgs} o ON o.k = 1 + (g.i * 7) % $2`,
    [BY, n],
  );
  // mercury: CECOMIP and Oro Puno process without mercury since 2020 (seed 001); the others amalgamate, two change in 2024
  await tx.query(
    `INSERT INTO mercury_use (ruc, year, department_code, technology, mercury_bought_kg, mercury_used_kg, gold_g, recorded_by)
     SELECT o.ruc, y, o.region_code, t.tech, t.hg, t.hg, t.au, $1
     FROM ${orgs} o CROSS JOIN (VALUES (2023), (2024)) v(y)
     CROSS JOIN LATERAL (SELECT CASE WHEN o.k IN (1, 2) OR (y = 2024 AND o.k IN (5, 9)) THEN 'gravimetric'
                                     WHEN o.k % 3 = 0 THEN 'whole_ore_amalgamation' WHEN o.k % 3 = 1 THEN 'concentrate_amalgamation'
                                     ELSE 'amalgamation_with_retort' END AS tech,
                                (3000 + (o.k * 1733) % 40000)::numeric AS au) a
     CROSS JOIN LATERAL (SELECT a.tech, a.au, round(a.au / 1000 * CASE a.tech WHEN 'whole_ore_amalgamation' THEN 4.2 WHEN 'concentrate_amalgamation' THEN 1.3
                                                            WHEN 'amalgamation_with_retort' THEN 0.6 ELSE 0 END, 3) AS hg) t`,
    [BY],
  );
  await tx.query(
    `INSERT INTO mercury_transitions (ruc, department_code, transition_on, from_technology, to_technology, note, recorded_by)
     SELECT o.ruc, o.region_code, d::date, f, 'gravimetric', 'Deja de usar mercurio; planta gravimétrica (demo)', $1
     FROM ${orgs} o JOIN (VALUES (1, '2020-06-01', 'concentrate_amalgamation'), (2, '2020-03-01', 'amalgamation_with_retort'),
                                 (5, '2024-05-01', 'amalgamation_with_retort'), (9, '2024-09-01', 'whole_ore_amalgamation')) v(k, d, f) ON v.k = o.k`,
    [BY],
  );
}

/** The 2024 random review of approved IGAFOMs in three regions (published 12 % ≈ 3 of 26). */
async function igafomReviews(tx: Queryable): Promise<void> {
  const { rows: ok } = await tx.query<{ ok: boolean }>(`SELECT to_regclass('public.expediente_actions') IS NOT NULL AS ok`);
  if (!ok[0]?.ok) return;
  for (const department of ['21', '04', '17']) {
    const { rows } = await tx.query<{ id: string }>(
      `SELECT DISTINCT expediente_id AS id FROM expediente_actions
       WHERE department_code = $1 AND type = 'approve' AND requirement = 'igafom' AND at < '2025-01-01T05:00:00Z' ORDER BY 1`,
      [department],
    );
    const population = rows.map((r) => Number(r.id));
    if (population.length === 0) continue;
    const seed = defaultSeed(department, 2024);
    const sample = seededSample(population, seed, Math.max(1, Math.ceil(population.length * 0.1)));
    const { rows: review } = await tx.query<{ id: string }>(
      `INSERT INTO igafom_reviews (department_code, year, seed, method, population, sample, recorded_by) VALUES ($1, 2024, $2, $3, $4::bigint[], $5::bigint[], $6) RETURNING id`,
      [department, seed, SAMPLE_METHOD, population, sample, BY],
    );
    await tx.query(
      `INSERT INTO igafom_review_findings (review_id, expediente_id, department_code, compliant, findings, reviewer, reviewed_on)
       SELECT $1, e, $2, e % 10 < 7, CASE WHEN e % 10 < 7 THEN 'Conforme' ELSE 'Plan de manejo ambiental incompleto' END, 'Revisor DGFM (demo)', '2024-10-15'
       FROM unnest($3::bigint[]) e`,
      [review[0]!.id, department, sample],
    );
  }
}

export async function loadServicesDemo(tx: Queryable): Promise<{ events: number; participants: number; deliveries: number }> {
  await tx.exec('CREATE TEMP TABLE demo_services_pop (year int, ruc text, department_code char(2), district_code char(6), name text)');
  for (const y of YEARS) await tx.exec(POPULATION(y));
  await trainings(tx);
  await deliveries(tx);
  await records(tx);
  await safetyAndMercury(tx);
  await igafomReviews(tx);
  const { rows } = await tx.query<{ events: number; participants: number; deliveries: number }>(
    `SELECT (SELECT count(*) FROM service_events)::int AS events, (SELECT count(*) FROM service_participants)::int AS participants,
            (SELECT count(*) FROM service_deliveries)::int AS deliveries`,
  );
  await tx.exec('DROP TABLE demo_services_pop');
  return rows[0]!;
}
