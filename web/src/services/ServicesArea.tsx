import { useState, type FormEvent } from 'react';
import { api, ApiError, qs, useApi } from '../api/client.ts';
import type { PageProps } from '../app/routes.ts';
import { Link, setQuery } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { fmtInt, peruToday } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { PageHeader } from '../ui/bits.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Async, ErrorBox } from '../ui/states.tsx';
import { m } from './messages.ts';
import { UploadPage } from './UploadPage.tsx';
import { DialoguesPage, EventsPage, IndicatorRecordsPage, MercuryPage, ReviewsPage } from './DeliveryPages.tsx';
import { RecordsIndex, RecordsPage } from './RecordsPage.tsx';

/** The policy services whose deliveries are events with participants (seed 002). */
export const EVENT_SERVICES = [
  'SS.01.01.01',
  'SS.01.03.01',
  'SS.01.04.01',
  'SS.01.05.01',
  'SS.01.06.01',
  'SS.01.06.02',
  'SS.02.01.01',
  'SS.02.03.01',
  'SS.02.04.01',
] as const;

interface SummaryRow {
  key: string;
  events: number;
  participants: number;
  passed: number;
}
interface Summary {
  service: string;
  year: number;
  indicators: string[];
  byRegion: SummaryRow[];
  bySex: SummaryRow[];
  byMonth: SummaryRow[];
}

function ServicePage({ query }: { query: URLSearchParams }) {
  const t = useT(m);
  const { can } = useSession();
  const service = query.get('service') ?? 'SS.01.03.01';
  const year = Number(query.get('year')) || Number(peruToday().slice(0, 4)) - 1;
  const summary = useApi<Summary>(`/api/services/summary${qs({ service, year })}`);
  const columns = (label: string, show: (k: string) => string = (k) => k): Column<SummaryRow>[] => [
    { key: 'key', label, value: (r) => show(r.key) },
    { key: 'events', label: t('events'), value: (r) => r.events, numeric: true, format: fmtInt },
    { key: 'participants', label: t('participants'), value: (r) => r.participants, numeric: true, format: fmtInt },
    { key: 'passed', label: t('passed'), value: (r) => r.passed, numeric: true, format: fmtInt },
  ];
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <form className="inline-form" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="sv-service">{t('service')}</label>
          <select id="sv-service" value={service} onChange={(e) => setQuery({ service: e.target.value })}>
            {EVENT_SERVICES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sv-year">{t('year')}</label>
          <input id="sv-year" type="number" min={2020} max={2030} value={year} onChange={(e) => setQuery({ year: e.target.value })} />
        </div>
      </form>
      <p className="row" style={{ justifyContent: 'flex-start', gap: 16 }}>
        {can('POST /api/services/events') && <Link to="/servicios/evento">{t('newEvent')}</Link>}
        {can('POST /api/imports/trainings') && <Link to="/servicios/carga">{t('upload')}</Link>}
        <Link to="/servicios/eventos">{t('allEvents')}</Link>
        <Link to="/servicios/registros">{t('allRecords')}</Link>
      </p>
      <p className="note">{t('rule')}</p>
      <Async state={summary}>
        {(s) => (
          <>
            <p>
              {t('feeds')}:{' '}
              {s.indicators.map((code, i) => (
                <span key={code}>
                  {i > 0 && ' · '}
                  <Link to={`/servicios/indicador${qs({ code, year: s.year })}`}>{code}</Link>
                </span>
              ))}
            </p>
            <h2>{t('byRegion')}</h2>
            <DataTable columns={columns(t('region'))} rows={s.byRegion} csvName={`${s.service}-${s.year}-region`} />
            <h2>{t('bySex')}</h2>
            <DataTable columns={columns(t('sex'), (k) => t(`sex.${k}` as 'sex.F'))} rows={s.bySex} csvName={`${s.service}-${s.year}-sexo`} />
            <h2>{t('byMonth')}</h2>
            <DataTable columns={columns(t('month'))} rows={s.byMonth} csvName={`${s.service}-${s.year}-mes`} />
          </>
        )}
      </Async>
    </>
  );
}

interface Participant {
  dni?: string;
  ruc?: string;
  name: string;
  sex?: 'F' | 'M';
  passed: boolean;
}

/** "DNI or RUC; names; F/M; SI/NO" lines as participants, or the number of the first bad line. */
export function parseParticipants(text: string): Participant[] | number {
  const out: Participant[] = [];
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  for (const [i, line] of lines.entries()) {
    const [id = '', name = '', sex = '', passed = ''] = line.split(';').map((c) => c.trim());
    const yes = /^(si|sí|s)$/i.test(passed);
    if (!/^\d{8}$|^\d{11}$/.test(id) || name === '' || !/^[FM]?$/i.test(sex) || !(yes || /^no?$/i.test(passed))) return i + 1;
    out.push({ ...(id.length === 8 ? { dni: id } : { ruc: id }), name, ...(sex ? { sex: sex.toUpperCase() as 'F' | 'M' } : {}), passed: yes });
  }
  return out;
}

function EventForm() {
  const t = useT(m);
  const { me } = useSession();
  const [form, setForm] = useState({
    code: '',
    serviceCode: 'SS.01.03.01',
    kind: 'training',
    topic: '',
    date: peruToday(),
    departmentCode: me?.region ?? '',
    districtCode: '',
    hours: '',
  });
  const [lines, setLines] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [bad, setBad] = useState<number | null>(null);
  const [saved, setSaved] = useState<{ code: string; participants: number; passed: number } | null>(null);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError(null);
    setSaved(null);
    const participants = parseParticipants(lines);
    if (typeof participants === 'number') {
      setBad(participants);
      return;
    }
    setBad(null);
    try {
      const body = { ...form, districtCode: form.districtCode || undefined, hours: form.hours ? Number(form.hours) : undefined, participants };
      setSaved(await api<{ code: string; participants: number; passed: number }>('/api/services/events', { method: 'POST', json: body }));
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, { detail: String(err) }));
    }
  };
  const kinds = ['training', 'technical_assistance', 'labour_advice', 'business_advice'] as const;
  return (
    <>
      <PageHeader title={t('ev.title')} subtitle={t('rule')} />
      <form className="card" onSubmit={(e) => void submit(e)} style={{ maxWidth: 720 }}>
        <div className="field">
          <label htmlFor="ev-code">{t('ev.code')}</label>
          <input id="ev-code" required value={form.code} onChange={set('code')} />
        </div>
        <div className="field">
          <label htmlFor="ev-service">{t('service')}</label>
          <select id="ev-service" value={form.serviceCode} onChange={set('serviceCode')}>
            {EVENT_SERVICES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ev-kind">{t('ev.kind')}</label>
          <select id="ev-kind" value={form.kind} onChange={set('kind')}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`ev.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ev-topic">{t('ev.topic')}</label>
          <input id="ev-topic" required value={form.topic} onChange={set('topic')} />
        </div>
        <div className="field">
          <label htmlFor="ev-date">{t('ev.date')}</label>
          <input id="ev-date" type="date" required value={form.date} onChange={set('date')} />
        </div>
        <div className="field">
          <label htmlFor="ev-dep">{t('ev.department')}</label>
          <input id="ev-dep" required pattern="\d{2}" value={form.departmentCode} onChange={set('departmentCode')} />
        </div>
        <div className="field">
          <label htmlFor="ev-dist">{t('ev.district')}</label>
          <input id="ev-dist" pattern="\d{6}" value={form.districtCode} onChange={set('districtCode')} />
        </div>
        <div className="field">
          <label htmlFor="ev-hours">{t('ev.hours')}</label>
          <input id="ev-hours" type="number" min={1} value={form.hours} onChange={set('hours')} />
        </div>
        <div className="field">
          <label htmlFor="ev-people">{t('ev.participants')}</label>
          <textarea id="ev-people" rows={6} value={lines} onChange={(e) => setLines(e.target.value)} placeholder="40123456; ROSA QUISPE; F; SI" />
        </div>
        {bad !== null && (
          <p className="state state-error" role="alert">
            {t('ev.badLine', { n: bad })}
          </p>
        )}
        <button type="submit">{t('ev.save')}</button>
      </form>
      {error && <ErrorBox error={error} />}
      {saved && (
        <p className="state" role="status">
          {t('ev.saved', { code: saved.code, n: saved.participants, passed: saved.passed })}
        </p>
      )}
    </>
  );
}

/** The services area (officials): service pages, events, attendance-list uploads. */
export default function ServicesArea({ page, params, query }: PageProps) {
  if (page === 'event') return <EventForm />;
  if (page === 'upload') return <UploadPage />;
  if (page === 'records') return <RecordsIndex />;
  if (page === 'record') return <RecordsPage slug={params['kind'] ?? ''} query={query} />;
  if (page === 'events') return <EventsPage query={query} />;
  if (page === 'dialogues') return <DialoguesPage query={query} />;
  if (page === 'reviews') return <ReviewsPage query={query} />;
  if (page === 'mercury') return <MercuryPage query={query} />;
  if (page === 'indicator') return <IndicatorRecordsPage query={query} />;
  return <ServicePage query={query} />;
}
