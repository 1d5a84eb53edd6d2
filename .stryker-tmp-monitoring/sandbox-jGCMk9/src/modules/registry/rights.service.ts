// @ts-nocheck
import { appendAudit } from '../../platform/audit/audit.ts';
import { withActor, type Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { nameKey } from '../../platform/text.ts';
import { DEPARTMENT_SLACK_METERS, normalizeRightCode, utmToLonLat, type Datum, type UtmZone } from './registry.domain.ts';
import { stratumRules } from './registry.queries.ts';
import * as q from './rights.queries.ts';
import { deriveStratum, type Substance } from './strata.domain.ts';

export interface RightInput {
  name: string;
  holderName?: string | null;
  holderRuc?: string | null;
  hectares?: number | null;
  substance: Substance;
  capacity?: number | null;
  departmentCode: string;
  districtCode?: string | null;
  utmZone: UtmZone;
  datum: Datum;
  /** UTM vertices in order, the ring closed or not. */
  vertices: { east: number; north: number }[];
  dac?: { year: number; status: 'presented' | 'not_presented' }[];
}

/**
 * The polygon of a mining right in WGS84 from its UTM vertices (zone 17S/18S/19S,
 * WGS84 or PSAD56, transformed with the pinned parameters of registry.domain.ts).
 */
export function rightPolygon(input: Pick<RightInput, 'utmZone' | 'datum' | 'vertices'>): string {
  const ring = input.vertices.map((v) => utmToLonLat(input.utmZone, input.datum, v.east, v.north));
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) ring.push(first);
  return JSON.stringify({ type: 'MultiPolygon', coordinates: [[ring]] });
}

/** Not found, the same for a code that does not exist and for one outside the caller's scope. */
const rightNotFound = (code: string) => NotFoundError.of(`Mining right ${code}`, 'mining_right_not_found', { code });

/** A row-level security refusal (SQLSTATE 42501): the right exists but lies outside what the caller may write. */
const isRlsRefusal = (err: unknown): boolean => (err as { code?: string }).code === '42501';

/**
 * Creates or updates a right (verified: it comes from the cadastre, not a REINFO row), audited.
 * A right of a department the caller may not write is "not found", whether its code exists or not.
 */
export async function putMiningRight(db: Database, actor: Actor, rawCode: string, input: RightInput): Promise<{ id: number; created: boolean }> {
  const code = normalizeRightCode(rawCode);
  if (input.vertices.length < 3) {
    throw new ValidationError('too_few_vertices', 'A right needs at least 3 vertices', { min: 3 }, [{ path: 'vertices', message: 'at least 3 vertices' }]);
  }
  const geojson = rightPolygon(input);
  return withActor(db, actor, async (tx) => {
    if (!(await q.writesRegion(tx, input.departmentCode))) throw rightNotFound(code);
    const v = await q.checkPolygon(tx, geojson, input.departmentCode, DEPARTMENT_SLACK_METERS);
    if (!v.valid) {
      throw new ValidationError('invalid_polygon', `The vertices do not form a valid polygon: ${v.reason}`, { reason: v.reason }, [
        { path: 'vertices', message: v.reason },
      ]);
    }
    if (!v.inside) {
      throw new ValidationError(
        'polygon_outside_department',
        `The polygon lies more than ${DEPARTMENT_SLACK_METERS} m outside the named department`,
        { departmentCode: input.departmentCode, slackMeters: DEPARTMENT_SLACK_METERS },
        [{ path: 'departmentCode', message: 'polygon outside the department' }],
      );
    }
    const before = await q.rightSummary(tx, code);
    const id = await q
      .upsertRight(tx, {
        code,
        name: input.name,
        searchKey: nameKey(input.name),
        holderName: input.holderName ?? null,
        holderRuc: input.holderRuc ?? null,
        hectares: input.hectares ?? Number(v.ha.toFixed(4)),
        substance: input.substance,
        capacity: input.capacity ?? null,
        departmentCode: input.departmentCode,
        districtCode: input.districtCode ?? null,
        utmZone: input.utmZone,
        datum: input.datum,
        vertices: input.vertices,
        geojson,
      })
      .catch((err: unknown) => {
        // The code exists in a department the caller may not write (invisible to them): as if it did not exist.
        if (isRlsRefusal(err)) throw rightNotFound(code);
        throw err;
      });
    await q.addDacStatuses(tx, id, input.dac ?? []);
    await appendAudit(tx, actor, {
      action: before ? 'mining_right.update' : 'mining_right.create',
      entity: 'mining_right',
      entityId: code,
      regionCode: input.departmentCode,
      before: before ?? null,
      after: { ...input, code },
    });
    return { id, created: !before };
  });
}

export async function getMiningRight(db: Database, actor: Actor, rawCode: string, today: string) {
  const code = normalizeRightCode(rawCode);
  return withActor(db, actor, async (tx) => {
    const r = await q.rightRow(tx, code);
    if (!r) throw rightNotFound(code);
    const num = (x: string | null): number | null => (x === null ? null : Number(x));
    return {
      id: Number(r.id),
      code,
      name: r.name,
      holderName: r.holder_name,
      hectares: num(r.hectares),
      substance: r.substance,
      capacity: num(r.capacity),
      departmentCode: r.department_code,
      districtCode: r.district_code,
      verification: r.verification,
      geometry: r.geojson ? (JSON.parse(r.geojson) as unknown) : null,
      dac: await q.dacStatuses(tx, r.id),
      stratum: deriveStratum(await stratumRules(tx), { hectares: num(r.hectares), capacity: num(r.capacity), substance: r.substance, date: today }),
    };
  });
}
