import { useEffect, useState } from 'react';
import { api, qs } from '../api/client.ts';
import type { ExpedienteList, ExpedienteListItem } from '../api/types.ts';

/**
 * Expedientes by inscription id. The API has no lookup by inscription (see the web
 * app's API gaps), so the region's list is read once (1,000 per page) and indexed.
 */
const cache = new Map<string, Promise<Map<number, ExpedienteListItem>>>();

async function load(region: string | null): Promise<Map<number, ExpedienteListItem>> {
  const index = new Map<number, ExpedienteListItem>();
  for (let offset = 0; ; offset += 1000) {
    const page = await api<ExpedienteList>(`/api/formalization/expedientes${qs({ region, limit: 1000, offset })}`);
    for (const item of page.items) index.set(item.inscriptionId, item);
    if (page.items.length === 0 || offset + page.items.length >= page.total) return index;
  }
}

export function expedienteIndex(region: string | null): Promise<Map<number, ExpedienteListItem>> {
  const key = region ?? '';
  let p = cache.get(key);
  if (!p) {
    p = load(region);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

/** Forget the index after a write that may open or move an expediente. */
export function forgetExpedienteIndex(): void {
  cache.clear();
}

export function useExpedienteIndex(region: string | null | undefined): Map<number, ExpedienteListItem> | undefined {
  const [index, setIndex] = useState<Map<number, ExpedienteListItem> | undefined>(undefined);
  useEffect(() => {
    if (region === undefined) return;
    let live = true;
    expedienteIndex(region).then(
      (i) => live && setIndex(i),
      () => live && setIndex(new Map()),
    );
    return () => {
      live = false;
    };
  }, [region]);
  return index;
}
