/** Test fixtures for the formalization tests on the database: inscriptions of their own, uploads. */
import { createHash } from 'node:crypto';
import { actor, buildReinfoRow, toCsv, type ReinfoCsvRow } from '../../../test/factories.ts';
import type { Database } from '../../platform/db.ts';
import { readCsv } from '../../platform/files/tabular.ts';
import { importReinfo } from '../registry/reinfo.import.ts';

/** District seats of departments no other test uses (report numbers stay exact). */
export const PASCO = { DEPARTAMENTO: 'PASCO', PROVINCIA: 'PASCO', DISTRITO: 'CHAUPIMARCA', LATITUD: '-10.6825', LONGITUD: '-76.2569' };
export const MOQUEGUA = { DEPARTAMENTO: 'MOQUEGUA', PROVINCIA: 'MARISCAL NIETO', DISTRITO: 'MOQUEGUA', LATITUD: '-17.1942', LONGITUD: '-70.9333' };

/** Imports REINFO rows (as a national official) and returns the inscription id of each row, in order. */
export async function importInscriptions(db: Database, rows: ReinfoCsvRow[]): Promise<number[]> {
  await importReinfo(db, actor('national'), readCsv(Buffer.from(toCsv(rows))), {
    fileName: 'formalization-test.csv',
    sha256: 'f'.repeat(64),
    asOf: '2024-01-01',
  });
  const ids: number[] = [];
  for (const r of rows) {
    const { rows: found } = await db.query<{ id: number }>('SELECT id FROM reinfo_inscriptions WHERE ruc = $1 AND mining_right_code = $2', [
      r['RUC'],
      r['CODIGO UNICO'],
    ]);
    ids.push(Number(found[0]!.id));
  }
  return ids;
}

export const inscriptionRowIn = (place: Record<string, string>, overrides: Partial<ReinfoCsvRow> = {}): ReinfoCsvRow =>
  buildReinfoRow({ ...place, ...overrides });

export const sha256Hex = (content: Buffer | string): string => createHash('sha256').update(content).digest('hex');

/** A document as the API takes it (base64 in JSON). */
export function upload(name: string, text: string, withSha = false) {
  const content = Buffer.from(text, 'utf8');
  return {
    name,
    mediaType: 'application/pdf',
    contentBase64: content.toString('base64'),
    ...(withSha ? { sha256: sha256Hex(content) } : {}),
  };
}
