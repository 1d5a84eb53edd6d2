/** The areas an inscription's front and right overlap: a warning on the record (a finding, never a refusal). */
import { fmtHa } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { om } from './overlap-messages.ts';

export interface Overlap {
  entity: 'front' | 'right';
  areaKind: string;
  areaCode: string;
  areaName: string;
  category: string | null;
  hectares: number | null;
}

type Key = keyof typeof om.es;

export function OverlapWarnings({ overlaps }: { overlaps: readonly Overlap[] }) {
  const t = useT(om);
  const label = (key: string): string => (key in om.es ? t(key as Key) : key.slice(key.lastIndexOf('.') + 1));
  const columns: Column<Overlap>[] = [
    { key: 'entity', label: t('ov.entity'), value: (o) => label(`ov.entity.${o.entity}`) },
    { key: 'kind', label: t('ov.kind'), value: (o) => label(`ov.kind.${o.areaKind}`) },
    { key: 'area', label: t('ov.area'), value: (o) => o.areaName },
    { key: 'category', label: t('ov.category'), value: (o) => o.category ?? '—' },
    { key: 'ha', label: t('ov.hectares'), value: (o) => o.hectares, format: fmtHa, numeric: true },
  ];
  if (overlaps.length === 0) return <p className="note">{t('ov.none')}</p>;
  return (
    <section className="card" style={{ marginTop: 16 }} aria-labelledby="overlaps-h">
      <h2 id="overlaps-h">{t('ov.title')}</h2>
      <p className="note">{t('ov.note')}</p>
      <DataTable columns={columns} rows={[...overlaps]} />
    </section>
  );
}
