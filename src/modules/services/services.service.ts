/**
 * The services module's writes and reads: each opens its transaction as the actor
 * (row-level security decides the region), calls the domain and the SQL, and appends
 * its audit entry in the same transaction.
 */
import { appendAudit } from '../../platform/audit/audit.ts';
import { withActor, type Actor } from '../../platform/context.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { withCheckDigit } from '../registry/registry.domain.ts';
import { compliantShare, DEFAULT_SERVICE, defaultSampleSize, mercuryGoldRatio, SAMPLE_METHOD, seededSample } from './services.domain.ts';
import * as q from './services.queries.ts';
import * as r from './services-records.queries.ts';
import type { BeneficiaryInput, DeliveryInput, EventInput } from './services.schema.ts';

const WRITERS = new Set(['regional', 'national', 'admin']);

function assertWriter(actor: Actor, departmentCode: string): void {
  if (!WRITERS.has(actor.role)) throw new ForbiddenError('role_may_not_record', `The role ${actor.role} may not record deliveries.`, { role: actor.role });
  if (actor.role === 'regional' && actor.region !== departmentCode) {
    throw new ForbiddenError('other_region', `A regional official of ${actor.region ?? '?'} may not record deliveries of ${departmentCode}.`, {
      region: departmentCode,
    });
  }
}

/** The RUC the indicators count for a beneficiary: an organization's RUC, or 10 + DNI + check digit. */
export const beneficiaryRuc = (b: { dni?: string | undefined | null; ruc?: string | undefined | null }): string =>
  b.dni ? withCheckDigit(`10${b.dni}`) : b.ruc!;

const uniqueViolation = (err: unknown): boolean => (err as { code?: string }).code === '23505';

/** Records a training or advice event with its participants (or corrects it: same code). */
export async function recordEvent(db: Database, actor: Actor, input: EventInput, importId: number | null = null) {
  assertWriter(actor, input.departmentCode);
  return withActor(db, actor, async (tx) => {
    const counts = await writeEvent(tx, actor, input, importId);
    await appendAudit(tx, actor, {
      action: 'services.event.record',
      entity: 'service_event',
      entityId: counts.id,
      regionCode: input.departmentCode,
      after: { code: input.code, serviceCode: input.serviceCode, participants: input.participants.length, ...counts },
    });
    return eventDetailIn(tx, counts.id);
  });
}

/** Writes one event and its participants inside the caller's transaction. */
export async function writeEvent(tx: Queryable, actor: Actor, input: EventInput, importId: number | null) {
  const event = await q.upsertEvent(
    tx,
    {
      code: input.code,
      serviceCode: input.serviceCode,
      kind: input.kind,
      topic: input.topic,
      date: input.date,
      departmentCode: input.departmentCode,
      districtCode: input.districtCode ?? null,
      modality: input.modality,
      hours: input.hours ?? null,
      provider: input.provider ?? null,
    },
    actor.username,
    importId,
  );
  const people = input.participants.map((p) => ({ dni: p.dni ?? null, ruc: beneficiaryRuc(p) }));
  const seen = new Set<string>();
  for (const [i, p] of people.entries()) {
    if (seen.has(p.ruc))
      throw new ValidationError('participant_twice', `Participant ${i + 1} is listed twice in event ${input.code}.`, { index: i, code: input.code });
    seen.add(p.ruc);
  }
  const resolved = await q.resolveBeneficiaries(tx, people, input.date);
  const rows = input.participants.map((p) => ({
    ...resolved.get(beneficiaryRuc(p))!,
    dni: p.dni ?? null,
    ruc: p.dni ? null : p.ruc!,
    name: p.name,
    sex: p.sex ?? null,
    age: p.age ?? null,
    attended: p.attended,
    passed: p.passed,
  }));
  const counts = await q.upsertParticipants(tx, event.id, input.departmentCode, rows, importId);
  return { id: event.id, eventCreated: event.created, eventChanged: event.changed, ...counts };
}

async function eventDetailIn(tx: Queryable, id: number) {
  const event = await q.findEvent(tx, id);
  if (!event) throw NotFoundError.of(`Service event ${id}`, 'service_event_not_found', { id });
  return { ...event, roster: await q.roster(tx, id) };
}

export const getEvent = (db: Database, actor: Actor, id: number) => withActor(db, actor, (tx) => eventDetailIn(tx, id));
export const listEvents = (db: Database, actor: Actor, f: q.ListFilter) => withActor(db, actor, (tx) => q.listEvents(tx, f));

/** Corrects one participant's attendance and result (audited, before and after). */
export async function setParticipantResult(db: Database, actor: Actor, eventId: number, participantId: number, result: { attended: boolean; passed: boolean }) {
  if (!WRITERS.has(actor.role)) throw new ForbiddenError('role_may_not_record', `The role ${actor.role} may not record deliveries.`, { role: actor.role });
  if (result.passed && !result.attended) throw new ValidationError('passed_without_attending', 'Only a participant who attended can pass.');
  return withActor(db, actor, async (tx) => {
    const before = await q.setResult(tx, eventId, participantId, result.attended, result.passed);
    if (!before) throw NotFoundError.of(`Participant ${participantId} of event ${eventId}`, 'participant_not_found', { eventId, participantId });
    await appendAudit(tx, actor, {
      action: 'services.participant.result',
      entity: 'service_participant',
      entityId: participantId,
      regionCode: before.department_code,
      before: { attended: before.before_attended, passed: before.before_passed },
      after: result,
    });
    return eventDetailIn(tx, eventId);
  });
}

async function resolveOne(tx: Queryable, b: BeneficiaryInput, day: string) {
  const ruc = beneficiaryRuc(b);
  return (await q.resolveBeneficiaries(tx, [{ dni: b.dni ?? null, ruc }], day)).get(ruc)!;
}

/** Records a laboratory analysis, a Fondo Minero request or a formal credit. */
export async function recordDelivery(db: Database, actor: Actor, d: DeliveryInput) {
  assertWriter(actor, d.departmentCode);
  if (d.kind === 'lab_analysis' && d.standardDays === undefined)
    throw new ValidationError('standard_days_required', 'A laboratory analysis needs the service standard (days).');
  if (d.kind === 'credit' && (d.deliveredOn === undefined || d.amountPen === undefined || d.provider === undefined)) {
    throw new ValidationError('credit_incomplete', 'A credit needs the lender (provider), the amount and the date granted (deliveredOn).');
  }
  if (d.deliveredOn !== undefined && d.deliveredOn < d.requestedOn)
    throw new ValidationError('delivered_before_requested', 'Delivered before it was requested.');
  return withActor(db, actor, async (tx) => {
    const resolved = await resolveOne(tx, d, d.requestedOn);
    let id: number;
    try {
      id = await q.insertDelivery(
        tx,
        {
          ...resolved,
          kind: d.kind,
          serviceCode: d.serviceCode ?? DEFAULT_SERVICE[d.kind],
          reference: d.reference,
          departmentCode: d.departmentCode,
          dni: d.dni ?? null,
          ruc: d.dni ? null : d.ruc!,
          name: d.name,
          sex: d.sex ?? null,
          requestedOn: d.requestedOn,
          deliveredOn: d.deliveredOn ?? null,
          provider: d.provider ?? null,
          item: d.item ?? null,
          amountPen: d.amountPen ?? null,
          standardDays: d.standardDays ?? null,
        },
        actor.username,
      );
    } catch (err) {
      if (uniqueViolation(err))
        throw new ConflictError('delivery_exists', `A ${d.kind} with reference ${d.reference} is recorded already.`, { reference: d.reference });
      throw err;
    }
    await appendAudit(tx, actor, {
      action: `services.${d.kind}.record`,
      entity: 'service_delivery',
      entityId: id,
      regionCode: d.departmentCode,
      after: { reference: d.reference, kind: d.kind },
    });
    return { id };
  });
}

export const listDeliveries = (db: Database, actor: Actor, f: Parameters<typeof q.listDeliveries>[1]) => withActor(db, actor, (tx) => q.listDeliveries(tx, f));

/** What a person (by RUC 10…) or an organization received: events and deliveries. */
export const servicesReceived = (db: Database, actor: Actor, ruc: string) =>
  withActor(db, actor, async (tx) => ({ events: await q.eventsOf(tx, ruc), deliveries: await q.listDeliveries(tx, { ruc, limit: 500 }) }));

export async function recordDialogue(db: Database, actor: Actor, d: Parameters<typeof r.insertDialogue>[1]) {
  assertWriter(actor, d.departmentCode);
  return withActor(db, actor, async (tx) => {
    let id: number;
    try {
      id = await r.insertDialogue(tx, d, actor.username);
    } catch (err) {
      if (uniqueViolation(err)) throw new ConflictError('dialogue_exists', `Dialogue table ${d.code} is recorded already.`, { code: d.code });
      throw err;
    }
    await appendAudit(tx, actor, { action: 'services.dialogue.record', entity: 'dialogue_table', entityId: id, regionCode: d.departmentCode, after: d });
    return (await r.findDialogue(tx, id))!;
  });
}

export async function addDialogueSession(db: Database, actor: Actor, tableId: number, s: Parameters<typeof r.insertSession>[3]) {
  return withActor(db, actor, async (tx) => {
    const table = await r.findDialogue(tx, tableId);
    if (!table) throw NotFoundError.of(`Dialogue table ${tableId}`, 'dialogue_not_found', { id: tableId });
    assertWriter(actor, table.departmentCode);
    if (s.heldOn < table.requestedOn) throw new ValidationError('session_before_request', 'A session cannot be held before the table was requested.');
    const id = await r.insertSession(tx, tableId, table.departmentCode, s, actor.username);
    await appendAudit(tx, actor, { action: 'services.dialogue.session', entity: 'dialogue_session', entityId: id, regionCode: table.departmentCode, after: s });
    return (await r.findDialogue(tx, tableId))!;
  });
}

export const getDialogue = (db: Database, actor: Actor, id: number) =>
  withActor(db, actor, async (tx) => (await r.findDialogue(tx, id)) ?? Promise.reject(NotFoundError.of(`Dialogue table ${id}`, 'dialogue_not_found', { id })));

/** The default seed of a review: the department and year, so that anyone can redo the draw. */
export const defaultSeed = (departmentCode: string, year: number): number => Number(`${year}${departmentCode}`);

/** Draws the random sample of the region's approved IGAFOMs for a year and stores it with its seed. */
export async function startIgafomReview(
  db: Database,
  actor: Actor,
  b: { departmentCode: string; year: number; seed?: number | undefined; size?: number | undefined },
) {
  assertWriter(actor, b.departmentCode);
  return withActor(db, actor, async (tx) => {
    const population = await r.approvedIgafoms(tx, b.departmentCode, b.year);
    if (population.length === 0)
      throw new ConflictError('no_approved_igafom', `No approved IGAFOM of ${b.departmentCode} by the end of ${b.year} to review.`, {
        region: b.departmentCode,
        year: b.year,
      });
    const seed = b.seed ?? defaultSeed(b.departmentCode, b.year);
    const sample = seededSample(population, seed, b.size ?? defaultSampleSize(population.length));
    let id: number;
    try {
      id = await r.insertReview(tx, { departmentCode: b.departmentCode, year: b.year, seed, method: SAMPLE_METHOD, population, sample }, actor.username);
    } catch (err) {
      if (uniqueViolation(err))
        throw new ConflictError('review_exists', `The ${b.year} review of ${b.departmentCode} is drawn already.`, { region: b.departmentCode, year: b.year });
      throw err;
    }
    await appendAudit(tx, actor, {
      action: 'services.igafom_review.draw',
      entity: 'igafom_review',
      entityId: id,
      regionCode: b.departmentCode,
      after: { seed, population: population.length, sample },
    });
    return reviewIn(tx, id);
  });
}

async function reviewIn(tx: Queryable, id: number) {
  const review = await r.findReview(tx, id);
  if (!review) throw NotFoundError.of(`IGAFOM review ${id}`, 'review_not_found', { id });
  return { ...review, compliantShare: compliantShare(review.findings) };
}

export const getIgafomReview = (db: Database, actor: Actor, id: number) => withActor(db, actor, (tx) => reviewIn(tx, id));

export async function addIgafomFinding(db: Database, actor: Actor, reviewId: number, f: Parameters<typeof r.insertFinding>[3]) {
  return withActor(db, actor, async (tx) => {
    const review = await reviewIn(tx, reviewId);
    assertWriter(actor, review.departmentCode);
    if (!review.sample.includes(f.expedienteId))
      throw new ValidationError('not_in_sample', `Expediente ${f.expedienteId} is not in the sample of review ${reviewId}.`, { expedienteId: f.expedienteId });
    try {
      await r.insertFinding(tx, reviewId, review.departmentCode, f, actor.username);
    } catch (err) {
      if (uniqueViolation(err))
        throw new ConflictError('finding_exists', `Expediente ${f.expedienteId} is reviewed already.`, { expedienteId: f.expedienteId });
      throw err;
    }
    await appendAudit(tx, actor, {
      action: 'services.igafom_review.finding',
      entity: 'igafom_review',
      entityId: reviewId,
      regionCode: review.departmentCode,
      after: f,
    });
    return reviewIn(tx, reviewId);
  });
}

/** The rules a one-row record must keep beyond its shape (the database refuses them too, without saying why). */
function checkSimple(table: r.SimpleTable, values: readonly unknown[]): void {
  if (table === 'mercury_use' && values[3] === 'mercury_free' && Number(values[5]) > 0)
    throw new ValidationError('mercury_free_uses_mercury', 'A mercury-free processing cannot use mercury (mercuryUsedKg must be 0).');
  if (table === 'mercury_transitions' && values[3] === values[4])
    throw new ValidationError('transition_same_technology', 'A transition goes from one technology to another.');
}

/** Records one of the one-row records (certification, capacity, health access, workforce, accident, mercury). */
export async function recordSimple(db: Database, actor: Actor, table: r.SimpleTable, departmentCode: string, values: unknown[]): Promise<void> {
  assertWriter(actor, departmentCode);
  checkSimple(table, values);
  await withActor(db, actor, async (tx) => {
    try {
      await r.putSimple(tx, table, values, actor.username);
    } catch (err) {
      if (uniqueViolation(err)) throw new ConflictError('record_exists', `This ${table} record is recorded already.`, { table });
      throw err;
    }
    await appendAudit(tx, actor, { action: `services.${table}.record`, entity: table, regionCode: departmentCode, after: values });
  });
}

/** Hg:Au ratios per organization, region and nation, and the organizations that went mercury-free. */
export const mercuryReport = (db: Database, actor: Actor, year: number) =>
  withActor(db, actor, async (tx) => ({
    year,
    ratios: (await r.mercuryTotals(tx, year)).map((t) => ({ ...t, ratio: mercuryGoldRatio(t.mercuryUsedKg, t.goldG) })),
    mercuryFree: await r.mercuryFree(tx, year),
  }));

/** The indicators of the policy each service feeds: ISS.x.y.z.w under SS.x.y.z, and the IOP bound to its deliveries. */
const IOP_FED: Readonly<Record<string, readonly string[]>> = {
  'SS.02.01.01': ['IOP.04.01'],
  'SS.01.06.01': ['IOP.04.01'],
  'SS.01.06.02': ['IOP.04.01'],
};

export const indicatorsFed = (service: string): string[] => [`I${service}.01`, ...(IOP_FED[service] ?? [])];

/** A service's deliveries of a year by region, sex and month, with the indicators it feeds. */
export const serviceSummary = (db: Database, actor: Actor, service: string, year: number) =>
  withActor(db, actor, async (tx) => ({ service, year, indicators: indicatorsFed(service), ...(await q.serviceSummary(tx, service, year)) }));

/** The one-row records of a kind the caller may see (row-level security), by department and year. */
export const listRecords = (db: Database, actor: Actor, table: r.SimpleTable, f: Parameters<typeof r.listSimple>[2]) =>
  withActor(db, actor, (tx) => r.listSimple(tx, table, f));

/** The dialogue tables the caller may see, with their sessions. */
export const listDialogues = (db: Database, actor: Actor, f: Parameters<typeof r.listDialogues>[1]) => withActor(db, actor, (tx) => r.listDialogues(tx, f));

/** The random IGAFOM reviews the caller may see, with their seed, method, sample and share compliant. */
export const listIgafomReviews = (db: Database, actor: Actor, f: Parameters<typeof r.listReviews>[1]) =>
  withActor(db, actor, async (tx) => (await r.listReviews(tx, f)).map((review) => ({ ...review, compliantShare: compliantShare(review.findings) })));
