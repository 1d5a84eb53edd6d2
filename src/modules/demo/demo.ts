/**
 * The demo: a realistic, clearly fictitious sector, loaded through the same REINFO
 * import path officials use, then completed (persons' details, memberships, rights'
 * area and polygons, DAC) and given one user per role. Deterministic.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { appendAudit } from '../../platform/audit/audit.ts';
import { createUser } from '../../platform/auth/auth.ts';
import type { Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import type { Table } from '../../platform/files/tabular.ts';
import { withCheckDigit } from '../registry/registry.domain.ts';
import { importReinfo } from '../registry/reinfo.import.ts';
import { DEMO_DEPARTMENTS, DEMO_ORGANIZATIONS, FIRST_NAMES_F, FIRST_NAMES_M, RIGHT_WORDS, SURNAMES } from './demo.data.ts';
import { rng, type Rng } from './random.ts';
import { MODULES } from '../index.ts';

export const DEMO_USERS = [
  { username: 'admin', password: 'veta-admin', role: 'admin', displayName: 'Administración Veta' },
  { username: 'nacional', password: 'veta-nacional', role: 'national', displayName: 'DGFM – MINEM' },
  { username: 'auditor', password: 'veta-auditor', role: 'auditor', displayName: 'Auditoría' },
  { username: 'puno', password: 'veta-puno', role: 'regional', regionCode: '21', displayName: 'DREM Puno' },
  { username: 'arequipa', password: 'veta-arequipa', role: 'regional', regionCode: '04', displayName: 'GREM Arequipa' },
  { username: 'madrededios', password: 'veta-madrededios', role: 'regional', regionCode: '17', displayName: 'DREMH Madre de Dios' },
  { username: 'cecomip', password: 'veta-minero', role: 'miner', ruc: withCheckDigit('2060000101'), displayName: 'CECOMIP' },
] as const;

export interface DemoSummary {
  loaded: boolean;
  inscriptions: number;
  users: string[];
}

const DEMO_SIZE = 3000;
const SYSTEM: Actor = { username: 'system:demo', role: 'admin', region: null, ruc: null, userId: null };

interface District {
  code: string;
  dept: string;
  prov: string;
  name: string;
  lat: number;
  lon: number;
}

function districtsByDepartment(): Map<string, District[]> {
  const file = fileURLToPath(new URL('../../../reference/ubigeo/ubigeo_distrito.csv', import.meta.url));
  const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
  const out = new Map<string, District[]>();
  for (const r of rows) {
    if (!/^\d{6}$/.test(r['inei'] ?? '') || !r['latitude'] || r['latitude'] === 'NA') continue;
    const d: District = {
      code: r['inei']!,
      dept: r['departamento']!,
      prov: r['provincia']!,
      name: r['distrito']!,
      lat: Number(r['latitude']),
      lon: Number(r['longitude']),
    };
    const k = d.code.slice(0, 2);
    out.set(k, [...(out.get(k) ?? []), d]);
  }
  return out;
}

const ddmmyyyy = (d: Date): string => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;

/**
 * The REINFO list of the demo, as an official would upload it. `sharedRights`: the
 * share of inscriptions (after the demo organizations') made on a mining right another
 * inscription of the list already holds — several miners working one concession, as in
 * the national register (about 100,000 inscriptions on 60,000 rights); 0 gives every
 * inscription its own right.
 */
export function demoReinfoTable(
  size = DEMO_SIZE,
  seed = 2030,
  departments: readonly (readonly [string, number])[] = DEMO_DEPARTMENTS,
  sharedRights = 0,
): Table {
  const r = rng(seed);
  const districts = districtsByDepartment();
  const headers = [
    'RUC',
    'NOMBRE',
    'CODIGO UNICO',
    'NOMBRE DERECHO MINERO',
    'DEPARTAMENTO',
    'PROVINCIA',
    'DISTRITO',
    'TIPO ACTIVIDAD',
    'ESTADO',
    'FECHA INSCRIPCION',
    'LATITUD',
    'LONGITUD',
  ];
  const rows: Table['rows'] = [];
  // District seats on an island of Lake Titicaca or on the Brazilian border would put
  // jittered fronts outside the department polygon (the import rightly rejects them).
  const usable = (d: District): boolean => !['AMANTANI', 'IÑAPARI'].includes(d.name);
  const place = (dept: string, rr: Rng): District => rr.pick(districts.get(dept)!.filter(usable).slice(0, 12));
  interface Right {
    code: string;
    /** Drawn when the right's first row is written (the draws keep the order of a list without shared rights). */
    name?: string;
    district: District;
  }
  const rightsOf = new Map<string, Right[]>();
  let rightSeq = 0;
  const newRight = (dept: string): Right => {
    const district = place(dept, r);
    rightSeq++;
    const code = dept === '17' ? `${String(70_000_000 + rightSeq).padStart(9, '0')}` : `${String(10_000_000 + rightSeq * 7).padStart(9, '0')}`;
    const right: Right = { code, district };
    const known = rightsOf.get(dept);
    if (known) known.push(right);
    else rightsOf.set(dept, [right]);
    return right;
  };
  const row = (ruc: string, name: string, dept: string, status: string, activity = 'EXPLOTACION', right = newRight(dept)): void => {
    const d = right.district;
    const date = new Date(Date.UTC(2017, 7, 1) + r.int(0, 6 * 365) * 86400_000);
    right.name ??= `${r.pick(RIGHT_WORDS)} ${r.int(1, 40)}`;
    rows.push({
      row: rows.length + 2,
      cells: [
        ruc,
        name,
        right.code,
        right.name,
        d.dept,
        d.prov,
        d.name,
        activity,
        status,
        ddmmyyyy(date),
        (d.lat + (r.next() - 0.5) * 0.006).toFixed(6),
        (d.lon + (r.next() - 0.5) * 0.006).toFixed(6),
      ],
    });
  };
  for (const o of DEMO_ORGANIZATIONS) {
    const n = o.certified ? 3 : 2;
    for (let i = 0; i < n; i++)
      row(withCheckDigit(o.ruc10), o.name, o.department, o.certified || i === 0 ? 'VIGENTE' : 'SUSPENDIDO', i === 2 ? 'BENEFICIO' : 'EXPLOTACION');
  }
  let dni = 40_100_000;
  while (rows.length < size) {
    const dept = r.weighted(departments);
    const female = r.next() < 0.18;
    const name = `${r.pick(SURNAMES)} ${r.pick(SURNAMES)} ${female ? r.pick(FIRST_NAMES_F) : r.pick(FIRST_NAMES_M)}`;
    dni += r.int(1, 997);
    const status = r.weighted([
      ['SUSPENDIDO', 55],
      ['VIGENTE', 40],
      ['EXCLUIDO', 5],
    ] as const);
    const activity = r.next() < 0.06 ? 'BENEFICIO' : 'EXPLOTACION';
    const known = rightsOf.get(dept) ?? [];
    const shared = sharedRights > 0 && known.length > 0 && r.next() < sharedRights ? r.pick(known) : undefined;
    row(withCheckDigit(`10${dni}`), name, dept, status, activity, shared);
  }
  return { headers, rows };
}

/**
 * The day the demo's records stop. A demo database is read as of this day (deadlines,
 * stalled steps, "today"), and the app shows it, so the demo does not age.
 */
export const DEMO_AS_OF = '2025-06-30';

export async function loadDemo(db: Database): Promise<DemoSummary> {
  const { rows } = await db.query<{ n: number }>('SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM reinfo_inscriptions) AS n');
  if (Number(rows[0]?.n) > 0) return { loaded: false, inscriptions: 0, users: [] };

  // The REINFO list goes through the import officials use (its own transaction); every
  // module's demo step then runs in manifest order in one transaction.
  const table = demoReinfoTable();
  const sha256 = createHash('sha256').update(JSON.stringify(table)).digest('hex');
  const result = await importReinfo(db, SYSTEM, table, { fileName: 'demo-reinfo.csv', sha256, asOf: DEMO_AS_OF, skipInvalid: true });
  const steps = await Promise.all(MODULES.flatMap((m) => (m.demo ? [m.demo()] : [])));
  await db.transaction(async (tx) => {
    for (const step of steps) await step(tx);
    for (const u of DEMO_USERS) {
      const created = await createUser(tx, { ...u, regionCode: 'regionCode' in u ? u.regionCode : null, ruc: 'ruc' in u ? u.ruc : null });
      await appendAudit(tx, SYSTEM, {
        action: 'user.add',
        entity: 'user',
        entityId: created.userId,
        regionCode: created.region,
        after: { username: u.username, role: u.role },
      });
    }
    await appendAudit(tx, SYSTEM, {
      action: 'demo.load',
      entity: 'demo',
      after: { inscriptions: result.inserted, skipped: result.rejected, asOf: DEMO_AS_OF },
    });
  });
  // every table was just filled, and PGlite has no autovacuum to notice
  await db.exec('ANALYZE');
  return { loaded: true, inscriptions: result.inserted, users: DEMO_USERS.map((u) => u.username) };
}
