/**
 * The map, loaded when first shown: Leaflet is the largest part of the pages that show one, so it comes in its
 * own chunk (only types are imported here). Until then an empty box of the map's size holds its place.
 */
import { lazy, Suspense } from 'react';
import type { MapViewProps } from './map-view.tsx';

const MapView = lazy(() => import('./map-view.tsx'));

export function LazyMap(props: MapViewProps & { height: number }) {
  return (
    <Suspense fallback={<div className="map map-placeholder" style={{ height: props.height }} />}>
      <MapView {...props} />
    </Suspense>
  );
}
