/** SQL of persons and organizations: profiles, memberships, possible duplicates and merges. */
import type { Queryable } from '../../platform/db.ts';
import type { Narrow, Row } from '../../platform/db/schema.generated.ts';
import type { Activity, InscriptionStatus } from '../../kernel/registry.types.ts';

type PersonRow = Narrow<
  Pick<Row<'persons'>, 'id' | 'dni' | 'full_name' | 'sex' | 'birth_date' | 'phone' | 'address' | 'region_code' | 'merged_into'>,
  { sex: 'F' | 'M' | null }
>;

export async function personRow(tx: Queryable, id: number): Promise<PersonRow | undefined> {
  const { rows } = await tx.query<PersonRow>(
    'SELECT id, dni, full_name, sex, birth_date, phone, address, region_code::text AS region_code, merged_into FROM persons WHERE id = $1',
    [id],
  );
  return rows[0];
}

type OrganizationRow = Narrow<
  Pick<Row<'organizations'>, 'id' | 'ruc' | 'name' | 'type' | 'region_code'>,
  { type: 'cooperative' | 'association' | 'company' | 'community' }
>;

export async function organizationRow(tx: Queryable, id: number): Promise<OrganizationRow | undefined> {
  const { rows } = await tx.query<OrganizationRow>('SELECT id, ruc, name, type, region_code::text AS region_code FROM organizations WHERE id = $1', [id]);
  return rows[0];
}

export type InscriptionRefRow = Narrow<
  Pick<Row<'reinfo_inscriptions'>, 'id' | 'ruc' | 'mining_right_code' | 'activity' | 'status'>,
  { activity: Activity; status: InscriptionStatus }
>;

/** The inscriptions of a person or of an organization, in id order. */
export async function inscriptionsOf(tx: Queryable, of: { personId: number } | { organizationId: number }): Promise<InscriptionRefRow[]> {
  const [column, id] = 'personId' in of ? ['person_id', of.personId] : ['organization_id', of.organizationId];
  const { rows } = await tx.query<InscriptionRefRow>(
    `SELECT id, ruc, mining_right_code, activity, status FROM reinfo_inscriptions WHERE ${column} = $1 ORDER BY id`,
    [id],
  );
  return rows;
}

export async function organizationsOfPerson(tx: Queryable, personId: number) {
  const { rows } = await tx.query<Pick<Row<'organizations'>, 'id' | 'ruc' | 'name'> & Pick<Row<'memberships'>, 'role'>>(
    'SELECT o.id, o.ruc, o.name, m.role FROM memberships m JOIN organizations o ON o.id = m.organization_id WHERE m.person_id = $1 ORDER BY o.name',
    [personId],
  );
  return rows;
}

export async function membersOfOrganization(tx: Queryable, organizationId: number) {
  const { rows } = await tx.query<{ person_id: number; full_name: string; role: string }>(
    'SELECT m.person_id, p.full_name, m.role FROM memberships m JOIN persons p ON p.id = m.person_id WHERE m.organization_id = $1 ORDER BY p.full_name',
    [organizationId],
  );
  return rows;
}

/** The persons not merged into another that the caller sees, with their search keys (possible duplicates are found from these). */
export async function unmergedPersonNames(tx: Queryable) {
  const { rows } = await tx.query<{ id: number; dni: string; full_name: string; key: string; birth_date: string | null }>(
    'SELECT id, dni, full_name, search_key AS key, birth_date::text AS birth_date FROM persons WHERE merged_into IS NULL',
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export async function lockPersons(tx: Queryable, ids: readonly number[]) {
  const { rows } = await tx.query<{ id: number; dni: string; full_name: string; merged_into: number | null; region_code: string }>(
    'SELECT id, dni, full_name, merged_into, region_code FROM persons WHERE id = ANY($1::bigint[]) FOR UPDATE',
    [ids],
  );
  return rows;
}

/** Moves a person's inscriptions and memberships to another and marks the first merged; the ids of the moved inscriptions. */
export async function mergePersonInto(tx: Queryable, id: number, into: number): Promise<number[]> {
  const moved = await tx.query<{ id: number }>('UPDATE reinfo_inscriptions SET person_id = $2 WHERE person_id = $1 RETURNING id', [id, into]);
  await tx.query(
    `INSERT INTO memberships (organization_id, person_id, role, since)
     SELECT organization_id, $2, role, since FROM memberships WHERE person_id = $1 ON CONFLICT DO NOTHING`,
    [id, into],
  );
  await tx.query('UPDATE persons SET merged_into = $2 WHERE id = $1', [id, into]);
  return moved.rows.map((r) => Number(r.id));
}
