/**
 * The expediente service: every read and write runs in one transaction as the actor
 * (row-level security applies), the pure reducer decides, the audit entry commits with
 * the action it records.
 */
import { createHash } from 'node:crypto';
import { appendAudit } from '../../platform/audit/audit.ts';
import { withActor, type Actor } from '../../platform/context.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { allPages } from '../../platform/http/list-export.ts';
import { listRequest, type SortDir } from '../../platform/http/list.ts';
import { peruToday } from '../../platform/time.ts';
import type { ActionBody, ExpedienteDetail, Upload } from './formalization-api.schema.ts';
import { allowedActions, applyAction, initialState, reduce, type ActionRejection } from './formalization.domain.ts';
import { REGISTRY_FOLLOW_ACTIONS } from './formalization-rules.domain.ts';
import * as q from './formalization.queries.ts';
import { actionSchema, type Action, type Actor as DomainActor, type DocumentRef } from './formalization.schema.ts';
import type { ExpedienteState } from './formalization-state.schema.ts';
import { deadlineOn } from './legal-deadlines.domain.ts';

/**
 * The workflow role of a platform role: officials of a region decide, national officials
 * read, an administrator acts as the system (it may open expedientes). Auditors and the
 * public take no workflow action.
 */
export function domainActor(actor: Actor): DomainActor | null {
  const role =
    actor.role === 'miner'
      ? 'miner'
      : actor.role === 'regional'
        ? 'regional_official'
        : actor.role === 'national'
          ? 'national_official'
          : actor.role === 'admin'
            ? 'system'
            : null;
  return role ? { userId: actor.username, role } : null;
}

/** A refused action as a domain error: forbidden when the role may not take it, a conflict otherwise; the domain's code travels along. */
function rejectionError(rejection: ActionRejection): DomainError {
  return rejection.code === 'forbidden_role' ? new ForbiddenError(rejection.code, rejection.message) : new ConflictError(rejection.code, rejection.message);
}

export function processDeadline(today: string): ExpedienteDetail['processDeadline'] {
  const d = deadlineOn(today);
  return { on: today, deadline: d?.deadline ?? null, instrument: d?.rule.instrument ?? null, processOpen: d?.processOpen ?? false };
}

export function allowedFor(state: ExpedienteState, who: DomainActor | null): ExpedienteDetail['allowedActions'] {
  if (!who) return [];
  return allowedActions(state)
    .filter((a) => a.roles.includes(who.role))
    .map((a) => ({ type: a.type, ...(a.requirement ? { requirement: a.requirement } : {}), roles: [...a.roles] }));
}

function buildDetail(
  expedienteId: number,
  inscription: q.InscriptionRow,
  stored: readonly q.StoredAction[],
  who: DomainActor | null,
  today: string,
): ExpedienteDetail {
  const state = reduce(stored.map((s) => s.action));
  const requirementOf = (a: Action) => ('requirement' in a ? a.requirement : null);
  return {
    id: expedienteId,
    inscription: {
      id: Number(inscription.id),
      ruc: inscription.ruc,
      declarantName: inscription.declarant_name,
      miningRightCode: inscription.mining_right_code,
      miningRightName: inscription.mining_right_name,
      activity: inscription.activity,
      departmentCode: inscription.department_code,
      departmentName: inscription.department_name,
      inscriptionDate: inscription.inscription_date,
      status: inscription.status,
    },
    stage: state.stage,
    state,
    allowedActions: allowedFor(state, who),
    actions: stored.map((s) => ({
      id: s.action.id,
      seq: s.seq,
      type: s.action.type,
      requirement: requirementOf(s.action),
      payload: s.action.payload as Record<string, unknown>,
      actor: s.action.actor,
      at: s.action.at,
      documentIds: s.documents.map((d) => d.id),
    })),
    documents: stored.flatMap((s) =>
      s.documents.map((d) => ({
        id: d.id,
        actionId: d.actionId,
        requirement: requirementOf(s.action),
        name: d.name,
        mediaType: d.mediaType,
        sha256: d.sha256,
        size: d.size,
        url: `/api/formalization/expedientes/${expedienteId}/documents/${d.id}`,
      })),
    ),
    processDeadline: processDeadline(today),
  };
}

async function load(tx: Queryable, id: number) {
  const found = await q.expedienteRow(tx, id);
  if (!found) throw NotFoundError.of(`Expediente ${id}`, 'expediente_not_found', { id });
  const stored = (await q.loadActions(tx, [id])).get(id) ?? [];
  return { ...found, stored };
}

export async function getExpediente(db: Database, actor: Actor, id: number, today = peruToday()): Promise<ExpedienteDetail> {
  return withActor(db, actor, async (tx) => {
    const { inscription, stored } = await load(tx, id);
    return buildDetail(id, inscription, stored, domainActor(actor), today);
  });
}

const summary = (state: ExpedienteState) => ({ stage: state.stage, inscriptionStatus: state.inscriptionStatus });

/** Opens the expediente of a REINFO inscription (an official of its region, or the system). */
export async function openExpediente(db: Database, actor: Actor, inscriptionId: number, now = new Date()): Promise<ExpedienteDetail> {
  const who = domainActor(actor);
  return withActor(db, actor, async (tx) => {
    const inscription = await q.inscriptionRow(tx, inscriptionId);
    if (!inscription) throw NotFoundError.of(`Inscription ${inscriptionId}`, 'inscription_not_found', { id: inscriptionId });
    const existing = await q.expedienteIdOfInscription(tx, inscriptionId);
    if (existing !== undefined) throw new ConflictError('expediente_exists', `The inscription already has expediente ${existing}.`, { expedienteId: existing });
    if (!who) throw new ForbiddenError('role_may_not_open', `The role ${actor.role} may not open expedientes.`, { role: actor.role });
    const opening = { inscriptionId, ruc: inscription.ruc, departmentCode: inscription.department_code, openedAt: now.toISOString(), openedBy: actor.username };
    const id = await q.insertExpediente(tx, opening).catch((err: unknown) => {
      if ((err as { code?: string }).code === '23505') throw new ConflictError('expediente_exists', 'The inscription already has an expediente.');
      throw err;
    });
    const [actionId] = await q.reserveActionIds(tx, 1);
    const action: Action = {
      id: actionId!,
      expedienteId: String(id),
      at: opening.openedAt,
      actor: who,
      type: 'open',
      payload: { inscriptionId: String(inscriptionId), inscribedOn: inscription.inscription_date },
      documents: [],
    };
    const result = applyAction(initialState(), action);
    if (!result.ok) throw rejectionError(result.rejection);
    await q.insertActions(tx, [{ action, seq: 1, departmentCode: inscription.department_code }]);
    await appendAudit(
      tx,
      actor,
      {
        action: 'expediente.open',
        entity: 'expediente',
        entityId: id,
        regionCode: inscription.department_code,
        after: { actionId: action.id, inscriptionId, ...summary(result.state) },
      },
      now,
    );
    return buildDetail(id, inscription, [{ action, seq: 1, documents: [] }], who, peruToday(now));
  });
}

interface DecodedUpload {
  ref: DocumentRef;
  mediaType: string;
  content: Buffer;
}

function decodeUploads(uploads: readonly Upload[]): DecodedUpload[] {
  return uploads.map((u, i) => {
    const content = Buffer.from(u.contentBase64, 'base64');
    const sha256 = createHash('sha256').update(content).digest('hex');
    if (u.sha256 !== undefined && u.sha256 !== sha256) {
      throw new ValidationError('document_hash_mismatch', 'An uploaded document does not match its SHA-256.', { index: i }, [
        { path: `body.documents.${i}.sha256`, message: `the content hashes to ${sha256}` },
      ]);
    }
    return { ref: { name: u.name, sha256, size: content.length }, mediaType: u.mediaType, content };
  });
}

/**
 * Appends one action: load the log, reduce, ask the domain, then insert the action, its
 * documents and the audit entry in the same transaction. The action's time is `now`.
 */
export async function appendAction(
  db: Database,
  actor: Actor,
  expedienteId: number,
  body: ActionBody,
  now = new Date(),
): Promise<ExpedienteDetail & { actionId: string }> {
  const who = domainActor(actor);
  if (!who) throw new ForbiddenError('role_takes_no_action', `The role ${actor.role} takes no workflow action.`, { role: actor.role });
  const uploads = decodeUploads(body.documents);
  return withActor(db, actor, async (tx) => {
    const found = await q.expedienteRow(tx, expedienteId);
    if (!found) throw NotFoundError.of(`Expediente ${expedienteId}`, 'expediente_not_found', { id: expedienteId });
    // One writer per expediente at a time; the unique (expediente_id, seq) is the backstop.
    await tx.query('SELECT pg_advisory_xact_lock(7003, ($1::bigint % 2147483647)::int)', [expedienteId]);
    const stored = (await q.loadActions(tx, [expedienteId])).get(expedienteId) ?? [];
    const state = reduce(stored.map((s) => s.action));
    const [actionId] = await q.reserveActionIds(tx, 1);
    const parsed = actionSchema.safeParse({
      id: actionId,
      expedienteId: String(expedienteId),
      at: now.toISOString(),
      actor: who,
      type: body.type,
      ...(body.requirement ? { requirement: body.requirement } : {}),
      payload: body.payload,
      documents: uploads.map((u) => u.ref),
    });
    if (!parsed.success) {
      throw new ValidationError(
        'action_schema',
        'The action does not match its schema.',
        {},
        parsed.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message })),
      );
    }
    const action = parsed.data;
    if (action.type === 'amend') {
      const known = new Set([...stored.flatMap((s) => s.documents.map((d) => d.sha256)), ...uploads.map((u) => u.ref.sha256)]);
      const unknown = action.payload.replacement.documents.filter((d) => !known.has(d.sha256));
      if (unknown.length > 0) {
        const names = unknown.map((d) => d.name).join(', ');
        throw new ValidationError('replacement_not_uploaded', `Upload the replacement documents with the amendment: ${names}`, { documents: names });
      }
    }
    if (who.role === 'system' && (REGISTRY_FOLLOW_ACTIONS as readonly string[]).includes(action.type)) {
      // Taken only when the registry changes (reinfo-status.service.ts), never on request: as before, a refused role.
      throw new ForbiddenError(
        'forbidden_role',
        `The system ${action.type}s an expediente only when REINFO does: change the inscription's status in the registry.`,
      );
    }
    const result = applyAction(state, action);
    if (!result.ok) throw rejectionError(result.rejection);
    const department = found.expediente.department_code;
    await q.insertActions(tx, [{ action, seq: stored.length + 1, departmentCode: department }]);
    const documents = await q.insertDocuments(
      tx,
      uploads.map((u, position) => ({
        actionId: action.id,
        expedienteId: String(expedienteId),
        departmentCode: department,
        position,
        name: u.ref.name,
        mediaType: u.mediaType,
        sha256: u.ref.sha256,
        content: u.content,
      })),
    );
    const requirement = 'requirement' in action ? action.requirement : undefined;
    await appendAudit(
      tx,
      actor,
      {
        action: `expediente.${action.type}`,
        entity: 'expediente',
        entityId: expedienteId,
        regionCode: department,
        before: { ...summary(state), ...(requirement ? { requirementStatus: state.requirements[requirement].status } : {}) },
        after: {
          actionId: action.id,
          ...summary(result.state),
          ...(requirement ? { requirement, requirementStatus: result.state.requirements[requirement].status } : {}),
          payload: action.payload,
          documents: action.documents,
        },
      },
      now,
    );
    const all = [...stored, { action, seq: stored.length + 1, documents }];
    return { ...buildDetail(expedienteId, found.inscription, all, who, peruToday(now)), actionId: action.id };
  });
}

const isoOf = (v: Date | null) => (v === null ? null : new Date(v).toISOString());
const listItemOf = (r: q.ListRow) => ({
  id: Number(r.id),
  inscriptionId: Number(r.inscription_id),
  ruc: r.ruc,
  declarantName: r.declarant_name,
  miningRightCode: r.mining_right_code,
  departmentCode: r.department_code,
  departmentName: r.department_name,
  stage: r.stage,
  inscribedOn: r.inscribed_on,
  openedAt: isoOf(r.opened_at)!,
  lastActionAt: isoOf(r.last_action_at)!,
  formalizedAt: isoOf(r.start_authorization_approved_at),
});
export type ExpedienteListItem = ReturnType<typeof listItemOf>;

interface ListParams {
  sort: string;
  dir: SortDir;
  limit: number;
  after?: string | undefined;
}

/** A page of the expedientes the caller may see, with the total of the filters (400 on a bad cursor). */
export async function listExpedientes(db: Database, actor: Actor, filters: q.ListFilters, list: ListParams) {
  const req = listRequest(list);
  const page = await withActor(db, actor, (tx) => q.listExpedientes(tx, filters, req));
  return { total: page.total, items: page.items.map(listItemOf), next: page.next };
}

/** Every filtered expediente, a page at a time (for the export). */
export function listAllExpedientes(db: Database, actor: Actor, filters: q.ListFilters, list: ListParams) {
  return allPages((after) => listExpedientes(db, actor, filters, { ...list, limit: 1000, after: after ?? undefined }));
}

export async function getDocument(db: Database, actor: Actor, expedienteId: number, documentId: number) {
  const doc = await withActor(db, actor, (tx) => q.documentContent(tx, expedienteId, documentId));
  if (!doc) throw NotFoundError.of(`Document ${documentId} of expediente ${expedienteId}`, 'document_not_found', { id: documentId, expedienteId });
  return doc;
}
