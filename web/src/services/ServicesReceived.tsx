import { useApi } from '../api/client.ts';
import { fmtDate } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { Async } from '../ui/states.tsx';
import { m } from './messages.ts';
import { rm, type RecordMessage } from './records.messages.ts';

const KIND_LABEL: Readonly<Record<string, RecordMessage>> = { lab_analysis: 'kind.lab', fondo_minero: 'kind.fondo', credit: 'kind.credit' };

interface Received {
  events: { id: number; code: string; serviceCode: string; topic: string; date: string; attended: boolean; passed: boolean }[];
  deliveries: { id: number; kind: string; serviceCode: string; reference: string; requestedOn: string; deliveredOn: string | null; item: string | null }[];
}

/** The services a person or an organization received (profiles): events with their result, and deliveries. */
export function ServicesReceived({ ruc }: { ruc: string }) {
  const t = useT(m);
  const tr = useT(rm);
  const state = useApi<Received>(`/api/services/received?ruc=${encodeURIComponent(ruc)}`);
  type Ev = Received['events'][number];
  type De = Received['deliveries'][number];
  return (
    <section>
      <h2>{t('received')}</h2>
      <Async state={state}>
        {(r) =>
          r.events.length + r.deliveries.length === 0 ? (
            <p className="state">{t('received.none')}</p>
          ) : (
            <>
              <DataTable
                columns={[
                  { key: 'date', label: t('ev.date'), value: (e: Ev) => e.date, format: undefined, render: (e) => fmtDate(e.date) },
                  { key: 'service', label: t('service'), value: (e) => e.serviceCode },
                  { key: 'event', label: t('received.event'), value: (e) => `${e.code} · ${e.topic}` },
                  {
                    key: 'result',
                    label: t('received.result'),
                    value: (e) => t(e.passed ? 'received.passed' : e.attended ? 'received.attended' : 'received.absent'),
                  },
                ]}
                rows={r.events}
                csvName={`servicios-${ruc}`}
                pageSize={10}
              />
              {r.deliveries.length > 0 && (
                <DataTable
                  columns={[
                    {
                      key: 'date',
                      label: t('ev.date'),
                      value: (d: De) => d.deliveredOn ?? d.requestedOn,
                      render: (d) => fmtDate(d.deliveredOn ?? d.requestedOn),
                    },
                    { key: 'service', label: t('service'), value: (d) => d.serviceCode },
                    { key: 'kind', label: tr('dd.kind'), value: (d) => tr(KIND_LABEL[d.kind] ?? 'kind.lab') },
                    { key: 'what', label: t('received.delivery'), value: (d) => `${d.reference}${d.item ? ` · ${d.item}` : ''}` },
                  ]}
                  rows={r.deliveries}
                  csvName={`entregas-${ruc}`}
                  pageSize={10}
                />
              )}
            </>
          )
        }
      </Async>
    </section>
  );
}
