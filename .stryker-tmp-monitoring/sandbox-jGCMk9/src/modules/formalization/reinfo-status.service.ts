/**
 * The expediente follows the registry: when REINFO suspends, excludes or reinstates an
 * inscription (a status change in the registry, or a REINFO import), its expediente
 * records the same move as an action by the system, with the reason. A helper inside
 * the caller's transaction: it takes `tx`, never opens one.
 */
// @ts-nocheck

import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db.ts';
import { INSCRIPTION_STATUSES, type InscriptionStatus } from '../../kernel/registry.types.ts';
import { applyAction, reduce } from './formalization.domain.ts';
import * as q from './formalization.queries.ts';
import type { Action } from './formalization.schema.ts';
import type { ExpedienteState } from './formalization-state.schema.ts';
import { followActions } from './reinfo-status.domain.ts';

export interface ReinfoStatusChange {
  inscriptionId: number;
  /** The new REINFO status: vigente, suspendido or excluido (other values are ignored). */
  status: string;
  /** The date the status takes effect. */
  asOf: string;
  /** Why, as the registry recorded it; a default naming REINFO otherwise. */
  reason?: string;
}

const isStatus = (s: string): s is InscriptionStatus => (INSCRIPTION_STATUSES as readonly string[]).includes(s);

function reasonOf(change: ReinfoStatusChange): string {
  const given = change.reason?.trim();
  return given ? `REINFO: ${given}` : `REINFO: inscripción ${change.status} desde ${change.asOf}`;
}

type Envelope = Pick<Action, 'id' | 'expedienteId' | 'at' | 'actor'>;

function followAction(type: 'suspend' | 'exclude' | 'reinstate', envelope: Envelope, change: ReinfoStatusChange): Action {
  const reason = reasonOf(change);
  const base = { ...envelope, documents: [] };
  if (type === 'reinstate') return { ...base, type, payload: { reason, effectiveOn: change.asOf } };
  return { ...base, type, payload: { reasonCode: 'other', reason, effectiveOn: change.asOf } };
}

/**
 * Brings the expedientes of the changed inscriptions to their new REINFO status (see
 * reinfo-status.domain.ts). Set-based: one read of the logs, one insert of the actions.
 * Returns the ids of the expedientes that moved.
 */
export async function followReinfoStatus(tx: Queryable, actor: Actor, changes: readonly ReinfoStatusChange[], now: Date = new Date()): Promise<number[]> {
  const valid = changes.filter((c): c is ReinfoStatusChange & { status: InscriptionStatus } => isStatus(c.status));
  if (valid.length === 0) return [];
  const expedientes = await q.expedienteIdsOfInscriptions(
    tx,
    valid.map((c) => c.inscriptionId),
  );
  if (expedientes.size === 0) return [];
  const logs = await q.loadActions(tx, [...new Set([...expedientes.values()].map((e) => e.id))]);
  const system = { userId: actor.username, role: 'system' } as const;
  const at = now.toISOString();
  const states = new Map<number, ExpedienteState>();
  const seqs = new Map<number, number>();
  const planned: { departmentCode: string; action: Action; seq: number }[] = [];
  for (const change of valid) {
    const expediente = expedientes.get(change.inscriptionId);
    if (!expediente) continue;
    const stored = logs.get(expediente.id) ?? [];
    let state = states.get(expediente.id) ?? reduce(stored.map((s) => s.action));
    for (const type of followActions(state, change.status)) {
      // A provisional id: the domain only needs it unique; the sequence's ids replace it below.
      const action = followAction(type, { id: `pending-${planned.length}`, expedienteId: String(expediente.id), at, actor: system }, change);
      const result = applyAction(state, action);
      if (!result.ok) throw new Error(`expediente ${expediente.id} cannot follow REINFO: ${result.rejection.message}`);
      state = result.state;
      const seq = (seqs.get(expediente.id) ?? stored.length) + 1;
      seqs.set(expediente.id, seq);
      planned.push({ departmentCode: expediente.departmentCode, action, seq });
    }
    states.set(expediente.id, state);
  }
  if (planned.length === 0) return [];
  const ids = await q.reserveActionIds(tx, planned.length);
  const moves = planned.map((p, i) => ({ ...p, action: { ...p.action, id: ids[i]! } }));
  await q.insertActions(tx, moves);
  for (const m of moves) {
    const expedienteId = Number(m.action.expedienteId);
    const after = states.get(expedienteId)!;
    await appendAudit(
      tx,
      actor,
      {
        action: `expediente.${m.action.type}`,
        entity: 'expediente',
        entityId: expedienteId,
        regionCode: m.departmentCode,
        after: { actionId: m.action.id, followsReinfo: true, payload: m.action.payload, stage: after.stage, inscriptionStatus: after.inscriptionStatus },
      },
      now,
    );
  }
  return [...new Set(moves.map((m) => Number(m.action.expedienteId)))];
}
