/**
 * The REINFO permanence check over the registry: every vigente inscription whose
 * expediente is not suspended, excluded or formalized, with the latest recorded facts
 * (SUNAT, controlled chemicals, production declarations) on the reference date and
 * the IGAFOM status of its expediente; the pure `suspensionCandidates` decides.
 */
import { withActor, type Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import type { Nullable, Row } from '../../platform/db/schema.generated.ts';
import { peruToday } from '../../platform/time.ts';
import type { PermanenceReport } from './formalization-api.schema.ts';
import { peruDayEnd } from '../../kernel/peru-date.ts';
import { suspensionCandidates } from './permanence.domain.ts';
import type { PermanenceInput } from './permanence.schema.ts';

/** An inscription with its expediente and latest facts, both LEFT JOINed (so nullable). */
type CandidateRow = Pick<Row<'reinfo_inscriptions'>, 'id' | 'ruc' | 'declarant_name' | 'department_code' | 'inscription_date'> &
  Nullable<
    Pick<Row<'permanence_facts'>, 'ruc_active' | 'ruc_third_category' | 'chemicals_registered' | 'uses_controlled_chemicals'> & {
      expediente_id: Row<'expedientes'>['id'];
      facts_as_of: Row<'permanence_facts'>['as_of'];
      production_declarations: { semester: string; declaredOn: string }[];
    }
  >;

export async function permanenceCheck(
  db: Database,
  actor: Actor,
  opts: { region?: string | undefined; date?: string | undefined } = {},
): Promise<PermanenceReport> {
  const referenceDate = opts.date ?? peruToday();
  const { rows, igafom } = await withActor(db, actor, async (tx) => {
    const inscriptions = await tx.query<CandidateRow>(
      `SELECT i.id, i.ruc, i.declarant_name, i.department_code::text AS department_code, i.inscription_date,
              e.id AS expediente_id, f.as_of AS facts_as_of, f.ruc_active, f.ruc_third_category, f.chemicals_registered,
              f.uses_controlled_chemicals, f.production_declarations
       FROM reinfo_inscriptions i
       LEFT JOIN expedientes e ON e.inscription_id = i.id
       LEFT JOIN LATERAL (SELECT * FROM permanence_facts pf WHERE pf.inscription_id = i.id AND pf.as_of <= $1
                          ORDER BY pf.as_of DESC, pf.id DESC LIMIT 1) f ON true
       WHERE i.status = 'vigente' AND i.inscription_date <= $1 AND ($2::text IS NULL OR i.department_code = $2)
       ORDER BY i.department_code, i.id`,
      [referenceDate, opts.region ?? null],
    );
    // Stage and IGAFOM status of each expediente at the end of the reference date (joined here, not in SQL:
    // the function's result is best read once).
    const requirements = await tx.query<{ expediente_id: number; stage: string; status: string }>(
      `SELECT expediente_id, stage, status FROM formalization_requirements($1, $2) WHERE requirement = 'igafom'`,
      [peruDayEnd(referenceDate), opts.region ?? null],
    );
    return { rows: inscriptions.rows, igafom: new Map(requirements.rows.map((r) => [Number(r.expediente_id), r])) };
  });
  const checked = rows.filter((r) => {
    const stage = r.expediente_id === null ? undefined : igafom.get(Number(r.expediente_id))?.stage;
    return stage !== 'suspended' && stage !== 'excluded' && stage !== 'formalized';
  });
  const byId = new Map(checked.map((r) => [String(r.id), r]));
  // Without recorded facts only the IGAFOM (known from the expediente) can be checked:
  // the other conditions are given as met and their failures dropped below.
  const inputs: PermanenceInput[] = checked.map((r) => {
    const status = r.expediente_id === null ? undefined : igafom.get(Number(r.expediente_id))?.status;
    return {
      inscriptionId: String(r.id),
      inscribedOn: r.inscription_date,
      // As `isIgafomFiled`: filed and not rejected.
      igafomFiled: status !== undefined && status !== 'not_started' && status !== 'rejected',
      rucActive: r.ruc_active ?? true,
      rucThirdCategory: r.ruc_third_category ?? true,
      chemicalsRegistered: r.chemicals_registered ?? true,
      ...(r.uses_controlled_chemicals !== null ? { usesControlledChemicals: r.uses_controlled_chemicals } : {}),
      productionDeclarations: r.production_declarations ?? [],
    };
  });
  const candidates = suspensionCandidates(inputs, referenceDate).flatMap((c) => {
    const r = byId.get(c.inscriptionId)!;
    const failures = r.facts_as_of === null ? c.failures.filter((f) => f.code === 'igafom_not_filed') : c.failures;
    if (failures.length === 0) return [];
    return [
      {
        inscriptionId: Number(r.id),
        expedienteId: r.expediente_id === null ? null : Number(r.expediente_id),
        ruc: r.ruc,
        declarantName: r.declarant_name,
        departmentCode: r.department_code,
        factsAsOf: r.facts_as_of,
        failures,
      },
    ];
  });
  return { referenceDate, checked: checked.length, withoutFacts: checked.filter((r) => r.facts_as_of === null).length, candidates };
}
