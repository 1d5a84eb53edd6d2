/** The registry's demo step: what a REINFO list does not carry, completed deterministically from the ids. */
import type { Queryable } from '../../platform/db.ts';
import { withCheckDigit } from '../registry/registry.domain.ts';
import { DEMO_ORGANIZATIONS, FIRST_NAMES_F } from './demo.data.ts';

/** Women's organizations take women members only. */
const WOMEN_ORGANIZATIONS = DEMO_ORGANIZATIONS.filter((o) => o.women)
  .map((o) => `'${withCheckDigit(o.ruc10)}'`)
  .join(',');

export async function enrichRegistryDemo(tx: Queryable): Promise<void> {
  await tx.exec(ENRICH_SQL);
}

/** Completes what a REINFO list does not carry, deterministically from the ids. */
const ENRICH_SQL = `
UPDATE persons SET
  sex = CASE WHEN split_part(full_name, ' ', 3) IN (${FIRST_NAMES_F.map((n) => `'${n}'`).join(',')}) THEN 'F' ELSE 'M' END,
  birth_date = date '1960-01-01' + ((id * 7919) % 14000)::int,
  phone = '9' || lpad(((id * 104729) % 100000000)::text, 8, '0'),
  address = 'Jr. Ficticio ' || (id % 900 + 100) || ', demo';
UPDATE mining_rights SET
  substance = CASE WHEN department_code = '17' THEN 'placer' WHEN id % 23 = 0 THEN 'non_metallic' ELSE 'metallic' END,
  hectares = CASE WHEN id % 10 < 6 THEN 50 + (id * 37) % 250 WHEN id % 10 < 9 THEN 300 + (id * 53) % 700 ELSE 1000 + (id * 71) % 1500 END,
  capacity = CASE WHEN id % 10 < 7 THEN 5 + (id * 13) % 20 ELSE 25 + (id * 17) % 300 END,
  holder_name = 'Titular ficticio ' || id;
UPDATE mining_rights r SET utm_zone = 18, datum = 'WGS84',
  geom = ST_Multi(ST_Transform(ST_Expand(ST_Transform(f.front, 32718), sqrt(r.hectares * 10000) / 2), 4326))
FROM (SELECT DISTINCT ON (mining_right_id) mining_right_id, front FROM reinfo_inscriptions ORDER BY mining_right_id, id) f
WHERE f.mining_right_id = r.id;
UPDATE mining_rights SET verification = 'verified' WHERE id % 3 <> 0;
INSERT INTO dac_statuses (mining_right_id, year, status)
SELECT id, y, CASE WHEN (id + y) % 4 = 0 THEN 'not_presented' ELSE 'presented' END FROM mining_rights, generate_series(2023, 2024) y;
INSERT INTO memberships (organization_id, person_id, role, since)
SELECT o.id, p.id, CASE WHEN p.id % 17 = 0 THEN 'president' ELSE 'member' END, date '2015-01-01' + (p.id % 2000)::int
FROM persons p
JOIN LATERAL (SELECT id FROM organizations o WHERE o.region_code = p.region_code
  AND (p.sex = 'F' OR o.ruc::text NOT IN (${WOMEN_ORGANIZATIONS})) ORDER BY (o.id * 31 + p.id) % 97 LIMIT 1) o ON true
WHERE p.id % 5 < 3;
`;
