// @ts-nocheck
import { useCallback, useEffect, type ReactNode } from 'react';
import type { Band } from '../api/types.ts';
import { domain, type DomainKey } from '../i18n/domain.ts';
import { useT } from '../i18n/i18n.tsx';

/** The page's h1 and the window title. */
export function PageHeader({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Veta`;
  }, [title]);
  return (
    <header className="page-header">
      <h1>{title}</h1>
      {subtitle && <p className="subtitle">{subtitle}</p>}
      {children}
    </header>
  );
}

export function useDomainT() {
  return useT(domain);
}

/** A domain term by prefix and value, falling back to the raw value for codes it does not know. */
export function useTerm() {
  const t = useT(domain);
  return useCallback(
    (prefix: string, value: string | null | undefined): string => {
      if (!value) return '—';
      const key = `${prefix}.${value}` as DomainKey;
      return key in domain.es ? t(key) : value;
    },
    [t],
  );
}

export function Badge({ kind, children }: { kind: string; children: ReactNode }) {
  return <span className={`badge badge-${kind}`}>{children}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  const term = useTerm();
  return <Badge kind={status}>{term('status', status)}</Badge>;
}

export function StageBadge({ stage }: { stage: string }) {
  const term = useTerm();
  return <Badge kind={`stage-${stage}`}>{term('stage', stage)}</Badge>;
}

export function BandLight({ band, label }: { band: Band; label?: string }) {
  const term = useTerm();
  return (
    <span className="band">
      <span className={`light light-${band}`} aria-hidden="true" />
      {label ?? term('band', band)}
    </span>
  );
}

export function Kpi({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <div className="kpi">
      <div className="kpi-value">{value}</div>
      <div className="kpi-label">{label}</div>
      {hint && <div className="kpi-hint">{hint}</div>}
    </div>
  );
}

/** A definition list from label/value pairs. */
export function Facts({ items }: { items: readonly (readonly [string, ReactNode])[] }) {
  return (
    <dl className="facts">
      {items.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
