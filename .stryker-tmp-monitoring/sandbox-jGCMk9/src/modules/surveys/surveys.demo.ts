/**
 * The demo's baseline: a few hundred fictitious submissions of the shipped MPE baseline
 * form in the pilot regions, each checked by the same rules as a real one, and a field
 * surveyor of Puno (`encuestador` / `veta-encuestador`). Deterministic.
 */
// @ts-nocheck

import { createHash } from 'node:crypto';
import { appendAudit } from '../../platform/audit/audit.ts';
import { createUser } from '../../platform/auth/auth.ts';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db.ts';
import { rng, type Rng } from '../demo/random.ts';
import { loadBaselineForm } from './baseline-form.load.ts';
import { BASELINE_VERSION } from './baseline-form.rows.ts';
import { BASELINE_FORM_ID } from './baseline.indicators.ts';
import { formVersion, insertSubmissions, type NewSubmission } from './surveys.queries.ts';
import { checkSubmission } from './surveys.service.ts';
import type { Answers } from './xlsform.model.ts';

/** Pilot regions and their share of the visits. */
export const DEMO_SURVEY_REGIONS = [
  ['21', 120],
  ['17', 90],
  ['04', 70],
  ['05', 40],
  ['13', 30],
] as const;

const SYSTEM: Actor = { username: 'system:demo', role: 'admin', region: null, ruc: null, userId: null };
const DISTRICTS: Record<string, string[]> = {
  '21': ['Ananea', 'Cuyocuyo', 'Limbani', 'Sandia'],
  '17': ['Huepetuhe', 'Inambari', 'Laberinto', 'Madre de Dios'],
  '04': ['Chala', 'Chaparra', 'Yanaquihua', 'Atico'],
  '05': ['Sancos', 'Lucanas', 'Saisa'],
  '13': ['Pataz', 'Parcoy', 'Huaylillas'],
};

/** A uuid (v4 layout) from a seed: the same demo, the same instanceIDs. */
const demoUuid = (seed: string): string => {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** One fictitious visit's answers, consistent with the form's rules. */
export function demoAnswers(r: Rng, department: string, visitDate: string): Answers {
  const pma = r.next() < 0.7;
  const method = r.weighted([
    ['amalgamation', 45],
    ['gravimetric', 20],
    ['cyanidation', 15],
    ['flotation', 5],
    ['sells_ore', 15],
  ] as const);
  const mercury = method === 'amalgamation' || r.next() < 0.15;
  const women = r.int(0, pma ? 6 : 15);
  const men = r.int(1, pma ? 12 : 40);
  const childrenWork = r.next() < (department === '17' ? 0.22 : 0.12);
  const accidents = r.next() < 0.18;
  const sex = r.next() < 0.32 ? 'female' : 'male';
  const a: Answers = {
    start: `${visitDate}T09:${String(r.int(10, 59)).padStart(2, '0')}:00.000-05:00`,
    end: `${visitDate}T10:${String(r.int(10, 59)).padStart(2, '0')}:00.000-05:00`,
    today: visitDate,
    department,
    district: r.pick(DISTRICTS[department] ?? ['Distrito']),
    respondent_sex: sex,
    respondent_age: String(r.int(18, 72)),
    respondent_role: sex === 'female' && r.next() < 0.4 ? 'pallaquera' : r.pick(['owner', 'worker', 'processor', 'owner']),
    household_size: String(r.int(1, 9)),
    stratum: pma ? 'pma' : r.next() < 0.8 ? 'ppm' : 'none',
    reinfo: r.next() < 0.55 ? 'yes' : 'no',
    organization: r.pick(['none', 'association', 'cooperative', 'company', 'association']),
    processing_method: method,
    uses_mercury: mercury ? 'yes' : 'no',
    water_discharge: r.next() < 0.35 ? 'yes' : 'no',
    deforestation: department === '17' && r.next() < 0.6 ? 'yes' : 'no',
    workers_men: String(men),
    workers_women: String(women),
    children_work: childrenWork ? 'yes' : 'no',
    accidents: accidents ? 'yes' : 'no',
    income_month_pen: String(r.int(8, 60) * 100),
  };
  if (a['reinfo'] === 'yes') a['expediente_stage'] = r.pick(['igafom', 'title', 'land', 'technical', 'authorized', 'unknown']);
  if (mercury) a['mercury_kg_month'] = String(r.int(1, 40) / 2);
  if (a['deforestation'] === 'yes') a['deforested_ha'] = String(r.int(1, 80) / 4);
  if (women > 0) {
    a['pallaqueras'] = String(r.int(0, women));
    a['women_roles'] = [...new Set(['pallaquera', r.pick(['worker', 'owner', 'processing', 'services'])])].join(' ');
  }
  if (childrenWork) {
    a['child'] = Array.from({ length: r.int(1, 3) }, () => ({
      child_sex: r.next() < 0.45 ? 'female' : 'male',
      child_age: String(r.int(10, 17)),
      child_tasks: [...new Set([r.pick(['sorting', 'transport', 'crushing']), r.pick(['sorting', 'amalgamation', 'services'])])].join(' '),
    }));
  }
  if (accidents) {
    a['accidents_count'] = String(r.int(1, 4));
    a['accidents_fatal'] = r.next() < 0.1 ? 'yes' : 'no';
  }
  if (a['respondent_age'] && r.next() < 0.3) a['location'] = `${(-13 - r.next() * 3).toFixed(5)} ${(-70 - r.next() * 2).toFixed(5)}`;
  return a;
}

export async function surveysDemo(tx: Queryable): Promise<{ submissions: number }> {
  await loadBaselineForm(tx);
  const form = (await formVersion(tx, BASELINE_FORM_ID, BASELINE_VERSION))!;
  const r = rng(15);
  const subs: NewSubmission[] = [];
  for (const [department, count] of DEMO_SURVEY_REGIONS) {
    for (let i = 0; i < count; i++) {
      const visit = `2026-${String(r.int(7, 11)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
      const answers = demoAnswers(r, department, visit);
      const checked = checkSubmission(form.definition, SYSTEM, { answers, completedAt: `${visit}T15:00:00.000Z` }, new Date(`${visit}T23:00:00.000Z`));
      if (!checked.ok) throw new Error(`demo submission breaks the form: ${JSON.stringify(checked.errors)}`);
      subs.push({
        formPk: form.pk,
        instanceId: demoUuid(`veta-demo-survey-${department}-${i}`),
        departmentCode: checked.departmentCode,
        answers: checked.answers,
        completedAt: `${visit}T15:00:00.000Z`,
        source: 'demo',
      });
    }
  }
  const inserted = await insertSubmissions(tx, SYSTEM.username, subs);
  const exists = await tx.query(`SELECT 1 FROM users WHERE username = 'encuestador'`);
  if (!exists.rows.length)
    await createUser(tx, { username: 'encuestador', password: 'veta-encuestador', role: 'surveyor', regionCode: '21', displayName: 'Encuestador Puno' });
  await appendAudit(tx, SYSTEM, { action: 'survey.demo', entity: 'survey_form', entityId: form.pk, after: { submissions: inserted.length } });
  return { submissions: inserted.length };
}
