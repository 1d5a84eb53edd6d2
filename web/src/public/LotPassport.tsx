import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useApi } from '../api/client.ts';
import type { Passport } from '../api/types.ts';
import { navigate } from '../app/router.tsx';
import { common } from '../i18n/common.ts';
import { fmtDate, fmtGrams, fmtPct } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { Badge, Facts, PageHeader, useTerm } from '../ui/bits.tsx';
import { ChartCard } from '../ui/ChartCard.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { ErrorBox, Loading } from '../ui/states.tsx';
import { m } from './messages.ts';

type Origin = Passport['origins'][number];
type Link = Passport['chain'][number];
type Party = NonNullable<Link['from']>;

const party = (p: Party | null): string => (p ? [p.label, p.ruc ? `RUC ${p.ruc}` : null, p.departmentName].filter(Boolean).join(' · ') : '—');

export function PassportView({ passport }: { passport: Passport }) {
  const t = useT(m);
  const term = useTerm();
  const tc = useT(common);
  const originCols: Column<Origin>[] = [
    { key: 'site', label: t('lot.site'), value: (o) => o.site },
    { key: 'dept', label: t('reg.department'), value: (o) => o.departmentName },
    { key: 'producers', label: t('lot.producers'), value: (o) => o.producers.join('; ') },
    { key: 'share', label: t('lot.share'), value: (o) => o.share * 100, format: (v) => fmtPct(v), numeric: true },
    { key: 'fine', label: t('lot.fine'), value: (o) => o.fineGrams, format: fmtGrams, numeric: true },
  ];
  const regionRows = useMemo(
    () => [
      ...passport.regions.map((r) => ({ name: r.departmentName ?? '—', share: r.share })),
      ...(passport.unknownShare > 0 ? [{ name: t('lot.unknown'), share: passport.unknownShare }] : []),
    ],
    [passport, t],
  );
  const spec = useMemo(
    () => ({
      kind: 'donut' as const,
      slices: regionRows.map((r, i) => ({ label: r.name, value: r.share * 100, color: i === passport.regions.length ? '#9e9e9e' : undefined })),
      format: (v: number) => fmtPct(v),
    }),
    [regionRows, passport],
  );
  return (
    <>
      <Facts
        items={[
          [t('lot.code'), passport.lot],
          [t('lot.material'), term('material', passport.material)],
          [t('lot.fine'), fmtGrams(passport.fineGrams)],
          [t('lot.status'), t(`lot.st.${passport.status}`)],
          [t('lot.certified'), passport.certified ? <Badge kind="approved">{tc('common.yes')}</Badge> : <Badge kind="not_started">{tc('common.no')}</Badge>],
          [t('lot.certifications'), passport.certifications.join(', ') || tc('common.none')],
          [t('lot.unknown'), fmtPct(passport.unknownShare * 100)],
        ]}
      />
      <div className="grid">
        <ChartCard
          title={t('lot.regions')}
          columns={[
            { key: 'name', label: t('reg.department'), value: (r: { name: string; share: number }) => r.name },
            {
              key: 'share',
              label: t('lot.share'),
              value: (r: { name: string; share: number }) => r.share * 100,
              format: (v: number) => fmtPct(v),
              numeric: true,
            },
          ]}
          rows={regionRows}
          spec={spec}
          csvName={`lote-${passport.lot}-regiones`}
          height={240}
        />
        <section className="card">
          <h3>{t('lot.qr')}</h3>
          <img src={`/api/public/lots/${encodeURIComponent(passport.lot)}/qr.svg`} width={160} height={160} alt={`${t('lot.qr')}: ${passport.url}`} />
          <p className="note">{passport.url}</p>
        </section>
      </div>
      <h2>{t('lot.origins')}</h2>
      <DataTable columns={originCols} rows={passport.origins} csvName={`lote-${passport.lot}-origen`} />
      <h2>{t('lot.chain')}</h2>
      <ol className="timeline">
        {passport.chain.map((c, i) => (
          <li key={i}>
            <div className="when">{fmtDate(c.date)}</div>
            <strong>{t(`lot.chain.${c.type}`)}</strong> {c.lot && <code>{c.lot}</code>}{' '}
            {c.newLot && (
              <>
                → <code>{c.newLot}</code>
              </>
            )}{' '}
            {c.fineGrams !== null && <>· {fmtGrams(c.fineGrams)}</>}
            <div>
              {c.from && (
                <>
                  {t('lot.from')}: {party(c.from)}{' '}
                </>
              )}
              {c.to && (
                <>
                  → {t('lot.to')}: {party(c.to)}
                </>
              )}
              {c.claim && (
                <>
                  {' '}
                  · {t('lot.claim')} {c.claim}
                </>
              )}
              {c.country && <> · {c.country}</>}
            </div>
          </li>
        ))}
      </ol>
    </>
  );
}

export function LotPassport({ lot }: { lot: string | undefined }) {
  const t = useT(m);
  const [text, setText] = useState(lot ?? '');
  const passport = useApi<Passport>(lot ? `/api/public/lots/${encodeURIComponent(lot)}` : null);
  // a code typed in another case (cecomip-2505-01) opens the lot; the address then shows its code as written
  const canonical = passport.data?.lot;
  useEffect(() => {
    if (lot && canonical && canonical !== lot && canonical.toUpperCase() === lot.toUpperCase())
      navigate(`/lotes/${encodeURIComponent(canonical)}`, { replace: true });
  }, [lot, canonical]);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (text.trim()) navigate(`/lotes/${encodeURIComponent(text.trim())}`);
  };
  return (
    <>
      <PageHeader title={t('lot.title')} subtitle={t('lot.subtitle')} />
      <form className="inline-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="lot-code">{t('lot.code')}</label>
          <input id="lot-code" value={text} required maxLength={128} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit">{t('lot.verify')}</button>
      </form>
      {lot && passport.error?.status === 404 && (
        <p className="state" role="alert">
          {t('lot.notFound', { lot })}
        </p>
      )}
      {lot && passport.error && passport.error.status !== 404 && <ErrorBox error={passport.error} onRetry={passport.reload} />}
      {lot && !passport.error && !passport.data && <Loading />}
      {passport.data && <PassportView passport={passport.data} />}
    </>
  );
}
