/**
 * The miner's single window: each of their expedientes with what is still missing, the
 * observations to answer and their business-day deadlines, and the legal deadline of the
 * formalization process. Row-level security limits the miner to their RUC.
 */
import { z } from 'zod';
import { withActor, type Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import { peruToday } from '../../platform/time.ts';
import { businessDaysBetween } from '../../kernel/business-days.ts';
import type { minerExpediente } from './formalization-api.schema.ts';
import { missingPrerequisites, overdueObservations, reduce } from './formalization.domain.ts';
import * as q from './formalization.queries.ts';
import { REQUIREMENT_CODES } from './formalization.schema.ts';
import { allowedFor, domainActor, processDeadline } from './formalization.service.ts';

type MinerExpediente = z.infer<typeof minerExpediente>;

export async function myExpedientes(db: Database, actor: Actor, today = peruToday()): Promise<MinerExpediente[]> {
  return withActor(db, actor, async (tx) => {
    const ids = await q.visibleExpedienteIds(tx);
    const logs = await q.loadActions(tx, ids);
    const out: MinerExpediente[] = [];
    for (const id of ids) {
      const found = await q.expedienteRow(tx, id);
      if (!found) continue;
      const i = found.inscription;
      const state = reduce((logs.get(id) ?? []).map((s) => s.action));
      const allowed = allowedFor(state, domainActor(actor));
      const overdue = new Set(overdueObservations(state, today).map((o) => o.actionId));
      out.push({
        id,
        inscription: {
          id: Number(i.id),
          ruc: i.ruc,
          declarantName: i.declarant_name,
          miningRightCode: i.mining_right_code,
          miningRightName: i.mining_right_name,
          activity: i.activity,
          departmentCode: i.department_code,
          departmentName: i.department_name,
          inscriptionDate: i.inscription_date,
          status: i.status,
        },
        stage: state.stage,
        missing: REQUIREMENT_CODES.filter((code) => state.requirements[code].status !== 'approved').map((code) => ({
          requirement: code,
          status: state.requirements[code].status,
          available: state.requirements[code].availableSince !== undefined,
          waitingFor: missingPrerequisites(state, code),
          yourActions: allowed.filter((a) => a.requirement === code).map((a) => a.type),
        })),
        openObservations: state.openObservations.map((o) => ({
          requirement: o.requirement,
          observationActionId: o.actionId,
          observedAt: o.observedAt,
          observations: o.observations,
          dueOn: o.dueOn,
          businessDaysLeft: businessDaysBetween(today, o.dueOn),
          overdue: overdue.has(o.actionId),
        })),
        allowedActions: allowed,
        processDeadline: processDeadline(today),
        lastActionAt: state.lastActionAt ?? null,
      });
    }
    return out;
  });
}
