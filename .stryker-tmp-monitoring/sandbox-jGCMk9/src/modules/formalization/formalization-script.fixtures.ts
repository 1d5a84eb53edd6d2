/** Test fixture: plays a dated history on an expediente through the service (each step at 10:00 in Peru). */
// @ts-nocheck

import { actor } from '../../../test/factories.ts';
import type { Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import type { Upload } from './formalization-api.schema.ts';
import { upload } from './formalization-db.fixtures.ts';
import type { RequirementCode } from './formalization.schema.ts';
import { appendAction, openExpediente } from './formalization.service.ts';

type StepType = 'file' | 'start_review' | 'observe' | 'correct' | 'approve' | 'reject' | 'suspend' | 'exclude' | 'reinstate';
/** [date, type, requirement, payload, documents, acting official]. */
type ScriptStep = [string, StepType, RequirementCode?, Record<string, unknown>?, Upload[]?, Actor?];

export interface Script {
  inscriptionId: number;
  openedAt: string;
  /** RUC of the miner who files and corrects (default: the inscription's). */
  miner?: string;
  steps: ScriptStep[];
}

const at = (date: string): Date => new Date(`${date}T15:00:00.000Z`);

/** Opens the expediente and applies the steps in date order; returns the expediente id. */
export async function playScript(db: Database, official: Actor, script: Script): Promise<number> {
  const ruc = script.miner ?? (await db.query<{ ruc: string }>('SELECT ruc FROM reinfo_inscriptions WHERE id = $1', [script.inscriptionId])).rows[0]!.ruc;
  const miner = actor('miner', null, ruc);
  const { id } = await openExpediente(db, official, script.inscriptionId, at(script.openedAt));
  const observations = new Map<string, string>();
  const steps = [...script.steps].sort((x, y) => x[0].localeCompare(y[0]));
  for (const [date, type, requirement, payload = {}, documents, by] of steps) {
    const minerStep = type === 'file' || type === 'correct';
    const body = {
      type,
      ...(requirement ? { requirement } : {}),
      payload: type === 'correct' ? { observationActionId: observations.get(requirement!), ...payload } : payload,
      documents: documents ?? (minerStep ? [upload(`${type}-${requirement}.pdf`, `${type} ${requirement} ${date} ${id}`)] : []),
    };
    const result = await appendAction(db, minerStep ? miner : (by ?? official), id, body, at(date));
    if (type === 'observe') observations.set(requirement!, result.actionId);
  }
  return id;
}
