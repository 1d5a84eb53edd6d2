/** Persons and organizations of the registry: profiles, possible duplicates, merges. */
import { appendAudit } from '../../platform/audit/audit.ts';
import { withActor, type Actor } from '../../platform/context.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { expedienteIdsOfInscriptions } from '../formalization/formalization.queries.ts';
import { similarPairs } from './name-similarity.domain.ts';
import * as q from './persons.queries.ts';

/** Inscriptions as a profile lists them, each with its expediente when the caller may see one. */
async function inscriptionRefs(tx: Queryable, rows: q.InscriptionRefRow[]) {
  const expedientes = await expedienteIdsOfInscriptions(
    tx,
    rows.map((i) => Number(i.id)),
  );
  return rows.map((i) => ({
    id: Number(i.id),
    ruc: i.ruc,
    miningRightCode: i.mining_right_code,
    activity: i.activity,
    status: i.status,
    expedienteId: expedientes.get(Number(i.id))?.id ?? null,
  }));
}

export async function getPerson(db: Database, actor: Actor, id: number) {
  return withActor(db, actor, async (tx) => {
    const p = await q.personRow(tx, id);
    if (!p) throw NotFoundError.of(`Person ${id}`, 'person_not_found', { id });
    const organizations = await q.organizationsOfPerson(tx, id);
    return {
      id: Number(p.id),
      dni: p.dni,
      fullName: p.full_name,
      sex: p.sex,
      birthDate: p.birth_date,
      phone: p.phone,
      address: p.address,
      regionCode: p.region_code,
      mergedInto: p.merged_into === null ? null : Number(p.merged_into),
      inscriptions: await inscriptionRefs(tx, await q.inscriptionsOf(tx, { personId: id })),
      organizations: organizations.map((o) => ({ id: Number(o.id), ruc: o.ruc, name: o.name, role: o.role })),
    };
  });
}

export async function getOrganization(db: Database, actor: Actor, id: number) {
  return withActor(db, actor, async (tx) => {
    const o = await q.organizationRow(tx, id);
    if (!o) throw NotFoundError.of(`Organization ${id}`, 'organization_not_found', { id });
    const members = await q.membersOfOrganization(tx, id);
    return {
      id: Number(o.id),
      ruc: o.ruc,
      name: o.name,
      type: o.type,
      regionCode: o.region_code,
      members: members.map((m) => ({ personId: Number(m.person_id), fullName: m.full_name, role: m.role })),
      inscriptions: await inscriptionRefs(tx, await q.inscriptionsOf(tx, { organizationId: id })),
    };
  });
}

/** Possible duplicate persons: similar names under different DNIs (a typo in one of them). */
export async function duplicatePersons(db: Database, actor: Actor, minSimilarity = 0.75) {
  const persons = await withActor(db, actor, (tx) => q.unmergedPersonNames(tx));
  return similarPairs(persons, minSimilarity, 200).map(({ a, b, similarity }) => ({
    a: { id: a.id, dni: a.dni, fullName: a.full_name },
    b: { id: b.id, dni: b.dni, fullName: b.full_name },
    similarity,
    sameBirthDate: a.birth_date !== null && a.birth_date === b.birth_date,
  }));
}

/** Merges a duplicate person into another: its inscriptions and memberships move, the row stays, marked. */
export async function mergePersons(db: Database, actor: Actor, id: number, into: number): Promise<void> {
  if (id === into) throw new ConflictError('merge_into_itself', 'A person cannot be merged into itself.', { id });
  await withActor(db, actor, async (tx) => {
    const rows = await q.lockPersons(tx, [id, into]);
    const from = rows.find((r) => Number(r.id) === id);
    const target = rows.find((r) => Number(r.id) === into);
    if (!from || !target) throw NotFoundError.of('Person', 'person_not_found', { id: from ? into : id });
    if (from.merged_into !== null || target.merged_into !== null)
      throw new ConflictError('already_merged', 'One of the persons was already merged.', { id, into });
    const moved = await q.mergePersonInto(tx, id, into);
    await appendAudit(tx, actor, {
      action: 'person.merge',
      entity: 'person',
      entityId: id,
      regionCode: from.region_code,
      before: { id, dni: from.dni, fullName: from.full_name, mergedInto: null },
      after: { mergedInto: into, inscriptionsMoved: moved },
    });
  });
}
