// @ts-nocheck
import type { PageProps } from '../app/routes.ts';
import { MapPage } from './MapPage.tsx';
import { SituationPage } from './SituationPage.tsx';

/** The public map and the situation table (their own chunk: Leaflet loads only here). */
export default function MapArea({ page, query }: PageProps) {
  return page === 'situation' ? <SituationPage query={query} /> : <MapPage />;
}
