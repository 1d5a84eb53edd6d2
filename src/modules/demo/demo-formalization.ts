/**
 * Formalization demo: expedientes for most demo inscriptions, with histories played
 * through the pure reducer (only accepted actions are stored, so every history is
 * valid), dated 2019–2025, regions with their own pace, files in every state; plus the
 * permanence facts the suspension check reads. Deterministic; inserted set-based.
 */
import { createHash } from 'node:crypto';
import { appendAuditMany } from '../../platform/audit/audit.ts';
import type { Queryable } from '../../platform/db.ts';
import { applyAction, initialState } from '../formalization/formalization.domain.ts';
import { insertActions, insertDocuments, type NewAction, type NewDocument } from '../formalization/formalization.queries.ts';
import type { Access, Action, Actor, DocumentRef, RequirementCode } from '../formalization/formalization.schema.ts';
import type { ExpedienteState } from '../formalization/formalization-state.schema.ts';
import { withCheckDigit } from '../registry/registry.domain.ts';
import { rng, type Rng } from './random.ts';

const DAY = 86_400_000;
/** The demo's "today": the REINFO list's as-of date. */
const END = Date.parse('2025-06-30T23:00:00Z');
const EARLIEST_OPENING = Date.parse('2019-01-02T15:00:00Z');
const CECOMIP = withCheckDigit('2060000101');

/** How fast a region's files move (days as [min, max]) and how often reviews observe or reject. */
export interface TrackPace {
  /** Days a miner takes to file once a requirement is available, and to answer an observation. */
  file: readonly [number, number];
  /** Days before an official takes a filing up, and reviews it. */
  queue: readonly [number, number];
  review: readonly [number, number];
  observe: number;
  reject: number;
}

interface Pace extends TrackPace {
  reviewers: readonly string[];
}

// Regions differ on purpose: Arequipa and Moquegua move fast, Madre de Dios observes a lot
// and stalls on land (titles overlap with reserves), Puno has a long queue for few reviewers.
const PACE: Record<string, Pace> = {
  '21': { reviewers: ['puno', 'drem.puno.evilca', 'drem.puno.hmamani'], file: [20, 300], queue: [20, 160], review: [10, 80], observe: 0.45, reject: 0.08 },
  '17': { reviewers: ['madrededios', 'dremh.mdd.fhuaman'], file: [30, 420], queue: [30, 200], review: [15, 120], observe: 0.6, reject: 0.12 },
  '04': { reviewers: ['arequipa', 'grem.arequipa.ncardenas'], file: [10, 200], queue: [5, 60], review: [5, 45], observe: 0.3, reject: 0.05 },
  '05': { reviewers: ['drem.ayacucho.rquispe', 'drem.ayacucho.lpari'], file: [20, 260], queue: [15, 120], review: [10, 70], observe: 0.4, reject: 0.07 },
  '13': { reviewers: ['grem.lalibertad.mrojas'], file: [15, 240], queue: [10, 100], review: [10, 60], observe: 0.35, reject: 0.06 },
  '19': { reviewers: ['drem.pasco.jtorres'], file: [20, 280], queue: [20, 140], review: [10, 90], observe: 0.4, reject: 0.1 },
  '18': { reviewers: ['grem.moquegua.lflores'], file: [10, 180], queue: [5, 45], review: [5, 40], observe: 0.25, reject: 0.04 },
  '20': { reviewers: ['drem.piura.csanchez'], file: [20, 300], queue: [15, 150], review: [10, 80], observe: 0.45, reject: 0.1 },
};
const DEFAULT_PACE = PACE['13']!;
/** Files that move fast (a certified organization's), still reviewed by the officials of their own region. */
const FAST: TrackPace = { file: [10, 60], queue: [5, 20], review: [5, 20], observe: 0, reject: 0 };

/** The pace of a department's files: its own reviewers always (a region's files are decided by its DREM/GREM). */
function paceOf(department: string, fast = false): Pace {
  const own = PACE[department] ?? { ...DEFAULT_PACE, reviewers: [`drem.${department}`] };
  return fast ? { ...own, ...FAST } : own;
}

/** Extra days on top of the region's pace: land and the technical file are the slow ones. */
const WEIGHT: Record<RequirementCode, number> = { igafom: 1, mining_right_access: 1.2, surface_land: 1.6, technical_file: 1.4, start_authorization: 1.1 };

const OBSERVATIONS: Record<RequirementCode, readonly string[]> = {
  igafom: ['Falta el plan de manejo de residuos', 'Las coordenadas del frente no coinciden con el REINFO', 'Falta la línea base de calidad de agua'],
  mining_right_access: ['El contrato no está inscrito en SUNARP', 'La firma del titular no está legalizada', 'El plazo del contrato es menor al exigido'],
  surface_land: ['Falta el acta de asamblea comunal', 'La autorización no identifica el área superficial', 'Falta la copia literal del predio'],
  technical_file: ['Falta el plano de labores', 'El cálculo de reservas no está sustentado', 'Falta el plan de cierre'],
  start_authorization: ['Falta la constancia de capacitación en seguridad', 'Falta el certificado de operación del polvorín'],
};

interface HistoryEvent {
  at: number;
  type: 'file' | 'start_review' | 'observe' | 'correct' | 'approve' | 'reject' | 'suspend' | 'exclude' | 'reinstate';
  requirement?: RequirementCode;
  official?: string;
  observations?: string[];
  reason?: string;
}

export const stamp = (r: Rng, t: number): string => {
  // Office hours in Peru: 08:00–17:00 (13:00–22:00 UTC) of the event's day.
  const day = Math.floor(t / DAY) * DAY;
  return new Date(day + (13 + r.int(0, 8)) * 3_600_000 + r.int(0, 59) * 60_000).toISOString();
};

/** Picks the official who acts (one draw of `r`). */
type PickOfficial = (r: Rng) => string;

/** One requirement's track from `start`; returns its events and when it was approved (if it was). */
function track(
  r: Rng,
  code: RequirementCode,
  start: number,
  stop: number,
  pace: TrackPace,
  pick: PickOfficial,
): { events: HistoryEvent[]; approvedAt?: number } {
  const events: HistoryEvent[] = [];
  const w = WEIGHT[code];
  const days = ([a, b]: readonly [number, number]) => Math.round(r.int(a, b) * w) * DAY;
  const official = pick(r);
  // Many miners take years to file, some never do (land: disputes with communities and owners).
  if (r.next() < 0.06 * w) return { events };
  const wait = (): number => (r.next() < 0.35 ? days([pace.file[1], pace.file[1] * 3]) : days(pace.file));
  let t = start + wait();
  for (let attempt = 0; attempt < 3; attempt++) {
    if (t > stop) return { events };
    events.push({ at: t, type: 'file', requirement: code });
    let rounds = 0;
    for (;;) {
      t += days(pace.queue);
      if (t > stop) return { events };
      events.push({ at: t, type: 'start_review', requirement: code, official });
      t += days(pace.review);
      if (t > stop) return { events };
      const x = r.next();
      if (x < pace.observe && rounds < 2) {
        rounds++;
        events.push({ at: t, type: 'observe', requirement: code, official, observations: [r.pick(OBSERVATIONS[code])] });
        const late = r.next() < 0.15;
        t += late ? r.int(40, 120) * DAY : r.int(3, 14) * DAY;
        if (late && r.next() < 0.5) {
          if (t <= stop) events.push({ at: t, type: 'reject', requirement: code, official, reason: 'No subsanó las observaciones en el plazo' });
          break;
        }
        if (t > stop) return { events };
        events.push({ at: t, type: 'correct', requirement: code });
        continue;
      }
      if (x < pace.observe + pace.reject) {
        events.push({ at: t, type: 'reject', requirement: code, official, reason: 'No cumple los requisitos del procedimiento' });
        break;
      }
      events.push({ at: t, type: 'approve', requirement: code, official });
      return { events, approvedAt: t };
    }
    if (r.next() < 0.4) return { events };
    t += wait();
  }
  return { events };
}

/**
 * An expediente's events from `openedAt` until `end` (epoch ms): the three first
 * requirements in parallel, then the technical file and the start authorization; a
 * suspended or excluded inscription's file stops there, some others are suspended for
 * a while. Deterministic in `r`.
 */
export function history(r: Rng, openedAt: number, status: string, pace: TrackPace, pick: PickOfficial, end = END): HistoryEvent[] {
  let stop = end;
  const episodes: HistoryEvent[] = [];
  if (status === 'suspendido' || status === 'excluido') {
    stop = Math.min(end - DAY, Math.max(openedAt + r.int(60, 1500) * DAY, Date.parse('2021-06-01T15:00:00Z')));
    episodes.push({ at: stop, type: status === 'suspendido' ? 'suspend' : 'exclude', official: pick(r) });
  } else if (r.next() < 0.08) {
    const from = openedAt + r.int(90, 700) * DAY;
    const to = from + r.int(45, 200) * DAY;
    if (to < end) episodes.push({ at: from, type: 'suspend', official: pick(r) }, { at: to, type: 'reinstate', official: pick(r) });
  }
  const parallel = (['igafom', 'mining_right_access', 'surface_land'] as const).map((code) => track(r, code, openedAt, stop, pace, pick));
  const events = [...episodes, ...parallel.flatMap((p) => p.events)];
  const approved = parallel.map((p) => p.approvedAt);
  if (approved.every((a) => a !== undefined)) {
    const technical = track(r, 'technical_file', Math.max(...(approved as number[])), stop, pace, pick);
    events.push(...technical.events);
    if (technical.approvedAt !== undefined) events.push(...track(r, 'start_authorization', technical.approvedAt, stop, pace, pick).events);
  }
  return events.sort((a, b) => a.at - b.at);
}

/** An action before it gets its id, expediente and document references. */
export type Draft = Action extends infer A ? (A extends Action ? Omit<A, 'id' | 'expedienteId' | 'documents'> : never) : never;
type FilingDetails = { access?: Access; technicalFileKind?: 'exploitation' | 'processing' };

/** What `replayHistory` needs of one expediente. */
interface Replay {
  ins: { mining_right_code: string; activity: string; department_code: string };
  miner: Actor;
  /** The official of an event that names none. */
  fallbackOfficial: (r: Rng) => string;
  /** The text of a generated document. */
  docText: (name: string, at: string) => string;
  state: () => ExpedienteState;
  /** Applies the action if the workflow allows it; false when it does not. */
  tryAction: (draft: Draft, files?: { name: string; text: string }[]) => boolean;
}

/**
 * Turns a history's events into the workflow's actions (filings with their documents,
 * reviews, observations, decisions, suspensions) from `opened` on: office-hour stamps
 * that never go back, and a requirement whose action the workflow refused is dropped
 * from then on. Deterministic in `r`.
 */
export function replayHistory(r: Rng, events: readonly HistoryEvent[], opened: string, x: Replay): void {
  const broken = new Set<string>();
  let last = opened;
  for (const e of events) {
    const requirement = e.requirement;
    if (requirement && broken.has(requirement)) continue;
    const stamped = stamp(r, e.at);
    const at = stamped < last ? last : stamped;
    const official: Actor = { userId: e.official ?? x.fallbackOfficial(r), role: 'regional_official' };
    const doc = (name: string) => ({ name, text: x.docText(name, at) });
    const effectiveOn = at.slice(0, 10);
    let ok: boolean;
    switch (e.type) {
      case 'file':
      case 'correct': {
        const base = { at, actor: x.miner, requirement: requirement! };
        const contract = doc('contrato-de-explotacion.pdf');
        const sha = createHash('sha256').update(contract.text).digest('hex');
        const details: FilingDetails =
          requirement === 'mining_right_access'
            ? {
                access: {
                  mode: 'exploitation_contract',
                  concessionCode: x.ins.mining_right_code,
                  counterparty: { name: 'Titular ficticio de la concesión', documentNumber: '20100000001' },
                  signedOn: effectiveOn,
                  startsOn: effectiveOn,
                  documentSha256: sha,
                },
              }
            : requirement === 'technical_file'
              ? { technicalFileKind: x.ins.activity === 'beneficio' ? 'processing' : 'exploitation' }
              : {};
        const files = requirement === 'mining_right_access' ? [contract] : [doc(`${requirement}-${e.type === 'file' ? 'expediente' : 'subsanacion'}.pdf`)];
        const observation = x.state().requirements[requirement!].observations.at(-1)?.actionId ?? '';
        ok = x.tryAction(
          e.type === 'file'
            ? { ...base, type: 'file', payload: details }
            : { ...base, type: 'correct', payload: { observationActionId: observation, ...details } },
          files,
        );
        break;
      }
      case 'start_review':
        ok = x.tryAction({ type: 'start_review', at, actor: official, requirement: requirement!, payload: {} });
        break;
      case 'observe':
        ok = x.tryAction({
          type: 'observe',
          at,
          actor: official,
          requirement: requirement!,
          payload: { observations: e.observations!, deadlineBusinessDays: r.pick([10, 15, 20]) },
        });
        break;
      case 'approve':
        ok = x.tryAction({
          type: 'approve',
          at,
          actor: official,
          requirement: requirement!,
          payload: { resolutionNumber: `RD-${r.int(100, 999)}-${at.slice(0, 4)}-${x.ins.department_code}` },
        });
        break;
      case 'reject':
        ok = x.tryAction({ type: 'reject', at, actor: official, requirement: requirement!, payload: { reason: e.reason! } });
        break;
      case 'suspend':
        ok = x.tryAction({
          type: 'suspend',
          at,
          actor: official,
          payload: {
            reasonCode: r.pick(['production_not_declared', 'ruc_inactive', 'igafom_not_filed'] as const),
            reason: 'Incumple condiciones de permanencia en el REINFO',
            effectiveOn,
          },
        });
        break;
      case 'exclude':
        ok = x.tryAction({
          type: 'exclude',
          at,
          actor: official,
          payload: { reasonCode: r.pick(['permanence_not_restored', 'prohibited_area', 'inactivity'] as const), reason: 'Exclusión del REINFO', effectiveOn },
        });
        break;
      case 'reinstate':
        ok = x.tryAction({ type: 'reinstate', at, actor: official, payload: { reason: 'Subsanó las condiciones de permanencia', effectiveOn } });
        break;
    }
    if (ok) last = at;
    else if (requirement) broken.add(requirement);
  }
}

interface Inscription {
  id: number;
  ruc: string;
  department_code: string;
  inscription_date: string;
  status: string;
  activity: string;
  mining_right_code: string;
}

export async function loadFormalizationDemo(tx: Queryable, seed = 2031): Promise<{ expedientes: number; actions: number }> {
  const r = rng(seed);
  const { rows: inscriptions } = await tx.query<Inscription>(
    `SELECT id, ruc, department_code::text AS department_code, inscription_date, status, activity, mining_right_code
     FROM reinfo_inscriptions i WHERE NOT EXISTS (SELECT 1 FROM expedientes e WHERE e.inscription_id = i.id) ORDER BY id`,
  );
  const chosen = inscriptions.filter((i) => i.ruc === CECOMIP || r.next() < 0.58);
  const openedAt = chosen.map((i) => {
    const inscribed = Date.parse(`${i.inscription_date}T15:00:00Z`);
    const t = Math.max(inscribed + r.int(5, 150) * DAY, EARLIEST_OPENING + r.int(0, 200) * DAY);
    return Math.min(t, END - r.int(20, 120) * DAY);
  });
  const { rows: created } = await tx.query<{ id: number; inscription_id: number }>(
    `INSERT INTO expedientes (inscription_id, ruc, department_code, opened_at, opened_by)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::text[]) RETURNING id, inscription_id`,
    [
      chosen.map((i) => i.id),
      chosen.map((i) => i.ruc),
      chosen.map((i) => i.department_code),
      openedAt.map((t) => stamp(r, t)),
      chosen.map(() => 'system:demo'),
    ],
  );
  const expedienteOf = new Map(created.map((c) => [Number(c.inscription_id), Number(c.id)]));
  const { rows: seqRows } = await tx.query<{ base: number }>(`SELECT nextval(pg_get_serial_sequence('expediente_actions', 'id')) AS base`);
  let nextId = Number(seqRows[0]!.base);

  const actions: NewAction[] = [];
  const documents: NewDocument[] = [];
  chosen.forEach((ins, k) => {
    const expedienteId = String(expedienteOf.get(ins.id));
    const pace = paceOf(ins.department_code, ins.ruc === CECOMIP && k % 3 === 0);
    const minerActor: Actor = { userId: ins.ruc === CECOMIP ? 'cecomip' : `ruc:${ins.ruc}`, role: 'miner' };
    let state: ExpedienteState = initialState();
    let seq = 0;
    const tryAction = (draft: Draft, files: { name: string; text: string }[] = []): boolean => {
      const docs = files.map((f) => ({ ...f, content: Buffer.from(f.text, 'utf8') }));
      const refs: DocumentRef[] = docs.map((d) => ({ name: d.name, sha256: createHash('sha256').update(d.content).digest('hex'), size: d.content.length }));
      const action: Action = { ...draft, id: String(nextId), expedienteId, documents: refs };
      const result = applyAction(state, action);
      if (!result.ok) return false;
      state = result.state;
      nextId++;
      seq++;
      actions.push({ action, seq, departmentCode: ins.department_code });
      docs.forEach((d, position) =>
        documents.push({
          actionId: action.id,
          expedienteId,
          departmentCode: ins.department_code,
          position,
          name: d.name,
          mediaType: 'application/pdf',
          sha256: refs[position]!.sha256,
          content: d.content,
        }),
      );
      return true;
    };
    const opened = stamp(r, openedAt[k]!);
    tryAction({
      type: 'open',
      at: opened,
      actor: { userId: 'system:demo', role: 'system' },
      payload: { inscriptionId: String(ins.id), inscribedOn: ins.inscription_date },
    });
    replayHistory(
      r,
      history(r, openedAt[k]!, ins.status, pace, (rr) => rr.pick(pace.reviewers)),
      opened,
      {
        ins,
        miner: minerActor,
        fallbackOfficial: () => pace.reviewers[0]!,
        docText: (name, at) => `Documento ficticio de demostración: ${name}, derecho minero ${ins.mining_right_code}, ${at.slice(0, 10)}`,
        state: () => state,
        tryAction,
      },
    );
  });
  await insertActions(tx, actions);
  // every stored action has its audit entry, as the service writes one: the expediente page's audit panel reads them
  const AUDIT_ROLE = { miner: 'miner', regional_official: 'regional', national_official: 'national', system: 'admin' } as const;
  await appendAuditMany(
    tx,
    [...actions]
      .sort((a, b) => a.action.at.localeCompare(b.action.at))
      .map(({ action, departmentCode }) => ({
        actor: { username: action.actor.userId, role: AUDIT_ROLE[action.actor.role], region: null, ruc: null, userId: null },
        entry: {
          action: `expediente.${action.type}`,
          entity: 'expediente',
          entityId: action.expedienteId,
          regionCode: departmentCode,
          after: { actionId: action.id },
        },
        at: new Date(action.at),
      })),
  );
  await tx.query(`SELECT setval(pg_get_serial_sequence('expediente_actions', 'id'), $1)`, [nextId]);
  await insertDocuments(tx, documents);
  await insertPermanenceFacts(tx, r, inscriptions);
  return { expedientes: chosen.length, actions: actions.length };
}

/** SUNAT and declaration facts as of mid-2025 for most vigente inscriptions (some missing on purpose). */
async function insertPermanenceFacts(tx: Queryable, r: Rng, inscriptions: readonly Inscription[]): Promise<void> {
  const rows = inscriptions.filter((i) => i.status === 'vigente' && r.next() < 0.85);
  const day = (): string => String(r.int(1, 28)).padStart(2, '0');
  // Each semester from the inscription's to 2024-S2, most of them declared within the month after.
  const semesters = (from: string): { semester: string; declaredOn: string }[] => {
    const out: { semester: string; declaredOn: string }[] = [];
    for (let half = Number(from.slice(0, 4)) * 2 + (Number(from.slice(5, 7)) <= 6 ? 0 : 1); half < 2025 * 2; half++) {
      const year = Math.floor(half / 2);
      const first = half % 2 === 0;
      if (r.next() < 0.97) out.push({ semester: `${year}-S${first ? 1 : 2}`, declaredOn: first ? `${year}-07-${day()}` : `${year + 1}-01-${day()}` });
    }
    return out;
  };
  await tx.query(
    `INSERT INTO permanence_facts (inscription_id, department_code, as_of, ruc_active, ruc_third_category, chemicals_registered,
       uses_controlled_chemicals, production_declarations, source, recorded_by)
     SELECT i, d, '2025-06-15', a, t, c, u, p::jsonb, 'demo: consulta SUNAT ficticia', 'system:demo'
     FROM unnest($1::bigint[], $2::text[], $3::bool[], $4::bool[], $5::bool[], $6::bool[], $7::text[]) AS x(i, d, a, t, c, u, p)`,
    [
      rows.map((i) => i.id),
      rows.map((i) => i.department_code),
      rows.map(() => r.next() < 0.95),
      rows.map(() => r.next() < 0.95),
      rows.map(() => r.next() < 0.9),
      rows.map((i) => i.department_code === '17' || r.next() < 0.7),
      rows.map((i) => JSON.stringify(semesters(i.inscription_date))),
    ],
  );
}
