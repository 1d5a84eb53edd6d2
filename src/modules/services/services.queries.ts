import type { Queryable } from '../../platform/db.ts';
import type { Narrow, Row } from '../../platform/db/schema.generated.ts';
import { ageBand, isTimely, type DeliveryKind, type EventKind } from './services.domain.ts';

/** SQL of the services module: events and participants, deliveries, reads for lists and profiles. */

export type Condition = 'reinfo_vigente' | 'reinfo_suspendido' | 'reinfo_excluido' | 'not_in_reinfo';

export interface Resolved {
  beneficiaryRuc: string;
  personId: number | null;
  organizationId: number | null;
  condition: Condition;
}

/**
 * Matches beneficiaries to the registry (persons by DNI, organizations by RUC) with the
 * registry's look-up functions, and their REINFO condition on `onDay`. Keys are the
 * beneficiary RUCs (a person's: 10 + DNI + check digit).
 */
export async function resolveBeneficiaries(tx: Queryable, people: { dni: string | null; ruc: string }[], onDay: string): Promise<Map<string, Resolved>> {
  const dnis = people.flatMap((p) => (p.dni ? [p.dni] : []));
  const rucs = people.filter((p) => !p.dni).map((p) => p.ruc);
  // one after the other: a transaction is one connection, which runs one statement at a time
  const persons = await tx.query<Pick<Row<'persons'>, 'dni' | 'id'>>('SELECT dni, id FROM veta_lookup_persons($1::text[])', [dnis]);
  const orgs = await tx.query<Pick<Row<'organizations'>, 'ruc' | 'id'>>('SELECT ruc, id FROM veta_lookup_organizations($1::text[])', [rucs]);
  const conditions = await tx.query<{ ruc: string; status: string }>('SELECT ruc, status FROM veta_reinfo_condition($1::text[], $2::date)', [
    people.map((p) => p.ruc),
    onDay,
  ]);
  const personOf = new Map(persons.rows.map((r) => [r.dni, r.id]));
  const orgOf = new Map(orgs.rows.map((r) => [r.ruc, r.id]));
  const statusOf = new Map(conditions.rows.map((r) => [r.ruc, r.status]));
  const out = new Map<string, Resolved>();
  for (const p of people) {
    const status = statusOf.get(p.ruc);
    out.set(p.ruc, {
      beneficiaryRuc: p.ruc,
      personId: p.dni ? (personOf.get(p.dni) ?? null) : null,
      organizationId: p.dni ? null : (orgOf.get(p.ruc) ?? null),
      condition: status ? (`reinfo_${status}` as Condition) : 'not_in_reinfo',
    });
  }
  return out;
}

export interface EventRow {
  code: string;
  serviceCode: string;
  kind: EventKind;
  topic: string;
  date: string;
  departmentCode: string;
  districtCode: string | null;
  modality: string;
  hours: number | null;
  provider: string | null;
}

/** Inserts an event or returns the existing one with the same code (with whether it changed). */
export async function upsertEvent(
  tx: Queryable,
  e: EventRow,
  by: string,
  importId: number | null,
): Promise<{ id: number; created: boolean; changed: boolean }> {
  const { rows } = await tx.query<Pick<Row<'service_events'>, 'id'> & { created: boolean; changed: boolean }>(
    `WITH old AS (SELECT * FROM service_events WHERE code = $1),
     ins AS (INSERT INTO service_events (code, service_code, kind, topic, event_date, department_code, district_code, modality, hours, provider, import_id, recorded_by)
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 WHERE NOT EXISTS (SELECT 1 FROM old) RETURNING id),
     upd AS (UPDATE service_events s SET service_code = $2, kind = $3, topic = $4, event_date = $5, department_code = $6, district_code = $7,
                    modality = $8, hours = $9, provider = $10
             FROM old WHERE s.id = old.id AND (old.service_code, old.kind, old.topic, old.event_date, old.department_code, coalesce(old.district_code, ''),
                    old.modality, coalesce(old.hours, -1), coalesce(old.provider, ''))
                 IS DISTINCT FROM ($2, $3, $4, $5::date, $6::char(2), coalesce($7, ''), $8, coalesce($9::numeric, -1), coalesce($10, ''))
             RETURNING s.id)
     SELECT coalesce((SELECT id FROM ins), (SELECT id FROM old)) AS id, EXISTS (SELECT 1 FROM ins) AS created, EXISTS (SELECT 1 FROM upd) AS changed`,
    [e.code, e.serviceCode, e.kind, e.topic, e.date, e.departmentCode, e.districtCode, e.modality, e.hours, e.provider, importId, by],
  );
  return { id: Number(rows[0]!.id), created: rows[0]!.created, changed: rows[0]!.changed };
}

export interface ParticipantRow extends Resolved {
  dni: string | null;
  ruc: string | null;
  name: string;
  sex: 'F' | 'M' | null;
  age: number | null;
  attended: boolean;
  passed: boolean;
}

/**
 * Writes an event's participants set-based: new ones inserted, changed ones updated,
 * identical ones left alone. Returns the counts.
 */
export async function upsertParticipants(
  tx: Queryable,
  eventId: number,
  departmentCode: string,
  rows: ParticipantRow[],
  importId: number | null,
): Promise<{ inserted: number; updated: number; unchanged: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const { rows: r } = await tx.query<{ inserted: number; updated: number }>(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($3::jsonb) AS x(dni text, ruc text, "beneficiaryRuc" text, "personId" bigint, "organizationId" bigint,
                                                       name text, sex text, age int, condition text, attended boolean, passed boolean)),
     ins AS (INSERT INTO service_participants (event_id, department_code, dni, ruc, beneficiary_ruc, person_id, organization_id, name, sex, age, condition, attended, passed, import_id)
             SELECT $1, $2, i.dni, i.ruc, i."beneficiaryRuc", i."personId", i."organizationId", i.name, i.sex, i.age, i.condition, i.attended, i.passed, $4
             FROM input i WHERE NOT EXISTS (SELECT 1 FROM service_participants p WHERE p.event_id = $1 AND p.beneficiary_ruc = i."beneficiaryRuc")
             RETURNING 1),
     upd AS (UPDATE service_participants p SET name = i.name, sex = i.sex, age = i.age, attended = i.attended, passed = i.passed,
                    person_id = i."personId", organization_id = i."organizationId", import_id = coalesce($4, p.import_id), updated_at = now()
             FROM input i WHERE p.event_id = $1 AND p.beneficiary_ruc = i."beneficiaryRuc"
               AND (p.name, coalesce(p.sex, ''), coalesce(p.age, -1), p.attended, p.passed)
                   IS DISTINCT FROM (i.name, coalesce(i.sex, ''), coalesce(i.age, -1), i.attended, i.passed)
             RETURNING 1)
     SELECT (SELECT count(*) FROM ins)::int AS inserted, (SELECT count(*) FROM upd)::int AS updated`,
    [eventId, departmentCode, JSON.stringify(rows), importId],
  );
  const inserted = Number(r[0]!.inserted);
  const updated = Number(r[0]!.updated);
  return { inserted, updated, unchanged: rows.length - inserted - updated };
}

const mask = (dni: string | null, ruc: string | null): string =>
  dni ? `${dni.slice(0, 2)}****${dni.slice(6)}` : ruc!.startsWith('10') ? `10********${ruc!.slice(10)}` : ruc!;

const EVENT_COLUMNS = `e.id, e.code, e.service_code, e.kind, e.topic, e.event_date::text AS date, e.department_code, e.district_code, e.modality,
  e.hours, e.provider, (SELECT count(*) FROM service_participants p WHERE p.event_id = e.id)::int AS participants,
  (SELECT count(*) FROM service_participants p WHERE p.event_id = e.id AND p.attended AND p.passed)::int AS passed`;

type EventDbRow = Narrow<
  Pick<Row<'service_events'>, 'id' | 'code' | 'service_code' | 'kind' | 'topic' | 'department_code' | 'district_code' | 'modality' | 'hours' | 'provider'>,
  { kind: EventKind }
> & { date: Row<'service_events'>['event_date']; participants: number; passed: number };
const toEvent = (r: EventDbRow) => ({
  id: r.id,
  code: r.code,
  serviceCode: r.service_code,
  kind: r.kind,
  topic: r.topic,
  date: r.date,
  departmentCode: r.department_code,
  districtCode: r.district_code,
  modality: r.modality,
  hours: r.hours === null ? null : Number(r.hours),
  provider: r.provider,
  participants: r.participants,
  passed: r.passed,
});
export type EventOut = ReturnType<typeof toEvent>;

export interface ListFilter {
  department?: string | undefined;
  service?: string | undefined;
  year?: number | undefined;
  ruc?: string | undefined;
  limit: number;
}

export async function listEvents(tx: Queryable, f: ListFilter): Promise<EventOut[]> {
  const { rows } = await tx.query<EventDbRow>(
    `SELECT ${EVENT_COLUMNS} FROM service_events e
     WHERE ($1::text IS NULL OR e.department_code = $1) AND ($2::text IS NULL OR e.service_code = $2)
       AND ($3::int IS NULL OR extract(year FROM e.event_date) = $3)
       AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM service_participants p WHERE p.event_id = e.id AND p.beneficiary_ruc = $4))
     ORDER BY e.event_date DESC, e.id DESC LIMIT $5`,
    [f.department ?? null, f.service ?? null, f.year ?? null, f.ruc ?? null, f.limit],
  );
  return rows.map(toEvent);
}

export async function findEvent(tx: Queryable, id: number): Promise<EventOut | null> {
  const { rows } = await tx.query<EventDbRow>(`SELECT ${EVENT_COLUMNS} FROM service_events e WHERE e.id = $1`, [id]);
  return rows[0] ? toEvent(rows[0]) : null;
}

export async function roster(tx: Queryable, eventId: number) {
  const { rows } = await tx.query<{
    id: string;
    event_id: string;
    name: string;
    dni: string | null;
    ruc: string | null;
    sex: 'F' | 'M' | null;
    age: number | null;
    condition: Condition;
    attended: boolean;
    passed: boolean;
    matched: boolean;
  }>(
    `SELECT id, event_id, name, dni, ruc, sex, age, condition, attended, passed, (person_id IS NOT NULL OR organization_id IS NOT NULL) AS matched
     FROM service_participants WHERE event_id = $1 ORDER BY name, id`,
    [eventId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    eventId: Number(r.event_id),
    name: r.name,
    maskedId: mask(r.dni, r.ruc),
    sex: r.sex,
    ageBand: ageBand(r.age === null ? null : Number(r.age)),
    condition: r.condition,
    attended: r.attended,
    passed: r.passed,
    matched: r.matched,
  }));
}

/** Sets one participant's result; returns before and after, or null when not found (or not visible). */
export async function setResult(tx: Queryable, eventId: number, participantId: number, attended: boolean, passed: boolean) {
  const { rows } = await tx.query<{ department_code: string; before_attended: boolean; before_passed: boolean }>(
    `UPDATE service_participants p SET attended = $3, passed = $4, updated_at = now()
     FROM (SELECT id, attended AS before_attended, passed AS before_passed FROM service_participants WHERE id = $2 AND event_id = $1 FOR UPDATE) old
     WHERE p.id = old.id RETURNING p.department_code, old.before_attended, old.before_passed`,
    [eventId, participantId, attended, passed],
  );
  return rows[0] ?? null;
}

export interface DeliveryRow extends Resolved {
  kind: DeliveryKind;
  serviceCode: string;
  reference: string;
  departmentCode: string;
  dni: string | null;
  ruc: string | null;
  name: string;
  sex: 'F' | 'M' | null;
  requestedOn: string;
  deliveredOn: string | null;
  provider: string | null;
  item: string | null;
  amountPen: number | null;
  standardDays: number | null;
}

export async function insertDelivery(tx: Queryable, d: DeliveryRow, by: string): Promise<number> {
  const { rows } = await tx.query<Pick<Row<'service_deliveries'>, 'id'>>(
    `INSERT INTO service_deliveries (kind, service_code, reference, department_code, dni, ruc, beneficiary_ruc, person_id, organization_id, name, sex,
       condition, requested_on, delivered_on, provider, item, amount_pen, standard_days, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id`,
    [
      d.kind,
      d.serviceCode,
      d.reference,
      d.departmentCode,
      d.dni,
      d.ruc,
      d.beneficiaryRuc,
      d.personId,
      d.organizationId,
      d.name,
      d.sex,
      d.condition,
      d.requestedOn,
      d.deliveredOn,
      d.provider,
      d.item,
      d.amountPen,
      d.standardDays,
      by,
    ],
  );
  return Number(rows[0]!.id);
}

export async function listDeliveries(tx: Queryable, f: ListFilter & { kind?: DeliveryKind | undefined }) {
  const { rows } = await tx.query<Record<string, string | null>>(
    `SELECT id, kind, service_code, reference, department_code, name, dni, ruc, sex, condition, requested_on::text, delivered_on::text,
            provider, item, amount_pen, standard_days
     FROM service_deliveries
     WHERE ($1::text IS NULL OR department_code = $1) AND ($2::text IS NULL OR service_code = $2)
       AND ($3::int IS NULL OR extract(year FROM coalesce(delivered_on, requested_on)) = $3)
       AND ($4::text IS NULL OR beneficiary_ruc = $4) AND ($5::text IS NULL OR kind = $5)
     ORDER BY requested_on DESC, id DESC LIMIT $6`,
    [f.department ?? null, f.service ?? null, f.year ?? null, f.ruc ?? null, f.kind ?? null, f.limit],
  );
  return rows.map((r) => {
    const standardDays = r['standard_days'] === null ? null : Number(r['standard_days']);
    return {
      id: Number(r['id']),
      kind: r['kind'] as DeliveryKind,
      serviceCode: r['service_code']!,
      reference: r['reference']!,
      departmentCode: r['department_code']!,
      name: r['name']!,
      maskedId: mask(r['dni'] ?? null, r['ruc'] ?? null),
      sex: (r['sex'] as 'F' | 'M' | null) ?? null,
      condition: r['condition'] as Condition,
      requestedOn: r['requested_on']!,
      deliveredOn: r['delivered_on'] ?? null,
      provider: r['provider'] ?? null,
      item: r['item'] ?? null,
      amountPen: r['amount_pen'] === null ? null : Number(r['amount_pen']),
      standardDays,
      timely: r['kind'] === 'lab_analysis' && standardDays !== null ? isTimely(r['requested_on']!, r['delivered_on'] ?? null, standardDays) : null,
    };
  });
}

/** The events a beneficiary took part in (their profile). */
export async function eventsOf(tx: Queryable, ruc: string) {
  const { rows } = await tx.query<EventDbRow & { attended: boolean; p_passed: boolean }>(
    `SELECT ${EVENT_COLUMNS}, p.attended, p.passed AS p_passed FROM service_participants p JOIN service_events e ON e.id = p.event_id
     WHERE p.beneficiary_ruc = $1 ORDER BY e.event_date DESC, e.id DESC LIMIT 500`,
    [ruc],
  );
  return rows.map((r) => {
    const e = toEvent(r);
    return {
      id: e.id,
      code: e.code,
      serviceCode: e.serviceCode,
      kind: e.kind,
      topic: e.topic,
      date: e.date,
      departmentCode: e.departmentCode,
      attended: r.attended,
      passed: r.p_passed,
    };
  });
}

export interface SummaryRow {
  key: string;
  events: number;
  participants: number;
  passed: number;
}

/** A service's deliveries in a year (events and participants), by region, sex and month, as the caller may see them. */
export async function serviceSummary(
  tx: Queryable,
  service: string,
  year: number,
): Promise<{ byRegion: SummaryRow[]; bySex: SummaryRow[]; byMonth: SummaryRow[] }> {
  const { rows } = await tx.query<{ dim: string; key: string; events: number; participants: number; passed: number }>(
    `WITH p AS (SELECT e.id AS event_id, e.department_code, extract(month FROM e.event_date)::int AS month, coalesce(sp.sex, '?') AS sex, sp.attended, sp.passed
                FROM service_events e JOIN service_participants sp ON sp.event_id = e.id
                WHERE e.service_code = $1 AND extract(year FROM e.event_date) = $2)
     SELECT 'region' AS dim, department_code AS key, count(DISTINCT event_id)::int AS events, count(*) FILTER (WHERE attended)::int AS participants,
            count(*) FILTER (WHERE attended AND passed)::int AS passed FROM p GROUP BY 2
     UNION ALL SELECT 'sex', sex, count(DISTINCT event_id)::int, count(*) FILTER (WHERE attended)::int, count(*) FILTER (WHERE attended AND passed)::int FROM p GROUP BY 2
     UNION ALL SELECT 'month', lpad(month::text, 2, '0'), count(DISTINCT event_id)::int, count(*) FILTER (WHERE attended)::int, count(*) FILTER (WHERE attended AND passed)::int FROM p GROUP BY 2
     ORDER BY 1, 2`,
    [service, year],
  );
  const of = (dim: string): SummaryRow[] =>
    rows.filter((r) => r.dim === dim).map((r) => ({ key: r.key, events: Number(r.events), participants: Number(r.participants), passed: Number(r.passed) }));
  return { byRegion: of('region'), bySex: of('sex'), byMonth: of('month') };
}
