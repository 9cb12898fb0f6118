/**
 * Maps without the internet (issue 7): Hanoi's current communes drawn from our own GeoJSON
 * (GET /api/v1/units/outlines); a tile server only when the operator configured one (MAP_TILE_URL). Markers
 * and the report pin are vector circles, so no marker images need to load. Import this module lazily: Leaflet
 * is the largest part of the pages that show a map.
 */
import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { api, once } from '../api/client.ts';
import { useT } from '../i18n/strings.ts';
import { common } from './common.strings.ts';

export interface MapMarker {
  lat: number;
  lng: number;
  label: string;
  /** Colour by state or lateness; defaults to the brand red. */
  color?: string;
  onClick?: () => void;
}

interface WebConfig {
  map: { tileUrl: string | null; attribution: string | null };
}

const loadOutlines = () => once('outlines', () => api.get<GeoJSON.FeatureCollection>('/api/v1/units/outlines'));
const loadConfig = () => once('web-config', () => api.get<WebConfig>('/api/v1/web-config'));

const HANOI: L.LatLngBoundsExpression = [
  [20.56, 105.28],
  [21.39, 106.02],
];

export interface MapViewProps {
  markers?: MapMarker[];
  /** The report's place, drawn as a pin. */
  pin?: { lat: number; lng: number } | null;
  /** When given, a click or tap on the map places the pin there. */
  onPick?: (lat: number, lng: number) => void;
  height?: number;
  label?: string;
  /** Centre here at street zoom instead of showing the whole city. */
  focus?: { lat: number; lng: number } | null;
}

export default function MapView({ markers = [], pin, onPick, height = 320, label, focus }: MapViewProps) {
  const t = useT(common);
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const markerLayer = useRef<L.LayerGroup | null>(null);
  const pinLayer = useRef<L.LayerGroup | null>(null);
  const pickRef = useRef(onPick);
  pickRef.current = onPick;

  useEffect(() => {
    if (!box.current) return;
    const m = L.map(box.current, { zoomSnap: 0.5, attributionControl: true, preferCanvas: true });
    m.fitBounds(HANOI);
    map.current = m;
    markerLayer.current = L.layerGroup().addTo(m);
    pinLayer.current = L.layerGroup().addTo(m);
    m.on('click', (e: L.LeafletMouseEvent) => pickRef.current?.(Number(e.latlng.lat.toFixed(6)), Number(e.latlng.lng.toFixed(6))));
    let alive = true;
    void loadConfig()
      .then((c) => {
        if (alive && c.map.tileUrl) L.tileLayer(c.map.tileUrl, { attribution: c.map.attribution ?? '', maxZoom: 19 }).addTo(m);
      })
      .catch(() => undefined);
    void loadOutlines()
      .then((fc) => {
        if (!alive) return;
        L.geoJSON(fc, {
          style: { color: '#5c6bc0', weight: 1, fillColor: '#e8eaf6', fillOpacity: 0.25 },
          onEachFeature: (f, layer) => layer.bindTooltip(String((f.properties as { fullName?: string }).fullName ?? ''), { sticky: true }),
          // Clicks go through to the map so a pin can be placed anywhere.
          interactive: !pickRef.current,
        }).addTo(m);
      })
      .catch(() => undefined);
    return () => {
      alive = false;
      m.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const layer = markerLayer.current;
    if (!layer) return;
    layer.clearLayers();
    for (const mk of markers) {
      const c = L.circleMarker([mk.lat, mk.lng], { radius: 7, color: '#fff', weight: 2, fillColor: mk.color ?? '#b71c1c', fillOpacity: 0.9 }).bindTooltip(mk.label);
      if (mk.onClick) c.on('click', mk.onClick);
      c.addTo(layer);
    }
  }, [markers]);

  useEffect(() => {
    const layer = pinLayer.current;
    if (!layer) return;
    layer.clearLayers();
    if (pin) {
      L.circleMarker([pin.lat, pin.lng], { radius: 10, color: '#fff', weight: 3, fillColor: '#b71c1c', fillOpacity: 1, interactive: false }).addTo(layer);
      L.circleMarker([pin.lat, pin.lng], { radius: 22, color: '#b71c1c', weight: 2, fill: false, interactive: false }).addTo(layer);
    }
  }, [pin]);

  useEffect(() => {
    if (focus && map.current) map.current.setView([focus.lat, focus.lng], 16);
  }, [focus]);

  return <div ref={box} className="map" style={{ height }} role="region" aria-label={label ?? t('mapLabel')} title={t('mapNoTiles')} />;
}
