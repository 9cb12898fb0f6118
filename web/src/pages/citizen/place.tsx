/**
 * Where it happened (R-5.2, R-6.1c): a pin on the map (tap or click), the device's position, or coordinates
 * typed in (for keyboards and screen readers); then the commune the point falls in, or a warning that it is
 * outside Hanoi; and the address in words.
 */
import { Component, useEffect, useState, type ReactNode } from 'react';
import { api } from '../../api/client.ts';
import { LazyMap } from '../../components/lazy-map.tsx';
import { defineStrings, useT } from '../../i18n/strings.ts';
import { LIMITS } from './shared.tsx';

const s = defineStrings(
  {
    legend: 'Vị trí xảy ra',
    legendOptional: 'Vị trí liên quan (không bắt buộc)',
    hint: 'Chạm hoặc bấm vào bản đồ để đặt ghim đúng nơi xảy ra, dùng vị trí hiện tại của bạn, hoặc nhập tọa độ.',
    mapLabel: 'Bản đồ chọn vị trí: chạm để đặt ghim',
    useMyLocation: 'Dùng vị trí của tôi',
    locating: 'Đang lấy vị trí của bạn…',
    located: 'Đã đặt ghim tại vị trí của bạn (sai số khoảng {m} m).',
    geoDenied: 'Bạn chưa cho phép iHanoi dùng vị trí. Hãy cho phép trong cài đặt trình duyệt, hoặc chạm vào bản đồ.',
    geoFailed: 'Không lấy được vị trí của thiết bị. Hãy chạm vào bản đồ hoặc nhập tọa độ.',
    geoUnsupported: 'Thiết bị không hỗ trợ định vị.',
    lat: 'Vĩ độ',
    lng: 'Kinh độ',
    coordsHint: 'Ví dụ vĩ độ 21.0285, kinh độ 105.8542.',
    applyCoords: 'Đặt ghim theo tọa độ',
    badCoords: 'Tọa độ không hợp lệ: vĩ độ từ -90 đến 90, kinh độ từ -180 đến 180.',
    clearPin: 'Bỏ ghim',
    noPin: 'Chưa đặt ghim.',
    pinAt: 'Ghim tại {lat}, {lng}.',
    commune: 'Xã/phường: {name}',
    approximate: '(điểm nằm sát ranh giới, lấy xã/phường gần nhất)',
    outside: 'Điểm này nằm ngoài địa bàn thành phố Hà Nội. iHanoi chỉ tiếp nhận phản ánh trên địa bàn Hà Nội; hãy đặt lại ghim.',
    communeUnknown: 'Chưa xác định được xã/phường (không có mạng). Việc này sẽ được kiểm tra khi gửi.',
    lookingUp: 'Đang xác định xã/phường…',
    address: 'Địa chỉ, mô tả nơi xảy ra (không bắt buộc)',
    addressHint: 'Ví dụ: trước số nhà 12 phố Hàng Bạc, gần cột điện. Tối đa {max} ký tự.',
    mapFailed: 'Không tải được bản đồ (có thể do mất mạng). Bạn vẫn có thể dùng vị trí của mình hoặc nhập tọa độ.',
  },
  {
    legend: 'Where it happened',
    legendOptional: 'Related place (optional)',
    hint: 'Tap or click the map to drop a pin exactly where it happened, use your current position, or type coordinates.',
    mapLabel: 'Map to choose the place: tap to drop the pin',
    useMyLocation: 'Use my location',
    locating: 'Finding your position…',
    located: 'Pin dropped at your position (accuracy about {m} m).',
    geoDenied: 'iHanoi may not use your location. Allow it in the browser settings, or tap the map.',
    geoFailed: 'Could not get the device position. Tap the map or type coordinates.',
    geoUnsupported: 'This device cannot tell its position.',
    lat: 'Latitude',
    lng: 'Longitude',
    coordsHint: 'For example latitude 21.0285, longitude 105.8542.',
    applyCoords: 'Drop the pin at these coordinates',
    badCoords: 'Invalid coordinates: latitude from -90 to 90, longitude from -180 to 180.',
    clearPin: 'Remove the pin',
    noPin: 'No pin yet.',
    pinAt: 'Pin at {lat}, {lng}.',
    commune: 'Commune/ward: {name}',
    approximate: '(the point is on a boundary; the nearest commune was taken)',
    outside: 'This point is outside Hanoi. iHanoi only takes reports within Hanoi; please move the pin.',
    communeUnknown: 'Could not tell the commune (offline). It will be checked when you send.',
    lookingUp: 'Finding the commune…',
    address: 'Address or description of the place (optional)',
    addressHint: 'For example: in front of no. 12 Hang Bac street, next to the power pole. At most {max} characters.',
    mapFailed: 'The map could not be loaded (perhaps offline). You can still use your location or type coordinates.',
  },
);

export interface Point {
  lat: number;
  lng: number;
}

interface UnitAt {
  inHanoi: boolean;
  approximate?: boolean;
  unit?: { version: string; code: string; fullName: string };
}

/** A map that failed to load (offline, chunk missing) must not take the form down with it. */
class MapBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

const round = (n: number) => Number(n.toFixed(6));

export function PlaceField({
  value,
  onChange,
  address,
  onAddress,
  required,
  error,
  addressError,
}: {
  value: Point | null;
  onChange: (p: Point | null) => void;
  address: string;
  onAddress: (a: string) => void;
  required: boolean;
  error?: string | undefined;
  addressError?: string | undefined;
}) {
  const t = useT(s);
  const [focus, setFocus] = useState<Point | null>(value);
  const [geo, setGeo] = useState<{ busy: boolean; message: string; bad: boolean }>({ busy: false, message: '', bad: false });
  const [lat, setLat] = useState(value ? String(value.lat) : '');
  const [lng, setLng] = useState(value ? String(value.lng) : '');
  const [coordsError, setCoordsError] = useState('');
  const [unit, setUnit] = useState<{ state: 'idle' | 'loading' | 'done' | 'failed'; at?: UnitAt }>({ state: 'idle' });

  // The typed coordinates follow the pin wherever it came from.
  useEffect(() => {
    setLat(value ? String(value.lat) : '');
    setLng(value ? String(value.lng) : '');
  }, [value]);

  useEffect(() => {
    if (!value) {
      setUnit({ state: 'idle' });
      return;
    }
    let alive = true;
    setUnit({ state: 'loading' });
    api.get<UnitAt>('/api/v1/units/at', { lat: value.lat, lng: value.lng }).then(
      (at) => alive && setUnit({ state: 'done', at }),
      () => alive && setUnit({ state: 'failed' }),
    );
    return () => {
      alive = false;
    };
  }, [value]);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setGeo({ busy: false, message: t('geoUnsupported'), bad: true });
      return;
    }
    setGeo({ busy: true, message: t('locating'), bad: false });
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const p = { lat: round(pos.coords.latitude), lng: round(pos.coords.longitude) };
        onChange(p);
        setFocus(p);
        setGeo({ busy: false, message: t('located', { m: Math.round(pos.coords.accuracy) }), bad: false });
      },
      (err) => setGeo({ busy: false, message: err.code === err.PERMISSION_DENIED ? t('geoDenied') : t('geoFailed'), bad: true }),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  };

  const applyCoords = () => {
    const a = Number(lat.replace(',', '.'));
    const b = Number(lng.replace(',', '.'));
    if (!lat.trim() || !lng.trim() || !Number.isFinite(a) || !Number.isFinite(b) || Math.abs(a) > 90 || Math.abs(b) > 180) {
      setCoordsError(t('badCoords'));
      return;
    }
    setCoordsError('');
    const p = { lat: round(a), lng: round(b) };
    onChange(p);
    setFocus(p);
  };

  return (
    <fieldset className="place-field" aria-describedby="place-hint">
      <legend>{required ? t('legend') : t('legendOptional')}</legend>
      <p className="hint" id="place-hint">
        {t('hint')}
      </p>
      <div className="row">
        <button type="button" className="button secondary" onClick={locate} disabled={geo.busy}>
          {t('useMyLocation')}
        </button>
        {value && (
          <button type="button" className="button secondary small" onClick={() => onChange(null)}>
            {t('clearPin')}
          </button>
        )}
      </div>
      <p className={geo.bad ? 'field-error' : 'small'} role="status" aria-live="polite">
        {geo.message}
      </p>
      <MapBoundary fallback={<p className="warning-box">{t('mapFailed')}</p>}>
        <LazyMap pin={value} focus={focus} height={300} label={t('mapLabel')} onPick={(a, b) => onChange({ lat: a, lng: b })} />
      </MapBoundary>
      {error && <p className="field-error">{error}</p>}
      <div className="place-status" role="status" aria-live="polite">
        <p className="small">{value ? t('pinAt', { lat: value.lat, lng: value.lng }) : t('noPin')}</p>
        {unit.state === 'loading' && <p className="small muted">{t('lookingUp')}</p>}
        {unit.state === 'failed' && <p className="small muted">{t('communeUnknown')}</p>}
        {unit.state === 'done' && unit.at?.inHanoi && unit.at.unit && (
          <p className="commune">
            <strong>{t('commune', { name: unit.at.unit.fullName })}</strong> {unit.at.approximate ? <span className="small muted">{t('approximate')}</span> : null}
          </p>
        )}
        {unit.state === 'done' && unit.at && !unit.at.inHanoi && <p className="warning-box">{t('outside')}</p>}
      </div>
      <div className="coords" role="group" aria-describedby="coords-hint">
        <div>
          <label htmlFor="place-lat">{t('lat')}</label>
          <input id="place-lat" inputMode="decimal" autoComplete="off" value={lat} onChange={(e) => setLat(e.target.value)} aria-invalid={coordsError ? true : undefined} />
        </div>
        <div>
          <label htmlFor="place-lng">{t('lng')}</label>
          <input id="place-lng" inputMode="decimal" autoComplete="off" value={lng} onChange={(e) => setLng(e.target.value)} aria-invalid={coordsError ? true : undefined} />
        </div>
        <button type="button" className="button secondary small" onClick={applyCoords}>
          {t('applyCoords')}
        </button>
      </div>
      <p className="hint" id="coords-hint">
        {t('coordsHint')}
      </p>
      {coordsError && <p className="field-error">{coordsError}</p>}
      <label htmlFor="place-address">{t('address')}</label>
      <input
        id="place-address"
        value={address}
        maxLength={LIMITS.addressMax}
        onChange={(e) => onAddress(e.target.value)}
        aria-describedby="address-hint"
        aria-invalid={addressError ? true : undefined}
      />
      <p className="hint" id="address-hint">
        {t('addressHint', { max: LIMITS.addressMax })}
      </p>
      {addressError && <p className="field-error">{addressError}</p>}
    </fieldset>
  );
}
