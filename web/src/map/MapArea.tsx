import { MapPage } from './MapPage.tsx';

/** The public map (its own chunk: Leaflet loads only here). */
export default function MapArea() {
  return <MapPage />;
}
