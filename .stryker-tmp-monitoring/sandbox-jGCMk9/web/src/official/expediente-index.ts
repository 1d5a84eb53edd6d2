// @ts-nocheck
import { useEffect, useState } from 'react';
import { api, qs } from '../api/client.ts';
import type { ExpedienteList, ExpedienteListItem } from '../api/types.ts';

/** Which expedientes a page needs: those of a RUC's inscriptions, or of one inscription. */
export type ExpedienteKey = { ruc: string } | { inscription: number };

/** Expedientes by inscription id, read with the list's filters (a few rows, not the region's list). */
const cache = new Map<string, Promise<ExpedienteListItem[]>>();

function load(key: ExpedienteKey): Promise<ExpedienteListItem[]> {
  const path = `/api/formalization/expedientes${qs({ ...key, limit: 1000 })}`;
  let p = cache.get(path);
  if (!p) {
    p = api<ExpedienteList>(path).then((page) => page.items);
    p.catch(() => cache.delete(path));
    cache.set(path, p);
  }
  return p;
}

/** Forget what was read after a write that may open or move an expediente. */
export function forgetExpedienteIndex(): void {
  cache.clear();
}

/** The expedientes of the keys by inscription id; undefined while loading (or with no keys yet). */
export function useExpedienteIndex(keys: readonly ExpedienteKey[] | undefined): Map<number, ExpedienteListItem> | undefined {
  const [index, setIndex] = useState<Map<number, ExpedienteListItem> | undefined>(undefined);
  const signature = keys === undefined ? null : JSON.stringify(keys);
  useEffect(() => {
    if (signature === null) return;
    let live = true;
    const wanted = JSON.parse(signature) as ExpedienteKey[];
    Promise.all(wanted.map(load)).then(
      (lists) => live && setIndex(new Map(lists.flat().map((item) => [item.inscriptionId, item]))),
      () => live && setIndex(new Map()),
    );
    return () => {
      live = false;
    };
  }, [signature]);
  return index;
}
