/**
 * SQL of the expediente: the append-only action log, its documents and the list read
 * model. Row-level security decides what each caller sees; nothing here filters by role.
 */
import type { Queryable } from '../../platform/db.ts';
import type { Narrow, Row } from '../../platform/db/schema.generated.ts';
import { keysetPage, type KeysetList } from '../../platform/http/list-keyset.ts';
import type { ListRequest, Page } from '../../platform/http/list.ts';
import type { Activity, InscriptionStatus } from '../../kernel/registry.types.ts';
import { actionSchema, type Action, type DocumentRef } from './formalization.schema.ts';
import type { Stage } from './formalization-state.schema.ts';

const iso = (v: unknown): string => new Date(v as string | Date).toISOString();

export type InscriptionRow = Narrow<
  Pick<Row<'reinfo_inscriptions'>, 'id' | 'ruc' | 'declarant_name' | 'mining_right_code' | 'department_code' | 'inscription_date' | 'activity' | 'status'>,
  { activity: Activity; status: InscriptionStatus }
> & { mining_right_name: Row<'mining_rights'>['name']; department_name: Row<'departments'>['name'] };

const INSCRIPTION_COLUMNS = `i.id, i.ruc, i.declarant_name, i.mining_right_code, r.name AS mining_right_name, i.activity,
  i.department_code::text AS department_code, d.name AS department_name, i.inscription_date, i.status`;

export async function inscriptionRow(tx: Queryable, inscriptionId: number): Promise<InscriptionRow | undefined> {
  const { rows } = await tx.query<InscriptionRow>(
    `SELECT ${INSCRIPTION_COLUMNS}
     FROM reinfo_inscriptions i JOIN mining_rights r ON r.id = i.mining_right_id JOIN departments d ON d.code = i.department_code
     WHERE i.id = $1`,
    [inscriptionId],
  );
  return rows[0];
}

type ExpedienteRow = Pick<Row<'expedientes'>, 'id' | 'inscription_id' | 'department_code' | 'opened_at'>;

/** The expediente and its inscription, when the caller may see them. */
export async function expedienteRow(tx: Queryable, id: number): Promise<{ expediente: ExpedienteRow; inscription: InscriptionRow } | undefined> {
  const { rows } = await tx.query<ExpedienteRow & { inscription: InscriptionRow | null }>(
    `SELECT e.id, e.inscription_id, e.department_code::text AS department_code, e.opened_at,
            (SELECT row_to_json(x) FROM (SELECT ${INSCRIPTION_COLUMNS}
               FROM reinfo_inscriptions i JOIN mining_rights r ON r.id = i.mining_right_id
               JOIN departments d ON d.code = i.department_code WHERE i.id = e.inscription_id) x) AS inscription
     FROM expedientes e WHERE e.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row?.inscription) return undefined;
  const { inscription, ...expediente } = row;
  return { expediente, inscription };
}

export async function expedienteIdOfInscription(tx: Queryable, inscriptionId: number): Promise<number | undefined> {
  const { rows } = await tx.query<{ id: number }>('SELECT id FROM expedientes WHERE inscription_id = $1', [inscriptionId]);
  return rows[0] ? Number(rows[0].id) : undefined;
}

export async function insertExpediente(
  tx: Queryable,
  e: { inscriptionId: number; ruc: string; departmentCode: string; openedAt: string; openedBy: string },
): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO expedientes (inscription_id, ruc, department_code, opened_at, opened_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [e.inscriptionId, e.ruc, e.departmentCode, e.openedAt, e.openedBy],
  );
  return Number(rows[0]!.id);
}

/** Action ids are taken from the sequence before the action is validated, so the domain sees its final id. */
export async function reserveActionIds(tx: Queryable, n: number): Promise<string[]> {
  const { rows } = await tx.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('expediente_actions', 'id')) AS id FROM generate_series(1, $1)`, [n]);
  return rows.map((r) => String(r.id));
}

export interface StoredDocument {
  id: number;
  actionId: string;
  position: number;
  name: string;
  mediaType: string;
  sha256: string;
  size: number;
}

export interface StoredAction {
  action: Action;
  seq: number;
  documents: StoredDocument[];
}

/** The actions of some expedientes in stored order, each with its documents (metadata only). */
export async function loadActions(tx: Queryable, expedienteIds: readonly number[]): Promise<Map<number, StoredAction[]>> {
  const { rows } = await tx.query<{
    id: number;
    expediente_id: number;
    seq: number;
    type: string;
    requirement: string | null;
    payload: unknown;
    actor_username: string;
    actor_role: string;
    at: Date;
    documents: { id: number; position: number; name: string; media_type: string; sha256: string; size: number }[] | null;
  }>(
    `SELECT a.id, a.expediente_id, a.seq, a.type, a.requirement, a.payload, a.actor_username, a.actor_role, a.at,
            (SELECT json_agg(json_build_object('id', d.id, 'position', d.position, 'name', d.name, 'media_type', d.media_type,
                                               'sha256', d.sha256, 'size', d.size) ORDER BY d.position)
             FROM expediente_documents d WHERE d.action_id = a.id) AS documents
     FROM expediente_actions a WHERE a.expediente_id = ANY($1::bigint[]) ORDER BY a.expediente_id, a.seq`,
    [expedienteIds],
  );
  const out = new Map<number, StoredAction[]>();
  for (const r of rows) {
    const documents: StoredDocument[] = (r.documents ?? []).map((d) => ({
      id: Number(d.id),
      actionId: String(r.id),
      position: d.position,
      name: d.name,
      mediaType: d.media_type,
      sha256: d.sha256,
      size: Number(d.size),
    }));
    const refs: DocumentRef[] = documents.map((d) => ({ name: d.name, sha256: d.sha256, size: d.size }));
    const action = actionSchema.parse({
      id: String(r.id),
      expedienteId: String(r.expediente_id),
      at: iso(r.at),
      actor: { userId: r.actor_username, role: r.actor_role },
      type: r.type,
      ...(r.requirement ? { requirement: r.requirement } : {}),
      payload: r.payload,
      documents: refs,
    });
    const key = Number(r.expediente_id);
    out.set(key, [...(out.get(key) ?? []), { action, seq: r.seq, documents }]);
  }
  return out;
}

export interface NewAction {
  action: Action;
  seq: number;
  departmentCode: string;
}

/** Inserts actions set-based (one statement whatever their number). */
export async function insertActions(tx: Queryable, actions: readonly NewAction[]): Promise<void> {
  if (actions.length === 0) return;
  await tx.query(
    `INSERT INTO expediente_actions (id, expediente_id, seq, type, requirement, payload, actor_username, actor_role, at, department_code)
     SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::text[],
                          $9::timestamptz[], $10::text[])`,
    [
      actions.map((a) => a.action.id),
      actions.map((a) => a.action.expedienteId),
      actions.map((a) => a.seq),
      actions.map((a) => a.action.type),
      actions.map((a) => ('requirement' in a.action ? a.action.requirement : null)),
      actions.map((a) => JSON.stringify(a.action.payload)),
      actions.map((a) => a.action.actor.userId),
      actions.map((a) => a.action.actor.role),
      actions.map((a) => a.action.at),
      actions.map((a) => a.departmentCode),
    ],
  );
}

export interface NewDocument {
  actionId: string;
  expedienteId: string;
  departmentCode: string;
  position: number;
  name: string;
  mediaType: string;
  sha256: string;
  content: Buffer;
}

/** Inserts documents set-based; the content travels as base64 text (the same on both engines). */
export async function insertDocuments(tx: Queryable, docs: readonly NewDocument[]): Promise<StoredDocument[]> {
  if (docs.length === 0) return [];
  const { rows } = await tx.query<{ id: number; action_id: number; position: number; name: string; media_type: string; sha256: string; size: number }>(
    `INSERT INTO expediente_documents (action_id, expediente_id, department_code, position, name, media_type, sha256, size, content)
     SELECT a, e, dep, pos, n, mt, sha, length(decode(c, 'base64')), decode(c, 'base64')
     FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[])
       AS t(a, e, dep, pos, n, mt, sha, c)
     RETURNING id, action_id, position, name, media_type, sha256, size`,
    [
      docs.map((d) => d.actionId),
      docs.map((d) => d.expedienteId),
      docs.map((d) => d.departmentCode),
      docs.map((d) => d.position),
      docs.map((d) => d.name),
      docs.map((d) => d.mediaType),
      docs.map((d) => d.sha256),
      docs.map((d) => d.content.toString('base64')),
    ],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    actionId: String(r.action_id),
    position: r.position,
    name: r.name,
    mediaType: r.media_type,
    sha256: r.sha256,
    size: Number(r.size),
  }));
}

export async function documentContent(
  tx: Queryable,
  expedienteId: number,
  documentId: number,
): Promise<{ name: string; mediaType: string; sha256: string; content: Buffer } | undefined> {
  const { rows } = await tx.query<{ name: string; media_type: string; sha256: string; content: Uint8Array }>(
    'SELECT name, media_type, sha256, content FROM expediente_documents WHERE expediente_id = $1 AND id = $2',
    [expedienteId, documentId],
  );
  const r = rows[0];
  return r ? { name: r.name, mediaType: r.media_type, sha256: r.sha256, content: Buffer.from(r.content) } : undefined;
}

export interface ListFilters {
  region?: string | undefined;
  stage?: Stage | undefined;
  /** The expediente of this REINFO inscription. */
  inscription?: number | undefined;
  /** The expedientes of this RUC's inscriptions. */
  ruc?: string | undefined;
  /** Declarant's name, RUC or mining right code. */
  q?: string | undefined;
  /** Opened on or after / on or before (Peru dates). */
  from?: string | undefined;
  to?: string | undefined;
}

export type ListRow = Pick<Row<'expedientes'>, 'id' | 'inscription_id' | 'ruc' | 'department_code' | 'opened_at'> &
  Pick<Row<'reinfo_inscriptions'>, 'declarant_name' | 'mining_right_code'> & {
    department_name: Row<'departments'>['name'];
    stage: Stage;
    inscribed_on: string;
    last_action_at: Date;
    start_authorization_approved_at: Date | null;
  };

const EXPEDIENTE_SORT_COLUMNS: KeysetList['sorts'] = {
  id: { sql: 'b.id', type: 'numeric' },
  declarant: { sql: 'b.declarant_name', type: 'text' },
  ruc: { sql: 'b.ruc', type: 'text' },
  right: { sql: 'b.mining_right_code', type: 'text' },
  department: { sql: 'b.department_name', type: 'text' },
  stage: { sql: 'b.stage', type: 'text' },
  opened: { sql: 'b.opened_at', type: 'timestamptz' },
  last: { sql: 'b.last_action_at', type: 'timestamptz' },
};

/** Expedientes the caller may see with their current stage: filtered, counted, sorted, one keyset page. */
export async function listExpedientes(tx: Queryable, f: ListFilters, req: ListRequest): Promise<Page<ListRow>> {
  let region = f.region ?? null;
  const [inscription, ruc] = [f.inscription ?? null, f.ruc ?? null];
  if (inscription !== null || ruc !== null) {
    // A look-up by inscription or RUC names a few expedientes: none, or their one region bounds the derivation.
    const { rows } = await tx.query<{ d: string }>(
      `SELECT DISTINCT department_code::text AS d FROM expedientes
       WHERE ($1::bigint IS NULL OR inscription_id = $1) AND ($2::char(11) IS NULL OR ruc = $2::char(11))`,
      [inscription, ruc],
    );
    if (rows.length === 0 || (region !== null && !rows.some((r) => r.d === region))) return { total: 0, items: [], next: null };
    if (rows.length === 1) region = rows[0]!.d;
  }
  const text = f.q?.trim() ? f.q.trim() : null;
  const list: KeysetList = {
    base: `SELECT x.expediente_id AS id, x.inscription_id, i.ruc, i.declarant_name, i.mining_right_code, x.department_code, d.name AS department_name,
                  x.stage, x.inscribed_on, x.opened_at, x.last_action_at, x.start_authorization_approved_at
           FROM formalization_expedientes('infinity', $1) x
           JOIN reinfo_inscriptions i ON i.id = x.inscription_id JOIN departments d ON d.code = x.department_code
           WHERE ($1::text IS NULL OR x.department_code = $1) AND ($2::text IS NULL OR x.stage = $2)
             AND ($3::bigint IS NULL OR x.inscription_id = $3)
             AND ($4::char(11) IS NULL OR x.expediente_id IN (SELECT e.id FROM expedientes e WHERE e.ruc = $4::char(11)))
             AND ($5::text IS NULL OR i.ruc = $6 OR i.mining_right_code = $7 OR veta_es_key(i.declarant_name) LIKE '%' || veta_es_key($5) || '%')
             AND ($8::date IS NULL OR (x.opened_at AT TIME ZONE 'America/Lima')::date >= $8::date)
             AND ($9::date IS NULL OR (x.opened_at AT TIME ZONE 'America/Lima')::date <= $9::date)`,
    params: [
      region,
      f.stage ?? null,
      inscription,
      ruc,
      text,
      text?.replace(/\D/g, '') ?? null,
      text?.replace(/[\s-]/g, '').toUpperCase() ?? null,
      f.from ?? null,
      f.to ?? null,
    ],
    id: { sql: 'b.id', type: 'bigint' },
    sorts: EXPEDIENTE_SORT_COLUMNS,
  };
  return keysetPage<ListRow & Record<string, unknown>>(tx, list, req);
}

/** Ids of the expedientes the caller may see (a miner: their own). */
export async function visibleExpedienteIds(tx: Queryable): Promise<number[]> {
  const { rows } = await tx.query<{ id: number }>('SELECT id FROM expedientes ORDER BY id');
  return rows.map((r) => Number(r.id));
}

/** The expediente of each inscription that has one (and the caller may see), with its department. */
export async function expedienteIdsOfInscriptions(
  tx: Queryable,
  inscriptionIds: readonly number[],
): Promise<Map<number, { id: number; departmentCode: string }>> {
  const { rows } = await tx.query<{ id: number; inscription_id: number; department_code: string }>(
    'SELECT id, inscription_id, department_code::text AS department_code FROM expedientes WHERE inscription_id = ANY($1::bigint[])',
    [inscriptionIds],
  );
  return new Map(rows.map((r) => [Number(r.inscription_id), { id: Number(r.id), departmentCode: r.department_code }]));
}
