// @ts-nocheck
import { lazy, Suspense } from 'react';
import type { MiniMapProps } from '../map/MiniMap.tsx';

const MiniMap = lazy(() => import('../map/MiniMap.tsx'));

/** The small map, loaded (with Leaflet) only when a page shows one. */
export function LazyMap(props: MiniMapProps) {
  return (
    <Suspense fallback={<div className="map map-small" />}>
      <MiniMap {...props} />
    </Suspense>
  );
}
