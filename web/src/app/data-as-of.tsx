/**
 * A database whose records stop at a fixed day (the demo) is read as of that day: the
 * server computes deadlines and stalled steps there, the app's "today" defaults follow it,
 * and every page says so.
 */
import { useEffect, useState } from 'react';
import { defineMessages, useT } from '../i18n/i18n.tsx';
import { fmtDate, setDataAsOf } from '../i18n/format.ts';

const messages = defineMessages(
  {
    'asOf.banner': 'Datos de demostración registrados hasta el {date}: los plazos, los días de espera y los estancamientos se calculan a esa fecha.',
  },
  {
    'asOf.banner': 'Demo data recorded up to {date}: deadlines, waiting days and stalled steps are computed as of that date.',
  },
);

let current: string | null = null;
const listeners = new Set<(v: string | null) => void>();

/** Asks the server once; resolves when known (or on failure, as a live database). */
export async function loadDataAsOf(): Promise<void> {
  try {
    const res = await fetch('/api/public/data-as-of', { headers: { accept: 'application/json' } });
    if (!res.ok) return;
    const body = (await res.json()) as { dataAsOf: string | null };
    current = body.dataAsOf;
    setDataAsOf(current);
    for (const l of listeners) l(current);
  } catch {
    // offline: the app works on the device's date
  }
}

export function DataAsOfBanner() {
  const t = useT(messages);
  const [asOf, setAsOf] = useState(current);
  useEffect(() => {
    listeners.add(setAsOf);
    return () => {
      listeners.delete(setAsOf);
    };
  }, []);
  if (!asOf) return null;
  return (
    <p className="as-of-banner" role="note">
      {t('asOf.banner', { date: fmtDate(asOf) })}
    </p>
  );
}
