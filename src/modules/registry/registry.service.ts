/** Inscriptions of the registry: search, detail, status changes (which the expediente follows). */
import { appendAudit } from '../../platform/audit/audit.ts';
import { PUBLIC_ACTOR, withActor, type Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import type { InscriptionStatus } from '../../kernel/registry.types.ts';
import { expedienteIdsOfInscriptions } from '../formalization/formalization.queries.ts';
import { followReinfoStatus } from '../formalization/reinfo-status.service.ts';
import { inscriptionOverlaps } from '../territory/areas.service.ts';
import * as q from './registry.queries.ts';
import { allPages } from '../../platform/http/list-export.ts';
import { listRequest, type SortDir } from '../../platform/http/list.ts';
import { publicRegistryPage, registrySearchPage, type RegistryListFilter, type SearchFilter } from './registry-list.queries.ts';
import { deriveStratum } from './strata.domain.ts';

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

export async function getInscription(db: Database, actor: Actor, id: number, today: string) {
  return withActor(db, actor, async (tx) => {
    const r = await q.inscriptionRow(tx, id);
    if (!r) throw NotFoundError.of(`Inscription ${id}`, 'inscription_not_found', { id });
    const rules = await q.stratumRules(tx);
    const expediente = (await expedienteIdsOfInscriptions(tx, [id])).get(id);
    return {
      id: Number(r.id),
      ruc: r.ruc,
      declarantName: r.declarant_name,
      personId: num(r.person_id),
      organizationId: num(r.organization_id),
      miningRight: {
        id: Number(r.right_id),
        code: r.right_code,
        name: r.right_name,
        hectares: r.hectares,
        substance: r.substance,
        capacity: r.capacity,
        verification: r.verification,
      },
      activity: r.activity,
      departmentCode: r.department_code,
      departmentName: r.department_name,
      districtCode: r.district_code,
      front: r.lat === null || r.lon === null ? null : { lat: Number(r.lat), lon: Number(r.lon) },
      inscriptionDate: r.inscription_date,
      status: r.status,
      statusSince: r.status_since,
      stratum: deriveStratum(rules, { hectares: num(r.hectares), capacity: num(r.capacity), substance: r.substance, date: today }),
      history: await q.statusHistory(tx, id),
      expedienteId: expediente?.id ?? null,
      overlaps: await inscriptionOverlaps(tx, Number(r.id), Number(r.right_id)),
    };
  });
}

/**
 * Suspends, excludes or reinstates an inscription: a dated history row and an audit
 * entry; its expediente follows (formalization's followReinfoStatus), in the same transaction.
 */
export async function changeStatus(
  db: Database,
  actor: Actor,
  id: number,
  change: { status: InscriptionStatus; effectiveDate: string; reason: string },
  now: Date = new Date(),
): Promise<void> {
  await withActor(db, actor, async (tx) => {
    const before = await q.lockInscriptionStatus(tx, id);
    if (!before) throw NotFoundError.of(`Inscription ${id}`, 'inscription_not_found', { id });
    if (before.status === change.status) {
      throw new ConflictError('status_unchanged', `The inscription is already ${change.status}.`, { status: change.status });
    }
    await q.recordInscriptionStatus(tx, id, before.department_code, change, actor.username);
    await appendAudit(tx, actor, {
      action: 'inscription.status',
      entity: 'inscription',
      entityId: id,
      regionCode: before.department_code,
      before: { status: before.status, statusSince: before.status_since },
      after: { status: change.status, statusSince: change.effectiveDate, reason: change.reason },
    });
    await followReinfoStatus(tx, actor, [{ inscriptionId: id, status: change.status, asOf: change.effectiveDate, reason: change.reason }], now);
  });
}

interface ListParams {
  sort: string;
  dir: SortDir;
  limit: number;
  after?: string | undefined;
}

/** Officials' search over what their row-level security lets them see: a page, with the total (400 on a bad cursor). */
export async function searchRegistry(db: Database, actor: Actor, filter: SearchFilter, list: ListParams) {
  const req = listRequest(list);
  return withActor(db, actor, (tx) => registrySearchPage(tx, filter, req));
}

/** Every hit of the search, a page at a time (for its export). */
export function searchRegistryAll(db: Database, actor: Actor, filter: SearchFilter, list: ListParams) {
  return allPages((after) => searchRegistry(db, actor, filter, { ...list, limit: 1000, after: after ?? undefined }));
}

/** The public registry: inscriptions without personal data. */
export async function searchPublicRegistry(db: Database, text: string, limit: number) {
  return withActor(db, PUBLIC_ACTOR, (tx) => q.publicSearch(tx, text, limit));
}

/** A page of the public registry in the chosen order, with the total of the filters (400 on an unreadable cursor). */
export async function listPublicRegistry(db: Database, filter: RegistryListFilter, list: ListParams) {
  const req = listRequest(list);
  return withActor(db, PUBLIC_ACTOR, (tx) => publicRegistryPage(tx, filter, req));
}

/** Every row of the filtered public registry, a page at a time (for its export). */
export function listPublicRegistryAll(db: Database, filter: RegistryListFilter, list: ListParams) {
  return allPages((after) => listPublicRegistry(db, filter, { ...list, limit: 2000, after: after ?? undefined }));
}

export async function publicRegistryStats(db: Database) {
  return withActor(db, PUBLIC_ACTOR, (tx) => q.publicStats(tx));
}

export async function publicStratumRules(db: Database) {
  return withActor(db, PUBLIC_ACTOR, (tx) => q.stratumRules(tx));
}

export async function listDepartments(db: Database) {
  return withActor(db, PUBLIC_ACTOR, (tx) => q.departments(tx));
}

/** A miner's own inscriptions, as the public registry shows them (row-level security picks them). */
export async function ownInscriptions(db: Database, actor: Actor) {
  return withActor(db, actor, async (tx) => q.publicInscriptionsById(tx, await q.visibleInscriptionIds(tx)));
}
