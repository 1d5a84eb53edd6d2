import { useState } from 'react';
import * as s from '../../../src/modules/services/services.schema.ts';
import { SAMPLE_METHOD } from '../../../src/modules/services/services.domain.ts';
import { qs, useApi } from '../api/client.ts';
import { Link, setQuery } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { fmtDate, fmtInt, fmtNum, fmtPct, peruToday } from '../i18n/format.ts';
import { useLang, useT } from '../i18n/i18n.tsx';
import { PageHeader } from '../ui/bits.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Async } from '../ui/states.tsx';
import { RecordForm, type Field } from './forms.tsx';
import { filtersOf, listUrl, RecordFilters } from './RecordsPage.tsx';
import { rm, type RecordMessage } from './records.messages.ts';
import { m } from './messages.ts';
import { EVENT_SERVICES } from './ServicesArea.tsx';

interface EventRow {
  id: number;
  code: string;
  serviceCode: string;
  kind: string;
  topic: string;
  date: string;
  departmentCode: string;
  participants: number;
  passed: number;
}

/** Events (trainings, technical assistance, labour formalization and business advice) by service, region and year. */
export function EventsPage({ query }: { query: URLSearchParams }) {
  const t = useT(m);
  const r = useT(rm);
  const service = query.get('service') ?? '';
  const f = filtersOf(query);
  const events = useApi<EventRow[]>(`/api/services/events${qs({ service, department: f.department, year: f.year })}`);
  const columns: Column<EventRow>[] = [
    { key: 'date', label: t('ev.date'), value: (e) => e.date, render: (e) => fmtDate(e.date) },
    { key: 'code', label: t('ev.code'), value: (e) => e.code },
    { key: 'service', label: t('service'), value: (e) => e.serviceCode },
    { key: 'kind', label: t('ev.kind'), value: (e) => t(`ev.kind.${e.kind}` as 'ev.kind.training') },
    { key: 'topic', label: t('ev.topic'), value: (e) => e.topic },
    { key: 'dep', label: r('f.departmentCode'), value: (e) => e.departmentCode },
    { key: 'participants', label: t('participants'), value: (e) => e.participants, numeric: true, format: fmtInt },
    { key: 'passed', label: t('passed'), value: (e) => e.passed, numeric: true, format: fmtInt },
  ];
  return (
    <>
      <PageHeader title={r('kind.events')} subtitle={t('rule')} />
      <p className="row" style={{ justifyContent: 'flex-start', gap: 16 }}>
        <Link to="/servicios/evento">{t('newEvent')}</Link>
        <Link to="/servicios/carga">{t('upload')}</Link>
      </p>
      <form className="inline-form" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="evl-service">{t('service')}</label>
          <select id="evl-service" value={service} onChange={(e) => setQuery({ service: e.target.value })}>
            <option value="">—</option>
            {EVENT_SERVICES.map((code) => (
              <option key={code}>{code}</option>
            ))}
          </select>
        </div>
      </form>
      <RecordFilters query={query} idPrefix="evl" />
      <Async state={events}>
        {(rows) => (rows.length === 0 ? <p className="state">{r('none')}</p> : <DataTable columns={columns} rows={rows} csvName="servicios-eventos" />)}
      </Async>
    </>
  );
}

type Dialogue = {
  id: number;
  code: string;
  departmentCode: string;
  subject: string;
  requestedOn: string;
  parties: { role: string; name: string; ruc?: string }[];
  sessions: { id: number; heldOn: string; outcome: string; agreements: string | null; expedienteId: number | null }[];
};

const ROLES = ['informal_miner', 'concession_holder', 'surface_holder', 'state'];

/** "role; name; RUC" lines as the parties of a dialogue table, or the number of the first bad line. */
export function parseParties(text: string): { role: string; name: string; ruc?: string }[] | number {
  const out: { role: string; name: string; ruc?: string }[] = [];
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  for (const [i, line] of lines.entries()) {
    const [role = '', name = '', ruc = ''] = line.split(';').map((c) => c.trim());
    if (!ROLES.includes(role) || name === '' || (ruc !== '' && !/^\d{11}$/.test(ruc))) return i + 1;
    out.push({ role, name, ...(ruc ? { ruc } : {}) });
  }
  return out;
}

const SESSION_FIELDS: readonly Field[] = [
  { name: 'heldOn', label: 'd.heldOn', type: 'date' },
  { name: 'outcome', label: 'd.outcome', type: 'select', options: ['none', 'agreement', 'contract', 'no_agreement'] },
  { name: 'agreements', label: 'd.agreements', type: 'textarea', optional: true },
  { name: 'expedienteId', label: 'd.expedienteId', type: 'number', optional: true },
];

/** Dialogue tables: record one with its parties, append sessions (outcome, agreements, a signed contract), list them. */
export function DialoguesPage({ query }: { query: URLSearchParams }) {
  const t = useT(rm);
  const { me } = useSession();
  const [version, setVersion] = useState(0);
  const [parties, setParties] = useState('');
  const [badLine, setBadLine] = useState<number | null>(null);
  const f = filtersOf(query);
  const list = useApi<Dialogue[]>(listUrl('/api/services/dialogues', { ...f, v: version }));
  const fields: Field[] = [
    { name: 'code', label: 'd.code', type: 'text' },
    { name: 'departmentCode', label: 'f.departmentCode', type: 'text' },
    { name: 'subject', label: 'd.subject', type: 'select', options: ['concession', 'surface_land'] },
    { name: 'requestedOn', label: 'f.requestedOn', type: 'date' },
  ];
  const parsed = parseParties(parties);
  return (
    <>
      <PageHeader title={t('kind.dialogues')} subtitle={<Link to="/servicios/registros">{t('records')}</Link>} />
      <RecordForm
        idPrefix="dlg"
        fields={fields}
        schema={s.dialogueBody}
        action="/api/services/dialogues"
        initial={{ departmentCode: me?.region ?? '', requestedOn: peruToday() }}
        shape={(b) => {
          setBadLine(typeof parsed === 'number' ? parsed : null);
          return { ...b, parties: typeof parsed === 'number' ? [] : parsed };
        }}
        onSaved={() => {
          setParties('');
          setVersion((n) => n + 1);
        }}
      >
        <div className="field">
          <label htmlFor="dlg-parties">{t('d.parties')}</label>
          <textarea id="dlg-parties" rows={4} value={parties} onChange={(e) => setParties(e.target.value)} placeholder="informal_miner; ROSA QUISPE" />
          <p className="note">{t('d.partiesHint')}</p>
          {badLine !== null && (
            <p className="field-error" role="alert">
              {t('d.badParty', { n: badLine })}
            </p>
          )}
        </div>
      </RecordForm>
      <h2>{t('list')}</h2>
      <RecordFilters query={query} idPrefix="dlg" />
      <Async state={list}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="state">{t('none')}</p>
          ) : (
            <>
              {rows.map((d) => (
                <section className="card" key={d.id} aria-label={d.code} data-testid="dialogue">
                  <h3>
                    {d.code} · {t(`opt.${d.subject}` as RecordMessage)} · {d.departmentCode} · {fmtDate(d.requestedOn)}
                  </h3>
                  <p>
                    {d.parties.map((p, i) => (
                      <span key={i}>
                        {i > 0 && ' · '}
                        {t(`opt.${p.role}` as RecordMessage)}: {p.name}
                      </span>
                    ))}
                  </p>
                  <p>
                    {t('d.implemented')}: {t(d.sessions.length > 0 ? 'yes' : 'no')}
                  </p>
                  {d.sessions.length > 0 && (
                    <DataTable
                      caption={t('d.sessions')}
                      columns={[
                        { key: 'heldOn', label: t('d.heldOn'), value: (x: Dialogue['sessions'][number]) => x.heldOn, render: (x) => fmtDate(x.heldOn) },
                        { key: 'outcome', label: t('d.outcome'), value: (x) => t(`opt.${x.outcome}` as RecordMessage) },
                        { key: 'agreements', label: t('d.agreements'), value: (x) => x.agreements ?? '' },
                        { key: 'expediente', label: t('d.expedienteId'), value: (x) => x.expedienteId },
                      ]}
                      rows={d.sessions}
                    />
                  )}
                  <details>
                    <summary>{t('d.addSession')}</summary>
                    <RecordForm
                      idPrefix={`dlg-${d.id}`}
                      fields={SESSION_FIELDS}
                      schema={s.sessionBody}
                      action={`/api/services/dialogues/${d.id}/sessions`}
                      initial={{ heldOn: peruToday(), outcome: 'none' }}
                      submitLabel={t('d.addSession')}
                      onSaved={() => setVersion((n) => n + 1)}
                    />
                  </details>
                </section>
              ))}
            </>
          )
        }
      </Async>
    </>
  );
}

type Review = {
  id: number;
  departmentCode: string;
  year: number;
  seed: number;
  method: string;
  population: number;
  sample: number[];
  findings: { expedienteId: number; compliant: boolean; findings: string | null; reviewer: string; reviewedOn: string }[];
  compliantShare: number | null;
};

/** The random review of approved IGAFOMs: draw the year's sample (seed and method shown), record the findings. */
export function ReviewsPage({ query }: { query: URLSearchParams }) {
  const t = useT(rm);
  const { me } = useSession();
  const [version, setVersion] = useState(0);
  const f = filtersOf(query);
  const list = useApi<Review[]>(listUrl('/api/services/igafom-reviews', { ...f, v: version }));
  const drawFields: Field[] = [
    { name: 'departmentCode', label: 'f.departmentCode', type: 'text' },
    { name: 'year', label: 'f.year', type: 'number' },
    { name: 'seed', label: 'r.seed', type: 'number', optional: true },
    { name: 'size', label: 'r.size', type: 'number', optional: true },
  ];
  return (
    <>
      <PageHeader title={t('kind.reviews')} subtitle={<Link to="/servicios/registros">{t('records')}</Link>} />
      <RecordForm
        idPrefix="rev"
        fields={drawFields}
        schema={s.reviewBody}
        action="/api/services/igafom-reviews"
        initial={{ departmentCode: me?.region ?? '', year: String(Number(peruToday().slice(0, 4)) - 1) }}
        submitLabel={t('r.draw')}
        onSaved={() => setVersion((n) => n + 1)}
      >
        <p className="note">{t('r.seedHint')}</p>
      </RecordForm>
      <h2>{t('list')}</h2>
      <RecordFilters query={query} idPrefix="rev" />
      <Async state={list}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="state">{t('none')}</p>
          ) : (
            <>
              {rows.map((r) => {
                const reviewed = new Map(r.findings.map((x) => [x.expedienteId, x]));
                return (
                  <section className="card" key={r.id} aria-label={`${r.departmentCode} ${r.year}`} data-testid="review">
                    <h3>
                      {r.departmentCode} · {r.year}
                    </h3>
                    <dl className="facts">
                      <dt>{t('r.seed')}</dt>
                      <dd data-testid="review-seed">{r.seed}</dd>
                      <dt>{t('r.method')}</dt>
                      <dd>{r.method === SAMPLE_METHOD ? t('r.methodText') : r.method}</dd>
                      <dt>{t('r.population')}</dt>
                      <dd>{fmtInt(r.population)}</dd>
                      <dt>{t('r.share')}</dt>
                      <dd>{r.compliantShare === null ? 'ND' : fmtPct(r.compliantShare)}</dd>
                    </dl>
                    <DataTable
                      caption={t('r.sample')}
                      columns={[
                        { key: 'exp', label: t('r.sample'), value: (id: number) => id, render: (id) => <Link to={`/expedientes/${id}`}>#{id}</Link> },
                        {
                          key: 'ok',
                          label: t('r.compliant'),
                          value: (id) => (reviewed.has(id) ? t(reviewed.get(id)!.compliant ? 'yes' : 'no') : t('r.pending')),
                        },
                        { key: 'findings', label: t('r.findings'), value: (id) => reviewed.get(id)?.findings ?? '' },
                      ]}
                      rows={r.sample}
                    />
                    <details>
                      <summary>{t('r.addFinding')}</summary>
                      <RecordForm
                        idPrefix={`rev-${r.id}`}
                        fields={[
                          { name: 'expedienteId', label: 'd.expedienteId', type: 'select', options: r.sample.filter((id) => !reviewed.has(id)).map(String) },
                          { name: 'compliant', label: 'r.compliant', type: 'select', options: ['true', 'false'] },
                          { name: 'findings', label: 'r.findings', type: 'textarea', optional: true },
                          { name: 'reviewedOn', label: 'r.reviewedOn', type: 'date' },
                        ]}
                        schema={s.findingBody}
                        action={`/api/services/igafom-reviews/${r.id}/findings`}
                        initial={{ reviewedOn: peruToday(), compliant: 'true' }}
                        shape={(b) => ({ ...b, expedienteId: Number(b['expedienteId']), compliant: b['compliant'] === 'true' })}
                        submitLabel={t('r.addFinding')}
                        onSaved={() => setVersion((n) => n + 1)}
                      />
                    </details>
                  </section>
                );
              })}
            </>
          )
        }
      </Async>
    </>
  );
}

type MercuryReport = {
  year: number;
  ratios: { scope: 'organization' | 'region' | 'nation'; key: string; name: string | null; mercuryUsedKg: number; goldG: number; ratio: number | null }[];
  mercuryFree: { ruc: string; name: string | null; departmentCode: string; since: string; fromTechnology: string }[];
};

/** Mercury of a year: Hg:Au per organization, region and nation; the organizations that went mercury-free. */
export function MercuryPage({ query }: { query: URLSearchParams }) {
  const t = useT(rm);
  const year = Number(query.get('year')) || Number(peruToday().slice(0, 4)) - 1;
  const report = useApi<MercuryReport>(`/api/services/mercury${qs({ year })}`);
  type Ratio = MercuryReport['ratios'][number];
  type Free = MercuryReport['mercuryFree'][number];
  return (
    <>
      <PageHeader title={t('kind.mercuryReport')} subtitle={<Link to="/servicios/registros">{t('records')}</Link>} />
      <p className="row" style={{ justifyContent: 'flex-start', gap: 16 }}>
        <Link to="/servicios/registros/mercurio">{t('kind.mercury')}</Link>
        <Link to="/servicios/registros/transiciones">{t('kind.transitions')}</Link>
      </p>
      <form className="inline-form" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="hg-year">{t('f.year')}</label>
          <input id="hg-year" type="number" min={2000} max={2200} value={year} onChange={(e) => setQuery({ year: e.target.value })} />
        </div>
      </form>
      <Async state={report}>
        {(r) => (
          <>
            <h2>{t('m.ratios')}</h2>
            <DataTable
              columns={[
                { key: 'scope', label: t('m.scope'), value: (x: Ratio) => t(`m.scope.${x.scope}`) },
                { key: 'key', label: t('f.org'), value: (x) => (x.name ? `${x.name} (${x.key})` : x.key) },
                { key: 'hg', label: t('f.mercuryUsedKg'), value: (x) => x.mercuryUsedKg, numeric: true, format: (v) => fmtNum(v, 3) },
                { key: 'au', label: t('f.goldG'), value: (x) => x.goldG, numeric: true, format: (v) => fmtNum(v, 3) },
                { key: 'ratio', label: t('m.ratio'), value: (x) => x.ratio, numeric: true, format: (v) => fmtNum(v, 2) },
              ]}
              rows={r.ratios}
              csvName={`mercurio-${r.year}`}
            />
            <h2>{t('m.free')}</h2>
            {r.mercuryFree.length === 0 ? (
              <p className="state">{t('m.none')}</p>
            ) : (
              <DataTable
                columns={[
                  { key: 'org', label: t('f.org'), value: (x: Free) => (x.name ? `${x.name} (${x.ruc})` : x.ruc) },
                  { key: 'dep', label: t('f.departmentCode'), value: (x) => x.departmentCode },
                  { key: 'since', label: t('m.freeSince'), value: (x) => x.since, render: (x) => fmtDate(x.since) },
                  { key: 'from', label: t('f.fromTechnology'), value: (x) => t(`opt.${x.fromTechnology}` as RecordMessage) },
                ]}
                rows={r.mercuryFree}
                csvName={`sin-mercurio-${r.year}`}
              />
            )}
          </>
        )}
      </Async>
    </>
  );
}

type Drill = {
  indicator: string;
  name: string;
  year: number;
  unit: 'percent' | 'number' | 'index';
  side: 'numerator' | 'denominator';
  value: number | null;
  numerator: number;
  denominator: number;
  scope: { scoped: boolean; regionCode: string | null; numerator: number; denominator: number };
  available: boolean;
  description: string;
  records: { kind: string; id: number; label: string; departmentCode: string | null; counted: boolean }[];
};

/** Where a record of the drill-down opens. */
function recordLink(r: Drill['records'][number]): string | null {
  if (r.kind === 'inscription') return `/inscripciones/${r.id}`;
  return null;
}

/** The records behind an indicator's numerator and denominator, from the service page or the report. */
export function IndicatorRecordsPage({ query }: { query: URLSearchParams }) {
  const t = useT(rm);
  const { lang } = useLang();
  const code = query.get('code') ?? 'ISS.01.03.01.01';
  const year = Number(query.get('year')) || Number(peruToday().slice(0, 4)) - 1;
  const side = query.get('side') === 'denominator' ? 'denominator' : 'numerator';
  const department = /^\d{2}$/.test(query.get('department') ?? '') ? query.get('department') : null;
  const drill = useApi<Drill>(`/api/policies/PNMPMMA-2030/indicators/${encodeURIComponent(code)}/records${qs({ year, side, department })}`);
  return (
    <>
      <PageHeader title={`${t('dd.title')} ${code}`} subtitle={String(year)} />
      <form className="inline-form" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="dd-year">{t('f.year')}</label>
          <input id="dd-year" type="number" min={2000} max={2200} value={year} onChange={(e) => setQuery({ year: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="dd-side">{t('dd.record')}</label>
          <select id="dd-side" value={side} onChange={(e) => setQuery({ side: e.target.value })}>
            <option value="numerator">{t('dd.numerator')}</option>
            <option value="denominator">{t('dd.denominator')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="dd-dep">{t('filterDepartment')}</label>
          <input id="dd-dep" value={query.get('department') ?? ''} onChange={(e) => setQuery({ department: e.target.value })} />
        </div>
      </form>
      <Async state={drill}>
        {(d) => (
          <>
            <p>
              <strong>{d.name}</strong>
            </p>
            <p data-testid="drill-figures">
              {t('dd.value')}: {d.value === null ? 'ND' : d.unit === 'percent' ? fmtPct(d.value, 2) : fmtNum(d.value, 2)} = {fmtInt(d.numerator)} /{' '}
              {fmtInt(d.denominator)}
            </p>
            {d.scope.scoped && (
              <p className="note">{t('dd.scoped', { region: d.scope.regionCode ?? '?', n: fmtInt(d.scope.numerator), d: fmtInt(d.scope.denominator) })}</p>
            )}
            {/* the binding's definition is written in English; a Spanish screen points to the technical sheet instead */}
            <p className="note">{lang === 'en' ? d.description : t('dd.definition')}</p>
            {!d.available ? (
              <p className="state">{t('dd.unavailable')}</p>
            ) : (
              <DataTable
                caption={t(d.side === 'numerator' ? 'dd.numerator' : 'dd.denominator')}
                columns={[
                  { key: 'dep', label: t('f.departmentCode'), value: (r: Drill['records'][number]) => r.departmentCode },
                  { key: 'kind', label: t('dd.kind'), value: (r) => t(`rk.${r.kind}` as RecordMessage) },
                  {
                    key: 'label',
                    label: t('dd.record'),
                    value: (r) => r.label,
                    render: (r) => {
                      const to = recordLink(r);
                      return to ? <Link to={to}>{r.label}</Link> : r.label;
                    },
                  },
                  { key: 'counted', label: t('dd.counted'), value: (r) => t(r.counted ? 'yes' : 'no') },
                ]}
                rows={d.records}
                csvName={`${d.indicator}-${d.year}-${d.side}`}
              />
            )}
          </>
        )}
      </Async>
    </>
  );
}
