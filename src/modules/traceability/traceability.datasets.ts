/**
 * The traceability module's open dataset: fine gold produced, traded and exported per
 * department and month, from the live ledger events (reversed events and reversals
 * left out) — aggregates only: no actor, lot or event.
 */
import { oneBatch, t, type DatasetDefinition } from '../../platform/datasets.ts';
import { LIVE } from './ledger/ledger-state.queries.ts';

const goldByRegionMonth: DatasetDefinition = {
  id: 'oro-produccion-comercio',
  theme: 'traceability',
  title: t('Producción y comercio de oro por región y mes', 'Gold production and trade by region and month'),
  description: t(
    'Oro fino declarado como producido (por departamento del sitio minero), vendido entre actores (por departamento del vendedor) y exportado (por departamento del exportador), por mes, según el libro de trazabilidad de Veta.',
    "Fine gold declared as produced (by the mining site's department), sold between actors (by the seller's department) and exported (by the exporter's department), per month, from Veta's traceability ledger.",
  ),
  keywords: { es: ['oro', 'producción', 'comercialización', 'trazabilidad'], en: ['gold', 'production', 'trade', 'traceability'] },
  frequency: 'daily',
  filters: ['region', 'year'],
  temporalField: 'month',
  regionField: 'department_code',
  fields: [
    {
      name: 'department_code',
      type: 'string',
      nullable: true,
      description: t('Código UBIGEO INEI del departamento; vacío: no registrado', 'INEI UBIGEO department code; empty: not recorded'),
    },
    { name: 'month', type: 'string', description: t('Mes (AAAA-MM)', 'Month (YYYY-MM)') },
    { name: 'produced_fine_g', type: 'number', unit: 'g', description: t('Oro fino producido', 'Fine gold produced') },
    { name: 'productions', type: 'integer', description: t('Declaraciones de producción', 'Production declarations') },
    { name: 'traded_fine_g', type: 'number', unit: 'g', description: t('Oro fino vendido a otro actor', 'Fine gold sold to another actor') },
    { name: 'transfers', type: 'integer', description: t('Ventas registradas', 'Sales recorded') },
    { name: 'exported_fine_g', type: 'number', unit: 'g', description: t('Oro fino exportado', 'Fine gold exported') },
    { name: 'exports', type: 'integer', description: t('Exportaciones registradas', 'Exports recorded') },
  ],
  rows: (q, f) =>
    oneBatch(async () => {
      const { rows } = await q.query<{
        department_code: string | null;
        month: string;
        produced: string;
        productions: number;
        traded: string;
        transfers: number;
        exported: string;
        exports: number;
      }>(
        `SELECT e.region_code::text AS department_code, to_char(e.date, 'YYYY-MM') AS month,
                coalesce(sum(e.fine_mg) FILTER (WHERE e.type = 'produce'), 0)::text AS produced,
                count(*) FILTER (WHERE e.type = 'produce')::int AS productions,
                coalesce(sum(e.fine_mg) FILTER (WHERE e.type = 'transfer'), 0)::text AS traded,
                count(*) FILTER (WHERE e.type = 'transfer')::int AS transfers,
                coalesce(sum(e.fine_mg) FILTER (WHERE e.type = 'export'), 0)::text AS exported,
                count(*) FILTER (WHERE e.type = 'export')::int AS exports
         FROM ledger_events e
         WHERE e.type IN ('produce', 'transfer', 'export') AND ${LIVE('e.id')}
           AND ($1::text IS NULL OR e.region_code = $1) AND ($2::int IS NULL OR extract(year FROM e.date)::int = $2)
         GROUP BY 1, 2 ORDER BY 2, 1 NULLS LAST`,
        [f.region, f.year],
      );
      // Integer milligrams summed exactly in SQL, then grams (3 decimals: exact in a double).
      const grams = (mg: string): number => Number(BigInt(mg)) / 1000;
      return rows.map((r) => ({
        values: {
          department_code: r.department_code,
          month: r.month,
          produced_fine_g: grams(r.produced),
          productions: Number(r.productions),
          traded_fine_g: grams(r.traded),
          transfers: Number(r.transfers),
          exported_fine_g: grams(r.exported),
          exports: Number(r.exports),
        },
      }));
    }),
};

export const traceabilityDatasets: readonly DatasetDefinition[] = [goldByRegionMonth];
